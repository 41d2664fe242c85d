/**
 * Python's scopes, as the walker in `symbols.ts` needs them: where a name read, bound or
 * changed in place goes. The module scope answers at once (it is executed top to bottom);
 * a function scope answers when it closes (Python decides what is local from the whole body).
 */
import { fileExpression, fileSymbol, folderSymbol } from './effects';

/** The identity of a value inside one cell, to follow aliases (`b = a` holds `a`'s object). */
export interface IObject {
  /** The name that first held it: the external name, or the name bound in this cell. */
  readonly label: string;
  /** Created before this cell ran (the value `label` had when the cell started). */
  readonly external: boolean;
}

/** What an assignment binds a name to. */
export interface IValue {
  /** The name whose object is bound (`b = a` gives `a`), else null for a new value. */
  readonly source: string | null;
  /** The objects bound, as the module scope sees them; empty for a new value. */
  readonly objects: readonly IObject[];
  /** A loop variable holds an element of `source`, not `source` itself. */
  readonly element: boolean;
  /**
   * A shallow copy (`copy.copy(a)`, `list(a)`, `a.copy()`): a new container holding the
   * elements of these objects, so a change of an element reaches them, a change of the
   * container does not.
   */
  readonly copies?: readonly IObject[];
  /** `x = C(...)`: the name called, which may be a class whose instance `x` is. */
  readonly instanceOf?: string;
  /** `x = f(a, b[0])`: the objects of the names given to that call, which `f` may return. */
  readonly given?: readonly IObject[];
  /** A value of Python's own types that the cell makes (see `ICellSymbols.builtins`). */
  readonly builtin?: boolean;
  /** A subscript whose sharing depends on the container (see `ICellSymbols.subscripts`). */
  readonly subscript?: SubscriptKind;
  /** That call has only literal arguments, none of them `warm_start` (`Ridge(alpha=1.0)`). */
  readonly literalArguments?: boolean;
  /** `dataclasses.field(default_factory=list)`: in a class body, each instance gets its own. */
  readonly perInstance?: boolean;
}

/** A basic slice, a view of an array (`a[1:]`); a selection, a copy of one (`a[a > 0]`). */
export type SubscriptKind = 'view' | 'selection';

export const NEW_VALUE: IValue = Object.freeze({
  source: null,
  objects: [],
  element: false
});

/** What a nested function, lambda or class does to names outside it. */
export interface ISummary {
  /** Free names, still to be resolved by the enclosing scope. */
  reads: Set<string>;
  /** Names known to be global (declared `global`) and pseudo-symbols. */
  globalReads: Set<string>;
  writes: Set<string>;
  /** Free names changed in place. */
  mutates: Set<string>;
  calls: Set<string>;
  /** Attributes of `self` changed in place by a method (`self.items.append`). */
  selfProperties: Set<string>;
  /** A classmethod assigned an attribute of `cls`. */
  classMutated: boolean;
  /** It changes the object of one of its parameters in place. */
  mutatesArguments: boolean;
  /** Free names it draws from (`random_state=RNG`): a generator advances, a seed does not. */
  draws: Set<string>;
  /**
   * The arguments it draws from (`random_state=rng` with `rng` a parameter), by the keys a call
   * gives them at; `ANY_ARGUMENT` when it may be any (a method, a `*args` parameter).
   */
  drawsArguments: Set<string>;
  /**
   * By the key a call gives an argument at: the slots it stores into that argument, where that
   * is all it does with it (`def tag(d, label): d["label"] = label` gives `0 -> ["label"]`).
   */
  storesArguments: Map<string, string[]>;
  /** It may return the object of one of its parameters, or a part of one. */
  returnsArguments: boolean;
  /**
   * Free names whose objects (or parts of them) it may return; its own name when it may return
   * a parameter's default, an object it keeps between calls.
   */
  returns: Set<string>;
  /** Files it writes, changes or removes at a path a parameter holds: its caller names them. */
  pathEffects: PathEffect[];
  /** It is a class: its instances run its methods. */
  isClass: boolean;
  /** Functions it passes one of its parameters to (their changes are its changes). */
  forwards: Set<string>;
  /**
   * For each function of `forwards`, by the key it gets a parameter at: the keys of the
   * parameters handed on there (`def f(a, b): g(b)` gives `g -> 0 -> [1, b]`).
   */
  forwardsAt: Map<string, Map<string, Set<string>>>;
  /** Free names it passes to functions, by function. */
  passes: Map<string, Set<string>>;
  /** For the names of `passes`: the keys each is given at, by function. */
  passedAt: Map<string, Map<string, Set<string>>>;
  /**
   * A method that may change the object it is called on: it assigns or changes an attribute of
   * `self`, changes `self` itself, or hands it on to a function.
   */
  changesSelf: boolean;
  /** Methods a method calls on `self` (`self._store(row)`): it changes `self` if they do. */
  selfCalls: Set<string>;
  /** For a class: its methods that never change the instance they are called on. */
  keeps: Set<string>;
  /** For a class: its methods that may change the instance (the others it defines). */
  changing: Set<string>;
  /** A setter property, or a class whose stores into instances run its code (`__setattr__`). */
  interceptsStores: boolean;
}

export function emptySummary(): ISummary {
  return {
    reads: new Set(),
    globalReads: new Set(),
    writes: new Set(),
    mutates: new Set(),
    calls: new Set(),
    selfProperties: new Set(),
    classMutated: false,
    mutatesArguments: false,
    draws: new Set(),
    drawsArguments: new Set(),
    storesArguments: new Map(),
    returnsArguments: false,
    returns: new Set(),
    pathEffects: [],
    isClass: false,
    forwards: new Set(),
    forwardsAt: new Map(),
    passes: new Map(),
    passedAt: new Map(),
    changesSelf: false,
    selfCalls: new Set(),
    keeps: new Set(),
    changing: new Set(),
    interceptsStores: false
  };
}

