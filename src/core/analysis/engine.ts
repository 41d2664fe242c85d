/**
 * The staleness engine: keeps the Run All world and the live kernel world up to date as cells
 * change and executions finish, and answers flags, reasons, plans and dependencies from them.
 */
import {
  IAnalysisOptions,
  IAnalysisResult,
  ICellStatus,
  ICellSymbols,
  IExecutionRecord,
  INotebookCell
} from '../types';
import type { ISavedVerdict } from '../check';
import { analyzeCell, hasCode } from '../python';
import { Classifier, IClassification, IEarlierRun } from './classify';
import { IPlan, makePlan, planAfter } from './plan';
import {
  ICodeCell,
  KernelWorld,
  RunAllWorld,
  SymbolsOf,
  wasCancelled
} from './state';
import {
  IChange,
  IStep,
  provenance,
  VersionContext,
  visitProvenance
} from './world';

export interface INotebookAnalysisOptions extends IAnalysisOptions {
  /** The symbol analysis of a cell's source; `analyzeCell` by default. */
  symbols?: (source: string) => ICellSymbols;
}

export class NotebookAnalysis {
  constructor(options: INotebookAnalysisOptions = {}) {
    const extraMutators = options.extraMutators;
    const symbols =
      options.symbols ??
      ((source: string) => analyzeCell(source, { extraMutators }));
    this._dataflow = options.dataflow !== false;
    this._symbolsOf = (cellId, source) => {
      const known = this._symbolCache.get(cellId);
      if (known && known.source === source) {
        return known.symbols;
      }
      const result = symbols(source);
      this._symbolCache.set(cellId, { source, symbols: result });
      return result;
    };
    this._kernel = new KernelWorld(null, this._context);
  }

  /**
   * The notebook as it is now; cheap when nothing changed, and after an edit. Returns whether
   * the code cells changed (their ids, positions or sources).
   */
  setCells(cells: INotebookCell[]): boolean {
    const code: ICodeCell[] = [];
    cells.forEach((cell, index) => {
      if (cell.cellType === 'code') {
        code.push({ id: cell.id, source: cell.source, index });
      }
    });
    const before = this._code;
    const sameLayout =
      before.length === code.length &&
      before.every(
        (cell, i) => cell.id === code[i].id && cell.index === code[i].index
      );
    const edited = sameLayout
      ? code.flatMap((cell, i) => (cell.source === before[i].source ? [] : [i]))
      : [];
    if (sameLayout && edited.length === 0) {
      return false;
    }
    this._code = code;
    if (!sameLayout) {
      this._ordinalOf = new Map(
        code.map((cell, ordinal) => [cell.id, ordinal])
      );
      for (const id of this._symbolCache.keys()) {
        if (!this._ordinalOf.has(id)) {
          this._symbolCache.delete(id);
        }
      }
    }
    const changed = this._dataflow
      ? this._runAll.update(code, this._symbolsOf)
      : [];
    if (changed.length > 0) {
      this._dependents = null;
    }
    if (sameLayout) {
      // Verdicts depend on positions: only a source changed, so only the cells it reaches.
      edited.forEach(q => this._classifier.touch(q));
      changed.forEach(q => this._classifier.touch(q));
    } else {
      this._classifier.reset();
    }
    this._lastPlan = null;
    this._changed();
    return true;
  }

  /** An execution that finished, in the order they finish. */
  addExecution(record: IExecutionRecord): void {
    this._records.push(record);
    if (!wasCancelled(record)) {
      this._lastRun.set(record.cellId, record);
    }
    let list = this._bySession.get(record.kernelSession);
    if (!list) {
      list = [];
      this._bySession.set(record.kernelSession, list);
    }
    list.push(record);
    const ordinal = this._ordinalOf.get(record.cellId);
    if (record.kernelSession === this._kernel.session) {
      this._kernel.add(
        record,
        this._simulationSymbols,
        this._runAllStep(record.cellId)
      );
      // Running the plan's next cell (what "bring up to date" does) keeps the rest of it.
      const last = this._lastPlan;
      if (
        last &&
        ordinal !== undefined &&
        last.plan.order[last.done] === ordinal
      ) {
        last.done++;
      } else {
        this._lastPlan = null;
      }
    } else {
      this._earlier.delete(record.kernelSession);
      this._followSession();
      this._lastPlan = null;
    }
    // Only this cell's verdict changes ("since the kernel restarted" for another session).
    if (ordinal !== undefined) {
      this._classifier.touch(ordinal);
    }
    this._changed();
  }

  /** The live kernel session; executions of other sessions are history. */
  setKernelSession(id: string | null): void {
    this._session = id;
    this._followSession();
    this._lastPlan = null;
    this._changed();
  }

