import { NotebookPanel } from '@jupyterlab/notebook';
import { Kernel } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';

import { ICodeCellModel } from '@jupyterlab/cells';

import { NotebookAnalysis } from '../core/analysis';
import { ISavedVerdict, savedVerdicts } from '../core/check';
import {
  freshWithHistory,
  IStoredSession,
  restoreHistory,
  storeHistory
} from '../core/history';
import { withoutSettings, withSettings, writableFresh } from '../core/metadata';
import { analyzeCell, PYTHON_BUILTINS } from '../core/python';
import {
  FRESH_METADATA_VERSION,
  IEffectiveSettings,
  IFreshSettings,
  mergeSettings,
  notebookOverrides,
  validateFreshMetadata
} from '../core/settings';
import {
  IAnalysisResult,
  ICellSymbols,
  ICellStatus,
  IExecutionRecord,
  INotebookCell
} from '../core/types';
import { IFreshNotebook } from '../tokens';
import { ExecutionRecorder } from './recorder';

/**
 * The execution log and the core's verdict for one notebook document.
 *
 * It only adapts: cells and executions go into the core's `NotebookAnalysis`, which decides
 * everything; the flags are recomputed at most once per animation frame, the plan when asked.
 */
export class FreshNotebook implements IFreshNotebook {
  constructor(options: FreshNotebook.IOptions) {
    this._panel = options.panel;
    this._globals = options.globals;
    const { context, sessionContext } = this.panel;
    this._settings = this._effectiveSettings();
    this._recorder = new ExecutionRecorder({
      model: context.model,
      sessionContext
    });
    this._analysis = this._createAnalysis();
    this._analysis.setKernelSession(this._recorder.kernelSession);

    this._recorder.recorded.connect(this._onRecorded, this);
    this._recorder.sessionChanged.connect(this._onSessionChanged, this);
    context.model.contentChanged.connect(this._schedule, this);
    context.model.metadataChanged.connect(this._onMetadataChanged, this);
    sessionContext.kernelChanged.connect(this._onMetadataChanged, this);
    context.saveState.connect(this._onSaveState, this);
    // A refresh scheduled before the document closed must not read its disposed model.
    context.disposed.connect(this.dispose, this);
    void context.ready.then(() => this._restore());
    this.refresh();
  }

  /** A live view of the notebook, used to run cells and read the active cell. */
  get panel(): NotebookPanel {
    return this._panel;
  }
  set panel(panel: NotebookPanel) {
    this._panel = panel;
  }

  get records(): readonly IExecutionRecord[] {
    return this._records;
  }

  get kernelSession(): string | null {
    return this._recorder.kernelSession;
  }

