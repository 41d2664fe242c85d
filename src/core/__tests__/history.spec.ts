import { hashSource } from '../hash';
import {
  DEFAULT_HISTORY_LIMITS,
  freshWithHistory,
  isSourceNotKept,
  restoreHistory,
  storeHistory
} from '../history';
import {
  MAX_FRESH_METADATA_SIZE,
  mergeSettings,
  validateFreshMetadata
} from '../metadata';
import { englishProblem } from '../problems';
import {
  emptySymbols,
  ICellSymbols,
  IExecutionRecord,
  INotebookCell
} from '../types';

const summary = (defines: string[], reads: string[] = []): ICellSymbols => ({
  ...emptySymbols(),
  defines,
  reads
});

// Stands in for the symbol analysis: what matters here is which sources get summarised.
const summarised: string[] = [];
const symbolsOf = (source: string): ICellSymbols => {
  summarised.push(source);
  return summary([source.split(' ')[0]]);
};

const record = (
  cellId: string,
  source: string,
  kernelSession = 'k1'
): IExecutionRecord => ({
  cellId,
  source,
  executionCount: 1,
  kernelSession,
  status: 'ok',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z'
});

const cells: INotebookCell[] = [
  { id: 'a', cellType: 'code', source: 'x = 2' },
  { id: 'b', cellType: 'code', source: 'y = x' }
];

beforeEach(() => {
  summarised.length = 0;
});

describe('storeHistory', () => {
  const records = [
    record('a', 'x = 1'),
    record('gone', 'z = 3'),
    record('a', 'x = 2'),
    record('b', 'y = x')
  ];

  it('keeps hashes, and summaries only where the source is not in the notebook', () => {
    const stored = storeHistory(
      records,
      cells,
      null,
      DEFAULT_HISTORY_LIMITS,
      symbolsOf
    );
    expect(summarised).toEqual(['x = 1', 'z = 3']);
    expect(
      stored.executions.map(e => [
        e.cellId,
        e.sourceHash,
        !!e.symbols,
        e.source
      ])
    ).toEqual([
      ['a', hashSource('x = 1'), true, undefined],
      ['gone', hashSource('z = 3'), true, undefined],
      ['a', hashSource('x = 2'), false, undefined],
      ['b', hashSource('y = x'), false, undefined]
    ]);
    expect(stored.cells).toEqual({
      a: { executedHash: hashSource('x = 2') },
      b: { executedHash: hashSource('y = x') }
    });
    expect(stored.session).toBeUndefined();
  });

  it('keeps only the newest executions, and sources when asked', () => {
    const stored = storeHistory(
      records,
      cells,
      { id: 's', kernelId: 'k', fingerprint: 'pid:1' },
      { maxExecutions: 2, keepSources: true },
      symbolsOf
    );
    expect(stored.executions.map(e => e.source)).toEqual(['x = 2', 'y = x']);
    expect(summarised).toEqual([]);
    expect(stored.session).toEqual({
      id: 's',
      kernelId: 'k',
      fingerprint: 'pid:1'
    });
  });
});

describe('freshWithHistory', () => {
  const session = { id: 's', kernelId: 'k', fingerprint: 'pid:1' };
  const settings = { badges: false };

  /** `count` runs of `a`, each with its source kept (the large case). */
  function bigHistory(count: number, sourceLength: number) {
    const runs = Array.from({ length: count }, (_, i) =>
      record('a', `x = ${i} # ${'y'.repeat(sourceLength)}`)
    );
    return storeHistory(
      runs,
      cells,
      session,
      { maxExecutions: count, keepSources: true },
      symbolsOf
    );
  }

  /** Read back as JupyterLab does: accepted whole, the notebook's settings honoured. */
  function expectReadable(fresh: Record<string, unknown>): void {
    expect(JSON.stringify(fresh).length).toBeLessThanOrEqual(
      MAX_FRESH_METADATA_SIZE
    );
    const context = { notebookPath: 'n.ipynb' };
    expect(validateFreshMetadata(fresh, context).problems).toEqual([]);
    expect(mergeSettings({}, fresh, context).values.badges).toBe(false);
  }

  it('replaces history and hashes, keeps the settings, and writes only what there is', () => {
    const stored = storeHistory(
      [record('a', 'x = 2')],
      cells,
      session,
      DEFAULT_HISTORY_LIMITS,
      symbolsOf
    );
    const fresh = freshWithHistory(
      { version: 1, settings, history: { executions: [] }, cells: { old: 1 } },
      stored
    );
    expect(fresh).toEqual({
      version: 1,
      settings,
      cells: { a: { executedHash: hashSource('x = 2') } },
      history: { session, executions: stored.executions }
    });
    expectReadable(fresh);
    const empty = storeHistory(
      [],
      cells,
      null,
      DEFAULT_HISTORY_LIMITS,
      symbolsOf
    );
    expect(freshWithHistory({ version: 1, settings }, empty)).toEqual({
      version: 1,
      settings
    });
  });

  it('drops the oldest executions to stay readable', () => {
    const stored = bigHistory(400, 4000);
    expect(JSON.stringify(stored).length).toBeGreaterThan(
      MAX_FRESH_METADATA_SIZE
    );
    const fresh = freshWithHistory({ version: 1, settings }, stored);
    expectReadable(fresh);
    const kept = (fresh.history as { executions: unknown[] }).executions;
    // Newest last, as many as fit: one more would not.
    expect(kept.length).toBeGreaterThan(200);
    expect(kept).toEqual(stored.executions.slice(-kept.length));
    expect(
      JSON.stringify(fresh).length +
        JSON.stringify(
          stored.executions[stored.executions.length - kept.length - 1]
        ).length
    ).toBeGreaterThan(MAX_FRESH_METADATA_SIZE);
    expect(fresh.cells).toEqual(stored.cells);
  });

  it('drops the per-cell hashes when they alone do not fit', () => {
    const many: INotebookCell[] = Array.from({ length: 60000 }, (_, i) => ({
      id: `cell-${i}`,
      cellType: 'code',
      source: `x${i} = ${i}`
    }));
    const stored = storeHistory(
      many.map(cell => record(cell.id, cell.source)),
      many,
      session,
      DEFAULT_HISTORY_LIMITS,
      symbolsOf
    );
    const fresh = freshWithHistory({ version: 1, settings }, stored);
    expectReadable(fresh);
    expect(JSON.stringify(stored.cells).length).toBeGreaterThan(
      MAX_FRESH_METADATA_SIZE
    );
    expect('cells' in fresh).toBe(false);
    expect((fresh.history as { executions: unknown[] }).executions).toEqual(
      stored.executions
    );
  });
});

