/**
 * The data model shared by every part of the core. Pure types: no JupyterLab, no DOM.
 * See DESIGN.md ("Data model", "Semantics", "Execution log file and plan output").
 */
import type { Reason } from './findings';

/** Where a problem sits in a cell's source (0-based line, 0-based column). */
export interface ISourceLocation {
  line: number;
  column: number;
}

export interface ISyntaxProblem extends ISourceLocation {
  message: string;
}

/**
 * What a function does to module globals when it is called, from its body.
 * A call site reads `reads`, rebinds `writes` (names declared `global` and assigned)
 * and mutates `mutates` at call time, not at definition time.
 */
export interface IFunctionSummary {
  reads: string[];
  writes: string[];
  mutates: string[];
  /** Functions it calls by name; their effects are added at call time. */
  calls: string[];
  /** It changes an argument's object in place (`def f(xs): xs.append(1)`). */
  mutatesArguments?: boolean;
  /**
   * Free names it draws from (`random_state=RNG`): changed by each call if they hold a
   * generator, not if a seed. Absent when none.
   */
  draws?: string[];
  /**
   * The arguments it draws from (`def pick(d, rng): d.sample(2, random_state=rng)`), by the keys
   * a call gives them at: positions (`"1"`) and keywords (`"rng"`), `*` for any; changed by each
   * call if they hold a generator, not if a seed. Absent when none.
   */
  drawsArguments?: string[];
  /**
   * By the key a call gives an argument at (see `drawsArguments`): the slots it stores into
   * that argument, where that is all it does with it (`def tag(d, label): d["label"] = label`
   * gives `{"0": ['["label"]'], "d": ['["label"]']}`): a call replaces what they held. Absent
   * when none.
   */
  storesArguments?: Record<string, string[]>;
  /** It may return an argument's object or a part of it (`def f(xs): return xs[0]`). Absent when not. */
  returnsArguments?: true;
  /**
   * Free names whose objects, or parts of them, it may return (`return CACHE`); its own name
   * when it may return a default it keeps between calls (`def f(acc=[]): return acc`). Absent
   * when none.
   */
  returns?: string[];
  /**
   * Files it writes (`define`), changes or removes at a path a parameter holds
   * (`def log(p, s): open(p, "a").write(s)`): `[kind, parameter, position]`, and the
   * parameter's default where it is a path literal; each call's argument names the file.
   * Absent when none.
   */
  pathEffects?: ReadonlyArray<
    readonly ['define' | 'mutate' | 'remove', string, number, string?]
  >;
  /** It is a class: reading one of its instances may run any of its methods. */
  isClass?: boolean;
  /**
   * For a class: the methods it defines that never change the instance they are called on (no
   * attribute of `self` assigned or changed, nor by the methods they call on it, `self` not
   * handed on). Any other method, inherited ones included, may. Absent when none.
   */
  keeps?: string[];
  /** For a class: the methods it defines that may change the instance (the others). */
  changing?: string[];
  /**
   * For a class: storing into an instance runs its code (a setter property, `__setattr__`,
   * `__setitem__`), which may do more than replace what was there. Absent when not.
   */
  interceptsStores?: true;
  /** Functions it passes one of its parameters to: if they change it, so does it. */
  forwards?: string[];
  /**
   * For each function of `forwards`, by the key it gets a parameter at (`"0"`, a keyword, `*`
   * where the call does not show it): the keys of this function's parameters handed on there.
   * Absent in histories saved before it existed: then any argument.
   */
  forwardsAt?: Record<string, Record<string, string[]>>;
  /** Free names it passes to functions, by function: changed if those change arguments. */
  passes?: Record<string, string[]>;
  /** For the names of `passes`, by function: the keys each is given at (see `forwardsAt`). */
  passedAt?: Record<string, Record<string, string[]>>;
}

/**
 * What one cell's source does to the kernel's global namespace, from static analysis.
 *
 * Names are Python identifiers, or pseudo-symbols for effects through the outside world:
 * `file:<path>` for a file path literal, `random:python` for the `random` module's state,
 * `random:numpy` for `numpy.random`'s global state. Pseudo-symbols contain a colon, so they
 * can never clash with a Python name.
 *
 * Every list is de-duplicated and in first-occurrence order.
 */
