"""The edit benchmark (issue 12): single edits of small notebooks, judged in real kernels.

    python bench/edits.py [--cli NAME=PATH]... [--only PATTERN]... [--subset FILE] [--jobs 2]
                          [--policies edited,below,runall,smallest,nbfresh] [--out FILE]
                          [--passing FILE] [--write-passing FILE]

Per case (bench/edits/*.cases, format in editcase.py), in a fresh kernel and an empty folder:
Run All of the original notebook, then the edited cell is edited and run. Each policy then
starts from that state, replayed in a fresh kernel and folder: only the edited cell (nothing
more), every cell below it, Run All in the same kernel, `nbfresh plan` of each CLI given
(restarting first when its JSON says `"restart": true`), and the smallest correct set (a search
over supersets of the wrong cells). Truth is Restart and Run All of the edited notebook, twice,
in fresh folders; cells that differ between the two are not judged. Cells re-run count the
cells a policy runs after the edited cell's own run. A policy is also judged on the kernel's
state it leaves (bench/stateprobe.py): state-correct when its outputs are correct and the state
is Run All's; the search then also looks for the smallest state-correct set.
"""

import argparse
import fnmatch
import hashlib
import json
import multiprocessing
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from editcase import POLICIES, SMALLEST_STATE, parse_cases, run_case

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CASES = BENCH / "edits"


def main(argv=None):
    args = _parse(argv)
    if args.report:
        data = json.loads(Path(args.report).read_text())
        columns = data["config"]["policies"]
        return report(args, data["cases"], columns, data["seconds"])
    cases = select(load_cases(args.cases), args)
    if not cases:
        print("edits: no case selected", file=sys.stderr)
        return 2
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    with (
        tempfile.TemporaryDirectory(prefix="nbfresh-edits-") as scratch,
        context.Pool(args.jobs, initializer=_worker_init) as pool,
    ):
        clis = []
        for name, path in args.cli:
            launcher, digest = snapshot(path, Path(scratch) / "cli" / name)
            print(f"nbfresh CLI {name}: {path} (build {digest})", file=sys.stderr)
            clis.append((name, launcher))
        tasks = [
            {
                "case": case,
                "clis": clis,
                "policies": args.policies,
                "timeout": args.timeout,
                "search": args.search,
                "check_kernel": args.check_kernel,
                "scratch": scratch,
            }
            for case in cases
        ]
        records = []
        for record in pool.imap_unordered(run_case, tasks):
            records.append(record)
            print(
                f"[{len(records)}/{len(tasks)} {time.monotonic() - started:.0f}s] {_one_line(record)}",
                file=sys.stderr,
            )
    records.sort(key=lambda r: r["id"])
    columns = [p for p in POLICIES if p in args.policies] + [f"nbfresh:{name}" for name, _ in args.cli]
    seconds = round(time.monotonic() - started)
    out = {
        "config": {"clis": dict(args.cli), "policies": columns, "search": args.search, "jobs": args.jobs},
        "seconds": seconds,
        "summary": summarize(records, columns),
        "cases": records,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1))
    print(f"JSON: {args.out}")
    return report(args, records, columns, seconds)


def report(args, records, columns, seconds):
    """Prints the tables and lists; the exit status (1: a case broke, or a listed case fails)."""
    names = [c for c in columns if c.startswith("nbfresh:")]
    summary = summarize(records, columns)
    print(table(summary, columns))
    if "state" in summary["overall"]:
        print(state_table(summary, columns))
        print(state_findings(records, names))
    print(unrestorable(records, names))
    print(failures(records, names))
    mismatched = [r for r in records if r.get("kernel_mismatch")]
    if any("kernel_mismatch" in r for r in records):
        print(f"\nReal kernel vs forked shells: {len(mismatched)} cases differ")
        for r in mismatched:
            first = r["kernel_mismatch"][0]
            print(f"  {r['id']}: cell {first['cell']} kernel {first['shown'][:60]!r}, shell {first['run_all'][:60]!r}")
    print(f"\n{len(records)} cases in {seconds} s")
    status = 0 if all(r["status"] == "ok" for r in records) and not mismatched else 1
    if args.write_passing and names:
        passing = [r["id"] for r in records if r["status"] == "ok" and r["policies"][names[0]]["pass"]]
        Path(args.write_passing).write_text("\n".join(passing) + "\n")
        print(f"{len(passing)} passing case ids of {names[0]} written to {args.write_passing}")
    if args.passing and names:
        regressed = regressions(records, names[0], Path(args.passing))
        if regressed:
            print(f"REGRESSIONS of {names[0]} (passed before, fail now): {', '.join(regressed)}")
            status = 1
    return status


