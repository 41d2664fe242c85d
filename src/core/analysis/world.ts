/**
 * The value-version simulation that both the Run All world and the kernel world run.
 *
 * A namespace maps names to objects; an object carries a version, an interned id built from
 * its provenance. Executing a cell with the same source on the same input versions gives the
 * same output versions in every world, so "would Run All give the same?" becomes a comparison
 * of integers.
 */
import { PYTHON_BUILTINS } from '../python';
import { ExecutionStatus, ICellSymbols, IFunctionSummary } from '../types';

/** The version of a name no known cell wrote (builtins, IPython names, undefined names). */
export const EXTERNAL = 0;

/** No actor: a value from outside the notebook. */
export const NO_ACTOR = -1;

/**
 * Hash-consing of provenance: equal provenance gets the same integer in every world, and two
 * different provenances never share one (no hashing, so no collisions). Texts and pairs share
 * one counter, so a pair is never mistaken for a text.
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
    let inner = this._pairs.get(first);
    if (!inner) {
      inner = new Map();
      this._pairs.set(first, inner);
    }
    let id = inner.get(second);
    if (id === undefined) {
      id = ++this._count;
      inner.set(second, id);
    }
    return id;
  }

  private _count = EXTERNAL;
  private _texts = new Map<string, number>();
  private _pairs = new Map<number, Map<number, number>>();
}

/** One in-place change of an object: a persistent list, newest first. */
export interface IChange {
  actor: number;
  /** The name the change went through (an alias, maybe). */
  name: string;
  prev: IChange | null;
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
}

export interface IBinding {
  objectId: number;
  /** Who last bound the name. */
  binder: number;
}

/** What a cell read, with where the value came from in its world. */
export interface IRead {
  name: string;
  version: number;
  /** Who bound the name (or the opaque actor it was resolved through), NO_ACTOR if none. */
  binder: number;
  /** The object state read; null for external names and names resolved through an opaque cell. */
  value: IValue | null;
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
  /** What it did, as the states it left (set once applied; see `replay`). */
  effects?: readonly Effect[];
}

/** What a step did to one name, as the state it left. */
export type Effect =
  | { kind: 'delete'; name: string }
  | { kind: 'define'; name: string; binding: IBinding; value: IValue }
  | { kind: 'alias'; name: string; source: string; binding: IBinding }
  | { kind: 'change'; name: string; value: IValue }
  | { kind: 'opaque'; state: IOpaqueState };

interface IOpaqueState {
  version: number;
  actor: number;
}

type JournalEntry =
  | { kind: 'name'; key: string; prev: IBinding | null | undefined }
  | { kind: 'value'; key: number; prev: IValue | undefined }
  | { kind: 'opaque'; prev: IOpaqueState | null | undefined };

/**
 * A namespace, optionally layered over a read-only parent (the plan simulates on top of the
 * live kernel without copying it), optionally journaled so it can be rolled back to a mark.
 */
export class Space {
  constructor(parent: Space | null = null, journaled = false) {
    this._parent = parent;
    this._journaled = journaled;
  }

  binding(name: string): IBinding | undefined {
    const local = this._names.get(name);
    if (local !== undefined) {
      return local ?? undefined;
    }
    return this._parent?.binding(name);
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

  bind(name: string, binding: IBinding | null): void {
    if (this._journaled) {
      this._journal.push({
        kind: 'name',
        key: name,
        prev: this._names.get(name)
      });
    }
    this._names.set(name, binding);
  }

  setValue(value: IValue): void {
    if (this._journaled) {
      this._journal.push({
        kind: 'value',
        key: value.id,
        prev: this._values.get(value.id)
      });
    }
    this._values.set(value.id, value);
  }

  setOpaque(state: IOpaqueState): void {
    if (this._journaled) {
      this._journal.push({ kind: 'opaque', prev: this._opaque });
    }
    this._opaque = state;
  }

  /** A point to roll back to. */
  mark(): number {
    return this._journal.length;
  }

  /** Undoes every change made after `mark`. */
  undo(mark: number): void {
    while (this._journal.length > mark) {
      const entry = this._journal.pop()!;
      if (entry.kind === 'name') {
        restore(this._names, entry.key, entry.prev);
      } else if (entry.kind === 'value') {
        restore(this._values, entry.key, entry.prev);
      } else {
        this._opaque = entry.prev;
      }
    }
  }

  private _parent: Space | null;
  private _journaled: boolean;
  /** null masks a name of the parent (deleted here). */
  private _names = new Map<string, IBinding | null>();
  private _values = new Map<number, IValue>();
  private _opaque: IOpaqueState | null | undefined = undefined;
  private _journal: JournalEntry[] = [];
}

/** Shared by the worlds of one analysis, so that their versions compare. */
export class VersionContext {
  readonly interner = new Interner();
  /** Tags that keep the kinds of provenance apart. */
  readonly tags = {
    define: this.interner.text('#define'),
    change: this.interner.text('#change'),
    opaque: this.interner.text('#opaque'),
    status: this.interner.text('#status'),
    taint: this.interner.text('#taint')
  };

