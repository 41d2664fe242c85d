import fc from 'fast-check';
import { ICellSymbols } from '../../types';
import {
  analysisCacheSize,
  analyzeCell,
  ANALYSIS_FAILED,
  CACHE_LIMIT,
  clearAnalysisCache,
  preprocessIPython
} from '../index';

// A fixed seed keeps CI reproducible; set FRESH_FC_SEED to explore other inputs locally.
fc.configureGlobal({ seed: Number(process.env.FRESH_FC_SEED ?? 20261121) });

/** An identifier as the grammar reads it (any character from U+00A1 up counts as a letter). */
const NAME = /^[A-Za-z_\u{a1}-\u{10ffff}][A-Za-z0-9_\u{a1}-\u{10ffff}]*$/u;
const PSEUDO = /^(file|random|matplotlib):./;

/** What must hold for any input. */
function checkInvariants(source: string, result: ICellSymbols): void {
  expect(result.opaque).not.toContain(ANALYSIS_FAILED);
  for (const list of [
    result.defines,
    result.reads,
    result.mutates,
    result.deletes,
    result.calls
  ]) {
    expect(new Set(list).size).toBe(list.length);
    for (const name of list) {
      expect(NAME.test(name) || PSEUDO.test(name)).toBe(true);
    }
  }
  for (const summary of Object.values(result.functions)) {
    for (const name of [
      ...summary.reads,
      ...summary.writes,
      ...summary.mutates
    ]) {
      expect(NAME.test(name) || PSEUDO.test(name)).toBe(true);
    }
  }
  if (result.syntaxError !== undefined) {
    const lines = source.split('\n');
    expect(result.syntaxError.line).toBeGreaterThanOrEqual(0);
    expect(result.syntaxError.line).toBeLessThan(lines.length);
    expect(result.syntaxError.column).toBeGreaterThanOrEqual(0);
  }
}

const TOKENS = [
  'x',
  'y',
  'df',
  'np',
  'self',
  'items',
  'f',
  'g',
  'random',
  'open',
  '_',
  'def',
  'class',
  'if',
  'elif',
  'else',
  'for',
  'in',
  'while',
  'try',
  'except',
  'finally',
  'with',
  'as',
  'lambda',
  'return',
  'yield',
  'import',
  'from',
  'global',
  'nonlocal',
  'del',
  'pass',
  'match',
  'case',
  'async',
  'await',
  'not',
  'and',
  'or',
  'is',
  'None',
  'True',
  '=',
  '+=',
  ':=',
  '==',
  '+',
  '-',
  '*',
  '**',
  '/',
  '%',
  '@',
  '.',
  ',',
  ':',
  ';',
  '->',
  '|',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '\\',
  "'a.csv'",
  '"b"',
  "'''c",
  '"""',
  "f'{x}'",
  'f"{y!r:>{w}}"',
  "r'\\d'",
  "'",
  '1',
  '2.',
  '0x1f',
  '1e5',
  '3.j',
  '%time',
  '%%bash',
  '%%time',
  '%timeit',
  '!ls',
  '$x',
  '{x}',
  '?',
  '??',
  '%matplotlib',
  '#',
  '# comment?',
  '.append(',
  '.to_csv(',
  'inplace=True',
  'np.random.seed(',
  '>>>'
];

const line = fc
  .tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 8 })
  )
  .map(([indent, tokens]) => '    '.repeat(indent) + tokens.join(' '));

const pythonLike = fc
  .array(line, { minLength: 1, maxLength: 30 })
  .map(lines => lines.join('\n'));

