import * as fs from 'fs';
import * as path from 'path';

import fc from 'fast-check';

import { checkNotebook, ICheckFinding, missingNamesByCell } from '../check';
import { cellName, checkText } from '../findings';
import { hashSource } from '../hash';
import { FRESH_METADATA_VERSION } from '../metadata';
import { parseNotebook } from '../notebook';
import { analyzeCell, PYTHON_BUILTINS } from '../python';
import { INotebookCell } from '../types';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A finding as `nbfresh check` words it. */
function text(finding: ICheckFinding): string {
  return checkText(finding.why, index => cellName(index));
}
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
const builtins = new Set<string>(PYTHON_BUILTINS);

/** Code cells from [source, execution count] pairs; ids c1, c2... */
function code(...specs: [string, number | null][]): INotebookCell[] {
  return specs.map(([source, executionCount], i) => ({
    id: `c${i + 1}`,
    cellType: 'code',
    source,
    executionCount
  }));
}

function check(
  cells: INotebookCell[],
  metadata: Record<string, unknown> = {},
  language: string | null = 'python'
) {
  return checkNotebook(
    { cells, metadata, language },
    { symbols: analyzeCell, builtins }
  );
}

/** `cell kind name` per finding, compact for comparisons. */
function summary(findings: ICheckFinding[]): string[] {
  return findings.map(f =>
    [`cell ${f.cell}`, f.kind, f.name].filter(Boolean).join(' ')
  );
}

