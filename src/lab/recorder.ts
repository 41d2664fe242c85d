import { ISessionContext } from '@jupyterlab/apputils';
import {
  Cell,
  CodeCellModel,
  ICellModel,
  ICodeCellModel
} from '@jupyterlab/cells';
import {
  INotebookModel,
  Notebook,
  NotebookActions
} from '@jupyterlab/notebook';
import { Kernel } from '@jupyterlab/services';
import { UUID } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ExecutionStatus, IExecutionRecord } from '../core/types';

/**
 * Records every finished execution of a notebook's code cells and the kernel sessions they ran in.
 *
 * Execution state is read from the cell models, which also change for runs started in another
 * view of the same notebook or by a collaborator: `executionState` turns `running` when a cell
 * is queued (its source is taken then), and the execution count arrives with the reply.
 * JupyterLab before 4.3 has no `executionState`: there the runs are followed through
 * `NotebookActions.executionScheduled` and `executed`, which only see this client's runs.
 */
export class ExecutionRecorder implements IDisposable {
  constructor(options: ExecutionRecorder.IOptions) {
    this._model = options.model;
    this._sessionContext = options.sessionContext;
    this._now = options.now ?? (() => new Date().toISOString());

    this._model.cells.changed.connect(this._onCellsChanged, this);
    const actions =
      options.actions ?? (Private.hasExecutionState() ? null : NotebookActions);
    actions?.executionScheduled.connect(this._onScheduled, this);
    actions?.executed.connect(this._onExecuted, this);
    for (let i = 0; i < this._model.cells.length; i++) {
      this._watch(this._model.cells.get(i));
    }
    this._sessionContext.kernelChanged.connect(this._onKernelChanged, this);
    this._sessionContext.statusChanged.connect(this._onStatusChanged, this);
    if (this._sessionContext.session?.kernel) {
      this._startSession();
    }
  }

  /** A finished execution. */
  get recorded(): ISignal<this, IExecutionRecord> {
    return this._recorded;
  }

  /** The live kernel session changed (started, restarted, changed kernel, shut down). */
  get sessionChanged(): ISignal<this, string | null> {
    return this._sessionChanged;
  }

