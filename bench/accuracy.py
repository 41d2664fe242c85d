"""Accuracy of nbfresh's flags and re-run plans against real kernels (issue 7).

    python bench/accuracy.py [--corpus DIR]... [--seed N] [--sessions N] [--notebooks PATTERN]...
                             [--jobs 2] [--out FILE]

Generates messy editing sessions on notebooks, runs them in real IPython kernels, asks
`nbfresh plan` which cells are out of date and what to re-run, and compares with the truth
(Restart and Run All, twice, in fresh kernels). Prints one table, overall and per kind of
action, and writes every session's details as JSON (default bench/out/accuracy-seed<N>.json).
The CLI must be built first: npx tsc -p tsconfig.cli.json.
"""

import argparse
import csv
import fnmatch
import hashlib
import json
import multiprocessing
import signal
import sys
import tempfile
import time
from pathlib import Path

# Run as a script: its folder is on sys.path, so the sibling modules import directly (and the
# spawned workers inherit that path).
import nbfresh_cli
import report
import sessions
from evaluate import evaluate
from kernel import CellTimeout
from runner import copy_folder, run_all

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
OUT = BENCH / "out"


def main(argv=None):
    args = _parse(argv)
    problem = nbfresh_cli.available()
    if problem:
        print(f"accuracy: nbfresh does not run: {problem}", file=sys.stderr)
        return 2
    notebooks, skipped = discover(args)
    context = multiprocessing.get_context("spawn")
    # Every working folder lives in one scratch folder that this process removes, even when
    # the workers are terminated halfway (Ctrl-C).
    with (
        tempfile.TemporaryDirectory(prefix="nbfresh-bench-") as scratch,
        context.Pool(args.jobs, initializer=_worker_init) as pool,
    ):
        args.scratch = scratch
        args.cli, args.cli_digest = nbfresh_cli.snapshot(Path(scratch) / "nbfresh")
        print(f"nbfresh CLI build {args.cli_digest} (copied for this run)", file=sys.stderr)
        usable = calibrate(pool, notebooks, skipped, args)
        if not usable:
            print("accuracy: no usable notebook (see the skip reasons above)", file=sys.stderr)
            return 2
        tasks = plan_sessions(usable, args)
        records = run_sessions(pool, tasks, args, skipped)
    summary = report.summarize(records)
    _write(args, records, summary, skipped, len(usable))
    print(report.table(summary))
    print(report.skips(records, skipped))
    print(report.examples(records))
    print(f"\nJSON: {args.out}")
    return 0


def discover(args):
    """All notebooks under the corpus folders that match the patterns, and early skips."""
    found, skipped = [], {}
    for corpus in args.corpus:
        corpus = Path(corpus).resolve()
        statuses = _td_statuses(corpus)
        for path in sorted(corpus.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            relative = path.relative_to(corpus)
            rel = f"{corpus.name}/{relative.as_posix()}"
            if args.notebooks and not any(fnmatch.fnmatch(rel, p) or p in rel for p in args.notebooks):
                continue
            status = statuses.get(relative.as_posix(), "ok")
            if status != "ok":
                skipped[rel] = f"td_status {status}"
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            language = _language(data)
            cells = sessions.load_cells(data)
            if language not in (None, "python"):
                skipped[rel] = f"language {language}"
                continue
            if sum(1 for c in cells if c["type"] == "code" and c["source"].strip()) < 2:
                skipped[rel] = "fewer than 2 code cells"
                continue
            # Copy the repository folder (top level of the corpus), so relative data paths resolve.
            root = corpus / relative.parts[0] if len(relative.parts) > 1 else corpus
            found.append(
                {
                    "rel": rel,
                    "root": str(root),
                    "sub": path.parent.relative_to(root).as_posix(),
                    "cells": cells,
                    "hash": hashlib.sha1(path.read_bytes()).hexdigest()[:12],
                }
            )
    return found, skipped


def calibrate(pool, notebooks, skipped, args):
    """Keeps notebooks that run top to bottom without error within --max-seconds (cached)."""
    cache_path = Path(args.calibration)
    cache = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    keys = {nb["rel"]: f"{nb['rel']}:{nb['hash']}:{args.max_seconds}" for nb in notebooks}
    todo = [nb for nb in notebooks if keys[nb["rel"]] not in cache]
    if todo:
        print(f"calibrating {len(todo)} notebooks (one Run All each)...", file=sys.stderr)
    for nb, result in zip(
        todo, pool.imap(_calibrate_one, [(nb, args.max_seconds, args.scratch) for nb in todo])
    ):
        cache[keys[nb["rel"]]] = result
        print(f"  {nb['rel']}: {result}", file=sys.stderr)
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True))
    usable = []
    for nb in notebooks:
        result = cache[keys[nb["rel"]]]
        if result.get("problem"):
            skipped[nb["rel"]] = result["problem"]
        else:
            nb["run_all_seconds"] = result["seconds"]
            usable.append(nb)
    return usable