export function mergeSummary(into: ISummary, from: ISummary): void {
  addAll(into.reads, from.reads);
  addAll(into.globalReads, from.globalReads);
  addAll(into.writes, from.writes);
  addAll(into.mutates, from.mutates);
  addAll(into.calls, from.calls);
  addAll(into.selfProperties, from.selfProperties);
  into.classMutated = into.classMutated || from.classMutated;
  into.mutatesArguments = into.mutatesArguments || from.mutatesArguments;
  addAll(into.draws, from.draws);
  addAll(into.drawsArguments, from.drawsArguments);
  // Either definition may be the one in force: only the stores both make alike.
  into.storesArguments = new Map(
    [...into.storesArguments].filter(
      ([key, slots]) =>
        from.storesArguments.get(key)?.join('\n') === slots.join('\n')
    )
  );
  into.returnsArguments = into.returnsArguments || from.returnsArguments;
  addAll(into.returns, from.returns);
  into.pathEffects.push(...from.pathEffects);
  into.isClass = into.isClass || from.isClass;
  addAll(into.forwards, from.forwards);
  mergeKeyed(into.forwardsAt, from.forwardsAt);
  for (const [callee, names] of from.passes) {
    addToSet(into.passes, callee, names);
  }
  mergeKeyed(into.passedAt, from.passedAt);
  into.changesSelf = into.changesSelf || from.changesSelf;
  into.interceptsStores = into.interceptsStores || from.interceptsStores;
  addAll(into.selfCalls, from.selfCalls);
  // Either definition may be the one in force.
  into.keeps = new Set(
    [...into.keeps].filter(method => from.keeps.has(method))
  );
  addAll(into.changing, from.changing);
}

/**
 * Moves the path effects of `summary` to the files of the parameters' names, where no call
 * gives it the arguments that name them (a nested function's, a static method's).
 */
function unnamePaths(summary: ISummary): void {
  for (const [kind, parameter] of summary.pathEffects) {
    (kind === 'mutate' ? summary.mutates : summary.writes).add(
      fileSymbol(`@${parameter}`)
    );
  }
  summary.pathEffects = [];
}

/** The key of an argument whose parameter a call does not show (`f(*rows)`, `**kw`). */
export const ANY_ARGUMENT = '*';

/** Adds `item` to the set `map` holds for `outer`, then `inner`. */
function addKeyed(
  map: Map<string, Map<string, Set<string>>>,
  outer: string,
  inner: string,
  items: Iterable<string>
): void {
  let known = map.get(outer);
  if (known === undefined) {
    known = new Map();
    map.set(outer, known);
  }
  addToSet(known, inner, items);
}

function mergeKeyed(
  into: Map<string, Map<string, Set<string>>>,
  from: Map<string, Map<string, Set<string>>>
): void {
  for (const [outer, inners] of from) {
    for (const [inner, items] of inners) {
      addKeyed(into, outer, inner, items);
    }
  }
}

/** The keys `name` is passed to `callee` at in `summary` (any, where it does not say). */
function passedKeys(
  summary: ISummary,
  callee: string,
  name: string
): Iterable<string> {
  return summary.passedAt.get(callee)?.get(name) ?? [ANY_ARGUMENT];
}

/** Adds `items` to the set `map` holds for `key`. */
function addToSet(
  map: Map<string, Set<string>>,
  key: string,
  items: Iterable<string>
): void {
  let known = map.get(key);
  if (known === undefined) {
    known = new Set();
    map.set(key, known);
  }
  addAll(known, items);
}

function count(counts: Map<string, number>, name: string): void {
  counts.set(name, (counts.get(name) ?? 0) + 1);
}

export function addAll(into: Set<string>, from: Iterable<string>): void {
  for (const item of from) {
    into.add(item);
  }
}

/** What a cell stores into one name's object, and how it reads it (see `CellSymbols.stores`). */
export interface IStores {
  slots: string[];
  /** Reads of the name that are only the targets of the stores (`d` in `d["x"] = 5`). */
  targetReads: number;
  /** The constant keys read from the object (`df["a"]` in `df["b"] = df["a"] * 2`). */
  keys: string[];
}

/** The cell-level answer being built. */
export class CellSymbols {
  readonly defines = new Set<string>();
  readonly reads = new Set<string>();
  readonly mutates = new Set<string>();
  /** Names of `mutates` changed through an element (`rows[0].append(1)`), not only directly. */
  readonly mutatesElements = new Set<string>();
  readonly deletes = new Set<string>();
  readonly imports = new Set<string>();
  readonly calls = new Set<string>();
  readonly opaque = new Set<string>();
  readonly irreversible = new Set<string>();
  readonly functions = new Map<string, ISummary>();
  /** Names changed by calling methods the model cannot see into here (`robot.move(3)`), by name. */
  readonly methodCalls = new Map<string, Set<string>>();
  /** Names of `mutates` changed some other way as well. */
  readonly changedOtherwise = new Set<string>();
  /** Names changed by draws from the objects they hold (see `Scope.draw`). */
  readonly drawn = new Set<string>();
  /** Methods the library tables say keep their receiver, called on names (`q.where(c)`). */
  readonly tableMethodCalls = new Map<string, Set<string>>();
  /**
   * Names given whole to calls of functions at the top of the cell, by name: `callee\nkey` of
   * each call (`tag(info, "new")` gives `info -> ["tag\n0"]`; see `ModuleScope.storeThrough`).
   */
  readonly storesThrough = new Map<string, string[]>();
  /** Slots stored into at the top of the cell, by name (`d["x"] = 5` gives `d -> ["x"]`). */
  readonly stores = new Map<string, IStores>();
  /** How often the cell reads each name it does not bind first. */
  readonly readCounts = new Map<string, number>();
  /** How often the cell changes each name, bound in the cell or not. */
  readonly changeCounts = new Map<string, number>();
  /** Names whose objects are passed to functions, by function (`f(data)`). */
  readonly passes = new Map<string, Set<string>>();
  /** For the names of `passes`: the keys each is given at (see `Scope.pass`), by function. */
  readonly passedAt = new Map<string, Map<string, Set<string>>>();
  /**
   * Functions whose results made here the cell changes (`d2 = ident(data); d2.append(9)`), with
   * the names given to them, which they may have returned.
   */
  readonly changesReturned = new Map<string, Set<string>>();
  /** Names that code given as a string reads from the module's namespace (see `ICellSymbols`). */
  readonly evaluated = new Set<string>();
  /** Names an import at the top of the cell binds, with the dotted path imported. */
  readonly imported = new Map<string, string>();
  /** How often the cell binds each name at the top (an import and an assignment are two). */
  readonly bindCounts = new Map<string, number>();
  /** The paths of the arguments of each call of a name, as the cell runs them (see `ICellSymbols`). */
  readonly arguments = new Map<string, Array<Record<string, string>>>();
  /** Names last bound, always, to a call with literal arguments (`IValue.literalArguments`). */
  readonly madeFromLiterals = new Set<string>();
}

