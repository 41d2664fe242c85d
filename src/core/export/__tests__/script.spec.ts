import {
  EXPORT_HEADER_PREFIX,
  exportNotebook,
  IExportOptions,
  isFreshExport
} from '..';
import { parseCode } from '../python';
import { codeBlocks, notebook } from './cells';
import { EnglishFindings, ExportWarning } from '../../findings';
import { IExecutionRecord, INotebookCell } from '../../types';

/** The test notebooks have no execution counts: cells are named by position. */
function english(warnings: ExportWarning[]): string[] {
  const findings = new EnglishFindings([]);
  return warnings.map(warning => findings.exportWarning(warning));
}

function exported(
  cells: INotebookCell[],
  options: Partial<IExportOptions> = {}
) {
  return exportNotebook(cells, {
    format: 'script',
    notebookName: 'n.ipynb',
    ...options
  });
}

describe('header', () => {
  it.each(['script', 'module', 'percent', 'gather', 'as-run'] as const)(
    'starts every %s export, and marks it as ours',
    format => {
      const { text } = exported(notebook('x = 1'), { format, cellId: 'c1' });
      expect(text.startsWith(`${EXPORT_HEADER_PREFIX}n.ipynb (`)).toBe(true);
      expect(isFreshExport(text)).toBe(true);
      expect(parseCode(text).syntaxError).toBeNull();
    }
  );

  it('tells our files from others', () => {
    const { text } = exported(notebook('x = 1'));
    expect(isFreshExport('\ufeff' + text)).toBe(true);
    expect(isFreshExport('# my own script\n' + text)).toBe(false);
    expect(isFreshExport('x = 1\n')).toBe(false);
    expect(isFreshExport('')).toBe(false);
  });

  it('keeps an untrusted notebook name inside the comment', () => {
    const { text } = exported(notebook('x = 1'), {
      notebookName: 'a\nimport os\r\u2028b.ipynb'
    });
    expect(text.split('\n')[0]).toBe(
      `${EXPORT_HEADER_PREFIX}a import os \\u2028b.ipynb (clean script)`
    );
    expect(text.split('\n')[1]).toBe('');
  });
});

