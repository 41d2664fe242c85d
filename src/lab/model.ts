import { ICodeCellModel } from '@jupyterlab/cells';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';

import { NotebookAnalysis } from '../core/analysis';
import {
  IMissingName,
  ISavedVerdict,
  missingNamesByCell,
  savedVerdicts
} from '../core/check';
import {
  freshWithHistory,
  restoreHistory,
  storeHistory
} from '../core/history';
import {
  FRESH_KEY,
  FRESH_METADATA_VERSION,
  mergeSettings,
  validateFreshMetadata,
  withoutSettings,
  withSettings
} from '../core/metadata';
import { SettingsProblem } from '../core/problems';
import { analysisLanguage, notebookLanguage } from '../core/notebook';
import { analyzeCell, PYTHON_BUILTINS } from '../core/python';
import {
  IEffectiveSettings,
  IFreshSettings,
  notebookOverrides
} from '../core/settings';
import {
  IAnalysisResult,
  ICellSymbols,
  ICellStatus,
  IExecutionRecord,
  INotebookCell
} from '../core/types';
import { IFreshNotebook } from '../tokens';
import { KernelIdentity } from './kernelidentity';
import { FreshMetadataStore } from './metadatastore';
import { ExecutionRecorder } from './recorder';
import { RefreshScheduler } from './scheduler';

/**
 * The execution log and the core's verdict for one notebook document.
 *
 * It only adapts: cells and executions go into the core's `NotebookAnalysis`, which decides
 * everything; the flags are recomputed at most once per animation frame (`RefreshScheduler`),
 * the plan when asked. The `fresh` metadata is read and written through `FreshMetadataStore`,
 * and `KernelIdentity` tells whether a saved history ran in the live kernel. The model belongs
 * to the document, not to a view: the views of one notebook share it.
 */
export class FreshNotebook implements IFreshNotebook {
  constructor(options: FreshNotebook.IOptions) {
    const context = options.context;
    const sessionContext = context.sessionContext;
    this._context = context;
    this._globals = options.globals;
    this._metadata = new FreshMetadataStore(context);
    this._kernel = new KernelIdentity(sessionContext);
    this._scheduler = new RefreshScheduler(() => this.refresh());
    this._settings = this._effectiveSettings();
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
    return this._settings;
  }

  /** The global settings (registry over built-in defaults), without this notebook's. */
  get globalSettings(): IFreshSettings {
    return mergeSettings(this._globals, undefined, {
      notebookPath: this._context.path
    }).values;
  }

  /** New global settings from the registry (raw: validated here). */
  setGlobals(globals: unknown): void {
    this._globals = globals;
    this._onMetadataChanged();
  }

  /**
   * Stores this notebook's settings: only the values that differ from the globals. A value
   * the validation refuses is not written; the problems say why (empty when written).
   */
  setNotebookSettings(values: IFreshSettings): SettingsProblem[] {
    const overrides = notebookOverrides(values, this.globalSettings);
    const { problems } = validateFreshMetadata(
      { version: FRESH_METADATA_VERSION, settings: overrides },
      { notebookPath: this._context.path }
    );
    if (problems.length > 0) {
      return problems;
    }
    this._metadata.write(fresh =>
      withSettings(fresh, overrides, { notebookPath: this._context.path })
    );
    return [];
  }

  /** Removes this notebook's settings, refused ones too: the global ones apply again. */
  resetSettings(): void {
    this._metadata.write(withoutSettings);
  }

