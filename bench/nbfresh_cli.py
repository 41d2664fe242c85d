"""Driving the `nbfresh` command: writing the notebook and log files it reads, parsing its JSON."""

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / "bin" / "nbfresh.js"


class CliFailure(Exception):
    """nbfresh exited with 2 or printed something that is not the contract."""


def write_inputs(folder, state):
    """Writes the notebook as it is now and the execution log; returns their paths."""
    folder = Path(folder)
    counts = {}
    for record in state.log:
        counts[record["cellId"]] = record["executionCount"]
    cells = []
    for cell in state.cells:
        out = {"id": cell["id"], "cell_type": cell["type"], "metadata": {}, "source": cell["source"]}
        if cell["type"] == "code":
            out["execution_count"] = counts.get(cell["id"])
            out["outputs"] = []
        cells.append(out)
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
        "cells": cells,
    }
    nb_path = folder / "session.ipynb"
    log_path = folder / "session.log.json"
    nb_path.write_text(json.dumps(notebook, indent=1))
    log_path.write_text(
        json.dumps({"format": "nbfresh-log", "version": 1, "executions": state.log}, indent=1)
    )
    return nb_path, log_path


def plan(bin_path, nb_path, log_path, timeout=120):
    """{"cells": [...], "plan": [...], "planWarnings": [...]} from `nbfresh plan --json`."""
    proc = _node(bin_path, ["plan", str(nb_path), "--history", str(log_path), "--json"], timeout)
    if proc.returncode not in (0, 1):
        raise CliFailure(f"exit {proc.returncode}: {proc.stderr.strip()[:500]}")
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as reason:
        raise CliFailure(f"not JSON ({reason}): {proc.stdout[:200]!r}") from None
    if not isinstance(data.get("cells"), list) or not isinstance(data.get("plan"), list):
        raise CliFailure(f"JSON without cells/plan: {proc.stdout[:200]!r}")
    data.setdefault("planWarnings", [])
    return data


def export_as_run(bin_path, nb_path, log_path, timeout=120):
    """The "code as run" export's text, or None when this nbfresh has no such export."""
    proc = _node(
        bin_path, ["export", str(nb_path), "--format", "as-run", "--history", str(log_path)], timeout
    )
    if proc.returncode == 0:
        return proc.stdout
    message = proc.stderr.strip()
    if proc.returncode == 2 and any(
        hint in message
        for hint in ("unknown", "not supported", "unsupported", "must be one of", "no such", "--history")
    ):
        return None
    raise CliFailure(f"export exit {proc.returncode}: {message[:500]}")


def available():
    """Why the CLI cannot run, or None when `nbfresh --help` works."""
    if not BIN.exists():
        return f"{BIN} is missing"
    try:
        proc = _node(BIN, ["--help"], 60)
    except (OSError, subprocess.TimeoutExpired) as reason:
        return f"node failed: {reason}"
    if proc.returncode != 0:
        said = (proc.stderr or proc.stdout).strip()[:300]
        return f"`nbfresh --help` exited {proc.returncode}: {said} (build it: npx tsc -p tsconfig.cli.json)"
    return None


def snapshot(folder):
    """Copies the built CLI, so that a rebuild during a long run does not mix two versions.

    Returns (path of the copied launcher, a digest of the compiled files).
    """
    folder = Path(folder)
    shutil.copytree(ROOT / "bin", folder / "bin")
    shutil.copytree(ROOT / "cli", folder / "cli")
    shutil.copy(ROOT / "package.json", folder / "package.json")
    digest = hashlib.sha1()
    for path in sorted((folder / "cli").rglob("*.js")):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return str(folder / "bin" / "nbfresh.js"), digest.hexdigest()[:12]


def _node(bin_path, args, timeout):
    # The copied CLI finds its dependencies (@lezer/python...) in the project's node_modules.
    env = dict(os.environ, NODE_PATH=str(ROOT / "node_modules"))
    return subprocess.run(
        ["node", str(bin_path), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(ROOT),
        env=env,
    )
