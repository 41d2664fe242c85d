import { nullTranslator } from '@jupyterlab/translation';

import { ICellNames, planWarningParts, reasonParts } from '../findings';
import { badgeLabel } from '../tooltip';

const trans = nullTranslator.load('jupyterlab_fresh');

/** Cell 0 shows execution count 7; the others never ran. */
const names: ICellNames = {
  name: index => (index === 0 ? '[7]' : `cell ${index + 1}`),
  firstLine: () => ''
};

describe('badgeLabel', () => {
  it('reads the words, then each reason with names as text and cells by name', () => {
    expect(
      badgeLabel(
        {
          words: 'stale, opaque',
          reasons: [
            reasonParts(
              {
                kind: 'set-by-removed-code',
                name: 'x',
                cell: 0,
                deleted: false
              },
              trans
            ),
            reasonParts(
              {
                kind: 'reads-flagged',
                name: 'file:a.csv',
                cell: 3,
                via: 'edited'
              },
              trans
            ),
            reasonParts({ kind: 'opaque', uses: ['exec', '%run'] }, trans)
          ]
        },
        names
      )
    ).toBe(
      'stale, opaque. reads x, set by code no longer in [7]. ' +
        'reads the file a.csv from cell 4, which is edited. ' +
        'uses exec, %run; its effects cannot be seen'
    );
  });
});

describe('reasonParts', () => {
  it('keeps names as code and cells as cells, for the views to render', () => {
    expect(
      reasonParts(
        { kind: 'other-source', name: 'random:python', cell: 2, expected: 0 },
        trans
      )
    ).toEqual([
      'reads the ',
      { code: 'random' },
      " module's state from ",
      { cell: 2 },
      ', but top to bottom it comes from ',
      { cell: 0 }
    ]);
  });

  it("words matplotlib's states, pyplot as code", () => {
    expect(
      reasonParts(
        {
          kind: 'reads-flagged',
          name: 'matplotlib:pyplot',
          cell: 2,
          via: 'stale'
        },
        trans
      )
    ).toEqual([
      'reads ',
      { code: 'pyplot' },
      "'s figures from ",
      { cell: 2 },
      ', which is stale'
    ]);
    expect(
      reasonParts(
        {
          kind: 'reads-flagged',
          name: 'matplotlib:settings',
          cell: 2,
          via: 'stale'
        },
        trans
      )
    ).toEqual([
      "reads matplotlib's settings from ",
      { cell: 2 },
      ', which is stale'
    ]);
  });
});

describe('planWarningParts', () => {
  it('words a file left at a path a variable no longer names, the variable as code', () => {
    expect(
      planWarningParts(
        { kind: 'file-left', cells: [3], name: 'file:@out' },
        trans
      )
    ).toEqual([
      { cell: 3 },
      ' lists a folder holding a file that earlier runs wrote through ',
      { code: 'out' },
      ' at a path it no longer names: neither re-running nor a restart deletes it.'
    ]);
  });

  it('words names that only the kernel holds in one notice, counting the others', () => {
    expect(
      planWarningParts(
        { kind: 'kernel-only', cells: [3], name: 'a', more: ['b', 'c'] },
        trans
      )
    ).toEqual([
      { cell: 3 },
      ' reads ',
      { code: 'a' },
      ' and 2 other names, which the kernel still holds but no cell above defines: only a restart clears it.'
    ]);
  });

  it('words the cells that read figure numbers', () => {
    expect(
      planWarningParts({ kind: 'figure-numbers', cells: [3] }, trans)
    ).toEqual([
      { cell: 3 },
      ' reads figure numbers, which pyplot counts up in each kernel: after the figures this kernel made, no re-run gives the numbers of Restart and Run All.'
    ]);
  });

  it('words a star import edited away, the use as code', () => {
    expect(
      planWarningParts(
        { kind: 'opaque-left', cells: [2], cell: 0, uses: ['star import'] },
        trans
      )
    ).toEqual([
      { cell: 2 },
      ' may read names that earlier runs of ',
      { cell: 0 },
      ' defined by ',
      { code: 'star import' },
      ', which its code no longer uses. This plan does not restart the kernel: restart it to clear them.'
    ]);
  });
});