export interface ICellSymbols {
  /** Names (re)bound at module level: assignment, import, def, class, for/with targets, walrus. */
  defines: string[];
  /** Names read at module level before any binding in this cell (free names). */
  reads: string[];
  /** Names whose object is changed in place (x.a = 1, x[i] = 1, x.append(), del x[i], x += [..]). */
  mutates: string[];
  /** Names removed with `del name`. */
  deletes: string[];
  /** Top-level module names imported (`import a.b as c` gives `a.b`). */
  imports: string[];
  /** Names called as functions at module level (`f(...)`), for call-time reads. */
  calls: string[];
  /** Names whose objects the cell passes to functions, by function (`f(data)`). */
  passes?: Record<string, string[]>;
  /**
   * For the names of `passes`, by function: the keys each is given at (`f(a, key=b)` gives
   * `a -> ["0"]`, `b -> ["key"]`; `*` for `f(*rows)`). Absent when none, or in histories saved
   * before it existed: then any argument.
   */
  passedAt?: Record<string, Record<string, string[]>>;
  /**
   * Functions and classes whose results the cell binds and then changes in place, with the
   * names given to those calls (`d2 = ident(data); d2.append(9)` gives `ident -> [data]`): a
   * function that returns an argument, or a global, changed that. Absent when none.
   */
  changesReturned?: Record<string, string[]>;
  /**
   * Names the cell reads only as whole arguments of calls of functions, and changes in no
   * other way, with each call's function and the key of the argument (`tag(info, "new")` gives
   * `info -> ["tag\n0"]`): if each of those only stores into slots of that argument
   * (`IFunctionSummary.storesArguments`), the cell replaces what they held. Absent when none.
   */
  overwritesThrough?: Record<string, string[]>;
  /** Functions and classes this cell defines, with what calling them does to globals. */
  functions: Record<string, IFunctionSummary>;
  /**
   * Names bound to the very object another name holds (`b = a`, `m = model.fit(X)`):
   * target name -> source name. Copies (`a.copy()`, `list(a)`) and slices are not aliases.
   */
  aliases: Record<string, string>;
  /**
   * Names bound to a new value that is part of the objects other names hold (`row = data[0]`,
   * `v = a[1:]`, `pair = [a, b]`): target name -> source names. Changes reach both ways.
   * Absent in histories saved before it existed.
   */
  parts?: Record<string, string[]>;
  /**
   * Names that code given as a string reads from the module's namespace wherever the call is
   * (`cProfile.run('a + b')`, `timeit.timeit('f()', globals=globals())`); `reads` or a
   * function's reads hold them too. Absent when there are none.
   */
  evaluated?: string[];
  /**
   * Names bound only by an import at the top of the cell, with the dotted path imported
   * (`DecisionTreeClassifier` -> `sklearn.tree.DecisionTreeClassifier`): running the import
   * again binds the object Python's module cache holds. Absent when there are none.
   */
  imported?: Record<string, string>;
  /**
   * Names bound to a shallow copy of other names' objects (`snap = copy.copy(rows)`,
   * `b = list(a)`): target name -> source names. A change of an element reaches both ways,
   * a change of the copy itself does not. Absent when empty.
   */
  copies?: Record<string, string[]>;
  /**
   * Names of `parts` bound to a subscript whose sharing depends on what the container is: a
   * basic slice (`v = a[1:]`) is a view of a numpy array but a shallow copy of a list, tuple
   * or str; a selection (`a[[0, 2]]`, `a[a > 0]`, numpy's fancy and boolean indexing, pandas'
   * masks) is a copy of an array but an element of a list or dict. Absent when empty.
   */
  subscripts?: Record<string, 'view' | 'selection'>;
  /**
   * Names bound to a value of Python's own types that the cell builds: a number, a str, a
   * list, tuple, dict or set (`42`, `[a, b]`, `sorted(a)`), whose slices are copies and which
   * a draw does not change (a seed). Absent when empty.
   */
  builtins?: string[];
  /**
   * The names of `mutates` the cell changes only by drawing from them (`df.sample(3,
   * random_state=rng)`): a generator advances, a seed (see `builtins`) does not. Absent when
   * empty.
   */
  draws?: string[];
  /**
   * Names bound to the result of calling a name (`a = Bag()`): target name -> callee. When the
   * callee is a class, the name holds an instance of it. Absent when empty.
   */
  instances?: Record<string, string>;
  /**
   * Names bound to the result of calling a name, with the names whose objects the call was
   * given (`x = f(a, b[0])`: `x -> [a, b]`): where the callee returns an argument
   * (`returnsArguments`), the name may hold one of them or a part. Absent when empty.
   */
  given?: Record<string, string[]>;
  /**
   * The paths each call of a name gives, by position (`"0"`) and keyword, as `pathOf` writes
   * them (`log(LOG, "b")`: `log -> [{0: "@LOG", 1: "b"}]`): a function that writes at a path a
   * parameter holds (`pathEffects`) writes the file its caller names. Absent when empty.
   */
  arguments?: Record<string, ReadonlyArray<Readonly<Record<string, string>>>>;
  /**
   * The names of `mutates` the cell changes only by calling methods whose names say nothing
   * (`robot.move(3)`), with those methods: where the name holds an instance of a notebook
   * class, the class's `keeps` says whether they change it. Absent when empty.
   */
  changedByMethods?: Record<string, string[]>;
  /**
   * Names the cell calls methods on that the library tables say keep their receiver
   * (`q.where(c)`), with those methods: where the name holds an instance of a notebook class
   * that defines one of them to change it, the call changes it. Absent when empty.
   */
  callsTableMethods?: Record<string, string[]>;
  /**
   * The names of `mutates` whose every change and read in the cell is a store, always run, into
   * slots with constant keys (`d["x"] = 5`, `t.c = 1`, `v[:] = w`, `ax.set_xlim(2, 8)`), with
   * those slots, one a line: running the cell again replaces what its previous run stored.
   * Absent when empty.
   */
  overwrites?: Record<string, string>;
  /**
   * The names of `overwrites` that are overwrites only when their object is not an instance of
   * a notebook class: the cell calls its methods (`ax.set_title("a")`) or reads other keys
   * (`df["b"] = df["a"]`), which the class may define to do anything. Absent when empty.
   */
  overwritesIfLibrary?: string[];
  /** The names of `overwrites` whose stores read other keys of them (`df["b"] = df["a"]`). */
  overwritesReading?: string[];
  /**
   * The names not in `overwrites` whose every change in the cell is a store, always run, into
   * slots with constant keys, but which the cell also reads otherwise (`df["s"] = df["v"] /
   * df.groupby("g")["v"].transform("sum")`), with those slots: a run again may store other
   * values, but a later run of the cell that stores into the same slots replaces what it
   * stored. Absent when empty.
   */
  storesOnly?: Record<string, string>;
  /**
   * Names bound to a call with only literal arguments, none `warm_start` (`m = Ridge(alpha=1)`):
   * with a scikit-learn class, its `fit` replaces what an earlier fit learnt. Absent when empty.
   */
  madeFromLiterals?: string[];
  /** The names of `mutates` changed through an element (`rows[0].append(1)`). Absent when empty. */
  mutatesElements?: string[];
  /** Why the analysis cannot see all effects (`exec`, `star import`, `%run`...); empty when it can. */
  opaque: string[];
  /** Effects on the outside world that re-running cannot undo (append to a file, rename, mkdir). */
  irreversible: string[];
  /** The whole cell is not Python (`%%bash`, `%%html`, `%%writefile`...): the magic name. */
  notPython?: string;
  /** The first syntax error, if any; the other fields then hold what could be recovered. */
  syntaxError?: ISyntaxProblem;
}