def load_cases(folder):
    cases = []
    for path in sorted(Path(folder).glob("*.cases")):
        cases.extend(parse_cases(path))
    ids = Counter(case["id"] for case in cases)
    duplicated = [cid for cid, n in ids.items() if n > 1]
    if duplicated:
        raise SystemExit(f"edits: duplicated case ids: {', '.join(duplicated)}")
    return cases


def select(cases, args):
    if args.subset:
        wanted = {line.strip() for line in Path(args.subset).read_text().split("\n") if line.strip()}
        missing = wanted - {case["id"] for case in cases}
        if missing:
            raise SystemExit(f"edits: {args.subset} names unknown cases: {', '.join(sorted(missing))}")
        cases = [case for case in cases if case["id"] in wanted]
    if args.only:
        cases = [case for case in cases if any(fnmatch.fnmatch(case["id"], p) or p in case["id"] for p in args.only)]
    return cases


def snapshot(path, folder):
    """Copies a built CLI (the `cli/` folder and package.json above `path`) and writes a launcher.

    `path` is the compiled entry `<checkout>/cli/cli/main.js` or the launcher `<checkout>/bin/nbfresh.js`.
    Returns (launcher path, digest of the compiled files).
    """
    path = Path(path).resolve()
    checkout = next((p for p in path.parents if (p / "package.json").exists()), None)
    if checkout is None or not (checkout / "cli" / "cli" / "main.js").exists():
        raise SystemExit(f"edits: no built CLI at {path} (build it: jlpm build:cli)")
    shutil.copytree(checkout / "cli", folder / "cli")
    shutil.copy(checkout / "package.json", folder / "package.json")
    launcher = folder / "nbfresh.js"
    launcher.write_text(
        "require('./cli/cli/main.js').main(process.argv.slice(2)).then(code => { process.exitCode = code; });\n"
    )
    digest = hashlib.sha1()
    for js in sorted((folder / "cli").rglob("*.js")):
        digest.update(js.relative_to(folder).as_posix().encode())
        digest.update(js.read_bytes())
    return str(launcher), digest.hexdigest()[:12]


def summarize(records, columns):
    done = [r for r in records if r["status"] == "ok"]
    groups = {"overall": done}
    for klass in sorted({r["class"] for r in done}):
        groups[klass] = [r for r in done if r["class"] == klass]
    summary = {}
    for group, members in groups.items():
        row = {
            "cases": len(members),
            "unrestorable": sum(r["unrestorable"] for r in members),
            # The search stopped at its budget: its size is an upper bound, "no set" a guess.
            "search_stopped": sum(not r["policies"].get("smallest", {}).get("exact", True) for r in members),
        }
        for column in columns:
            policies = [r["policies"][column] for r in members]
            row[column] = {
                "correct": sum(p["correct"] for p in policies),
                "cells": sum(p["size"] or 0 for p in policies if p["correct"]) if column == "smallest"
                else sum(p["size"] for p in policies),
            }
            if column.startswith("nbfresh:"):
                row[column]["pass"] = sum(p["pass"] for p in policies)
                row[column]["warned"] = sum(bool(p["warnings"]) for p in policies)
        if members and "state_correct" in members[0]["policies"][columns[0]]:
            row["state"] = _state_summary(members, columns)
        summary[group] = row
    summary["statuses"] = dict(Counter(r["status"] for r in records))
    return summary


