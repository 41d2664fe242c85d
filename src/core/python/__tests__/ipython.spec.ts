import { parser } from '@lezer/python';
import { interpolatedNames, preprocessIPython } from '../index';

const lines = (text: string): string[] => text.split('\n');

/** The first syntax error of `text` as plain Python, or -1. */
function firstError(text: string): number {
  let at = -1;
  parser.parse(text).iterate({
    enter: node => {
      if (node.type.isError && at < 0) {
        at = node.from;
      }
      return at < 0;
    }
  });
  return at;
}

describe('preprocessIPython', () => {
  const cells = [
    '%time x = f(a)',
    '%timeit -n 10 y = g(b)',
    'x = !ls $d',
    'files = %sx ls\nprint(files)',
    '!pip install \\\n  numpy \\\n  pandas\nimport numpy',
    'if c:\n    %time w = 1\n    !echo $w\nelse:\n    obj?',
    'for f in files:\n    !wc -l {f}',
    '%%time\nz = h(q)\n!ls',
    '%%capture out\nprint(z)',
    '%%timeit -n 10 s = setup()\nu = s + 1',
    '%%bash\necho $x\nls',
    '%%writefile out.py\ndef f():\n    pass',
    '\n\n%%html\n<b>x</b>',
    '    x = 1\n    %time y = x\n    z = y',
    '>>> a = 1\n... \n>>> b = 2',
    'In [1]: q = 1\n   ...: r = q',
    'x = """\n!not shell\n%not magic\n"""\n!ls',
    "s = '''\n?help\n'''",
    'y = (a\n%b)',
    'y = [1,\n!2]',
    'x = 1 \\\n%2',
    '%matplotlib inline\nimport matplotlib.pyplot as plt',
    'obj.attr??\n?obj\n%time?',
    'x = 5?',
    'x = 3.\ny = [1., 2.e3]',
    '/f a b\n,g c d\n;h e f',
    'x = 1\r\n%time y = x\r\n!ls\r\n',
    '',
    '%',
    '!',
    '?',
    '%%',
    '%%\nx',
    'x = %',
    'x = !',
    "!echo 'unclosed\nx = 1",
    '%time x = (1,\n  2)'
  ];

  it.each(cells)('keeps the line count of %j', cell => {
    const result = preprocessIPython(cell);
    expect(lines(result.python).length).toBe(lines(cell).length);
  });

  it.each(cells.filter(cell => !/^\s*%%(bash|writefile|html)/.test(cell)))(
    'produces Python the grammar accepts for %j',
    cell => {
      // Invalid in IPython too: `5?` is no help request, `%` needs a magic name, `!` inside
      // brackets is no shell command, and `%time` takes one physical line.
      const known = ['x = 5?', 'x = %', 'y = [1,\n!2]', '%time x = (1,\n  2)'];
      const python = preprocessIPython(cell).python;
      if (!known.includes(cell)) {
        expect(firstError(python)).toBe(-1);
      }
    }
  );

  it('copies the statement of %time and drops the magic', () => {
    const result = preprocessIPython('%time x = f(a)');
    expect(result.python).toBe('x = f(a)');
    expect(result.columnShifts.get(0)).toBe(6);
    expect(result.readOnlyLines).toEqual([]);
  });

  it('marks %timeit statements as run in a throwaway namespace', () => {
    const result = preprocessIPython(
      'a = 1\n%timeit -n 10 -r 3 y = g(b)\nc = 2'
    );
    expect(lines(result.python)).toEqual(['a = 1', 'y = g(b)', 'c = 2']);
    expect(result.readOnlyLines).toEqual([[1, 1]]);
  });

  it('marks a %%timeit body and its setup line as read-only', () => {
    const result = preprocessIPython(
      '%%timeit -n 10 s = setup()\nu = s + 1\nv = u'
    );
    expect(lines(result.python)).toEqual(['s = setup()', 'u = s + 1', 'v = u']);
    expect(result.readOnlyLines).toEqual([[0, 2]]);
    expect(result.notPython).toBeUndefined();
  });

  it('keeps indentation so magics inside blocks stay in their block', () => {
    const result = preprocessIPython('if c:\n    %time w = 1\n    !echo $w');
    expect(lines(result.python)).toEqual(['if c:', '    w = 1', '    w']);
  });

  it('turns shell commands into reads of the interpolated names', () => {
    expect(preprocessIPython('!echo $x {y.shape} $$z').python).toBe('[x, y]');
    expect(preprocessIPython('!ls -la').python).toBe('pass');
    expect(preprocessIPython('x = !ls $d').python).toBe('x = [d]');
    expect(preprocessIPython('x = !ls').python).toBe('x = None');
  });

  it('blanks the continuation lines of a shell command', () => {
    const result = preprocessIPython(
      '!pip install \\\n  numpy \\\n  pandas\nimport numpy'
    );
    expect(lines(result.python)).toEqual(['pass', '', '', 'import numpy']);
  });

  it('leaves % and ! alone inside strings and brackets', () => {
    const text =
      'x = """\n!not shell\n%not magic\n"""\ny = (a\n%b)\nz = [1,\n!2]';
    const result = preprocessIPython(text);
    expect(result.python).toBe(text);
    expect(result.columnShifts.size).toBe(0);
  });

  it('treats a line after a backslash as a continuation, not a magic', () => {
    expect(preprocessIPython('x = 1 \\\n%2').python).toBe('x = 1 \\\n%2');
  });

  it('rewrites only the first line of a cell as a cell magic', () => {
    const result = preprocessIPython('x = 1\n%%time\ny = 2');
    expect(lines(result.python)).toEqual(['x = 1', 'pass', 'y = 2']);
    expect(result.notPython).toBeUndefined();
  });

  it('reports non-Python cell magics and blanks their body', () => {
    const result = preprocessIPython('\n%%bash\necho $x\nls');
    expect(result.notPython).toBe('bash');
    expect(result.python).toBe('\n\n\n');
    expect(result.effects.reads).toEqual([]);
  });

  it('analyses nested cell magics with Python bodies', () => {
    const result = preprocessIPython('%%time\n%%capture out\nx = 1');
    expect(result.notPython).toBeUndefined();
    expect(lines(result.python)).toEqual(['', '', 'x = 1']);
    expect(result.effects.defines).toEqual(['out']);
  });

  it('records what %%writefile writes', () => {
    expect(preprocessIPython('%%writefile ./a.py\nx').effects.defines).toEqual([
      'file:a.py'
    ]);
    const append = preprocessIPython('%%writefile --append log.txt\nx').effects;
    expect(append.mutates).toEqual(['file:log.txt']);
    expect(append.irreversible).toEqual(['appends to file log.txt']);
  });

  it('records script magic output variables', () => {
    const effects = preprocessIPython('%%bash --out o --err e\nls').effects;
    expect(effects.defines).toEqual(['o', 'e']);
  });

  it('removes the common indentation of an indented cell and shifts columns', () => {
    const result = preprocessIPython('    x = 1\n    y = x\n');
    expect(result.python).toBe('x = 1\ny = x\n');
    expect(result.columnShifts.get(0)).toBe(4);
    expect(result.columnShifts.get(1)).toBe(4);
  });

  it('strips Python and IPython prompts', () => {
    expect(preprocessIPython('>>> a = 1\n>>> b = a').python).toBe(
      'a = 1\nb = a'
    );
    expect(preprocessIPython('In [3]: q = 1\n   ...: r = q').python).toBe(
      'q = 1\nr = q'
    );
    // As in IPython, a prompt on either of the first two lines strips prompts everywhere.
    expect(preprocessIPython('x = ...\n... ').python).toBe('x = ...\n');
    expect(preprocessIPython('x = ...\ny = ...').python).toBe(
      'x = ...\ny = ...'
    );
  });

  it('turns help requests into reads of the object', () => {
    expect(preprocessIPython('obj?').python).toBe('obj');
    expect(preprocessIPython('obj.attr??').python).toBe('obj');
    expect(preprocessIPython('?obj').python).toBe('obj');
    expect(preprocessIPython('x = y?').python).toBe('y');
    expect(preprocessIPython('%time?').python).toBe('pass');
    expect(preprocessIPython('np.*load*?').python).toBe('pass');
  });

  it('does not take a ? in a comment or string for help', () => {
    const text = "x = 1  # why?\ny = 'what?'";
    expect(preprocessIPython(text).python).toBe(text);
  });

  it('keeps the left side of magic assignments', () => {
    expect(preprocessIPython('a.b = %pwd').python).toBe('a.b = None');
    expect(preprocessIPython('x = %time f(a)').python).toBe('x = f(a)');
    expect(preprocessIPython('x == !y').python).toBe('x == !y');
  });

  it('records opaque and irreversible magics', () => {
    expect(preprocessIPython('%run script.py').effects.opaque).toEqual([
      '%run'
    ]);
    expect(preprocessIPython('%cd ..').effects.irreversible).toEqual([
      'changes the working directory'
    ]);
    expect(preprocessIPython('%matplotlib inline').effects.opaque).toEqual([]);
  });

  it('writes floats like `1.` so the grammar accepts them, outside strings', () => {
    const text = "x = 3.\ny = 'v1.csv 2.' + str(1.e5)  # 4.\nz = a1.b";
    const result = preprocessIPython(text);
    expect(result.python).toBe(
      "x = 30\ny = 'v1.csv 2.' + str(10e5)  # 4.\nz = a1.b"
    );
    expect(result.python.length).toBe(text.length);
  });

  it('rewrites a cell whose only IPython feature is a help request or a bare float', () => {
    // The quick test that lets plain cells skip the rewriter must still see these.
    expect(preprocessIPython('a = 1\nobj?  \nb = 2').python).toBe(
      'a = 1\nobj\nb = 2'
    );
    expect(preprocessIPython('x = f(1_000.)').python).toBe('x = f(1_0000)');
    expect(preprocessIPython('y = [2.]\nz = df2.head()').python).toBe(
      'y = [20]\nz = df2.head()'
    );
  });

  it('ends lines at \\r\\n and a lone \\r, as Python does', () => {
    const result = preprocessIPython('x = 1\r\n%time y = x\r\n!ls\r\n');
    expect(lines(result.python)).toEqual(['x = 1', 'y = x', 'pass', '']);
    const lone = preprocessIPython('x = 1\r%time y = x\r!ls');
    expect(lines(lone.python)).toEqual(['x = 1', 'y = x', 'pass']);
  });

  it('returns the source itself when there is no IPython syntax', () => {
    const text = 'import numpy as np\nx = np.arange(10)\n';
    expect(preprocessIPython(text).python).toBe(text);
  });
});

describe('interpolatedNames', () => {
  it.each([
    ['echo $x', ['x']],
    ['echo ${a + b}', ['a', 'b']],
    ['echo {len(items)} {obj.attr}', ['len', 'items', 'obj']],
    ["echo {' '.join(files)}", ['files']],
    ['echo $$HOME {{x}}', []],
    ['echo {unclosed', []],
    ['awk "{print $1}"', ['print']],
    ['echo {x if y else None}', ['x', 'y']],
    ['echo $a$b', ['a', 'b']]
  ])('%j reads %j', (text, names) => {
    expect(interpolatedNames(text)).toEqual(names);
  });
});
