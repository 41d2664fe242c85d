import { spawnSync } from 'child_process';

import { checkExport } from '../check';
import { exportNotebook } from '../export';
import { analyzeCell, PYTHON_BUILTINS } from '../python';
import { INotebookCell } from '../types';

const options = {
  symbols: analyzeCell,
  builtins: new Set<string>(PYTHON_BUILTINS)
};

function cells(...sources: string[]): INotebookCell[] {
  return sources.map((source, i) => ({
    id: `c${i + 1}`,
    cellType: source.startsWith('#') ? 'markdown' : 'code',
    source
  }));
}

/** Runs the exported text with Python: its exit status and the last line of its error. */
function runPython(text: string): { status: number | null; error: string } {
  const result = spawnSync('python3', ['-'], { input: text, encoding: 'utf8' });
  const lines = result.stderr.trim().split('\n');
  return {
    status: result.status,
    error: result.stderr ? lines.join('\n') : ''
  };
}

describe('checkExport', () => {
  // The notebook after its cell `rows = [3, 1, 2]` was deleted: the export reads `rows`.
  const notebook = cells(
    '# Totals',
    'import math',
    'total = sum(rows)\nlargest = max(rows)',
    'print(math.sqrt(total), largest)'
  );

  it('lists a name the script reads and never defines, at the line and cell Python fails', () => {
    const exported = exportNotebook(notebook, {
      format: 'script',
      notebookName: 'totals.ipynb'
    });
    const problems = checkExport(exported, notebook, options);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({
      cell: 3,
      cellId: 'c3',
      kind: 'undefined-name',
      name: 'rows'
    });
    expect(exported.text.split('\n')[problem.line - 1]).toBe(
      'total = sum(rows)'
    );
    const run = runPython(exported.text);
    expect(run.status).toBe(1);
    expect(run.error).toContain(`line ${problem.line}`);
    expect(run.error).toContain("NameError: name 'rows' is not defined");
  });

  it.each(['script', 'module', 'percent'] as const)(
    'finds nothing in a %s export that runs',
    format => {
      const whole = cells('rows = [3, 1, 2]', ...notebook.map(c => c.source));
      const exported = exportNotebook(whole, {
        format,
        notebookName: 'totals.ipynb'
      });
      expect(checkExport(exported, whole, options)).toEqual([]);
      expect(runPython(exported.text)).toEqual({ status: 0, error: '' });
    }
  );

  it('lists a name defined only further down, as the percent format keeps cell order', () => {
    const late = cells('print(y)', 'y = 1');
    const exported = exportNotebook(late, {
      format: 'percent',
      notebookName: 'late.ipynb'
    });
    const problems = checkExport(exported, late, options);
    expect(problems.map(p => [p.kind, p.name, p.cell])).toEqual([
      ['defined-below', 'y', 1]
    ]);
    expect(exported.text.split('\n')[problems[0].line - 1]).toBe('print(y)');
    expect(runPython(exported.text).error).toContain(
      `line ${problems[0].line}`
    );
  });
});
