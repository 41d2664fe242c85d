"""Messy editing sessions, generated the way people work in a notebook.

A session is a list of actions on the notebook's cells, fixed in advance from a seed:
  {"op": "run", "cell": id}
  {"op": "edit", "cell": id, "source": new source}
  {"op": "insert", "index": i, "cell": new id, "source": source}   (index among all cells)
  {"op": "delete", "cell": id}
  {"op": "move", "cell": id, "index": i}
  {"op": "restart"}
and the kinds of mess it contains, for the per-kind table.
"""

import random

import cellcode

KINDS = (
    "in_order",
    "rerun",
    "run_early",
    "edit_literal",
    "insert_redefine",
    "delete",
    "move",
    "restart_partial",
)


def load_cells(notebook_json):
    """[{id, type, source}] with ids unique (nbformat < 4.5 has none: position-based ids)."""
    cells = []
    seen = set()
    for index, raw in enumerate(notebook_json.get("cells", [])):
        source = raw.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        cid = raw.get("id")
        if not isinstance(cid, str) or not cid or cid in seen:
            cid = f"c{index}"
        seen.add(cid)
        cells.append({"id": cid, "type": raw.get("cell_type", "code"), "source": source})
    return cells


def generate(cells, seed):
    """One session on `cells` (not modified), deterministic for a given seed string."""
    rng = random.Random(seed)
    g = _Generator(cells, rng)
    roll = rng.random()
    if roll < 0.08:
        g.run_in_order()
        g.kinds.append("in_order")
    elif roll < 0.2 and _run_early_fresh(g):
        g.kinds.append("run_early")
    else:
        g.run_in_order()
        count = 1 if rng.random() < 0.7 else rng.choice((2, 3))
        options = list(_AFTER_RUN)
        rng.shuffle(options)
        for kind in options:
            if len(g.kinds) == count:
                break
            if _AFTER_RUN[kind](g):
                g.kinds.append(kind)
        if not g.kinds:
            g.kinds.append("in_order")
    return {"seed": seed, "kinds": g.kinds, "actions": g.actions}


def apply_layout(cells, action, new_cell_type="code"):
    """The cell list after an editing action (run and restart leave it alone)."""
    op = action["op"]
    if op == "edit":
        return [dict(c, source=action["source"]) if c["id"] == action["cell"] else c for c in cells]
    if op == "insert":
        out = list(cells)
        out.insert(action["index"], {"id": action["cell"], "type": new_cell_type, "source": action["source"]})
        return out
    if op == "delete":
        return [c for c in cells if c["id"] != action["cell"]]
    if op == "move":
        moving = next(c for c in cells if c["id"] == action["cell"])
        out = [c for c in cells if c["id"] != action["cell"]]
        out.insert(action["index"], moving)
        return out
    return cells


class _Generator:
    def __init__(self, cells, rng):
        self.cells = [dict(c) for c in cells]
        self.rng = rng
        self.actions = []
        self.kinds = []
        self.inserted = 0

    def code_ids(self):
        return [c["id"] for c in self.cells if c["type"] == "code" and c["source"].strip()]

    def source(self, cid):
        return next(c["source"] for c in self.cells if c["id"] == cid)

    def position(self, cid):
        return next(i for i, c in enumerate(self.cells) if c["id"] == cid)

    def do(self, action):
        self.actions.append(action)
        self.cells = apply_layout(self.cells, action)

    def run(self, cid):
        self.do({"op": "run", "cell": cid})

    def run_in_order(self):
        for cid in self.code_ids():
            self.run(cid)

    def run_some_below(self, cid):
        """All code cells below, or a random subset of them in order."""
        ids = self.code_ids()
        below = ids[ids.index(cid) + 1 :]
        everything = self.rng.random() < 0.5
        for other in below:
            if everything or self.rng.random() < 0.5:
                self.run(other)


def _dependent_pairs(g):
    """(i, j) code-cell indexes, i < j, where cell j reads a name that cell i defines."""
    ids = g.code_ids()
    pairs = []
    for j, later in enumerate(ids):
        needed = cellcode.reads(g.source(later))
        for i in range(j):
            if cellcode.defines(g.source(ids[i])) & needed:
                pairs.append((i, j))
    return ids, pairs


def _pick_pair(g):
    ids, pairs = _dependent_pairs(g)
    if pairs:
        return ids, g.rng.choice(pairs)
    if len(ids) < 2:
        return ids, None
    j = g.rng.randrange(1, len(ids))
    return ids, (g.rng.randrange(j), j)


