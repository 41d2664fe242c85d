/**
 * The re-run plan: a forward pass in notebook order over a scratch namespace layered on the live
 * kernel. A cell runs if it is not fresh (or must run); before it runs, every name it would read
 * with another version than in Run All is rebuilt by adding that value's Run All provenance (its
 * chain: binder, creator, changes) to the must-run set, and the pass restarts from the earliest
 * addition. The set only grows, so this reaches a fixed point.
 *
 * The pass only needs to know which values equal their Run All version. A cell that runs on Run
 * All inputs has exactly its Run All effects, which are replayed; a cell that does not makes
 * "tainted" values, which differ from Run All whatever they are, so they are never computed.
 * Most restarts of the pass are anticipated before it (see `Planner.anticipate`).
 *
 * When a cell of the plan would read a value that the kernel holds but no cell defines, no
 * re-run can match Run All: the plan is then a restart plan, planned the same way over the
 * empty namespace of a restarted kernel.
 */
import { hasCode, isAlwaysDefined } from '../python';
import {
  fileExpression,
  FOLDER_PREFIX,
  FIGURE_NUMBERS,
  isFile,
  MODULE_NAMES
} from '../python/effects';
import { tokenText } from '../python/tokens';
import { IPlanWarning } from '../types';
import { firstAbove } from './ledger';
import { fileWrites, ICodeCell, KernelWorld, RunAllWorld } from './state';
import {
  BOUND,
  changesSince,
  EXTERNAL,
  inFolder,
  INamespace,
  IRead,
  IStep,
  NO_ACTOR,
  provenance,
  replay,
  versionFor,
  Space,
  taint,
  TAINTED,
  seenVersion,
  VersionContext,
  valueOf,
  versionOf
} from './world';

export interface IPlanInput {
  code: readonly ICodeCell[];
  /** By cell id: its code-cell ordinal. */
  ordinalOf: ReadonlyMap<string, number>;
  runAll: RunAllWorld;
  kernel: KernelWorld;
  /** By code-cell ordinal. */
  fresh: readonly boolean[];
  context: VersionContext;
  /** Whether a cell ran in any session: files it touched are not undone by a restart. */
  everRun: (cellId: string) => boolean;
}

export interface IPlan {
  /** Code-cell ordinals, in the order to run them (after a restart when `restart`). */
  order: number[];
  /** Whether the kernel must restart first: it holds a value that no cell defines. */
  restart: boolean;
  warnings: IPlanWarning[];
  /** Names no cell can rebuild, and the cells that read them. */
  stuck: IStuck[];
}

/** A name that no cell above can rebuild, and the cell that reads it. */
export interface IStuck {
  ordinal: number;
  name: string;
}

/**
 * Plans for every cell (`target` undefined) or for one cell and what it needs. Only a plan for
 * every cell becomes a restart plan.
 */
export function makePlan(input: IPlanInput, target?: number): IPlan {
  if (target !== undefined && input.fresh[target]) {
    return { order: [], restart: false, warnings: [], stuck: [] };
  }
  const { order, stuck } = planIn(input, target);
  const held = stuck.filter(s => !isFile(s.name));
  if (target !== undefined || held.length === 0) {
    return {
      order,
      restart: false,
      stuck,
      warnings: warnings(input, order, stuck, false)
    };
  }
  // Run All reads no value there: only a kernel that never held one gives the same.
  const after = restartOrder(input);
  const rest = warnings(input, after, [], true);
  // One notice per name: the one that says why to restart also says what fails after it.
  const fails = new Set(
    rest.flatMap(w => (w.kind === 'undefined' ? [w.name] : []))
  );
  return {
    order: after,
    restart: true,
    stuck: [],
    warnings: [
      ...kernelOnly(
        byName('kernel-only', input.code, held).map(w =>
          w.kind === 'kernel-only' && fails.has(w.name)
            ? { ...w, fails: true as const }
            : w
        )
      ),
      // The restart clears what a star import or `exec` left.
      ...rest.filter(
        w =>
          w.kind !== 'opaque-left' &&
          (w.kind !== 'undefined' || !held.some(s => s.name === w.name))
      )
    ]
  };
}