/** What a cell with no code does: nothing. */
export function emptySymbols(): ICellSymbols {
  return {
    defines: [],
    reads: [],
    mutates: [],
    deletes: [],
    imports: [],
    calls: [],
    functions: {},
    aliases: {},
    opaque: [],
    irreversible: []
  };
}

/** A cell of the notebook as it is now. */
export interface INotebookCell {
  id: string;
  cellType: 'code' | 'markdown' | 'raw';
  source: string;
  /** Tags from the cell metadata (for `fresh-skip`, `parameters`). */
  tags?: string[];
  /** The execution count shown now, if any (used by `nbfresh check`). */
  executionCount?: number | null;
}

export type ExecutionStatus = 'ok' | 'error' | 'aborted';

/** One finished execution of a code cell (DESIGN.md, "Data model"). */
export interface IExecutionRecord {
  cellId: string;
  /** The source as executed. */
  source: string;
  executionCount: number | null;
  /** Changes on every kernel start or restart. */
  kernelSession: string;
  status: ExecutionStatus;
  /** ISO 8601. */
  startedAt?: string;
  finishedAt?: string;
}

/** The log file format of `nbfresh plan --history`. */
export interface IExecutionLogFile {
  format: 'nbfresh-log';
  version: 1;
  executions: IExecutionRecord[];
}

