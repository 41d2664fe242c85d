"""Just enough static reading of a cell to generate realistic edits.

This is deliberately independent of the analysis under test: it only picks which literal to
edit, which statement to copy and which pair of cells depend on each other. IPython syntax is
turned into Python with IPython's own transformer before `ast` reads it.
"""

import ast
from functools import lru_cache

from IPython.core.inputtransformer2 import TransformerManager

_TRANSFORMER = TransformerManager()
_MUTATING_METHODS = frozenset(
    {
        *("append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "popitem"),
        *("add", "discard", "sort", "reverse", "shuffle", "seed"),
        *("fit", "fit_transform", "partial_fit", "set_params"),
        *("drop", "fillna", "rename", "replace", "reset_index", "set_index", "sort_values", "sort_index"),
    }
)
_OWN_SCOPE = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


@lru_cache(maxsize=4096)
def parse(source):
    """(tree, python text) of a cell, or (None, None) when it is not Python."""
    for text in (source, _transform(source)):
        if text is None:
            continue
        try:
            return ast.parse(text), text
        except (SyntaxError, ValueError):
            continue
    return None, None


def defines(source):
    """Names bound at module level (not inside functions or classes)."""
    tree, _ = parse(source)
    if tree is None:
        return set()
    names = set()
    for node in _module_level(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def reads(source):
    """Every name loaded anywhere in the cell (function bodies included: a crude superset)."""
    tree, _ = parse(source)
    if tree is None:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def changes(source):
    """Names whose value the cell may leave different: what it binds, the objects it changes
    in place (item and attribute stores, `+=`, common mutating methods), and `_` when it shows
    a result. Module names (`np.random.shuffle(x)`) are left out by the caller's choice of
    `modules`."""
    tree, text = parse(source)
    if tree is None:
        return set()
    names = set(defines(source))
    for node in ast.walk(tree):
        target = None
        if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            target = node.value
        elif isinstance(node, ast.AugAssign):
            target = node.target
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _MUTATING_METHODS
        ):
            target = node.func.value
        while isinstance(target, (ast.Subscript, ast.Attribute)):
            target = target.value
        if isinstance(target, ast.Name):
            names.add(target.id)
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not text.rstrip().endswith(";"):
        names.add("_")
    return names


def modules(source):
    """Names bound by import statements."""
    tree, _ = parse(source)
    if tree is None:
        return set()
    return {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }


def assignments(source):
    """[(name, statement text)] for top-level `name = ...` statements."""
    tree, text = parse(source)
    if tree is None:
        return []
    found = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            segment = ast.get_source_segment(text, stmt)
            if segment:
                found.append((stmt.targets[0].id, segment))
    return found


def literal_sites(source):
    """Literals inside assignments that can be edited in the original source text.

    Each site is (line index, start byte, end byte, replacement text). Numbers get +1 (ints)
    or a nudge (floats); strings only when they read as prose (contain a space), since
    editing a column name or a path only produces a KeyError.
    """
    tree, text = parse(source)
    if tree is None:
        return []
    original_lines = source.split("\n")
    text_lines = text.split("\n")
    in_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            in_fstring.update(id(child) for child in ast.walk(node))
    sites = []
    for stmt in ast.walk(tree):
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)) or stmt.value is None:
            continue
        for node in ast.walk(stmt.value):
            if not isinstance(node, ast.Constant) or id(node) in in_fstring:
                continue
            if node.lineno != node.end_lineno:
                continue
            line = node.lineno - 1
            # Only where IPython's rewrite left the line as written.
            if (
                line >= len(original_lines)
                or line >= len(text_lines)
                or original_lines[line] != text_lines[line]
            ):
                continue
            replacement = _edited(node.value)
            if replacement is not None:
                sites.append((line, node.col_offset, node.end_col_offset, replacement))
    return sites


def apply_site(source, site):
    line, start, end, replacement = site
    lines = source.split("\n")
    raw = lines[line].encode("utf-8")
    lines[line] = (raw[:start] + replacement.encode("utf-8") + raw[end:]).decode("utf-8")
    return "\n".join(lines)


def is_number_site(site):
    return not site[3].startswith(("'", '"'))


def _edited(value):
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return repr(value + 1)
    if isinstance(value, float):
        return repr(round(value * 1.1 + 0.01, 6))
    if isinstance(value, str) and " " in value and "/" not in value and "\n" not in value:
        return repr(value + " (edited)")
    return None


def _module_level(tree):
    """Nodes that run at module level: descends into if/for/with/try, not into defs."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _OWN_SCOPE):
            continue
        stack.extend(ast.iter_child_nodes(node))


def _transform(source):
    try:
        return _TRANSFORMER.transform_cell(source)
    except Exception:  # noqa: BLE001 - any failure means "not IPython we can read"
        return None