  /**
   * What the saved file says about its cells (`savedVerdicts`, on open): the verdict on a cell
   * that has no recorded run.
   */
  setSaved(saved: ReadonlyMap<string, ISavedVerdict>): void {
    this._saved = saved;
    this._classifier.reset();
    this._lastPlan = null;
    this._changed();
  }

  /** Each code cell's flags and reasons: the result without the plan, which costs more. */
  statuses(): ICellStatus[] {
    return this._classification().statuses;
  }

  result(): IAnalysisResult {
    if (!this._result) {
      const plan = this._plan();
      this._result = {
        cells: this.statuses(),
        plan: plan.order.map(q => this._code[q].id),
        restart: plan.restart,
        planWarnings: plan.warnings
      };
    }
    return this._result;
  }

  /** Cells whose values this cell reads (directly), in notebook order. */
  precedents(cellId: string): string[] {
    const ordinal = this._ordinalOf.get(cellId);
    if (ordinal === undefined || !this._dataflow) {
      return [];
    }
    return this._ids(this._direct(ordinal));
  }

  /** Cells that read what this cell writes (directly), in notebook order. */
  dependents(cellId: string): string[] {
    const ordinal = this._ordinalOf.get(cellId);
    if (ordinal === undefined || !this._dataflow) {
      return [];
    }
    if (!this._dependents) {
      const index = this._code.map(() => new Set<number>());
      this._code.forEach((_, q) =>
        this._direct(q).forEach(p => index[p].add(q))
      );
      this._dependents = index;
    }
    return this._ids(this._dependents[ordinal]);
  }

  /** What to run to bring one cell up to date, in order. */
  planFor(cellId: string): string[] {
    const ordinal = this._ordinalOf.get(cellId);
    if (ordinal === undefined) {
      return [];
    }
    if (!this._dataflow) {
      return this._classification().fresh[ordinal] ? [] : [cellId];
    }
    return makePlan(this._planInput(), ordinal).order.map(
      q => this._code[q].id
    );
  }

  /**
   * The minimal cells behind this cell in Run All (creators and changers of every value it
   * reads, transitively), in notebook order, the cell included.
   */
  gather(cellId: string): string[] {
    const ordinal = this._ordinalOf.get(cellId);
    if (ordinal === undefined) {
      return [];
    }
    if (!this._dataflow) {
      // Without dataflow anything above may matter.
      return this._code.slice(0, ordinal + 1).map(cell => cell.id);
    }
    const seen = new Set<number>([ordinal]);
    const stack = [ordinal];
    // Changes walked once: cells that all read a list appended to by every cell before them
    // would otherwise walk its changes once each.
    const walked = new Set<IChange>();
    const reach = (q: number): void => {
      if (!seen.has(q)) {
        seen.add(q);
        stack.push(q);
      }
    };
    while (stack.length > 0) {
      for (const read of this._runAll.steps[stack.pop()!].reads) {
        visitProvenance(read, walked, reach);
      }
    }
    return this._ids(seen);
  }

  /** Ordinals of the cells whose Run All values a cell reads. */
  private _direct(ordinal: number): Set<number> {
    const result = new Set<number>();
    for (const read of this._runAll.steps[ordinal].reads) {
      for (const q of provenance(read)) {
        if (q !== ordinal) {
          result.add(q);
        }
      }
    }
    return result;
  }

  private _ids(ordinals: Iterable<number>): string[] {
    return [...ordinals].sort((a, b) => a - b).map(q => this._code[q].id);
  }

  private _classification(): IClassification {
    if (!this._cachedClassification) {
      this._cachedClassification = this._classifier.classify({
        code: this._code,
        ordinalOf: this._ordinalOf,
        runAll: this._dataflow ? this._runAll : null,
        kernel: this._kernel,
        lastRun: id => this._lastRun.get(id),
        earlierRun: id => this._earlierRun(id),
        saved: id => this._saved.get(id)
      });
    }
    return this._cachedClassification;
  }

  private _plan(): IPlan {
    const fresh = this._classification().fresh;
    if (!this._dataflow) {
      // No dataflow: anything below a changed cell may depend on it.
      const first = fresh.indexOf(false);
      const order =
        first < 0
          ? []
          : fresh
              .map((_, q) => q)
              .slice(first)
              .filter(q => !fresh[q] || hasCode(this._code[q].source));
      return { order, restart: false, warnings: [], stuck: [] };
    }
    const last = this._lastPlan;
    const plan =
      last && last.plan.order.slice(0, last.done).every(q => fresh[q])
        ? planAfter(last.plan, last.done, this._code)
        : makePlan(this._planInput());
    // With values it cannot rebuild, the rest of a plan may change once cells ran; a restart
    // plan runs in another session.
    this._lastPlan =
      plan.stuck.length === 0 && !plan.restart ? { plan, done: 0 } : null;
    return plan;
  }