  /**
   * Removes everything the extension wrote into the notebook, and writes nothing more there
   * while it stays open (the timeline in the panel is kept).
   */
  removeFreshData(): void {
    this._metadata.remove();
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
      symbols: this._symbolsOf,
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

  /** Reads the history saved in the notebook (it may come from anyone: validated). */
  private _restore(): void {
    if (this._isDisposed) {
      return;
    }
    const validated = validateFreshMetadata(this._metadata.read(), {
      notebookPath: this._context.path
    });
    const restored = restoreHistory(validated.fresh?.history, this.cells());
    this._restoreProblems = restored.problems;
    this._restoredSymbols = restored.symbols;
    this._records = [...restored.records, ...this._records];
    this._saved = this._savedVerdicts();
    this._settings = this._effectiveSettings();
    this._rebuild();
    this._kernel.setSaved(restored.session);
  }

  /** What the file says about cells no record covers (`nbfresh check`'s evidence), as loaded. */
  private _savedVerdicts(): Map<string, ISavedVerdict> {
    const model = this._context.model;
    const cells = this.cells().map((cell, i) => {
      const count =
        cell.cellType === 'code'
          ? (model.cells.get(i) as ICodeCellModel).executionCount
          : null;
      return { ...cell, executionCount: count };
    });
    return savedVerdicts(
      {
        cells,
        metadata: { [FRESH_KEY]: model.getMetadata(FRESH_KEY) },
        language: this.language
      },
      { symbols: this._symbolsOf, builtins: PYTHON_BUILTINS }
    );
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
    if (
      !this._metadata.keepsHistory ||
      (this._records.length === 0 && this._metadata.read() === undefined)
    ) {
      return;
    }
    const { values } = this._settings;
    const stored = storeHistory(
      this._records,
      this.cells(),
      this._kernel.live,
      { maxExecutions: values.historyLimit, keepSources: values.keepSources },
      this._symbolsOf
    );
    this._keepCellIds();
    this._metadata.write(fresh => freshWithHistory(fresh, stored));
  }

  /**
   * The history is keyed by cell id. JupyterLab loads a notebook of format 4.0-4.4 as 4.4
   * (`MINOR_VERSION` of @jupyterlab/nbformat), gives its cells new random ids and strips them
   * when saving (`YNotebook.toJSON`), so a reload would find none of them: saved as 4.5, the
   * ids the history uses are the ones in the file.
   */
  private _keepCellIds(): void {
    // `YNotebook`, the shared model, can set what `ISharedNotebook` declares read-only.
    const shared = this._context.model.sharedModel as {
      readonly nbformat: number;
      nbformat_minor: number;
    };
    if (shared.nbformat === 4 && shared.nbformat_minor < 5) {
      shared.nbformat_minor = 5;
    }
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
    this._settings = this._effectiveSettings();
    if (this._analysisKey() !== this._builtWith) {
      this._rebuild();
    } else {
      this._schedule();
    }
  }

  private _effectiveSettings(): IEffectiveSettings {
    const settings = mergeSettings(this._globals, this._metadata.read(), {
      notebookPath: this._context.path
    });
    settings.problems.push(...this._restoreProblems);
    return settings;
  }

  private _analysisKey(): string {
    const { dataflow, extraMutators } = this._settings.values;
    return JSON.stringify([
      dataflow && this.language === 'python',
      extraMutators
    ]);
  }

  private _createAnalysis(): NotebookAnalysis {
    this._builtWith = this._analysisKey();
    const { dataflow, extraMutators } = this._settings.values;
    const analysis = new NotebookAnalysis({
      dataflow: dataflow && this.language === 'python',
      extraMutators,
      symbols: this._symbolsOf
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

  /** Restored records whose source was not kept are analysed from their stored summary. */
  private _symbolsOf = (source: string): ICellSymbols =>
    this._restoredSymbols.get(source) ??
    analyzeCell(source, { extraMutators: this._settings.values.extraMutators });

  private _globals: unknown;
  private _settings: IEffectiveSettings;
  private _builtWith = '';
  private _restoreProblems: SettingsProblem[] = [];
  private _context: DocumentRegistry.IContext<INotebookModel>;
  private _metadata: FreshMetadataStore;
  private _kernel: KernelIdentity;
  private _scheduler: RefreshScheduler;
  private _restoredSymbols = new Map<string, ICellSymbols>();
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
