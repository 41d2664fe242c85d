"""Figures from session records: the summary (overall and per kind), the table, examples."""

from collections import Counter

from sessions import KINDS

WITHIN = 1.3


def summarize(records):
    done = [r for r in records if r["status"] == "ok"]
    groups = {"overall": done}
    for kind in KINDS:
        members = [r for r in done if kind in r["kinds"]]
        if members:
            groups[kind] = members
    summary = {name: _figures(members) for name, members in groups.items()}
    summary["statuses"] = dict(Counter(r["status"] for r in records))
    summary["false_positive_flags"] = dict(
        Counter(
            f for r in done for c in r["cells"] if c["deterministic"] and not c["stale"] for f in c["flags"]
        )
    )
    return summary


def _figures(records):
    cells = [c for r in records for c in r["cells"]]
    judged = [c for c in cells if c["deterministic"]]
    tp = sum(1 for c in judged if c["stale"] and c["flags"])
    fp = sum(1 for c in judged if not c["stale"] and c["flags"])
    fn = sum(1 for c in judged if c["stale"] and not c["flags"])
    plans = [r["plan"] for r in records]
    correct = [r for r in records if r["plan"]["correct"]]
    sized = [r for r in correct if r["smallest"]["size"] is not None]
    ratios = [r["plan"]["size"] / r["smallest"]["size"] for r in sized if r["smallest"]["size"] > 0]
    exports = [r["export"] for r in records if r["export"]["status"] == "ok"]
    targets = sum(e["targets"] for e in exports)
    return {
        "sessions": len(records),
        "cells": len(judged),
        "nondeterministic_cells": len(cells) - len(judged),
        "stale_cells": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "plan_correct": _ratio(len(correct), len(records)),
        "plan_correct_count": len(correct),
        "plan_wrong_with_warning": sum(1 for p in plans if not p["correct"] and p["warnings"]),
        "plan_correct_or_warned": _ratio(
            sum(1 for p in plans if p["correct"] or p["warnings"]), len(records)
        ),
        "plan_size": _mean([p["size"] for p in plans]),
        "below_first_size": _mean([r["baselines"]["below_first"] for r in records]),
        "all_size": _mean([r["baselines"]["all"] for r in records]),
        "lower_bound": _mean([r["baselines"]["lower_bound"] for r in records]),
        "smallest_found": len(sized),
        "smallest_size": _mean([r["smallest"]["size"] for r in sized]),
        "size_ratio_mean": _mean(ratios),
        "size_ratio_total": _ratio(
            sum(r["plan"]["size"] for r in sized), sum(r["smallest"]["size"] for r in sized)
        ),
        "within_1_3": _ratio(
            sum(1 for r in sized if r["plan"]["size"] <= WITHIN * r["smallest"]["size"]), len(sized)
        ),
        "export_share": _ratio(sum(e["reproduced"] for e in exports), targets) if exports else None,
        "export_sessions": len(exports),
    }


COLUMNS = (
    ("kind", "{}", 16),
    ("sess", "{}", 5),
    ("cells", "{}", 6),
    ("stale", "{}", 6),
    ("FN", "{}", 4),
    ("FP", "{}", 4),
    ("recall", "{:.3f}", 7),
    ("prec", "{:.3f}", 6),
    ("plan ok", "{:.3f}", 7),
    ("ok|warn", "{:.3f}", 7),
    ("|plan|", "{:.1f}", 6),
    ("|min|", "{:.1f}", 6),
    ("ratio", "{:.2f}", 6),
    ("<=1.3x", "{:.2f}", 6),
    ("|below|", "{:.1f}", 7),
    ("|all|", "{:.1f}", 6),
    ("export", "{:.3f}", 7),
)


def table(summary):
    lines = [
        "  ".join(name.rjust(width) if i else name.ljust(width) for i, (name, _, width) in enumerate(COLUMNS))
    ]
    for name, f in summary.items():
        if not isinstance(f, dict) or "sessions" not in f:
            continue
        values = (
            name,
            f["sessions"],
            f["cells"],
            f["stale_cells"],
            f["fn"],
            f["fp"],
            f["recall"],
            f["precision"],
            f["plan_correct"],
            f["plan_correct_or_warned"],
            f["plan_size"],
            f["smallest_size"],
            f["size_ratio_total"],
            f["within_1_3"],
            f["below_first_size"],
            f["all_size"],
            f["export_share"],
        )
        cells = []
        for i, ((_, fmt, width), value) in enumerate(zip(COLUMNS, values)):
            text = "n/a" if value is None else fmt.format(value)
            cells.append(text.ljust(width) if i == 0 else text.rjust(width))
        lines.append("  ".join(cells))
    lines.append(
        "cells: deterministic code cells judged; stale: truly out of date; recall/prec: of flags; "
        "plan ok: share of sessions where running the plan makes every deterministic output equal Run All; "
        "ok|warn: plan ok, or wrong but nbfresh warned that it cannot restore (planWarnings); "
        "|min|: smallest correct plan found (sessions with a correct plan); "
        "ratio: sum |plan| / sum |min| there; "
        "<=1.3x: share of those sessions within 1.3x; |below|: cells from the first stale one down; "
        "export: share of on-screen outputs the as-run export reproduces"
    )
    return "\n".join(lines)


