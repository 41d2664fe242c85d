"""A canonical description of a kernel's state: what the edit benchmark compares besides outputs.

`probe(namespace, hidden, folder)` returns {key: digest} for
- every global a cell bound (`name`): not modules, not `_`-names, not IPython's own (`hidden`);
- the files and folders under `folder` (`file:<path>`, `dir:<path>`);
- the global random generators (`random:python`, `random:numpy`) and matplotlib's figures
  (`pyplot:open`, `pyplot:current`), where those modules are loaded.
A digest is `type: value digest` where the value has a stable description, else the type alone.
It reads the state without changing it (no figure or axes is created) and binds no name.
"""

import functools
import hashlib
import os
import random
import re
import sys
import types
import warnings

# Nesting followed into containers and objects' attributes; deeper values count by type only.
DEPTH = 4
# Elements of a container described one by one; a longer one is described by its repr.
ITEMS = 1000
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_SCALARS = (type(None), bool, int, float, complex, str, bytes, range, type(Ellipsis))


def probe(namespace, hidden, folder):
    state = {}
    for name in sorted(namespace):
        value = namespace[name]
        if name.startswith("_") or name in hidden or isinstance(value, types.ModuleType):
            continue
        state[name] = digest(value)
    state.update(_files(folder))
    state.update(_globals())
    return state


def digest(value):
    """`type: hash of a stable description`, or the type's name alone where there is none."""
    text = describe(value, DEPTH, set())
    kind = _kind(value)
    if text is None:
        return kind
    return f"{kind}: {hashlib.sha1(text.encode('utf-8', 'replace')).hexdigest()[:16]}"


def describe(value, depth, seen):
    """A text that is equal for equal states; None where the value has no stable description."""
    if isinstance(value, _SCALARS):
        return _kind(value) + ":" + repr(value)
    if depth <= 0 or id(value) in seen:
        return _kind(value)
    seen = seen | {id(value)}
    try:
        text = _describe(value, depth - 1, seen)
    except Exception as error:  # noqa: BLE001 - a value that cannot be read counts by its type
        text = f"unreadable {type(error).__name__}"
    return None if text is None else _kind(value) + "(" + _ADDRESS.sub("0x?", text) + ")"