describe('clean script', () => {
  it('moves a cell after the cell below that defines what it reads, markdown staying in place', () => {
    const result = exported(
      notebook(
        { md: '# Title' },
        'import math',
        'y = x * 2\nprint(y)',
        'x = 21',
        { md: '## End' },
        'import math\nprint(math.sqrt(y))'
      )
    );
    expect(result.text).toBe(
      [
        '# Exported by jupyterlab-fresh from n.ipynb (clean script)',
        '',
        '# %%',
        'import math',
        '',
        '# %% [markdown]',
        '# # Title',
        '',
        '# %%',
        'x = 21',
        '',
        '# %%',
        'y = x * 2',
        'print(y)',
        '',
        '# %% [markdown]',
        '# ## End',
        '',
        '# %%',
        'print(math.sqrt(y))',
        ''
      ].join('\n')
    );
    expect(result.warnings).toEqual([
      { kind: 'moved', piece: { cell: 2, cellId: 'c3' }, cell: 3, names: ['x'] }
    ]);
    expect(english(result.warnings)).toEqual([
      'cell 3 runs after cell 4: it reads `x`, defined there'
    ]);
  });

  it('moves chains of cells and keeps notebook order otherwise', () => {
    const result = exported(
      notebook('print(total)', 'a = 1', 'total = base + a', 'b = 2', 'base = 1')
    );
    expect(codeBlocks(result.text)).toEqual([
      'a = 1',
      'b = 2',
      'base = 1',
      'total = base + a',
      'print(total)'
    ]);
  });

  it('follows the execution counts when several cells below define the name', () => {
    const cells = notebook(
      { code: 'print(v)', count: 3 },
      { code: 'v = 1', count: 1 },
      { code: 'v = 2', count: 2 },
      { code: 'v = 3', count: 4 }
    );
    expect(codeBlocks(exported(cells).text)).toEqual([
      'v = 1',
      'v = 2',
      'print(v)',
      'v = 3'
    ]);
  });

  it('leaves a cell in place when moving it would break another dependency', () => {
    const result = exported(notebook('a = b + 1', 'b = 1\nc = a'));
    expect(codeBlocks(result.text)).toEqual(['a = b + 1', 'b = 1\nc = a']);
    const first = { cell: 0, cellId: 'c1' };
    expect(result.warnings).toEqual([
      { kind: 'not-moved', piece: first, cell: 1, names: ['b'] },
      { kind: 'undefined', piece: first, names: ['b'] }
    ]);
  });

  it('keeps the order of cells that change the same object', () => {
    const cells = notebook(
      'xs.append(1)',
      'xs = []',
      'xs.append(2)',
      'print(xs)'
    );
    expect(codeBlocks(exported(cells).text)).toEqual([
      'xs = []',
      'xs.append(1)',
      'xs.append(2)',
      'print(xs)'
    ]);
  });

  it('includes what called functions read when ordering', () => {
    const cells = notebook('def f():\n    return K', 'print(f())', 'K = 3');
    expect(codeBlocks(exported(cells).text)).toEqual([
      'def f():\n    return K',
      'K = 3',
      'print(f())'
    ]);
  });

  it('uses the definition of a function in force where it is called', () => {
    const cells = notebook(
      'def f():\n    return 1',
      'print(f())',
      'def f():\n    return K',
      'K = 2',
      'print(f())'
    );
    const result = exported(cells);
    expect(codeBlocks(result.text)).toEqual(cells.map(cell => cell.source));
    expect(result.warnings).toEqual([]);
  });

  it('leaves out cells with the skip tag', () => {
    const cells = notebook(
      'x = 1',
      { code: 'x = 2', tags: ['fresh-skip'] },
      { code: 'x = 3', tags: ['scratch'] },
      'print(x)'
    );
    expect(codeBlocks(exported(cells).text)).toEqual([
      'x = 1',
      'x = 3',
      'print(x)'
    ]);
    expect(codeBlocks(exported(cells, { skipTag: 'scratch' }).text)).toEqual([
      'x = 1',
      'x = 2',
      'print(x)'
    ]);
  });

  it('leaves out cells that only display, when asked, and the imports only they used', () => {
    const cells = notebook(
      'import pandas as pd\nimport matplotlib.pyplot as plt',
      'df = pd.DataFrame({"a": [1]})',
      'df.head()',
      'print(df)',
      'plt.plot(df.a)',
      'df["b"] = 2',
      'df.to_csv("out.csv")',
      'df'
    );
    expect(codeBlocks(exported(cells, { dropDisplayOnly: true }).text)).toEqual(
      [
        'import pandas as pd',
        'df = pd.DataFrame({"a": [1]})',
        'df["b"] = 2',
        'df.to_csv("out.csv")'
      ]
    );
    expect(codeBlocks(exported(cells).text)).toHaveLength(8);
  });

  it('keeps a plot that a figure saved later holds', () => {
    const cells = notebook(
      'import matplotlib.pyplot as plt\nfig = plt.figure()',
      'plt.plot([1, 2])',
      'fig.savefig("out.png")'
    );
    expect(
      codeBlocks(exported(cells, { dropDisplayOnly: true }).text)
    ).toContain('plt.plot([1, 2])');
  });

  it('keeps a random draw that later draws depend on', () => {
    const cells = notebook(
      'import numpy as np',
      'np.random.seed(0)',
      'np.random.rand(3)',
      'x = np.random.rand()',
      'np.random.rand(2)'
    );
    expect(codeBlocks(exported(cells, { dropDisplayOnly: true }).text)).toEqual(
      [
        'import numpy as np',
        'np.random.seed(0)',
        'np.random.rand(3)',
        'x = np.random.rand()'
      ]
    );
  });

  it('comments out a cell with a syntax error and says so', () => {
    const result = exported(notebook('x = 1', 'print "hello"\ny = 2', 'z = x'));
    expect(result.text).toContain(
      '# %%\n# Commented out by jupyterlab-fresh: Python 2 print statement (line 1).\n# print "hello"\n# y = 2\n'
    );
    expect(result.warnings).toEqual([
      {
        kind: 'syntax-error',
        piece: { cell: 1, cellId: 'c2' },
        message: 'Python 2 print statement',
        line: 0
      }
    ]);
    expect(parseCode(result.text).syntaxError).toBeNull();
  });

  it('names what no code defines', () => {
    expect(
      exported(notebook('x = 1', 'print(x + undefined_thing)')).warnings
    ).toEqual([
      {
        kind: 'undefined',
        piece: { cell: 1, cellId: 'c2' },
        names: ['undefined_thing']
      }
    ]);
    // After code the analysis cannot see through, any name may exist.
    expect(exported(notebook('exec("q = 1")', 'print(q)')).warnings).toEqual(
      []
    );
  });

  it("sets `_`, IPython's last result, where a later cell reads it", () => {
    const result = exported(
      notebook('x = 2', 'x * 21', 'print(1)', 'print(_)')
    );
    expect(codeBlocks(result.text)).toEqual([
      'x = 2',
      '_ = x * 21',
      'print(1)',
      'print(_)'
    ]);
    expect(result.warnings).toEqual([
      {
        kind: 'last-result',
        piece: { cell: 3, cellId: 'c4' },
        setter: { cell: 1, cellId: 'c2' }
      }
    ]);
    // A value hidden by `;` is not kept; a bound `_` is a plain variable.
    expect(codeBlocks(exported(notebook('f(1);', 'print(_)')).text)).toEqual([
      'f(1);',
      'print(_)'
    ]);
    const bound = notebook('_ = 5', 'x * 2', 'print(_)');
    expect(codeBlocks(exported(bound).text)).toEqual([
      '_ = 5',
      'x * 2',
      'print(_)'
    ]);
  });

  it('imports what IPython gave the notebook for free', () => {
    expect(exported(notebook('display(1)')).text).toContain(
      '# %%\nfrom IPython.display import display\n\n# %%\ndisplay(1)'
    );
    expect(
      exported(notebook('def display(x):\n    print(x)', 'display(1)')).text
    ).not.toContain('IPython');
    expect(
      exported(notebook('%matplotlib inline\nimport os'), { magics: 'ipython' })
        .text
    ).toContain(
      '# %%\nimport os\nfrom IPython import get_ipython\n\n# %%\nget_ipython()'
    );
  });

  it('writes markdown only when asked', () => {
    const cells = notebook({ md: '# T\n\ntext  ' }, 'x = 1', { raw: 'raw' });
    expect(exported(cells).text).toContain(
      '# %% [markdown]\n# # T\n#\n# text\n\n# %%\nx = 1\n'
    );
    expect(exported(cells, { markdown: false }).text).not.toContain(
      '[markdown]'
    );
  });

  it('applies the magics option', () => {
    const cells = notebook('%time y = 2\n!ls', '%%bash\necho hi');
    expect(codeBlocks(exported(cells, { magics: 'drop' }).text)).toEqual([
      'y = 2'
    ]);
    expect(exported(cells).text).toContain(
      'y = 2  # %time\n# !ls\n\n# %%\n# %%bash\n# echo hi'
    );
  });
});