def skips(records, skipped_notebooks):
    lines = []
    flags = Counter(
        f
        for r in records
        if r["status"] == "ok"
        for c in r["cells"]
        if c["deterministic"] and not c["stale"]
        for f in c["flags"]
    )
    lines.append(
        "flags on cells that were not stale: "
        + (", ".join(f"{f} {n}" for f, n in flags.most_common()) or "none")
    )
    statuses = Counter(r["status"] for r in records)
    lines.append("sessions: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    reasons = Counter(_reason_kind(r.get("reason", "")) for r in records if r["status"] != "ok")
    for reason, n in reasons.most_common():
        lines.append(f"  {n} x {reason}")
    notebook_reasons = Counter(_reason_kind(reason) for reason in skipped_notebooks.values())
    lines.append(f"notebooks skipped: {len(skipped_notebooks)}")
    for reason, n in notebook_reasons.most_common():
        lines.append(f"  {n} x {reason}")
    return "\n".join(lines)


def examples(records, limit=8):
    done = [r for r in records if r["status"] == "ok"]
    lines = ["", "missed stale cells (false negatives):"]
    misses = [
        (r, c) for r in done for c in r["cells"] if c["deterministic"] and c["stale"] and not c["flags"]
    ]
    for r, c in misses[:limit]:
        lines.append(f"- {r['notebook']} [{','.join(r['kinds'])}] {actions_text(r['actions'])}")
        lines.append(f"    cell {c['index']} ({c['id']}): {c['source']!r}")
        lines.append(f"    shows {c['shown']!r}; Run All ({c['run_all_status']}) {c['run_all']!r}")
    lines.append(f"  ({len(misses)} in all)")
    lines.append("wrong plans:")
    wrong = [r for r in done if not r["plan"]["correct"]]
    for r in wrong[:limit]:
        p = r["plan"]
        lines.append(f"- {r['notebook']} [{','.join(r['kinds'])}] {actions_text(r['actions'])}")
        unknown = f" (not in the notebook: {p['unknown']})" if p["unknown"] else ""
        lines.append(f"    plan {p['cells']}{unknown}; warnings {p['warnings']}")
        for m in p["wrong"][:3]:
            lines.append(
                f"    cell {m['index']} ({m['id']}) after plan {m['shown']!r}; Run All {m['run_all']!r}"
            )
    lines.append(f"  ({len(wrong)} in all)")
    return "\n".join(lines)


def one_line(record):
    if record["status"] != "ok":
        reason = record.get("reason", "")[:200]
        return f"{record['notebook']} [{','.join(record['kinds'])}] {record['status']}: {reason}"
    cells = [c for c in record["cells"] if c["deterministic"]]
    fn = sum(1 for c in cells if c["stale"] and not c["flags"])
    fp = sum(1 for c in cells if not c["stale"] and c["flags"])
    return (
        f"{record['notebook']} [{','.join(record['kinds'])}] {record['seconds']}s "
        f"stale {sum(1 for c in cells if c['stale'])} FN {fn} FP {fp} "
        f"plan {record['plan']['size']} {'ok' if record['plan']['correct'] else 'WRONG'} "
        f"min {record['smallest']['size']}"
    )


def actions_text(actions):
    """A compact, readable form: run c1, c2 | edit c3 | insert new-1 @4 | restart ..."""
    words = []
    for a in actions:
        op = a["op"]
        if op == "run":
            if words and words[-1].startswith("run "):
                words[-1] += f",{a['cell']}"
            else:
                words.append(f"run {a['cell']}")
        elif op == "restart":
            words.append("restart")
        elif op in ("insert", "move"):
            words.append(f"{op} {a['cell']}@{a['index']}")
        else:
            words.append(f"{op} {a['cell']}")
    return " | ".join(words)


def _reason_kind(reason):
    return reason.split("(")[0].split(":")[0].strip()[:80] or "unknown"


def _ratio(a, b):
    return a / b if b else None


def _mean(values):
    return sum(values) / len(values) if values else None
