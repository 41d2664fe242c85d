"""A real IPython kernel that runs cells one at a time, with a timeout, and always dies.

Use as a context manager: the kernel is shut down (and killed if it does not stop) on exit,
whatever happened inside.
"""

import os
import queue
import subprocess
import time
import uuid
from datetime import datetime, timezone

from jupyter_client import KernelManager
from outputs import Screen


class CellTimeout(Exception):
    """A cell ran longer than allowed; the kernel has been interrupted."""


def kernel_env():
    env = dict(os.environ)
    env["MPLBACKEND"] = "Agg"
    # Fixed string hashing: set and dict orders of strings are then the same in every kernel,
    # so a cell that prints a set is not mistaken for a nondeterministic one.
    env["PYTHONHASHSEED"] = "0"
    return env


class Kernel:
    """One kernel process at a time; `restart` starts a new one with a new session id."""

    def __init__(self, cwd, timeout=60.0):
        self.cwd = str(cwd)
        self.timeout = timeout
        self.km = None
        self.kc = None
        self.session = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        self.km = KernelManager(kernel_name="python3")
        # The kernel's own stderr only carries launcher noise; what cells print comes over iopub.
        self.km.start_kernel(
            cwd=self.cwd, env=kernel_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=60)
        except RuntimeError:
            self.stop()
            raise
        self.session = uuid.uuid4().hex[:12]

    def restart(self):
        self.stop()
        self.start()

    def stop(self):
        kc, km = self.kc, self.km
        self.kc = self.km = None
        if kc is not None:
            try:
                kc.stop_channels()
            except Exception:
                pass
        if km is not None:
            try:
                km.shutdown_kernel(now=True)
            except Exception:
                pass
            finally:
                proc = getattr(km, "provisioner", None)
                process = getattr(proc, "process", None)
                if process is not None and process.poll() is None:
                    process.kill()

    def execute(self, code):
        """Runs `code`; returns (status, execution_count, shown text, started, finished)."""
        started = _now()
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False, stop_on_error=False)
        screen = Screen()
        deadline = time.monotonic() + self.timeout
        idle = False
        while not idle:
            msg = self._next(self.kc.get_iopub_msg, deadline)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "status":
                idle = msg["content"].get("execution_state") == "idle"
            else:
                screen.add(kind, msg["content"])
        while True:
            reply = self._next(self.kc.get_shell_msg, deadline)
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                break
        content = reply["content"]
        status = content.get("status", "error")
        if status not in ("ok", "error", "aborted"):
            status = "error"
        return status, content.get("execution_count"), screen.text(), started, _now()

    def _next(self, get, deadline):
        try:
            return get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            try:
                self.km.interrupt_kernel()
            except Exception:
                pass
            raise CellTimeout(f"a cell ran longer than {self.timeout:.0f} s") from None


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
