"""programme-assistant: answers delegates' questions from a conference programme."""

import os

# Before torch or faiss loads OpenMP: busy-waiting threads collapse when the cores are shared
# (a query took 500 ms instead of 12 with the default policy on a busy two-core machine; bench/).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