  /** The live kernel session, or null when there is no running kernel. */
  get kernelSession(): string | null {
    return this._session;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  private _onCellsChanged(
    _: unknown,
    change: { type: string; newValues: ICellModel[] }
  ): void {
    if (change.type === 'add' || change.type === 'set') {
      change.newValues.forEach(cell => this._watch(cell));
    }
    if (change.type === 'remove' || change.type === 'set') {
      // The change does not say which cells went. A cell deleted while queued may still run in
      // the kernel: record it now, as possibly run.
      for (const id of [...this._pending.keys()]) {
        if (!this._findCell(id)) {
          this._finish(id, null, 'aborted');
        }
      }
    }
  }

  private _watch(cell: ICellModel): void {
    if (cell.type !== 'code' || this._watched.has(cell)) {
      return;
    }
    this._watched.add(cell);
    const code = cell as ICodeCellModel;
    code.stateChanged.connect(this._onCellStateChanged, this);
    if (code.executionState === 'running') {
      this._begin(code);
    }
  }

  private _onCellStateChanged(
    cell: ICellModel,
    change: { name: string; newValue?: unknown }
  ): void {
    const code = cell as ICodeCellModel;
    if (change.name === 'executionState') {
      if (change.newValue === 'running') {
        this._begin(code);
      } else if (this._pending.has(code.id)) {
        // Idle without an execution count: the queue was cleared or the kernel went away.
        this._finish(
          code.id,
          code,
          code.executionCount === null ? 'aborted' : undefined
        );
      }
    } else if (
      change.name === 'executionCount' &&
      change.newValue !== null &&
      this._pending.has(code.id)
    ) {
      this._finish(code.id, code);
    }
  }

  private _onScheduled(_: unknown, args: ExecutionRecorder.IRunArgs): void {
    if (
      args.notebook.model === this._model &&
      args.cell.model.type === 'code'
    ) {
      this._begin(args.cell.model as ICodeCellModel);
    }
  }

  /** Errors and aborted runs end here; the others already ended with their count. */
  private _onExecuted(_: unknown, args: ExecutionRecorder.IRunArgs): void {
    const code = args.cell.model as ICodeCellModel;
    if (args.notebook.model === this._model && this._pending.has(code.id)) {
      this._finish(
        code.id,
        code,
        code.executionCount === null ? 'aborted' : undefined
      );
    }
  }

  private _begin(cell: ICodeCellModel): void {
    if (this._session === null && this._sessionContext.session?.kernel) {
      this._startSession();
    }
    this._pending.set(cell.id, {
      source: cell.sharedModel.getSource(),
      startedAt: this._now(),
      session: this._session
    });
  }

  /** Ends a pending run; the status comes from the outputs unless given. */
  private _finish(
    id: string,
    cell: ICodeCellModel | null,
    status?: ExecutionStatus
  ): void {
    const run = this._pending.get(id);
    this._pending.delete(id);
    if (!run || run.session === null) {
      return;
    }
    const live = cell && !cell.isDisposed ? cell : null;
    this._recorded.emit({
      cellId: id,
      source: run.source,
      executionCount: live ? live.executionCount : null,
      kernelSession: run.session,
      status: status ?? (live ? Private.statusFromOutputs(live) : 'aborted'),
      startedAt: run.startedAt,
      finishedAt: this._now()
    });
  }

  private _onKernelChanged(): void {
    this._endSession();
    if (this._sessionContext.session?.kernel) {
      this._startSession();
    }
  }

  private _onStatusChanged(_: ISessionContext, status: Kernel.Status): void {
    if (
      status === 'restarting' ||
      status === 'autorestarting' ||
      status === 'dead'
    ) {
      this._endSession();
    } else if (this._session === null && this._sessionContext.session?.kernel) {
      this._startSession();
    }
  }

  private _startSession(): void {
    this._session = UUID.uuid4();
    this._sessionChanged.emit(this._session);
  }

  private _endSession(): void {
    // Runs cut short by a restart never finished: they may have changed the old kernel only.
    for (const id of [...this._pending.keys()]) {
      this._finish(id, this._findCell(id) ?? null, 'aborted');
    }
    if (this._session !== null) {
      this._session = null;
      this._sessionChanged.emit(null);
    }
  }

  private _findCell(id: string): ICodeCellModel | undefined {
    for (let i = 0; i < this._model.cells.length; i++) {
      const cell = this._model.cells.get(i);
      if (cell.id === id && cell.type === 'code') {
        return cell as ICodeCellModel;
      }
    }
    return undefined;
  }

  private _model: INotebookModel;
  private _sessionContext: ISessionContext;
  private _now: () => string;
  private _session: string | null = null;
  private _pending = new Map<string, Private.IPendingRun>();
  private _watched = new WeakSet<ICellModel>();
  private _isDisposed = false;
  private _recorded = new Signal<this, IExecutionRecord>(this);
  private _sessionChanged = new Signal<this, string | null>(this);
}

export namespace ExecutionRecorder {
  export interface IOptions {
    model: INotebookModel;
    sessionContext: ISessionContext;
    /** The clock, for tests. */
    now?: () => string;
    /**
     * Where runs are announced when the cell models do not say (JupyterLab < 4.3):
     * `NotebookActions` there, none otherwise; tests give their own.
     */
    actions?: IExecutionSignals;
  }

  export interface IExecutionSignals {
    executionScheduled: ISignal<unknown, IRunArgs>;
    executed: ISignal<unknown, IRunArgs>;
  }

  /** What both signals say about a run. */
  export interface IRunArgs {
    notebook: Notebook;
    cell: Cell;
  }
}

namespace Private {
  /** Whether the running JupyterLab's cell models carry `executionState` (4.3 and later). */
  export function hasExecutionState(): boolean {
    return 'executionState' in CodeCellModel.prototype;
  }

  export interface IPendingRun {
    source: string;
    startedAt: string;
    session: string | null;
  }

  /** `error` when the run left an error output; an interrupt counts as `aborted`. */
  export function statusFromOutputs(cell: ICodeCellModel): ExecutionStatus {
    for (let i = 0; i < cell.outputs.length; i++) {
      const output = cell.outputs.get(i);
      if (output.type === 'error') {
        const json = output.toJSON() as { ename?: string };
        return json.ename === 'KeyboardInterrupt' ? 'aborted' : 'error';
      }
    }
    return 'ok';
  }
}
