/** The staleness engine: flags, reasons, re-run plans and dependencies of notebook cells. */
export {
  analyzeNotebook,
  INotebookAnalysisOptions,
  NotebookAnalysis
} from './engine';
