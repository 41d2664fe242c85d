/** The options and results of `exportNotebook`. */
import { ExportWarning } from '../findings';
import { IExecutionRecord } from '../types';
import { MagicsMode } from './magics';

/** The formats that write a whole notebook: the ones a setting or the paired file can name. */
export const NOTEBOOK_FORMATS = ['script', 'module', 'percent'] as const;
export type NotebookFormat = (typeof NOTEBOOK_FORMATS)[number];

/** Every format; `gather` needs a chosen cell, `as-run` the execution log. */
export type ExportFormat = NotebookFormat | 'gather' | 'as-run';
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  ...NOTEBOOK_FORMATS,
  'gather',
  'as-run'
];

export interface IExportOptions {
  /**
   * `script`: the clean script, code cells in a dependency-valid order.
   * `module`: one function per markdown section and a `main()`.
   * `percent`: every cell in notebook order.
   * `gather`: the cells that `cellId` needs, and the cell.
   * `as-run`: the live session's executions that are still in effect (needs `executions`).
   */
  format: ExportFormat;
  /** Named in the header line. */
  notebookName: string;
  /** Magics and shell escapes: `# %time` comments (default), `get_ipython()` calls, or left out. */
  magics?: MagicsMode;
  /** Markdown cells as comments (default true; `percent` always has them). */
  markdown?: boolean;
  /** Imports moved to the top and de-duplicated (default true; `module` always does). */
  hoistImports?: boolean;
  /** Leave out cells that only show something nothing later uses (default false). */
  dropDisplayOnly?: boolean;
  /** Cells with this tag are left out of `script`, `module` and `gather` (default `fresh-skip`). */
  skipTag?: string;
  /** The chosen cell for `gather`. */
  cellId?: string;
  /** Extra method names that change their receiver, as in the analysis settings. */
  extraMutators?: string[];
}

export interface IExportContext {
  /** The execution log, in the order executions finished (for `as-run`). */
  executions?: IExecutionRecord[];
  /** The live kernel session; default: the session of the last execution. */
  kernelSession?: string;
}

export interface IExportResult {
  /** The file's text; its first line is the header (see `isFreshExport`). */
  text: string;
  /** What a person should know: cells moved, left out or commented out, names defined nowhere. */
  warnings: ExportWarning[];
}

/** Options with every default filled in. */
export type IResolvedOptions = Required<Omit<IExportOptions, 'cellId'>> & {
  cellId?: string;
};

export const DEFAULT_SKIP_TAG = 'fresh-skip';

export function resolveOptions(options: IExportOptions): IResolvedOptions {
  return {
    format: options.format,
    notebookName: options.notebookName,
    magics: options.magics ?? 'comment',
    markdown: options.markdown ?? true,
    hoistImports: options.hoistImports ?? true,
    dropDisplayOnly: options.dropDisplayOnly ?? false,
    skipTag: options.skipTag ?? DEFAULT_SKIP_TAG,
    extraMutators: options.extraMutators ?? [],
    cellId: options.cellId
  };
}