describe('analyzeCell on arbitrary input', () => {
  it('never fails on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), source => {
        checkInvariants(source, analyzeCell(source));
      }),
      { numRuns: 500 }
    );
  });

  it('never fails on any unicode string', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 200 }), source => {
        checkInvariants(source, analyzeCell(source));
      }),
      { numRuns: 300 }
    );
  });

  it('never fails on Python-like text', () => {
    fc.assert(
      fc.property(pythonLike, source => {
        checkInvariants(source, analyzeCell(source));
      }),
      { numRuns: 1000 }
    );
  });

  it('keeps every line of Python-like text when preprocessing', () => {
    fc.assert(
      fc.property(pythonLike, source => {
        const result = preprocessIPython(source);
        expect(result.python.split('\n').length).toBe(
          source.split('\n').length
        );
      }),
      { numRuns: 1000 }
    );
  });

  it('gives the same answer with and without the cache', () => {
    fc.assert(
      fc.property(pythonLike, source => {
        const first = analyzeCell(source);
        clearAnalysisCache();
        expect(analyzeCell(source)).toEqual(first);
      }),
      { numRuns: 200 }
    );
  });

  it('keeps a bounded cache, dropping the least recently used first', () => {
    clearAnalysisCache();
    const kept = 'x = 1  # used again and again';
    const first = analyzeCell(kept);
    const early = analyzeCell('y = x');
    for (let i = 0; i < CACHE_LIMIT + 500; i++) {
      analyzeCell(`y${i} = x`);
      analyzeCell(`y${i} = x`, { extraMutators: ['grow'] });
      if (i % 1000 === 0) {
        analyzeCell(kept);
      }
      expect(analysisCacheSize()).toBeLessThanOrEqual(2 * CACHE_LIMIT);
    }
    expect(analysisCacheSize()).toBe(2 * CACHE_LIMIT);
    // Used recently: still the cached object; unused since the start: analysed again.
    expect(analyzeCell(kept)).toBe(first);
    const again = analyzeCell('y = x');
    expect(again).not.toBe(early);
    expect(again).toEqual(early);
  });

  it('analyses 20 KB of Python-like text in bounded time', () => {
    // Sampled, not asserted with shrinking: shrinking 2 000-line inputs takes minutes.
    const big = fc
      .array(line, { minLength: 2000, maxLength: 2000 })
      .map(lines => lines.join('\n').slice(0, 20000));
    let slowest = 0;
    for (const source of fc.sample(big, { numRuns: 20, seed: 20240601 })) {
      clearAnalysisCache();
      const started = performance.now();
      const result = analyzeCell(source);
      slowest = Math.max(slowest, performance.now() - started);
      checkInvariants(source, result);
    }
    // Measured well under 100 ms per input; the bound only catches blow-ups.
    expect(slowest).toBeLessThan(5000);
  });
});

describe('analyzeCell on huge and deep cells', () => {
  const cases: Array<[string, () => string]> = [
    [
      '1 MB of ordinary code',
      () =>
        'import numpy as np\nrows = []\nfor i in range(10):\n    rows.append(np.random.rand(i) * k)\n'
          .repeat(12000)
          .slice(0, 1_000_000)
    ],
    ['50 000 open brackets', () => `x = ${'('.repeat(50000)}`],
    ['a 100 000-term sum', () => `x = ${'a + '.repeat(100000)}b`],
    [
      'a 20 000-deep attribute chain',
      () => `y = a${'.b'.repeat(20000)}.append(1)`
    ],
    [
      'a 10 000-deep call chain',
      () => `z = ${'f('.repeat(10000)}x${')'.repeat(10000)}`
    ],
    [
      'nested lists 5 000 deep',
      () => `w = ${'['.repeat(5000)}v${']'.repeat(5000)}`
    ],
    [
      'blocks nested 300 deep',
      () => {
        let text = '';
        for (let depth = 0; depth < 300; depth++) {
          text += `${' '.repeat(depth)}if c${depth}:\n`;
        }
        return `${text}${' '.repeat(300)}deep = 1\n`;
      }
    ],
    ['10 000 lambdas', () => `f = ${'lambda: '.repeat(10000)}q`],
    ['20 000 magics', () => '%time x = f(a)\n!ls $x\n'.repeat(10000)],
    ['an unterminated triple string', () => `s = """${'text\n'.repeat(50000)}`]
  ];

  it.each(cases)('%s', (title, make) => {
    const source = make();
    clearAnalysisCache();
    const result = analyzeCell(source);
    checkInvariants(source, result);
  });

  it('still reads the names of an expression too deep to walk', () => {
    const result = analyzeCell(`x = ${'a + '.repeat(5000)}b`);
    expect(result.reads).toEqual(['a', 'b']);
    expect(result.defines).toEqual(['x']);
  });
});
