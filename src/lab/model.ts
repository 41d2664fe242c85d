import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';

import { NotebookAnalysis } from '../core/analysis';
import { IMissingName, ISavedVerdict, missingNamesByCell } from '../core/check';
import { SettingsProblem } from '../core/problems';
import { analysisLanguage, notebookLanguage } from '../core/notebook';
import { PYTHON_BUILTINS } from '../core/python';
import { IEffectiveSettings, IFreshSettings } from '../core/settings';
import {
  IAnalysisResult,
  ICellStatus,
  IExecutionRecord,
  INotebookCell
} from '../core/types';
import { IFreshNotebook } from '../tokens';
import { KernelIdentity } from './kernelidentity';
import { NotebookStore } from './notebookstore';
import { ExecutionRecorder } from './recorder';
import { RefreshScheduler } from './scheduler';

/**
 * The execution log and the core's verdict for one notebook document.
 *
 * It only adapts: cells and executions go into the core's `NotebookAnalysis`, which decides
 * everything; the flags are recomputed at most once per animation frame (`RefreshScheduler`),
 * the plan when asked. `NotebookStore` keeps the settings and the history in the notebook's
 * `fresh` metadata, and `KernelIdentity` tells whether a saved history ran in the live
 * kernel. The model belongs to the document, not to a view: the views of one notebook share
 * it.
 */
export class FreshNotebook implements IFreshNotebook {
  constructor(options: FreshNotebook.IOptions) {
    const context = options.context;
    const sessionContext = context.sessionContext;
    this._context = context;
    this._store = new NotebookStore(context, options.globals);
    this._kernel = new KernelIdentity(sessionContext);
    this._scheduler = new RefreshScheduler(() => this.refresh());
    this._recorder = new ExecutionRecorder({
      model: context.model,
      sessionContext
    });
    this._analysis = this._createAnalysis();
    this._analysis.setKernelSession(this._recorder.kernelSession);

    this._recorder.recorded.connect(this._onRecorded, this);
    this._recorder.sessionChanged.connect(this._onSessionChanged, this);
    this._kernel.adopted.connect(this._onAdopted, this);
    context.model.contentChanged.connect(this._schedule, this);
    context.model.metadataChanged.connect(this._onMetadataChanged, this);
    sessionContext.kernelChanged.connect(this._onMetadataChanged, this);
    context.saveState.connect(this._onSaveState, this);
    // A refresh scheduled before the document closed must not read its disposed model.
    context.disposed.connect(this.dispose, this);
    void context.ready.then(() => this._restore());
    this.refresh();
  }

  /** The notebook document (every view of it shares this model). */
  get context(): DocumentRegistry.IContext<INotebookModel> {
    return this._context;
  }

  get records(): readonly IExecutionRecord[] {
    return this._records;
  }

  get kernelSession(): string | null {
    return this._recorder.kernelSession;
  }

  /**
   * The analysis as of the last refresh, with the re-run plan (computed on first read: the
   * plan is the costly part, badges only need `statusOf`). No side effect: `currentResult`
   * answers for the notebook as it is now.
   */
  get result(): IAnalysisResult {
    return this._analysis.result();
  }

  /** Runs a pending refresh first (which emits `changed`), then gives `result`. */
  currentResult(): IAnalysisResult {
    this._scheduler.flush();
    return this._analysis.result();
  }

  get statuses(): readonly ICellStatus[] {
    return this._statuses;
  }

  get settings(): IEffectiveSettings {
    return this._store.settings;
  }

  get globalSettings(): IFreshSettings {
    return this._store.globalSettings;
  }

  /** New global settings from the registry (raw: validated by the store). */
  setGlobals(globals: unknown): void {
    this._store.setGlobals(globals);
    this._onMetadataChanged();
  }

  setNotebookSettings(values: IFreshSettings): SettingsProblem[] {
    return this._store.setNotebookSettings(values);
  }

  resetSettings(): void {
    this._store.resetSettings();
  }

  /** The timeline in the panel is kept: only the notebook's copy goes. */
  removeFreshData(): void {
    this._store.removeFreshData();
  }

