/**
 * The two simulated worlds of an analysis: Run All (current cells, notebook order, empty
 * namespace) and the live kernel (its executions, in the order they ran).
 */
import {
  FIGURE_NUMBERS,
  FOLDER_PREFIX,
  isFile,
  MODULE_NAMES
} from '../python/effects';
import { ICellSymbols, IExecutionRecord } from '../types';
import { firstAbove, Ledger } from './ledger';
import {
  apply,
  BOUND,
  Effect,
  execute,
  ICellRun,
  IRead,
  IStep,
  makeStep,
  prepare,
  Space,
  VersionContext,
  withEffects
} from './world';

/** The symbols of a cell's source (the cell id lets a cache keep one source per cell). */
export type SymbolsOf = (cellId: string, source: string) => ICellSymbols;

/** A code cell of the notebook as it is now. */
export interface ICodeCell {
  id: string;
  source: string;
  /** Position among all cells (markdown included). */
  index: number;
}

interface IRunAllIndex {
  /** The cells that read each name, in order. */
  readers: Map<string, number[]>;
  /**
   * Cells that call a name they also bind: the function called is the one the namespace
   * held before, a read that `reads` does not list.
   */
  callers: Map<string, number[]>;
}

/**
 * Run All: the current code cells executed in notebook order from an empty namespace.
 * Actors are code-cell ordinals. Kept by position (see `Ledger`): after an edit only the edited
 * cells and the cells whose inputs that changes run again; when cells are added, removed or
 * moved, every cell from the first such on runs again.
 */
export class RunAllWorld {
  constructor(private _context: VersionContext) {}

  /** One step per code cell, in notebook order. */
  get steps(): readonly IStep[] {
    return this._steps;
  }

  /** Whether a cell is opaque (read from a flat list: the plan asks for every cell). */
  isOpaque(ordinal: number): boolean {
    return (this._traits[ordinal] & OPAQUE) !== 0;
  }

  /** Whether a cell has effects on the outside world that re-running cannot undo. */
  isIrreversible(ordinal: number): boolean {
    return (this._traits[ordinal] & IRREVERSIBLE) !== 0;
  }

  /** Whether a cell lists a folder (`os.listdir`, `glob`). */
  listsFolder(ordinal: number): boolean {
    return (this._traits[ordinal] & LISTS_FOLDER) !== 0;
  }

  /** Whether a cell reads a figure's number (`fig.number`, `plt.get_fignums()`). */
  readsFigureNumbers(ordinal: number): boolean {
    return (this._traits[ordinal] & READS_FIGURE_NUMBERS) !== 0;
  }

  /** Whether a cell writes, changes or deletes `file` (a plan asks for every file the kernel wrote). */
  touchesFile(file: string): boolean {
    return this._fileTouchers.has(file);
  }

  /** Brings Run All up to date with the cells; returns the ordinals whose step changed, in order. */
  update(cells: readonly ICodeCell[], symbolsOf: SymbolsOf): number[] {
    const steps = this._steps;
    const runOf = (i: number): ICellRun => ({
      cellId: cells[i].id,
      source: cells[i].source,
      symbols: symbolsOf(cells[i].id, cells[i].source),
      status: 'ok'
    });
    let first = 0;
    while (
      first < steps.length &&
      first < cells.length &&
      steps[first].run.cellId === cells[first].id
    ) {
      first++;
    }
    const edited = new Map<number, ICellRun>();
    for (let i = 0; i < first; i++) {
      if (steps[i].run.source !== cells[i].source) {
        edited.set(i, runOf(i));
      }
    }
    const changed = this._propagate(edited, first);
    if (first < steps.length || first < cells.length) {
      for (let i = first; i < steps.length; i++) {
        this._ledger.erase(i, steps[i].effects!);
        this._countFiles(steps[i], -1);
      }
      // Cells below mostly read what they read before: their old steps are hints.
      const old = new Map(
        steps.slice(first).map(step => [step.run.cellId, step])
      );
      steps.length = first;
      this._traits.length = first;
      this._byName = null;
      // Every cell's symbols first, then the steps: two passes keep each phase's code and data
      // in the processor's caches, where alternating them cell by cell evicts the other's.
      const runs: ICellRun[] = [];
      for (let i = first; i < cells.length; i++) {
        runs.push(runOf(i));
      }
      for (let i = first; i < cells.length; i++) {
        const run = runs[i - first];
        const at = this._ledger.at(i);
        steps.push(execute(at, i, run, this._context, old.get(run.cellId)));
        this._countFiles(steps[i], 1);
        this._traits.push(traitsOf(run.symbols));
        changed.push(i);
      }
    }
    return changed;
  }

