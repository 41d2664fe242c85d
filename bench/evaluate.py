"""One session, judged: run it, ask nbfresh, compute the truth, check the plan.

`evaluate(task)` returns a JSON-able record; it never raises for a problem with one session
(timeouts, CLI failures and harness bugs become a status with a reason).
"""

import tempfile
import time
import traceback
from pathlib import Path

import cellcode
import nbfresh_cli
from kernel import CellTimeout, Kernel
from runner import copy_folder, execute_plan, execute_session, mismatches, run_all

EXAMPLE_CHARS = 160


def evaluate(task):
    nb, session = task["notebook"], task["session"]
    record = {
        "notebook": nb["rel"],
        "seed": session["seed"],
        "kinds": session["kinds"],
        "actions": session["actions"],
        "status": "ok",
    }
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="session-", dir=task["scratch"]) as tmp:
            _evaluate(task, Path(tmp), record)
    except CellTimeout as reason:
        record.update(status="skipped", reason=f"timeout: {reason}")
    except nbfresh_cli.CliFailure as reason:
        record.update(status="cli_error", reason=str(reason))
    except Exception:  # noqa: BLE001 - one session's bug is recorded, the run goes on
        record.update(status="harness_error", reason=traceback.format_exc(limit=6))
    record["seconds"] = round(time.monotonic() - started, 1)
    return record


def _evaluate(task, tmp, record):
    nb, session = task["notebook"], task["session"]
    timeout = task["timeout"]
    root, sub = Path(nb["root"]), nb["sub"]

    live = copy_folder(root, tmp / "live")
    with Kernel(live / sub, timeout) as kernel:
        state = execute_session(kernel, nb["cells"], session["actions"])
        snapshot = copy_folder(live, tmp / "snapshot")
        nb_path, log_path = nbfresh_cli.write_inputs(tmp, state)
        answer = nbfresh_cli.plan(task["cli"], nb_path, log_path)
        screen = dict(state.screen)
        shown_status = dict(state.status)
        plan = answer["plan"]
        restart = answer.get("restart") is True
        if restart:
            # A restart plan (DESIGN.md): the kernel restarts, then the plan's cells run.
            kernel.restart()
        unknown = execute_plan(kernel, state, plan)
        after_plan = dict(state.screen)

    cells = state.cells
    code = [c for c in cells if c["type"] == "code"]
    truth, prints = run_all(copy_folder(snapshot, tmp / "truth1") / sub, cells, timeout)
    second, second_prints = run_all(copy_folder(snapshot, tmp / "truth2") / sub, cells, timeout)
    deterministic = deterministic_cells(code, (truth, prints), (second, second_prints))
    stale = [cid for cid in deterministic if screen.get(cid, "") != truth[cid][1] or truth[cid][0] == "error"]

    flags = {c["cellId"]: c for c in answer["cells"]}
    positions = {c["id"]: i for i, c in enumerate(cells)}
    record["cells"] = [
        _cell_record(c, positions, flags, screen, truth, c["id"] in deterministic, c["id"] in stale)
        for c in code
    ]
    record["unlisted"] = [c["id"] for c in code if c["id"] not in flags]

    wrong = mismatches(after_plan, truth, deterministic)
    record["plan"] = {
        "cells": plan,
        "size": len(plan),
        "restart": restart,
        "unknown": unknown,
        "correct": not wrong and not unknown,
        "warnings": answer["planWarnings"],
        "wrong": [_mismatch(cid, positions, after_plan, truth) for cid in wrong],
    }
    order = [c["id"] for c in code]
    first = min((order.index(cid) for cid in stale), default=None)
    needed = [cid for cid in order if cid in stale]
    record["baselines"] = {
        "below_first": 0 if first is None else len(order) - first,
        "all": len(order),
        "lower_bound": len(needed),
    }
    record["smallest"] = _smallest(task, tmp, record, screen, truth, deterministic, needed, order, first)
    record["export"] = _export(
        task, tmp, nb_path, log_path, snapshot, screen, shown_status, truth, second, code
    )


def deterministic_cells(code, first, second):
    """Cells that two Run All runs show alike and whose inputs were alike in both runs.

    Two runs can show the same by chance (the mean score of an unseeded split, a random puzzle
    well formed twice), and randomness often hides in cells that show nothing. So the values
    each cell may change are compared too (fingerprints of their repr); a name whose value
    differed is tainted until a judged cell rebinds it alike, and a cell that reads a tainted
    name, or shows something different, is not judged. A crude static reading, in notebook
    order; module names are never tainted.
    """
    (shown1, prints1), (shown2, prints2) = first, second
    module_names = set().union(*(cellcode.modules(c["source"]) for c in code))
    tainted = set()
    kept = []
    for cell in code:
        cid, source = cell["id"], cell["source"]
        changed = cellcode.changes(source) - module_names
        differs = {n for n in changed if prints1.get(cid, {}).get(n) != prints2.get(cid, {}).get(n)}
        if shown1[cid] == shown2[cid] and not cellcode.reads(source) & tainted:
            kept.append(cid)
            tainted = (tainted - (cellcode.defines(source) - differs)) | differs
        else:
            tainted |= changed
    return kept