  get language(): 'python' | string {
    const model = this._context.model;
    return analysisLanguage(
      notebookLanguage({
        language_info: model.getMetadata('language_info'),
        kernelspec: model.getMetadata('kernelspec')
      })
    );
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  statusOf(cellId: string): ICellStatus | undefined {
    return this._byId.get(cellId);
  }

  precedents(cellId: string): string[] {
    this._scheduler.flush();
    return this._analysis.precedents(cellId);
  }

  dependents(cellId: string): string[] {
    this._scheduler.flush();
    return this._analysis.dependents(cellId);
  }

  planFor(cellId: string): string[] {
    this._scheduler.flush();
    return this._analysis.planFor(cellId);
  }

  missingNames(cellId: string): IMissingName[] {
    this._scheduler.flush();
    if (this.language !== 'python') {
      return [];
    }
    this._missing ??= missingNamesByCell(this._cells, {
      symbols: this._store.symbolsOf,
      builtins: PYTHON_BUILTINS
    });
    return this._missing.get(cellId) ?? [];
  }

  refresh(): void {
    if (this._isDisposed) {
      return;
    }
    this._scheduler.done();
    this._cells = this.cells();
    if (this._analysis.setCells(this._cells)) {
      // Missing names depend on the code cells only, as the analysis does.
      this._missing = null;
    }
    this._statuses = this._analysis.statuses();
    this._byId = new Map(this._statuses.map(cell => [cell.cellId, cell]));
    this._changed.emit();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._scheduler.dispose();
    this._kernel.dispose();
    this._recorder.dispose();
    Signal.clearData(this);
  }

  private _onRecorded(_: ExecutionRecorder, record: IExecutionRecord): void {
    this._records.push(record);
    this._analysis.addExecution(record);
    this._schedule();
  }

  private _onSessionChanged(
    _: ExecutionRecorder,
    session: string | null
  ): void {
    this._analysis.setKernelSession(session);
    this._schedule();
    this._kernel.setSession(session, () => this._recorder.kernelSession);
  }

  /** Reads the history saved in the notebook, and what the file says of the other cells. */
  private _restore(): void {
    if (this._isDisposed) {
      return;
    }
    const cells = this.cells();
    const restored = this._store.restore(cells);
    this._records = [...restored.records, ...this._records];
    this._saved = this._store.savedVerdicts(cells, this.language);
    this._rebuild();
    this._kernel.setSaved(restored.session);
  }

  /** The saved history ran in the live kernel: its records are live again. */
  private _onAdopted(
    _: KernelIdentity,
    sessions: { saved: string; live: string }
  ): void {
    this._records = this._records.map(record =>
      record.kernelSession === sessions.saved
        ? { ...record, kernelSession: sessions.live }
        : record
    );
    this._rebuild();
  }

  /** Writes the bounded history into the notebook metadata just before it is saved. */
  private _onSaveState(_: unknown, state: string): void {
    if (state !== 'started' || this._isDisposed) {
      return;
    }
    this._store.saveHistory(this._records, this.cells(), this._kernel.live);
  }

  /** Replays every record into a new analysis (after a restore or a change of language). */
  private _rebuild(): void {
    // The language or the symbol settings may have changed.
    this._missing = null;
    this._analysis = this._createAnalysis();
    this._analysis.setKernelSession(this._recorder.kernelSession);
    this._records.forEach(record => this._analysis.addExecution(record));
    this._schedule();
  }

  /**
   * Settings and the kernel language decide what is analysed: rebuild the analysis when that
   * changed, otherwise just recompute.
   */
  private _onMetadataChanged(): void {
    this._store.readSettings();
    if (this._analysisKey() !== this._builtWith) {
      this._rebuild();
    } else {
      this._schedule();
    }
  }

  private _analysisKey(): string {
    const { dataflow, extraMutators } = this.settings.values;
    return JSON.stringify([
      dataflow && this.language === 'python',
      extraMutators
    ]);
  }

  private _createAnalysis(): NotebookAnalysis {
    this._builtWith = this._analysisKey();
    const { dataflow, extraMutators } = this.settings.values;
    const analysis = new NotebookAnalysis({
      dataflow: dataflow && this.language === 'python',
      extraMutators,
      symbols: this._store.symbolsOf
    });
    analysis.setSaved(this._saved);
    return analysis;
  }

  private _schedule(): void {
    this._scheduler.schedule();
  }

  cells(): INotebookCell[] {
    const cells = this._context.model.cells;
    const snapshot: INotebookCell[] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells.get(i);
      const tags = cell.getMetadata('tags');
      snapshot.push({
        id: cell.id,
        cellType:
          cell.type === 'code' || cell.type === 'markdown' ? cell.type : 'raw',
        source: cell.sharedModel.getSource(),
        tags: Array.isArray(tags)
          ? tags.filter((tag): tag is string => typeof tag === 'string')
          : []
      });
    }
    return snapshot;
  }

  private _builtWith = '';
  private _context: DocumentRegistry.IContext<INotebookModel>;
  private _store: NotebookStore;
  private _kernel: KernelIdentity;
  private _scheduler: RefreshScheduler;
  private _recorder: ExecutionRecorder;
  private _analysis: NotebookAnalysis;
  private _records: IExecutionRecord[] = [];
  private _saved = new Map<string, ISavedVerdict>();
  private _statuses: readonly ICellStatus[] = [];
  /** The cells as of the last refresh, and their missing names when asked (by cell id). */
  private _cells: INotebookCell[] = [];
  private _missing: Map<string, IMissingName[]> | null = null;
  private _byId = new Map<string, ICellStatus>();
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

export namespace FreshNotebook {
  export interface IOptions {
    context: DocumentRegistry.IContext<INotebookModel>;
    /** The global settings as the registry holds them (validated here). */
    globals: unknown;
  }
}
