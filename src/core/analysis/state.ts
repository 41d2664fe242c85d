/**
 * The two simulated worlds of an analysis: Run All (current cells, notebook order, empty
 * namespace) and the live kernel (its executions, in the order they ran).
 */
import { ICellSymbols, IExecutionRecord } from '../types';
import {
  execute,
  ICellRun,
  IRead,
  IStep,
  Space,
  VersionContext
} from './world';

/** A code cell of the notebook as it is now. */
export interface ICodeCell {
  id: string;
  source: string;
  /** Position among all cells (markdown included). */
  index: number;
}

/** The cells that read one name, in order, and their reads of it. */
export interface IReaders {
  cells: readonly number[];
  reads: readonly IRead[];
}

const NO_READERS: IReaders = { cells: [], reads: [] };

interface IRunAllIndex {
  readers: Map<string, IReaders>;
  binders: Map<string, number[]>;
}

/**
 * Run All: the current code cells executed in notebook order from an empty namespace.
 * Actors are code-cell ordinals. Journaled, so a change at cell k only recomputes from k on.
 */
export class RunAllWorld {
  constructor(private _context: VersionContext) {}

  /** One step per code cell, in notebook order. */
  get steps(): readonly IStep[] {
    return this._steps;
  }

  /** The namespace after the whole notebook ran. */
  get space(): Space {
    return this._space;
  }

  /** The cells that read a name, in order, with what each read. */
  readersOf(name: string): IReaders {
    return this._index().readers.get(name) ?? NO_READERS;
  }

  /** The cells that bind or delete a name, in order. */
  bindersOf(name: string): readonly number[] {
    return this._index().binders.get(name) ?? [];
  }

  private _index(): IRunAllIndex {
    if (!this._byName) {
      const readers = new Map<string, { cells: number[]; reads: IRead[] }>();
      const binders = new Map<string, number[]>();
      const bind = (name: string, ordinal: number) => {
        const list = binders.get(name);
        if (list) {
          list.push(ordinal);
        } else {
          binders.set(name, [ordinal]);
        }
      };
      this._steps.forEach((step, ordinal) => {
        for (const read of step.reads) {
          let list = readers.get(read.name);
          if (!list) {
            list = { cells: [], reads: [] };
            readers.set(read.name, list);
          }
          list.cells.push(ordinal);
          list.reads.push(read);
        }
        step.defines.forEach(name => bind(name, ordinal));
        step.run.symbols.deletes.forEach(name => bind(name, ordinal));
      });
      this._byName = { readers, binders };
    }
    return this._byName;
  }

  /** Re-simulates from the first cell whose id or source changed; false if none did. */
  update(
    cells: readonly ICodeCell[],
    symbolsOf: (source: string) => ICellSymbols
  ): boolean {
    const steps = this._steps;
    let first = 0;
    while (
      first < steps.length &&
      first < cells.length &&
      steps[first].run.cellId === cells[first].id &&
      steps[first].run.source === cells[first].source
    ) {
      first++;
    }
    if (first === steps.length && first === cells.length) {
      return false;
    }
    this._byName = null;
    if (first < steps.length) {
      this._space.undo(this._marks[first]);
    }
    // Cells below an edit mostly read what they read before: their old steps are hints.
    const old = new Map(
      steps.slice(first).map(step => [step.run.cellId, step])
    );
    steps.length = first;
    this._marks.length = first;
    for (let i = first; i < cells.length; i++) {
      const run: ICellRun = {
        cellId: cells[i].id,
        source: cells[i].source,
        symbols: symbolsOf(cells[i].source),
        status: 'ok'
      };
      this._marks.push(this._space.mark());
      steps.push(
        execute(this._space, i, run, this._context, old.get(run.cellId))
      );
    }
    return true;
  }

  private _space = new Space(null, true);
  private _steps: IStep[] = [];
  private _byName: IRunAllIndex | null = null;
  private _marks: number[] = [];
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

  /** The ordinal of a cell's last execution in this session. */
  lastOf(cellId: string): number | undefined {
    return this._last.get(cellId);
  }

  /** Adds an execution; with no `symbolsOf` (no dataflow) it is only recorded. */
  add(
    record: IExecutionRecord,
    symbolsOf: ((source: string) => ICellSymbols) | null,
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
              symbols: symbolsOf(record.source),
              status: record.status
            },
            this._context
          )
        : null;
    this.execs.push({ record, step });
    this._last.set(record.cellId, ordinal);
  }

  private _last = new Map<string, number>();
}

/** An aborted request with no execution count was cancelled before it started: it did nothing. */
export function wasCancelled(record: IExecutionRecord): boolean {
  return record.status === 'aborted' && record.executionCount === null;
}
