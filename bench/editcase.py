"""One edit case, judged: run the original, edit one cell and run it, then every policy.

A case file (`bench/edits/<class>.cases`) holds cases like this one:

    ## row-index
    data = [[1, 2], [3, 4]]
    # %%
    row = data[0]
    # %% edit
    row = data[1]
    # %%
    print(row)

`## name` starts a case, `# %%` starts the next code cell, and `# %% edit` starts the new
source of the cell just above it (exactly one per case). Lines before the first `##` are notes.

`run_case(task)` returns a JSON-able record; it never raises for a problem with one case.
"""

import itertools
import os
import re
import tempfile
import time
import traceback
from pathlib import Path

import nbfresh_cli
import stateprobe
from evaluate import deterministic_cells
from forkshell import ForkShell, ShellFailure
from runner import SessionState, run_all

SHOWN_CHARS = 160
_CELL = re.compile(r"^# %%( edit)?\s*$")
# Policies that every case can run; nbfresh's plans are added per CLI as "nbfresh:<name>".
POLICIES = ("edited", "below", "runall", "smallest")
# Reported beside the policies when "smallest" runs: the smallest set that is also state-correct.
SMALLEST_STATE = "smallest_state"


class CaseError(ValueError):
    """A case file that does not follow the format."""


def parse_cases(path):
    """[{id, class, cells: [source], edit: index, new: source}] from one case file."""
    klass = Path(path).name.split(".")[0]
    cases, current = [], None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("## "):
            current = {"id": f"{klass}/{line[3:].strip()}", "class": klass, "blocks": [[]], "edit": None}
            current["line"] = number
            cases.append(current)
        elif current is None:
            continue
        elif _CELL.match(line):
            if line.strip().endswith("edit"):
                if current["edit"] is not None:
                    raise CaseError(f"{path}:{number}: a second `# %% edit` in {current['id']}")
                current["edit"] = len(current["blocks"]) - 1
            current["blocks"].append([])
        else:
            current["blocks"][-1].append(line)
    finished, problems = [], []
    for case in cases:
        try:
            finished.append(_finish(path, case))
        except CaseError as problem:
            problems.append(str(problem))
    if problems:
        raise CaseError("\n".join(problems))
    return finished


def _finish(path, case):
    blocks = ["\n".join(block).strip("\n") for block in case.pop("blocks")]
    where = f"{path}:{case.pop('line')} ({case['id']})"
    if case["edit"] is None:
        raise CaseError(f"{where}: no `# %% edit` cell")
    new = blocks.pop(case["edit"] + 1)
    if new == blocks[case["edit"]]:
        raise CaseError(f"{where}: the edit does not change the cell")
    if any(not block.strip() for block in blocks) or not new.strip():
        raise CaseError(f"{where}: an empty cell")
    if not 4 <= len(blocks) <= 12:
        raise CaseError(f"{where}: {len(blocks)} cells (a case has 4 to 12)")
    case.update(cells=blocks, new=new)
    return case


# The zygote of this worker process, reused from case to case (it never runs user code).
_ZYGOTE = {}


def _zygote(task):
    if "shell" not in _ZYGOTE:
        folder = Path(task["scratch"]) / f"worker-{os.getpid()}" / "nb"
        folder.mkdir(parents=True, exist_ok=True)
        _ZYGOTE["shell"] = ForkShell(folder, task["timeout"]).__enter__()
    return _ZYGOTE["shell"]


def _drop_zygote():
    shell = _ZYGOTE.pop("shell", None)
    if shell is not None:
        shell.__exit__(None, None, None)


def run_case(task):
    case = task["case"]
    record = {"id": case["id"], "class": case["class"], "edit": case["edit"], "status": "ok"}
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="edit-", dir=task["scratch"]) as tmp:
            _run(task, Path(tmp), record)
    except ShellFailure as reason:
        record.update(status="shell_failure", reason=str(reason))
    except nbfresh_cli.CliFailure as reason:
        record.update(status="cli_error", reason=str(reason))
    except Exception:  # noqa: BLE001 - one case's bug is recorded, the run goes on
        record.update(status="harness_error", reason=traceback.format_exc(limit=6))
    if record["status"] != "ok":
        # Whatever went wrong, the next case starts from a new zygote.
        _drop_zygote()
    record["seconds"] = round(time.monotonic() - started, 1)
    return record


