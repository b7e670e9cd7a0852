"""`rag serve`: the chat page. One Pipeline (one index, one model) serves every visitor; answers
queue on one worker so the model is never loaded or run twice at once. The same ask is exposed
as the API endpoint /ask (see README: gradio_client)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import gradio as gr

from rag.answer.llm import LLMUnavailable
from rag.answer.result import Answer
from rag.config import Settings
from rag.conversation import Conversation, Turn
from rag.ingest.uploads import UploadRejected
from rag.pipeline import Pipeline
from rag.text.normalize import is_chinese
from rag.text.question import BadQuestion, check_question
from rag.web.documents import Library
from rag.web.render import (
    answer_markdown,
    answer_notes,
    failure_note,
    loading_note,
    operands_html,
    rewritten_note,
    sources_html,
)

EXAMPLES = [
    "商汤2022年营业收入是多少？",
    "2023年上半年的毛利率是多少？",
    "What was SenseTime's revenue in 2022?",
    "How many GPUs does SenseCore have?",
]
BACKENDS = {
    "local": "Local model · 本地模型",
    "hosted": "Hosted API · 托管模型",
    "none": "No model: quote passages · 仅引用原文",
}
UPLOAD_TYPES = [".txt", ".md", ".pdf", ".html", ".htm", ".docx"]

# Citations [n] in the chat are links; a click opens that source in the sources panel (through the
# panel's "click" event, so a citation of an earlier answer shows that answer's sources).
SOURCES_JS = """
if (!window.__ragCitations) {
  window.__ragCitations = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href*="#source-"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const found = link.getAttribute('href').match(/#source-(\\d+)-(\\d+)/);
    if (found) trigger('click', {turn: Number(found[1]), n: Number(found[2])});
  }, true);
}
watch('value', () => {
  const opened = element.querySelector('details[open]');
  if (!opened) return;
  opened.scrollIntoView({block: 'nearest'});
  const mark = opened.querySelector('mark');
  if (mark) mark.scrollIntoView({block: 'center'});
});
"""

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto; }
#title h1 { font-size: 1.45rem; margin: 0.2rem 0 0; }
#title p { margin: 0.1rem 0 0; color: var(--body-text-color-subdued); }
#status { font-size: 0.9rem; }
#status p { margin: 0; }
a.cite, #chat a[href*="#source-"] { font-weight: 600; text-decoration: none; cursor: pointer; }
.rewritten { font-size: 0.85em; color: var(--body-text-color-subdued); margin-bottom: 0.3rem; }
.note { font-size: 0.85em; color: var(--body-text-color-subdued); }
p.plan { font-size: 0.85em; opacity: 0.8; margin: 0.5rem 0 0; }
table.operands { font-size: 0.85em; border-collapse: collapse; margin-top: 0.5rem; }
table.operands th, table.operands td { padding: 0.15rem 0.6rem; border-bottom: 1px solid var(--border-color-primary); }
.bars { margin-top: 0.4rem; font-size: 0.85em; }
.bar { display: flex; align-items: center; gap: 0.4rem; margin: 0.15rem 0; }
.bar-label { min-width: 7rem; }
.bar-fill { display: inline-block; height: 0.8rem; background: var(--color-accent); border-radius: 2px; }
.sources h3 { margin: 0 0 0.5rem; font-size: 1rem; }
.sources.empty p { color: var(--body-text-color-subdued); font-size: 0.9rem; }
details.source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.45rem 0.7rem;
  margin-bottom: 0.5rem; background: var(--block-background-fill); }
details.source summary { cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
details.source[open] { border-color: var(--color-accent); }
details.source .meta, details.source .scores { font-size: 0.8rem; color: var(--body-text-color-subdued);
  overflow-wrap: anywhere; }
details.source .passage { white-space: pre-wrap; font-size: 0.9rem; line-height: 1.55; margin-top: 0.4rem;
  max-height: 22rem; overflow-y: auto; overflow-wrap: anywhere; }
details.source mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
details.source summary .meta, details.source summary .scores { font-weight: 400; }
@media (max-width: 640px) { #title h1 { font-size: 1.2rem; } #chat { height: 380px !important; } }
"""

