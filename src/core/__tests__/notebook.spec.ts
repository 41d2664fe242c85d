import fc from 'fast-check';

import {
  analysisLanguage,
  isPythonLanguage,
  notebookLanguage,
  parseNotebook,
  uniqueIds
} from '../notebook';

fc.configureGlobal({ seed: Number(process.env.FRESH_FC_SEED ?? 20261207) });

/** Ids as hostile notebooks give them: repeated, suffixed like the repair, missing, empty. */
const rawId = fc.oneof(
  fc.constantFrom('a', 'a-2', 'a-3', 'a-2-2', 'cell-0', 'cell-1', 'cell-2', ''),
  fc.string({ maxLength: 3 }),
  fc.constant(undefined),
  fc.constant(null),
  fc.integer()
);

describe('uniqueIds', () => {
  it('repairs a duplicate without making a new one', () => {
    expect(uniqueIds(['a-2', 'a', 'a'])).toEqual(['a-2', 'a', 'a-3']);
    expect(uniqueIds(['a', 'a', 'a', 'a-2'])).toEqual([
      'a',
      'a-3',
      'a-4',
      'a-2'
    ]);
    expect(uniqueIds([undefined, 'cell-0', ''])).toEqual([
      'cell-0-2',
      'cell-0',
      'cell-2'
    ]);
  });

  it('gives every cell a distinct id, and keeps every id that was already unique', () => {
    fc.assert(
      fc.property(fc.array(rawId, { maxLength: 40 }), raw => {
        const ids = uniqueIds(raw);
        expect(ids).toHaveLength(raw.length);
        expect(new Set(ids).size).toBe(ids.length);
        ids.forEach(id => expect(id).not.toBe(''));
        raw.forEach((id, i) => {
          const first = raw.indexOf(id) === i;
          if (typeof id === 'string' && id !== '' && first) {
            expect(ids[i]).toBe(id);
          }
        });
      }),
      { numRuns: 500 }
    );
  });

  it('numbers 100,000 copies of one id in order', () => {
    const ids = uniqueIds(Array.from({ length: 100000 }, () => 'a'));
    expect(new Set(ids).size).toBe(100000);
    expect(ids[99999]).toBe('a-100000');
  });
});

describe('parseNotebook', () => {
  it('names the cell whose cell_type is missing or wrong', () => {
    const notebook = (cell: Record<string, unknown>) =>
      JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'raw' }, cell] });
    expect(() => parseNotebook(notebook({ source: '' }))).toThrow(
      'cell 2 has no "cell_type" (it must be "code", "markdown" or "raw")'
    );
    expect(() => parseNotebook(notebook({ cell_type: ['code'] }))).toThrow(
      'cell 2 has an unknown "cell_type" ["code"]'
    );
  });

  it('makes the ids of the cells unique', () => {
    const cells = ['a-2', 'a', 'a'].map(id => ({ id, cell_type: 'code' }));
    const parsed = parseNotebook(JSON.stringify({ nbformat: 4, cells }));
    expect(parsed.cells.map(cell => cell.id)).toEqual(['a-2', 'a', 'a-3']);
  });
});

describe('isPythonLanguage', () => {
  it('accepts Python spellings and no language, rejects others', () => {
    expect(
      ['python', 'python3', 'ipython3', 'python3.11'].map(isPythonLanguage)
    ).toEqual([true, true, true, true]);
    expect(isPythonLanguage(null)).toBe(true);
    expect(['r', 'julia', 'scala', 'pythonish'].map(isPythonLanguage)).toEqual([
      false,
      false,
      false,
      false
    ]);
  });
});

describe('notebookLanguage', () => {
  it('reads language_info first, then the kernelspec, lower case', () => {
    expect(
      notebookLanguage({
        language_info: { name: 'R' },
        kernelspec: { language: 'python' }
      })
    ).toBe('r');
    expect(notebookLanguage({ kernelspec: { language: 'Julia' } })).toBe(
      'julia'
    );
    expect(notebookLanguage({ language_info: { name: 'python' } })).toBe(
      'python'
    );
  });

  it('skips empty and malformed names, and gives null when none is left', () => {
    expect(
      notebookLanguage({
        language_info: { name: '' },
        kernelspec: { language: 'python3' }
      })
    ).toBe('python3');
    expect(
      notebookLanguage({ language_info: 'x', kernelspec: { language: 3 } })
    ).toBeNull();
    expect(notebookLanguage({})).toBeNull();
  });

  it('is what parseNotebook reports', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { language_info: { name: '' }, kernelspec: { language: 'R' } },
      cells: []
    });
    expect(parseNotebook(text).language).toBe('r');
  });
});

describe('analysisLanguage', () => {
  it('names every spelling of Python, and none, `python`', () => {
    expect(
      [null, 'python', 'python3', 'ipython3', 'python3.11'].map(
        analysisLanguage
      )
    ).toEqual(['python', 'python', 'python', 'python', 'python']);
    expect(analysisLanguage('julia')).toBe('julia');
  });
});
