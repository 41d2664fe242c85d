/**
 * What the export dialog and the paired file decide, as pure functions: the formats and
 * options offered, the suggested file name, whether an existing file may be replaced, and
 * which cells to warn about. The views only show these answers.
 */
import { checkExport, IExportProblem } from '../core/check';
import {
  ExportFormat,
  IExportOptions,
  IExportResult,
  isFreshExport
} from '../core/export';
import { MagicsMode } from '../core/export/magics';
import { analyzeCell, PYTHON_BUILTINS } from '../core/python';
import {
  CONTROL_CHARACTERS,
  notebookBaseName,
  notebookFileName,
  resolvePairedPath
} from '../core/export/paired';
import { IFreshSettings } from '../core/settings';
import {
  CellFlag,
  IAnalysisResult,
  ICellStatus,
  INotebookCell
} from '../core/types';
import { CommandIDs } from '../tokens';

/** The options a person can change in the dialog. */
export type ExportOption =
  'markdown' | 'hoistImports' | 'magics' | 'dropDisplayOnly';

/** Only the options that change what a format writes (the others are fixed by the format). */
export const FORMAT_OPTIONS: Readonly<
  Record<ExportFormat, readonly ExportOption[]>
> = {
  script: ['markdown', 'hoistImports', 'magics', 'dropDisplayOnly'],
  gather: ['hoistImports', 'magics'],
  'as-run': ['hoistImports', 'magics'],
  module: ['markdown', 'magics', 'dropDisplayOnly'],
  percent: ['magics']
};

/** The formats in the order the dialog lists them; `gather` needs a chosen code cell. */
export function dialogFormats(hasCell: boolean): ExportFormat[] {
  const formats: ExportFormat[] = ['script', 'gather', 'as-run', 'module'];
  return [
    ...formats.filter(format => format !== 'gather' || hasCell),
    'percent'
  ];
}

/** The code cell the dialog exports for `gather`, with its position among all cells. */
export interface IChosenCell {
  cellId: string;
  index: number;
}

/** Everything the dialog lets a person choose. */
export interface IExportChoice {
  format: ExportFormat;
  markdown: boolean;
  hoistImports: boolean;
  magics: MagicsMode;
  dropDisplayOnly: boolean;
  /** A file name in the notebook's folder. */
  fileName: string;
}

/**
 * The dialog's first state: the notebook's effective settings, `gather` when it was opened
 * for a cell (`forCell`), and the suggested file name.
 */
export function initialChoice(
  settings: IFreshSettings,
  notebookPath: string,
  cell: IChosenCell | null,
  forCell: boolean
): IExportChoice {
  const format: ExportFormat =
    forCell && cell ? 'gather' : settings.exportFormat;
  return {
    format,
    markdown: settings.markdownAsComments,
    hoistImports: settings.hoistImports,
    magics: settings.magics,
    dropDisplayOnly: settings.dropDisplayOnly,
    fileName: suggestedFileName(notebookPath, format, cell)
  };
}

/**
 * `analysis.ipynb` → `analysis.py` (clean script), `analysis_cell4.py` (the code for cell 4),
 * `analysis_as_run.py`, `analysis_module.py`, `analysis_percent.py`.
 */
export function suggestedFileName(
  notebookPath: string,
  format: ExportFormat,
  cell: IChosenCell | null
): string {
  const base = notebookBaseName(notebookPath);
  switch (format) {
    case 'script':
      return `${base}.py`;
    case 'gather':
      return cell ? `${base}_cell${cell.index + 1}.py` : `${base}_cell.py`;
    case 'as-run':
      return `${base}_as_run.py`;
    case 'module':
      return `${base}_module.py`;
    case 'percent':
      return `${base}_percent.py`;
  }
}

/**
 * After the format changed: the file name follows it unless the person typed their own.
 */
export function fileNameAfterFormatChange(
  notebookPath: string,
  previous: IExportChoice,
  format: ExportFormat,
  cell: IChosenCell | null
): string {
  const suggested = suggestedFileName(notebookPath, previous.format, cell);
  return previous.fileName === suggested
    ? suggestedFileName(notebookPath, format, cell)
    : previous.fileName;
}

/** The options for `exportNotebook`: the choice, plus what only the settings say. */
export function exportOptions(
  choice: IExportChoice,
  settings: IFreshSettings,
  notebookPath: string,
  cell: IChosenCell | null
): IExportOptions {
  return {
    format: choice.format,
    notebookName: notebookFileName(notebookPath),
    markdown: choice.markdown,
    hoistImports: choice.hoistImports,
    magics: choice.magics,
    dropDisplayOnly: choice.dropDisplayOnly,
    skipTag: settings.skipTag,
    extraMutators: settings.extraMutators,
    cellId: choice.format === 'gather' ? cell?.cellId : undefined
  };
}

/** Why a file name typed in the dialog cannot be used (the view words it), or null. */
export type FileNameProblem =
  'empty' | 'folder' | 'characters' | 'extension' | 'hidden';