describe('hashSource', () => {
  it('gives the published FNV-1a 64-bit test vectors', () => {
    expect(hashSource('')).toBe('cbf29ce484222325');
    expect(hashSource('a')).toBe('af63dc4c8601ec8c');
    expect(hashSource('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt reference over UTF-8 for any text', () => {
    const reference = (text: string) => {
      let h = 0xcbf29ce484222325n;
      for (const byte of Buffer.from(text, 'utf8')) {
        h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      }
      return h.toString(16).padStart(16, '0');
    };
    fc.assert(
      fc.property(fc.fullUnicodeString(), text => {
        expect(hashSource(text)).toBe(reference(text));
      })
    );
  });

  it('tells sources apart that differ in one character or line ending', () => {
    expect(hashSource('x = 1\n')).not.toBe(hashSource('x = 1\r\n'));
    expect(hashSource('x = 1')).not.toBe(hashSource('x = 2'));
  });
});

describe('checkNotebook', () => {
  it('finds nothing in a notebook run top to bottom', () => {
    const cells = code(
      ['import math\nxs = [1, 2, 3]', 1],
      ['total = sum(xs) + math.pi\nprint(total, len(xs))', 2],
      ['def scale(v):\n    return v * total\n\nscale(2)', 3]
    );
    expect(check(cells).findings).toEqual([]);
  });

  it('flags a cell whose count is lower than that of a cell above that sets what it reads', () => {
    const cells = code(['a = 1', 1], ['b = a', 9], ['c = b', 3], ['d = c', 10]);
    const { findings } = check(cells);
    expect(summary(findings)).toEqual(['cell 3 out-of-order']);
    expect(findings[0]).toMatchObject({
      cellId: 'c3',
      why: { kind: 'count-below-reads', count: 3, above: 9, cell: 1, name: 'b' }
    });
    expect(text(findings[0])).toContain('3 is lower than 9 of cell 2');
    expect(text(findings[0])).toContain('sets `b`');
  });

  it('does not flag a cell that ran early but reads nothing a later run above set', () => {
    // Run All gives both cells what they showed: the order of their runs changes nothing.
    const cells = code(['a = 1', 1], ['b = a', 9], ['c = a', 3]);
    expect(check(cells).findings).toEqual([]);
  });

  it('follows reads through the functions a cell calls, and changes as well as bindings', () => {
    const cells = code(
      ['xs = []\ndef total():\n    return sum(xs)', 1],
      ['xs.append(5)', 9],
      ['print(total())', 3]
    );
    expect(summary(check(cells).findings)).toEqual(['cell 3 out-of-order']);
  });

  it('counts the order alone where names cannot tell (exec above, syntax errors)', () => {
    expect(
      summary(check(code(['exec(s)', 9], ['print(1)', 3])).findings)
    ).toEqual(['cell 2 out-of-order']);
    expect(
      summary(check(code(['a = 1', 9], ['print(a +', 3])).findings)
    ).toEqual(['cell 2 out-of-order']);
  });

  it('counts cells among all cells, markdown included', () => {
    const cells: INotebookCell[] = [
      { id: 'm', cellType: 'markdown', source: '# Title' },
      ...code(['a = 1', 2], ['b = a', 1])
    ];
    expect(summary(check(cells).findings)).toEqual(['cell 3 out-of-order']);
  });

  describe('edited', () => {
    const cells = code(['x = 1', 1], ['y = x + 1', 2]);
    const hashes = (first: string, second: string) => ({
      fresh: {
        cells: { c1: { executedHash: first }, c2: { executedHash: second } }
      }
    });

    it('flags a cell whose source no longer hashes to the executed one', () => {
      const { findings } = check(
        cells,
        hashes(hashSource('x = 1'), hashSource('y = x'))
      );
      expect(summary(findings)).toEqual(['cell 2 edited']);
      expect(findings[0].cellId).toBe('c2');
    });

    it('finds nothing when the hashes match or there is no metadata', () => {
      expect(
        check(cells, hashes(hashSource('x = 1'), hashSource('y = x + 1')))
          .findings
      ).toEqual([]);
      expect(check(cells, {}).findings).toEqual([]);
    });

    it('ignores malformed metadata instead of failing on it', () => {
      for (const fresh of [
        'x',
        null,
        { cells: [] },
        { cells: { c1: 'abc' } },
        { cells: { c1: { executedHash: 42 } } },
        { cells: { c1: { executedHash: 'not a hash' } } }
      ]) {
        expect(check(cells, { fresh }).findings).toEqual([]);
      }
    });

    it('reads the hashes through the metadata versions: old layouts migrate, newer ones are refused', () => {
      const stored = hashes(hashSource('x = 1'), hashSource('y = x')).fresh;
      const edited = ['cell 2 edited'];
      // Version 0 kept the settings directly under `fresh`; the hashes were already in `cells`.
      expect(
        summary(check(cells, { fresh: { ...stored, badges: false } }).findings)
      ).toEqual(edited);
      expect(
        summary(
          check(cells, {
            fresh: { ...stored, version: FRESH_METADATA_VERSION }
          }).findings
        )
      ).toEqual(edited);
      for (const version of [FRESH_METADATA_VERSION + 1, 'x', -1, 1.5]) {
        expect(
          check(cells, { fresh: { ...stored, version } }).findings
        ).toEqual([]);
      }
    });

    it('says nothing about a cell that shows no result', () => {
      const unrun = code(['x = 1', 1], ['y = x + 1', null]);
      expect(
        check(unrun, hashes(hashSource('x = 1'), hashSource('y = x'))).findings
      ).toEqual([]);
    });
  });

  it('flags code never run between cells that ran, not at the ends or blank ones', () => {
    const cells = code(
      ['a = 1', null],
      ['b = 2', 1],
      ['c = 3', null],
      ['# just a note\n\n', null],
      ['d = b', 2],
      ['e = 5', null]
    );
    expect(summary(check(cells).findings)).toEqual(['cell 3 never-run']);
  });

  it('flags a name no cell defines, not builtins or IPython names', () => {
    const cells = code([
      'print(len(df), hot, _, _3, Out[2], In, display, __name__, get_ipython())',
      1
    ]);
    expect(summary(check(cells).findings)).toEqual([
      'cell 1 undefined-name df',
      'cell 1 undefined-name hot'
    ]);
  });

  it('flags a name defined only below, naming the defining cell', () => {
    const cells = code(
      ['a = 1', 1],
      ['print(a + b)', 3],
      ['pass', 4],
      ['b = 2', 2]
    );
    const { findings } = check(cells);
    expect(summary(findings)).toEqual(['cell 2 defined-below b']);
    expect(text(findings[0])).toBe('reads `b`, defined only below, in cell 4');
  });

  it('follows the globals of called functions to the call', () => {
    const cells = code(
      ['def area(r):\n    return pi_ish * r * r', 1],
      ['print(area(2))', 2],
      ['pi_ish = 3.14', 3],
      ['def outer():\n    return area(1)', 4],
      ['outer()', 5]
    );
    const { findings } = check(cells);
    expect(summary(findings)).toEqual(['cell 2 defined-below pi_ish']);
    expect(text(findings[0])).toBe(
      'calls `area`, which reads `pi_ish`, defined only below, in cell 3'
    );
  });

  it('reports a name no cell binds where the function reading it is defined', () => {
    const cells = code(
      ['frame = [1, 2]', 1],
      ['def f2(x):\n    return pd.Series(x)\n\nlist(map(f2, frame))', 2],
      ['f2(3)', 3]
    );
    const { findings } = check(cells);
    expect(summary(findings)).toEqual(['cell 2 undefined-name pd']);
    expect(text(findings[0])).toBe(
      'defines `f2`, which reads `pd`, which no cell defines and is not a builtin'
    );
  });

  it('sees a function defined and called in the same cell', () => {
    const cells = code(['def f():\n    return k\n\nk = 2\nf()', 1]);
    expect(check(cells).findings).toEqual([]);
  });

  it('flags a name read after `del` removed it', () => {
    const cells = code(['tmp = 1', 1], ['del tmp', 2], ['print(tmp)', 3]);
    const { findings } = check(cells);
    expect(summary(findings)).toEqual(['cell 3 undefined-name tmp']);
    expect(text(findings[0])).toContain('deleted with `del` in cell 2');
  });

  it('reads before a binding in the same cell are undefined when nothing above binds', () => {
    const cells = code(['counter = counter + 1', 1]);
    expect(summary(check(cells).findings)).toEqual([
      'cell 1 undefined-name counter'
    ]);
  });

  it('judges no names below a star import, which may define anything', () => {
    const cells = code(
      ['x = unknown_a', 1],
      ['from os.path import *', 2],
      ['print(join, unknown_b)', 3]
    );
    expect(summary(check(cells).findings)).toEqual([
      'cell 1 undefined-name unknown_a'
    ]);
  });

  it('skips the name checks of another language, keeping the order checks', () => {
    const cells = code(['x <- undefined_thing', 2], ['print(x)', 1]);
    const result = check(cells, {}, 'r');
    expect(summary(result.findings)).toEqual(['cell 2 out-of-order']);
    expect(result.dataflowSkipped).toEqual({ language: 'r' });
    expect(check(cells, {}, 'python').dataflowSkipped).toBeNull();
  });

  it('finds what is wrong with the demo notebook', () => {
    const text = fs.readFileSync(
      path.join(ROOT, 'examples', 'demo.ipynb'),
      'utf8'
    );
    const notebook = parseNotebook(text);
    const { findings, dataflowSkipped } = checkNotebook(notebook, {
      symbols: analyzeCell,
      builtins
    });
    expect(dataflowSkipped).toBeNull();
    expect(summary(findings)).toEqual([
      'cell 5 undefined-name hot',
      'cell 7 defined-below features',
      'cell 9 edited'
    ]);
    expect(findings.map(f => f.cellId)).toEqual(['clean', 'fit', 'summary']);
  });
});

describe('checkNotebook on the corpus', () => {
  const rows = fs
    .readFileSync(path.join(CORPUS, 'SOURCES.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(line => line.split('\t'));
  const read = (repo: string, file: string) =>
    parseNotebook(
      fs.readFileSync(path.join(CORPUS, repo.replace('/', '__'), file), 'utf8')
    );
  const checked = rows.map(([repo, file, , , outOfOrder, , , topDown]) => ({
    file,
    outOfOrder,
    topDown,
    findings: checkNotebook(read(repo, file), {
      symbols: analyzeCell,
      builtins
    }).findings
  }));

  it('flags out of order only in notebooks that ran out of order', () => {
    expect(checked.length).toBeGreaterThan(100);
    const flagged = checked.filter(({ findings }) =>
      findings.some(f => f.kind === 'out-of-order')
    );
    // Those whose early runs read nothing a later run above set are not flagged.
    expect(flagged.length).toBeGreaterThan(0);
    for (const { file, outOfOrder } of flagged) {
      expect({ file, outOfOrder }).toEqual({ file, outOfOrder: 'yes' });
    }
  });

  it('finds no name problem in notebooks that ran top to bottom without error', () => {
    const clean = checked.filter(entry => entry.topDown === 'ok');
    expect(clean.length).toBeGreaterThan(50);
    const names = clean.flatMap(({ file, findings }) =>
      findings
        .filter(f => f.kind === 'undefined-name' || f.kind === 'defined-below')
        .map(f => `${file}:cell ${f.cell}: ${text(f)}`)
    );
    expect(names).toEqual([]);
  });

  it('finds every use of a name whose only import cell was deleted', () => {
    const notebook = read('wesm/pydata-book', 'ch05.ipynb');
    const first = notebook.cells.findIndex(cell => cell.cellType === 'code');
    expect(notebook.cells[first].source).toBe(
      'import numpy as np\nimport pandas as pd'
    );
    notebook.cells.splice(first, 1);
    const findings = checkNotebook(notebook, {
      symbols: analyzeCell,
      builtins
    }).findings.filter(f => f.kind !== 'out-of-order');
    const readers = notebook.cells.filter(
      cell => cell.cellType === 'code' && /\bpd\./.test(cell.source)
    );
    expect(new Set(findings.map(f => `${f.kind} ${f.name}`))).toEqual(
      // The next cell imports numpy again: only pandas is gone.
      new Set(['undefined-name pd'])
    );
    expect(new Set(findings.map(f => f.cellId))).toEqual(
      new Set(readers.map(cell => cell.id))
    );
  });
});

describe('missingNamesByCell', () => {
  it('names what a cell reads that nothing above defines, with the cell to look at', () => {
    const cells = code(
      ['del temp', null],
      ['print(weekly_totals, factor, temp, len)', null],
      ['factor = 2', null],
      ['temp = 1', null]
    );
    const missing = missingNamesByCell(cells, {
      symbols: analyzeCell,
      builtins
    });
    expect(missing.get('c2')).toEqual([
      { name: 'weekly_totals', kind: 'undefined-name', relatedCellId: null },
      { name: 'factor', kind: 'defined-below', relatedCellId: 'c3' },
      { name: 'temp', kind: 'undefined-name', relatedCellId: 'c1' }
    ]);
    expect(missing.get('c3') ?? []).toEqual([]);
  });
});
