/**
 * The value-version simulation that both the Run All world and the kernel world run.
 *
 * A namespace maps names to objects; an object carries a version, an interned id built from
 * its provenance. Executing a cell with the same source on the same input versions gives the
 * same output versions in every world, so "would Run All give the same?" becomes a comparison
 * of integers.
 */
import { PYTHON_BUILTINS } from '../python';
import {
  fileExpression,
  fileSymbol,
  FOLDER_PREFIX,
  isFile,
  MODULE_NAMES
} from '../python/effects';
import { HOLDING_FUNCTIONS } from '../python/mutators';
import { ANY_ARGUMENT } from '../python/scopes';
import { tokenText } from '../python/tokens';
import { ExecutionStatus, ICellSymbols, IFunctionSummary } from '../types';

/** The version of a name no known cell wrote (builtins, IPython names, undefined names). */
export const EXTERNAL = 0;

/** No actor: a value from outside the notebook. */
export const NO_ACTOR = -1;

/** The object id of a deleted name's binding: no object. */
const DELETED = 0;

/**
 * Python's builtin types, which no call changes (`dict.fromkeys(keys)` makes a new dict; setting
 * an attribute of one is a TypeError): unless a cell bound the name to something else.
 */
const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  'bool',
  'bytearray',
  'bytes',
  'complex',
  'dict',
  'float',
  'frozenset',
  'int',
  'list',
  'object',
  'set',
  'str',
  'tuple',
  'type'
]);

/** The version of a value made from wrong inputs in the plan's simulation (see `taint`). */
export const TAINTED = -1;

/**
 * The version a listing of the module's names (`dir()`) reads of a name that holds a value,
 * whatever the value: it lists the name, not the value.
 */
export const BOUND = -2;

/** The one object every tainted name holds, unless it aliases another. */
const TAINTED_VALUE: IValue = {
  id: -1,
  version: TAINTED,
  creator: NO_ACTOR,
  creatorName: '',
  changes: null,
  summary: null,
  partOf: null,
  copyOf: null,
  builtin: false,
  instanceOf: null,
  classObject: 0,
  returned: false,
  imported: null,
  estimator: false,
  holder: null
};

/**
 * Hash-consing of provenance: equal provenance gets the same integer in every world, and two
 * different provenances never share one: the ids are handed out in order, and the hash of a
 * pair only picks its slot in the table, where the pair itself is compared. Texts and pairs
 * share one counter, so a pair is never mistaken for a text.
 */
export class Interner {
  /** The id of a text (a name, a source, a tag). */
  text(value: string): number {
    let id = this._texts.get(value);
    if (id === undefined) {
      id = ++this._count;
      this._texts.set(value, id);
    }
    return id;
  }