/**
 * A file a function writes (`define`), changes or removes at the path a parameter holds:
 * `[kind, parameter, position]`, and the parameter's default where it is a path literal.
 */
export type PathEffect = [Exclude<EffectKind, 'read'>, string, number, string?];

export type EffectKind = 'read' | 'define' | 'mutate' | 'remove';

export abstract class Scope {
  abstract read(name: string): void;
  abstract bind(name: string, value: IValue): void;
  /** `name`'s object (or, with `property`, its attribute `property`'s object) changes in place. */
  abstract mutate(name: string, property?: string): void;
  /** An element or attribute of `name`'s object changes in place (`rows[0].append(1)`). */
  mutateElement(name: string, property?: string): void {
    this.mutate(name, property);
  }
  abstract call(name: string): void;
  /**
   * `name.method(...)`, where the model cannot tell from the method's name whether it changes
   * `name`'s object: it may; what the object's class says decides later.
   */
  callMethod(name: string, method: string): void {
    this.mutate(name);
  }
  /**
   * `name.method(...)`, where the library tables say the method keeps its receiver
   * (`q.where(c)`): unless the name holds an instance of a notebook class that defines it to
   * change it. Only the module's names: inside a function the tables decide.
   */
  callTableMethod(name: string, method: string): void {}
  /**
   * `name`'s object is passed to the function `callee`, which may change it, as the argument
   * of `key`: its position (`"0"`), its keyword, or `ANY_ARGUMENT`.
   */
  abstract pass(callee: string, name: string, key: string): void;
  /** `del name`. */
  abstract remove(name: string): void;
  /** `name += value`. */
  abstract augment(name: string): void;
  /** An effect on a pseudo-symbol (`file:a.csv`, `random:numpy`). */
  abstract effect(kind: EffectKind, symbol: string): void;
  /**
   * A call draws from `name`'s object (`random_state=rng`): a generator advances, a seed does
   * not. What the name holds decides later (`world.ts`): in a function, what its caller gives.
   */
  draw(name: string): void {}

  /** A nested function, lambda or class closed: take in what it does when run. */
  abstract absorb(summary: ISummary): void;

  /** What `name` holds now, for aliases. */
  objectsOf(name: string): readonly IObject[] {
    return [];
  }

  /** `name` holds a value of Python's own types bound in this cell (see `IValue.builtin`). */
  isBuiltin(name: string): boolean {
    return false;
  }

  /** `name` holds a part of other objects bound in this cell (`row = data[0]`). */
  isPart(name: string): boolean {
    return false;
  }

  /** A binding that is not a definition (`except E as e` is deleted after the block). */
  bindTemporary(name: string): void {
    this.bind(name, NEW_VALUE);
  }

  /** The target of `:=`, which binds outside comprehensions. */
  bindNamed(name: string, value: IValue): void {
    this.bind(name, value);
  }

  declare(kind: 'global' | 'nonlocal', name: string): void {
    // Only function scopes care.
  }

  /** Enters a block that may not run (a branch, a loop body, a `try`). */
  pushBlock(): void {
    // Only scopes executed in order care.
  }

  popBlock(): void {
    // Only scopes executed in order care.
  }
}

interface IBinding {
  /** Definitely bound here, on every path so far. */
  readonly bound: boolean;
  readonly objects: readonly IObject[];
  readonly element: boolean;
  /** The objects whose elements it holds, when it is a shallow copy (see `IValue`). */
  readonly copies?: readonly IObject[];
  readonly instanceOf?: string;
  readonly given?: readonly IObject[];
  readonly builtin?: boolean;
  readonly subscript?: SubscriptKind;
}

/**
 * Bindings of a scope executed in order, per block: a binding inside a branch does not make
 * a later read outside it bound; the objects a name may hold are merged when the block ends.
 */
class Blocks {
  private readonly stack: Array<Map<string, IBinding>> = [new Map()];
  private readonly externals = new Map<string, IObject>();

  /** Inside a block that may not run. */
  get nested(): boolean {
    return this.stack.length > 1;
  }

  get(name: string): IBinding | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const binding = this.stack[i].get(name);
      if (binding !== undefined) {
        return binding;
      }
    }
    return undefined;
  }

  isBound(name: string): boolean {
    return this.get(name)?.bound === true;
  }

  objectsOf(name: string): readonly IObject[] {
    return this.get(name)?.objects ?? [this.external(name)];
  }

  set(name: string, binding: IBinding): void {
    this.stack[this.stack.length - 1].set(name, binding);
  }

  push(): void {
    this.stack.push(new Map());
  }

  pop(): void {
    if (this.stack.length < 2) {
      return;
    }
    const top = this.stack.pop() as Map<string, IBinding>;
    for (const [name, binding] of top) {
      const before = this.get(name);
      const objects = before?.objects ?? [this.external(name)];
      this.set(name, {
        bound: before?.bound === true,
        objects: union(objects, binding.objects),
        element: binding.element || before?.element === true,
        copies: union(before?.copies ?? [], binding.copies ?? []),
        instanceOf: binding.instanceOf ?? before?.instanceOf,
        given: union(before?.given ?? [], binding.given ?? []),
        // Known only when every path bound such a value.
        builtin: binding.builtin === true && before?.builtin === true,
        subscript:
          before === undefined || before.subscript === binding.subscript
            ? binding.subscript
            : undefined
      });
    }
  }

  /** Names bound at the outermost level, with what they hold. */
  entries(): IterableIterator<[string, IBinding]> {
    return this.stack[0].entries();
  }

  private external(name: string): IObject {
    let object = this.externals.get(name);
    if (object === undefined) {
      object = { label: name, external: true };
      this.externals.set(name, object);
    }
    return object;
  }
}