describe('imports', () => {
  it('hoists imports to the top, de-duplicated', () => {
    const cells = notebook(
      'import numpy as np\nimport os\nx = 1',
      'import numpy as np\nfrom os import path, sep\nimport a.b\nimport a.c',
      'from os import path\nprint(np, path, sep, a, x, os)'
    );
    const text = exported(cells).text;
    expect(codeBlocks(text)).toEqual([
      'import numpy as np\nimport os\nfrom os import path, sep\nimport a.b\nimport a.c',
      'x = 1',
      'print(np, path, sep, a, x, os)'
    ]);
  });

  it('leaves imports in place when asked, except from __future__', () => {
    const cells = notebook(
      'import os\nx = 1',
      'from __future__ import annotations\nimport os'
    );
    expect(codeBlocks(exported(cells, { hoistImports: false }).text)).toEqual([
      'from __future__ import annotations',
      'import os\nx = 1',
      'import os'
    ]);
  });

  it('does not hoist past a change of sys.path or the working folder', () => {
    const cells = notebook(
      'import sys\nsys.path.insert(0, "lib")',
      'import mylib\nmylib.run()'
    );
    expect(codeBlocks(exported(cells).text)).toEqual([
      'import sys\nsys.path.insert(0, "lib")',
      'import mylib\nmylib.run()'
    ]);
    const chdir = notebook('import os', 'os.chdir("..")', 'import json');
    expect(codeBlocks(exported(chdir).text)).toEqual([
      'import os',
      'os.chdir("..")',
      'import json'
    ]);
  });

  it('does not hoist a name that other code binds too', () => {
    const rebound = notebook('import json\nprint(json)', 'json = {"a": 1}');
    expect(codeBlocks(exported(rebound).text)).toEqual([
      'import json\nprint(json)',
      'json = {"a": 1}'
    ]);
    const twice = notebook('from a import f\nf()', 'from b import f\nf()');
    expect(codeBlocks(exported(twice).text)).toEqual([
      'from a import f\nf()',
      'from b import f\nf()'
    ]);
  });

  it('hoists star imports only into modules', () => {
    const cells = notebook('x = 1', 'from math import *\nprint(pi)');
    expect(codeBlocks(exported(cells).text)).toEqual([
      'x = 1',
      'from math import *\nprint(pi)'
    ]);
    expect(exported(cells, { format: 'module' }).text).toContain(
      '\n\nfrom math import *\n\n\n'
    );
  });

  it('wraps a long from-import', () => {
    const names = Array.from({ length: 12 }, (_, i) => `name_number_${i}`);
    const text = exported(
      notebook(`from package import ${names.join(', ')}`)
    ).text;
    expect(text).toContain(
      'from package import (\n    name_number_0,\n    name_number_1,\n'
    );
    expect(parseCode(text).syntaxError).toBeNull();
  });
});