export type CellFlag =
  | 'edited'
  | 'never-run'
  | 'stale'
  | 'out-of-order'
  | 'deleted-code'
  | 'error'
  | 'opaque';

/** Every flag, in the order the UI lists them. */
export const CELL_FLAGS: readonly CellFlag[] = [
  'stale',
  'out-of-order',
  'deleted-code',
  'edited',
  'never-run',
  'error',
  'opaque'
];

/** The verdict on one code cell. No flag means Restart and Run All would show the same. */
export interface ICellStatus {
  cellId: string;
  /** Position among all cells of the notebook. */
  index: number;
  flags: CellFlag[];
  /** Why, one or more per flag in the order of `flags`; views word them (`findings.ts`). */
  reasons: Reason[];
  /**
   * It ran, but not in the live kernel (an earlier session, or before the saved file was
   * opened): a quiet state, not a problem. With no flag, what it shows is what Run All gives.
   */
  notInKernel?: boolean;
}

/** The answer of an analysis, as printed by `nbfresh plan --json`. */
export interface IAnalysisResult {
  cells: ICellStatus[];
  /** Cell ids that "bring up to date" runs, in order (after a restart when `restart`). */
  plan: string[];
  /**
   * Whether the plan must run in a restarted kernel: a cell it runs would read a value that
   * the kernel holds but no cell defines.
   */
  restart: boolean;
  /** Why re-running cells alone is not enough, one per cause (`EnglishFindings.planWarning` words them). */
  planWarnings: IPlanWarning[];
}

/**
 * A cause that re-running cells cannot fix; `cells` are positions among all cells, in order.
 * `kernel-only`: they read `name`, which the kernel holds but no cell above defines (only a
 * restart clears it). `file-changed`: they read the file `name`, which earlier runs changed
 * (not even a restart undoes that). `file-left`: they list a folder holding the file `name`,
 * which earlier runs wrote at a path no cell writes now (not even a restart deletes it).
 * `irreversible`: re-running them cannot undo `effects` of their earlier runs. `opaque-left`:
 * they may read names that earlier runs of `cell` defined through `uses` (a star import,
 * `exec`), which its code no longer uses (only a restart clears them). `undefined`: they read
 * `name`, which top to bottom is not defined there (no cell above binds it, or one deletes
 * it): they stop with a `NameError`, as in Restart and Run All. `figure-numbers`: they read
 * figure numbers, which pyplot counts up per kernel: after the figures this kernel made, no
 * re-run gives the numbers of Restart and Run All.
 */
export type IPlanWarning =
  | {
      kind: 'kernel-only';
      cells: number[];
      name: string;
      /** Other names the same cells read that way (a `dir()` listing reads every name). */
      more?: string[];
      /** After the restart, a planned cell that reads it stops with a NameError. */
      fails?: true;
    }
  | { kind: 'file-changed'; cells: number[]; name: string }
  | { kind: 'file-left'; cells: number[]; name: string }
  | { kind: 'undefined'; cells: number[]; name: string }
  | { kind: 'irreversible'; cells: number[]; effects: string[] }
  | { kind: 'opaque-left'; cells: number[]; cell: number; uses: string[] }
  | { kind: 'figure-numbers'; cells: number[] };

/** Options that change what the analysis sees. */
export interface IAnalysisOptions {
  /** Extra method names that mutate their receiver. */
  extraMutators?: string[];
  /** Off for non-Python kernels: only edited, never-run and error are computed. */
  dataflow?: boolean;
}