  /** The id of an ordered pair of ids. */
  pair(first: number, second: number): number {
    const mask = this._ids.length - 1;
    let slot = pairHash(first, second) & mask;
    for (let id = this._ids[slot]; id !== EXTERNAL; id = this._ids[slot]) {
      if (this._firsts[slot] === first && this._seconds[slot] === second) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = ++this._count;
    this._firsts[slot] = first;
    this._seconds[slot] = second;
    this._ids[slot] = id;
    if (++this._pairCount * 2 > this._ids.length) {
      this._grow();
    }
    return id;
  }

  private _grow(): void {
    const { _firsts: firsts, _seconds: seconds, _ids: ids } = this;
    const size = ids.length * 2;
    const mask = size - 1;
    this._firsts = new Int32Array(size);
    this._seconds = new Int32Array(size);
    this._ids = new Int32Array(size);
    for (let old = 0; old < ids.length; old++) {
      if (ids[old] !== EXTERNAL) {
        let slot = pairHash(firsts[old], seconds[old]) & mask;
        while (this._ids[slot] !== EXTERNAL) {
          slot = (slot + 1) & mask;
        }
        this._firsts[slot] = firsts[old];
        this._seconds[slot] = seconds[old];
        this._ids[slot] = ids[old];
      }
    }
  }

  private _count = EXTERNAL;
  private _texts = new Map<string, number>();
  /**
   * Pairs in one open-addressing table of three typed arrays (an id of EXTERNAL marks a free
   * slot, since ids start above it): most pairs are looked up once (a signature grows one pair
   * per name read), and a Map per first id would cost a table for one entry.
   */
  private _firsts = new Int32Array(PAIR_SLOTS);
  private _seconds = new Int32Array(PAIR_SLOTS);
  private _ids = new Int32Array(PAIR_SLOTS);
  private _pairCount = 0;
}

/** Initial slots of the pair table (a power of two). */
const PAIR_SLOTS = 1024;

/** Mixes both ids into every bit, so that the low bits pick a slot. */
function pairHash(first: number, second: number): number {
  let hash = Math.imul(first, 0x9e3779b1) ^ second;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/** One in-place change of an object: a persistent list, newest first. */
export interface IChange {
  actor: number;
  /** The name the change went through (an alias, maybe). */
  name: string;
  /** The object's version before the change. */
  before: number;
  prev: IChange | null;
  /** For a change that only stores into slots (see `IStep.overwrite`): which cell and slots. */
  overwrite: string | null;
  /** Its step's `stores`: what a later run of the same stores replaces. */
  stores: string | null;
}

/**
 * The state of an object at one moment. Immutable: a change makes a new state for the same
 * object id, so a read can keep the state it saw and a scratch world can share its parent's.
 */
export interface IValue {
  id: number;
  version: number;
  /** Who created the object (an actor: a cell in Run All, an execution in the kernel). */
  creator: number;
  creatorName: string;
  changes: IChange | null;
  /** What calling it does, when it was made by def/class/lambda. */
  summary: IFunctionSummary | null;
  /**
   * The names whose objects it is part of (`row = data[0]`): reading it reads them, since
   * their changes may reach it, and changing it changes them.
   */
  partOf: readonly string[] | null;
  /**
   * The names whose objects it is a shallow copy of (`snap = copy.copy(rows)`): a change of an
   * element of either reaches the other, a change of the container itself does not.
   */
  copyOf: readonly string[] | null;
  /**
   * Of Python's own types (see `ICellSymbols.builtins`): a slice of it is a copy, a draw from
   * it (a seed) changes nothing.
   */
  builtin: boolean;
  /**
   * The name of the class it is an instance of (`a = Bag()`): reading it may run any method of
   * the class, and a change of the class (a class attribute) reaches it.
   */
  instanceOf: string | null;
  /** The object of that class when the instance was made (a class defined again is another). */
  classObject: number;
  /**
   * Returned by a function of the notebook (`tick = make_counter()`): when it is called, it
   * may be a closure changing the state it holds.
   */
  returned: boolean;
  /** What an import bound it to (`sklearn.linear_model.Ridge`), else null. */
  imported: string | null;
  /**
   * Made by calling a scikit-learn class with literal arguments, none `warm_start`
   * (`Ridge(alpha=1.0)`): its `fit` replaces what an earlier fit learnt.
   */
  estimator: boolean;
  /**
   * Made by scikit-learn's estimators of estimators (`make_pipeline(scaler, clf)`), which
   * hold the objects given (`partOf`): what it is depends on what they are. The function.
   */
  holder: string | null;
}

export interface IBinding {
  objectId: number;
  /** Who last bound the name. */
  binder: number;
  /** For a deleted name: when, to compare with the last opaque cell (see `missing`). */
  stamp?: number;
}

/** What a cell read, with where the value came from in its world. */
export interface IRead {
  name: string;
  version: number;
  /** Who bound the name (or the opaque actor it was resolved through), NO_ACTOR if none. */
  binder: number;
  /** The object state read; null for external names and names resolved through an opaque cell. */
  value: IValue | null;
  /** For a name with no value: the actor that deleted it, if one did. */
  deleter?: number;
  /** Memo of `provenance(read)`. */
  chain?: readonly number[];
}

/** A cell execution, as any world sees it. */
export interface ICellRun {
  cellId: string;
  source: string;
  symbols: ICellSymbols;
  status: ExecutionStatus;
}

/** One execution of a cell in a world: what it read and did. */
export interface IStep {
  run: ICellRun;
  /** The input signature: (cell id, source, status, versions of what it read), interned. */
  sig: number;
  reads: IRead[];
  /** Names it rebinds, call effects included. */
  defines: string[];
  /** Names whose object it changes, call effects included. */
  mutates: string[];
  /**
   * When its only changes are stores into slots with constant keys (`d["x"] = 5`), and it ran
   * to the end: its cell and those slots. It then replaces what its previous run stored there:
   * an object whose last change is that run reads and changes as it was before it.
   */
  overwrite: string | null;
  /**
   * `overwrite`, or, for a run whose only changes are such stores but whose stores may read
   * what they store into (`d["x"] = d["x"] + 1`): its cell and slots. A later run with an
   * `overwrite` of the same slots replaces it all the same: it stores into every slot this
   * run changed, and reads none of them.
   */
  stores: string | null;
  /** What it did, as the states it left (set once applied; see `replay`). */
  effects?: readonly Effect[];
}

/** What a step did to one name, as the state it left. */
export type Effect =
  | { kind: 'delete'; name: string; binding: IBinding }
  | { kind: 'define'; name: string; binding: IBinding; value: IValue }
  | { kind: 'alias'; name: string; source: string; binding: IBinding }
  | { kind: 'change'; name: string; value: IValue; before: number }
  | { kind: 'opaque'; state: IOpaqueState };

export interface IOpaqueState {
  version: number;
  actor: number;
  /** When it ran (see `missing`). */
  stamp: number;
}

/** Journal entry kinds. */
const NAME = 0;
const VALUE = 1;
const OPAQUE = 2;

/** What a simulated execution reads and writes: a namespace of one world at one moment. */
export interface INamespace {
  binding(name: string): IBinding | undefined;
  value(id: number): IValue | undefined;
  readonly opaque: IOpaqueState | null;
  bind(name: string, binding: IBinding): void;
  setValue(value: IValue): void;
  setOpaque(state: IOpaqueState): void;
  /** A time that orders deletions and opaque runs within this namespace (see `missing`). */
  stamp(context: VersionContext): number;
}

/**
 * A namespace, optionally layered over a read-only parent (the plan simulates on top of the
 * live kernel without copying it), optionally journaled so it can be rolled back to a mark.
 */
export class Space implements INamespace {
  constructor(parent: Space | null = null, journaled = false) {
    this._parent = parent;
    this._journaled = journaled;
  }

  binding(name: string): IBinding | undefined {
    return this._names.get(name) ?? this._parent?.binding(name);
  }

  value(id: number): IValue | undefined {
    return this._values.get(id) ?? this._parent?.value(id);
  }

  get opaque(): IOpaqueState | null {
    if (this._opaque !== undefined) {
      return this._opaque;
    }
    return this._parent ? this._parent.opaque : null;
  }

  bind(name: string, binding: IBinding): void {
    if (this._journaled) {
      this._log(NAME, name, this._names.get(name));
    }
    this._names.set(name, binding);
  }

  setValue(value: IValue): void {
    if (this._journaled) {
      this._log(VALUE, value.id, this._values.get(value.id));
    }
    this._values.set(value.id, value);
  }

  setOpaque(state: IOpaqueState): void {
    if (this._journaled) {
      this._log(OPAQUE, 0, this._opaque);
    }
    this._opaque = state;
  }

  stamp(context: VersionContext): number {
    return context.tick();
  }

  /** A point to roll back to. */
  mark(): number {
    return this._kinds.length;
  }

  /** Undoes every change made after `mark`. */
  undo(mark: number): void {
    for (let i = this._kinds.length - 1; i >= mark; i--) {
      const key = this._keys[i];
      const prev = this._prevs[i];
      if (this._kinds[i] === NAME) {
        restore(this._names, key as string, prev as IBinding | undefined);
      } else if (this._kinds[i] === VALUE) {
        restore(this._values, key as number, prev as IValue | undefined);
      } else {
        this._opaque = prev as IOpaqueState | null | undefined;
      }
    }
    this._kinds.length = mark;
    this._keys.length = mark;
    this._prevs.length = mark;
  }

  private _log(kind: number, key: string | number, prev: unknown): void {
    this._kinds.push(kind);
    this._keys.push(key);
    this._prevs.push(prev);
  }

  private _parent: Space | null;
  private _journaled: boolean;
  private _names = new Map<string, IBinding>();
  private _values = new Map<number, IValue>();
  private _opaque: IOpaqueState | null | undefined = undefined;
  /** The journal, one entry per change, in three arrays (no object per entry). */
  private _kinds: number[] = [];
  private _keys: (string | number)[] = [];
  private _prevs: unknown[] = [];
}

/** Shared by the worlds of one analysis, so that their versions compare. */
export class VersionContext {
  readonly interner = new Interner();
  /** Tags that keep the kinds of provenance apart. */
  readonly tags = {
    define: this.interner.text('#define'),
    change: this.interner.text('#change'),
    opaque: this.interner.text('#opaque'),
    status: this.interner.text('#status')
  };

  /**
   * Container name -> the names ever bound to a part of the object it held (`row = data[0]`
   * adds `data -> row`), in any world; `partsChanged` checks which still are.
   */
  readonly parts = new Map<string, Set<string>>();

  /** Source name -> the names ever bound to a shallow copy of its object, like `parts`. */
  readonly copies = new Map<string, Set<string>>();

  /** Every `file:` name a cell ever wrote, created or removed, in any world (see `listed`). */
  readonly files = new Set<string>();

  /** Every module name a cell ever bound or deleted, in any world (see `MODULE_NAMES`). */
  readonly names = new Set<string>();

  /** Class name -> the names ever bound to an instance of it, like `parts`. */
  readonly instances = new Map<string, Set<string>>();

  /** Some name was ever bound to a part or a copy of another's object. */
  get sharing(): boolean {
    return (
      this.parts.size > 0 || this.copies.size > 0 || this.instances.size > 0
    );
  }

  newObjectId(): number {
    return ++this._objects;
  }

  /**
   * A time that only grows: orders deletions and opaque runs within a space, across worlds
   * layered on one another (the plan replays Run All effects on the live kernel).
   */
  tick(): number {
    return ++this._clock;
  }

  private _objects = 0;
  private _clock = 0;
}

/**
 * Resolves what `run` reads in `space` and its input signature, without changing anything.
 * A hint, an earlier step of the same run, saves the signature's work when every name it read
 * still has the version it had: equal versions mean equal function summaries, so the same
 * names are read.
 */
export function prepare(
  space: INamespace,
  run: ICellRun,
  context: VersionContext,
  ...hints: (IStep | undefined)[]
): IStep {
  for (const hint of hints) {
    // A part bound since the hint ran would be missing from what its changes reach.
    if (
      hint &&
      sameRun(hint.run, run) &&
      (hint.mutates.length === 0 || !context.sharing) &&
      !hint.reads.some(
        read =>
          read.name.startsWith(FOLDER_PREFIX) || read.name === MODULE_NAMES
      ) &&
      (run.symbols.imports.length === 0 || context.files.size === 0)
    ) {
      const reads = hint.reads.map(read => resolve(space, read.name));
      if (reads.every((read, i) => read.version === hint.reads[i].version)) {
        return makeStep(
          run,
          reads,
          hint.sig,
          hint.defines,
          hint.mutates,
          hint.overwrite,
          hint.stores,
          undefined
        );
      }
    }
  }
  const symbols = run.symbols;
  const calls = callEffects(space, symbols);
  const names = new Set<string>();
  for (const list of [
    symbols.reads,
    Object.values(symbols.aliases),
    symbols.mutates,
    calls.reads,
    calls.mutates
  ]) {
    for (const name of list) {
      names.add(name);
    }
  }
  for (const list of [
    symbols.defines,
    symbols.mutates,
    symbols.deletes,
    calls.writes,
    calls.mutates
  ]) {
    for (const name of list) {
      if (isFile(name)) {
        context.files.add(name);
      } else if (!name.includes(':')) {
        context.names.add(name);
      }
    }
  }
  for (const module of symbols.imports) {
    // Python imports a module from the working folder first: a cell that wrote it is read.
    const file = `file:${module.split('.')[0]}.py`;
    if (context.files.has(file)) {
      names.add(file);
    }
  }
  for (const name of names) {
    if (name.startsWith(FOLDER_PREFIX)) {
      listed(space, context, name).forEach(file => names.add(file));
    }
  }
  // `dir()`: the names this world's cells bound or deleted so far, as the kernel lists them;
  // sorted, since the order of the reads orders the reasons.
  const listedNames = names.has(MODULE_NAMES)
    ? [...context.names]
        .filter(
          known => !names.has(known) && space.binding(known) !== undefined
        )
        .sort()
    : NONE;
  const { interner, tags } = context;
  const reads: IRead[] = [];
  const overwrite = overwriteOf(space, run, calls.mutates, true);
  const stores =
    overwrite ??
    (symbols.storesOnly ? overwriteOf(space, run, calls.mutates, false) : null);
  // Not read: which parts exist depends on cells that ran later, which Run All cannot match.
  const mutates = partsChanged(
    space,
    context,
    union(changedNames(space, symbols), calls.mutates).filter(
      name => !BUILTIN_TYPES.has(name) || space.binding(name) !== undefined
    ),
    symbols.mutatesElements ?? []
  );
  // By tokens: an edit of comments or spacing does what the source did before.
  let sig = interner.pair(
    interner.text(run.cellId),
    interner.text(tokenText(run.source))
  );
  if (run.status !== 'ok') {
    sig = interner.pair(
      sig,
      interner.pair(tags.status, interner.text(run.status))
    );
  }
  const start = sig;
  const now = [...names].map(name => resolve(space, name));
  for (const reorder of readsNoStored(symbols, overwrite)
    ? [true, false]
    : [false]) {
    sig = start;
    reads.length = 0;
    for (const read of now) {
      const before = beforeOverwrite(read, overwrite, reorder);
      reads.push(before);
      sig = interner.pair(
        sig,
        interner.pair(interner.text(read.name), before.version)
      );
    }
    // Run again as it was, the cell would undo what the later changes did (see `replacedRun`).
    if (
      !reorder ||
      now.every(read => !sameAsReplaced(read, overwrite, sig, context))
    ) {
      break;
    }
  }
  for (const name of listedNames) {
    const found = resolve(space, name);
    // Whether the name is bound, not its value: one version for every value.
    const read =
      found.value === null
        ? found
        : makeRead(name, BOUND, found.binder, null, undefined);
    reads.push(read);
    sig = interner.pair(sig, interner.pair(interner.text(name), read.version));
  }
  // A name read, changed and bound by one cell (`x += [1]`) is changed in place: every alias
  // sees it. A name bound then changed (`x = []; x.append(1)`) is a new object.
  const inPlace = mutates.filter(name => symbols.reads.includes(name));
  const defines = union(symbols.defines, calls.writes);
  return makeStep(
    run,
    reads,
    sig,
    inPlace.length === 0
      ? defines
      : defines.filter(name => !inPlace.includes(name)),
    mutates,
    overwrite,
    stores,
    undefined
  );
}

/**
 * The cell and slots of a run whose only changes are stores that always run: with `strict`,
 * stores that read none of the slots they store into (`IStep.overwrite`), else any such
 * stores (`IStep.stores`).
 */
function overwriteOf(
  space: INamespace,
  run: ICellRun,
  called: readonly string[],
  strict: boolean
): string | null {
  const {
    overwrites = {},
    storesOnly,
    overwritesIfLibrary,
    mutates,
    opaque,
    reads,
    calls
  } = run.symbols;
  const slotsOf = (name: string): string | undefined =>
    ownKey(overwrites, name) ??
    (strict || !storesOnly ? undefined : ownKey(storesOnly, name));
  const through = storedThrough(space, run.symbols, called);
  if (
    (mutates.length === 0 && called.length === 0) ||
    run.status !== 'ok' ||
    through === null ||
    opaque.length > 0 ||
    // `clf.set_params(warm_start=True); pipe.fit(X, y)`: a fit of what holds it continues.
    mutates.some(name => slotsOf(name)?.includes('warm_start') === true) ||
    mutates.some(name => {
      const slots = slotsOf(name);
      return (
        slots === undefined ||
        !storesReplace(
          space,
          name,
          slots.split('\n'),
          overwritesIfLibrary?.includes(name) === true ||
            (storesOnly !== undefined && ownKey(storesOnly, name) !== undefined)
        )
      );
    }) ||
    [...through.slots].some(
      ([name, slots]) =>
        !storesReplace(
          space,
          name,
          slots,
          slots.some(slot => slot.endsWith(')'))
        )
    )
  ) {
    return null;
  }
  // Not what calls may read: storing into an instance runs none of its methods.
  const stored = [...mutates, ...called];
  for (const name of strict ? [...reads, ...calls, ...through.reads] : []) {
    if (
      !stored.includes(name) &&
      !through.callees.has(name) &&
      mayReadStored(space, name, stored)
    ) {
      return null;
    }
  }
  const slots = [
    ...mutates.flatMap(name =>
      slotsOf(name)!
        .split('\n')
        .map(slot => `${name}${slot}`)
    ),
    ...[...through.slots].flatMap(([name, stored]) =>
      stored.map(slot => `${name}${slot}`)
    )
  ];
  return `${run.cellId}\n${slots.sort().join('\n')}`;
}

/**
 * Whether storing `slots` into `name`'s object replaces what they held: a fit only of an
 * estimator whose fit replaces what it learnt, and not if a `warm_start` is set with it (then
 * its next run continues); a setter or a key read beside it (`ifLibrary`) only on an object of
 * a library; no store into an instance whose class runs code on stores.
 */
function storesReplace(
  space: INamespace,
  name: string,
  slots: readonly string[],
  ifLibrary: boolean
): boolean {
  return !(
    (slots.includes('.fit()') &&
      (slots.some(slot => slot.includes('warm_start')) ||
        !fitReplaces(space, name))) ||
    (ifLibrary
      ? mayBeNotebookObject(space, name)
      : classOf(space, name)?.summary.interceptsStores)
  );
}

/**
 * For the names `called` that a cell's calls change: the slots the functions store into them,
 * where they only store (`tag(info, "new")` with `def tag(d, label): d["label"] = label` gives
 * `info["label"]`), the functions and what they read; null when a call may do more.
 */
function storedThrough(
  space: INamespace,
  symbols: ICellSymbols,
  called: readonly string[]
): {
  slots: Map<string, string[]>;
  callees: Set<string>;
  reads: string[];
} | null {
  const slots = new Map<string, string[]>();
  const callees = new Set<string>();
  const reads: string[] = [];
  for (const name of called) {
    const calls =
      symbols.overwritesThrough && ownKey(symbols.overwritesThrough, name);
    if (calls === undefined) {
      return null;
    }
    const into: string[] = [];
    for (const call of calls) {
      const [callee, key] = call.split('\n');
      const summary =
        ownKey(symbols.functions, callee) ?? summaryOf(space, callee);
      const stores = summary?.storesArguments;
      const stored = stores && ownKey(stores, key);
      if (!summary || !stored || summary.calls.length > 0) {
        // A function it calls may read what it stores.
        return null;
      }
      into.push(...stored);
      callees.add(callee);
      reads.push(...summary.reads);
    }
    slots.set(name, into);
  }
  return { slots, callees, reads };
}

/**
 * Whether `name`'s object may be an instance of a class of the notebook, whose methods may do
 * anything: made by calling a class or a function of the notebook, a copy or a part of other
 * objects (not of a library's state: pyplot's axes), or not known at all.
 */
function mayBeNotebookObject(
  space: INamespace,
  name: string,
  depth = 0
): boolean {
  const value = valueOf(space, name);
  return (
    value === undefined ||
    value.instanceOf !== null ||
    value.returned ||
    value.copyOf !== null ||
    value.partOf?.some(
      container =>
        !container.includes(':') &&
        // A pipeline is scikit-learn's, and runs the code of the steps it holds.
        (value.holder === null ||
          depth > MAX_HELD_DEPTH ||
          mayBeNotebookObject(space, container, depth + 1))
    ) === true
  );
}

/** How deep `mayBeNotebookObject` follows estimators held by estimators (`clf = make_pipeline(clf)`). */
const MAX_HELD_DEPTH = 8;

/** scikit-learn's estimators that fit the estimators they hold in place (`HOLDING_FUNCTIONS`). */
const PIPELINES = new Set([
  'sklearn.pipeline.Pipeline',
  'sklearn.pipeline.make_pipeline'
]);

/** scikit-learn's function that makes an unfitted estimator with another's parameters. */
const CLONES = new Set(['sklearn.base.clone', 'sklearn.clone']);

/**
 * Whether `fit` replaces what an earlier fit of `name`'s object learnt: a scikit-learn
 * estimator made with literal arguments (`IValue.estimator`), changed since only by stores
 * into slots other than `warm_start`, which makes a fit continue.
 */
function fitReplaces(space: INamespace, name: string, depth = 0): boolean {
  const value = valueOf(space, name);
  if (
    value === undefined ||
    !(
      value.estimator ||
      // A pipeline fits the steps it holds, in place, one after the other.
      (PIPELINES.has(value.holder ?? '') &&
        depth <= MAX_HELD_DEPTH &&
        value.partOf?.every(step => fitReplaces(space, step, depth + 1)))
    )
  ) {
    return false;
  }
  for (let change = value.changes; change !== null; change = change.prev) {
    const overwrite = change.overwrite;
    if (overwrite === null || overwrite.includes('warm_start')) {
      return false;
    }
  }
  return true;
}

/**
 * Whether reading `name` may read what a cell stores into the objects of `stored`, so that a
 * second run stores something else (`e = d; d["x"] = e["x"] + 1`): when it is the same object
 * or shares parts with one, or code of the notebook (a function, a class, an instance, a
 * closure) that may read any of them when called.
 */
function mayReadStored(
  space: INamespace,
  name: string,
  stored: readonly string[]
): boolean {
  const value = valueOf(space, name);
  if (value === undefined) {
    return false;
  }
  if (
    value.summary !== null ||
    value.instanceOf !== null ||
    value.returned ||
    value.partOf !== null ||
    value.copyOf !== null
  ) {
    return true;
  }
  return stored.some(other => {
    const target = valueOf(space, other);
    return (
      target !== undefined &&
      (target.id === value.id ||
        target.partOf?.includes(name) === true ||
        target.copyOf?.includes(name) === true)
    );
  });
}

/**
 * Whether a run that stores `overwrite` replaces all that a change `previous` stored: a run of
 * the same cell into the same slots or more (`m.fit(X)` edited to `m.set_params(alpha=2).fit(X)`;
 * not `d["x"] = 1` edited to `d["y"] = 1`).
 */
function replaces(overwrite: string | null, previous: string | null): boolean {
  if (overwrite === null || previous === null) {
    return false;
  }
  if (overwrite === previous) {
    return true;
  }
  const [cell, ...slots] = overwrite.split('\n');
  const [before, ...stored] = previous.split('\n');
  return cell === before && stored.every(slot => slots.includes(slot));
}

/**
 * Whether the stores `overwrite` of a cell read none of the objects they store into (no
 * `fit`, no other key), so that they come out the same whatever changed the objects since.
 */
function readsNoStored(
  symbols: ICellSymbols,
  overwrite: string | null
): boolean {
  return (
    overwrite !== null &&
    !overwrite.split('\n').some(slot => slot.endsWith('.fit()')) &&
    !symbols.mutates.some(name => symbols.overwritesReading?.includes(name))
  );
}

/**
 * The state before the previous run that `overwrite` replaces, and the changes made since,
 * newest first, each with the version it left; null when there is none. With `reorder`, the
 * changes since may be stores of other cells (`model.fit(X)` below `model.set_params(alpha=1)`):
 * a cell that stores without reading the object replaces its previous run whatever those did,
 * and they, being stores, replace what they did when they run again.
 */
function replacedRun(
  value: IValue,
  overwrite: string | null,
  reorder: boolean
): { before: IValue; since: { change: IChange; after: number }[] } | null {
  const since: { change: IChange; after: number }[] = [];
  let after = value.version;
  for (let change = value.changes; change !== null; change = change.prev) {
    if (replaces(overwrite, change.stores)) {
      return { before: changedValue(value, change.before, change.prev), since };
    }
    if (
      !reorder ||
      change.overwrite === null ||
      change.overwrite.split('\n')[0] === overwrite!.split('\n')[0]
    ) {
      return null;
    }
    since.push({ change, after });
    after = change.before;
  }
  return null;
}

/**
 * Whether the run with input signature `sig` is its previous run again over other cells'
 * changes of `read`'s object: those cells then read what they read before, and would not run
 * again to redo what this run undoes.
 */
function sameAsReplaced(
  read: IRead,
  overwrite: string | null,
  sig: number,
  context: VersionContext
): boolean {
  const replaced = read.value && replacedRun(read.value, overwrite, true);
  if (!replaced || replaced.since.length === 0) {
    return false;
  }
  const { interner, tags } = context;
  const last = replaced.since[replaced.since.length - 1];
  return (
    interner.pair(interner.pair(tags.change, replaced.before.version), sig) ===
    last.change.before
  );
}

/** What `read` saw before the previous run that `overwrite` replaces (`replacedRun`). */
function beforeOverwrite(
  read: IRead,
  overwrite: string | null,
  reorder: boolean
): IRead {
  const replaced = read.value && replacedRun(read.value, overwrite, reorder);
  if (!replaced) {
    return read;
  }
  const before = replaced.before;
  return makeRead(read.name, before.version, read.binder, before, read.deleter);
}

/**
 * The version an import binds, whichever run of which cell made it: Python's module cache
 * gives the same object again (`from sklearn.tree import DecisionTreeClassifier` in a cell
 * edited elsewhere does not make its readers stale). Not for a module a cell of the notebook
 * wrote, whose version is that of the file.
 */
function importedVersion(
  run: ICellRun,
  name: string,
  context: VersionContext
): number | undefined {
  const path = run.symbols.imported && ownKey(run.symbols.imported, name);
  if (
    path === undefined ||
    path.startsWith('.') ||
    context.files.has(`file:${path.split('.')[0]}.py`)
  ) {
    return undefined;
  }
  return context.interner.text(`import ${path}`);
}

/** Applies the effects of a prepared execution to `space`, as `actor`. */
export function apply(
  space: INamespace,
  actor: number,
  prepared: IStep,
  context: VersionContext
): Effect[] {
  const { run, sig } = prepared;
  const { interner, tags } = context;
  const effects: Effect[] = [];
  const define = (name: string, value: IValue): void => {
    const binding = { objectId: value.id, binder: actor };
    value.partOf?.forEach(container => note(context.parts, container, name));
    value.copyOf?.forEach(source => note(context.copies, source, name));
    if (value.instanceOf !== null) {
      note(context.instances, value.instanceOf, name);
    }
    space.setValue(value);
    space.bind(name, binding);
    effects.push({ kind: 'define', name, binding, value });
  };
  for (const name of run.symbols.deletes) {
    const binding = {
      objectId: DELETED,
      binder: actor,
      stamp: space.stamp(context)
    };
    space.bind(name, binding);
    effects.push({ kind: 'delete', name, binding });
  }
  for (const name of prepared.defines) {
    const source = ownKey(run.symbols.aliases, name);
    const target = source !== undefined ? space.binding(source) : undefined;
    if (source !== undefined && target && target.objectId !== DELETED) {
      const binding = { objectId: target.objectId, binder: actor };
      space.bind(name, binding);
      effects.push({ kind: 'alias', name, source, binding });
      continue;
    }
    const shared = sharingOf(space, run.symbols, name);
    define(name, {
      id: context.newObjectId(),
      version: interner.pair(
        interner.pair(tags.define, importedVersion(run, name, context) ?? sig),
        interner.text(name)
      ),
      creator: actor,
      creatorName: name,
      changes: null,
      summary: ownKey(run.symbols.functions, name) ?? null,
      ...shared,
      ...madeBy(space, run.symbols, name, shared.partOf)
    });
  }
  // Changes go to the object the name holds, so every alias sees them.
  const overwrite = prepared.overwrite;
  // As `prepare` read them: from before the previous run, over other cells' stores since.
  const reorder =
    readsNoStored(run.symbols, overwrite) &&
    prepared.reads.some(read => {
      const value = valueOf(space, read.name);
      const replaced = value && replacedRun(value, overwrite, true);
      return (
        replaced &&
        replaced.since.length > 0 &&
        replaced.before.version === read.version
      );
    });
  for (const name of prepared.mutates) {
    const found = valueOf(space, name);
    // A store replaces what the previous run of the same stores left.
    const replaced = found && replacedRun(found, overwrite, reorder);
    const value = replaced ? replaced.before : found;
    if (value) {
      let changed = changedValue(
        value,
        interner.pair(interner.pair(tags.change, value.version), sig),
        {
          actor,
          name,
          before: value.version,
          prev: value.changes,
          overwrite,
          stores: prepared.stores
        }
      );
      // The stores of other cells made since stay, as what they left then.
      for (const { change, after } of replaced
        ? [...replaced.since].reverse()
        : []) {
        changed = changedValue(
          changed,
          interner.pair(interner.pair(tags.change, changed.version), after),
          { ...change, before: changed.version, prev: changed.changes }
        );
      }
      space.setValue(changed);
      effects.push({
        kind: 'change',
        name,
        value: changed,
        before: value.version
      });
    } else {
      // Changing something no known cell made: it now exists, made from what was there.
      const base = versionOf(space, name);
      define(name, {
        id: context.newObjectId(),
        version: interner.pair(
          interner.pair(interner.pair(tags.change, base), sig),
          interner.text(name)
        ),
        creator: actor,
        creatorName: name,
        changes: {
          actor,
          name,
          before: base,
          prev: null,
          overwrite,
          stores: prepared.stores
        },
        summary: null,
        partOf: null,
        copyOf: null,
        builtin: false,
        instanceOf: null,
        classObject: 0,
        returned: false,
        imported: null,
        estimator: false,
        holder: null
      });
    }
  }
  if (run.symbols.opaque.length > 0) {
    const state = {
      version: interner.pair(tags.opaque, sig),
      actor,
      stamp: space.stamp(context)
    };
    space.setOpaque(state);
    effects.push({ kind: 'opaque', state });
  }
  return effects;
}

/**
 * Applies a step's effects again in another space, where the step read the same versions: it
 * then leaves the same versions, and the same objects where the objects are its own. Cheaper
 * than `apply`: nothing to intern, and objects are shared.
 */
export function replay(
  space: INamespace,
  step: IStep,
  context: VersionContext
): void {
  for (const effect of step.effects!) {
    if (effect.kind === 'delete') {
      space.bind(effect.name, {
        objectId: effect.binding.objectId,
        binder: effect.binding.binder,
        stamp: space.stamp(context)
      });
    } else if (effect.kind === 'define') {
      space.setValue(effect.value);
      space.bind(effect.name, effect.binding);
    } else if (effect.kind === 'alias') {
      const target = space.binding(effect.source);
      const binding = effect.binding;
      space.bind(
        effect.name,
        target && target.objectId !== binding.objectId
          ? { objectId: target.objectId, binder: binding.binder }
          : binding
      );
    } else if (effect.kind === 'change') {
      const current = valueFor(space, effect.name, step);
      if (current && current.version !== effect.before) {
        // A part the step changed without reading it (see `partsChanged`) may differ here.
        const { interner, tags } = context;
        space.setValue(
          changedValue(
            current,
            current.version === TAINTED
              ? TAINTED
              : interner.pair(
                  interner.pair(tags.change, current.version),
                  step.sig
                ),
            current.changes
          )
        );
      } else {
        space.setValue(
          current && current.id !== effect.value.id
            ? changedValue(current, effect.value.version, current.changes)
            : effect.value
        );
      }
    } else {
      space.setOpaque({
        version: effect.state.version,
        actor: effect.state.actor,
        stamp: space.stamp(context)
      });
    }
  }
}

/**
 * Applies what a step does without computing what it makes: every value it makes or changes
 * gets the version TAINTED. The plan only needs to know that those differ from Run All.
 */
export function taint(
  space: INamespace,
  actor: number,
  step: IStep,
  context: VersionContext
): void {
  const symbols = step.run.symbols;
  const tainted = { objectId: TAINTED_VALUE.id, binder: actor };
  if (!space.value(TAINTED_VALUE.id)) {
    space.setValue(TAINTED_VALUE);
  }
  for (const name of symbols.deletes) {
    space.bind(name, {
      objectId: DELETED,
      binder: actor,
      stamp: space.stamp(context)
    });
  }
  for (const name of step.defines) {
    const source = ownKey(symbols.aliases, name);
    const target = source !== undefined ? space.binding(source) : undefined;
    space.bind(
      name,
      target && target.objectId !== DELETED
        ? { objectId: target.objectId, binder: actor }
        : tainted
    );
  }
  for (const name of step.mutates) {
    const binding = space.binding(name);
    const value = binding ? space.value(binding.objectId) : undefined;
    if (value) {
      space.setValue(changedValue(value, TAINTED, value.changes));
    } else {
      space.bind(name, tainted);
    }
  }
  if (symbols.opaque.length > 0) {
    space.setOpaque({ version: TAINTED, actor, stamp: space.stamp(context) });
  }
}

/**
 * The names a change of `changed` reaches, `changed` included: the objects that a changed part
 * belongs to, and the parts of a changed object (`row = data[0]`: `data[0].append(1)` changes
 * `row`, `row.append(1)` changes `data`). Over-approximates: a change of `data` itself
 * (`data.append`) counts as a change of its element `row` too. A change of an element (those
 * in `elements`, and a container whose part changed) also reaches the shallow copies of the
 * object and the objects it is a copy of, which hold the same elements.
 */
function partsChanged(
  space: INamespace,
  context: VersionContext,
  changed: string[],
  elements: readonly string[]
): string[] {
  if (changed.length === 0 || !context.sharing) {
    return changed;
  }
  const all = new Set(changed);
  const deep = new Set(elements);
  const pending = [...changed];
  const reach = (name: string, element: boolean): void => {
    const added = !all.has(name) || (element && !deep.has(name));
    all.add(name);
    if (element) {
      deep.add(name);
    }
    if (added) {
      pending.push(name);
    }
  };
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const value = valueOf(space, name);
    value?.partOf?.forEach(container => reach(container, true));
    context.parts.get(name)?.forEach(part => {
      if (valueOf(space, part)?.partOf?.includes(name)) {
        reach(part, false);
      }
    });
    context.instances.get(name)?.forEach(instance => {
      if (valueOf(space, instance)?.instanceOf === name) {
        reach(instance, false);
      }
    });
    if (deep.has(name)) {
      value?.copyOf?.forEach(source => reach(source, true));
      context.copies.get(name)?.forEach(copy => {
        if (valueOf(space, copy)?.copyOf?.includes(name)) {
          reach(copy, true);
        }
      });
    }
  }
  return all.size === changed.length ? changed : [...all];
}

/**
 * What the value `symbols` bind to `name` shares with other names' objects. A subscript of a
 * name follows what the name holds (see `ICellSymbols.subscripts`): a slice of a list, tuple
 * or str is a copy, of anything else a view; a selection from an array or a frame is a copy,
 * from a list, a dict or an object of the notebook (whose `__getitem__` may return anything)
 * an element.
 */
function sharingOf(
  space: INamespace,
  symbols: ICellSymbols,
  name: string
): Pick<IValue, 'partOf' | 'copyOf' | 'builtin'> {
  const partOf = (symbols.parts && ownKey(symbols.parts, name)) ?? null;
  const copyOf = (symbols.copies && ownKey(symbols.copies, name)) ?? null;
  const builtin = symbols.builtins?.includes(name) === true;
  const kind = symbols.subscripts && ownKey(symbols.subscripts, name);
  if (kind === undefined || partOf === null) {
    return { partOf, copyOf, builtin };
  }
  const containers = partOf.map(container =>
    containerOf(space, symbols, container)
  );
  const copied =
    kind === 'view'
      ? containers.every(container => container === 'builtin')
      : containers.every(container => container === 'other');
  return copied
    ? {
        partOf: null,
        copyOf: copyOf === null ? partOf : [...copyOf, ...partOf],
        builtin: kind === 'view'
      }
    : { partOf, copyOf, builtin };
}

/**
 * What `name` holds when `symbols`' cell subscripts it: a list, tuple, str, dict or set;
 * something else the model knows was made (an array, a frame); or unknown (made by no cell
 * the model saw, by a cell the plan re-runs, or an instance of a notebook class).
 */
function containerOf(
  space: INamespace,
  symbols: ICellSymbols,
  name: string
): 'builtin' | 'other' | 'unknown' {
  if (symbols.defines.includes(name)) {
    if (symbols.builtins?.includes(name) === true) {
      return 'builtin';
    }
    return madeBy(space, symbols, name, null).instanceOf === null
      ? 'other'
      : 'unknown';
  }
  const value = valueOf(space, name);
  if (value === undefined || value === TAINTED_VALUE) {
    return 'unknown';
  }
  if (value.builtin) {
    return 'builtin';
  }
  return value.instanceOf === null ? 'other' : 'unknown';
}

/**
 * What made the value `symbols` bind to `name`, when it is the result of calling a class or a
 * function of the notebook (`a = Bag()`, `tick = make_counter()`), which may return what it
 * was given (`x = f(a)`): those objects join `parts`, what the value is part of otherwise.
 */
function madeBy(
  space: INamespace,
  symbols: ICellSymbols,
  name: string,
  parts: readonly string[] | null
): Pick<
  IValue,
  | 'partOf'
  | 'instanceOf'
  | 'classObject'
  | 'returned'
  | 'imported'
  | 'estimator'
  | 'holder'
> {
  const callee = symbols.instances && ownKey(symbols.instances, name);
  const summary = callee !== undefined ? summaryOf(space, callee) : null;
  const isInstance = summary?.isClass === true && callee !== undefined;
  const given =
    summary?.returnsArguments && symbols.given
      ? (ownKey(symbols.given, name) ?? [])
      : [];
  const imported = symbols.imported && ownKey(symbols.imported, name);
  const made =
    callee !== undefined ? valueOf(space, callee)?.imported : undefined;
  // `pipe = make_pipeline(scaler, clf)` holds the estimators it is given.
  const holder = made && HOLDING_FUNCTIONS.has(made) ? made : null;
  const holds =
    holder !== null && symbols.given ? (ownKey(symbols.given, name) ?? []) : [];
  const held = [...given, ...holds, ...(summary?.returns ?? [])];
  const cloned =
    callee !== undefined && symbols.passes
      ? ownKey(symbols.passes, callee)
      : undefined;
  const estimator =
    (symbols.madeFromLiterals?.includes(name) === true &&
      made?.startsWith('sklearn.') === true) ||
    // `twin = clone(base)` copies the parameters of `base`, `warm_start` too.
    (CLONES.has(made ?? '') &&
      cloned !== undefined &&
      cloned.length > 0 &&
      cloned.every(source => fitReplaces(space, source)));
  return {
    partOf:
      held.length === 0 ? parts : [...new Set([...(parts ?? []), ...held])],
    instanceOf: isInstance ? callee : null,
    classObject: isInstance ? (space.binding(callee)?.objectId ?? 0) : 0,
    returned: summary !== null && !summary.isClass,
    imported: imported ?? null,
    estimator,
    holder
  };
}

/**
 * `symbols.mutates` without the instances of notebook classes that the cell changes only by
 * calling methods their class keeps them as they are with (`robot.report()`), and without the
 * seeds it only draws from (`random_state=SEED`).
 */
function changedNames(space: INamespace, symbols: ICellSymbols): string[] {
  const byMethods = symbols.changedByMethods;
  const byTable = symbols.callsTableMethods;
  const draws = symbols.draws;
  const changed =
    byMethods === undefined && draws === undefined
      ? symbols.mutates
      : symbols.mutates.filter(name => {
          const methods = byMethods && ownKey(byMethods, name);
          const drawn = draws?.includes(name) === true;
          if (drawn && valueOf(space, name)?.builtin !== true) {
            return true;
          }
          if (methods === undefined) {
            return !drawn;
          }
          const keeps = classAsMade(space, name)?.keeps;
          return !methods.every(method => keeps?.includes(method));
        });
  if (byTable === undefined) {
    return changed;
  }
  // `q.where(c)` on an instance of a notebook class whose own `where` changes it.
  const redefined = Object.keys(byTable).filter(name => {
    const changing = classAsMade(space, name)?.changing;
    return ownKey(byTable, name)?.some(method => changing?.includes(method));
  });
  return redefined.length === 0 ? changed : union(changed, redefined);
}

/**
 * What the class of `name`'s object says of its methods, only when that class is still the
 * object the instance was made from and never changed since (a method set later, `A.m = f`,
 * may differ): what lets a call change less.
 */
function classAsMade(space: INamespace, name: string): IFunctionSummary | null {
  const cls = classOf(space, name);
  return cls?.asMade ? cls.summary : null;
}

/**
 * The `file:` names a listing of `folder` reads: those bound in `space` (written, created or
 * removed by a cell) under the folder, and those whose path is an expression, which may be
 * anywhere. Names never bound in this world are left out, so that the list does not depend on
 * what other worlds wrote.
 */
function listed(
  space: INamespace,
  context: VersionContext,
  folder: string
): string[] {
  const files: string[] = [];
  for (const file of context.files) {
    if (inFolder(file, folder) && space.binding(file) !== undefined) {
      files.push(file);
    }
  }
  return files;
}

/**
 * Whether a listing of `folder` (a `folder:` name) may see `file` (a `file:` name): a path an
 * expression names may be anywhere, and so may a folder an expression names.
 */
export function inFolder(file: string, folder: string): boolean {
  const path = folder.slice(FOLDER_PREFIX.length);
  return (
    path === '@' ||
    fileExpression(file) !== null ||
    (path === '.'
      ? !file.startsWith('file:/')
      : file.startsWith(`file:${path}/`))
  );
}

/** Adds `name` to the set of `key` in `index`. */
function note(
  index: Map<string, Set<string>>,
  key: string,
  name: string
): void {
  const names = index.get(key);
  if (names === undefined) {
    index.set(key, new Set([name]));
  } else {
    names.add(name);
  }
}

export function valueOf(space: INamespace, name: string): IValue | undefined {
  const binding = space.binding(name);
  return binding ? space.value(binding.objectId) : undefined;
}

/** Executes a cell in `space`: prepare then apply. */
export function execute(
  space: INamespace,
  actor: number,
  run: ICellRun,
  context: VersionContext,
  hint?: IStep
): IStep {
  const step = prepare(space, run, context, hint);
  return withEffects(step, apply(space, actor, step, context));
}

/**
 * The actors whose changes turn the object in version `have` into the value `read` saw, newest
 * first, when `have` is one of its earlier versions; null otherwise.
 */
export function changesSince(read: IRead, have: number): number[] | null {
  const actors: number[] = [];
  for (let change = read.value?.changes; change; change = change.prev) {
    actors.push(change.actor);
    if (change.before === have) {
      return actors;
    }
  }
  return null;
}

/**
 * The actors a read's value comes from: binder, creator and every change before the read,
 * without repeats. Memoised: a read never changes.
 */
export function provenance(read: IRead): readonly number[] {
  let actors = read.chain;
  if (!actors) {
    const found = new Set<number>();
    visitProvenance(read, null, actor => found.add(actor));
    actors = [...found];
    read.chain = actors;
  }
  return actors;
}

/**
 * Calls `visit` with the actors of `provenance(read)`, some maybe twice. With `walked`, a
 * change list is followed only down to the first change in it (each change is added): the
 * reads of an object that many cells changed share the tail of its list, so a walk over
 * them all stays linear in the number of changes.
 */
export function visitProvenance(
  read: IRead,
  walked: Set<IChange> | null,
  visit: (actor: number) => void
): void {
  if (read.binder !== NO_ACTOR) {
    visit(read.binder);
  }
  if (read.deleter !== undefined) {
    visit(read.deleter);
  }
  const value = read.value;
  if (value) {
    if (value.creator !== NO_ACTOR) {
      visit(value.creator);
    }
    for (let change = value.changes; change; change = change.prev) {
      if (walked) {
        if (walked.has(change)) {
          break;
        }
        walked.add(change);
      }
      visit(change.actor);
    }
  }
}

/** Looks a key up in a record without reaching `Object.prototype` (`constructor`...). */
export function ownKey<T>(
  record: Record<string, T>,
  key: string
): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

/** Bounds the function summaries one walk expands (recursion, huge call graphs). */
const MAX_CALLED = 64;

/** The version reading `name` in `space` gives now. */
/**
 * The value of `name` that `step` reads when it runs in `space`: before the last change when
 * that is a previous run its stores replace (`IStep.overwrite`).
 */
function valueFor(
  space: INamespace,
  name: string,
  step: IStep
): IValue | undefined {
  const value = valueOf(space, name);
  const replaced = value && replacedRun(value, step.overwrite, false);
  return replaced ? replaced.before : value;
}

/** The version of `name` that `step` reads when it runs in `space` (`valueFor`). */
export function versionFor(
  space: INamespace,
  name: string,
  step: IStep
): number {
  return valueFor(space, name, step)?.version ?? versionOf(space, name);
}

export function versionOf(space: INamespace, name: string): number {
  const binding = space.binding(name);
  const value = binding ? space.value(binding.objectId) : undefined;
  return value ? value.version : missing(space, name, binding).version;
}

/** `versionOf`, or `BOUND` where `want` is and the name holds a value (see `BOUND`). */
export function seenVersion(
  space: INamespace,
  name: string,
  want: number
): number {
  if (want === BOUND) {
    const binding = space.binding(name);
    if (binding && space.value(binding.objectId)) {
      return BOUND;
    }
  }
  return versionOf(space, name);
}

/** What reading `name` in `space` gives now. */
export function resolve(space: INamespace, name: string): IRead {
  const binding = space.binding(name);
  const value = binding ? space.value(binding.objectId) : undefined;
  if (binding && value) {
    return makeRead(name, value.version, binding.binder, value, undefined);
  }
  const { version, binder } = missing(space, name, binding);
  return makeRead(name, version, binder, null, binding?.binder);
}

/**
 * The objects the plan's loops read (steps, reads, values) are built field by field in one
 * order: objects of one shape keep V8's property access fast, and spreads make a shape each.
 */
export function makeStep(
  run: ICellRun,
  reads: IRead[],
  sig: number,
  defines: string[],
  mutates: string[],
  overwrite: string | null,
  stores: string | null,
  effects: readonly Effect[] | undefined
): IStep {
  return { run, reads, sig, defines, mutates, overwrite, stores, effects };
}

/** A prepared step with the effects applying it had. */
export function withEffects(step: IStep, effects: readonly Effect[]): IStep {
  return makeStep(
    step.run,
    step.reads,
    step.sig,
    step.defines,
    step.mutates,
    step.overwrite,
    step.stores,
    effects
  );
}

export function makeRead(
  name: string,
  version: number,
  binder: number,
  value: IValue | null,
  deleter: number | undefined
): IRead {
  return { name, version, binder, value, deleter, chain: undefined };
}

/** An object's state with another version (see `makeStep`). */
function changedValue(
  value: IValue,
  version: number,
  changes: IChange | null
): IValue {
  return {
    id: value.id,
    version,
    creator: value.creator,
    creatorName: value.creatorName,
    changes,
    summary: value.summary,
    partOf: value.partOf,
    copyOf: value.copyOf,
    builtin: value.builtin,
    instanceOf: value.instanceOf,
    classObject: value.classObject,
    returned: value.returned,
    imported: value.imported,
    estimator: value.estimator,
    holder: value.holder
  };
}

/**
 * A name with no value: resolved through the last opaque cell if one ran since it was
 * deleted (or ever, if it never existed), else external; the cell that deleted it is its
 * provenance, since running that cell again is what removes it.
 */
function missing(
  space: INamespace,
  name: string,
  deleted: IBinding | undefined
): { version: number; binder: number } {
  const opaque = space.opaque;
  // Builtins stay external: an opaque cell could shadow them, but assuming it did would make
  // every cell that calls `print` stale whenever an `exec` cell changes. Files, folders and
  // library states are not names a star import or `exec` binds.
  if (
    opaque &&
    !PYTHON_BUILTINS.has(name) &&
    !name.includes(':') &&
    (!deleted || opaque.stamp > deleted.stamp!)
  ) {
    return { version: opaque.version, binder: opaque.actor };
  }
  return { version: EXTERNAL, binder: deleted ? deleted.binder : NO_ACTOR };
}

/**
 * What the functions a cell calls do to globals at call time, transitively. A function the
 * cell defines itself is taken from the cell; others from the namespace. A function that is
 * only read (`map(f, xs)`, `df.apply(f)`, `key=f`) counts as called: whoever it is passed to
 * may call it.
 */
function callEffects(space: INamespace, symbols: ICellSymbols): ICallEffects {
  const reads = new Set<string>();
  let writes: Set<string> | null = null;
  let mutates: Set<string> | null = null;
  const seen = new Set<string>();
  const queue = [...symbols.calls, ...symbols.reads];
  const passes: IPasses[] = [];
  if (symbols.passes) {
    passes.push(symbols);
  }
  for (const name of symbols.calls) {
    // A bound method (`push = s.push`), a partial or a closure changes what it holds.
    const value = symbols.defines.includes(name)
      ? undefined
      : valueOf(space, name);
    if (value && !value.summary && (value.partOf || value.returned)) {
      mutates = addAll(mutates, [name]);
    }
  }
  let expanded = 0;
  // Called by other functions, with arguments the cell does not show.
  const inner = new Set<string>();
  for (let i = 0; i < queue.length && expanded < MAX_CALLED; i++) {
    const name = queue[i];
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    if (!symbols.defines.includes(name)) {
      // What a call does depends on which function the name holds: it is read.
      reads.add(name);
    }
    const summary = ownKey(symbols.functions, name) ?? summaryOf(space, name);
    if (!summary) {
      // An instance of a notebook class: what its methods do, through its class.
      const cls = valueOf(space, name)?.instanceOf;
      if (cls) {
        queue.push(cls);
      }
      continue;
    }
    expanded++;
    summary.reads.forEach(n => reads.add(n));
    writes = addAll(writes, summary.writes);
    mutates = addAll(mutates, summary.mutates);
    mutates = addAll(
      mutates,
      (summary.draws ?? NONE).filter(drawn => !isSeed(space, drawn))
    );
    for (const effect of summary.pathEffects ?? []) {
      const files = givenPaths(symbols, name, effect, inner);
      const kind = effect[0];
      if (kind === 'mutate') {
        mutates = addAll(mutates, files);
      } else {
        writes = addAll(writes, files);
      }
    }
    queue.push(...summary.calls, ...summary.reads);
    summary.calls.forEach(called => inner.add(called));
    if (summary.passes) {
      passes.push(summary);
    }
  }
  for (const callee in symbols.changesReturned) {
    // What the call returned may be what it was given, or a global it holds (see `madeBy`).
    const summary =
      ownKey(symbols.functions, callee) ?? summaryOf(space, callee);
    if (summary?.returnsArguments) {
      mutates = addAll(mutates, symbols.changesReturned[callee]);
    }
    mutates = addAll(mutates, summary?.returns ?? NONE);
  }
  // `f(data)` changes `data` when `f`, or a function it hands its parameter on to, changes the
  // argument `data` is given as.
  for (const { passes: record = {}, passedAt } of passes) {
    for (const callee in record) {
      const { changes, draws } = argumentEffects(space, symbols, callee);
      if (changes.size === 0 && draws.size === 0) {
        continue;
      }
      const keys = passedAt && ownKey(passedAt, callee);
      mutates = addAll(
        mutates,
        record[callee].filter(name => {
          const given = (keys && ownKey(keys, name)) ?? ANY;
          return (
            givenChanged(changes, given) ||
            (givenChanged(draws, given) && !isSeed(space, name))
          );
        })
      );
    }
  }
  return {
    reads: [...reads],
    writes: writes ? [...writes] : NONE,
    mutates: mutates ? [...mutates] : NONE
  };
}

/**
 * The files at the path a parameter of `callee` holds, as the cell's calls of it name them
 * (`log(LOG, "b")` gives `file:@LOG`), and where a call does not show it (a call from another
 * function, one that leaves it to its default) the default's, else the parameter's own.
 */
function givenPaths(
  symbols: ICellSymbols,
  callee: string,
  [, parameter, position, fallback]: Readonly<
    [string, string, number, string?]
  >,
  inner: ReadonlySet<string>
): string[] {
  const calls = (symbols.arguments && ownKey(symbols.arguments, callee)) ?? [];
  const files: string[] = [];
  let unnamed = calls.length === 0 || inner.has(callee);
  for (const paths of calls) {
    const path = ownKey(paths, String(position)) ?? ownKey(paths, parameter);
    if (path === undefined) {
      unnamed = true;
    } else {
      files.push(fileSymbol(path));
    }
  }
  if (unnamed) {
    files.push(fileSymbol(fallback ?? `@${parameter}`));
  }
  return files;
}

/** Names passed to functions, and the keys they are given at (a cell's, a function's). */
type IPasses = Pick<ICellSymbols, 'passes' | 'passedAt'>;

const ANY: readonly string[] = Object.freeze([ANY_ARGUMENT]);

/** Whether an argument given at one of `keys` is among the `changed` (`changedArguments`). */
function givenChanged(
  changed: ReadonlySet<string>,
  keys: readonly string[]
): boolean {
  return (
    changed.size > 0 &&
    (changed.has(ANY_ARGUMENT) ||
      keys.some(key => key === ANY_ARGUMENT || changed.has(key)))
  );
}

/** A value a draw does not change: a number the notebook made (`SEED = 3`), not a generator. */
function isSeed(space: INamespace, name: string): boolean {
  return valueOf(space, name)?.builtin === true;
}

/**
 * The keys of the arguments calling `name` changes in place (`*`: any, where its summary says
 * it changes one) and draws from (`drawsArguments`), following the functions
 * it hands its parameters on to: what each of those does, until nothing more is added (they
 * may call each other).
 */
function argumentEffects(
  space: INamespace,
  symbols: ICellSymbols,
  name: string
): { changes: ReadonlySet<string>; draws: ReadonlySet<string> } {
  const summaries = new Map<string, IFunctionSummary | null>();
  const queue = [name];
  for (let i = 0; i < queue.length && i < MAX_CALLED; i++) {
    const summary =
      ownKey(symbols.functions, queue[i]) ??
      summaryOf(space, queue[i]) ??
      classOf(space, queue[i])?.summary ??
      null;
    summaries.set(queue[i], summary);
    for (const next of summary?.forwards ?? NONE) {
      if (!summaries.has(next) && !queue.includes(next)) {
        queue.push(next);
      }
    }
  }
  const effects = new Map<
    string,
    { changes: Set<string>; draws: Set<string> }
  >();
  for (const [callee, summary] of summaries) {
    effects.set(callee, {
      changes: new Set(summary?.mutatesArguments ? ANY : NONE),
      draws: new Set(summary?.drawsArguments ?? NONE)
    });
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [callee, summary] of summaries) {
      const own = effects.get(callee)!;
      for (const next of summary?.forwards ?? NONE) {
        const theirs = effects.get(next);
        if (theirs === undefined) {
          continue;
        }
        const handed = summary?.forwardsAt && ownKey(summary.forwardsAt, next);
        for (const kind of ['changes', 'draws'] as const) {
          const keys = own[kind];
          const before = keys.size;
          if (handed === undefined) {
            // Saved before the keys were: any of its arguments.
            if (theirs[kind].size > 0) {
              keys.add(ANY_ARGUMENT);
            }
          } else {
            for (const key in handed) {
              if (givenChanged(theirs[kind], [key])) {
                handed[key].forEach(parameter => keys.add(parameter));
              }
            }
          }
          grew ||= keys.size > before;
        }
      }
    }
  }
  return effects.get(name)!;
}