describe('percent format', () => {
  it('writes every cell in notebook order, nothing moved or left out', () => {
    const result = exported(
      notebook(
        { md: '# T' },
        'y = x',
        'x = 1',
        { raw: 'raw text' },
        { code: '%time z = 2', tags: ['fresh-skip'] },
        'from __future__ import annotations'
      ),
      { format: 'percent' }
    );
    expect(result.text).toBe(
      [
        '# Exported by jupyterlab-fresh from n.ipynb (percent format)',
        '',
        '# %%',
        'from __future__ import annotations',
        '',
        '# %% [markdown]',
        '# # T',
        '',
        '# %%',
        'y = x',
        '',
        '# %%',
        'x = 1',
        '',
        '# %% [raw]',
        '# raw text',
        '',
        '# %%',
        'z = 2  # %time',
        '',
        '# %%',
        ''
      ].join('\n')
    );
  });
});

describe('gather', () => {
  it('gives the fewest cells the chosen cell needs, and the cell', () => {
    const cells = notebook(
      'import math',
      'a = 2',
      'b = 3',
      'c = math.sqrt(a)',
      'print(b)',
      'd = c + 1'
    );
    const result = exported(cells, { format: 'gather', cellId: 'c6' });
    expect(result.text.split('\n')[0]).toBe(
      `${EXPORT_HEADER_PREFIX}n.ipynb (code for cell 6)`
    );
    expect(codeBlocks(result.text)).toEqual([
      'import math',
      'a = 2',
      'c = math.sqrt(a)',
      'd = c + 1'
    ]);
  });

  it('includes the cells that change what the cell reads', () => {
    const cells = notebook(
      'xs = []',
      'ys = []',
      'xs.append(1)',
      'ys.append(2)',
      'print(len(xs))'
    );
    expect(
      codeBlocks(exported(cells, { format: 'gather', cellId: 'c5' }).text)
    ).toEqual(['xs = []', 'xs.append(1)', 'print(len(xs))']);
  });

  it('counts the extra mutating methods of the settings as changes', () => {
    // `transform` is a known read (scikit-learn's); a notebook's own class may differ.
    const cells = notebook('acc = Acc()', 'acc.transform(3)', 'print(acc)');
    const gather = (extraMutators: string[]) =>
      codeBlocks(
        exported(cells, { format: 'gather', cellId: 'c3', extraMutators }).text
      );
    expect(gather([])).toEqual(['acc = Acc()', 'print(acc)']);
    expect(gather(['transform'])).toEqual([
      'acc = Acc()',
      'acc.transform(3)',
      'print(acc)'
    ]);
  });

  it('orders the gathered cells so that they run', () => {
    const cells = notebook(
      { code: 'print(v)', tags: ['fresh-skip'] },
      'v = 1',
      'w = 2'
    );
    expect(
      codeBlocks(exported(cells, { format: 'gather', cellId: 'c1' }).text)
    ).toEqual(['v = 1', 'print(v)']);
  });

  it('says when the cell does not exist', () => {
    const result = exported(notebook('x = 1'), {
      format: 'gather',
      cellId: 'nope'
    });
    expect(result.warnings).toEqual([{ kind: 'no-code-cell', cellId: 'nope' }]);
    expect(codeBlocks(result.text)).toEqual([]);
  });
});

