/**
 * IPython-aware analysis of a code cell into the symbols it defines, reads and changes
 * (`ICellSymbols` in `../types.ts`).
 */
export {
  analysisCacheSize,
  analyzeCell,
  CACHE_LIMIT,
  clearAnalysisCache,
  hasCode,
  IAnalyzeOptions,
  ANALYSIS_FAILED
} from './analyze';
export { isAlwaysDefined, PYTHON_BUILTINS } from './builtins';
export {
  interpolatedNames,
  IMagicEffects,
  IPreprocessed,
  normalizeCell,
  preprocessIPython
} from './ipython';
export { MUTATING_METHODS } from './mutators';