# System fonts only: the page loads nothing from the internet (no web fonts).
THEME = gr.themes.Soft(
    font=["system-ui", "-apple-system", "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
    font_mono=["ui-monospace", "monospace"],
)


class ModelWarmup:
    """Loads the default model in the background at start, so the first visitor rarely waits; the
    page shows the loading time until it is ready."""

    def __init__(self, pipeline: Pipeline, backend: str) -> None:
        self.pipeline = pipeline
        self.backend = backend
        self.started = time.monotonic()
        self.error = ""
        self.thread = threading.Thread(target=self._load, daemon=True)

    def start(self) -> None:
        if self.backend != "none":
            self.thread.start()

    def _load(self) -> None:
        try:
            self.pipeline.model(self.backend)
        except LLMUnavailable as err:
            self.error = str(err)

    @property
    def loading(self) -> bool:
        return self.thread.is_alive()


def build_app(pipeline: Pipeline, library: Library, warmup: ModelWarmup) -> gr.Blocks:
    settings = pipeline.settings
    backends = [(label, key) for key, label in BACKENDS.items() if key != "hosted" or settings.llm_base_url]

    def status() -> str:
        backend = warmup.backend
        if backend == "none":
            model = "no model: answers quote the passages · 不使用模型，直接引用原文"
        elif warmup.loading:
            model = f"{backend} model loading… {time.monotonic() - warmup.started:.0f} s · 模型加载中"
        elif warmup.error:
            model = f"{backend} model unavailable ({warmup.error}); answers quote the passages"
        else:
            model = f"{backend} · {pipeline.model(backend).model} · ready"
        documents = library.documents()
        chunks = sum(row.chunks for row in documents)
        return f"**Model:** {model}  \n**Index:** {len(documents)} documents · {chunks} chunks · {settings.embed_model}"

    def respond(
        message: str, history: list, conversation: Conversation, backend: str
    ) -> Iterator[tuple[list, str, Conversation, str]]:
        try:
            question, warnings = check_question(message, settings.max_question_chars)
        except BadQuestion:
            gr.Warning("Type a question first · 请先输入问题")
            yield history, gr.skip(), conversation, message
            return
        for warning in warnings:
            gr.Warning(warning)
        language = "zh" if is_chinese(question) else "en"
        asked = conversation.standalone(question)
        turn = len(conversation.turns)
        prefix = rewritten_note(question, asked)
        history = [*history, {"role": "user", "content": question}, {"role": "assistant", "content": prefix + "…"}]
        yield history, gr.skip(), conversation, ""
        if backend == "local" and not pipeline.loaded(backend):  # the hosted client is instant
            loader = ModelWarmup(pipeline, backend)
            loader.start()
            while loader.loading:
                history[-1]["content"] = prefix + loading_note(language, time.monotonic() - loader.started)
                yield history, gr.skip(), conversation, ""
                loader.thread.join(0.5)
        streamed = ""
        try:
            for event in pipeline.ask_stream(asked, None, backend, language):
                if isinstance(event, Answer):
                    answer = event
                    break
                streamed += event
                history[-1]["content"] = prefix + answer_markdown(streamed, turn)
                yield history, gr.skip(), conversation, ""
        except Exception as err:  # shown in the chat; the conversation so far is kept
            pipeline.warn(f"answering {asked!r} failed: {err!r}")
            history[-1]["content"] = prefix + failure_note(language, err)
            yield history, gr.skip(), conversation, ""
            return
        shown = answer_markdown(answer.answer, turn) + operands_html(answer, turn) + answer_notes(answer, streamed)
        history[-1]["content"] = prefix + shown
        conversation.turns.append(Turn(question, asked, answer))
        yield history, sources_html(answer, turn), conversation, ""

    def open_source(conversation: Conversation, event: gr.EventData) -> str:
        turn, n = int(event.turn), int(event.n)
        if not 0 <= turn < len(conversation.turns):
            return gr.skip()
        return sources_html(conversation.turns[turn].answer, turn, opened=n)

    def new_chat() -> tuple[list, str, Conversation, str]:
        return [], sources_html(None, 0), Conversation(), ""

    def ask_api(question: str, backend: str = "") -> dict:
        """Answers one question from the filings; the same JSON as `rag ask --json`. backend:
        "local", "hosted", "none", or "" for the server's default."""
        try:
            return pipeline.ask(question, None, backend or None).to_json()
        except BadQuestion as err:
            raise gr.Error(str(err)) from err

    def document_rows() -> list[list]:
        return [
            [
                row.name,
                row.title,
                " · ".join(part for part in (row.company, row.period) if part) or "–",
                row.pages or "–",
                row.chunks,
                row.added,
                "uploaded" if row.uploaded else "corpus",
            ]
            for row in library.documents()
        ]

    def removable() -> gr.Dropdown:
        choices = [(row.name, row.doc_id) for row in library.documents() if row.uploaded]
        return gr.Dropdown(choices=choices, value=None)

    def add_documents(files: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)):  # noqa: B008
        if not files:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), None
        progress(0, desc="Reading and indexing · 读取并建立索引")
        result = library.add([(Path(path), Path(path).name) for path in files])
        lines = []
        if result.added:
            seconds = result.report.seconds if result.report else 0.0
            lines.append(f"**Added** · 已添加: {', '.join(result.added)} ({seconds:.1f} s). You can ask about it now.")
        lines += [f"**Not added** · 未添加: {problem}" for problem in result.problems]
        return "\n\n".join(lines), document_rows(), removable(), status(), None

    def remove_document(doc_id: str | None):
        if not doc_id:
            return "Choose an uploaded document to remove · 请选择要删除的文件", gr.skip(), gr.skip(), gr.skip()
        name = next((row.name for row in library.documents() if row.doc_id == doc_id), doc_id)
        try:
            report = library.remove(doc_id)
        except UploadRejected as err:  # e.g. removed meanwhile from another page
            return str(err), document_rows(), removable(), status()
        return f"**Removed** · 已删除: {name} ({report.seconds:.1f} s)", document_rows(), removable(), status()

    with gr.Blocks(title="Filings Q&A · 财报问答", analytics_enabled=False) as app:
        with gr.Column(elem_id="title"):
            gr.Markdown(
                "# Filings Q&A · 财报问答\nAsk in 中文 or English. Every answer cites the filings; "
                "click a citation [n] to read the passage. 每个回答都标注出处，点击 [n] 查看原文。"
            )
        status_line = gr.Markdown(status, elem_id="status")
        timer = gr.Timer(1.0, active=warmup.loading)
        conversation = gr.State(Conversation())
        with gr.Tabs():
            with gr.Tab("Chat · 问答", id="chat"), gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=320):
                    chatbot = gr.Chatbot(
                        elem_id="chat",
                        show_label=False,
                        height=520,
                        buttons=["copy"],
                        feedback_options=None,
                        placeholder="Ask about the filings · 询问财报内容",
                    )
                    with gr.Row(equal_height=True):
                        question = gr.Textbox(
                            placeholder="e.g. 商汤2022年营业收入是多少？ / What was the gross margin in H1 2023?",
                            show_label=False,
                            lines=1,
                            max_lines=4,
                            scale=5,
                            elem_id="question",
                            autofocus=True,
                        )
                        send = gr.Button("Ask · 提问", variant="primary", scale=1, min_width=90, elem_id="ask")
                    gr.Examples(EXAMPLES, inputs=question, label="Examples · 示例")
                    with gr.Row():
                        backend = gr.Dropdown(
                            backends, value=warmup.backend, label="Answered by · 回答方式", scale=3, min_width=200
                        )
                        clear = gr.Button("New chat · 新对话", scale=1, min_width=120, elem_id="new-chat")
                with gr.Column(scale=2, min_width=300):
                    sources = gr.HTML(sources_html(None, 0), elem_id="sources", js_on_load=SOURCES_JS)
            with gr.Tab("Documents · 文件", id="documents"):
                gr.Markdown(
                    f"Add filings (.txt .md .pdf .html .docx, up to {settings.max_upload_mb} MB each): they are "
                    "indexed at once and searchable in the chat. Uploaded documents can be removed here; the "
                    "bundled corpus cannot. 上传文件后即可在问答中检索。"
                )
                upload = gr.File(
                    file_count="multiple", file_types=UPLOAD_TYPES, label="Add documents · 添加文件", elem_id="upload"
                )
                upload_message = gr.Markdown(elem_id="upload-message")
                table = gr.Dataframe(
                    document_rows,
                    headers=["File", "Title", "Company · period", "Pages", "Chunks", "Indexed (UTC)", "Source"],
                    interactive=False,
                    wrap=True,
                    elem_id="documents",
                )
                with gr.Row():
                    to_remove = gr.Dropdown(
                        label="Remove an uploaded document · 删除上传的文件",
                        choices=[],
                        scale=3,
                        elem_id="remove-choice",
                    )
                    remove = gr.Button("Remove · 删除", variant="stop", scale=1, elem_id="remove")

        ask_inputs = [question, chatbot, conversation, backend]
        ask_outputs = [chatbot, sources, conversation, question]
        for trigger in (question.submit, send.click):
            trigger(respond, ask_inputs, ask_outputs, api_visibility="private", concurrency_id="model")
        sources.click(open_source, conversation, sources, api_visibility="private", queue=False)
        for trigger in (clear.click, chatbot.clear):
            trigger(new_chat, None, [chatbot, sources, conversation, question], api_visibility="private", queue=False)
        upload.upload(
            add_documents,
            upload,
            [upload_message, table, to_remove, status_line, upload],
            api_visibility="private",
            concurrency_id="index",
        )
        remove.click(
            remove_document,
            to_remove,
            [upload_message, table, to_remove, status_line],
            api_visibility="private",
            concurrency_id="index",
        )
        timer.tick(lambda: (status(), gr.Timer(active=warmup.loading)), None, [status_line, timer], queue=False)
        app.load(removable, None, to_remove, api_visibility="private", queue=False)
        gr.api(ask_api, api_name="ask", concurrency_id="model")
    return app


def serve(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    auth: tuple[str, str] | None = None,
    share: bool = False,
    warn=print,
    info=print,
) -> None:
    """Indexes what is new, starts loading the model, and serves until interrupted. Raises
    AddressInUse before any slow work when the port is taken."""
    host, port = host or settings.serve_host, port or settings.serve_port
    _check_free(host, port)
    pipeline = Pipeline(settings, warn=warn, info=info)
    library = Library(pipeline)
    report = library.sync()
    info(("index updated: " if report.wrote else "index up to date: ") + report.summary())
    warmup = ModelWarmup(pipeline, settings.llm)
    warmup.start()
    app = build_app(pipeline, library, warmup)
    app.queue(default_concurrency_limit=1)
    info(f"serving at http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port} (Ctrl-C stops)")
    app.launch(
        server_name=host,
        server_port=port,
        quiet=True,
        auth=auth,
        share=share,
        ssr_mode=False,
        max_file_size=f"{settings.max_upload_mb}mb",
        footer_links=["api"],
        theme=THEME,
        css=CSS,
    )


class AddressInUse(OSError):
    pass


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((host, port))
        except OSError as err:
            raise AddressInUse(f"cannot listen on {host}:{port} ({err.strerror}); choose another with --port") from err