def _run(task, tmp, record):
    case = task["case"]
    cells = [{"id": f"c{i}", "type": "code", "source": s} for i, s in enumerate(case["cells"])]
    order = [c["id"] for c in cells]
    edited_id = order[case["edit"]]
    edited_cells = [dict(c, source=case["new"]) if c["id"] == edited_id else c for c in cells]
    actions = [{"op": "run", "cell": cid} for cid in order]
    actions += [{"op": "edit", "cell": edited_id, "source": case["new"]}, {"op": "run", "cell": edited_id}]
    seconds = record["phase_seconds"] = {}
    clock = [time.monotonic()]

    def phase(name):
        now = time.monotonic()
        seconds[name] = round(now - clock[0], 2)
        clock[0] = now

    shell = _zygote(task)
    phase("start")
    try:
        truth1 = shell.run_all(edited_cells)
        truth2 = shell.run_all(edited_cells)
        judged = deterministic_cells(edited_cells, truth1[:2], truth2[:2])
        truth = {cid: text for cid, (_, text) in truth1[0].items()}
        truth_states = truth1[2], truth2[2]
        phase("truth")
        state = SessionState(edited_cells)
        state.screen, state.status, state.log = shell.session(cells, actions)
        after_edit = state.screen
        phase("session")
        nb_path, log_path = nbfresh_cli.write_inputs(tmp, state)
        plans = {name: nbfresh_cli.plan(launcher, nb_path, log_path) for name, launcher in task["clis"]}
        record["log"] = [(r["cellId"], r["status"]) for r in state.log]
        phase("cli")
        _policies(task, record, order, judged, (truth, truth_states), after_edit, plans, shell)
        phase("policies")
    finally:
        shell.end_session()
    if task["check_kernel"]:
        # The forked shells stand in for kernels: a real kernel's Run All must show the same.
        folder = tmp / "kernel"
        folder.mkdir()
        real, _ = run_all(folder, edited_cells, task["timeout"])
        record["kernel_mismatch"] = [
            _shown(cid, order, real[cid][1], truth) for cid in judged if real[cid][1] != truth[cid]
        ]


