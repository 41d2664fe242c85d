"""How many notebooks of the corpus become a script that runs to the end.

For each notebook of ../shared/corpus/ (SOURCES.tsv), four Python files, each run in a fresh
`python` process in (a copy of) the notebook's folder, with MPLBACKEND=Agg and a timeout:

  nbconvert    `jupyter nbconvert --to script`: every code cell, top to bottom
  exec-order   the same, cells in the order of their stored execution counts
  clean        this extension's clean script (`format: 'script'`, default options)
  module       this extension's module (`format: 'module'`), running main()

Prints the share that runs to the end for each, why the others stopped, how many of the
extension's files have undefined names or unused imports (ruff F821/F401) that nbconvert's
file of the same notebook does not, and the notebooks whose nbconvert file runs but whose
clean script or module does not (there should be none); writes everything to bench/out/export_corpus.json.

Usage (in the project's virtual environment, after `jlpm build:cli`):
  python bench/export_corpus.py [--timeout 60] [--jobs 2] [--limit N] [--match TEXT]...
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from exportcheck import (
    ensure_cli_built,
    export,
    nbconvert_script,
    ruff_findings,
    run_python,
)

CORPUS = ROOT.parent / "shared" / "corpus"
METHODS = ["nbconvert", "exec-order", "clean", "module"]
# The corpus marks notebooks that are not safe to run (they delete files, call out).
UNSAFE = "skipped_unsafe"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--jobs", type=int, default=2, choices=[1, 2])
    parser.add_argument("--limit", type=int, default=0, help="only the first N notebooks")
    parser.add_argument("--match", action="append", default=[],
                        help="only notebooks whose path contains TEXT (repeatable: any of them)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "export_corpus.json")
    args = parser.parse_args()

    ensure_cli_built()
    entries = read_sources(args.match)
    if args.limit:
        entries = entries[: args.limit]
    texts = build_texts(entries)

    with tempfile.TemporaryDirectory() as tmp:
        # Notebooks write files: each method runs in its own copy of the corpus.
        copies = {}
        for method in METHODS:
            copies[method] = Path(tmp) / method
            shutil.copytree(CORPUS, copies[method])
        jobs = [(entry, method) for entry in entries if not entry["unsafe"] for method in METHODS]
        started = time.monotonic()

        def run(job):
            entry, method = job
            text = texts[entry["key"]][method]
            folder = (copies[method] / entry["relative"]).parent
            if text is None:
                return entry["key"], method, {"ok": False, "reason": "export failed", "seconds": 0}
            result = run_python(text, folder, args.timeout, mode="run", memory_limit=6 * 2**30)
            print(f"  {method:10} {result.reason:22} {result.seconds:6.1f}s  {entry['key']}", flush=True)
            lines = result.stderr.strip().splitlines()
            detail = "" if result.ok or result.timed_out or not lines else lines[-1][:200]
            return entry["key"], method, {"ok": result.ok, "reason": result.reason,
                                          "detail": detail, "seconds": round(result.seconds, 2)}

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            outcomes = list(pool.map(run, jobs))
        elapsed = time.monotonic() - started

    results = {
        entry["key"]: {
            "unsafe": entry["unsafe"],
            "sources_td": entry["td"],
            "warnings": texts[entry["key"]]["warnings"],
            "new_findings": texts[entry["key"]]["new_findings"],
        }
        for entry in entries
    }
    for key, method, outcome in outcomes:
        results[key][method] = outcome
    summary = summarize(results)
    print_table(summary, elapsed, args.timeout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "timeout": args.timeout,
                "jobs": args.jobs,
                "seconds": round(elapsed),
                "summary": summary,
                "notebooks": results,
            },
            indent=1,
        )
    )
    print(f"\nwrote {args.out}")
    return 0


def read_sources(match: list[str]) -> list[dict]:
    entries = []
    with open(CORPUS / "SOURCES.tsv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            relative = Path(row["repo"].replace("/", "__")) / row["path"]
            key = str(relative)
            if match and not any(text in key for text in match):
                continue
            entries.append(
                {
                    "key": key,
                    "relative": relative,
                    "td": row["td_status"],
                    "unsafe": row["td_status"] == UNSAFE,
                }
            )
    return entries


def build_texts(entries: list[dict]) -> dict:
    """The four files of each notebook, and what ruff finds in ours that nbconvert's lacks."""
    jobs = []
    for entry in entries:
        for fmt in ("script", "module"):
            jobs.append({"notebook": str(CORPUS / entry["relative"]), "options": {"format": fmt}})
    exported = export(jobs)
    texts = {}
    for i, entry in enumerate(entries):
        notebook = CORPUS / entry["relative"]
        script, module = exported[2 * i], exported[2 * i + 1]
        baseline = nbconvert_script(notebook)
        own_findings = ruff_findings(baseline)
        new_findings = {}
        for method, result in (("clean", script), ("module", module)):
            if "text" in result:
                extra = ruff_findings(result["text"]) - own_findings
                new_findings[method] = sorted(f"{code} {name}" for code, name in extra)
        texts[entry["key"]] = {
            "nbconvert": baseline,
            "exec-order": nbconvert_script(notebook, by_execution_count=True),
            "clean": script.get("text"),
            "module": module.get("text"),
            "warnings": script.get("warnings", [script.get("error", "")]),
            "new_findings": new_findings,
        }
    return texts