/**
 * The objects of either list. New objects with the same label count as one, so that a loop
 * binding a name a thousand times does not make the list grow a thousand times.
 */
function union(
  a: readonly IObject[],
  b: readonly IObject[]
): readonly IObject[] {
  let all: IObject[] | null = null;
  for (const object of b) {
    const known = (all ?? a).some(
      other =>
        other === object ||
        (!object.external && !other.external && other.label === object.label)
    );
    if (!known) {
      all ??= [...a];
      all.push(object);
    }
  }
  return all ?? a;
}

/** The cell itself: runs top to bottom, so a read is free unless bound before on every path. */
/** The labels of `objects` other than `name`'s own, once each; undefined when none. */
function othersOf(
  objects: readonly IObject[],
  name: string
): string[] | undefined {
  const labels = new Set(
    objects.map(object => object.label).filter(label => label !== name)
  );
  return labels.size > 0 ? [...labels] : undefined;
}

export class ModuleScope extends Scope {
  constructor(private readonly cell: CellSymbols) {
    super();
  }

  private readonly blocks = new Blocks();
  /** How many blocks that may stop halfway enclose the statement walked (`mayStop`). */
  private stoppable = 0;

  read(name: string): void {
    if (!this.blocks.isBound(name)) {
      this.cell.reads.add(name);
      count(this.cell.readCounts, name);
    }
  }

  /**
   * `name<slot> = value` (`d["x"] = 5`, `t.c = 1`, `ax.set_title("a")`) on a name the cell did
   * not bind, where the store always runs: the changes of `name` then follow (`mutate`).
   * `readsTarget`: the store reads `name` (a state changed through a module does not).
   */
  store(name: string, slot: string, readsTarget = true): boolean {
    if (
      this.blocks.nested ||
      this.stoppable > 0 ||
      this.blocks.get(name) !== undefined
    ) {
      return false;
    }
    const stores = this.storesOf(name);
    stores.slots.push(slot);
    if (readsTarget) {
      stores.targetReads++;
    }
    return true;
  }

  /**
   * `callee(name)` where the call always runs and `name` is not bound in the cell: if all
   * `callee` does with that argument is store into slots, it replaces what they held.
   */
  storeThrough(name: string, callee: string, key: string): void {
    if (
      !this.blocks.nested &&
      this.stoppable === 0 &&
      this.blocks.get(name) === undefined
    ) {
      const calls = this.cell.storesThrough.get(name);
      if (calls === undefined) {
        this.cell.storesThrough.set(name, [`${callee}\n${key}`]);
      } else {
        calls.push(`${callee}\n${key}`);
      }
    }
  }

  /** `name["key"]` read where `name` is not bound in the cell (see `IStores.keys`). */
  readKey(name: string, key: string): void {
    if (!this.blocks.isBound(name)) {
      this.storesOf(name).keys.push(key);
    }
  }

  private storesOf(name: string): IStores {
    let stores = this.cell.stores.get(name);
    if (stores === undefined) {
      stores = { slots: [], targetReads: 0, keys: [] };
      this.cell.stores.set(name, stores);
    }
    return stores;
  }

  /**
   * Walks a block that may stop halfway without failing the cell (a `with` body): its bindings
   * count as made, its stores not as always run.
   */
  mayStop(walk: () => void): void {
    this.stoppable++;
    walk();
    this.stoppable--;
  }

  bind(name: string, value: IValue): void {
    this.cell.defines.add(name);
    count(this.cell.bindCounts, name);
    if (
      value.literalArguments === true &&
      !this.blocks.nested &&
      this.stoppable === 0
    ) {
      this.cell.madeFromLiterals.add(name);
    } else {
      this.cell.madeFromLiterals.delete(name);
    }
    this.blocks.set(name, {
      bound: true,
      objects:
        value.objects.length > 0
          ? value.objects
          : [{ label: name, external: false }],
      element: value.element,
      copies: value.copies,
      instanceOf: value.instanceOf,
      given: value.given,
      builtin: value.builtin,
      subscript: value.subscript
    });
  }

  isBuiltin(name: string): boolean {
    return this.blocks.get(name)?.builtin === true;
  }

  isPart(name: string): boolean {
    return this.blocks.get(name)?.element === true;
  }

  bindTemporary(name: string): void {
    this.blocks.set(name, {
      bound: true,
      objects: [{ label: name, external: false }],
      element: false
    });
  }

  mutate(name: string): void {
    this.changeObjects(name).forEach(changed =>
      this.cell.changedOtherwise.add(changed)
    );
  }

  callMethod(name: string, method: string): void {
    for (const changed of this.changeObjects(name)) {
      addToSet(this.cell.methodCalls, changed, [method]);
    }
  }

  draw(name: string): void {
    this.changeObjects(name).forEach(changed => this.cell.drawn.add(changed));
  }

  callTableMethod(name: string, method: string): void {
    const external = this.blocks
      .objectsOf(name)
      .filter(object => object.external);
    if (external.length === 0) {
      // An object made in this cell: whatever the method does stays in it.
      return;
    }
    for (const holder of new Set([name, ...external.map(o => o.label)])) {
      addToSet(this.cell.tableMethodCalls, holder, [method]);
    }
  }

