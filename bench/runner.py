"""Executing sessions, plans and Restart-and-Run-All in real kernels, in throw-away folders.

Every kernel runs in a copy of the notebook's folder, so that files a notebook writes never
touch the corpus, and so that replays start from the same files as the original session.
"""

import shutil

import cellcode
from kernel import Kernel
from sessions import apply_layout


def copy_folder(source, dest):
    shutil.copytree(source, dest, symlinks=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".git"))
    return dest


class SessionState:
    """What the notebook looks like after some actions: cells, screen and the execution log."""

    def __init__(self, cells):
        self.cells = [dict(c) for c in cells]
        self.screen = {}
        self.status = {}
        self.log = []

    def code_cells(self):
        return [c for c in self.cells if c["type"] == "code"]

    def source(self, cid):
        for cell in self.cells:
            if cell["id"] == cid:
                return cell["source"]
        return None

    def run(self, kernel, cid):
        source = self.source(cid)
        if not source.strip():
            # JupyterLab clears an empty cell without sending it to the kernel.
            self.screen[cid] = ""
            self.status[cid] = "ok"
            return "ok"
        status, count, text, started, finished = kernel.execute(source)
        self.screen[cid] = text
        self.status[cid] = status
        self.log.append(
            {
                "cellId": cid,
                "source": source,
                "executionCount": count,
                "kernelSession": kernel.session,
                "status": status,
                "startedAt": started,
                "finishedAt": finished,
            }
        )
        return status


def execute_session(kernel, cells, actions):
    state = SessionState(cells)
    for action in actions:
        if action["op"] == "run":
            state.run(kernel, action["cell"])
        elif action["op"] == "restart":
            kernel.restart()
        else:
            state.cells = apply_layout(state.cells, action)
    return state


def execute_plan(kernel, state, plan):
    """Runs the plan's cells in the live kernel; returns the ids that are not in the notebook."""
    unknown = []
    for cid in plan:
        if state.source(cid) is None:
            unknown.append(cid)
        else:
            state.run(kernel, cid)
    return unknown


def run_all(cwd, cells, timeout):
    """Restart and Run All in a fresh kernel; carries on past errors.

    Returns ({id: (status, text)}, {id: {name: fingerprint}}), the fingerprints being of the
    names each cell may change, taken right after it ran (see `Kernel.fingerprints`).
    """
    shown, prints = {}, {}
    with Kernel(cwd, timeout) as kernel:
        for cell in cells:
            if cell["type"] != "code":
                continue
            if not cell["source"].strip():
                # JupyterLab does not send an empty cell to the kernel.
                shown[cell["id"]] = ("ok", "")
                continue
            status, _, text, _, _ = kernel.execute(cell["source"])
            shown[cell["id"]] = (status, text)
            prints[cell["id"]] = kernel.fingerprints(cellcode.changes(cell["source"]))
    return shown, prints


def mismatches(screen, truth, deterministic):
    """Deterministic cells whose shown text differs from Run All's."""
    return [cid for cid in deterministic if screen.get(cid, "") != truth[cid][1]]
