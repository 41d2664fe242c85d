"""A small fixed-seed run of the accuracy benchmark (bench/accuracy.py) in real kernels.

It checks that the harness runs end to end against the built `nbfresh` CLI, and that recall
and plan correctness do not fall below what this same run measured (see the thresholds).
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
QUICK_CORPUS_NOTEBOOKS = (
    "DChrispim__My-Solutions-To-Complete-Python-3-Bootcamp/17-06-Test.ipynb",
    "mGalarnyk__Python_Tutorials/Python_Basics/Intro/Python3Basics_Video2_Blog_Companion.ipynb",
)
SEED = 7
SESSIONS = 14

# Measured on exactly this run (seed 7, 14 sessions over bench/notebooks and the two corpus
# notebooks above) on 2026-11-21 with nbfresh CLI build bf1606c0d295 (the digest that
# bench/accuracy.py prints): recall 1.000 (15 of 15 stale cells flagged), plans correct in 10
# of 14 sessions (0.714; the 4 others cannot be restored in the live kernel: a deleted or moved
# definition whose value the kernel still holds, and nbfresh says so in planWarnings).
# Raise them when the analysis improves; a drop means a regression in the flags or plans.
MIN_RECALL = 1.0
MIN_PLAN_CORRECT = 10 / 14


@pytest.mark.skipif(shutil.which("node") is None, reason="the nbfresh CLI needs Node.js")
def test_small_fixed_seed_run(tmp_path):
    out = tmp_path / "accuracy.json"
    command = [
        sys.executable,
        str(ROOT / "bench" / "accuracy.py"),
        "--corpus",
        str(ROOT / "bench" / "notebooks"),
        "--notebooks",
        "notebooks/*",
        "--seed",
        str(SEED),
        "--sessions",
        str(SESSIONS),
        "--jobs",
        "2",
        "--replays",
        "0",
        "--out",
        str(out),
        "--calibration",
        str(tmp_path / "calibration.json"),
    ]
    if CORPUS.is_dir():
        command += ["--corpus", str(CORPUS)]
        for name in QUICK_CORPUS_NOTEBOOKS:
            command += ["--notebooks", f"corpus/{name}"]
    proc = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]

    data = json.loads(out.read_text())
    overall = data["summary"]["overall"]
    statuses = data["summary"]["statuses"]
    # Every session ran to the end: no harness bug, no CLI failure, no timeout.
    assert statuses == {"ok": SESSIONS}, proc.stderr[-3000:]
    assert overall["stale_cells"] > 0, "the sessions should make some cells stale"
    assert overall["recall"] >= MIN_RECALL, proc.stdout
    assert overall["plan_correct"] >= MIN_PLAN_CORRECT, proc.stdout
