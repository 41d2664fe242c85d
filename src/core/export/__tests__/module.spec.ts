import { exportNotebook, IExportOptions } from '..';
import { parseCode } from '../python';
import { lastHeading, NameChooser, snakeCase } from '../naming';
import { notebook } from './cells';
import { EnglishFindings } from '../../findings';
import { INotebookCell } from '../../types';

function moduleOf(
  cells: INotebookCell[],
  options: Partial<IExportOptions> = {}
) {
  const result = exportNotebook(cells, {
    format: 'module',
    notebookName: 'n.ipynb',
    markdown: false,
    ...options
  });
  expect(parseCode(result.text).syntaxError).toBeNull();
  return result;
}

/** The source of one top-level function of a module. */
function functionText(text: string, name: string): string {
  const start = text.indexOf(`\ndef ${name}(`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n\n\n', start + 1);
  return text.slice(start + 1, end < 0 ? undefined : end);
}

describe('module', () => {
  it('makes one function per section, passing values through main()', () => {
    const { text } = moduleOf(
      notebook(
        { md: '# Load' },
        'import math\nrows = [1, 4, 9]',
        { md: '## Transform' },
        'roots = [math.sqrt(r) for r in rows]\ntotal = sum(roots)',
        { md: '## Report' },
        'print(total, len(rows))'
      )
    );
    expect(text).toBe(
      [
        '# Exported by jupyterlab-fresh from n.ipynb (module)',
        '',
        '',
        'import math',
        '',
        '',
        'def load():',
        '    """Load"""',
        '    rows = [1, 4, 9]',
        '    return rows',
        '',
        '',
        'def transform(rows):',
        '    """Transform"""',
        '    roots = [math.sqrt(r) for r in rows]',
        '    total = sum(roots)',
        '    return total',
        '',
        '',
        'def report(total, rows):',
        '    """Report"""',
        '    print(total, len(rows))',
        '',
        '',
        'def main():',
        '    """Runs the notebook\'s sections in order."""',
        '    rows = load()',
        '    total = transform(rows)',
        '    report(total, rows)',
        '',
        '',
        'if __name__ == "__main__":',
        '    main()',
        ''
      ].join('\n')
    );
  });

  it('returns several values as a tuple, unpacked in main()', () => {
    const { text } = moduleOf(
      notebook('a = 1\nb = 2\nc = 3', { md: '## Use' }, 'print(a + b)')
    );
    expect(functionText(text, 'setup')).toContain('    return a, b');
    expect(functionText(text, 'main')).toContain(
      '    a, b = setup()\n    use(a, b)'
    );
  });

  it('returns a value a section rebinds in place (`x += 1` on a number)', () => {
    const { text } = moduleOf(
      notebook(
        'total = 0',
        { md: '## Add' },
        'total += 5',
        { md: '## Show' },
        'print(total)'
      )
    );
    expect(functionText(text, 'add')).toBe(
      'def add(total):\n    """Add"""\n    total += 5\n    return total'
    );
    expect(functionText(text, 'main')).toContain(
      'total = add(total)\n    show(total)'
    );
  });

  it('names functions without clashing with the notebook, builtins, keywords or each other', () => {
    const { text } = moduleOf(
      notebook(
        { md: '## Data' },
        'data = [1, 2]',
        { md: '## List' },
        'items = list(data)',
        { md: '## Import' },
        'n = len(items)',
        { md: '# Plot' },
        'print(n)',
        { md: '# Plot' },
        'print(n + 1)',
        { md: '### 1. Load the *data*!' },
        'm = n * 2',
        { md: '## ???' },
        'print(m)',
        { md: '<h2>Main</h2>' },
        'print(m + 1)'
      )
    );
    const names = [...text.matchAll(/^def (\w+)\(/gm)].map(match => match[1]);
    expect(names).toEqual([
      'data_section',
      'list_section',
      'import_section',
      'plot',
      'plot_2',
      'load_the_data',
      'section',
      'main_section',
      'main'
    ]);
  });

  it('renames main() when the notebook defines one', () => {
    const { text } = moduleOf(
      notebook('def main():\n    return 1', 'print(main())')
    );
    expect(text).toContain('\ndef main():\n    return 1\n');
    expect(text).toContain('if __name__ == "__main__":\n    main_2()');
  });

  it('keeps cells that only define functions at module level, and globals they read visible', () => {
    const { text } = moduleOf(
      notebook(
        'THRESHOLD = 0.5',
        'def check(x):\n    return x > THRESHOLD',
        { md: '## Later' },
        'THRESHOLD = 0.9\nprint(check(0.7))'
      )
    );
    expect(text).toContain(
      '\n\n\ndef check(x):\n    return x > THRESHOLD\n\n\n'
    );
    expect(functionText(text, 'setup')).toContain(
      '    global THRESHOLD\n    THRESHOLD = 0.5'
    );
    expect(functionText(text, 'later')).toContain(
      '    global THRESHOLD\n    THRESHOLD = 0.9'
    );
  });

  it('keeps a function defined twice in its section, bound as a global', () => {
    const { text } = moduleOf(
      notebook(
        'def f():\n    return 1',
        'print(f())',
        { md: '## Again' },
        'def f():\n    return 2',
        'print(f())'
      )
    );
    expect(functionText(text, 'setup')).toContain(
      '    global f\n    def f():\n        return 1'
    );
    expect(functionText(text, 'again')).toContain(
      '    global f\n    def f():\n        return 2'
    );
  });

  it('makes the names functions read globals even when sections define them', () => {
    const { text } = moduleOf(
      notebook(
        'def describe():\n    return f"{len(frame)} rows"',
        { md: '## Data' },
        'frame = [1, 2, 3]',
        { md: '## Show' },
        'print(describe(), frame)'
      )
    );
    expect(functionText(text, 'data')).toContain('global frame');
    // A global is read as one: no parameter, no return value.
    expect(functionText(text, 'show')).toMatch(/^def show\(\):/);
  });

  it('keeps global the names code in a string reads from `__main__`', () => {
    const { text } = moduleOf(
      notebook(
        'import cProfile',
        { md: '## Data' },
        "a = 1\nb = 2\ncProfile.run('a + b')\nprint(eval('a * b'))"
      )
    );
    // `cProfile.run` runs its string in `__main__`; `eval` in the section's own locals.
    expect(functionText(text, 'data')).toContain('global a, b');
  });

  it('turns the parameters cell into command-line options', () => {
    const { text } = moduleOf(
      notebook(
        'x0 = 1',
        {
          code: 'alpha = 0.5\nn = 3\nname = "x"\nflag = False\nnothing = None\nother = alpha * 2',
          tags: ['parameters']
        },
        'print(alpha, n, name, flag, other, nothing, x0)'
      )
    );
    expect(text).toContain('\n\n\nimport argparse\n');
    expect(functionText(text, 'main')).toMatch(
      /^def main\(alpha=0\.5, n=3, name="x", flag=False, nothing=None\):/
    );
    expect(functionText(text, 'setup')).toContain('other = alpha * 2');
    expect(functionText(text, 'parse_arguments')).toContain(
      [
        'parser.add_argument("--alpha", dest="alpha", type=float, default=0.5)',
        '    parser.add_argument("--n", dest="n", type=int, default=3)',
        '    parser.add_argument("--name", dest="name", type=str, default="x")',
        '    parser.add_argument("--flag", dest="flag", action=argparse.BooleanOptionalAction, default=False)',
        '    parser.add_argument("--nothing", dest="nothing", type=str, default=None)'
      ].join('\n')
    );
    expect(text).toContain(
      'if __name__ == "__main__":\n    main(**parse_arguments())'
    );
  });

  it('sets parameters that notebook functions read as globals', () => {
    const { text } = moduleOf(
      notebook(
        { code: 'rate = 0.1', tags: ['parameters'] },
        'def grow(v):\n    return v * (1 + rate)',
        'print(grow(10))'
      )
    );
    expect(text).toContain('\n\n\nrate = 0.1\n\n\ndef grow(v):');
    expect(functionText(text, 'main')).toContain('globals().update(rate=rate)');
  });

  it('does not indent the inside of multi-line strings', () => {
    const { text } = moduleOf(notebook('text = """a\n  b"""\nprint(text)'));
    expect(functionText(text, 'setup')).toContain(
      '    text = """a\n  b"""\n    print(text)'
    );
  });

  it('writes markdown as docstrings, and between the cells of a section as comments, when asked', () => {
    const { text } = moduleOf(
      notebook(
        { md: '# Intro\nSome words.' },
        'x = 1',
        { md: 'More words.' },
        'print(x)'
      ),
      { markdown: true }
    );
    expect(text).toContain(
      '(module)\n\n\n"""Intro\nSome words.\n"""\n\n\ndef intro():'
    );
    expect(functionText(text, 'intro')).toBe(
      'def intro():\n    """Intro"""\n    x = 1\n\n    # More words.\n    print(x)'
    );
  });

  it('is a valid module for a notebook without code', () => {
    const { text } = moduleOf(notebook({ md: '# Only text' }));
    expect(text).toContain(
      'def main():\n    """Runs the notebook\'s sections in order."""\n'
    );
  });

  it('splits a section whose cells are not contiguous once reordered', () => {
    const cells = notebook(
      { md: '# A' },
      'print(b)',
      'a = 1',
      { md: '# B' },
      { code: 'b = a + 1', count: 7 }
    );
    const { text, warnings } = moduleOf(cells);
    expect(warnings).toEqual([
      { kind: 'moved', piece: { cell: 1, cellId: 'c2' }, cell: 4, names: ['b'] }
    ]);
    // Named as Jupyter shows them: the execution count, else the position.
    expect(new EnglishFindings(cells).exportWarning(warnings[0])).toBe(
      'cell 2 runs after [7]: it reads `b`, defined there'
    );
    const names = [...text.matchAll(/^def (\w+)\(/gm)].map(match => match[1]);
    expect(names).toEqual(['a_section', 'b_section', 'a_section_2', 'main']);
  });
});

describe('naming', () => {
  it.each([
    ['# Title', 'Title'],
    ['text\n## First\nmore\n### Second *part* `x`', 'Second part x'],
    ['Setext\n======\n', 'Setext'],
    ['<h3 id="x">Html <em>head</em></h3>', 'Html head'],
    ['```\n# not a heading\n```\nplain', null],
    ['- item\n---', null],
    ['[Link](http://x) & more', null]
  ])('finds the last heading of %j', (markdown, heading) => {
    expect(lastHeading(markdown)).toBe(heading);
  });

  it.each([
    ['Load the data', 'load_the_data'],
    ['2.1 Feature Engineering', 'feature_engineering'],
    ['Étude: café', 'etude_cafe'],
    [
      'A very long heading that goes on and on about many things',
      'a_very_long_heading_that_goes_on_and_on'
    ],
    ['2021', 'section_2021'],
    ['!!!', '']
  ])('makes an identifier of %j', (heading, name) => {
    expect(snakeCase(heading)).toBe(name);
  });

  it('chooses free names', () => {
    const chooser = new NameChooser(new Set(['data', 'data_section']));
    expect(chooser.choose('data', '_section')).toBe('data_section_2');
    expect(chooser.choose('plot', '_section')).toBe('plot');
    expect(chooser.choose('plot', '_section')).toBe('plot_2');
    expect(chooser.choose('class', '_section')).toBe('class_section');
  });
});