  /**
   * Notes a change of `name`'s objects and returns the names it changes. Only objects that
   * existed before the cell count: changing a list made here is no effect.
   */
  private changeObjects(name: string): string[] {
    count(this.cell.changeCounts, name);
    const objects = this.blocks.objectsOf(name);
    for (const object of objects) {
      const made = object.external ? undefined : this.blocks.get(object.label);
      if (made?.instanceOf !== undefined) {
        const given = (made.given ?? []).filter(other => other.external);
        addToSet(
          this.cell.changesReturned,
          made.instanceOf,
          given.map(other => other.label)
        );
      }
    }
    if (!objects.some(object => object.external)) {
      return [];
    }
    const changed = [name];
    this.cell.mutates.add(name);
    for (const object of objects) {
      if (object.external) {
        this.cell.mutates.add(object.label);
        changed.push(object.label);
      }
    }
    return changed;
  }

  /** Through a shallow copy, an element change reaches the elements of the copied objects. */
  mutateElement(name: string): void {
    const seen = new Set<IObject>();
    const visit = (objects: readonly IObject[]): void => {
      for (const object of objects) {
        if (seen.has(object)) {
          continue;
        }
        seen.add(object);
        if (object.external) {
          this.cell.mutates.add(object.label);
          this.cell.mutatesElements.add(object.label);
        } else {
          visit(this.blocks.get(object.label)?.copies ?? []);
        }
      }
    };
    this.mutate(name);
    visit(this.blocks.objectsOf(name));
  }

  call(name: string): void {
    this.cell.calls.add(name);
  }

  pass(callee: string, name: string, key: string): void {
    const external = this.blocks
      .objectsOf(name)
      .filter(object => object.external)
      .map(object => object.label);
    if (external.length > 0) {
      addToSet(this.cell.passes, callee, external);
      for (const label of external) {
        addKeyed(this.cell.passedAt, callee, label, [key]);
      }
    }
  }

  remove(name: string): void {
    this.read(name);
    this.cell.deletes.add(name);
    this.blocks.set(name, { bound: false, objects: [], element: false });
  }

  augment(name: string): void {
    this.read(name);
    this.mutate(name);
  }

  effect(kind: EffectKind, symbol: string): void {
    switch (kind) {
      case 'read':
        this.read(symbol);
        break;
      case 'define':
        this.bind(symbol, NEW_VALUE);
        break;
      case 'mutate':
        this.mutate(symbol);
        break;
      case 'remove':
        this.cell.deletes.add(symbol);
        this.blocks.set(symbol, { bound: false, objects: [], element: false });
        break;
    }
  }

  /** A lambda used in place (`df.apply(lambda r: r * k)`) runs now: its reads are the cell's. */
  absorb(summary: ISummary): void {
    unnamePaths(summary);
    for (const name of summary.reads) {
      this.read(name);
    }
    for (const name of summary.globalReads) {
      this.read(name);
    }
    for (const name of summary.calls) {
      this.call(name);
    }
    for (const name of summary.mutates) {
      this.mutate(name);
    }
    for (const name of summary.draws) {
      this.draw(name);
    }
    for (const name of summary.writes) {
      this.bind(name, NEW_VALUE);
    }
    for (const [callee, names] of summary.passes) {
      for (const name of names) {
        for (const key of passedKeys(summary, callee, name)) {
          this.pass(callee, name, key);
        }
      }
    }
  }

  objectsOf(name: string): readonly IObject[] {
    return this.blocks.objectsOf(name);
  }

  pushBlock(): void {
    this.blocks.push();
  }

  popBlock(): void {
    this.blocks.pop();
  }

  /**
   * `row -> [data]` for each name bound in the cell to a part of other names' objects: an
   * element, a slice, an attribute (`row = data[0]`, `v = a[1:]`), a loop variable, or a
   * container holding them (`pair = [a, b]`). The value is new, but changes reach both ways.
   */
  parts(): Map<string, string[]> {
    return this.boundInCell((binding, name) =>
      binding.element ? othersOf(binding.objects, name) : undefined
    );
  }

  /** `a -> Bag` for each name bound in the cell to the result of calling a name (`a = Bag()`). */
  instances(): Map<string, string> {
    return this.boundInCell(binding => binding.instanceOf);
  }

  /**
   * `x -> [a, b]` for each name bound in the cell to the result of calling a name with the
   * objects of `a` and `b` (`x = f(a, b[0])`): a function that returns an argument returns one.
   */
  given(): Map<string, string[]> {
    return this.boundInCell((binding, name) =>
      othersOf(binding.given ?? [], name)
    );
  }

  /** The names bound in the cell to a value of Python's own types that it makes. */
  builtins(): string[] {
    return [
      ...this.boundInCell(binding => binding.builtin || undefined).keys()
    ];
  }

  /** `v -> view` for each name of `parts` bound to a subscript of kind known by its syntax. */
  subscripts(): Map<string, SubscriptKind> {
    return this.boundInCell(binding => binding.subscript);
  }

  /** `snap -> [rows]` for each name bound in the cell to a shallow copy of other names' objects. */
  copies(): Map<string, string[]> {
    return this.boundInCell((binding, name) =>
      othersOf(binding.copies ?? [], name)
    );
  }

  /** What `pick` says of each name bound in the cell, where it says something. */
  private boundInCell<T>(
    pick: (binding: IBinding, name: string) => T | undefined
  ): Map<string, T> {
    const found = new Map<string, T>();
    for (const [name, binding] of this.blocks.entries()) {
      const value = this.cell.defines.has(name)
        ? pick(binding, name)
        : undefined;
      if (value !== undefined) {
        found.set(name, value);
      }
    }
    return found;
  }

  /**
   * `b -> a` for each name bound in the cell that holds the object another name holds at the
   * end of the cell. Loop variables (elements) are not aliases.
   */
  aliases(): Map<string, string> {
    const aliases = new Map<string, string>();
    for (const [name, binding] of this.blocks.entries()) {
      if (binding.element || !this.cell.defines.has(name)) {
        continue;
      }
      const shared = binding.objects.find(
        object =>
          object.label !== name &&
          this.blocks.objectsOf(object.label).includes(object)
      );
      if (shared !== undefined) {
        aliases.set(name, shared.label);
      }
    }
    return aliases;
  }
}

/**
 * A namespace executed in order whose names do not become globals: a class body, or the
 * statement of `%timeit`. Free names fall through to `outer`.
 */
export class LocalScope extends Scope {
  constructor(readonly outer: Scope) {
    super();
  }

