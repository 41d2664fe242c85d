/**
 * Valid Python that `@lezer/python` cannot parse: "cannot tell", never commented out as
 * invalid. Python's `ast.parse` confirms that each cell is valid.
 */
import { exportNotebook } from '..';
import { analyzeCell } from '../../python';
import { checkStatements, probePython } from './astcheck';
import { notebook } from './cells';

const VALID = [
  'def g():\n    f = lambda: (yield)\n    return f',
  'async def h(a):\n    async with a as (b, c):\n        pass',
  'def k(a, b):\n    with (open(a) as f, open(b) as g):\n        return f.read() + g.read()',
  'with (\n    open("a") as f,\n    open("b") as g,\n):\n    pass',
  // A whitespace-only last line indented deeper than the body (common in notebooks).
  'def f(x):\n    return x\n        ',
  'def f2(x):\n    return x\r\n        \r\n'
];

describe('Python that the grammar does not know', () => {
  it('is valid for Python', () => {
    expect(probePython(VALID).map(p => p.statements)).toEqual(
      VALID.map(() => 1)
    );
  });

  it('is exported as code, not commented out, and has no syntax error', () => {
    const cells = notebook(...VALID);
    const { text, warnings } = exportNotebook(cells, {
      format: 'percent',
      notebookName: 'n'
    });
    expect(warnings).toEqual([]);
    expect(checkStatements([{ text, cells: VALID, exact: true }])).toEqual([
      null
    ]);
    VALID.forEach(source =>
      expect(analyzeCell(source).syntaxError).toBeUndefined()
    );
  });

  it('still comments out what Python rejects', () => {
    const { warnings } = exportNotebook(notebook('def f(:\n    pass'), {
      format: 'percent',
      notebookName: 'n'
    });
    expect(warnings).toEqual([
      {
        kind: 'syntax-error',
        piece: { cell: 0, cellId: 'c1' },
        message: 'invalid syntax',
        line: 0
      }
    ]);
  });
});
