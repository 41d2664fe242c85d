"""A real IPython kernel that runs cells one at a time, with a timeout, and always dies.

Use as a context manager: the kernel is shut down (and killed if it does not stop) on exit,
whatever happened inside.
"""

import ast
import contextlib
import os
import queue
import subprocess
import time
import uuid
from datetime import datetime, timezone

from jupyter_client import KernelManager
from outputs import Screen

# Run once per kernel by `fingerprints`, in its own namespace: it binds no name of the user's.
_FINGERPRINT_MODULE = r"""
import hashlib, re, reprlib, sys, types

def fingerprints(namespace, names):
    out = {}
    for name in names:
        if name not in namespace:
            out[name] = None
            continue
        value = namespace[name]
        try:
            if not isinstance(value, (str, bytes)) and hasattr(value, "__len__") and len(value) > 100000:
                text = "%s:%d:%s" % (type(value).__name__, len(value), reprlib.repr(value))
            else:
                text = repr(value)
        except Exception as error:
            text = "unrepresentable " + type(error).__name__
        text = re.sub(r"0x[0-9a-fA-F]+", "0x?", text)
        out[name] = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]
    return out

module = types.ModuleType("_nbfresh_bench")
module.fingerprints = fingerprints
sys.modules["_nbfresh_bench"] = module
"""


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
        self.fingerprinting = False

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self, attempts=3):
        # Two kernels starting at once can pick the same free port and one dies at birth
        # ("Kernel died before replying to kernel_info"): try again with new ports.
        for attempt in range(attempts):
            self.km = KernelManager(kernel_name="python3")
            # The kernel's own stderr only carries launcher noise; cells' output comes over iopub.
            self.km.start_kernel(
                cwd=self.cwd, env=kernel_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            self.kc = self.km.client()
            self.kc.start_channels()
            try:
                self.kc.wait_for_ready(timeout=60)
                break
            except RuntimeError:
                self.stop()
                if attempt == attempts - 1:
                    raise
        self.session = uuid.uuid4().hex[:12]
        self.fingerprinting = False

    def restart(self):
        self.stop()
        self.start()

    def stop(self):
        kc, km = self.kc, self.km
        self.kc = self.km = None
        # Best effort at each step: whatever failed, the process is killed at the end.
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km is not None:
            try:
                with contextlib.suppress(Exception):
                    km.shutdown_kernel(now=True)
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

    def fingerprints(self, names):
        """{name: digest of its repr, or None when unbound}, read without running user code.

        Sent as `user_expressions` of a silent request: no execution count, no `_`, no output.
        """
        if not names:
            return {}
        if not self.fingerprinting:
            self._quiet(f"exec({_FINGERPRINT_MODULE!r}, {{'__name__': '_nbfresh_bench'}})")
            self.fingerprinting = True
        expression = f"__import__('_nbfresh_bench').fingerprints(globals(), {sorted(names)!r})"
        value = self._quiet("", {"fp": expression}).get("user_expressions", {}).get("fp", {})
        if value.get("status") != "ok":
            return {}
        return ast.literal_eval(value["data"]["text/plain"])

    def _quiet(self, code, user_expressions=None):
        msg_id = self.kc.execute(
            code, silent=True, store_history=False, user_expressions=user_expressions, allow_stdin=False
        )
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._next(self.kc.get_shell_msg, deadline)
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return reply["content"]

    def _next(self, get, deadline):
        try:
            return get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            with contextlib.suppress(Exception):
                self.km.interrupt_kernel()
            raise CellTimeout(f"a cell ran longer than {self.timeout:.0f} s") from None


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