def _state_summary(members, columns):
    """State-correct per policy, and nbfresh's cells against both smallest sets where both exist."""
    figures = {}
    for column in columns + ([SMALLEST_STATE] if "smallest" in columns else []):
        policies = [r["policies"][column] for r in members]
        figures[column] = {
            "state_correct": sum(p["state_correct"] for p in policies),
            "cells": sum(p["size"] or 0 for p in policies if p["state_correct"])
            if column in ("smallest", SMALLEST_STATE)
            else sum(p["size"] for p in policies),
        }
    if "smallest" in columns:
        both = [r for r in members if r["policies"][SMALLEST_STATE]["correct"]]
        for column in columns:
            if column.startswith("nbfresh:"):
                figures[column]["versus"] = {
                    "cases": len(both),
                    "cells": sum(r["policies"][column]["size"] for r in both),
                    "smallest": sum(r["policies"]["smallest"]["size"] for r in both),
                    SMALLEST_STATE: sum(r["policies"][SMALLEST_STATE]["size"] for r in both),
                }
    return figures


def table(summary, columns):
    """Correct / cells run after the edit, per class and overall, one column per policy."""
    head = ["class", "cases", "no set"] + columns
    rows = [head, ["---"] * len(head)]
    for group, row in summary.items():
        if group == "statuses":
            continue
        cells = [group, str(row["cases"]), str(row["unrestorable"])]
        cells += [f"{row[c]['correct']} / {row[c]['cells']}" for c in columns]
        rows.append(cells)
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    overall = summary["overall"]
    for column in columns:
        if column.startswith("nbfresh:"):
            figures = overall[column]
            lines.append(
                f"{column}: passes {figures['pass']} of {overall['cases']} (correct {figures['correct']},"
                f" or warned where no set is correct); planWarnings in {figures['warned']} cases"
            )
    notes = (
        "\ncorrect / cells run after the edited cell's own run (for `smallest`: cases where a correct"
        " set was found / its total size); `no set`: cases where no set of re-runs is correct."
        f"\nthe search for the smallest set stopped at its budget in {overall['search_stopped']} cases"
        f"\nstatuses: {summary['statuses']}"
    )
    return "\n".join(lines) + notes


