"""A fixed subset of the edit benchmark (bench/edits.py) against the built `nbfresh` CLI.

No case that `nbfresh plan` got right before may fail now: bench/edits/passing.txt lists the
cases that passed when it was written (`python bench/edits.py --write-passing
bench/edits/passing.txt`); cases that newly pass are welcome. The subset
(bench/edits/subset.txt) is also run once in a real kernel, which must show what the forked
shells of the harness show.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDITS = ROOT / "bench" / "edits"


def _ids(path):
    return {line.strip() for line in path.read_text().split("\n") if line.strip()}


@pytest.mark.skipif(shutil.which("node") is None, reason="the nbfresh CLI needs Node.js")
def test_no_case_that_passed_fails(tmp_path):
    subset = _ids(EDITS / "subset.txt")
    guarded = subset & _ids(EDITS / "passing.txt")
    # A subset without a passing case would guard nothing.
    assert guarded, "subset.txt should hold cases that passed"
    out = tmp_path / "edits.json"
    command = [
        sys.executable,
        str(ROOT / "bench" / "edits.py"),
        "--subset",
        str(EDITS / "subset.txt"),
        "--policies",
        "runall",
        "--check-kernel",
        "--passing",
        str(EDITS / "passing.txt"),
        "--jobs",
        "2",
        "--out",
        str(out),
    ]
    proc = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.exists(), proc.stderr[-3000:]
    cases = json.loads(out.read_text())["cases"]
    assert {case["id"] for case in cases} == subset
    broken = {case["id"]: case.get("reason", "")[:300] for case in cases if case["status"] != "ok"}
    assert not broken, broken
    mismatched = {case["id"]: case["kernel_mismatch"] for case in cases if case["kernel_mismatch"]}
    assert not mismatched, f"a real kernel shows otherwise than the harness's shells: {mismatched}"
    failed = sorted(case["id"] for case in cases if not case["policies"]["nbfresh:current"]["pass"])
    regressed = sorted(guarded & set(failed))
    assert not regressed, f"passed before, fail now: {regressed}\n{proc.stdout[-3000:]}"
    assert proc.returncode == 0, proc.stdout[-3000:]