def plan_sessions(usable, args):
    """--sessions sessions spread evenly over the notebooks, each with its own seed string."""
    tasks = []
    for k in range(args.sessions):
        nb = usable[k % len(usable)]
        seed = f"{args.seed}:{nb['rel']}:{k // len(usable)}"
        tasks.append(
            {
                "notebook": nb,
                "session": sessions.generate(nb["cells"], seed),
                "timeout": args.cell_timeout,
                "replays": args.replays,
                "replay_budget": args.replay_budget,
                "export": not args.no_export,
                "scratch": args.scratch,
                "cli": args.cli,
            }
        )
    # Long notebooks first, so that the two workers finish together.
    tasks.sort(key=lambda t: -t["notebook"]["run_all_seconds"])
    return tasks


def run_sessions(pool, tasks, args, skipped):
    records = []
    started = time.monotonic()
    for record in pool.imap_unordered(evaluate, tasks):
        records.append(record)
        print(
            f"[{len(records)}/{len(tasks)} {time.monotonic() - started:.0f}s] {report.one_line(record)}",
            file=sys.stderr,
        )
        if len(records) % 10 == 0:
            _write(args, records, report.summarize(records), skipped, None, partial=True)
    records.sort(key=lambda r: (r["notebook"], r["seed"]))
    return records


def _calibrate_one(job):
    nb, max_seconds, scratch = job
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="calibrate-", dir=scratch) as tmp:
            folder = copy_folder(Path(nb["root"]), Path(tmp) / "nb")
            shown, _ = run_all(folder / nb["sub"], nb["cells"], max_seconds)
    except CellTimeout:
        return {"problem": f"a cell ran longer than {max_seconds} s"}
    except Exception as reason:  # noqa: BLE001 - one notebook's failure is a skip reason, not a crash
        return {"problem": f"kernel failure: {reason}"}
    seconds = round(time.monotonic() - started, 1)
    failed = [(cid, text) for cid, (status, text) in shown.items() if status != "ok"]
    if failed:
        cid, text = failed[0]
        lines = text.strip().split("\n")
        last = next((line for line in reversed(lines) if "Error" in line), lines[-1])[:120]
        return {"problem": f"Run All fails in this environment (cell {cid}: {last})", "seconds": seconds}
    if seconds > max_seconds:
        return {"problem": f"Run All takes {seconds} s (more than {max_seconds} s)", "seconds": seconds}
    return {"seconds": seconds}


def _worker_init():
    # Ctrl-C reaches the main process, which terminates the workers; a kernel whose worker dies
    # exits by itself within a second (ipykernel watches JPY_PARENT_PID, set by jupyter_client).
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _td_statuses(corpus):
    """{path inside the corpus: td_status} from SOURCES.tsv, when the folder has one."""
    sources = corpus / "SOURCES.tsv"
    if not sources.exists():
        return {}
    with sources.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {f"{row['repo'].replace('/', '__')}/{row['path']}": row["td_status"] for row in rows}


def _language(data):
    metadata = data.get("metadata", {})
    spec = metadata.get("kernelspec") or {}
    info = metadata.get("language_info") or {}
    language = spec.get("language") or info.get("name")
    return language.lower() if isinstance(language, str) else None


def _write(args, records, summary, skipped, usable, partial=False):
    data = {
        "config": {k: v for k, v in vars(args).items() if k not in ("out", "calibration", "scratch", "cli")},
        "partial": partial,
        "usable_notebooks": usable,
        "skipped_notebooks": skipped,
        "summary": summary,
        "sessions": records,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(data, indent=1))


def _parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] + ".")
    parser.add_argument(
        "--corpus", action="append", help=f"folder of notebooks (repeatable; default {DEFAULT_CORPUS})"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sessions", type=int, default=200, help="number of sessions in all (default 200)")
    parser.add_argument(
        "--notebooks",
        action="append",
        default=[],
        help="only notebooks whose path matches (glob or substring; repeatable)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="sessions at once, one kernel each (default 2)")
    parser.add_argument("--out", help="JSON output (default bench/out/accuracy-seed<N>.json)")
    parser.add_argument(
        "--max-seconds", type=float, default=30, help="skip notebooks whose Run All takes longer (default 30)"
    )
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=60,
        help="seconds per cell before the session is dropped (default 60)",
    )
    parser.add_argument(
        "--replays",
        type=int,
        default=4,
        help="replays per session to search the smallest correct plan (default 4)",
    )
    parser.add_argument(
        "--replay-budget", type=float, default=90, help="seconds of replays per session (default 90)"
    )
    parser.add_argument(
        "--calibration",
        default=str(OUT / "calibration.json"),
        help="cache of Run All times (default bench/out/calibration.json)",
    )
    parser.add_argument("--no-export", action="store_true", help="do not measure the as-run export")
    args = parser.parse_args(argv)
    args.corpus = args.corpus or [str(DEFAULT_CORPUS)]
    args.out = args.out or str(OUT / f"accuracy-seed{args.seed}.json")
    args.jobs = max(1, args.jobs)
    return args


if __name__ == "__main__":
    sys.exit(main())
