"""The plain pipeline a user would assemble: the same model, FAISS top-k over the same chunks.

No question understanding, no lexical fusion, no query cache, no abstaining: embed the
question, take the nearest chunks from an IndexFlatIP, return their sessions best first.
It is the yardstick the answer benchmark reports its ratios against."""

from __future__ import annotations

from collections.abc import Sequence

import faiss
import numpy as np

from assistant.search.chunker import Chunk
from assistant.search.embedder import Embedder


class PlainPipeline:
    """Dense retrieval only: question -> the top-k sessions of its nearest chunks."""

    def __init__(self, chunks: Sequence[Chunk], vectors: np.ndarray, embedder: Embedder) -> None:
        self.session_of = [c.session_id for c in chunks]
        self.embedder = embedder
        # inner product == cosine: the chunk vectors are L2-normalised
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def ask(self, question: str, k: int = 5) -> list[str]:
        """The ids of the k sessions whose chunks are nearest the question, best first."""
        query = self.embedder.embed([question])  # uncached, as sentence-transformers does
        faiss.omp_set_num_threads(1)  # the same single-query setting the assistant's store uses
        _, positions = self.index.search(query, k * 4)
        sessions: list[str] = []
        for position in positions[0].tolist():
            if position >= 0 and self.session_of[position] not in sessions:
                sessions.append(self.session_of[position])
        return sessions[:k]
