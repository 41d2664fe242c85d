"""The edit benchmark's state probe (bench/stateprobe.py) in the harness's IPython shells.

Two runs that print the same can leave different states (a frame that lost a column); two
identical runs must describe their states alike, or every case would be judged state-wrong.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from forkshell import ForkShell
from stateprobe import differences


def _cells(*sources):
    return [{"id": f"c{i}", "type": "code", "source": source} for i, source in enumerate(sources)]


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    folder = tmp_path_factory.mktemp("state") / "nb"
    folder.mkdir()
    with ForkShell(folder, 60) as zygote:
        yield zygote


def test_states_that_print_the_same_differ(shell):
    start = 'import pandas as pd\ndf = pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})'
    twice = shell.run_all(
        _cells(start, 'df.set_index("k", inplace=True)', 'df.set_index("v", inplace=True)', "print(df.index)")
    )
    fresh = _cells(start, 'df.set_index("v", inplace=True)', "print(df.index)")
    once, again = shell.run_all(fresh), shell.run_all(fresh)
    assert twice[0]["c3"] == once[0]["c2"]
    # The unseeded generators differ from run to run and are not judged.
    assert differences(twice[2], once[2], again[2]) == ["df"]


def test_identical_runs_describe_the_same_state(shell):
    cells = _cells(
        "import random, numpy as np, pandas as pd, matplotlib.pyplot as plt\n"
        "from sklearn.linear_model import Ridge\nrandom.seed(1)\nnp.random.seed(2)",
        "class Box:\n    items = []\n    def __init__(self, n):\n        self.n = n\n        self.items.append(n)\n"
        "box = Box(3)\ndef count(xs=[]):\n    xs.append(1)\n    return len(xs)\ncount()",
        "frame = pd.DataFrame({'a': [1.5, 2.5], 'b': [[1], [2]]})\narr = np.arange(6).reshape(2, 3)\n"
        "model = Ridge(alpha=0.5).fit([[0.0], [1.0]], [0.0, 1.0])\ndraws = [random.random(), np.random.rand()]",
        "gen = (i * i for i in range(5))\nnext(gen)\nit = iter([1, 2, 3])\nnext(it)\n"
        "fig, ax = plt.subplots()\nax.set_title('t')\nax.plot([1, 2])\nopen('out.txt', 'w').write('x')\n"
        "rng = random.Random(5)",
    )
    first, second = shell.run_all(cells)[2], shell.run_all(cells)[2]
    assert first == second
    assert {
        "box",
        "Box",
        "count",
        "frame",
        "arr",
        "model",
        "gen",
        "it",
        "fig",
        "ax",
        "file:out.txt",
    } <= first.keys()
    # Described by value, not by type alone.
    assert all(":" in first[name] for name in ("box", "Box", "count", "frame", "arr", "model", "gen", "it"))
    # One more draw of the seeded generator, one consumed element, one more default: all state.
    third = shell.run_all(cells + _cells("random.random(); next(it); count(); rng.random()"))[2]
    assert differences(third, first, second) == ["count", "it", "random:python", "rng"]


def test_an_instance_of_a_class_since_redefined_differs(shell):
    old, new = "class A:\n    def f(self):\n        return 1", "class A:\n    def f(self):\n        return 2"
    stale = shell.run_all(_cells(old, "a = A()", new, "print(A().f())"))
    fresh = _cells(new, "a = A()", "print(A().f())")
    once, again = shell.run_all(fresh), shell.run_all(fresh)
    assert stale[0]["c3"] == once[0]["c2"]
    assert differences(stale[2], once[2], again[2]) == ["a"]


def test_unstable_keys_are_not_judged_and_stale_names_are():
    first = {"a": "int: 1", "r": "x", "f": "file 1"}
    second = {"a": "int: 1", "r": "y", "f": "file 1"}
    policy = {"a": "int: 2", "r": "z", "old": "int: 5"}
    assert differences(policy, first, second) == ["a", "f", "old"]


@pytest.mark.skipif(shutil.which("node") is None, reason="the nbfresh CLI needs Node.js")
def test_the_benchmark_reports_state_wrong_sets(tmp_path):
    out = tmp_path / "edits.json"
    command = [
        sys.executable,
        str(ROOT / "bench" / "edits.py"),
        "--only",
        "libraries/pandas-set-index-inplace",
        "--policies",
        "edited,below,smallest",
        "--jobs",
        "1",
        "--out",
        str(out),
    ]
    proc = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.exists(), proc.stderr[-3000:]
    (case,) = json.loads(out.read_text())["cases"]
    policies = case["policies"]
    # Re-running the print shows the right index; the frame still lacks the column "k".
    assert policies["below"]["correct"] and policies["below"]["state_wrong"] == ["df"]
    assert policies["smallest"]["size"] == 1 and not policies["smallest"]["state_correct"]
    assert policies["smallest_state"]["size"] == 3
    assert "Output-correct but state-wrong" in proc.stdout
