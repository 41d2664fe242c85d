/**
 * Cells saved with Windows (`\r\n`) or old Mac (`\r`) line ends: Python reads both as line
 * ends, so the analysis and every export see the same code as with `\n`.
 */
import { exportNotebook, ExportFormat } from '..';
import { hashSource } from '../../hash';
import { analyzeCell, hasCode } from '../../python';
import { checkStatements } from './astcheck';
import { notebook } from './cells';

const FORMATS: ExportFormat[] = ['script', 'percent', 'module', 'gather'];

const SOURCES = [
  '%matplotlib inline\nx = 1\n',
  'import os\n%time y = len(os.sep)\n!ls\nz = """a\nb"""\n',
  '%%time\nw = 2\n',
  'def f(:\n    pass\n'
];

const withEnds = (source: string, end: string): string =>
  source.replace(/\n/g, end);

describe.each([
  ['\\r\\n', '\r\n'],
  ['\\r', '\r']
])('line ends %s', (_, end) => {
  it.each(FORMATS)('export as %s as with \\n', format => {
    const export_ = (sources: string[]): string =>
      exportNotebook(notebook(...sources, { md: `# Title${end}text` }), {
        format,
        notebookName: 'n',
        cellId: 'c1'
      }).text;
    expect(export_(SOURCES.map(s => withEnds(s, end)))).toBe(
      export_(SOURCES).replace('# Title text', '# Title\n# text')
    );
  });

  it('are analysed as with \\n', () => {
    for (const source of SOURCES) {
      expect(analyzeCell(withEnds(source, end))).toEqual(analyzeCell(source));
    }
    expect(hasCode(`# comment${end}x = 1`)).toBe(true);
  });

  it('export code that Python reads as the cells', () => {
    const cells = notebook(...SOURCES.map(s => withEnds(s, end)));
    const jobs = FORMATS.map(format => ({
      text: exportNotebook(cells, {
        format,
        notebookName: 'n',
        magics: 'drop',
        cellId: 'c1'
      }).text,
      cells: ['import os', 'x = 1', 'y = len(os.sep)\nz = """a\nb"""', 'w = 2'],
      exact: format !== 'gather',
      module: format === 'module'
    }));
    expect(checkStatements(jobs)).toEqual(jobs.map(() => null));
  });
});

describe('hashes of sources', () => {
  it('are over the exact text, line ends as saved (hashes already stored stay valid)', () => {
    // Values from the Python formula in hash.ts and the README.
    expect(hashSource('%matplotlib inline\r\nx = 1\r\n')).toBe(
      '094ed320d12e7555'
    );
    expect(hashSource('%matplotlib inline\nx = 1\n')).toBe('19b69b5977cfb2c7');
    expect(hashSource('x = 1\ry = 2')).toBe('e044e7da869c6cf4');
    expect(hashSource('# Notes\u2028x = 1')).toBe('95942a3ddaeeeb7d');
  });
});
