"""A serving worker imports what answering needs: torch for the model, not sentence-transformers,
transformers, scikit-learn or SymPy (about 190 MB a worker and 3.5 s of its start). Of SciPy
only scipy.sparse, which bm25s keeps its index in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_IMPORTED = ("sentence_transformers", "transformers", "sklearn", "sympy", "scipy.stats")

WORKER = """
import json, sys
from fastapi.testclient import TestClient
from assistant.config import Settings
from assistant.service.app import create_app

app = create_app(Settings(index_dir=sys.argv[1], rate_limit=0, log_questions=False))
with TestClient(app) as client:  # the lifespan: the index loaded, the model warmed up
    assert client.get("/readyz").status_code == 200
    answer = client.post("/api/chat", json={"message": "anything on patient safety?"})
    assert answer.status_code == 200, answer.text
print(json.dumps(sorted(sys.modules)))
"""


def test_a_serving_worker_answers_without_sentence_transformers_or_scikit_learn(
    seed_index: Path,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(seed_index)],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    imported = set(json.loads(done.stdout.splitlines()[-1]))
    assert "torch" in imported and "faiss" in imported  # it did load the model and the index
    assert imported.isdisjoint(NOT_IMPORTED), sorted(imported & set(NOT_IMPORTED))