def state_table(summary, columns):
    """State-correct / cells per class and policy: outputs right and the kernel's state as Run All's."""
    columns = columns + ([SMALLEST_STATE] if "smallest" in columns else [])
    head = ["class", "cases"] + columns
    rows = [head, ["---"] * len(head)]
    for group, row in summary.items():
        if group == "statuses":
            continue
        figures = row["state"]
        rows.append([group, str(row["cases"])] + [f"{figures[c]['state_correct']} / {figures[c]['cells']}" for c in columns])
    lines = [
        (
            "\nState: outputs correct and the kernel's state (names, files, random generators, figures) as"
            " after Run All; state-correct / cells run (for smallest sets: cases found / their size)"
        )
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    for column, figures in summary["overall"]["state"].items():
        versus = figures.get("versus")
        if versus and versus["smallest"] and versus[SMALLEST_STATE]:
            lines.append(
                f"{column}: {versus['cells']} cells in the {versus['cases']} cases where both smallest sets"
                f" exist, {versus['cells'] / versus['smallest']:.2f}x the smallest output-correct sets"
                f" ({versus['smallest']}), {versus['cells'] / versus[SMALLEST_STATE]:.2f}x the smallest"
                f" state-correct sets ({versus[SMALLEST_STATE]})"
            )
    return "\n".join(lines)


def state_findings(records, names):
    """Cases where a plan shows the right outputs and leaves the kernel otherwise than Run All."""
    lines = []
    for name in names:
        lines.append(f"\nOutput-correct but state-wrong, {name} (case: what differs from Run All):")
        for r in records:
            policy = r["policies"].get(name) if r["status"] == "ok" else None
            if policy and policy["correct"] and not policy["state_correct"]:
                leftover = set(policy.get("state_leftover", ()))
                keys = [f"{k} (Run All has none)" if k in leftover else k for k in policy["state_wrong"]]
                lines.append(f"  {r['id']}: {', '.join(keys)}")
    return "\n".join(lines)


def unrestorable(records, names):
    lines = ["\nCases where no set of re-runs is correct (and whether each nbfresh warned):"]
    for r in records:
        if r["status"] == "ok" and r["unrestorable"]:
            said = ", ".join(
                f"{n}: {'warned' if r['policies'][n]['warnings'] else 'NO WARNING'}" for n in names
            )
            lines.append(f"  {r['id']}  {said}")
    return "\n".join(lines)


def failures(records, names):
    lines = []
    for name in names:
        lines.append(f"\nFailures of {name} (case: wrong cell, shown vs Run All):")
        for r in records:
            if r["status"] != "ok":
                lines.append(f"  {r['id']}: {r['status']} {r.get('reason', '')[:200]}")
                continue
            policy = r["policies"][name]
            if policy["pass"]:
                continue
            restorable = "" if not r["unrestorable"] else " [no set correct, not warned]"
            for wrong in policy["wrong"][:2]:
                lines.append(
                    f"  {r['id']}{restorable}: cell {wrong['cell']} shows {wrong['shown'][:60]!r},"
                    f" Run All {wrong['run_all'][:60]!r}"
                )
    return "\n".join(lines)


def regressions(records, name, passing_file):
    before = {line.strip() for line in passing_file.read_text().split("\n") if line.strip()}
    return [
        r["id"]
        for r in records
        if r["id"] in before and (r["status"] != "ok" or not r["policies"][name]["pass"])
    ]


def _one_line(record):
    if record["status"] != "ok":
        return f"{record['id']}: {record['status']} {record.get('reason', '')[:200]}"
    marks = " ".join(f"{n}={'ok' if p['correct'] else 'WRONG'}" for n, p in record["policies"].items())
    return f"{record['id']} ({record['seconds']}s, {record['replays']} replays): {marks}"


def _worker_init():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _cli(text):
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError("--cli takes NAME=PATH")
    return name, path


def _parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] + ".")
    parser.add_argument("--cases", default=str(CASES), help="folder of *.cases files (default bench/edits)")
    parser.add_argument(
        "--cli",
        type=_cli,
        action="append",
        help="NAME=PATH of a built CLI (cli/cli/main.js or bin/nbfresh.js); repeatable"
        " (default current=<this checkout>/cli/cli/main.js)",
    )
    parser.add_argument("--only", action="append", default=[], help="case ids matching (glob or substring)")
    parser.add_argument("--subset", help="a file of case ids, one per line")
    parser.add_argument("--policies", default=",".join(POLICIES), help=f"of {','.join(POLICIES)} (nbfresh always)")
    parser.add_argument("--jobs", type=int, default=2, help="cases at once (default 2)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per cell (default 30)")
    parser.add_argument("--search", type=int, default=64, help="replays per case for the smallest set (default 12)")
    parser.add_argument(
        "--check-kernel",
        action="store_true",
        help="also run each edited notebook in a real kernel and report where it shows otherwise",
    )
    parser.add_argument("--out", help="JSON output (default bench/out/edits-<cli names>.json)")
    parser.add_argument("--report", help="print the tables of a JSON this harness wrote, run nothing")
    parser.add_argument("--passing", help="case ids that passed before: exit 1 if one fails with the first CLI")
    parser.add_argument("--write-passing", help="write the ids of the cases the first CLI passes")
    args = parser.parse_args(argv)
    args.cli = args.cli or [("current", str(ROOT / "cli" / "cli" / "main.js"))]
    args.policies = [p.strip() for p in args.policies.split(",") if p.strip() and p.strip() != "nbfresh"]
    unknown = set(args.policies) - set(POLICIES)
    if unknown:
        parser.error(f"unknown policies: {', '.join(sorted(unknown))}")
    args.out = args.out or str(BENCH / "out" / f"edits-{'-'.join(n for n, _ in args.cli)}.json")
    args.jobs = max(1, args.jobs)
    return args


if __name__ == "__main__":
    sys.exit(main())
