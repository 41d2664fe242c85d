/**
 * Any notebook text (markdown, raw cells, magic arguments, cell ids, notebook names, random
 * Unicode with every line-end character), exported in every format, holds no statement that
 * the notebook's code cells do not: Python's `ast` reads each export, in batches.
 */
import fc from 'fast-check';

import { exportNotebook, ExportFormat } from '..';
import { IExecutionRecord, INotebookCell } from '../../types';
import { checkStatements, IStatementsJob } from './astcheck';

const NOTEBOOKS = 10000;

/** Characters that end lines somewhere, and others that tools treat specially. */
const TRICKY = [
  '\n',
  '\r',
  '\r\n',
  '\f',
  '\v',
  '\x1c',
  '\x1d',
  '\x1e',
  '\u0085',
  '\u2028',
  '\u2029',
  '\0',
  '\x1b',
  '\\',
  '#',
  '"""',
  "'''",
  '%',
  '!',
  'coding=utf_7 +AAo-',
  "print('pwned')",
  ' ',
  '\t'
];

const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.string({ unit: 'binary', maxLength: 6 })
    ),
    { maxLength: 12 }
  )
  .map(parts => parts.join(''));

/** Text on one physical line of code: a line end there would start real code. */
const lineText = text.map(t => t.replace(/[\r\n]/g, ' ').replace(/\\+$/, ''));

/** Statements whose meaning is the same wherever the export puts them. */
const PYTHON = [
  'x = 1',
  'y = [x, 2]',
  'print(len(y))',
  'def f(a):\n    return a * 2',
  'class C:\n    """Doc."""',
  "s = '''multi\nline # not a comment'''",
  'for i in range(2):\n    y.append(i)',
  'z = f(3) if x else 0'
];

interface ICodeSpec {
  python: string[];
  ipython: string[];
  ends: string;
}

const codeCell = fc.record({
  python: fc.subarray(PYTHON, { maxLength: 3 }),
  ipython: fc.array(
    fc.oneof(
      lineText.map(t => `%matplotlib ${t}`),
      lineText.map(t => `!echo ${t}`),
      lineText.map(t => `%env A=${t}`)
    ),
    { maxLength: 2 }
  ),
  ends: fc.constantFrom('\n', '\r\n', '\r')
});

const brokenCell = text.map(t => `def broken(:\n    ${t}`);

const cell = fc.oneof(
  codeCell.map(spec => ({ kind: 'code' as const, spec })),
  text.map(source => ({ kind: 'markdown' as const, source })),
  text.map(source => ({ kind: 'raw' as const, source })),
  brokenCell.map(source => ({ kind: 'broken' as const, source }))
);

const notebookArbitrary = fc.record({
  name: text,
  cells: fc.array(fc.record({ id: text, cell }), {
    minLength: 1,
    maxLength: 6
  }),
  deletedId: text,
  magics: fc.constantFrom('comment' as const, 'drop' as const)
});

function codeSource(spec: ICodeSpec): string {
  return [...spec.ipython, ...spec.python].join(spec.ends);
}

describe('hostile notebook text', () => {
  it(`adds no statement in any export (${NOTEBOOKS} notebooks)`, () => {
    const seed = Date.now() % 1000000;
    const samples = fc.sample(notebookArbitrary, { numRuns: NOTEBOOKS, seed });
    const jobs: IStatementsJob[] = [];
    const origin: string[] = [];
    samples.forEach((sample, n) => {
      const cells: INotebookCell[] = sample.cells.map(({ id, cell: c }, i) => {
        // Ids are unique in a notebook; the random text is kept around the number.
        const unique = `${id}-${i}`;
        return c.kind === 'code'
          ? {
              id: unique,
              cellType: 'code',
              source: codeSource(c.spec),
              tags: []
            }
          : c.kind === 'broken'
            ? { id: unique, cellType: 'code', source: c.source, tags: [] }
            : { id: unique, cellType: c.kind, source: c.source, tags: [] };
      });
      const python = sample.cells.flatMap(({ cell: c }) =>
        c.kind === 'code' ? [c.spec.python.join('\n')] : []
      );
      const code = cells.filter(c => c.cellType === 'code');
      const executions: IExecutionRecord[] = [
        ...code.map((c, i) => ({
          cellId: c.id,
          source: c.source,
          executionCount: i + 1,
          kernelSession: 'k',
          status: 'ok' as const
        })),
        {
          cellId: sample.deletedId,
          source: 'w = 5',
          executionCount: code.length + 1,
          kernelSession: 'k',
          status: 'ok'
        }
      ];
      const formats: ExportFormat[] = [
        'script',
        'percent',
        'module',
        'gather',
        'as-run'
      ];
      for (const format of formats) {
        const { text: exported } = exportNotebook(
          cells,
          {
            format,
            notebookName: sample.name,
            magics: sample.magics,
            cellId: code.length > 0 ? code[code.length - 1].id : undefined
          },
          { executions }
        );
        jobs.push({
          text: exported,
          cells: format === 'as-run' ? [...python, 'w = 5'] : python,
          exact: format === 'percent',
          module: format === 'module'
        });
        origin.push(`notebook ${n} of seed ${seed}, ${format}`);
      }
    });
    const problems = checkStatements(jobs)
      .map((problem, i) => (problem ? `${origin[i]}: ${problem}` : null))
      .filter(problem => problem !== null);
    expect(problems.slice(0, 3)).toEqual([]);
  }, 600000);
});
