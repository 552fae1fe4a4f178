"""The embedder: a text's vector is its own, whatever it is embedded with; batches bounded."""

from __future__ import annotations

import numpy as np

from assistant.search.embedder import BATCH_SIZE, BATCH_TOKENS, Embedder, batches

TEXTS = [
    "Railway punctuality\nTrains run late; we measured every stop.",
    "Hospital wards\nNurses sleep badly; we measured every shift.",
    "Quiet hospitals",
    "Speaker: Laura Pozzobon, University Health Network; Canada",
    "is there anything on patient safety?",
]


def test_a_text_gets_the_vector_it_gets_alone_whatever_it_is_embedded_with(
    embedder: Embedder,
) -> None:
    together = embedder.embed(TEXTS)
    alone = np.stack([embedder.embed([text])[0] for text in TEXTS])
    assert together.dtype == np.float32 and together.shape == (len(TEXTS), embedder.dimension)
    assert np.array_equal(together, alone)  # as a rebuild, a cache or a question relies on
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(
        embedder.embed_query("  is there anything on\npatient safety? "), alone[4]
    )


def test_batches_hold_texts_of_one_length_longest_first_within_the_caps() -> None:
    lengths = [12, 256, 12, 40, 256, 12] + [3] * 300 + [256] * 20
    cut = batches(lengths)
    assert sorted(i for batch in cut for i in batch) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in batch}) == 1 for batch in cut)
    assert [lengths[batch[0]] for batch in cut] == sorted(
        (lengths[batch[0]] for batch in cut), reverse=True
    )
    assert all(len(b) <= BATCH_SIZE and len(b) * lengths[b[0]] <= BATCH_TOKENS for b in cut)
    assert [len(b) for b in cut if lengths[b[0]] == 256] == [8, 8, 6]