def summarize(results: dict) -> dict:
    ran = [r for r in results.values() if not r["unsafe"]]
    summary = {"notebooks": len(results), "run": len(ran), "skipped_unsafe": len(results) - len(ran)}
    for method in METHODS:
        ok = sum(1 for r in ran if r[method]["ok"])
        reasons = Counter(reason(r[method]) for r in ran if not r[method]["ok"])
        summary[method] = {
            "ok": ok,
            "share": round(ok / len(ran), 3) if ran else 0,
            "reasons": dict(reasons.most_common()),
        }
    for method in ("clean", "module"):
        summary[method]["new_ruff_findings"] = sum(1 for r in ran if r["new_findings"].get(method))
    # Where top to bottom fails and ours runs, and the other way round.
    summary["clean_only"] = sorted(
        k for k, r in results.items() if not r["unsafe"] and r["clean"]["ok"] and not r["nbconvert"]["ok"]
    )
    summary["nbconvert_only"] = sorted(
        k for k, r in results.items() if not r["unsafe"] and r["nbconvert"]["ok"] and not r["clean"]["ok"]
    )
    # The "done when" of issue 17: must be empty.
    summary["nbconvert_only_either"] = sorted(
        k for k, r in results.items()
        if not r["unsafe"] and r["nbconvert"]["ok"] and not (r["clean"]["ok"] and r["module"]["ok"])
    )
    summary["clean_not_module"] = sorted(
        k for k, r in results.items() if not r["unsafe"] and r["clean"]["ok"] and not r["module"]["ok"]
    )
    return summary


def reason(outcome: dict) -> str:
    """Why a run stopped; a script without IPython stopping at `get_ipython()` is told apart."""
    if "'get_ipython' is not defined" in outcome.get("detail", ""):
        return "NameError get_ipython"
    return outcome["reason"]


def print_table(summary: dict, elapsed: float, timeout: float) -> None:
    run = summary["run"]
    print(
        f"\n{run} notebooks run ({summary['skipped_unsafe']} skipped as unsafe), "
        f"timeout {timeout:g}s, {elapsed / 60:.1f} min"
    )
    print(f"{'':12}{'runs to the end':>18}   why the others stopped")
    for method in METHODS:
        s = summary[method]
        reasons = ", ".join(f"{k} {v}" for k, v in s["reasons"].items())
        print(f"{method:12}{s['ok']:>7} / {run:<3} {s['share']:6.1%}   {reasons}")
    for method in ("clean", "module"):
        print(
            f"{method}: {summary[method]['new_ruff_findings']} files with F821/F401 findings "
            "that nbconvert's file lacks"
        )
    print(
        f"clean runs, nbconvert does not: {len(summary['clean_only'])}; "
        f"nbconvert runs, clean does not: {len(summary['nbconvert_only'])}; "
        f"clean runs, module does not: {len(summary['clean_not_module'])}"
    )
    print(
        "nbconvert runs, clean script or module does not: "
        f"{len(summary['nbconvert_only_either'])}"
        + "".join(f"\n  {key}" for key in summary["nbconvert_only_either"])
    )


if __name__ == "__main__":
    sys.exit(main())