def _policies(task, record, order, judged, truths, after_edit, plans, shell):
    case = task["case"]
    truth, truth_states = truths
    results = {}

    def wrong(screen):
        return [cid for cid in judged if screen.get(cid, "") != truth[cid]]

    def evaluate(restart, run):
        """({wrong cell: its text}, [state keys that differ from truth]) after running `run`."""
        key = (restart, tuple(run))
        if key not in results:
            # Cells that do not run keep what they showed; the probe runs even when none does.
            shown, state = shell.policy(restart, list(run))
            screen = dict(after_edit, **shown)
            still = {cid: screen.get(cid, "") for cid in wrong(screen)}
            results[key] = still, stateprobe.differences(state, *truth_states)
        return results[key]

    policies = {}

    def judge(name, restart, run, **extra):
        still, state_wrong = evaluate(restart, run)
        policies[name] = {
            "cells": [order.index(cid) for cid in run],
            "size": len(run),
            "restart": restart,
            "correct": not still,
            "state_correct": not still and not state_wrong,
            "wrong": [_shown(cid, order, text, truth) for cid, text in still.items()],
            "state_wrong": state_wrong,
            # Only a restart (or `del`) removes what Run All does not bind at all.
            "state_leftover": [k for k in state_wrong if k not in truth_states[0]],
            **extra,
        }

    wanted = task["policies"]
    if "edited" in wanted:
        judge("edited", False, [])
    if "below" in wanted:
        judge("below", False, order[case["edit"] + 1 :])
    if "runall" in wanted:
        judge("runall", False, order)
    for name, answer in plans.items():
        restart = bool(answer.get("restart", False))
        known = [cid for cid in answer["plan"] if cid in order]
        judge(
            f"nbfresh:{name}",
            restart,
            known,
            unknown=[cid for cid in answer["plan"] if cid not in order],
            warnings=answer["planWarnings"],
            flagged=[c["cellId"] for c in answer["cells"] if c["flags"]],
        )
    if "smallest" in wanted:
        smallest = _smallest(order, wrong(after_edit), results, evaluate, task["search"], _outputs_right)
        smallest["correct"] = smallest["size"] is not None
        smallest["state_wrong"] = evaluate(False, _ids(order, smallest))[1] if smallest["correct"] else []
        smallest["state_correct"] = smallest["correct"] and not smallest["state_wrong"]
        policies["smallest"] = smallest
        # A state-correct set is output-correct: the search looks over supersets of the smallest
        # output-correct set found (another one of the same size could lead to a smaller one).
        if smallest["state_correct"]:
            found = dict(smallest, replays=0)
        elif smallest["correct"]:
            found = _smallest(order, _ids(order, smallest), results, evaluate, task["search"], _state_right)
        else:
            found = {"cells": None, "size": None, "exact": smallest["exact"], "replays": 0}
        found["correct"] = found["state_correct"] = found["size"] is not None
        policies[SMALLEST_STATE] = found

    record.update(
        cells=len(order),
        judged=len(judged),
        wrong_after_edit=[order.index(cid) for cid in wrong(after_edit)],
        policies=policies,
        replays=len(results),
    )
    # No set of re-runs restores it: Run All in the same kernel (a superset of every set run in
    # notebook order) is wrong and the search found nothing either.
    runall = policies.get("runall")
    smallest = policies.get("smallest")
    record["unrestorable"] = (
        runall is not None and not runall["correct"] and (smallest is None or smallest["size"] is None)
    )
    for name in plans:
        policy = policies[f"nbfresh:{name}"]
        policy["pass"] = policy["correct"] or (record["unrestorable"] and bool(policy["warnings"]))


def _outputs_right(result):
    still, _ = result
    return not still


def _state_right(result):
    still, state_wrong = result
    return not still and not state_wrong


def _ids(order, found):
    return [order[i] for i in found["cells"]]


def _smallest(order, needed, results, evaluate, budget, right):
    """The smallest set of cells, run in notebook order, whose result is `right`.

    For outputs every wrong cell must run (only running a cell changes what it shows), so the
    sets searched are supersets of `needed`, smallest first, below the smallest right set
    already known from the other policies, within `budget` replays.
    """
    known = [list(run) for (restart, run), result in results.items() if not restart and right(result)]
    best = min(known, key=len, default=None)
    found = {"cells": None, "size": None, "exact": False, "replays": 0}
    if best is not None:
        found.update(cells=[order.index(cid) for cid in best], size=len(best))
    limit = len(order) + 1 if best is None else len(best)
    others = [cid for cid in order if cid not in needed]
    # Cells just above the first wrong one are the likeliest creators of what it reads.
    first = min((order.index(cid) for cid in needed), default=0)
    others.sort(key=lambda cid: (order.index(cid) > first, abs(order.index(cid) - first)))
    for extra in range(len(others) + 1):
        if len(needed) + extra >= limit:
            found["exact"] = True
            return found
        for chosen in itertools.combinations(others, extra):
            run = [cid for cid in order if cid in needed or cid in chosen]
            if (False, tuple(run)) not in results:
                if found["replays"] >= budget:
                    return found
                found["replays"] += 1
            if right(evaluate(False, run)):
                found.update(cells=[order.index(cid) for cid in run], size=len(run), exact=True)
                return found
    found["exact"] = True
    return found


def _shown(cid, order, shown, truth):
    return {
        "cell": order.index(cid),
        "shown": shown[:SHOWN_CHARS],
        "run_all": truth[cid][:SHOWN_CHARS],
    }
