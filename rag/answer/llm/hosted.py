"""Any OpenAI-compatible chat endpoint (DeepSeek, DashScope, SenseNova, vLLM, Ollama, llama.cpp's
server, ...), from RAG_LLM_BASE_URL / RAG_LLM_API_KEY / RAG_LLM_MODEL. The openai client retries
connection errors, 429s and 5xx with exponential backoff; what still fails becomes one clear line."""

from __future__ import annotations

from collections.abc import Iterator

from rag.answer.llm import LLMUnavailable
from rag.config import Settings


class HostedLLM:
    backend = "hosted"

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_base_url or not settings.llm_model:
            raise LLMUnavailable("the hosted backend needs RAG_LLM_BASE_URL and RAG_LLM_MODEL (and RAG_LLM_API_KEY)")
        import openai

        self._openai = openai
        self.model = settings.llm_model
        self.base_url = settings.llm_base_url
        self._client = openai.OpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key or "no-key",
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_retries,
        )

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        errors = self._openai
        try:
            response = self._client.chat.completions.create(
                model=self.model, messages=messages, max_tokens=max_tokens, temperature=0.0, stream=True
            )
            for chunk in response:
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        yield choice.delta.content
        except errors.AuthenticationError as err:
            raise LLMUnavailable(
                f"the hosted API at {self.base_url} refused the API key (check RAG_LLM_API_KEY)"
            ) from err
        except errors.NotFoundError as err:
            raise LLMUnavailable(
                f"the hosted API at {self.base_url} does not know model {self.model!r} "
                "(check RAG_LLM_MODEL and RAG_LLM_BASE_URL)"
            ) from err
        except errors.APITimeoutError as err:
            raise LLMUnavailable(f"the hosted API at {self.base_url} did not answer in time") from err
        except errors.APIConnectionError as err:
            raise LLMUnavailable(f"the hosted API at {self.base_url} is unreachable ({err.__cause__ or err})") from err
        except errors.APIStatusError as err:
            raise LLMUnavailable(
                f"the hosted API at {self.base_url} answered HTTP {err.status_code}: {_first_line(err.message)}"
            ) from err


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0][:200] if text and text.strip() else "(no message)"
