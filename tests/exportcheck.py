"""Running exports with real Python, shared by tests/test_exports.py and bench/export_corpus.py.

An export is judged by running it: in a fresh `python` process, in the notebook's folder, it
must run to the end, print what a Restart and Run All of the notebook prints, and leave its
top-level names with the same values. Values are compared for what can be compared without
guessing: None, numbers, strings, bytes, containers of those, numpy arrays, pandas objects.
"""
from __future__ import annotations

import json
import math
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_EXPORT = ROOT / "tests" / "export_with_node.js"
COMPILED = ROOT / "cli" / "core" / "export" / "index.js"

# Defines `comparable(namespace)`; runs in the script harness and in the notebook's kernel.
VALUES_CODE = r'''
def comparable(namespace):
    import pickle
    import types
    skip = {"In", "Out", "exit", "quit", "get_ipython", "display"}
    simple = (type(None), bool, int, float, complex, str, bytes)

    def ok(value, depth=0):
        if isinstance(value, simple):
            return True
        if depth > 4:
            return False
        if isinstance(value, (list, tuple, set, frozenset)):
            return len(value) <= 100000 and all(ok(v, depth + 1) for v in value)
        if isinstance(value, dict):
            return all(ok(k, depth + 1) and ok(v, depth + 1) for k, v in value.items())
        module = type(value).__module__.split(".")[0]
        if module == "numpy":
            return getattr(value, "dtype", None) is not None and value.dtype != object
        return module == "pandas" and type(value).__name__ in ("DataFrame", "Series", "Index")

    out = {}
    for name, value in list(namespace.items()):
        if name.startswith("_") or name in skip or isinstance(value, types.ModuleType):
            continue
        try:
            if ok(value):
                out[name] = pickle.loads(pickle.dumps(value))
        except Exception:
            pass
    return out
'''

# Runs a script or module file and pickles its comparable top-level values. For a module,
# the values are main()'s section functions' locals as they return, over the module globals.
HARNESS = VALUES_CODE + r'''
import ast, os, pickle, resource, runpy, sys

if os.environ.get("FRESH_MEMORY_LIMIT"):
    limit = int(os.environ["FRESH_MEMORY_LIMIT"])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

def sections(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    entry = None
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            call = node.body[0].value
            entry = call.func.id
    calls = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == entry:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name):
                    calls.add(inner.func.id)
    return calls

path, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
sys.argv = [path] + sys.argv[4:]
captured = {}
if mode == "run":
    runpy.run_path(path, run_name="__main__")
    sys.exit(0)
if mode == "module":
    names = sections(path)
    def hook(frame, event, arg):
        if event == "return" and frame.f_code.co_filename == path and frame.f_code.co_name in names:
            captured.update(frame.f_locals)
    sys.setprofile(hook)
try:
    namespace = runpy.run_path(path, run_name="__main__")
finally:
    sys.setprofile(None)
namespace.update(captured)
with open(out, "wb") as f:
    pickle.dump(comparable(namespace), f)
'''

# Lines whose text changes from run to run (`%time`, `%timeit`).
TIMING = re.compile(r"^(CPU times:|Wall time:|.* per loop \(mean .*\))")


@dataclass
class Run:
    ok: bool
    stdout: str = ""
    stderr: str = ""
    values: dict = field(default_factory=dict)
    timed_out: bool = False
    seconds: float = 0.0

    @property
    def reason(self) -> str:
        """Why it did not run to the end, in a few words."""
        if self.ok:
            return "ok"
        if self.timed_out:
            return "timeout"
        last = [line for line in self.stderr.strip().splitlines() if line.strip()]
        match = re.match(r"^(\w+(?:Error|Exception|Exit|Interrupt)\b)", last[-1]) if last else None
        return match.group(1) if match else "error"