def _cell_record(cell, positions, flags, screen, truth, deterministic, stale):
    answer = flags.get(cell["id"], {})
    out = {
        "id": cell["id"],
        "index": positions[cell["id"]],
        "deterministic": deterministic,
        "stale": stale,
        # Only flags are positives: "notInKernel" (ran in an earlier session, on Run All's
        # inputs) is a quiet state.
        "flags": answer.get("flags", []),
    }
    if deterministic and stale != bool(out["flags"]):
        out["reasons"] = answer.get("reasons", [])
        out["source"] = cell["source"][:EXAMPLE_CHARS]
        out["shown"] = screen.get(cell["id"], "")[:EXAMPLE_CHARS]
        out["run_all"] = truth[cell["id"]][1][:EXAMPLE_CHARS]
        out["run_all_status"] = truth[cell["id"]][0]
    return out


def _mismatch(cid, positions, screen, truth):
    return {
        "id": cid,
        "index": positions.get(cid),
        "shown": screen.get(cid, "")[:EXAMPLE_CHARS],
        "run_all": truth[cid][1][:EXAMPLE_CHARS],
    }


def _smallest(task, tmp, record, screen, truth, deterministic, needed, order, first):
    """The smallest correct plan found by replaying the session with candidate plans.

    Every truly stale cell must run (only running a cell changes what it shows), so the stale
    cells alone are a lower bound, and the optimum when they suffice. Otherwise a correct plan
    (nbfresh's, or one found among simple candidates) is shrunk greedily, one replay per try,
    within a budget of replays and seconds.
    """
    plan = record["plan"]
    result = {"size": None, "exact": False, "replays": 0, "diverged": False, "tried": []}
    if not needed:
        # Nothing shows a wrong output: the empty plan is correct.
        result.update(size=0, exact=True)
        return result
    best = list(plan["cells"]) if plan["correct"] else None
    if best is not None and len(best) == len(needed):
        result.update(size=len(best), exact=True)
        return result
    replay = _Replayer(task, tmp, screen, truth, deterministic)
    deadline = time.monotonic() + task["replay_budget"]

    known = {}

    def attempt(candidate):
        """True/False, or None when out of budget or the replay diverged."""
        key = tuple(candidate)
        if key in known:
            return known[key]
        if result["replays"] >= task["replays"] or time.monotonic() > deadline or result["diverged"]:
            return None
        result["replays"] += 1
        ok = known[key] = replay(candidate)
        result["tried"].append({"cells": candidate, "correct": ok})
        result["diverged"] = ok is None
        return ok

    ok = attempt(needed)
    if ok:
        result.update(size=len(needed), exact=True)
        return result
    if best is None and ok is not None:
        # nbfresh's plan is wrong: any correct plan, for the size comparison.
        wanted = set(plan["cells"]) | set(needed)
        for candidate in ([cid for cid in order if cid in wanted], order[first:]):
            ok = attempt(candidate)
            if ok is None or ok:
                best = candidate if ok else None
                break
    if best is None:
        return result
    for cid in reversed(list(best)):
        if cid in needed:
            continue
        shrunk = [c for c in best if c != cid]
        ok = attempt(shrunk)
        if ok is None:
            break
        if ok:
            best = shrunk
    result["size"] = len(best)
    result["exact"] = len(best) == len(needed)
    return result


class _Replayer:
    """Replays the session in a fresh copy of the folder, then runs a candidate plan.

    Returns True/False for correct/incorrect, or None when the replay itself did not show what
    the session showed (a nondeterminism that the two Run All runs did not reveal).
    """

    def __init__(self, task, tmp, screen, truth, deterministic):
        self.task, self.tmp = task, tmp
        self.screen, self.truth, self.deterministic = screen, truth, deterministic
        self.count = 0

    def __call__(self, candidate):
        nb, session = self.task["notebook"], self.task["session"]
        self.count += 1
        folder = copy_folder(Path(nb["root"]), self.tmp / f"replay{self.count}")
        with Kernel(folder / nb["sub"], self.task["timeout"]) as kernel:
            state = execute_session(kernel, nb["cells"], session["actions"])
            if any(state.screen.get(c, "") != self.screen.get(c, "") for c in self.deterministic):
                return None
            unknown = execute_plan(kernel, state, candidate)
        return not unknown and not mismatches(state.screen, self.truth, self.deterministic)


def _export(task, tmp, nb_path, log_path, snapshot, screen, shown_status, truth, second, code):
    """Share of the (deterministic, non-error) outputs on screen that the as-run export shows."""
    if not task["export"]:
        return {"status": "n/a"}
    text = nbfresh_cli.export_as_run(task["cli"], nb_path, log_path)
    if text is None:
        return {"status": "n/a"}
    targets = [
        c["id"]
        for c in code
        if screen.get(c["id"]) and shown_status[c["id"]] == "ok" and truth[c["id"]] == second[c["id"]]
    ]
    chunks = _percent_chunks(text)
    folder = copy_folder(snapshot, tmp / "export") / task["notebook"]["sub"]
    shown = []
    with Kernel(folder, task["timeout"]) as kernel:
        for chunk in chunks:
            if chunk.strip():
                shown.append(kernel.execute(chunk)[2])
    everything = "\n".join(shown)
    missed = [cid for cid in targets if screen[cid] not in shown and screen[cid] not in everything]
    return {
        "status": "ok",
        "targets": len(targets),
        "reproduced": len(targets) - len(missed),
        "missed": [{"id": cid, "shown": screen[cid][:EXAMPLE_CHARS]} for cid in missed],
    }


def _percent_chunks(text):
    chunks, current = [], []
    for line in text.split("\n"):
        if line.startswith("# %%") and current:
            chunks.append("\n".join(current))
            current = []
        current.append(line)
    chunks.append("\n".join(current))
    return chunks
