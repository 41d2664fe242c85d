import fc from 'fast-check';

import { exportNotebook, ExportFormat } from '..';
import { parseCode } from '../python';
import { codeBlocks, notebook } from './cells';

/**
 * A notebook whose cells each define `v<i>` from some of the names defined before it in a
 * hidden valid order, shuffled: the clean script must find an order where every name is
 * defined before it is read.
 */
const shuffledDag = fc.integer({ min: 2, max: 9 }).chain(n =>
  fc.record({
    reads: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.subarray(Array.from({ length: i }, (__, j) => j))
      )
    ),
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n }
    )
  })
);

function source(i: number, reads: number[]): string {
  return `v${i} = ${['1', ...reads.map(j => `v${j}`)].join(' + ')}`;
}

describe('clean script order', () => {
  it('defines every name before a cell reads it, whatever the notebook order', () => {
    fc.assert(
      fc.property(shuffledDag, ({ reads, order }) => {
        const cells = notebook(...order.map(i => source(i, reads[i])));
        const blocks = codeBlocks(
          exportNotebook(cells, { format: 'script', notebookName: 'n' }).text
        );
        expect([...blocks].sort()).toEqual(cells.map(c => c.source).sort());
        const position = new Map(
          blocks.map((block, k) => [/^v(\d+)/.exec(block)![1], k])
        );
        order.forEach(i => {
          reads[i].forEach(j =>
            expect(position.get(String(j))!).toBeLessThan(
              position.get(String(i))!
            )
          );
        });
      }),
      { numRuns: 60 }
    );
  });

  it('keeps notebook order when it is already valid', () => {
    fc.assert(
      fc.property(shuffledDag, ({ reads }) => {
        const cells = notebook(...reads.map((r, i) => source(i, r)));
        const result = exportNotebook(cells, {
          format: 'script',
          notebookName: 'n'
        });
        expect(codeBlocks(result.text)).toEqual(cells.map(c => c.source));
        expect(result.warnings).toEqual([]);
      }),
      { numRuns: 40 }
    );
  });
});

/** Cell sources that trip exports: IPython syntax of each kind, Python 2, broken code. */
const SNIPPETS = [
  'x = 1',
  'print(x)',
  '%matplotlib inline',
  '%time y = x + 1',
  '!ls -la',
  'files = !ls',
  '%%bash\necho hi',
  '%%time\nz = 2',
  'for i in range(2):\n    !echo {i}',
  'if x:\n    %time w = 3',
  'x?',
  'print "py2"',
  'def f(:\n    pass',
  '  indented = 1\n  print(indented)',
  'import os\nfrom math import *',
  'from __future__ import annotations',
  's = """\n%not magic\n"""',
  'def g():\n    return x\n\ng()',
  'del x',
  'await something()',
  ''
];

describe('every export', () => {
  it.each(['script', 'module', 'percent', 'gather'] as ExportFormat[])(
    'is valid Python (%s)',
    format => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 8 }),
          fc.constantFrom(
            'comment' as const,
            'ipython' as const,
            'drop' as const
          ),
          (sources, magics) => {
            const cells = notebook(...sources);
            const { text } = exportNotebook(cells, {
              format,
              notebookName: 'n',
              magics,
              cellId: cells.length > 0 ? cells[cells.length - 1].id : undefined
            });
            expect(parseCode(text).syntaxError).toBeNull();
          }
        ),
        { numRuns: 40 }
      );
    }
  );
});