def ensure_cli_built() -> None:
    """Compiles the core to cli/ when a source is newer than the compiled export."""
    sources = [p for p in (ROOT / "src" / "core").rglob("*.ts") if "__tests__" not in p.parts]
    if COMPILED.exists() and COMPILED.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return
    jlpm = Path(sys.executable).parent / "jlpm"
    result = subprocess.run(
        [str(jlpm) if jlpm.exists() else "jlpm", "build:cli"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"jlpm build:cli failed:\n{result.stdout}\n{result.stderr}")


def export(jobs: list[dict]) -> list[dict]:
    """Runs the export writers on jobs ({notebook, options, history?}); see export_with_node.js."""
    result = subprocess.run(
        ["node", str(NODE_EXPORT)], input=json.dumps(jobs),
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(result.stdout)


def nbconvert_script(notebook: Path, by_execution_count: bool = False) -> str:
    """`jupyter nbconvert --to script`: top to bottom, or in execution-count order."""
    import nbformat
    from nbconvert import PythonExporter

    nb = nbformat.read(notebook, as_version=4)
    if by_execution_count:
        # Cells that ran, in the order of their counts; cells that never ran after them.
        code = [c for c in nb.cells if c.cell_type == "code"]
        ran = sorted((c for c in code if c.get("execution_count")), key=lambda c: c.execution_count)
        nb.cells = ran + [c for c in code if not c.get("execution_count")]
    text, _ = PythonExporter().from_notebook_node(nb)
    return text


def run_python(code: str, folder: Path, timeout: float, mode: str = "script",
               args: list[str] | None = None, interpreter: str | None = None,
               memory_limit: int | None = None) -> Run:
    """Runs code in a fresh process, in `folder` (where the notebook's data files are).

    `mode` "module" also collects the values of main()'s sections, "run" collects nothing
    (for timing: the tracing of sections slows a module down); `interpreter` "ipython"
    runs the file with IPython (values are then not collected); `memory_limit` in bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "export.py"
        script.write_text(code, encoding="utf-8")
        values_file = Path(tmp) / "values.pickle"
        if interpreter == "ipython":
            command = [str(Path(sys.executable).parent / "ipython"), "--no-banner",
                       "--colors=NoColor", "--quick", str(script), *(args or [])]
        else:
            harness = Path(tmp) / "harness.py"
            harness.write_text(HARNESS, encoding="utf-8")
            command = [sys.executable, str(harness), str(script), str(values_file), mode,
                       *(args or [])]
        run = _run(command, folder, timeout, memory_limit)
        if run.ok and values_file.exists():
            run.values = pickle.loads(values_file.read_bytes())
        return run


def run_all(notebook: Path, timeout: float, parameters: str | None = None,
            by_execution_count: bool = False) -> Run:
    """Restart and Run All with nbclient, then the comparable values of the namespace.

    `parameters` replaces the source of the cell tagged `parameters` (as papermill would);
    `by_execution_count` runs the cells in the order of their stored execution counts
    instead, which replays a session where each cell ran once."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import (
        CellExecutionError,
        CellTimeoutError,
        DeadKernelError,
    )

    nb = nbformat.read(notebook, as_version=4)
    if by_execution_count:
        nb.cells = sorted((c for c in nb.cells if c.get("execution_count")),
                          key=lambda c: c.execution_count)
    if parameters is not None:
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = parameters
    with tempfile.TemporaryDirectory() as tmp:
        values_file = Path(tmp) / "values.pickle"
        dump = VALUES_CODE + (
            f"\nimport pickle as _p\nwith open({str(values_file)!r}, 'wb') as _f:\n"
            "    _p.dump(comparable(globals()), _f)\n"
        )
        nb.cells.append(nbformat.v4.new_code_cell(dump))
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(notebook.parent)}})
        start = time.monotonic()
        env = os.environ.copy()
        # The kernel inherits these: no GUI backend, and set order as in the scripts.
        os.environ.update(MPLBACKEND="Agg", PYTHONHASHSEED="0")
        try:
            client.execute()
        except (CellExecutionError, DeadKernelError) as error:
            return Run(ok=False, stdout=_stdout(nb.cells[:-1]), stderr=str(error),
                       seconds=time.monotonic() - start)
        except (CellTimeoutError, TimeoutError) as error:
            return Run(ok=False, stderr=str(error), timed_out=True,
                       seconds=time.monotonic() - start)
        finally:
            os.environ.clear()
            os.environ.update(env)
        return Run(ok=True, stdout=_stdout(nb.cells[:-1]),
                   values=pickle.loads(values_file.read_bytes()),
                   seconds=time.monotonic() - start)


def ruff_findings(code: str) -> set[tuple[str, str]]:
    """Undefined names (F821) and unused imports (F401) as (code, name)."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "--select", "F821,F401",
         "--output-format", "json", "--no-cache", "--isolated", "--stdin-filename", "export.py", "-"],
        input=code, capture_output=True, text=True, check=False,
    )
    findings = set()
    for item in json.loads(result.stdout or "[]"):
        name = re.search(r"`([^`]+)`", item["message"])
        findings.add((item["code"] or "syntax", name.group(1) if name else item["message"]))
    return findings


def without_timings(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not TIMING.match(line))


def differences(expected: dict, actual: dict) -> list[str]:
    """Names whose values differ (or are missing from `actual`)."""
    return [name for name, value in expected.items()
            if name not in actual or not same(value, actual[name])]


def same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    module = type(a).__module__.split(".")[0]
    if module == "pandas":
        return a.equals(b)
    if module == "numpy":
        import numpy as np
        try:
            return bool(np.array_equal(a, b, equal_nan=True))
        except TypeError:
            return bool(np.array_equal(a, b))
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def _stdout(cells) -> str:
    return "".join(
        output.get("text", "")
        for cell in cells if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
    )


def _run(command: list[str], folder: Path, timeout: float, memory_limit: int | None) -> Run:
    # Local modules beside the notebook import as in its kernel; one thread per numeric library
    # (the machine's cores are shared); the harness applies the memory limit to itself.
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(folder), "PYTHONHASHSEED": "0",
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    if memory_limit:
        env["FRESH_MEMORY_LIMIT"] = str(memory_limit)
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # The script's own children (a shell, a pool) go too: it leads its own session.
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return Run(ok=False, stdout=stdout, stderr=stderr, timed_out=True,
                   seconds=time.monotonic() - start)
    return Run(ok=process.returncode == 0, stdout=stdout, stderr=stderr,
               seconds=time.monotonic() - start)
