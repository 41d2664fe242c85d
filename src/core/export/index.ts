/**
 * The export writers: a notebook's cells (and, for "as run", its execution log) to the text of
 * a Python file. Pure: no file system; the UI and `nbfresh export` decide where text goes.
 *
 *     const { text, warnings } = exportNotebook(cells, { format: 'script', notebookName: 'a.ipynb' });
 *
 * Every export starts with a header line (`EXPORT_HEADER_PREFIX`); `isFreshExport` tells a file
 * written by an export from any other, which must never be overwritten without asking.
 */
import { INotebookCell } from '../types';
import { moduleExport } from './module';
import {
  IExportContext,
  IExportOptions,
  IExportResult,
  resolveOptions
} from './options';
import {
  asRunExport,
  gatherExport,
  percentExport,
  scriptExport
} from './script';

export { EXPORT_HEADER_PREFIX, isFreshExport } from './writer';
export { PARAMETERS_TAG } from './module';
export { MAGICS_MODES, MagicsMode } from './magics';
export {
  DEFAULT_SKIP_TAG,
  EXPORT_FORMATS,
  ExportFormat,
  NOTEBOOK_FORMATS,
  NotebookFormat,
  IExportContext,
  IExportOptions,
  IExportResult
} from './options';

/** Writes one export of the notebook as it is now (`cells` in notebook order). */
export function exportNotebook(
  cells: INotebookCell[],
  options: IExportOptions,
  context: IExportContext = {}
): IExportResult {
  const resolved = resolveOptions(options);
  switch (resolved.format) {
    case 'percent':
      return percentExport(cells, resolved);
    case 'script':
      return scriptExport(cells, resolved);
    case 'gather':
      return gatherExport(cells, resolved);
    case 'as-run':
      return asRunExport(cells, resolved, context);
    case 'module':
      return moduleExport(cells, resolved);
  }
}
