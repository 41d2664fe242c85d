/**
 * The one rule for notebook text in comments and strings of an export (`safeLines`), checked
 * against Python itself: what ends a line for Python, and that nothing survives the rule.
 */
import { exportNotebook, ExportFormat } from '..';
import { pythonString } from '../lines';
import { commentLines, headerLine, oneLine } from '../writer';
import { checkStatements, probePython } from './astcheck';
import { notebook } from './cells';

/**
 * Each candidate character in a comment followed by `x = 1`: does Python then read a
 * statement (1), nothing (0), or refuse the file; how many lines does `str.splitlines` see.
 * Found with `ast.parse` on Python 3.11; the test asks Python again.
 */
const TABLE: [string, string, number | string, number][] = [
  ['\\n', '\n', 1, 2],
  ['\\r', '\r', 1, 2],
  ['\\r\\n', '\r\n', 1, 2],
  ['\\f', '\f', 0, 2],
  ['\\v', '\v', 0, 2],
  ['\\x1c', '\x1c', 0, 2],
  ['\\x1d', '\x1d', 0, 2],
  ['\\x1e', '\x1e', 0, 2],
  ['U+0085', '\u0085', 0, 2],
  ['U+2028', '\u2028', 0, 2],
  ['U+2029', '\u2029', 0, 2],
  ['NUL', '\0', 'SyntaxError', 1],
  ['\\x1f', '\x1f', 0, 1],
  ['\\t', '\t', 0, 1]
];

const EXPORTS: ExportFormat[] = ['script', 'percent', 'module', 'gather'];

describe('characters that end a line in Python', () => {
  const probes = probePython(TABLE.map(([, char]) => `# a${char}x = 1\n`));

  it.each(
    TABLE.map(([name, , statements, splitlines], i) => ({
      name,
      statements,
      splitlines,
      i
    }))
  )(
    '$name: $statements statements after it, $splitlines lines for splitlines',
    ({ statements, splitlines, i }) => {
      expect(probes[i]).toEqual({ statements, splitlines });
    }
  );

  it('none ends a comment, a one-line text or a string once escaped', () => {
    const texts = TABLE.flatMap(([, char]) => [
      commentLines(`a${char}x = 1`) + '\n',
      `# ${oneLine(`a${char}x = 1`)}\n`,
      `s = ${pythonString(`a${char}x = 1`)}\n`
    ]);
    const answers = probePython(texts);
    texts.forEach((text, i) => {
      const expected = text.startsWith('s = ') ? 1 : 0;
      expect([text, answers[i].statements]).toEqual([text, expected]);
      // Nor can a tool that splits lines like Python's str (IPython, jupytext) see more.
      expect(answers[i].splitlines).toBe(text.split('\n').length - 1);
    });
  });

  it('keeps the text readable: line ends as comment lines, the rest as escapes', () => {
    expect(commentLines('# Notes\rprint(1)\r\nb\u2028c\0')).toBe(
      '# # Notes\n# print(1)\n# b\\u2028c\\x00'
    );
    expect(oneLine('a\r\nb\tc\x1bd')).toBe('a b c\\x1bd');
  });
});

describe('hostile text in every export', () => {
  const CODE = 'x = 1';
  /** Text that ends a comment if written raw, then a statement. */
  const HOSTILE = TABLE.map(([, char]) => `Notes${char}print('pwned')`);

  const cases = EXPORTS.flatMap(format =>
    HOSTILE.flatMap(text => {
      const markdown = notebook({ md: `# ${text}` }, CODE);
      const magic = notebook(`%matplotlib ${text.replace(/[\r\n]/g, ' ')}`);
      const broken = notebook(`def f(:\n    ${text}`, CODE);
      return [markdown, magic, broken].map(cells => ({
        format,
        cells,
        name: `${text}.ipynb`
      }));
    })
  );

  it('holds only the code cells’ statements, with any notebook name', () => {
    const jobs = cases.map(({ format, cells, name }) => ({
      text: exportNotebook(cells, {
        format,
        notebookName: name,
        cellId: cells[cells.length - 1].id
      }).text,
      cells: cells.filter(c => c.cellType === 'code').map(c => c.source),
      exact: format !== 'gather',
      module: format === 'module'
    }));
    expect(checkStatements(jobs)).toEqual(jobs.map(() => null));
  });

  it('writes cell ids of the execution log as comments', () => {
    const cells = notebook(CODE);
    const jobs = HOSTILE.map(id => {
      const { text } = exportNotebook(
        cells,
        { format: 'as-run', notebookName: 'n' },
        {
          executions: [
            {
              cellId: id,
              source: 'y = 2',
              executionCount: 1,
              kernelSession: 'k',
              status: 'ok'
            }
          ]
        }
      );
      return { text, cells: ['y = 2'], exact: true };
    });
    expect(checkStatements(jobs)).toEqual(jobs.map(() => null));
  });

  it('cannot declare the file’s encoding through the notebook name', () => {
    // Python reads `coding=utf_7` on the first line as the encoding, and `+AAo-` in UTF-7
    // is a line end: the markdown line would run.
    const name = 'x coding=utf_7 y.ipynb';
    expect(headerLine(name, 'clean script')).not.toMatch(/coding[:=]/);
    const cells = notebook({ md: "+AAo-print('pwned')" }, CODE);
    const jobs = EXPORTS.map(format => ({
      text: exportNotebook(cells, {
        format,
        notebookName: name,
        cellId: 'c2'
      }).text,
      cells: [CODE],
      exact: true,
      module: format === 'module'
    }));
    expect(checkStatements(jobs)).toEqual(jobs.map(() => null));
  });
});