/**
 * The plan in a restarted kernel, which holds nothing: the cells to fix and, transitively,
 * the cells that make what they read in Run All (files too: those are rewritten in order).
 */
function restartOrder(input: IPlanInput): number[] {
  const { fresh, runAll } = input;
  const planned = new Uint8Array(fresh.length);
  const todo: number[] = [];
  fresh.forEach((ok, q) => {
    if (!ok) {
      planned[q] = 1;
      todo.push(q);
    }
  });
  const { cellNeeds } = RunAllTable.of(runAll);
  while (todo.length > 0) {
    for (const q of cellNeeds[todo.pop()!]) {
      if (planned[q] === 0) {
        planned[q] = 1;
        todo.push(q);
      }
    }
  }
  const order: number[] = [];
  planned.forEach((yes, q) => yes === 1 && order.push(q));
  return order;
}

/** The plan's order and stuck reads over the kernel of `input`. */
function planIn(
  input: IPlanInput,
  target: number | undefined
): { order: number[]; stuck: IStuck[] } {
  const { code, fresh } = input;
  if (
    target === undefined &&
    input.kernel.execs.length === 0 &&
    fresh.every((ok, q) => !ok || !hasCode(code[q].source))
  ) {
    // An empty kernel and every cell with code to run: that is Run All itself, which reads
    // what Run All reads; nothing to rebuild, nothing stuck.
    return { order: fresh.flatMap((ok, q) => (ok ? [] : [q])), stuck: [] };
  }
  const planner = new Planner(input);
  if (target === undefined) {
    input.fresh.forEach((fresh, q) => fresh || planner.add(q));
  } else {
    planner.add(target);
  }
  planner.anticipate([...planner.cells]);
  return planner.pass(target ?? input.code.length - 1);
}

/**
 * The plan once its first `done` cells ran as planned (each is fresh now): the rest of it.
 * Those runs left the kernel exactly as the pass had simulated, so the rest is unchanged.
 * Not for restart plans: running cells does not restart the kernel.
 */
export function planAfter(
  plan: IPlan,
  done: number,
  code: readonly ICodeCell[]
): IPlan {
  const ran = new Set(plan.order.slice(0, done));
  const ranAt = new Set([...ran].map(q => code[q].index));
  return {
    order: plan.order.slice(done),
    restart: plan.restart,
    warnings: plan.warnings.flatMap(warning => {
      const cells = warning.cells.filter(index => !ranAt.has(index));
      return cells.length === 0 ? [] : [{ ...warning, cells }];
    }),
    stuck: plan.stuck.filter(s => !ran.has(s.ordinal))
  };
}

class Planner {
  constructor(private _input: IPlanInput) {
    const table = RunAllTable.of(_input.runAll);
    this._table = table;
    this._in = new Uint8Array(_input.code.length);
    this._settled = new Uint8Array(table.read.length);
    this._firstBinder = new Int32Array(table.names.length).fill(NONE);
    this._moved = new Int32Array(table.names.length).fill(NONE);
    this._kernelVersions = new Float64Array(table.names.length).fill(NaN);
  }

  /** The cells to run, by ordinal, in the order they were added; only grows. */
  readonly cells: number[] = [];

  has(ordinal: number): boolean {
    return this._in[ordinal] === 1;
  }

  /** Adds a cell to run; false if it was there. */
  add(ordinal: number): boolean {
    if (this._in[ordinal] === 1) {
      return false;
    }
    this._in[ordinal] = 1;
    this.cells.push(ordinal);
    for (const name of this._table.cellBinds[ordinal]) {
      if (this._firstBinder[name] > ordinal) {
        this._firstBinder[name] = ordinal;
      }
    }
    return true;
  }