export function fileNameProblem(fileName: string): FileNameProblem | null {
  if (fileName.trim() === '') {
    return 'empty';
  }
  if (fileName.includes('/') || fileName.includes('\\')) {
    return 'folder';
  }
  if (CONTROL_CHARACTERS.test(fileName) || fileName.includes(':')) {
    return 'characters';
  }
  if (!fileName.endsWith('.py') || fileName === '.py') {
    return 'extension';
  }
  if (fileName.startsWith('.')) {
    return 'hidden';
  }
  return null;
}

/** The path (Contents API, `/`-separated) of a file next to the notebook. */
export function siblingPath(notebookPath: string, fileName: string): string {
  const path = notebookPath.replace(/^\/+/, '');
  const slash = path.lastIndexOf('/');
  return slash < 0 ? fileName : `${path.slice(0, slash + 1)}${fileName}`;
}

/** What the Contents API returned for the target path (content as text when it is text). */
export interface IExistingFile {
  type: string;
  content: unknown;
}

/**
 * `absent`: nothing there. `ours`: an earlier export (its first line is the header), replaced
 * silently. `foreign`: any other file, replaced only if the person says so. `folder`: never.
 */
export type ExistingKind = 'absent' | 'ours' | 'foreign' | 'folder';

export function existingKind(existing: IExistingFile | null): ExistingKind {
  if (existing === null) {
    return 'absent';
  }
  if (existing.type === 'directory') {
    return 'folder';
  }
  return existing.type === 'file' &&
    typeof existing.content === 'string' &&
    isFreshExport(existing.content)
    ? 'ours'
    : 'foreign';
}

/**
 * The paired file is written without asking, so anything not written by an export stays.
 * `unchanged` spares a write (and a reload in an open editor) when the text is the same.
 */
export type PairedDecision = 'write' | 'unchanged' | 'foreign' | 'folder';

export function pairedDecision(
  existing: IExistingFile | null,
  text: string
): PairedDecision {
  const kind = existingKind(existing);
  if (kind === 'ours' && existing?.content === text) {
    return 'unchanged';
  }
  return kind === 'absent' || kind === 'ours' ? 'write' : kind;
}

/** Where and what the paired file of a notebook is, or null when none is written. */
export interface IPairedTarget {
  path: string;
  /** The path relative to the notebook's folder, for messages. */
  relativePath: string;
  options: IExportOptions;
}

export function pairedTarget(
  settings: IFreshSettings,
  notebookPath: string,
  language: string
): IPairedTarget | null {
  if (!settings.pairedFile || language !== 'python') {
    return null;
  }
  // An invalid name is already reported with the notebook's settings problems.
  const resolved = resolvePairedPath(notebookPath, settings.pairedFileName);
  if ('why' in resolved) {
    return null;
  }
  return {
    path: resolved.path,
    relativePath: resolved.path.slice(siblingPath(notebookPath, '').length),
    options: {
      format: settings.exportFormat,
      notebookName: notebookFileName(notebookPath),
      markdown: settings.markdownAsComments,
      hoistImports: settings.hoistImports,
      magics: settings.magics,
      dropDisplayOnly: settings.dropDisplayOnly,
      skipTag: settings.skipTag,
      extraMutators: settings.extraMutators
    }
  };
}

/** The flags that mean the notebook's outputs do not come from the code being exported. */
export const WARNING_FLAGS: readonly CellFlag[] = [
  'stale',
  'edited',
  'never-run'
];

/** A cell to warn about, with only the flags that matter for the export. */
export interface ICellWarning {
  cellId: string;
  index: number;
  flags: CellFlag[];
}

/**
 * The cells whose outputs the export would not reproduce, in notebook order. `relevant`
 * limits them to the cells the export contains (for `gather`); `as-run` writes the code that
 * produced the outputs, so it never warns.
 */
export function cellsToWarnAbout(
  format: ExportFormat,
  result: IAnalysisResult,
  relevant: ReadonlySet<string> | null
): ICellWarning[] {
  if (format === 'as-run') {
    return [];
  }
  return result.cells
    .filter(cell => relevant === null || relevant.has(cell.cellId))
    .map((cell: ICellStatus) => ({
      cellId: cell.cellId,
      index: cell.index,
      flags: cell.flags.filter(flag => WARNING_FLAGS.includes(flag))
    }))
    .filter(cell => cell.flags.length > 0)
    .sort((a, b) => a.index - b.index);
}

/**
 * What would stop the exported file with `NameError` (`nbfresh check` on its text): the
 * dialog lists these as blocking. Name checks need Python: none for another language.
 */
export function blockingProblems(
  result: IExportResult,
  cells: readonly INotebookCell[],
  settings: IFreshSettings,
  language: string
): IExportProblem[] {
  if (language !== 'python') {
    return [];
  }
  const { extraMutators } = settings;
  return checkExport(result, cells, {
    symbols: source => analyzeCell(source, { extraMutators }),
    builtins: PYTHON_BUILTINS
  });
}

/** The command behind "Bring Up to Date First": only what the chosen cell needs for `gather`. */
export function upToDateCommand(
  format: ExportFormat,
  cell: IChosenCell | null
): { id: string; args: { cellId?: string } } {
  return format === 'gather' && cell
    ? { id: CommandIDs.runCellNeeds, args: { cellId: cell.cellId } }
    : { id: CommandIDs.bringUpToDate, args: {} };
}