interface ICallEffects {
  reads: string[];
  writes: string[];
  mutates: string[];
}

/** No names (shared, so frozen). */
const NONE: string[] = [];
Object.freeze(NONE);

/** `names` added to `set`, made when there is something to add. */
function addAll(set: Set<string> | null, names: string[]): Set<string> | null {
  if (names.length === 0) {
    return set;
  }
  const into = set ?? new Set<string>();
  names.forEach(name => into.add(name));
  return into;
}

/**
 * For an instance of a notebook class: the summary of the class its name holds now (what its
 * methods do), and whether that is the class object the instance was made from, unchanged.
 */
function classOf(
  space: INamespace,
  name: string
): { summary: IFunctionSummary; asMade: boolean } | null {
  const instance = valueOf(space, name);
  const binding = instance?.instanceOf
    ? space.binding(instance.instanceOf)
    : undefined;
  const cls = binding ? space.value(binding.objectId) : undefined;
  if (!instance || !binding || !cls?.summary) {
    return null;
  }
  return {
    summary: cls.summary,
    asMade: binding.objectId === instance.classObject && cls.changes === null
  };
}

function summaryOf(space: INamespace, name: string): IFunctionSummary | null {
  const binding = space.binding(name);
  return (binding && space.value(binding.objectId)?.summary) || null;
}

function sameRun(a: ICellRun, b: ICellRun): boolean {
  return (
    a.cellId === b.cellId && a.source === b.source && a.status === b.status
  );
}

function union(a: string[], b: string[]): string[] {
  return b.length === 0 ? a : [...new Set([...a, ...b])];
}

function restore<K, V>(map: Map<K, V>, key: K, prev: V | undefined): void {
  if (prev === undefined) {
    map.delete(key);
  } else {
    map.set(key, prev);
  }
}