  /**
   * Runs the edited cells (ordinal -> new run) again, then, in notebook order and above
   * `limit`, every cell that reads a name whose state that changed; returns the cells whose
   * step changed, in order.
   */
  private _propagate(edited: Map<number, ICellRun>, limit: number): number[] {
    const changed: number[] = [];
    const queue = new MinQueue([...edited.keys()]);
    const queued = new Set(edited.keys());
    const enqueue = (ordinal: number) => {
      if (ordinal < limit && !queued.has(ordinal)) {
        queued.add(ordinal);
        queue.push(ordinal);
      }
    };
    const context = this._context;
    for (let p = queue.pop(); p !== undefined; p = queue.pop()) {
      const old = this._steps[p];
      const run = edited.get(p) ?? old.run;
      const prepared = prepare(this._ledger.at(p - 1), run, context, old);
      if (prepared.sig === old.sig && sameObjects(prepared.reads, old.reads)) {
        // Same tokens on the same objects: the same effects, kept with their objects.
        if (run !== old.run || !sameProvenance(prepared.reads, old.reads)) {
          // Only the comments or spacing of the source, or who bound or deleted a name,
          // differ: the reads change, not what it does.
          const step = makeStep(
            run,
            prepared.reads,
            old.sig,
            old.defines,
            old.mutates,
            old.overwrite,
            old.stores,
            old.effects
          );
          this._steps[p] = step;
          this._reindex(p, old, step);
          changed.push(p);
        }
        continue;
      }
      const names = new Set<string>();
      let opaque = this._reached(old.effects!, names);
      this._ledger.erase(p, old.effects!);
      const effects = apply(this._ledger.at(p), p, prepared, context);
      opaque = this._reached(effects, names) || opaque;
      const step = withEffects(prepared, effects);
      this._steps[p] = step;
      this._traits[p] = traitsOf(run.symbols);
      this._reindex(p, old, step);
      changed.push(p);
      if (opaque) {
        // What names no cell binds resolve to changed: any cell below may read one.
        for (let q = p + 1; q < limit; q++) {
          enqueue(q);
        }
        continue;
      }
      const { readers, callers } = this._index();
      // A cell listing the module's names (`dir()`) read those bound then, not one bound or
      // deleted anew.
      const listing =
        sameNames(old.defines, step.defines) &&
        sameNames(old.run.symbols.deletes, step.run.symbols.deletes)
          ? names
          : [...names, MODULE_NAMES];
      for (const name of listing) {
        for (const list of [readers.get(name), callers.get(name)]) {
          if (list) {
            for (let i = firstAbove(list, p); i < list.length; i++) {
              enqueue(list[i]);
            }
          }
        }
      }
    }
    return changed;
  }

  /** Adds the names whose state effects set (a change reaches every alias); true if opaque. */
  private _reached(effects: readonly Effect[], names: Set<string>): boolean {
    let opaque = false;
    for (const effect of effects) {
      if (effect.kind === 'opaque') {
        opaque = true;
        continue;
      }
      names.add(effect.name);
      if (effect.kind === 'change') {
        for (const name of this._ledger.holders(effect.value.id)) {
          names.add(name);
        }
      }
    }
    return opaque;
  }

  private _index(): IRunAllIndex {
    if (!this._byName) {
      this._byName = { readers: new Map(), callers: new Map() };
      this._steps.forEach((step, ordinal) =>
        this._indexStep(ordinal, step, true)
      );
    }
    return this._byName;
  }

  /** Keeps the indexes in step with a step that changed. */
  private _reindex(ordinal: number, old: IStep, step: IStep): void {
    this._countFiles(old, -1);
    this._countFiles(step, 1);
    if (this._byName) {
      this._indexStep(ordinal, old, false);
      this._indexStep(ordinal, step, true);
    }
  }

  private _indexStep(ordinal: number, step: IStep, add: boolean): void {
    const { readers, callers } = this._byName!;
    for (const read of step.reads) {
      if (read.version === BOUND) {
        // Listed by name (`dir()`): a new value of the name changes nothing it reads.
        continue;
      }
      let cells = readers.get(read.name);
      if (!cells) {
        cells = [];
        readers.set(read.name, cells);
      }
      const i = firstAbove(cells, ordinal - 1);
      if (add) {
        cells.splice(i, 0, ordinal);
      } else if (cells[i] === ordinal) {
        cells.splice(i, 1);
      }
    }
    const symbols = step.run.symbols;
    for (const name of symbols.calls) {
      if (symbols.defines.includes(name)) {
        let cells = callers.get(name);
        if (!cells) {
          cells = [];
          callers.set(name, cells);
        }
        const i = firstAbove(cells, ordinal - 1);
        if (add) {
          cells.splice(i, 0, ordinal);
        } else if (cells[i] === ordinal) {
          cells.splice(i, 1);
        }
      }
    }
  }

