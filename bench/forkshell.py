"""IPython shells forked from one process: a replay of a notebook's state costs a fork, not a kernel.

The edit benchmark runs several policies from the same state. Starting a kernel costs 1.5 s of
CPU (3-4 s on a loaded machine) and each policy replays the whole session; here one process per
case imports IPython once and forks:
- a fresh shell per Run All (the parent never runs user code, so every child starts clean;
  Python reseeds `random` in a forked child, and numpy is not imported before the user does);
- one live shell that runs the session and then stays, forking a child per policy, which
  restores the folder as the session left it and runs the policy's cells in the inherited state.
Every run uses the same folder path, one after the other, so absolute paths and the `__file__`
of a module imported from the folder are the same in every run. One difference from a replay: a
file that a cell left open is the same open file in every policy's child (its offset is shared),
so cases do not keep a file open for writing across cells.

What a cell shows is collected into `outputs.Screen` from the same message kinds a kernel
sends (streams, execute results, displays, errors), through IPython's own display hooks.
"""

import contextlib
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import traceback
import uuid
from datetime import datetime, timezone
from pathlib import Path

import stateprobe

BENCH = Path(__file__).resolve().parent


class ShellFailure(Exception):
    """A child died (timeout, crash) or sent something else than its result."""


class ForkShell:
    """The harness side: one zygote process per case, in `folder` (an empty folder)."""

    def __init__(self, folder, timeout):
        self.folder = str(folder)
        self.timeout = timeout
        self.proc = None

    def __enter__(self):
        from kernel import kernel_env

        # OpenMP's thread pool does not survive a fork (a child that uses it hangs): one thread.
        threads = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__)), self.folder, str(self.timeout)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=self.folder,
            env=dict(kernel_env(), **threads),
            text=True,
        )
        return self

    def __exit__(self, *exc):
        # End of input ends the zygote, whose end ends the live shell's loop.
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return False

    def _ask(self, **command):
        try:
            self.proc.stdin.write(json.dumps(command) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError as reason:
            raise ShellFailure(f"the shell process is gone: {reason}") from None
        if not line:
            raise ShellFailure("the shell process died")
        answer = json.loads(line)
        if "failure" in answer:
            raise ShellFailure(answer["failure"])
        return answer

    def run_all(self, cells):
        """Restart and Run All in an empty folder.

        Returns ({id: (status, text)}, {id: {name: print}}, the state probe at the end).
        """
        answer = self._ask(op="runall", cells=cells)
        return {cid: tuple(pair) for cid, pair in answer["shown"].items()}, answer["prints"], answer["state"]

    def session(self, cells, actions):
        """Runs the session in the live shell, in an empty folder: (screen, status, log)."""
        answer = self._ask(op="session", cells=cells, actions=actions)
        return answer["screen"], answer["status"], answer["log"]

    def policy(self, restart, run):
        """(screen, state probe) after running cells `run` from the live state (restarted first if asked)."""
        answer = self._ask(op="policy", restart=restart, run=run)
        return answer["screen"], answer["state"]

    def end_session(self):
        """Ends the live shell; the zygote is ready for the next case."""
        self._ask(op="end")


# ---- inside the zygote and its children ----


class _Stream:
    def __init__(self, shell, name):
        self.shell, self.name = shell, name

    def write(self, text):
        self.shell.screen.add("stream", {"name": self.name, "text": text})
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


class _Shell:
    """An InteractiveShell whose outputs go to an `outputs.Screen`, with a kernel's `execute`."""

    def __init__(self):
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell
        from outputs import Screen
        from traitlets.config import Config

        owner = self

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
                owner.screen.add("display_data", {"data": data})

            def clear_output(self, wait=False):
                owner.screen.add("clear_output", {})

        config = Config()
        # No history database and no thread saving it: a forked process inherits no thread.
        config.HistoryManager.enabled = False
        self.shell = InteractiveShell(config=config, display_pub_class=Publisher)
        hook = self.shell.displayhook
        hook.write_output_prompt = lambda: None
        hook.write_format_data = lambda data, md=None: owner.screen.add("execute_result", {"data": data})
        self.shell._showtraceback = lambda etype, evalue, stb: owner.screen.add(
            "error", {"ename": etype.__name__, "evalue": str(evalue)}
        )
        self.screen_class = Screen
        self.screen = Screen()
        self.session = uuid.uuid4().hex[:12]
        self.streams = (_Stream(self, "stdout"), _Stream(self, "stderr"))

    def execute(self, code):
        """(status, execution_count, shown text, started, finished), as `kernel.Kernel.execute`."""
        started = _now()
        self.screen = self.screen_class()
        count = self.shell.execution_count
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = self.streams
        # A cell that runs too long ends the process (SIGALRM's default): the harness sees it die.
        signal.alarm(max(1, int(_TIMEOUT)))
        try:
            result = self.shell.run_cell(code, store_history=True)
        finally:
            signal.alarm(0)
            sys.stdout, sys.stderr = saved
        status = "ok" if result.success else "error"
        return status, count, self.screen.text(), started, _now()

    def fingerprints(self, names):
        return _FINGERPRINTS(self.shell.user_ns, sorted(names))

    def probe(self, folder):
        """The state of the user's namespace and of `folder` (see `stateprobe`), read in place."""
        return stateprobe.probe(self.shell.user_ns, set(self.shell.user_ns_hidden), folder)


def _fingerprint_function():
    from kernel import _FINGERPRINT_MODULE

    namespace = {"__name__": "_nbfresh_bench"}
    exec(_FINGERPRINT_MODULE, namespace)  # noqa: S102 - the harness's own module text
    return namespace["fingerprints"]


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Zygote:
    def __init__(self, folder, proto_in, proto_out):
        self.folder = Path(folder)
        self.snapshot = self.folder.parent / (self.folder.name + ".snapshot")
        self.proto_in, self.proto_out = proto_in, proto_out
        self.live = None  # (pid, command pipe, result pipe) of the live shell

    def serve(self):
        for line in self.proto_in:
            command = json.loads(line)
            try:
                answer = getattr(self, "op_" + command.pop("op"))(**command)
            except Exception:  # noqa: BLE001 - reported to the harness, which records it
                answer = {"failure": traceback.format_exc(limit=4)}
            self.proto_out.write(json.dumps(answer) + "\n")
            self.proto_out.flush()

    def op_runall(self, cells):
        def child():
            import cellcode

            _wipe(self.folder)
            shell = _fresh_shell()
            shown, prints = {}, {}
            for cell in cells:
                if not cell["source"].strip():
                    shown[cell["id"]] = ("ok", "")
                    continue
                status, _, text, _, _ = shell.execute(cell["source"])
                shown[cell["id"]] = (status, text)
                prints[cell["id"]] = shell.fingerprints(cellcode.changes(cell["source"]))
            return {"shown": shown, "prints": prints, "state": shell.probe(self.folder)}

        return _in_child(child)

    def op_session(self, cells, actions):
        self.op_end()
        commands_r, commands_w = os.pipe()
        results_r, results_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(commands_w)
            os.close(results_r)
            self._live(cells, actions, os.fdopen(commands_r), os.fdopen(results_w, "w"))
            os._exit(0)
        os.close(commands_r)
        os.close(results_w)
        self.live = (pid, os.fdopen(commands_w, "w"), os.fdopen(results_r))
        return self._from_live(None)

    def op_end(self):
        if self.live is not None:
            pid, commands, results = self.live
            self.live = None
            commands.close()
            results.close()
            os.waitpid(pid, 0)
        return {}

    def op_policy(self, restart, run):
        if restart:
            # A restarted kernel in the folder as the session left it.
            def child():
                _restore(self.snapshot, self.folder)
                return _run_cells(_fresh_shell(), _LIVE_CELLS.get("cells"), run, self.folder)

            return _in_child(child)
        return self._from_live({"run": run})

    def _from_live(self, command):
        _, commands, results = self.live
        if command is not None:
            commands.write(json.dumps(command) + "\n")
            commands.flush()
        line = results.readline()
        if not line:
            raise ShellFailure("the live shell died")
        answer = json.loads(line)
        if "cells" in answer:
            _LIVE_CELLS["cells"] = answer.pop("cells")
        return answer

    def _live(self, cells, actions, commands, results):
        from runner import execute_session

        try:
            _wipe(self.folder)
            shell = _fresh_shell()
            state = execute_session(shell, cells, actions)
            _wipe(self.snapshot)
            shutil.copytree(self.folder, self.snapshot, symlinks=True, dirs_exist_ok=True)
            answer = {"screen": state.screen, "status": state.status, "log": state.log, "cells": state.cells}
        except Exception:  # noqa: BLE001 - reported to the harness
            answer = {"failure": traceback.format_exc(limit=4)}
        results.write(json.dumps(answer) + "\n")
        results.flush()
        for line in commands:
            run = json.loads(line)["run"]

            def child(run=run):
                _restore(self.snapshot, self.folder)
                return _run_cells(shell, state.cells, run, self.folder)

            try:
                answer = _in_child(child)
            except Exception:  # noqa: BLE001
                answer = {"failure": traceback.format_exc(limit=4)}
            results.write(json.dumps(answer) + "\n")
            results.flush()


# The cells of the live session, for restarted policies (which do not fork from the live shell).
_LIVE_CELLS = {}


def _run_cells(shell, cells, run, folder):
    sources = {cell["id"]: cell["source"] for cell in cells}
    screen = {}
    for cid in run:
        if cid in sources:
            screen[cid] = shell.execute(sources[cid])[2] if sources[cid].strip() else ""
    return {"screen": screen, "state": shell.probe(folder)}


# Imported by the zygote, not by each shell: importing scikit-learn alone costs 3.5 s of CPU. A
# child then starts with the state these modules have after import, except numpy's global
# generator, which is seeded anew from the OS as a fresh import would.
_PRELOADED = (
    "numpy",
    "pandas",
    "matplotlib.pyplot",
    *(f"sklearn.{name}" for name in ("base", "linear_model", "model_selection", "preprocessing")),
    *(f"sklearn.{name}" for name in ("tree", "ensemble", "cluster", "pipeline", "neighbors")),
)


def _fresh_shell():
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    shell = _Shell()
    # Names the harness imported must not shadow a module the notebook writes and imports.
    for name in ("cellcode", "runner", "sessions", "outputs", "kernel", "evaluate", "nbfresh_cli", "stateprobe"):
        sys.modules.pop(name, None)
    return shell


def _in_child(function):
    """Runs `function` in a forked child; its JSON-able result, or a failure."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            answer = function()
        except BaseException:  # noqa: BLE001 - everything goes back to the parent
            answer = {"failure": traceback.format_exc(limit=4)}
        with os.fdopen(write, "w") as out:
            out.write(json.dumps(answer))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as source:
        text = source.read()
    os.waitpid(pid, 0)
    if not text:
        return {"failure": "the child died (timeout or crash)"}
    return json.loads(text)


def _wipe(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _restore(snapshot, folder):
    _wipe(folder)
    shutil.copytree(snapshot, folder, symlinks=True, dirs_exist_ok=True)


def _zygote_main(folder, timeout):
    # The protocol has its own descriptors: output that user code writes to fd 1 or 2 directly
    # (a subprocess, a C library) must not corrupt it.
    proto_in = os.fdopen(os.dup(0))
    proto_out = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.path[0] = ""  # a kernel imports from its working folder, not from bench/
    sys.path.insert(1, str(BENCH))
    global _FINGERPRINTS, _TIMEOUT  # set once per zygote, before any fork
    _FINGERPRINTS, _TIMEOUT = _fingerprint_function(), timeout
    import cellcode  # noqa: F401 - imported once here, inherited by every child
    import runner  # noqa: F401

    # Loads what a shell and its first cell import, once; this shell is never used again.
    _Shell().execute("pass")
    for name in _PRELOADED:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)

    _Zygote(folder, proto_in, proto_out).serve()


_FINGERPRINTS = None
_TIMEOUT = 30

if __name__ == "__main__":
    _zygote_main(sys.argv[1], float(sys.argv[2]))