  /**
   * Adds the cells that the pass would find it has to run, which saves most restarts (the pass
   * still checks everything), and returns the earliest of `added` and of those. Checks the
   * reads of the cells `added`, then again the readers of names that new cells bind.
   */
  anticipate(added: number[]): number {
    this._added = added;
    this._first = smallest(added);
    const table = this._table;
    if (this._started) {
      added.forEach(q => this._noteBinders(q));
    } else {
      // Every reader is checked below: nothing to check again yet.
      added.forEach(q => this._noteOpaque(q));
      this._started = true;
    }
    while (added.length > 0) {
      while (added.length > 0) {
        const ordinal = added.pop()!;
        for (const r of table.cellChecks[ordinal]) {
          if (this._settled[r] === 0) {
            this._check(r);
          }
        }
      }
      // Checks made now note names for the next round.
      const names = this._movedNames;
      const binders = names.map(name => this._moved[name]);
      this._movedNames = [];
      names.forEach(name => (this._moved[name] = NONE));
      names.forEach((name, i) => {
        const { cells, reads } = table.readers[name];
        for (let k = firstAbove(cells, binders[i]); k < cells.length; k++) {
          if (this._settled[reads[k]] === 0 && this.has(cells[k])) {
            this._check(reads[k]);
          }
        }
      });
    }
    return this._first;
  }

  /** Runs the pass up to cell `last`, restarting until nothing is added. */
  pass(last: number): { order: number[]; stuck: IStuck[] } {
    const { runAll, context } = this._input;
    const { cellReads, read, name, names, version } = this._table;
    const listing = this._table.idOf(MODULE_NAMES);
    const space = new Space(this._input.kernel.space, true);
    // The cells run so far, in order, and the journal mark before each.
    const order: number[] = [];
    const marks: number[] = [];
    let stuck: IStuck[] = [];
    let from = 0;
    for (;;) {
      // Restarts wait for the end of a pass, so that one pass finds every value to rebuild.
      let restart = Infinity;
      for (let p = from; p <= last; p++) {
        if (!this.has(p)) {
          continue;
        }
        let wrong = false;
        for (const r of cellReads[p]) {
          const step = runAll.steps[p];
          if (name[r] === listing) {
            stuck.push(...unlisted(space, context, step, p));
          }
          const have =
            step.overwrite === null
              ? seenVersion(space, names[name[r]], version[r])
              : versionFor(space, names[name[r]], step);
          if (have === version[r]) {
            continue;
          }
          wrong = true;
          // A tainted value is made again once its maker re-runs on the right inputs.
          if (have === TAINTED) {
            continue;
          }
          // An object the kernel holds in an earlier version only needs the later changes.
          const want = read[r];
          const chain = changesSince(want, have) ?? provenance(want);
          const added = chain.filter(q => this.add(q));
          if (added.length === 0) {
            // Its whole chain already ran (or it has none): running cells cannot rebuild it.
            stuck.push({ ordinal: p, name: want.name });
          }
          restart = Math.min(restart, this.anticipate(added));
        }
        marks.push(space.mark());
        order.push(p);
        if (wrong) {
          taint(space, p, runAll.steps[p], context);
        } else {
          replay(space, runAll.steps[p], context);
        }
      }
      if (restart === Infinity) {
        return { order, stuck };
      }
      // Back to just before the first cell run at or after `restart`.
      from = restart;
      const keep = order.findIndex(q => q >= from);
      if (keep >= 0) {
        space.undo(marks[keep]);
        order.length = keep;
        marks.length = keep;
      }
      stuck = stuck.filter(s => s.ordinal < from);
    }
  }

  /**
   * Adds the cells the pass would add to rebuild the value that read `r` (of the table) gets:
   * its whole chain when the cell that creates it runs again or when a cell of the plan above
   * binds the name again; the changes after its binder when that runs again; the changes the
   * kernel's version lacks when no cell of the chain runs. A read whose check can add nothing
   * more while the plan grows is settled: it is not checked again.
   */
  private _check(r: number): void {
    const { creator, binder, name, version } = this._table;
    const reader = this._table.reader[r];
    const start = this._table.chainStart[r];
    const end = this._table.chainEnd[r];
    // Cheapest tests first: most reads are settled by the plan holding their creator.
    if (creator[r] === NO_VALUE) {
      // No value in Run All (deleted, or seen through an opaque cell): only when nothing in
      // the plan above could change what the reader sees. Each of those only becomes true. An
      // opaque cell run again resolves only names without a value: one the kernel holds stays.
      this._settled[r] = 1;
      if (
        !this._hasAny(start, end) &&
        !this._rebound(name[r], reader) &&
        (this._firstOpaque >= reader || this._held(name[r])) &&
        this._live(name[r], version[r]) !== version[r]
      ) {
        this._includeChain(start, end, NO_ACTOR);
      }
      return;
    }
    if (this.has(creator[r])) {
      this._settled[r] = 1;
      this._includeChain(start, end, NO_ACTOR);
      return;
    }
    if (this.has(binder[r])) {
      // Bound again (an alias of a live object): the changes made after it must follow.
      this._includeChain(start, end, binder[r]);
      return;
    }
    if (this._hasAny(start, end)) {
      return;
    }
    if (this._rebound(name[r], reader)) {
      this._settled[r] = 1;
      this._includeChain(start, end, NO_ACTOR);
      return;
    }
    const step = this._input.runAll.steps[reader];
    const have =
      step.overwrite === null
        ? this._live(name[r], version[r])
        : versionFor(
            this._input.kernel.space,
            this._table.names[name[r]],
            step
          );
    if (have !== version[r]) {
      const since = changesSince(this._table.read[r], have);
      if (since) {
        since.forEach(q => this._include(q));
      } else {
        this._includeChain(start, end, NO_ACTOR);
      }
    }
  }

