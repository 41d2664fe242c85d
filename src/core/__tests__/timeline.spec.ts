import { hashSource } from '../hash';
import { notKeptSource } from '../history';
import { firstLine, timelineEntries } from '../timeline';
import { IExecutionRecord, INotebookCell } from '../types';

const run = (
  cellId: string,
  source: string,
  session = 'k2'
): IExecutionRecord => ({
  cellId,
  source,
  executionCount: 1,
  kernelSession: session,
  status: 'ok'
});

describe('timelineEntries', () => {
  const cells: INotebookCell[] = [
    { id: 'md', cellType: 'markdown', source: '# Title' },
    { id: 'a', cellType: 'code', source: 'x = 2' },
    { id: 'b', cellType: 'code', source: 'print(x)' }
  ];

  it('lists newest first and says what became of each cell', () => {
    const entries = timelineEntries(
      [
        run('a', 'x = 1', 'k1'),
        run('gone', 'y = 3'),
        run('a', 'x = 2'),
        run('b', 'print(x)')
      ],
      cells,
      'k2'
    );
    expect(entries.map(e => [e.seq, e.cellIndex, e.cellState, e.live])).toEqual(
      [
        [3, 2, 'current', true],
        [2, 1, 'current', true],
        [1, null, 'deleted', true],
        [0, 1, 'edited', false]
      ]
    );
  });

  it('shows an edit of comments only as an edit, though it changes no flag', () => {
    const entries = timelineEntries([run('a', 'x = 2  # two')], cells, 'k2');
    expect(entries.map(e => e.cellState)).toEqual(['edited']);
  });

  it('shows what is known of code that was not kept', () => {
    const lost = (cellId: string, source: string) =>
      run(cellId, notKeptSource(hashSource(source)), 'k1');
    const entries = timelineEntries(
      [lost('a', 'x = 1'), lost('b', 'print(x)'), lost('gone', 'y = 3')],
      cells,
      'k2'
    );
    // Newest first: a deleted cell, a cell whose code is the code that ran, an edited cell.
    expect(
      entries.map(e => [e.cellState, e.shows, e.firstLine, e.cellIndex])
    ).toEqual([
      ['deleted', 'nothing', '', null],
      ['current', 'as-run', 'print(x)', 2],
      ['edited', 'edited-cell', 'x = 2', 1]
    ]);
  });

  it('is empty without records', () => {
    expect(timelineEntries([], cells, null)).toEqual([]);
  });
});

describe('firstLine', () => {
  it('skips blank lines, trims, and cuts long lines', () => {
    expect(firstLine('\n\n   import numpy as np\nx = 1')).toBe(
      'import numpy as np'
    );
    expect(firstLine('')).toBe('');
    const long = 'a'.repeat(100);
    expect(firstLine(long, 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('cuts between tokens, not inside a name or number', () => {
    const line = 'weekly_totals = df.groupby("week").sales.sum() * 1000';
    expect(firstLine(line, 20)).toBe('weekly_totals = df.…');
    expect(firstLine(line, 30)).toBe('weekly_totals = df.groupby("…');
    expect(firstLine(line, 52)).toBe(
      'weekly_totals = df.groupby("week").sales.sum() *…'
    );
    // Never less than half the length for the sake of a boundary.
    expect(firstLine('x = some_very_long_identifier_name', 20)).toBe(
      'x = some_very_long_…'
    );
  });
});
