import { cellName, EnglishFindings, ExportWarning, Reason } from '../findings';
import { INotebookCell } from '../types';

const cells: INotebookCell[] = [
  { id: 'a', cellType: 'code', source: 'x = 1', executionCount: 20 },
  { id: 'b', cellType: 'markdown', source: '# Title' },
  { id: 'c', cellType: 'code', source: 'y = x', executionCount: null },
  { id: 'd', cellType: 'code', source: 'print(y)' }
];

describe('cellName', () => {
  it('is the execution count Jupyter shows, else the position in words', () => {
    expect(cellName(0, 20)).toBe('[20]');
    expect(cellName(23, null)).toBe('cell 24');
    expect(cellName(23)).toBe('cell 24');
  });
});

describe('EnglishFindings', () => {
  const english = new EnglishFindings(cells);

  it('names cells from the execution counts of the cells it is given', () => {
    expect(english.cell(0)).toBe('[20]');
    expect(english.cell(2)).toBe('cell 3');
    expect(english.cell(3)).toBe('cell 4');
  });

  it('words reasons, names in backticks and pseudo-symbols in words', () => {
    const reasons: [Reason, string][] = [
      [
        { kind: 'set-below', name: 'x', cell: 0 },
        'reads `x` from [20], below it'
      ],
      [
        { kind: 'reads-flagged', name: 'y', cell: 2, via: 'never-run' },
        'reads `y` from cell 3, which has not run in this kernel'
      ],
      [
        {
          kind: 'changed-after',
          name: 'file:out.csv',
          cell: 0,
          verb: 'rewrote'
        },
        'reads the file `out.csv`, which [20] rewrote after this cell ran'
      ],
      [
        { kind: 'other-source', name: 'x', cell: 2, expected: 0 },
        'reads `x` from cell 3, but top to bottom it comes from [20]'
      ],
      [
        { kind: 'other-source', name: 'random:numpy', cell: 2, expected: null },
        "reads numpy's global random state from cell 3, but top to bottom no cell above sets it"
      ],
      [
        {
          kind: 'reads-flagged',
          name: 'matplotlib:pyplot',
          cell: 2,
          via: 'stale'
        },
        "reads pyplot's figures from cell 3, which is stale"
      ],
      [
        {
          kind: 'reads-flagged',
          name: 'matplotlib:settings',
          cell: 2,
          via: 'stale'
        },
        "reads matplotlib's settings from cell 3, which is stale"
      ],
      [{ kind: 'more', count: 1 }, 'and 1 more like it']
    ];
    for (const [reason, text] of reasons) {
      expect(english.reason(reason)).toBe(text);
    }
  });

  it('words the warning of a file left at a path no cell writes now', () => {
    expect(
      english.planWarning({ kind: 'file-left', cells: [1], name: 'file:a.txt' })
    ).toBe(
      'Cell 2 lists a folder holding the file `a.txt`, which earlier runs wrote at a path ' +
        'no cell writes now: neither re-running nor a restart deletes it.'
    );
  });

  it('words a file left at a path a variable no longer names, though a cell writes through it', () => {
    expect(
      english.planWarning({ kind: 'file-left', cells: [3], name: 'file:@out' })
    ).toBe(
      'Cell 4 lists a folder holding a file that earlier runs wrote through `out` at a path ' +
        'it no longer names: neither re-running nor a restart deletes it.'
    );
  });

  it('words the warning of a star import edited away', () => {
    expect(
      english.planWarning({
        kind: 'opaque-left',
        cells: [2],
        cell: 0,
        uses: ['star import']
      })
    ).toBe(
      'Cell 3 may read names that earlier runs of [20] defined by star import, which its code ' +
        'no longer uses. This plan does not restart the kernel: restart it to clear them.'
    );
  });

  it('words names that only the kernel holds, read by the same cells, in one notice', () => {
    expect(
      english.planWarning({
        kind: 'kernel-only',
        cells: [2],
        name: 'a',
        more: ['b', 'c']
      })
    ).toBe(
      'Cell 3 reads `a` and 2 other names, which the kernel still holds but no cell above ' +
        'defines: only a restart clears it.'
    );
  });

  it('words the warning of cells that read figure numbers', () => {
    expect(english.planWarning({ kind: 'figure-numbers', cells: [2, 3] })).toBe(
      'Cell 3 and cell 4 read figure numbers, which pyplot counts up in each kernel: after the ' +
        'figures this kernel made, no re-run gives the numbers of Restart and Run All.'
    );
  });

  it('words export warnings, executions by the position of their cell', () => {
    const warnings: [ExportWarning, string][] = [
      [
        {
          kind: 'moved',
          piece: { cell: 2, cellId: 'c' },
          cell: 3,
          names: ['a', 'b']
        },
        'cell 3 runs after cell 4: it reads `a`, `b`, defined there'
      ],
      [
        {
          kind: 'left-out',
          piece: { cell: 0, cellId: 'a', execution: 7 },
          status: 'aborted'
        },
        'execution [7] of cell 1 was interrupted: left out'
      ],
      [
        {
          kind: 'magic',
          piece: { cell: 0, cellId: 'a' },
          note: { kind: 'not-python', magic: 'bash', dropped: false }
        },
        '[20]: `%%bash` is not Python: commented out'
      ]
    ];
    for (const [warning, text] of warnings) {
      expect(english.exportWarning(warning)).toBe(text);
    }
  });
});
