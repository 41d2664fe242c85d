import * as fs from 'fs';
import * as path from 'path';
import { CORPUS, corpusNotebooks } from '../../__tests__/corpus';
import { parseNotebook } from '../../notebook';
import { analyzeCell, ANALYSIS_FAILED } from '../index';

/** The code cells of one corpus notebook. */
function codeCells(file: string): string[] {
  const notebook = parseNotebook(fs.readFileSync(file, 'utf8'));
  return notebook.cells
    .filter(cell => cell.cellType === 'code')
    .map(cell => cell.source);
}

/** The one code cell of `file` (relative to the corpus) that contains `snippet`. */
function cell(file: string, snippet: string): string {
  const matches = codeCells(path.join(CORPUS, file)).filter(source =>
    source.includes(snippet)
  );
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe('the corpus', () => {
  it('is beside the repository', () => {
    expect(fs.existsSync(CORPUS)).toBe(true);
  });

  it('analyses every code cell of every notebook without failing', () => {
    const files = corpusNotebooks();
    expect(files.length).toBeGreaterThanOrEqual(100);
    let count = 0;
    const failed: string[] = [];
    const syntax: string[] = [];
    for (const file of files) {
      codeCells(file).forEach((source, index) => {
        count++;
        const result = analyzeCell(source);
        const where = `${path.relative(CORPUS, file)} code cell ${index}`;
        if (result.opaque.includes(ANALYSIS_FAILED)) {
          failed.push(where);
        }
        if (result.syntaxError !== undefined) {
          syntax.push(`${where}: ${JSON.stringify(result.syntaxError)}`);
        }
      });
    }
    expect(count).toBeGreaterThan(2000);
    expect(failed).toEqual([]);
    // The corpus is valid Python 3 with IPython syntax: any error is a gap of the analysis.
    expect(syntax).toEqual([]);
  });

  it('reads a data file and defines the frame', () => {
    const result = analyzeCell(
      cell(
        'MicrosoftDocs__ml-basics/challenges/01 - Flights Solution.ipynb',
        "read_csv('data/flights.csv')"
      )
    );
    expect(result.defines).toEqual(['pd', 'df_flights']);
    expect(result.reads).toEqual(['file:data/flights.csv']);
    expect(result.imports).toEqual(['pandas']);
  });

  it('sees a seed of numpy as a definition of its global state', () => {
    const result = analyzeCell(
      cell('wesm__pydata-book/ch02.ipynb', 'np.random.seed(12345)')
    );
    expect(result.defines).toEqual(['np', 'random:numpy']);
    expect(result.mutates).toEqual([]);
  });

  it('draws after seeding in the same cell without reading older state', () => {
    const result = analyzeCell(
      cell(
        "WillKoehrsen__Data-Analysis/statistics/Simpson's Paradox.ipynb",
        'np.random.seed(42)'
      )
    );
    expect(result.defines).toContain('random:numpy');
    expect(result.mutates).not.toContain('random:numpy');
    expect(result.reads).toEqual(['np', 'pd', 'plt', 'matplotlib:settings']);
    expect(Object.keys(result.functions)).toEqual(['plot_relationship']);
  });

  it('reads the names a %time statement uses', () => {
    const result = analyzeCell(
      cell('norvig__pytudes/ipynb/Beal.ipynb', '%time beal(100, 100)')
    );
    expect(result.reads).toEqual(['beal']);
    expect(result.calls).toEqual(['beal']);
    expect(result.defines).toEqual([]);
  });

  it('deletes the name given to %xdel', () => {
    const result = analyzeCell(
      cell('wesm__pydata-book/appa.ipynb', '%xdel mmap')
    );
    expect(result.deletes).toEqual(['mmap']);
  });

  it('summarises a class whose constructor records into a global dict', () => {
    const result = analyzeCell(
      cell('norvig__pytudes/ipynb/AdventUtils.ipynb', 'class answer:')
    );
    expect(result.defines).toEqual(['answers', 'unknown', 'answer', 'summary']);
    expect(result.functions.answer.mutates).toEqual(['answers']);
    expect(result.functions.answer.reads).toEqual(['answers', 'time']);
    expect(result.functions.summary.reads).toContain('print');
    expect(result.functions.summary.reads).not.toContain('answers');
  });
});
