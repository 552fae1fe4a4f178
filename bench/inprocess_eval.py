"""An in-process adapter for ../shared/eval/score.py (`--target baseline --baseline-module`).

It builds each programme's index once (cached under index/eval-*) and answers through the same
Assistant the server uses, without starting a server per clock: a quick loop while tuning.
`make eval` runs the real HTTP target."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from assistant.answers.engine import Assistant
from assistant.search.embedder import Embedder
from assistant.search.store import build_index
from assistant.sources import load_programme
from assistant.sources.faq_file import read_faq, split_faq

ROOT = Path(__file__).resolve().parent.parent
_EMBEDDER = Embedder()


class Baseline:
    """score.py's in-process target: `Baseline(paths).chat(message, context=..., now=...)`."""

    def __init__(self, paths: list[Path], method: str = "") -> None:
        key = hashlib.sha1("|".join(map(str, paths)).encode()).hexdigest()[:10]
        index_dir = ROOT / "index" / f"eval-{key}"
        programme_paths, faq_paths = split_faq(paths)  # a faq.md is the organisers' FAQ
        faq = read_faq(faq_paths).text or None
        build_index(load_programme(programme_paths), index_dir, _EMBEDDER, progress=False, faq=faq)
        self.assistant = Assistant.load(index_dir, _EMBEDDER)

    def chat(self, message: str, context: Any = None, now: str | None = None) -> dict[str, Any]:
        moment = self.assistant.clock(now)
        return self.assistant.reply(message, context=context, now=moment).to_json()
