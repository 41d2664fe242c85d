"""The exports, run with real Python: they run to the end in a fresh process, print what a
Restart and Run All prints, leave the same values behind, and add no undefined name or unused
import that `ruff` can see. The exports come from the compiled core (tests/export_with_node.js).
"""
from __future__ import annotations

import ast
import functools
import json
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from exportcheck import (
    ROOT,
    differences,
    ensure_cli_built,
    export,
    nbconvert_script,
    ruff_findings,
    run_all,
    run_python,
    without_timings,
)

NOTEBOOKS = ROOT / "tests" / "notebooks"
DEMO = ROOT / "examples" / "demo.ipynb"
TIMEOUT = 120

# Notebooks whose Restart and Run All succeeds: the exports must reproduce it exactly.
RUN_ALL_OK = ["globals_and_functions", "mutation", "parameters", "code_in_strings"]

# Script options beside the defaults; each must reproduce Run All as well.
SCRIPT_VARIANTS = [
    {},
    {"hoistImports": False, "markdown": False},
    {"magics": "drop", "dropDisplayOnly": True},
]


@pytest.fixture(scope="session", autouse=True)
def compiled_core():
    ensure_cli_built()


@functools.cache
def reference(notebook: Path, by_execution_count: bool = False, parameters: str | None = None):
    return run_all(notebook, TIMEOUT, parameters=parameters, by_execution_count=by_execution_count)


def export_one(notebook: Path, **options) -> dict:
    history = options.pop("history", None)
    [result] = export([{"notebook": str(notebook), "options": options, "history": history}])
    assert "error" not in result, result.get("error")
    return result


def assert_reproduces(run, ref, text: str, ordered: bool = True):
    assert run.ok, f"{run.stderr}\n--- export ---\n{text}"
    if ordered:
        assert without_timings(run.stdout) == without_timings(ref.stdout)
    else:
        # Independent cells may print in another order than the session ran them.
        assert Counter(without_timings(run.stdout).splitlines()) == Counter(
            without_timings(ref.stdout).splitlines()
        )
    assert differences(ref.values, run.values) == []
    assert set(run.values) == set(ref.values)


def assert_no_new_findings(notebook: Path, text: str):
    baseline = ruff_findings(nbconvert_script(notebook))
    assert ruff_findings(text) <= baseline


@pytest.mark.parametrize("options", SCRIPT_VARIANTS, ids=lambda o: json.dumps(o) if o else "defaults")
@pytest.mark.parametrize("name", RUN_ALL_OK)
def test_clean_script_reproduces_run_all(name, options):
    notebook = NOTEBOOKS / f"{name}.ipynb"
    ref = reference(notebook)
    assert ref.ok, ref.stderr
    result = export_one(notebook, format="script", **options)
    run = run_python(result["text"], notebook.parent, TIMEOUT)
    if options.get("dropDisplayOnly") and name == "mutation":
        # Left out: it binds nothing, so output and values stay the same.
        assert "df.describe()" not in result["text"]
    assert_reproduces(run, ref, result["text"])
    assert_no_new_findings(notebook, result["text"])


@pytest.mark.parametrize("name", RUN_ALL_OK)
def test_module_reproduces_run_all(name):
    notebook = NOTEBOOKS / f"{name}.ipynb"
    ref = reference(notebook)
    result = export_one(notebook, format="module")
    run = run_python(result["text"], notebook.parent, TIMEOUT, mode="module")
    assert_reproduces(run, ref, result["text"])
    assert_no_new_findings(notebook, result["text"])


def test_module_options_come_from_the_parameters_cell():
    notebook = NOTEBOOKS / "parameters.ipynb"
    ref = reference(
        notebook,
        parameters='rate = 0.05\nyears = 5\nlabel = "fast"\nverbose = True\nstart = 100.0',
    )
    assert ref.ok, ref.stderr
    text = export_one(notebook, format="module")["text"]
    run = run_python(text, notebook.parent, TIMEOUT, mode="module",
                     args=["--years", "5", "--label", "fast", "--verbose"])
    assert_reproduces(run, ref, text)
    assert "computed 6" in run.stdout


def test_gather_runs_and_gives_the_cells_value():
    notebook = NOTEBOOKS / "globals_and_functions.ipynb"
    ref = reference(notebook)
    # The cell that prints `strict`: it needs the scorer, the data and the stricter threshold.
    result = export_one(notebook, format="gather", cellId="c8")
    run = run_python(result["text"], notebook.parent, TIMEOUT)
    assert run.ok, run.stderr
    assert run.values["strict"] == ref.values["strict"]
    assert "class Tally" not in result["text"]
    assert_no_new_findings(notebook, result["text"])


@pytest.mark.parametrize("fmt", ["script", "module"])
def test_out_of_order_notebook_runs_once_reordered(fmt):
    notebook = NOTEBOOKS / "out_of_order.ipynb"
    top_to_bottom = reference(notebook)
    assert not top_to_bottom.ok and "tax_rate" in top_to_bottom.stderr
    # The session as it ran (each cell once, in execution-count order) is the reference.
    session = reference(notebook, by_execution_count=True)
    assert session.ok, session.stderr
    result = export_one(notebook, format=fmt)
    assert any("tax_rate" in w for w in result["warnings"])
    run = run_python(result["text"], notebook.parent, TIMEOUT, mode=fmt)
    assert_reproduces(run, session, result["text"], ordered=False)
    assert_no_new_findings(notebook, result["text"])


