import { nullTranslator } from '@jupyterlab/translation';

import { CheckWhy, NameVia } from '../../core/check';
import { cellName, checkText } from '../../core/findings';
import {
  checkParts,
  exportProblemParts,
  ICellNames,
  plainText
} from '../findings';

const trans = nullTranslator.load('jupyterlab_fresh');

/** Cells named by position, as `nbfresh check` names them. */
const names: ICellNames = {
  name: index => cellName(index),
  firstLine: () => ''
};

const VIAS: NameVia[] = [
  { kind: 'reads' },
  { kind: 'calls', fn: 'area' },
  { kind: 'defines', fn: 'f2' }
];

/** Every kind, each name kind through every way of reading. */
const SAMPLES: CheckWhy[] = [
  { kind: 'count-below', count: 3, above: 9, cell: 1 },
  { kind: 'count-below-reads', count: 3, above: 9, cell: 1, name: 'b' },
  { kind: 'edited-after-run' },
  { kind: 'never-run-between' },
  ...VIAS.flatMap((via): CheckWhy[] => [
    { kind: 'deleted-with-del', name: 'tmp', via, cell: 1 },
    { kind: 'defined-after-read', name: 'counter', via },
    { kind: 'defined-nowhere', name: 'pd', via },
    { kind: 'defined-below', name: 'factor', via, cell: 4 }
  ])
];

describe('the lab words what the saved file shows', () => {
  it.each(SAMPLES.map(why => [checkText(why, cellName), why]))(
    'as nbfresh check does, with names as code and cells as links: %s',
    (english, why) => {
      const parts = checkParts(why as CheckWhy, trans);
      expect(plainText(parts, names)).toBe(
        (english as string).replace(/`/g, '')
      );
      const kinds = parts.map(part =>
        typeof part === 'string' ? 'text' : 'code' in part ? 'code' : 'cell'
      );
      expect(kinds.includes('cell')).toBe('cell' in (why as CheckWhy));
    }
  );

  it('names where an export would stop, with the cell it comes from as a link', () => {
    const parts = exportProblemParts(
      { line: 12, cell: 3, cellId: 'c3', kind: 'undefined-name', name: 'rows' },
      trans
    );
    expect(parts).toContainEqual({ cell: 2 });
    expect(parts).toContainEqual({ code: 'rows' });
    expect(plainText(parts, names)).toBe(
      'line 12 (cell 3) reads rows, which the script never defines (NameError)'
    );
    expect(
      plainText(
        exportProblemParts(
          {
            line: 4,
            cell: null,
            cellId: null,
            kind: 'defined-below',
            name: 'x'
          },
          trans
        ),
        names
      )
    ).toBe('line 4 reads x before the script defines it (NameError)');
  });
});
