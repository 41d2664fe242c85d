/**
 * What a notebook shows when it opens, before anything runs: the verdicts come from the saved
 * file, the history in `fresh` metadata when there is one, else what `nbfresh check` finds.
 */
import * as fs from 'fs';
import * as path from 'path';

import { NotebookAnalysis } from '../analysis';
import { savedVerdicts } from '../check';
import { hashSource } from '../hash';
import { restoreHistory } from '../history';
import { parseNotebook } from '../notebook';
import { analyzeCell, PYTHON_BUILTINS } from '../python';
import { validateFreshMetadata } from '../metadata';
import { ICellStatus, ICellSymbols, INotebookCell } from '../types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const builtins = new Set<string>(PYTHON_BUILTINS);

/** An analysis given what the file says, as the lab makes it on open. */
function withSaved(
  cells: INotebookCell[],
  metadata: Record<string, unknown>,
  symbols: (source: string) => ICellSymbols = analyzeCell
): NotebookAnalysis {
  const analysis = new NotebookAnalysis({ symbols });
  analysis.setCells(cells);
  analysis.setSaved(
    savedVerdicts(
      { cells, metadata, language: 'python' },
      { symbols: analyzeCell, builtins }
    )
  );
  return analysis;
}

/** The verdicts of a notebook as the lab opens it: its saved history, no kernel session yet. */
function opened(
  cells: INotebookCell[],
  metadata: Record<string, unknown>
): ICellStatus[] {
  const { fresh } = validateFreshMetadata(metadata.fresh, {
    notebookPath: 'demo.ipynb'
  });
  const restored = restoreHistory(fresh?.history, cells);
  // Runs whose source was not kept are analysed from their stored summary, as the lab does.
  const analysis = withSaved(
    cells,
    metadata,
    source => restored.symbols.get(source) ?? analyzeCell(source)
  );
  restored.records.forEach(record => analysis.addExecution(record));
  analysis.setKernelSession(null);
  return analysis.statuses();
}

/** `id: flags` of the flagged cells. */
function flagged(statuses: ICellStatus[]): string[] {
  return statuses
    .filter(cell => cell.flags.length > 0)
    .map(cell => `${cell.cellId}: ${cell.flags.join(' ')}`);
}

describe('on open, without history', () => {
  const cells: INotebookCell[] = [
    ['load', 'x = 1', 2],
    ['early', 'print(x)', 1],
    ['gone', 'print(hot)', 3],
    ['fine', 'y = x + 1', 4],
    ['edited', 'print(y)', 5],
    ['skipped', 'z = y', null],
    ['after', 'print(x)', 6],
    ['new', 'print(z)', null]
  ].map(([id, source, executionCount]) => ({
    id: id as string,
    cellType: 'code',
    source: source as string,
    executionCount: executionCount as number | null
  }));
  const metadata = {
    fresh: { cells: { edited: { executedHash: hashSource('print(x)') } } }
  };

  it('shows what `nbfresh check` finds, and cells that ran elsewhere are quiet', () => {
    const statuses = opened(cells, metadata);
    expect(flagged(statuses)).toEqual([
      'early: out-of-order',
      'gone: deleted-code',
      'edited: edited',
      'skipped: never-run',
      'new: never-run'
    ]);
    expect(statuses[1].reasons).toEqual([
      {
        kind: 'saved-file',
        why: {
          kind: 'count-below-reads',
          count: 1,
          above: 2,
          cell: 0,
          name: 'x'
        }
      }
    ]);
    expect(
      statuses.filter(cell => cell.notInKernel).map(cell => cell.cellId)
    ).toEqual(['load', 'early', 'gone', 'fine', 'edited', 'after']);
  });

  it('keeps those verdicts once a kernel starts, until a cell runs', () => {
    const analysis = withSaved(cells, metadata);
    analysis.setKernelSession('k1');
    const before = flagged(analysis.statuses());
    expect(before).toHaveLength(5);
    analysis.addExecution({
      cellId: 'early',
      source: 'print(x)',
      executionCount: 1,
      kernelSession: 'k1',
      status: 'error'
    });
    const after = analysis.statuses();
    expect(after[1].flags).toEqual(['stale', 'error']);
    expect(after[1].reasons[0]).toEqual({
      kind: 'reads-flagged',
      name: 'x',
      cell: 0,
      via: 'never-run'
    });
    expect(after[1].notInKernel).toBeUndefined();
    expect(flagged(after).slice(1)).toEqual(before.slice(1));
  });
});

describe('on open, with the history saved in the demo notebook', () => {
  const text = fs.readFileSync(
    path.join(ROOT, 'examples', 'demo.ipynb'),
    'utf8'
  );
  const { cells, metadata } = parseNotebook(text);
  const statuses = opened(cells, metadata);

  it('tells its story: deleted definition, out of order, edited, one stale chain', () => {
    expect(flagged(statuses)).toEqual([
      'clean: deleted-code',
      'fit: stale out-of-order',
      'summary: stale edited',
      'roi: stale'
    ]);
    const reasons = new Map(statuses.map(cell => [cell.cellId, cell.reasons]));
    expect(reasons.get('clean')).toEqual([
      { kind: 'set-by-deleted-cell', name: 'hot' }
    ]);
    expect(reasons.get('fit')).toContainEqual({
      kind: 'set-below',
      name: 'features',
      cell: 7
    });
    expect(reasons.get('summary')).toContainEqual({ kind: 'edited' });
  });

  it('has no "not run" flag: every cell ran, in a kernel that is gone', () => {
    expect(statuses.some(cell => cell.flags.includes('never-run'))).toBe(false);
    expect(statuses.every(cell => cell.notInKernel)).toBe(true);
  });
});