  /** Computed when asked (the plan is the costly part): badges only need `statusOf`. */
  get result(): IAnalysisResult {
    this._flush();
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
      notebookPath: this.panel.context.path
    }).values;
  }

  /** New global settings from the registry (raw: validated here). */
  setGlobals(globals: unknown): void {
    this._globals = globals;
    this._onMetadataChanged();
  }

  /**
   * Stores this notebook's settings: only the values that differ from the globals. A value
   * the validation refuses is not written; the sentences say why (empty when written).
   */
  setNotebookSettings(values: IFreshSettings): string[] {
    const overrides = notebookOverrides(values, this.globalSettings);
    const { problems } = validateFreshMetadata(
      { version: FRESH_METADATA_VERSION, settings: overrides },
      { notebookPath: this.panel.context.path }
    );
    if (problems.length > 0) {
      return problems;
    }
    this._writeFresh(fresh =>
      withSettings(fresh, overrides, { notebookPath: this.panel.context.path })
    );
    return [];
  }

  /** Removes this notebook's settings, refused ones too: the global ones apply again. */
  resetSettings(): void {
    this._writeFresh(withoutSettings);
  }

  /**
   * Removes everything the extension wrote into the notebook, and writes nothing more there
   * while it stays open (the timeline in the panel is kept).
   */
  removeFreshData(): void {
    this._persist = false;
    this.panel.context.model.deleteMetadata('fresh');
  }

  get otherLanguage(): string | null {
    const language = this._language();
    return language === null || language === 'python' ? null : language;
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
    this._flush();
    return this._analysis.precedents(cellId);
  }

  dependents(cellId: string): string[] {
    this._flush();
    return this._analysis.dependents(cellId);
  }

  planFor(cellId: string): string[] {
    this._flush();
    return this._analysis.planFor(cellId);
  }

  refresh(): void {
    if (this._isDisposed) {
      return;
    }
    this._scheduled = false;
    this._analysis.setCells(this.cells());
    this._statuses = this._analysis.statuses();
    this._byId = new Map(this._statuses.map(cell => [cell.cellId, cell]));
    this._changed.emit();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
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
    this._live = null;
    const kernel = this.panel.sessionContext.session?.kernel;
    if (session !== null && kernel) {
      void Private.fingerprint(kernel).then(fingerprint => {
        if (fingerprint && this._recorder.kernelSession === session) {
          this._live = { id: session, kernelId: kernel.id, fingerprint };
          this._adoptRestoredSession();
        }
      });
    }
  }

  /** Reads the history saved in the notebook (it may come from anyone: validated). */
  private _restore(): void {
    if (this._isDisposed) {
      return;
    }
    const validated = validateFreshMetadata(
      this.panel.context.model.getMetadata('fresh'),
      { notebookPath: this.panel.context.path }
    );
    const restored = restoreHistory(validated.fresh?.history, this.cells());
    this._restoreProblems = restored.problems;
    this._restoredSession = restored.session;
    this._restoredSymbols = restored.symbols;
    this._records = [...restored.records, ...this._records];
    this._saved = this._savedVerdicts();
    this._settings = this._effectiveSettings();
    this._rebuild();
    this._adoptRestoredSession();
  }

  /** What the file says about cells no record covers (`nbfresh check`'s evidence), as loaded. */
  private _savedVerdicts(): Map<string, ISavedVerdict> {
    const model = this.panel.context.model;
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
        metadata: { fresh: model.getMetadata('fresh') },
        language: this._language()
      },
      { symbols: this._symbolsOf, builtins: PYTHON_BUILTINS }
    );
  }

  /**
   * After a page reload the kernel may still be the one the saved history ran in: same kernel
   * id and same process (not restarted in between). Only then do its records count as live.
   */
  private _adoptRestoredSession(): void {
    const saved = this._restoredSession;
    const live = this._live;
    if (
      !saved ||
      !live ||
      saved.kernelId !== live.kernelId ||
      saved.fingerprint !== live.fingerprint
    ) {
      return;
    }
    this._restoredSession = null;
    this._records = this._records.map(record =>
      record.kernelSession === saved.id
        ? { ...record, kernelSession: live.id }
        : record
    );
    this._rebuild();
  }

  /** Writes the bounded history into the notebook metadata just before it is saved. */
  private _onSaveState(_: unknown, state: string): void {
    if (state !== 'started' || this._isDisposed) {
      return;
    }
    const previous = this.panel.context.model.getMetadata('fresh');
    if (
      !this._persist ||
      (this._records.length === 0 && previous === undefined)
    ) {
      return;
    }
    const { values } = this._settings;
    const stored = storeHistory(
      this._records,
      this.cells(),
      this._live,
      { maxExecutions: values.historyLimit, keepSources: values.keepSources },
      this._symbolsOf
    );
    this._keepCellIds();
    this._writeFresh(fresh => freshWithHistory(fresh, stored));
  }

  /**
   * The history is keyed by cell id. JupyterLab loads a notebook of format 4.0-4.4 as 4.4
   * (`MINOR_VERSION` of @jupyterlab/nbformat), gives its cells new random ids and strips them
   * when saving (`YNotebook.toJSON`), so a reload would find none of them: saved as 4.5, the
   * ids the history uses are the ones in the file.
   */
  private _keepCellIds(): void {
    // `YNotebook`, the shared model, can set what `ISharedNotebook` declares read-only.
    const shared = this.panel.context.model.sharedModel as {
      readonly nbformat: number;
      nbformat_minor: number;
    };
    if (shared.nbformat === 4 && shared.nbformat_minor < 5) {
      shared.nbformat_minor = 5;
    }
  }

  /**
   * Changes the `fresh` metadata through `change`, from its stored (migrated) form: values
   * refused on load are kept as they are. Metadata refused as a whole (too large, a newer
   * version...) is never overwritten.
   */
  private _writeFresh(
    change: (fresh: Record<string, unknown>) => Record<string, unknown>
  ): void {
    const model = this.panel.context.model;
    const previous = model.getMetadata('fresh');
    const fresh = writableFresh(previous, {
      notebookPath: this.panel.context.path
    });
    if (!fresh) {
      return;
    }
    const next = change(fresh);
    if (JSON.stringify(next) !== JSON.stringify(previous)) {
      model.setMetadata('fresh', next);
    }
  }

  /** Replays every record into a new analysis (after a restore or a change of language). */
  private _rebuild(): void {
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
    const settings = mergeSettings(
      this._globals,
      this.panel.context.model.getMetadata('fresh'),
      { notebookPath: this.panel.context.path }
    );
    settings.problems.push(...this._restoreProblems);
    return settings;
  }

  private _analysisKey(): string {
    const { dataflow, extraMutators } = this._settings.values;
    return JSON.stringify([
      dataflow && this.otherLanguage === null,
      extraMutators
    ]);
  }

  private _createAnalysis(): NotebookAnalysis {
    this._builtWith = this._analysisKey();
    const { dataflow, extraMutators } = this._settings.values;
    const analysis = new NotebookAnalysis({
      dataflow: dataflow && this.otherLanguage === null,
      extraMutators,
      symbols: this._symbolsOf
    });
    analysis.setSaved(this._saved);
    return analysis;
  }

  private _schedule(): void {
    if (this._scheduled || this._isDisposed) {
      return;
    }
    this._scheduled = true;
    requestAnimationFrame(() => {
      if (this._scheduled) {
        this.refresh();
      }
    });
  }

  /** Answers questions about the notebook as it is now, not as of the last frame. */
  private _flush(): void {
    if (this._scheduled) {
      this.refresh();
    }
  }

  cells(): INotebookCell[] {
    const cells = this.panel.context.model.cells;
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

  private _language(): string | null {
    const model = this.panel.context.model;
    const info = model.getMetadata('language_info') as
      { name?: unknown } | undefined;
    const spec = model.getMetadata('kernelspec') as
      { language?: unknown } | undefined;
    // An empty name (some kernels and converters write one) says nothing.
    const name = [info?.name, spec?.language].find(
      (value): value is string => typeof value === 'string' && value !== ''
    );
    return name === undefined ? null : name.toLowerCase();
  }

  /** Restored records whose source was not kept are analysed from their stored summary. */
  private _symbolsOf = (source: string): ICellSymbols =>
    this._restoredSymbols.get(source) ??
    analyzeCell(source, { extraMutators: this._settings.values.extraMutators });

  private _globals: unknown;
  private _settings: IEffectiveSettings;
  private _builtWith = '';
  private _persist = true;
  private _restoreProblems: string[] = [];
  private _panel: NotebookPanel;
  private _live: IStoredSession | null = null;
  private _restoredSession: IStoredSession | null = null;
  private _restoredSymbols = new Map<string, ICellSymbols>();
  private _recorder: ExecutionRecorder;
  private _analysis: NotebookAnalysis;
  private _records: IExecutionRecord[] = [];
  private _saved = new Map<string, ISavedVerdict>();
  private _statuses: readonly ICellStatus[] = [];
  private _byId = new Map<string, ICellStatus>();
  private _scheduled = false;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

export namespace FreshNotebook {
  export interface IOptions {
    panel: NotebookPanel;
    /** The global settings as the registry holds them (validated here). */
    globals: unknown;
  }
}

namespace Private {
  /**
   * Something that changes when the kernel process restarts: its process id, asked silently
   * (no execution count, no history, nothing defined). Null for kernels that cannot say.
   */
  export async function fingerprint(
    kernel: Kernel.IKernelConnection
  ): Promise<string | null> {
    try {
      const reply = await kernel.requestExecute({
        code: '',
        silent: true,
        store_history: false,
        user_expressions: { pid: '__import__("os").getpid()' }
      }).done;
      const content = reply.content as {
        status: string;
        user_expressions?: Record<
          string,
          { status?: string; data?: Record<string, unknown> }
        >;
      };
      const pid = content.user_expressions?.pid;
      const text = pid?.status === 'ok' ? pid.data?.['text/plain'] : undefined;
      return typeof text === 'string' ? `pid:${text}` : null;
    } catch {
      return null;
    }
  }
}