  /** Includes the cells of a chain of the table that come after `after`. */
  private _includeChain(start: number, end: number, after: number): void {
    const chain = this._table.chain;
    for (let k = start; k < end; k++) {
      if (chain[k] > after) {
        this._include(chain[k]);
      }
    }
  }

  /** Adds a cell while anticipating: its reads are checked, and the readers of what it binds. */
  private _include(ordinal: number): void {
    if (this.add(ordinal)) {
      this._noteBinders(ordinal);
      this._added.push(ordinal);
      this._first = Math.min(this._first, ordinal);
    }
  }

  private _hasAny(start: number, end: number): boolean {
    const chain = this._table.chain;
    for (let k = start; k < end; k++) {
      if (this._in[chain[k]] === 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * The version the live kernel holds for a name (memoised: the kernel does not change), as a
   * read that wants `want` sees it (`seenVersion`).
   */
  private _live(name: number, want: number): number {
    let version = this._kernelVersions[name];
    if (Number.isNaN(version)) {
      version = versionOf(this._input.kernel.space, this._table.names[name]);
      this._kernelVersions[name] = version;
    }
    return want === BOUND
      ? seenVersion(this._input.kernel.space, this._table.names[name], want)
      : version;
  }

  /** Whether the live kernel holds a value for a name. */
  private _held(name: number): boolean {
    return (
      valueOf(this._input.kernel.space, this._table.names[name]) !== undefined
    );
  }

  /** Whether a cell of the plan above `reader` binds or deletes the name. */
  private _rebound(name: number, reader: number): boolean {
    return this._firstBinder[name] < reader;
  }

  /** Notes the names a cell new in the plan binds or deletes: their readers are checked again. */
  private _noteBinders(ordinal: number): void {
    this._noteOpaque(ordinal);
    for (const name of this._table.cellBinds[ordinal]) {
      if (this._moved[name] > ordinal) {
        if (this._moved[name] === NONE) {
          this._movedNames.push(name);
        }
        this._moved[name] = ordinal;
      }
    }
  }

  private _noteOpaque(ordinal: number): void {
    if (this._input.runAll.isOpaque(ordinal)) {
      this._firstOpaque = Math.min(this._firstOpaque, ordinal);
    }
  }

  private _table: RunAllTable;
  /** 1 for the cells to run, by ordinal. */
  private _in: Uint8Array;
  /** 1 for the reads (of the table) that no check can add to any more. */
  private _settled: Uint8Array;
  private _started = false;
  private _firstOpaque = Infinity;
  /** While anticipating: the cells whose reads are still to check, and the earliest cell added. */
  private _added: number[] = [];
  private _first = Infinity;
  /**
   * By name id: the first cell new in the plan that binds it since its readers were checked
   * (NONE if none), and those names in the order noted.
   */
  private _moved: Int32Array;
  private _movedNames: number[] = [];
  /** By name id; NaN until asked. */
  private _kernelVersions: Float64Array;
  /** By name id: the first cell of the plan that binds or deletes it (NONE if none). */
  private _firstBinder: Int32Array;
}

/** No cell (larger than every ordinal). */
const NONE = 0x7fffffff;

/** The creator of a read with no value. */
const NO_VALUE = -2;

/**
 * What the planner asks of Run All, in flat arrays by read and name id. Run All changes only on
 * edits, and then in a few steps, so this is kept up to date rather than built for each plan;
 * and flat arrays spare the plan's loops a pointer chase per read.
 */
class RunAllTable {
  /** The table of `runAll` as it is now. */
  static of(runAll: RunAllWorld): RunAllTable {
    let table = tables.get(runAll);
    if (!table) {
      table = new RunAllTable();
      tables.set(runAll, table);
    }
    table._update(runAll.steps);
    return table;
  }

  /** By name id. */
  readonly names: string[] = [];
  /** By name id: the cells that read it, in order, and their reads. */
  readonly readers: { cells: number[]; reads: number[] }[] = [];
  /**
   * By ordinal: its reads, those with a provenance (what anticipating checks), and the name
   * ids it binds or deletes.
   */
  readonly cellReads: number[][] = [];
  readonly cellChecks: number[][] = [];
  readonly cellBinds: number[][] = [];
  /**
   * By ordinal: the cells of the provenance of its reads, each once (a restart plan closes
   * over these; reads of one cell share most of their chains).
   */
  readonly cellNeeds: number[][] = [];
  /** By read id (the reads of replaced steps stay, unused, until the next rebuild). */
  readonly read: IRead[] = [];
  readonly reader: number[] = [];
  readonly name: number[] = [];
  readonly version: number[] = [];
  /** NO_VALUE for a read with no value. */
  readonly creator: number[] = [];
  readonly binder: number[] = [];
  /** Where its provenance is in `chain`. */
  readonly chainStart: number[] = [];
  readonly chainEnd: number[] = [];
  readonly chain: number[] = [];

  /** Re-indexes the steps that are new objects (a changed step is one). */
  private _update(steps: readonly IStep[]): void {
    const known = this._steps;
    const changed: number[] = [];
    for (let q = 0; q < Math.max(steps.length, known.length); q++) {
      if (steps[q] !== known[q]) {
        changed.push(q);
      }
    }
    if (changed.length === 0) {
      return;
    }
    // Many changes (cells moved) or many unused reads: cheaper from scratch.
    if (
      changed.length > steps.length / 8 ||
      this.read.length > 2 * (this._used + 1000)
    ) {
      this._clear();
      steps.forEach((step, q) => this._index(q, step));
    } else {
      for (const q of changed) {
        if (q < known.length) {
          this._unindex(q);
        }
        if (q < steps.length) {
          this._index(q, steps[q]);
        }
      }
    }
    this._steps = steps.slice();
  }

  private _index(q: number, step: IStep): void {
    const reads: number[] = [];
    const checks: number[] = [];
    const binds: number[] = [];
    const needs = new Set<number>();
    for (const names of [step.defines, step.run.symbols.deletes]) {
      names.forEach(name => binds.push(this._id(name)));
    }
    for (const want of step.reads) {
      const chain = provenance(want);
      const r = this.read.length;
      const name = this._id(want.name);
      reads.push(r);
      this.read.push(want);
      this.reader.push(q);
      this.name.push(name);
      this.version.push(want.version);
      this.creator.push(want.value ? want.value.creator : NO_VALUE);
      this.binder.push(want.binder);
      this.chainStart.push(this.chain.length);
      chain.forEach(actor => {
        this.chain.push(actor);
        needs.add(actor);
      });
      this.chainEnd.push(this.chain.length);
      if (chain.length === 0) {
        continue;
      }
      checks.push(r);
      const { cells, reads: ids } = this.readers[name];
      const i = firstAbove(cells, q);
      cells.splice(i, 0, q);
      ids.splice(i, 0, r);
    }
    this.cellReads[q] = reads;
    this.cellChecks[q] = checks;
    this.cellBinds[q] = binds;
    this.cellNeeds[q] = [...needs];
    this._used += reads.length;
  }

  private _unindex(q: number): void {
    for (const r of this.cellChecks[q]) {
      const { cells, reads } = this.readers[this.name[r]];
      let i = firstAbove(cells, q - 1);
      while (reads[i] !== r) {
        i++;
      }
      cells.splice(i, 1);
      reads.splice(i, 1);
    }
    this._used -= this.cellReads[q].length;
    this.cellReads[q] = [];
    this.cellChecks[q] = [];
    this.cellBinds[q] = [];
    this.cellNeeds[q] = [];
  }

  /** A name's id, NONE if no step reads or binds it. */
  idOf(name: string): number {
    return this._ids.get(name) ?? NONE;
  }

  private _id(name: string): number {
    let id = this._ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this._ids.set(name, id);
      this.names.push(name);
      this.readers.push({ cells: [], reads: [] });
    }
    return id;
  }

  private _clear(): void {
    for (const list of [
      this.cellReads,
      this.cellChecks,
      this.cellBinds,
      this.cellNeeds,
      this.read,
      this.reader,
      this.name,
      this.version,
      this.creator,
      this.binder,
      this.chainStart,
      this.chainEnd,
      this.chain
    ]) {
      list.length = 0;
    }
    this.readers.forEach(entry => {
      entry.cells.length = 0;
      entry.reads.length = 0;
    });
    this._used = 0;
  }

  /** The steps indexed, by ordinal. */
  private _steps: readonly IStep[] = [];
  private _ids = new Map<string, number>();
  /** How many reads the current steps have (the others are unused). */
  private _used = 0;
}

const tables = new WeakMap<RunAllWorld, RunAllTable>();

function smallest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}

function warnings(
  input: IPlanInput,
  order: number[],
  stuck: IStuck[],
  restart: boolean
): IPlanWarning[] {
  const { code, runAll } = input;
  // Cells with the same effects share one warning.
  const irreversible = new Map<
    string,
    { cells: number[]; effects: string[] }
  >();
  const undone = new Set<number>();
  for (const q of order) {
    if (runAll.isIrreversible(q) && input.everRun(code[q].id)) {
      const effects = runAll.steps[q].run.symbols.irreversible;
      const key = effects.join('\n');
      const found = irreversible.get(key);
      if (found) {
        found.cells.push(code[q].index);
      } else {
        irreversible.set(key, { cells: [code[q].index], effects });
      }
      undone.add(q);
    }
  }
  // That warning already says what earlier runs did to the files it reads.
  const files = stuck.filter(s => isFile(s.name) && !undone.has(s.ordinal));
  return [
    ...[...irreversible.values()].map(({ cells, effects }): IPlanWarning => ({
      kind: 'irreversible',
      cells,
      effects
    })),
    ...byName('file-changed', code, files),
    ...byName('file-left', code, leftFiles(input, order)),
    ...opaqueLeft(input, order),
    ...figureNumbers(input, order, restart),
    // By name: the same order whatever the order of the plan, and once part of it ran.
    ...byName(
      'undefined',
      code,
      undefinedReads(runAll, order).sort((a, b) => (a.name < b.name ? -1 : 1))
    )
  ];
}

/**
 * The cells that read figure numbers (`fig.number`, `plt.get_fignums()`), which pyplot counts
 * up per kernel, where they differ from Restart and Run All's: planned in a kernel that made
 * figures, planned after a restart without every figure made above them, or kept from a run
 * that followed other figures than the cells above make top to bottom.
 */
function figureNumbers(
  input: IPlanInput,
  order: number[],
  restart: boolean
): IPlanWarning[] {
  const { code, runAll, kernel } = input;
  const makesFigures = (step: IStep | null): boolean =>
    step !== null && step.defines.includes(FIGURE_NUMBERS);
  const planned = new Set(order);
  const key = (cellId: string, source: string): string =>
    `${cellId}\n${tokenText(source)}`;
  const cells: number[] = [];
  for (let q = 0; q < code.length; q++) {
    if (!runAll.readsFigureNumbers(q)) {
      continue;
    }
    const makers: number[] = [];
    for (let p = 0; p < q; p++) {
      if (makesFigures(runAll.steps[p])) {
        makers.push(p);
      }
    }
    const last = kernel.lastOf(code[q].id);
    // The figures its last run saw were made after other figures than top to bottom: the
    // objects keep those numbers, a re-run of the cell alone too.
    const ranAfter = (): boolean =>
      last !== undefined &&
      kernel.execs
        .slice(0, last)
        .filter(exec => makesFigures(exec.step))
        .map(exec => key(exec.record.cellId, exec.record.source))
        .join('\n\n') !==
        makers
          .map(p => key(code[p].id, runAll.steps[p].run.source))
          .join('\n\n');
    let wrong: boolean;
    if (!planned.has(q)) {
      wrong = ranAfter();
    } else if (restart) {
      // After a restart, the plan must make every figure above it again, in order.
      wrong = makers.some(p => !planned.has(p));
    } else {
      // A figure made again counts on from those the kernel made.
      wrong =
        (makers.some(p => planned.has(p)) &&
          kernel.execs.some(exec => makesFigures(exec.step))) ||
        ranAfter();
    }
    if (wrong) {
      cells.push(code[q].index);
    }
  }
  return cells.length === 0 ? [] : [{ kind: 'figure-numbers', cells }];
}

/** The opaque uses that define names no cell names (`vars()` or `reload` define none). */
const DEFINES_NAMES = new Set(['star import', 'exec', '%run', '%store -r']);

/**
 * Cells whose runs in the kernel used a star import, `exec` or `%run` that their code no longer
 * uses: what those defined stays in the kernel, and no cell names it, so the planned cells below
 * may read it whatever they read by name.
 */
function opaqueLeft(input: IPlanInput, order: number[]): IPlanWarning[] {
  const { code, runAll, kernel } = input;
  const found = new Map<number, Set<string>>();
  for (const e of kernel.opaqueExecs) {
    const step = kernel.execs[e].step!;
    const q = input.ordinalOf.get(step.run.cellId);
    if (q === undefined) {
      continue;
    }
    const now = runAll.steps[q].run.symbols.opaque;
    for (const use of step.run.symbols.opaque) {
      if (DEFINES_NAMES.has(use) && !now.includes(use)) {
        const uses = found.get(q) ?? new Set<string>();
        found.set(q, uses.add(use));
      }
    }
  }
  return [...found].flatMap(([q, uses]): IPlanWarning[] => {
    const below = order.filter(p => p > q).map(p => code[p].index);
    return below.length === 0
      ? []
      : [
          {
            kind: 'opaque-left',
            cells: below,
            cell: code[q].index,
            uses: [...uses]
          }
        ];
  });
}

/**
 * Files that earlier runs wrote where no cell writes now, seen by listings the plan runs: a
 * path no cell writes in Run All, or a path an expression names (`open(out, 'w')`) that the
 * kernel's run of its writer read other versions of. Re-running deletes neither.
 */
function leftFiles(input: IPlanInput, order: number[]): IStuck[] {
  const { runAll, kernel } = input;
  // Few cells list a folder and a plan is made on every event: a trait finds them without
  // reading each planned cell's reads.
  const listings: { ordinal: number; folder: string }[] = [];
  for (const ordinal of order) {
    if (runAll.listsFolder(ordinal)) {
      for (const folder of runAll.steps[ordinal].run.symbols.reads) {
        if (folder.startsWith(FOLDER_PREFIX)) {
          listings.push({ ordinal, folder });
        }
      }
    }
  }
  if (listings.length === 0) {
    return [];
  }
  const left = new Set<string>();
  for (const { step } of kernel.execs) {
    if (step === null) {
      continue;
    }
    for (const file of fileWrites(step)) {
      if (!runAll.touchesFile(file) || pathMoved(input, step, file)) {
        left.add(file);
      }
    }
  }
  return listings.flatMap(({ ordinal, folder }) =>
    [...left]
      .filter(file => inFolder(file, folder))
      .map(name => ({ ordinal, name }))
  );
}

/** A string literal, quotes included. */
const STRING = /(["'])(?:\\.|(?!\1)[^\\\n])*\1/g;

/**
 * Whether a kernel step wrote `file`, a path an expression names, elsewhere than Run All's run
 * of its cell does: it read other versions of the names in the expression, or Run All's run
 * does not write it, or the expression holds a name the cell binds (a loop variable) and a
 * string of the code that ran is gone from the cell.
 */
function pathMoved(input: IPlanInput, ran: IStep, file: string): boolean {
  const expression = fileExpression(file);
  if (expression === null) {
    return false;
  }
  const q = input.ordinalOf.get(ran.run.cellId);
  const now = q === undefined ? undefined : input.runAll.steps[q];
  if (now === undefined || !fileWrites(now).includes(file)) {
    return true;
  }
  // Not a string's prefix (`f` of `f"{n}.txt"`).
  const names: string[] = expression.match(/[A-Za-z_]\w*(?![\w'"])/g) ?? [];
  if (names.some(name => ran.defines.includes(name))) {
    // Its values come from the cell's code, which the simulation does not evaluate: a string
    // the earlier run's code held and the code now lacks may have been one of its paths.
    const strings = new Set(now.run.source.match(STRING));
    return (ran.run.source.match(STRING) ?? []).some(
      text => !strings.has(text)
    );
  }
  return ran.reads.some(
    read =>
      names.includes(read.name) &&
      now.reads.find(r => r.name === read.name)?.version !== read.version
  );
}

/**
 * The names planned cells read that Run All has no value for (no cell above binds them, or
 * one deleted them): those cells stop at a `NameError`, after a restart too.
 */
/**
 * The names a listing (`dir()`) that cell `ordinal` runs would show in `space` and Run All's
 * does not: bound by code Run All does not run above it, which only a restart takes away. Not
 * the names the cell binds itself: every run after its first lists those (`n = len(dir())`),
 * which flags do not count either.
 */
function unlisted(
  space: INamespace,
  context: VersionContext,
  step: IStep,
  ordinal: number
): IStuck[] {
  const listed = new Set(step.defines);
  step.reads.forEach(read => listed.add(read.name));
  const found: IStuck[] = [];
  for (const name of context.names) {
    if (!listed.has(name) && valueOf(space, name) !== undefined) {
      found.push({ ordinal, name });
    }
  }
  return found;
}

function undefinedReads(runAll: RunAllWorld, order: number[]): IStuck[] {
  const found: IStuck[] = [];
  for (const ordinal of order) {
    if (runAll.isOpaque(ordinal)) {
      // Its star import or `exec` may define what it reads.
      continue;
    }
    for (const name of undefinedNames(runAll.steps[ordinal])) {
      found.push({ ordinal, name });
    }
  }
  return found;
}

/**
 * One notice for the names that the same cells read and the kernel alone holds, so that a
 * listing of the namespace does not make one per name.
 */
function kernelOnly(warnings: IPlanWarning[]): IPlanWarning[] {
  const merged = new Map<string, IPlanWarning & { kind: 'kernel-only' }>();
  for (const warning of warnings) {
    if (warning.kind !== 'kernel-only') {
      continue;
    }
    const key = `${warning.cells.join(',')}\n${warning.fails === true}`;
    const first = merged.get(key);
    if (first === undefined) {
      merged.set(key, warning);
    } else {
      first.more = [...(first.more ?? []), warning.name];
    }
  }
  return [...merged.values()];
}

/**
 * The names a step reads that have no value, in the order read (memoised: a step never
 * changes, and a plan asks for most steps of Run All on every event).
 */
function undefinedNames(step: IStep): readonly string[] {
  let names = undefinedMemo.get(step);
  if (names === undefined) {
    const { reads, defines } = step.run.symbols;
    names = step.reads
      .filter(
        // Only its own reads, as `nbfresh check` reports them: what the functions it calls
        // read is less certain. A name it binds may be bound before the code that reads it.
        ({ name, version }) =>
          version === EXTERNAL &&
          !isAlwaysDefined(name) &&
          reads.includes(name) &&
          !defines.includes(name)
      )
      .map(read => read.name);
    undefinedMemo.set(step, names);
  }
  return names;
}

const undefinedMemo = new WeakMap<IStep, readonly string[]>();

/** One warning per name, listing the cells that read it, in notebook order. */
function byName(
  kind: 'kernel-only' | 'file-changed' | 'file-left' | 'undefined',
  code: readonly ICodeCell[],
  stuck: IStuck[]
): IPlanWarning[] {
  const cells = new Map<string, Set<number>>();
  for (const { ordinal, name } of stuck) {
    let set = cells.get(name);
    if (!set) {
      set = new Set();
      cells.set(name, set);
    }
    set.add(code[ordinal].index);
  }
  return [...cells].map(([name, set]) => ({
    kind,
    name,
    cells: [...set].sort((a, b) => a - b)
  }));
}