  private readonly blocks = new Blocks();
  /** Every name bound here (a class's attributes). */
  readonly names = new Set<string>();

  read(name: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.read(name);
    }
  }

  bind(name: string, value: IValue): void {
    this.names.add(name);
    this.blocks.set(name, { bound: true, objects: [], element: false });
  }

  bindTemporary(name: string): void {
    this.blocks.set(name, { bound: true, objects: [], element: false });
  }

  mutate(name: string, property?: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.mutate(name, property);
    }
  }

  mutateElement(name: string, property?: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.mutateElement(name, property);
    }
  }

  call(name: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.call(name);
    }
  }

  callMethod(name: string, method: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.callMethod(name, method);
    }
  }

  pass(callee: string, name: string, key: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.pass(callee, name, key);
    }
  }

  draw(name: string): void {
    if (!this.blocks.isBound(name)) {
      this.outer.draw(name);
    }
  }

  remove(name: string): void {
    this.read(name);
    this.blocks.set(name, { bound: false, objects: [], element: false });
  }

  augment(name: string): void {
    this.read(name);
    this.mutate(name);
    this.bind(name, NEW_VALUE);
  }

  effect(kind: EffectKind, symbol: string): void {
    this.outer.effect(kind, symbol);
  }

  absorb(summary: ISummary): void {
    this.outer.absorb(summary);
  }

  pushBlock(): void {
    this.blocks.push();
  }

  popBlock(): void {
    this.blocks.pop();
  }
}

/**
 * A class body. Its methods do not see its names; what they do is collected, because using
 * the class (instantiating it, calling its methods) runs them.
 */
export class ClassScope extends LocalScope {
  private readonly methods = emptySummary();
  /** What each method defined in the body does to `self`. */
  private readonly bySelf = new Map<string, ISummary>();

  /** A field each instance holds its own of is no attribute the instances share. */
  bind(name: string, value: IValue): void {
    if (value.perInstance === true) {
      this.bindTemporary(name);
    } else {
      super.bind(name, value);
    }
  }

  absorb(summary: ISummary): void {
    mergeSummary(this.methods, summary);
  }

  /** A method `def name` of the body (defined twice: either may change `self`). */
  absorbMethod(name: string, summary: ISummary): void {
    this.absorb(summary);
    const known = this.bySelf.get(name);
    if (known === undefined) {
      this.bySelf.set(name, summary);
    } else {
      mergeSummary(known, summary);
    }
  }

  /** The class's summary; a method changing a class attribute in place changes the class. */
  close(name: string | null): ISummary {
    const summary = this.methods;
    // A static method's parameters: calling the class names none of them.
    unnamePaths(summary);
    const sharedChanged = [...summary.selfProperties].some(property =>
      this.names.has(property)
    );
    if (name !== null && (summary.classMutated || sharedChanged)) {
      summary.mutates.add(name);
    }
    summary.selfProperties = new Set();
    summary.classMutated = false;
    summary.changesSelf = false;
    summary.selfCalls = new Set();
    summary.keeps = this.keeps();
    summary.changing = new Set(
      [...this.bySelf.keys()].filter(method => !summary.keeps.has(method))
    );
    summary.interceptsStores =
      summary.interceptsStores ||
      STORE_HOOKS.some(method => this.bySelf.has(method));
    // Calling the class runs `__init__`, whose arguments sit one after its receiver.
    if (summary.drawsArguments.size > 0) {
      summary.drawsArguments = new Set([ANY_ARGUMENT]);
    }
    summary.isClass = true;
    return summary;
  }

  /**
   * The methods that change no instance: none of what they do changes `self`, nor do the
   * methods they call on it. A method not defined here (inherited, set later) may.
   */
  private keeps(): Set<string> {
    const changing = new Set<string>();
    for (let grown = true; grown;) {
      grown = false;
      for (const [method, summary] of this.bySelf) {
        if (
          !changing.has(method) &&
          (summary.changesSelf ||
            [...summary.selfCalls].some(
              called => !this.bySelf.has(called) || changing.has(called)
            ))
        ) {
          changing.add(method);
          grown = true;
        }
      }
    }
    if (changing.has('__getattribute__')) {
      // It runs on every attribute read, method calls included.
      return new Set();
    }
    return new Set([...this.bySelf.keys()].filter(m => !changing.has(m)));
  }
}

/** Methods that run when something is stored into an instance. */
const STORE_HOOKS = ['__setattr__', '__setitem__'];

/** A function or lambda body: what is local is known only when the whole body has been seen. */
export class FunctionScope extends Scope {
  constructor(
    parameters: readonly string[],
    /** The first parameter of a method (`self`, or `cls` for a classmethod). */
    private readonly selfName: string | null,
    private readonly classMethod: boolean,
    /** The keys a call gives each parameter at (see `parameterKeys` in `symbols.ts`). */
    private readonly argumentKeys: ReadonlyMap<string, readonly string[]>
  ) {
    super();
    this.parameters = new Set(parameters);
    this.positions = selfName === null ? parameters : [];
  }

  private readonly parameters: Set<string>;
  /** The parameters a call gives by position; none for a method (its caller's receiver is one). */
  private readonly positions: readonly string[];
  private readonly pathEffects: PathEffect[] = [];
  /** The parameters whose arguments the body changes in place, known once closed. */
  changedParameters: ReadonlySet<string> = new Set();
  /** The parameters whose objects (or parts) it may return, known once closed. */
  returnedParameters: ReadonlySet<string> = new Set();
  private readonly assigned = new Set<string>();
  private readonly used = new Set<string>();
  private readonly globalReads = new Set<string>();
  private readonly writes = new Set<string>();
  private readonly mutated = new Set<string>();
  private readonly globalMutated = new Set<string>();
  private readonly called = new Set<string>();
  private readonly globals = new Set<string>();
  private readonly nonlocals = new Set<string>();
  /** Local name -> the names it was assigned from (`b = items`). */
  private readonly sources = new Map<string, string[]>();
  private readonly selfProperties = new Set<string>();
  private classMutated = false;
  private changesSelf = false;
  private readonly selfCalls = new Set<string>();
  /** `[callee, name, key]` for each name passed to a function. */
  private readonly passed: Array<[string, string, string]> = [];
  /** Names whose objects (or parts of them) a `return` gives back. */
  private readonly returned = new Set<string>();
  /** Names drawn from (`random_state=rng`), resolved when closed. */
  private readonly drawn = new Set<string>();
  /** How often the body reads each name, and changes it. */
  private readonly readCounts = new Map<string, number>();
  private readonly changeCounts = new Map<string, number>();
  /** Slots stored into parameters by statements that always run (`store`), by parameter. */
  private readonly stores = new Map<string, string[]>();
  /** Names nested functions use: what they do to a parameter is not counted. */
  private readonly usedInside = new Set<string>();
  /** A `return` was walked: the statements after it may not run (walked in order). */
  private returnsBefore = false;

