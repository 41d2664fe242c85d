/**
 * The notebook's prose in the module export (docstrings) and the comments of hoisted imports,
 * read back by Python.
 */
import { exportNotebook, IExportOptions } from '..';
import { docstringsOf, IDocstrings } from './astcheck';
import { CellSpec, notebook } from './cells';

function exported(specs: CellSpec[], options: Partial<IExportOptions> = {}) {
  return exportNotebook(notebook(...specs), {
    format: 'module',
    notebookName: 'n.ipynb',
    ...options
  }).text;
}

/** A function's docstring without the body's indentation the writer added. */
function dedented(doc: string | null): string | null {
  return doc === null ? null : doc.replace(/\n {4}/g, '\n').replace(/\n$/, '');
}

/** The docstrings Python reads, dedented. */
function docstrings(text: string): IDocstrings {
  const [found] = docstringsOf([text]);
  if (typeof found === 'string') {
    throw new Error(`Python cannot read the export (${found}):\n${text}`);
  }
  const functions: Record<string, string | null> = {};
  Object.entries(found.functions).forEach(([name, doc]) => {
    functions[name] = dedented(doc);
  });
  return { module: dedented(found.module), functions };
}

describe('module docstrings', () => {
  it('makes the markdown above the first code cell the module docstring, and a section its function', () => {
    const text = exported([
      { md: '# Sales report\n\nAgenda:\n- load\n- sum' },
      { md: 'Data from [the shop](https://example.org).' },
      'rows = [1, 2]',
      { md: '## Totals\nAdds the rows up.' },
      'total = sum(rows)',
      { md: 'Then shows it.' },
      'print(total)'
    ]);
    expect(docstrings(text)).toEqual({
      module:
        'Sales report\n\nAgenda:\n- load\n- sum\n\nData from [the shop](https://example.org).',
      functions: {
        sales_report: 'Sales report',
        totals: 'Totals\nAdds the rows up.',
        main: "Runs the notebook's sections in order."
      }
    });
    // Markdown between two cells of a section stays where it was, as a comment.
    expect(text).toContain('    # Then shows it.\n    print(total)');
    // Nothing of the preamble is left in a function body.
    expect(text).not.toContain('# Agenda');
  });

  it('keeps what follows a section in that section, as comments', () => {
    const text = exported([
      'x = 1',
      { md: 'x is set.' },
      { md: '## Use' },
      'print(x)'
    ]);
    expect(docstrings(text).functions.use).toBe('Use');
    expect(text).toMatch(/def setup\(\):\n.*\n {4}x = 1\n\n {4}# x is set\.\n/);
  });

  it('writes only headings without markdown', () => {
    const text = exported(
      [
        { md: '# Title\nWords.' },
        'x = 1',
        { md: '## Later\nMore.' },
        'print(x)'
      ],
      { markdown: false }
    );
    expect(docstrings(text)).toEqual({
      module: null,
      functions: {
        title: 'Title',
        later: 'Later',
        main: "Runs the notebook's sections in order."
      }
    });
  });

  const HOSTILE = [
    'ends with a quote"',
    'a triple """ inside, and \'\'\' too',
    '""""',
    '"\n"',
    'backslashes: \\alpha \\N \\u12 \\x \\" and at the end \\',
    'a line ending in a backslash\\\nnext',
    '\\"""',
    'controls \u000b \u001c \u0085 \u2028 and \ta tab',
    'line ends: \r lone CR, \r\n CRLF',
    "'''",
    '# only a heading """'
  ];

  /**
   * The text Python should read back: line ends as `\n`, no spaces at line ends, a heading on
   * the first line as its text.
   */
  const expected = (markdown: string): string =>
    markdown
      .replace(/^# (.*)/, '$1')
      .split(/\r\n?|\n/)
      .map(line => line.replace(/[ \t]+$/, ''))
      .join('\n');

  it.each(HOSTILE)('holds %j unchanged in docstrings', markdown => {
    const text = exported([
      { md: markdown },
      'x = 1',
      { md: `## Later\n${markdown}` },
      'print(x)'
    ]);
    const found = docstrings(text);
    expect(found.module).toBe(expected(markdown));
    // The second function is the section (its name may come from the markdown's heading).
    expect(Object.values(found.functions)[1]).toBe(
      expected(`# Later\n${markdown}`)
    );
  });
});

describe('hoisted imports', () => {
  it('take the comments above them and at their end along', () => {
    const text = exported(
      [
        '# import the class\nfrom collections import Counter\n\n# count letters\nc = Counter("aab")',
        'import os  # for paths\nprint(os.sep, c)'
      ],
      { format: 'script', markdown: false }
    );
    const [imports, first, second] = text.split('\n# %%\n').slice(1);
    expect(imports.trim()).toBe(
      '# import the class\nfrom collections import Counter\n# for paths\nimport os'
    );
    expect(first.trim()).toBe('# count letters\nc = Counter("aab")');
    expect(second.trim()).toBe('print(os.sep, c)');
  });

  it('drop them with an import left out', () => {
    const text = exported(
      [
        '# the display helper\nfrom IPython.display import display\nx = 1',
        'display(x)'
      ],
      { format: 'script', markdown: false, dropDisplayOnly: true }
    );
    expect(text).not.toContain('the display helper');
  });

  it('merge the comments of imports from one module, each once', () => {
    const text = exported(
      [
        '# paths\nfrom os import path\n# paths\nfrom os import sep',
        'print(path, sep)'
      ],
      { format: 'script', markdown: false }
    );
    expect(text).toContain('# paths\nfrom os import path, sep\n');
    expect(text.match(/# paths/g)).toHaveLength(1);
  });
});
