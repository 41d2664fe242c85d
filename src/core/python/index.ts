/**
 * IPython-aware analysis of a code cell into the symbols it defines, reads and changes
 * (`ICellSymbols` in `../types.ts`).
 */
export {
  analyzeCell,
  clearAnalysisCache,
  IAnalyzeOptions,
  ANALYSIS_FAILED
} from './analyze';
export { PYTHON_BUILTINS } from './builtins';
export {
  interpolatedNames,
  IMagicEffects,
  IPreprocessed,
  preprocessIPython
} from './ipython';
export { MUTATING_METHODS } from './mutators';
