/** The staleness engine: flags, reasons, re-run plans and dependencies of notebook cells. */
export {
  analyzeNotebook,
  INotebookAnalysisOptions,
  NotebookAnalysis
} from './engine';
export { cellRef, nameText } from './classify';
export { planWarningText } from './plan';
