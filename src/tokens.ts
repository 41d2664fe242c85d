/**
 * Command ids, interfaces and tokens shared by the plugins of jupyterlab-fresh.
 */
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

import {
  IAnalysisResult,
  ICellStatus,
  IExecutionRecord,
  INotebookCell
} from './core/types';
import { IMissingName } from './core/check';
import { SettingsProblem } from './core/problems';
import { IEffectiveSettings, IFreshSettings } from './core/settings';

export namespace CommandIDs {
  export const openPanel = 'jupyterlab-fresh:open-panel';
  export const bringUpToDate = 'jupyterlab-fresh:bring-up-to-date';
  export const runCellNeeds = 'jupyterlab-fresh:run-cell-needs';
  export const jumpToCell = 'jupyterlab-fresh:jump-to-cell';
  export const exportScript = 'jupyterlab-fresh:export-script';
  export const exportCell = 'jupyterlab-fresh:export-cell';
}

/** The translation domain of every visible string. */
export const TRANSLATION_DOMAIN = 'jupyterlab_fresh';

/**
 * What jupyterlab-fresh knows about one open notebook: what ran, and the verdict of the core.
 */
export interface IFreshNotebook {
  /**
   * The notebook document. Its views (New View for Notebook) share this model: what acts on
   * a cell takes it from the view the user is in, not from here.
   */
  readonly context: DocumentRegistry.IContext<INotebookModel>;
  /** Every execution recorded, in the order they finished, across kernel sessions. */
  readonly records: readonly IExecutionRecord[];
  /** The live kernel session, or null when there is no kernel. */
  readonly kernelSession: string | null;
  /**
   * The analysis as of the last refresh, with the re-run plan (computed when first read).
   * Reading it changes nothing.
   */
  readonly result: IAnalysisResult;
  /** The analysis of the notebook as it is now: runs a pending refresh (emits `changed`). */
  currentResult(): IAnalysisResult;
  /** Each code cell's flags and reasons, recomputed at most once per animation frame. */
  readonly statuses: readonly ICellStatus[];
  /**
   * The language cells are analysed as: `python` for any spelling of Python or none given,
   * else the kernel's language (lower case), for which dataflow flags are off.
   */
  readonly language: 'python' | string;
  /** Emitted after the analysis changed. */
  readonly changed: ISignal<IFreshNotebook, void>;
  /** The notebook's cells as they are now, in the core's terms. */
  cells(): INotebookCell[];
  /** The status of a code cell, if it is one. */
  statusOf(cellId: string): ICellStatus | undefined;
  /** Direct precedents (cells whose values it reads). */
  precedents(cellId: string): string[];
  /** Direct dependents (cells that read what it writes). */
  dependents(cellId: string): string[];
  /** The cells to run so that this cell is up to date, in order. */
  planFor(cellId: string): string[];
  /**
   * The names a code cell reads that, top to bottom, nothing defines before it (Python only),
   * computed once per version of the cells.
   */
  missingNames(cellId: string): IMissingName[];
  /** The settings in effect for this notebook, where each comes from, and refused values. */
  readonly settings: IEffectiveSettings;
  /** The global settings alone (what "Reset to defaults" returns to). */
  readonly globalSettings: IFreshSettings;
  /**
   * Stores this notebook's settings in its metadata (only what differs from the globals);
   * refused values are not written and the returned problems say why.
   */
  setNotebookSettings(values: IFreshSettings): SettingsProblem[];
  /** Removes this notebook's settings. */
  resetSettings(): void;
  /** Removes everything the extension wrote into the notebook. */
  removeFreshData(): void;
  /** Recomputes now instead of at the next animation frame (for tests and commands). */
  refresh(): void;
}

export interface IFreshTracker {
  /** The model of a notebook panel, created when the panel was opened. */
  get(panel: NotebookPanel): IFreshNotebook | undefined;
  /** Emitted when a notebook gets its model. */
  readonly added: ISignal<IFreshTracker, IFreshNotebook>;
}

export const IFreshTracker = new Token<IFreshTracker>(
  'jupyterlab-fresh:IFreshTracker',
  'The execution log and freshness analysis of each open notebook.'
);