  private _ledger = new Ledger();
  private _steps: IStep[] = [];
  /** By ordinal: OPAQUE | IRREVERSIBLE | LISTS_FOLDER bits of the cell's symbols. */
  private _traits: number[] = [];
  private _byName: IRunAllIndex | null = null;
  /** By file: how many cells write, change or delete it. */
  private _fileTouchers = new Map<string, number>();

  private _countFiles(step: IStep, delta: number): void {
    for (const names of [
      step.defines,
      step.mutates,
      step.run.symbols.deletes
    ]) {
      for (const name of names) {
        if (isFile(name)) {
          const count = (this._fileTouchers.get(name) ?? 0) + delta;
          if (count === 0) {
            this._fileTouchers.delete(name);
          } else {
            this._fileTouchers.set(name, count);
          }
        }
      }
    }
  }
}

/** The files a step writes or changes. */
export function fileWrites(step: IStep): string[] {
  return [...step.defines, ...step.mutates].filter(isFile);
}

/** One execution in the kernel world; `step` is null when it never started or is not simulated. */
export interface IKernelExec {
  record: IExecutionRecord;
  step: IStep | null;
}

/**
 * The live kernel: the executions of one session, replayed in the order they finished.
 * Actors are execution ordinals. Append-only: one execution costs O(its symbols).
 */
export class KernelWorld {
  constructor(
    readonly session: string | null,
    private _context: VersionContext
  ) {}

  readonly space = new Space();
  readonly execs: IKernelExec[] = [];
  /** The ordinals of the executions whose code is opaque (a star import, `exec`), in order. */
  readonly opaqueExecs: number[] = [];

  /** The ordinal of a cell's last execution in this session that started. */
  lastOf(cellId: string): number | undefined {
    return this._last.get(cellId);
  }

  /**
   * Whether a cell's last request in this session was cancelled before it started (the front
   * end cleared its outputs when it sent the request).
   */
  cancelledLast(cellId: string): boolean {
    return this._cancelled.has(cellId);
  }

  /** Adds an execution; with no `symbolsOf` (no dataflow) it is only recorded. */
  add(
    record: IExecutionRecord,
    symbolsOf: SymbolsOf | null,
    hint?: IStep
  ): void {
    const ordinal = this.execs.length;
    const step =
      symbolsOf && !wasCancelled(record)
        ? execute(
            this.space,
            ordinal,
            {
              cellId: record.cellId,
              source: record.source,
              symbols: symbolsOf(record.cellId, record.source),
              status: record.status
            },
            this._context
          )
        : null;
    this.execs.push({ record, step });
    if (step !== null && step.run.symbols.opaque.length > 0) {
      this.opaqueExecs.push(ordinal);
    }
    // A run cancelled before it started did nothing: the cell keeps its previous run.
    if (wasCancelled(record)) {
      this._cancelled.add(record.cellId);
    } else {
      this._last.set(record.cellId, ordinal);
      this._cancelled.delete(record.cellId);
    }
  }

  private _last = new Map<string, number>();
  private _cancelled = new Set<string>();
}

/** An aborted request with no execution count was cancelled before it started: it did nothing. */
export function wasCancelled(record: IExecutionRecord): boolean {
  return record.status === 'aborted' && record.executionCount === null;
}

const OPAQUE = 1;
const IRREVERSIBLE = 2;
const LISTS_FOLDER = 4;
const READS_FIGURE_NUMBERS = 8;

function traitsOf(symbols: ICellSymbols): number {
  return (
    (symbols.opaque.length > 0 ? OPAQUE : 0) |
    (symbols.irreversible.length > 0 ? IRREVERSIBLE : 0) |
    (symbols.reads.some(name => name.startsWith(FOLDER_PREFIX))
      ? LISTS_FOLDER
      : 0) |
    (symbols.reads.includes(FIGURE_NUMBERS) ? READS_FIGURE_NUMBERS : 0)
  );
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** Whether two lists of reads of the same names saw the same object states. */
function sameObjects(a: readonly IRead[], b: readonly IRead[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (read, i) =>
        read.name === b[i].name &&
        read.version === b[i].version &&
        read.value === b[i].value
    )
  );
}

/** Whether reads of the same objects also came through the same binders and deleters. */
function sameProvenance(a: readonly IRead[], b: readonly IRead[]): boolean {
  return a.every(
    (read, i) => read.binder === b[i].binder && read.deleter === b[i].deleter
  );
}

/** A min-heap of ordinals: cells to run again, in notebook order. */
class MinQueue {
  constructor(items: number[]) {
    items.forEach(item => this.push(item));
  }

  push(item: number): void {
    const heap = this._heap;
    let i = heap.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= item) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  pop(): number | undefined {
    const heap = this._heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last !== undefined) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heap.length) {
          break;
        }
        if (child + 1 < heap.length && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= last) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  private _heap: number[] = [];
}
