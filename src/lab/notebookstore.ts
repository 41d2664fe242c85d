import { ICodeCellModel } from '@jupyterlab/cells';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';

import { ISavedVerdict, savedVerdicts } from '../core/check';
import {
  freshWithHistory,
  IStoredSession,
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
import { analyzeCell, PYTHON_BUILTINS } from '../core/python';
import {
  IEffectiveSettings,
  IFreshSettings,
  notebookOverrides
} from '../core/settings';
import { ICellSymbols, IExecutionRecord, INotebookCell } from '../core/types';
import { FreshMetadataStore } from './metadatastore';

/**
 * What Fresh keeps in one notebook's `fresh` metadata, in the model's terms: the settings in
 * effect (the registry's, under the notebook's own), the execution history read on open and
 * written on save, and what was refused of either. Reads and writes go through
 * `FreshMetadataStore`; every rule is the core's.
 */
export class NotebookStore {
  constructor(
    context: DocumentRegistry.IContext<INotebookModel>,
    globals: unknown
  ) {
    this._context = context;
    this._metadata = new FreshMetadataStore(context);
    this._globals = globals;
    this._settings = this._effectiveSettings();
  }

  /** The settings in effect, where each comes from, and what was refused (history too). */
  get settings(): IEffectiveSettings {
    return this._settings;
  }

  /** The global settings (registry over built-in defaults), without this notebook's. */
  get globalSettings(): IFreshSettings {
    return mergeSettings(this._globals, undefined, {
      notebookPath: this._context.path
    }).values;
  }

  /** New global settings from the registry (raw: validated here); `readSettings` applies them. */
  setGlobals(globals: unknown): void {
    this._globals = globals;
  }

  /** Reads the settings again, after the metadata or the globals changed. */
  readSettings(): void {
    this._settings = this._effectiveSettings();
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
   * Removes everything the extension wrote into the notebook, and writes no history there
   * while it stays open.
   */
  removeFreshData(): void {
    this._metadata.remove();
  }

  /**
   * Reads the history saved in the notebook (it may come from anyone: validated) for its cells
   * as they are: the records, and the kernel session they ran in. What was refused joins the
   * settings' problems.
   */
  restore(cells: INotebookCell[]): {
    records: IExecutionRecord[];
    session: IStoredSession | null;
  } {
    const validated = validateFreshMetadata(this._metadata.read(), {
      notebookPath: this._context.path
    });
    const restored = restoreHistory(validated.fresh?.history, cells);
    this._restoreProblems = restored.problems;
    this._restoredSymbols = restored.symbols;
    this.readSettings();
    return { records: restored.records, session: restored.session };
  }

  /**
   * What the file says about cells no record covers (`nbfresh check`'s evidence): the
   * execution counts and stored hashes as they are now, read on open.
   */
  savedVerdicts(
    cells: INotebookCell[],
    language: string
  ): Map<string, ISavedVerdict> {
    const model = this._context.model;
    const counted = cells.map((cell, i) => {
      const count =
        cell.cellType === 'code'
          ? (model.cells.get(i) as ICodeCellModel).executionCount
          : null;
      return { ...cell, executionCount: count };
    });
    return savedVerdicts(
      {
        cells: counted,
        metadata: { [FRESH_KEY]: this._metadata.read() },
        language
      },
      { symbols: this.symbolsOf, builtins: PYTHON_BUILTINS }
    );
  }

  /**
   * A source's symbols: a restored record whose source was not kept is analysed from its
   * stored summary.
   */
  readonly symbolsOf = (source: string): ICellSymbols =>
    this._restoredSymbols.get(source) ??
    analyzeCell(source, { extraMutators: this._settings.values.extraMutators });

  /**
   * Writes the bounded history into the notebook, unless the user removed Fresh's data or
   * there is nothing to keep (no record, and no `fresh` metadata yet).
   */
  saveHistory(
    records: readonly IExecutionRecord[],
    cells: INotebookCell[],
    live: IStoredSession | null
  ): void {
    if (
      !this._metadata.keepsHistory ||
      (records.length === 0 && this._metadata.read() === undefined)
    ) {
      return;
    }
    const { values } = this._settings;
    const stored = storeHistory(
      records,
      cells,
      live,
      { maxExecutions: values.historyLimit, keepSources: values.keepSources },
      this.symbolsOf
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

  private _effectiveSettings(): IEffectiveSettings {
    const settings = mergeSettings(this._globals, this._metadata.read(), {
      notebookPath: this._context.path
    });
    settings.problems.push(...this._restoreProblems);
    return settings;
  }

  private _context: DocumentRegistry.IContext<INotebookModel>;
  private _metadata: FreshMetadataStore;
  private _globals: unknown;
  private _settings: IEffectiveSettings;
  private _restoreProblems: SettingsProblem[] = [];
  private _restoredSymbols = new Map<string, ICellSymbols>();
}