describe('code as run', () => {
  const record = (
    cellId: string,
    source: string,
    executionCount: number,
    status: IExecutionRecord['status'] = 'ok',
    kernelSession = 'k1'
  ): IExecutionRecord => ({
    cellId,
    source,
    executionCount,
    kernelSession,
    status
  });

  it('replays the live executions, deleted and edited cells included, in the order they ran', () => {
    const cells = notebook('x = 10', 'y = x + 1', 'print(y, z)');
    const executions = [
      record('c1', 'old = 1', 1, 'ok', 'k0'),
      record('c1', 'x = 1', 1),
      record('c2', 'y = x + 1', 2),
      record('c1', 'x = 5', 3),
      record('gone', 'z = 7', 4),
      record('c3', 'print(y, z)', 5),
      record('c2', 'raise ValueError()', 6, 'error')
    ];
    const result = exportNotebook(
      cells,
      { format: 'as-run', notebookName: 'n.ipynb' },
      { executions }
    );
    expect(result.text).toBe(
      [
        '# Exported by jupyterlab-fresh from n.ipynb (code as run)',
        '',
        '# %%',
        '# execution [1] of cell 1, edited since',
        'x = 1',
        '',
        '# %%',
        '# execution [2] of cell 2',
        'y = x + 1',
        '',
        '# %%',
        '# execution [3] of cell 1, edited since',
        'x = 5',
        '',
        '# %%',
        '# execution [4] of deleted cell gone',
        'z = 7',
        '',
        '# %%',
        '# execution [5] of cell 3',
        'print(y, z)',
        ''
      ].join('\n')
    );
    expect(english(result.warnings)).toEqual([
      'execution [6] of cell 2 failed: left out'
    ]);
  });

  it('leaves out executions whose effects are gone', () => {
    const cells = notebook('x = 3', 'print(x)');
    const executions = [
      record('c1', 'x = 1', 1),
      record('c1', 'x = 2', 2),
      record('c2', 'print(x)', 3)
    ];
    const text = exportNotebook(
      cells,
      { format: 'as-run', notebookName: 'n' },
      { executions }
    ).text;
    expect(codeBlocks(text)).toEqual(['x = 2', 'print(x)']);
  });

  it('uses the session it is given', () => {
    const cells = notebook('x = 1');
    const executions = [
      record('c1', 'x = 1', 1, 'ok', 'k0'),
      record('c1', 'x = 2', 1, 'ok', 'k1')
    ];
    const text = exportNotebook(
      cells,
      { format: 'as-run', notebookName: 'n' },
      { executions, kernelSession: 'k0' }
    ).text;
    expect(codeBlocks(text)).toEqual(['x = 1']);
    expect(
      exportNotebook(cells, { format: 'as-run', notebookName: 'n' }).warnings
    ).toEqual([{ kind: 'nothing-ran' }]);
  });
});