  read(name: string): void {
    this.used.add(name);
    count(this.readCounts, name);
  }

  /**
   * `name<slot> = value` by a statement of the body that always runs when it is called
   * (`d["label"] = label`): a parameter's, a store that replaces what the slot held.
   */
  store(name: string, slot: string): void {
    if (!this.returnsBefore && this.positions.includes(name)) {
      const slots = this.stores.get(name);
      if (slots === undefined) {
        this.stores.set(name, [slot]);
      } else {
        slots.push(slot);
      }
    }
  }

  bind(name: string, value: IValue): void {
    this.assigned.add(name);
    if (value.source !== null) {
      const list = this.sources.get(name);
      if (list === undefined) {
        this.sources.set(name, [value.source]);
      } else {
        list.push(value.source);
      }
    }
  }

  mutate(name: string, property?: string): void {
    count(this.changeCounts, name);
    if (name === this.selfName) {
      this.changesSelf = true;
      if (property !== undefined) {
        this.selfProperties.add(property);
      } else if (this.classMethod) {
        this.classMutated = true;
      }
      return;
    }
    this.mutated.add(name);
  }

  call(name: string): void {
    this.called.add(name);
    if (name === 'super' && this.selfName !== null) {
      // `super().fit(X)`: a method of a base class the model cannot see into, on `self`.
      this.changesSelf = true;
    }
  }

  callMethod(name: string, method: string): void {
    if (name === this.selfName) {
      this.selfCalls.add(method);
    } else {
      this.mutate(name);
    }
  }

  draw(name: string): void {
    count(this.changeCounts, name);
    this.drawn.add(name);
  }

  pass(callee: string, name: string, key: string): void {
    if (callee === this.selfName) {
      // `self._store(row)`: a method of the class, which may change it.
      this.mutate(name);
      return;
    }
    this.passed.push([callee, name, key]);
  }

  remove(name: string): void {
    this.used.add(name);
    this.assigned.add(name);
  }

  /** `return value`, where `value` may be the objects of `names` or parts of them. */
  returns(names: readonly string[]): void {
    this.returnsBefore = true;
    addAll(this.returned, names);
  }

  augment(name: string): void {
    this.read(name);
    count(this.changeCounts, name);
    this.assigned.add(name);
    if (this.parameters.has(name)) {
      // `xs += [1]` extends a list argument in place.
      this.mutated.add(name);
    }
  }

  effect(kind: EffectKind, symbol: string): void {
    if (kind === 'read') {
      // A path the caller gives (`def load(p): return pd.read_csv(p)`) may name any file.
      const root = /^[A-Za-z_]\w*/.exec(fileExpression(symbol) ?? '')?.[0];
      this.globalReads.add(
        root !== undefined && this.parameters.has(root)
          ? folderSymbol('@')
          : symbol
      );
      return;
    }
    const position = this.positions.indexOf(fileExpression(symbol) ?? '');
    if (position >= 0) {
      // `open(path, "a")`: the file its caller names.
      this.pathEffects.push([kind, this.positions[position], position]);
    } else if (kind === 'mutate') {
      this.globalMutated.add(symbol);
    } else {
      this.writes.add(symbol);
    }
  }

  absorb(summary: ISummary): void {
    // A nested function's parameter: no caller of this one names it.
    unnamePaths(summary);
    addAll(this.used, summary.reads);
    addAll(this.usedInside, summary.reads);
    addAll(this.usedInside, summary.mutates);
    addAll(this.globalReads, summary.globalReads);
    addAll(this.writes, summary.writes);
    addAll(this.mutated, summary.mutates);
    addAll(this.drawn, summary.draws);
    addAll(this.called, summary.calls);
    for (const [callee, names] of summary.passes) {
      for (const name of names) {
        for (const key of passedKeys(summary, callee, name)) {
          this.passed.push([callee, name, key]);
        }
      }
    }
  }

  declare(kind: 'global' | 'nonlocal', name: string): void {
    (kind === 'global' ? this.globals : this.nonlocals).add(name);
  }

