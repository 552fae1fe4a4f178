"""The model run on torch alone gives sentence-transformers' vectors bit for bit, and the same
word pieces, on real chunk texts (English, German, long ones cut at 256 pieces) and questions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.search.chunker import chunk_session
from assistant.search.embedder import MODEL_NAME, batches, model_path
from assistant.search.minilm import MAX_WORD_PIECES, MiniLM
from assistant.sources import load_programme

QUESTIONS = [
    "is there anything on patient safety?",
    "Gibt's was zu Klimamodellen?",
    "who's talking about the boeing 737 max crashes",
    "wann spricht Linus Neumann?",
    "x",
]


@pytest.fixture(scope="module")
def sentence_transformer() -> Any:
    """sentence-transformers' model as the embedder ran it before minilm.py: its linear layers
    in bfloat16, encode under bfloat16 autocast."""
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    for module in model.modules():
        if isinstance(module, torch.nn.Linear):
            module.to(torch.bfloat16)
    return model


def st_encode(model: Any, texts: Sequence[str]) -> np.ndarray:
    import torch

    with torch.autocast("cpu", dtype=torch.bfloat16):
        vectors: np.ndarray = model.encode(
            list(texts),
            batch_size=len(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    return vectors


def c3_texts(shared_data: Path, sessions: int = 60) -> list[str]:
    source = shared_data / "36c3" / "stages.schedule.json"
    if not source.exists():
        pytest.skip(f"needs {source}")
    programme = load_programme([source]).programme
    chunks = (c for s in programme.sessions[:sessions] for c in chunk_session(s, MODEL_NAME))
    return list(dict.fromkeys(c.text for c in chunks))


def test_the_model_gives_sentence_transformers_encode_vectors_bit_for_bit(
    sentence_transformer: Any, shared_data: Path
) -> None:
    model = MiniLM(model_path())
    texts = c3_texts(shared_data) + QUESTIONS
    pieces = model.word_pieces(texts)
    tokenizer = sentence_transformer.tokenizer
    expected = tokenizer(texts, truncation=True, max_length=MAX_WORD_PIECES)["input_ids"]
    assert pieces == expected
    assert max(len(p) for p in pieces) == MAX_WORD_PIECES  # long abstracts are cut, as encode does
    for batch in batches([len(p) for p in pieces]):  # texts of one length, as the embedder runs
        ours = model.vectors([pieces[i] for i in batch])
        theirs = st_encode(sentence_transformer, [texts[i] for i in batch])
        assert ours.dtype == np.float32
        assert np.array_equal(ours, theirs), [texts[i][:60] for i in batch]
    for question in QUESTIONS:  # one at a time, as a worker embeds them
        ours = model.vectors(model.word_pieces([question]))
        assert np.array_equal(ours, st_encode(sentence_transformer, [question])), question