def test_ipython_magics_run_under_ipython():
    notebook = NOTEBOOKS / "magics.ipynb"
    ref = reference(notebook)
    assert ref.ok, ref.stderr
    result = export_one(notebook, format="script", magics="ipython")
    assert "from IPython import get_ipython" in result["text"]
    run = run_python(result["text"], notebook.parent, TIMEOUT, interpreter="ipython")
    assert run.ok, run.stderr
    assert without_timings(run.stdout) == without_timings(ref.stdout)
    assert_no_new_findings(notebook, result["text"])


def test_commented_magics_leave_python_that_says_what_is_missing():
    notebook = NOTEBOOKS / "magics.ipynb"
    result = export_one(notebook, format="script")
    assert "# %%bash" in result["text"] and "# files = !echo one two" in result["text"]
    assert any("`files`" in w for w in result["warnings"])
    run = run_python(result["text"], notebook.parent, TIMEOUT)
    # `files` came from the shell: without IPython the script stops where the notebook used it.
    assert run.reason == "NameError" and "files" in run.stderr
    new = ruff_findings(result["text"]) - ruff_findings(nbconvert_script(notebook))
    assert new == {("F821", "files")}


def test_demo_fails_like_run_all_until_the_deleted_cell_comes_back():
    ref = reference(DEMO)
    assert not ref.ok and "hot" in ref.stderr
    for fmt in ("script", "module"):
        result = export_one(DEMO, format=fmt)
        assert any("`hot`" in w for w in result["warnings"])
        run = run_python(result["text"], DEMO.parent, TIMEOUT, mode=fmt)
        assert run.reason == "NameError" and "'hot'" in run.stderr
        assert_no_new_findings(DEMO, result["text"])


def test_demo_as_run_reproduces_what_is_on_screen():
    """The demo's story: the threshold cell was deleted after it ran, the summary edited."""
    nb = nbformat.read(DEMO, as_version=4)
    source = {cell.id: cell.source for cell in nb.cells}
    runs = [
        ("imports", source["imports"]),
        ("data", source["data"]),
        ("threshold", "hot = 22"),
        ("clean", source["clean"]),
        ("features", source["features"]),
        ("fit", source["fit"]),
        ("summary", 'df.groupby("hot").sales.median()'),
        ("summary", source["summary"]),
        ("roi", source["roi"]),
    ]
    history = [
        {"cellId": cell, "source": text, "executionCount": count, "kernelSession": "k1",
         "status": "ok"}
        for count, (cell, text) in enumerate(runs, start=1)
    ]
    result = export_one(DEMO, format="as-run", history=history)
    text = result["text"]
    assert "hot = 22" in text and "of deleted cell threshold" in text
    assert "median" not in text  # its value was replaced by the later run
    run = run_python(text, DEMO.parent, TIMEOUT)
    assert run.ok, run.stderr
    stored = "".join(
        out.get("text", "")
        for cell in sorted((c for c in nb.cells if c.get("execution_count")),
                           key=lambda c: c.execution_count)
        for out in cell.outputs if out.output_type == "stream"
    )
    assert run.stdout == stored
    assert ruff_findings(text) == set()


PROSE = 'Quotes """ and \'\'\', escapes \\N \\u12 \\x, and a quote at the end"'


@pytest.mark.parametrize("fmt", ["script", "module"])
def test_prose_and_import_comments_survive_as_python_reads_them(tmp_path, fmt):
    """Hoisted imports take their comments along; in a module the notebook's preamble is the
    module docstring and each section's markdown its function's, whatever the text holds."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# Letters\n\nCounts letters. {PROSE}"),
        nbformat.v4.new_code_cell(
            '# the counter\nfrom collections import Counter  # stdlib\n\ncounts = Counter("abracadabra")'
        ),
        nbformat.v4.new_markdown_cell(f"## Report\nPrints {PROSE}"),
        nbformat.v4.new_code_cell("print(counts.most_common(2))"),
    ]
    notebook = tmp_path / "letters.ipynb"
    nbformat.write(nb, notebook)
    text = export_one(notebook, format=fmt)["text"]
    run = run_python(text, tmp_path, TIMEOUT, mode=fmt)
    assert run.ok, f"{run.stderr}\n--- export ---\n{text}"
    assert run.stdout == "[('a', 5), ('b', 2)]\n"
    assert "# the counter\n# stdlib\nfrom collections import Counter\n" in text
    assert '# the counter\ncounts = Counter("abracadabra")' not in text
    assert ruff_findings(text) == set()
    if fmt == "module":
        tree = ast.parse(text)
        assert ast.get_docstring(tree) == f"Letters\n\nCounts letters. {PROSE}"
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert ast.get_docstring(functions["report"]) == f"Report\nPrints {PROSE}"
        assert ast.get_docstring(functions["letters"]) == "Letters"
