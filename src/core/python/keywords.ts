/** Python's reserved words: never a name, so never a variable, a magic target or an alias. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield'
]);

/** Soft keywords: valid names, but a generated name should not be one. */
export const PYTHON_SOFT_KEYWORDS: ReadonlySet<string> = new Set([
  'match',
  'case',
  'type',
  '_'
]);