describe('restoreHistory', () => {
  it('round-trips: sources from cells, summaries behind placeholders', () => {
    const records = [
      record('gone', 'z = 3'),
      record('a', 'x = 2'),
      record('b', 'y = 0')
    ];
    const stored = JSON.parse(
      JSON.stringify(
        storeHistory(
          records,
          cells,
          { id: 's', kernelId: 'k', fingerprint: 'pid:1' },
          DEFAULT_HISTORY_LIMITS,
          symbolsOf
        )
      )
    );
    const restored = restoreHistory(stored, cells);
    expect(restored.problems).toEqual([]);
    expect(restored.session).toEqual({
      id: 's',
      kernelId: 'k',
      fingerprint: 'pid:1'
    });
    expect(restored.records).toHaveLength(3);
    const [gone, a, b] = restored.records;
    expect(a).toEqual(records[1]);
    expect(isSourceNotKept(gone.source)).toBe(true);
    expect(restored.symbols.get(gone.source)?.defines).toEqual(['z']);
    // Cell b was edited after it ran: its executed source is summarised, not the new one.
    expect(isSourceNotKept(b.source)).toBe(true);
    expect(restored.symbols.get(b.source)?.defines).toEqual(['y']);
  });

  it('drops malformed parts with a message and never throws', () => {
    expect(restoreHistory(undefined, cells)).toEqual({
      session: null,
      records: [],
      symbols: new Map(),
      problems: []
    });
    expect(restoreHistory('nonsense', cells).problems).toEqual([
      { kind: 'history-not-object' }
    ]);
    const bad = restoreHistory(
      {
        session: { id: 1 },
        executions: [
          {
            cellId: 'a',
            sourceHash: 'zz',
            kernelSession: 'k',
            status: 'ok',
            executionCount: 1
          },
          {
            cellId: 'a',
            sourceHash: hashSource('x = 2'),
            kernelSession: 'k',
            status: 'weird',
            executionCount: 1
          },
          {
            cellId: 'gone',
            sourceHash: hashSource('q = 1'),
            kernelSession: 'k',
            status: 'ok',
            executionCount: 1,
            symbols: { defines: [1] }
          },
          {
            cellId: 'a',
            sourceHash: hashSource('x = 2'),
            kernelSession: 'k',
            status: 'ok',
            executionCount: 4
          },
          // Well formed, but its cell id is not in the notebook and no summary was kept.
          {
            cellId: 'renamed',
            sourceHash: hashSource('x = 2'),
            kernelSession: 'k',
            status: 'ok',
            executionCount: 5
          }
        ]
      },
      cells
    );
    expect(bad.session).toBeNull();
    expect(
      bad.records.map(r => [r.cellId, r.source, r.executionCount])
    ).toEqual([['a', 'x = 2', 4]]);
    expect(bad.problems).toEqual([
      { kind: 'session-malformed' },
      { kind: 'executions-malformed', count: 3 },
      { kind: 'executions-unknown', count: 1 }
    ]);
    expect(bad.problems.map(englishProblem)).toEqual([
      'The stored kernel session is malformed; it was ignored.',
      '3 stored executions were malformed and ignored.',
      '1 stored execution ran code that is not in this notebook (its cell id or source changed outside Fresh) and kept no summary of it; it was ignored.'
    ]);
    expect(
      restoreHistory({ executions: new Array(10001).fill({}) }, cells).records
    ).toEqual([]);
  });
});