  newObjectId(): number {
    return ++this._objects;
  }

  private _objects = 0;
}

/**
 * Resolves what `run` reads in `space` and its input signature, without changing anything.
 * A hint, an earlier step of the same run, saves the signature's work when every name it read
 * still has the version it had: equal versions mean equal function summaries, so the same
 * names are read.
 */
export function prepare(
  space: Space,
  run: ICellRun,
  context: VersionContext,
  ...hints: (IStep | undefined)[]
): IStep {
  for (const hint of hints) {
    if (hint && sameRun(hint.run, run)) {
      const reads = hint.reads.map(read => resolve(space, read.name));
      if (reads.every((read, i) => read.version === hint.reads[i].version)) {
        return { ...hint, run, reads };
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
  const { interner, tags } = context;
  const reads: IRead[] = [];
  let sig = interner.pair(interner.text(run.cellId), interner.text(run.source));
  if (run.status !== 'ok') {
    sig = interner.pair(
      sig,
      interner.pair(tags.status, interner.text(run.status))
    );
  }
  for (const name of names) {
    const read = resolve(space, name);
    reads.push(read);
    sig = interner.pair(sig, interner.pair(interner.text(name), read.version));
  }
  const mutates = union(symbols.mutates, calls.mutates);
  // A name read, changed and bound by one cell (`x += [1]`) is changed in place: every alias
  // sees it. A name bound then changed (`x = []; x.append(1)`) is a new object.
  const inPlace = new Set(mutates.filter(name => symbols.reads.includes(name)));
  return {
    run,
    reads,
    sig,
    defines: union(symbols.defines, calls.writes).filter(
      name => !inPlace.has(name)
    ),
    mutates
  };
}

/** Applies the effects of a prepared execution to `space`, as `actor`. */
export function apply(
  space: Space,
  actor: number,
  prepared: IStep,
  context: VersionContext
): Effect[] {
  const { run, sig } = prepared;
  const { interner, tags } = context;
  const effects: Effect[] = [];
  const define = (name: string, value: IValue): void => {
    const binding = { objectId: value.id, binder: actor };
    space.setValue(value);
    space.bind(name, binding);
    effects.push({ kind: 'define', name, binding, value });
  };
  for (const name of run.symbols.deletes) {
    space.bind(name, null);
    effects.push({ kind: 'delete', name });
  }
  for (const name of prepared.defines) {
    const source = ownKey(run.symbols.aliases, name);
    const target = source !== undefined ? space.binding(source) : undefined;
    if (source !== undefined && target) {
      const binding = { objectId: target.objectId, binder: actor };
      space.bind(name, binding);
      effects.push({ kind: 'alias', name, source, binding });
      continue;
    }
    define(name, {
      id: context.newObjectId(),
      version: interner.pair(
        interner.pair(tags.define, sig),
        interner.text(name)
      ),
      creator: actor,
      creatorName: name,
      changes: null,
      summary: ownKey(run.symbols.functions, name) ?? null
    });
  }
  // Changes go to the object the name holds, so every alias sees them.
  for (const name of prepared.mutates) {
    const binding = space.binding(name);
    const value = binding ? space.value(binding.objectId) : undefined;
    if (value) {
      const changed = {
        ...value,
        version: interner.pair(interner.pair(tags.change, value.version), sig),
        changes: { actor, name, prev: value.changes }
      };
      space.setValue(changed);
      effects.push({ kind: 'change', name, value: changed });
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
        changes: { actor, name, prev: null },
        summary: null
      });
    }
  }
  if (run.symbols.opaque.length > 0) {
    const state = { version: interner.pair(tags.opaque, sig), actor };
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
export function replay(space: Space, step: IStep): void {
  for (const effect of step.effects!) {
    if (effect.kind === 'delete') {
      space.bind(effect.name, null);
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
      const binding = space.binding(effect.name);
      const current = binding ? space.value(binding.objectId) : undefined;
      space.setValue(
        current && current.id !== effect.value.id
          ? { ...current, version: effect.value.version }
          : effect.value
      );
    } else {
      space.setOpaque(effect.state);
    }
  }
}

/** Executes a cell in `space`: prepare then apply. */
export function execute(
  space: Space,
  actor: number,
  run: ICellRun,
  context: VersionContext,
  hint?: IStep
): IStep {
  const step = prepare(space, run, context, hint);
  return { ...step, effects: apply(space, actor, step, context) };
}

/** The actors a read's value comes from: binder, creator and every change before the read. */
export function provenance(read: IRead): number[] {
  const actors: number[] = [];
  if (read.binder !== NO_ACTOR) {
    actors.push(read.binder);
  }
  const value = read.value;
  if (value) {
    if (value.creator !== NO_ACTOR && value.creator !== read.binder) {
      actors.push(value.creator);
    }
    for (let change = value.changes; change; change = change.prev) {
      actors.push(change.actor);
    }
  }
  return actors;
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

/** Bounds the transitive walk through function summaries (recursion, huge call graphs). */
const MAX_CALLED = 64;

/** The version reading `name` in `space` gives now. */
export function versionOf(space: Space, name: string): number {
  const binding = space.binding(name);
  const value = binding ? space.value(binding.objectId) : undefined;
  if (binding && value) {
    return value.version;
  }
  const opaque = space.opaque;
  return opaque && !PYTHON_BUILTINS.has(name) ? opaque.version : EXTERNAL;
}

/** What reading `name` in `space` gives now. */
export function resolve(space: Space, name: string): IRead {
  const binding = space.binding(name);
  const value = binding ? space.value(binding.objectId) : undefined;
  if (binding && value) {
    return { name, version: value.version, binder: binding.binder, value };
  }
  const opaque = space.opaque;
  // Builtins stay external: an opaque cell could shadow them, but assuming it did would make
  // every cell that calls `print` stale whenever an `exec` cell changes.
  if (opaque && !PYTHON_BUILTINS.has(name)) {
    return { name, version: opaque.version, binder: opaque.actor, value: null };
  }
  return { name, version: EXTERNAL, binder: NO_ACTOR, value: null };
}

/**
 * What the functions a cell calls do to globals at call time, transitively. A function the
 * cell defines itself is taken from the cell; others from the namespace.
 */
function callEffects(
  space: Space,
  symbols: ICellSymbols
): { reads: string[]; writes: string[]; mutates: string[] } {
  const reads = new Set<string>();
  const writes = new Set<string>();
  const mutates = new Set<string>();
  const seen = new Set<string>();
  const queue = [...symbols.calls];
  while (queue.length > 0 && seen.size < MAX_CALLED) {
    const name = queue.shift()!;
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    const own = ownKey(symbols.functions, name);
    if (!symbols.defines.includes(name)) {
      // What a call does depends on which function the name holds: it is read.
      reads.add(name);
    }
    const summary = own ?? summaryOf(space, name);
    if (!summary) {
      continue;
    }
    summary.reads.forEach(n => reads.add(n));
    summary.writes.forEach(n => writes.add(n));
    summary.mutates.forEach(n => mutates.add(n));
    queue.push(...summary.calls);
  }
  return { reads: [...reads], writes: [...writes], mutates: [...mutates] };
}

function summaryOf(space: Space, name: string): IFunctionSummary | null {
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