  private _planInput() {
    return {
      code: this._code,
      ordinalOf: this._ordinalOf,
      runAll: this._runAll,
      kernel: this._kernel,
      fresh: this._classification().fresh,
      context: this._context,
      everRun: (id: string) => this._lastRun.has(id)
    };
  }

  /** Rebuilds the kernel world when the live session is not the one replayed. */
  private _followSession(): void {
    const live =
      this._session !== undefined
        ? this._session
        : (this._records[this._records.length - 1]?.kernelSession ?? null);
    if (live === this._kernel.session) {
      return;
    }
    const previous = this._kernel;
    if (previous.session !== null) {
      this._earlier.set(previous.session, previous);
    }
    const kept = live === null ? undefined : this._earlier.get(live);
    if (kept) {
      this._earlier.delete(live!);
    }
    this._kernel = kept ?? this._replay(live);
    this._classifier.reset();
  }

  /** A world of one session's executions, in the order they ran. */
  private _replay(session: string | null): KernelWorld {
    const world = new KernelWorld(session, this._context);
    for (const record of (session !== null && this._bySession.get(session)) ||
      []) {
      world.add(
        record,
        this._simulationSymbols,
        this._runAllStep(record.cellId)
      );
    }
    return world;
  }

  /** A cell's last run when it was in an earlier session, in that session's world. */
  private _earlierRun(cellId: string): IEarlierRun | undefined {
    const record = this._lastRun.get(cellId);
    if (!record || record.kernelSession === this._kernel.session) {
      return undefined;
    }
    const session = record.kernelSession;
    let kernel = this._earlier.get(session);
    if (!kernel) {
      kernel = this._replay(session);
      this._earlier.set(session, kernel);
    }
    const last = kernel.lastOf(cellId);
    return last === undefined ? undefined : { kernel, last };
  }

  /** A cell's step in Run All: a hint for executions of the same source. */
  private _runAllStep(cellId: string): IStep | undefined {
    const ordinal = this._ordinalOf.get(cellId);
    return ordinal === undefined ? undefined : this._runAll.steps[ordinal];
  }

  /** The symbol function the kernel world simulates with; null: not simulated (dataflow off). */
  private get _simulationSymbols(): SymbolsOf | null {
    return this._dataflow ? this._symbolsOf : null;
  }

  private _changed(): void {
    this._cachedClassification = null;
    this._result = null;
  }

  private _dataflow: boolean;
  private _symbolsOf: SymbolsOf;
  /**
   * The last source analysed for each cell: what setCells and executions ask for again, and
   * bounded by the cells (a replaced source is dropped; `analyzeCell` has its own cache).
   */
  private _symbolCache = new Map<
    string,
    { source: string; symbols: ICellSymbols }
  >();
  private _context = new VersionContext();
  private _code: ICodeCell[] = [];
  private _ordinalOf = new Map<string, number>();
  private _runAll = new RunAllWorld(this._context);
  private _records: IExecutionRecord[] = [];
  private _bySession = new Map<string, IExecutionRecord[]>();
  /** By cell id: its last execution, in any session. */
  private _lastRun = new Map<string, IExecutionRecord>();
  /** Undefined: follow the session of the last record. */
  private _session: string | null | undefined = undefined;
  private _kernel: KernelWorld;
  /** Worlds of earlier sessions, by session, replayed when a cell's last run is there. */
  private _earlier = new Map<string, KernelWorld>();
  private _saved: ReadonlyMap<string, ISavedVerdict> = new Map();
  private _classifier = new Classifier();
  private _cachedClassification: IClassification | null = null;
  private _result: IAnalysisResult | null = null;
  private _dependents: Set<number>[] | null = null;
  /** The last plan, and how many of its first cells ran since, in order. */
  private _lastPlan: { plan: IPlan; done: number } | null = null;
}

/** Analyses a notebook and its execution log in one call. */
export function analyzeNotebook(
  cells: INotebookCell[],
  executions: IExecutionRecord[],
  options: INotebookAnalysisOptions & { kernelSession?: string } = {}
): IAnalysisResult {
  const analysis = new NotebookAnalysis(options);
  analysis.setCells(cells);
  executions.forEach(record => analysis.addExecution(record));
  if (options.kernelSession !== undefined) {
    analysis.setKernelSession(options.kernelSession);
  }
  return analysis.result();
}
