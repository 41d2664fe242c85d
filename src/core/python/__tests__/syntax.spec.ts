import { parsePython } from '../grammar';
import { SyntaxScope, syntaxProblem } from '../syntax';

function problem(code: string, scope: SyntaxScope) {
  return syntaxProblem(parsePython(code), code, scope);
}

describe('syntaxProblem', () => {
  // What both a cell and a script reject.
  it.each([
    ['print "x"', 'Python 2 print statement'],
    ['x = = 1', 'invalid syntax'],
    ['x = 1 +', 'invalid syntax'],
    ['  x = 1\ny = 2', 'unexpected indentation'],
    ['x = 1\n    y = 2', 'unexpected indentation'],
    ['if x:\n    a = 1\n  b = 2', 'unexpected indentation'],
    ['if x:\n    y = 1\n      z = 2', 'invalid syntax']
  ])('finds the syntax error in %j in both scopes', (code, message) => {
    expect(problem(code, 'cell')?.message).toBe(message);
    expect(problem(code, 'script')?.message).toBe(message);
  });

  // Only a script is visited node by node (a cell is read on every edit).
  it.each([
    [
      'try:\n    pass\nexcept Exception, e:\n    pass',
      'Python 2 except syntax'
    ],
    ['raise ValueError, "m"', 'Python 2 raise syntax'],
    ['x = 0777', 'Python 2 octal literal'],
    ['if a <> b:\n    pass', 'Python 2 operator <>'],
    ['f() = 1', 'cannot assign to expression'],
    ['return 1', "'return' outside function"],
    ['x = yield 1', "'yield' outside function"],
    ['nonlocal x', "'nonlocal' outside function"],
    ['await job()', "top-level 'await' runs only in IPython"]
  ])('finds the syntax error in the script %j', (code, message) => {
    expect(problem(code, 'script')?.message).toBe(message);
  });

  it('lets a cell await at the top level, as IPython does', () => {
    expect(problem('await job()', 'cell')).toBeUndefined();
  });

  it.each([
    'x = 1000.',
    'pr = 1/2. # half\ny = f(2., 3)',
    'print',
    'x = print',
    'def f():\n    return 1',
    'async def f():\n    await g()',
    'def g():\n    yield 1',
    'def g():\n    x = 1\n    def h():\n        nonlocal x',
    'f = lambda: (yield)',
    'x = 00',
    'class A: pass',
    'if a:\n    b = 1\nelif c:\n    b = 2\nelse:\n    b = 3',
    'except_ = 1\ntry:\n    pass\nexcept (A, B):\n    pass',
    "with (open('a') as f, open('b') as g):\n    pass"
  ])('accepts valid Python %j in both scopes', code => {
    expect(problem(code, 'cell')).toBeUndefined();
    expect(problem(code, 'script')).toBeUndefined();
  });

  it('gives the line and column of the first error', () => {
    expect(problem('a = 1\nb = (2,\nc = 3 +', 'script')).toMatchObject({
      line: 2
    });
    for (const scope of ['cell', 'script'] as const) {
      expect(problem('ok = 1\nprint "x"', scope)).toEqual({
        line: 1,
        column: 0,
        message: 'Python 2 print statement'
      });
      expect(problem('x = (\n  1 +\n  = 2)', scope)).toMatchObject({
        line: 2
      });
    }
  });
});