  /** Resolves the body's names now that every binding is known. */
  close(): ISummary {
    const summary = emptySummary();
    for (const name of this.used) {
      if (this.globals.has(name)) {
        summary.globalReads.add(name);
      } else if (!this.isLocal(name)) {
        summary.reads.add(name);
      }
    }
    addAll(summary.globalReads, this.globalReads);
    for (const name of this.assigned) {
      if (this.globals.has(name)) {
        summary.writes.add(name);
      }
    }
    addAll(summary.writes, this.writes);
    summary.pathEffects.push(...this.pathEffects);
    for (const name of this.called) {
      if (!this.isLocal(name)) {
        summary.calls.add(name);
      }
    }
    const seen = new Set<string>();
    const parameters = new Set<string>();
    for (const name of this.mutated) {
      this.resolveMutation(name, summary.mutates, parameters, seen);
    }
    // Any argument, once it changes one (`IFunctionSummary.mutatesArguments`): a parameter
    // stored into another or into a local container (`a.ref = b`, `c = [a, b]`) is changed
    // through it, which no walk here follows.
    summary.mutatesArguments = parameters.size > 0;
    this.changedParameters = parameters;
    summary.storesArguments = this.storedArguments();
    const drawnParameters = new Set<string>();
    for (const name of this.drawn) {
      this.resolveMutation(name, summary.draws, drawnParameters, new Set());
    }
    if (drawnParameters.size > 0) {
      summary.drawsArguments =
        this.keysOf(drawnParameters) ?? new Set([ANY_ARGUMENT]);
    }
    const returnedParameters = new Set<string>();
    for (const name of this.returned) {
      this.resolveMutation(
        name,
        summary.returns,
        returnedParameters,
        new Set()
      );
    }
    summary.returnsArguments = returnedParameters.size > 0;
    this.returnedParameters = returnedParameters;
    const self = this.selfName;
    let selfPassed = false;
    for (const [callee, name, key] of this.passed) {
      if (this.isLocal(callee)) {
        continue;
      }
      const free = new Set<string>();
      const passedParameters = new Set<string>();
      this.resolveMutation(name, free, passedParameters, new Set());
      if (free.size > 0) {
        addToSet(summary.passes, callee, free);
        for (const label of free) {
          addKeyed(summary.passedAt, callee, label, [key]);
        }
      }
      if (passedParameters.size > 0) {
        summary.forwards.add(callee);
        addKeyed(
          summary.forwardsAt,
          callee,
          key,
          this.keysOf(passedParameters) ?? [ANY_ARGUMENT]
        );
      }
      selfPassed ||= self !== null && passedParameters.has(self);
    }
    addAll(summary.mutates, this.globalMutated);
    addAll(summary.selfProperties, this.selfProperties);
    summary.classMutated = this.classMutated;
    // Through an alias (`me = self; me.x = 1`) or a function it is handed to (`save(self)`).
    summary.changesSelf =
      this.changesSelf || selfPassed || (self !== null && parameters.has(self));
    addAll(summary.selfCalls, this.selfCalls);
    return summary;
  }

  /**
   * The keys a call gives `parameters` at: the position of each one a call may give by
   * position, and its name; null for a method's (its receiver shifts the positions) or a
   * `*args`/`**kwargs` parameter.
   */
  private keysOf(parameters: ReadonlySet<string>): Set<string> | null {
    if (this.selfName !== null) {
      return null;
    }
    const keys = new Set<string>();
    for (const parameter of parameters) {
      const known = this.argumentKeys.get(parameter);
      if (known === undefined || known.includes(ANY_ARGUMENT)) {
        return null;
      }
      addAll(keys, known);
    }
    return keys;
  }

  /**
   * The slots stored into each parameter that the body does nothing else with: read only as
   * the stores' targets, changed only by them, not bound again, not used by a nested function.
   */
  private storedArguments(): Map<string, string[]> {
    const stored = new Map<string, string[]>();
    for (const [parameter, slots] of this.stores) {
      const keys = this.argumentKeys.get(parameter);
      if (
        keys !== undefined &&
        !keys.includes(ANY_ARGUMENT) &&
        !this.assigned.has(parameter) &&
        !this.usedInside.has(parameter) &&
        this.readCounts.get(parameter) === slots.length &&
        this.changeCounts.get(parameter) === slots.length
      ) {
        const sorted = [...new Set(slots)].sort();
        keys.forEach(key => stored.set(key, sorted));
      }
    }
    return stored;
  }

  private isLocal(name: string): boolean {
    return (
      (this.parameters.has(name) || this.assigned.has(name)) &&
      !this.globals.has(name) &&
      !this.nonlocals.has(name)
    );
  }

  /**
   * The outside objects a local may hold, from what it was assigned: a free name (into `free`)
   * or a parameter's argument (into `parameters`). A local changed in place changes them.
   */
  private resolveMutation(
    name: string,
    free: Set<string>,
    parameters: Set<string>,
    seen: Set<string>
  ): void {
    if (seen.has(name)) {
      return;
    }
    seen.add(name);
    if (!this.isLocal(name)) {
      free.add(name);
      return;
    }
    if (this.parameters.has(name)) {
      parameters.add(name);
    }
    for (const source of this.sources.get(name) ?? []) {
      this.resolveMutation(source, free, parameters, seen);
    }
  }
}

/** A comprehension or generator expression: its targets are its own; it runs at once. */
export class ComprehensionScope extends Scope {
  constructor(
    private readonly parent: Scope,
    private readonly outer: Scope
  ) {
    super();
  }

  private readonly targets = new Set<string>();

  read(name: string): void {
    if (!this.targets.has(name)) {
      this.outer.read(name);
    }
  }

  bind(name: string, value: IValue): void {
    this.targets.add(name);
  }

  bindNamed(name: string, value: IValue): void {
    this.parent.bindNamed(name, value);
  }

  mutate(name: string, property?: string): void {
    if (!this.targets.has(name)) {
      this.outer.mutate(name, property);
    }
  }

  call(name: string): void {
    if (!this.targets.has(name)) {
      this.outer.call(name);
    }
  }

  callMethod(name: string, method: string): void {
    if (!this.targets.has(name)) {
      this.outer.callMethod(name, method);
    }
  }

  pass(callee: string, name: string, key: string): void {
    if (!this.targets.has(name)) {
      this.outer.pass(callee, name, key);
    }
  }

  draw(name: string): void {
    if (!this.targets.has(name)) {
      this.outer.draw(name);
    }
  }

  remove(name: string): void {
    this.read(name);
  }

  augment(name: string): void {
    this.read(name);
  }

  effect(kind: EffectKind, symbol: string): void {
    this.outer.effect(kind, symbol);
  }

  absorb(summary: ISummary): void {
    const free = (names: Set<string>): Set<string> =>
      new Set([...names].filter(name => !this.targets.has(name)));
    this.outer.absorb({
      ...summary,
      reads: free(summary.reads),
      mutates: free(summary.mutates),
      calls: free(summary.calls)
    });
  }
}

/** The scope where the free names of code inside `scope` are looked up: class bodies are skipped. */
export function resolutionScope(scope: Scope): Scope {
  return scope instanceof ClassScope ? scope.outer : scope;
}