def _run_early_fresh(g):
    """Fresh kernel: run a cell before the one it needs, then carry on (re-running it or not)."""
    ids, pair = _pick_pair(g)
    if pair is None:
        return False
    i, j = pair
    for cid in ids[:i]:
        g.run(cid)
    g.run(ids[j])
    skip_again = g.rng.random() < 0.5
    for k in range(i, len(ids)):
        if k == j and skip_again:
            continue
        g.run(ids[k])
    return True


def _run_early_after(g):
    """Everything ran; now run a cell, then the cell above it that it reads from."""
    ids, pair = _pick_pair(g)
    if pair is None:
        return False
    i, j = pair
    g.run(ids[j])
    g.run(ids[i])
    return True


def _rerun(g):
    ids = g.code_ids()
    if not ids:
        return False
    for cid in g.rng.sample(ids, g.rng.randint(1, min(3, len(ids)))):
        g.run(cid)
    return True


def _edit_literal(g):
    candidates = [(cid, cellcode.literal_sites(g.source(cid))) for cid in g.code_ids()]
    candidates = [(cid, sites) for cid, sites in candidates if sites]
    if not candidates:
        return False
    cid, sites = g.rng.choice(candidates)
    numbers = [s for s in sites if cellcode.is_number_site(s)]
    site = g.rng.choice(numbers if numbers and g.rng.random() < 0.8 else sites)
    g.do({"op": "edit", "cell": cid, "source": cellcode.apply_site(g.source(cid), site)})
    if g.rng.random() < 0.5:
        g.run(cid)
        if g.rng.random() < 0.5:
            g.run_some_below(cid)
    return True


def _insert_redefine(g):
    candidates = [(cid, stmt) for cid in g.code_ids() for _, stmt in cellcode.assignments(g.source(cid))]
    if not candidates:
        return False
    cid, stmt = g.rng.choice(candidates)
    sites = cellcode.literal_sites(stmt)
    if sites and g.rng.random() < 0.7:
        stmt = cellcode.apply_site(stmt, g.rng.choice(sites))
    g.inserted += 1
    new_id = f"new-{g.inserted}"
    index = g.rng.randint(g.position(cid) + 1, len(g.cells))
    g.do({"op": "insert", "index": index, "cell": new_id, "source": stmt})
    if g.rng.random() < 0.8:
        g.run(new_id)
        if g.rng.random() < 0.5:
            g.run_some_below(new_id)
    return True


def _delete(g):
    ids = g.code_ids()
    if len(ids) < 2:
        return False
    defining = [cid for cid in ids if cellcode.defines(g.source(cid))]
    cid = g.rng.choice(defining if defining and g.rng.random() < 0.7 else ids)
    below = ids[ids.index(cid) + 1 :]
    g.do({"op": "delete", "cell": cid})
    if below and g.rng.random() < 0.4:
        for other in below:
            if g.rng.random() < 0.5:
                g.run(other)
    return True


def _move(g):
    ids = g.code_ids()
    if len(ids) < 2:
        return False
    cid = g.rng.choice(ids)
    here = g.position(cid)
    size = len(g.cells) - 1
    if g.rng.random() < 0.5:
        target = min(size, max(0, here + g.rng.choice((-3, -2, -1, 1, 2, 3))))
    else:
        target = g.rng.randint(0, size)
    if target == here:
        target = here - 1 if here > 0 else here + 1
    g.do({"op": "move", "cell": cid, "index": target})
    if g.rng.random() < 0.3:
        g.run(cid)
    return True


def _restart_partial(g):
    ids = g.code_ids()
    if not ids:
        return False
    g.do({"op": "restart"})
    mode = g.rng.random()
    if mode < 0.4:
        chosen = ids[: g.rng.randint(1, max(1, len(ids) - 1))]
    elif mode < 0.8:
        chosen = [cid for cid in ids if g.rng.random() < 0.5]
    else:
        chosen = [g.rng.choice(ids)]
    for cid in chosen:
        g.run(cid)
    return True


_AFTER_RUN = {
    "rerun": _rerun,
    "run_early": _run_early_after,
    "edit_literal": _edit_literal,
    "insert_redefine": _insert_redefine,
    "delete": _delete,
    "move": _move,
    "restart_partial": _restart_partial,
}
