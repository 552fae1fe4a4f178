"""The calibrated answerability model: loads as trained, trusts strong evidence, not weak."""

from __future__ import annotations

import json

from assistant.answers.answerability import MODEL_FILE, Evidence, shipped_model


def test_the_shipped_model_was_chosen_on_held_out_programmes_at_two_percent_false_answers():
    trained = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    held_out = trained["held_out"]["all"]
    assert held_out["false_model"] <= 0.02 * held_out["negatives"] + 1
    assert len(trained["trained_on"]) >= 12


def test_a_rare_title_word_matched_whole_is_trusted_and_a_brush_of_words_is_not():
    model = shipped_model()
    package_name = Evidence(
        dense=0.38, lexical=1.0, margin=0.3, covered=1.0, title_covered=1.0, rare=True, words=1
    )
    brush = Evidence(
        dense=0.25, lexical=0.1, margin=0.01, covered=0.2, title_covered=0.0, rare=False, words=3
    )
    assert model.answers(package_name)
    assert not model.answers(brush)