def _describe(value, depth, seen):
    def inner(item):
        return describe(item, depth, seen) or _kind(item)

    if isinstance(value, (list, tuple, dict, set, frozenset)) and len(value) > ITEMS:
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ",".join(inner(item) for item in value)
    if isinstance(value, dict):
        return ",".join(f"{inner(k)}={inner(v)}" for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return ",".join(sorted(inner(item) for item in value))
    if isinstance(value, bytearray):
        return _hash(bytes(value))
    for reader in _LIBRARY_READERS:
        text = reader(value, inner)
        if text is not None:
            return text
    if isinstance(value, functools._lru_cache_wrapper):
        # What the cache holds is not readable; how many results it holds is.
        return f"{inner(value.__wrapped__)} cached {value.cache_info().currsize}"
    if isinstance(value, functools.partial):
        return f"{inner(value.func)} {inner(value.args)} {inner(value.keywords)}"
    if isinstance(value, types.FunctionType):
        return _function(value, inner)
    if isinstance(value, types.MethodType):
        return f"{inner(value.__func__)} of {inner(value.__self__)}"
    if isinstance(value, types.GeneratorType):
        # How far it ran and its locals: a consumed generator differs from a fresh one.
        frame = value.gi_frame
        return "done" if frame is None else f"at {frame.f_lasti} {inner(dict(frame.f_locals))}"
    if isinstance(value, type):
        attributes = {k: v for k, v in vars(value).items() if not (k.startswith("__") and k.endswith("__"))}
        return f"{value.__qualname__} {inner(attributes)}"
    if _is_iterator(value):
        # Builtin iterators tell their position through pickling's `__reduce__`.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return inner(value.__reduce__()[1:])
    if isinstance(value, random.Random):
        return inner(value.getstate())
    attributes = getattr(value, "__dict__", None)
    if not isinstance(attributes, dict) or type(value).__module__.startswith("matplotlib"):
        return None
    if type(value).__module__ == "__main__":
        # An instance of a class defined before the class cell was edited keeps the old methods.
        return f"{inner(type(value))} {inner(attributes)}"
    return inner(attributes)


def _function(function, inner):
    code = function.__code__
    closure = [cell.cell_contents for cell in function.__closure__ or () if _filled(cell)]
    defaults = inner(function.__defaults__), inner(function.__kwdefaults__)
    return f"{function.__qualname__} {_code(code)} {defaults} {inner(closure)}"


def _code(code):
    # Nested code objects by their contents: their repr names a file that differs per run.
    consts = [_code(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts]
    return _hash(code.co_code + repr((consts, code.co_names, code.co_varnames)).encode())


def _filled(cell):
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


def _is_iterator(value):
    kind = type(value)
    return kind.__module__ in ("builtins", "itertools") and hasattr(kind, "__next__")


def _numpy(value, inner):
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return None
    if isinstance(value, numpy.ndarray):
        data = repr(value.tolist()).encode() if value.dtype == object else value.tobytes()
        return f"{value.dtype} {value.shape} {_hash(data)}"
    if isinstance(value, numpy.generic):
        return repr(value)
    if isinstance(value, numpy.random.Generator):
        return inner(value.bit_generator.state)
    if isinstance(value, numpy.random.RandomState):
        return inner(value.get_state(legacy=False))
    return None


def _pandas(value, inner):
    pandas = sys.modules.get("pandas")
    if pandas is None or not isinstance(value, (pandas.DataFrame, pandas.Series, pandas.Index)):
        return None
    if isinstance(value, pandas.Index):
        return f"{value.dtype} {inner(value.tolist())} {inner(value.names)}"
    frame = value.to_frame() if isinstance(value, pandas.Series) else value
    try:
        values = _hash(pandas.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    except TypeError:  # unhashable cells (lists)
        values = _hash(repr(frame.to_numpy().tolist()).encode())
    return (
        f"{value.shape} {inner(list(frame.columns))} {inner([str(t) for t in frame.dtypes])}"
        f" {_pandas(value.index, inner)} {values} {inner(getattr(value, 'name', None))}"
    )


def _matplotlib(value, inner):
    figure = sys.modules.get("matplotlib.figure")
    axes = sys.modules.get("matplotlib.axes")
    if figure is not None and isinstance(value, figure.Figure):
        return _figure(value, inner)
    if axes is not None and isinstance(value, axes.Axes):
        return _axes(value, inner)
    return None


def _figure(figure, inner):
    return " ".join(_axes(ax, inner) for ax in figure.axes) + f" {len(figure.axes)} axes"


def _axes(ax, inner):
    parts = (
        ax.get_title(),
        ax.get_xlabel(),
        ax.get_ylabel(),
        # Limits only where autoscaling is done: reading them would apply it.
        tuple(ax.viewLim.intervalx) if not ax._stale_viewlims.get("x") else "pending",
        tuple(ax.viewLim.intervaly) if not ax._stale_viewlims.get("y") else "pending",
        len(ax.lines),
        len(ax.patches),
        len(ax.collections),
        len(ax.texts),
    )
    return inner(parts)


def _estimator(value, inner):
    base = sys.modules.get("sklearn.base")
    if base is None or not isinstance(value, base.BaseEstimator):
        return None
    fitted = {k: v for k, v in sorted(vars(value).items()) if k.endswith("_") and not k.startswith("_")}
    params = value.get_params(deep=False)
    return f"{inner(params)} fitted={bool(fitted)} {inner(fitted)}"


_LIBRARY_READERS = (_numpy, _pandas, _matplotlib, _estimator)


def _files(folder):
    found = {}
    for root, dirs, files in os.walk(folder):
        # Bytecode caches hold timestamps; they are Python's, not the notebook's.
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        relative = os.path.relpath(root, folder)
        for name in dirs:
            found[f"dir:{os.path.normpath(os.path.join(relative, name))}"] = "folder"
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                found[f"file:{os.path.normpath(os.path.join(relative, name))}"] = f"unreadable {error.errno}"
                continue
            found[f"file:{os.path.normpath(os.path.join(relative, name))}"] = (
                f"{len(data)} bytes {_hash(data)}"
            )
    return found


def _globals():
    # The module imported here is the one the user's `import random` gets.
    found = {"random:python": _hash(repr(random.getstate()).encode())}
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        found["random:numpy"] = digest(numpy.random.get_state(legacy=False))
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        # Read without creating a figure (plt.gcf() would). The figures open, apart from what
        # the current one holds: the shells here keep every figure open, as a desktop backend
        # does (a kernel's inline backend closes them after each cell), so a re-run
        # `plt.subplots()` leaves one more, which only a restart or `plt.close` removes.
        active = sys.modules["matplotlib._pylab_helpers"].Gcf.get_active()
        found["pyplot:open"] = repr(pyplot.get_fignums())
        found["pyplot:current"] = (
            "none" if active is None else _hash(_figure(active.canvas.figure, _plain).encode())
        )
    return found


def _plain(value):
    return describe(value, DEPTH, set()) or _kind(value)


def _kind(value):
    kind = type(value)
    return (
        kind.__name__
        if kind.__module__ in ("builtins", "__main__")
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def _hash(data):
    return hashlib.sha1(data).hexdigest()[:16]


def differences(state, first, second):
    """Keys where `state` differs from truth `first`, leaving out those the two truths differ on.

    A name only the policy's kernel holds (edited away, or bound by a cell that no longer runs)
    differs from truth, which does not hold it.
    """
    unstable = {k for k in first.keys() | second.keys() if first.get(k) != second.get(k)}
    keys = (first.keys() | state.keys()) - unstable
    return sorted(k for k in keys if state.get(k) != first.get(k))
