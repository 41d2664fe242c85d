/**
 * The engine kept up to date event by event gives the same answers as a new analysis of the
 * final state, on real notebooks from the corpus with edits that change what cells define,
 * alias, mutate, delete, and whether they are opaque.
 */
import * as fs from 'fs';
import * as path from 'path';
import { corpusNotebooks } from '../../__tests__/corpus';
import { parseNotebook } from '../../notebook';
import { IExecutionRecord, INotebookCell } from '../../types';
import { analyzeNotebook, NotebookAnalysis } from '..';

/** Notebooks checked, spread over the corpus; events per notebook. */
const NOTEBOOKS = 12;
const EVENTS = 60;

describe('incremental analysis on corpus notebooks', () => {
  const files = corpusNotebooks();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  const picked = files.filter(
    (_, i) => i % Math.max(1, Math.floor(files.length / NOTEBOOKS)) === 0
  );
  it.each(picked.map(file => [path.basename(file), file]))(
    '%s: edits and runs, event by event, equal a new analysis',
    (_, file) => {
      checkEvents(
        parseNotebook(fs.readFileSync(file, 'utf8')).cells.map(cell => ({
          ...cell
        })),
        EVENTS
      );
    }
  );

  it('keeps a large notebook up to date through small edits', () => {
    // Many cells, so that an edit changes few steps: what the plan keeps of Run All is then
    // updated in place rather than built again.
    const cells = picked.flatMap((file, n) =>
      parseNotebook(fs.readFileSync(file, 'utf8')).cells.map(cell => ({
        ...cell,
        id: `${n}-${cell.id}`
      }))
    );
    expect(
      cells.filter(cell => cell.cellType === 'code').length
    ).toBeGreaterThan(200);
    checkEvents(cells, 30);
  });
});

/**
 * Random edits, runs and restarts of a notebook's cells: after each, the analysis kept up to
 * date equals a new analysis of the same state.
 */
function checkEvents(cells: INotebookCell[], events: number): void {
  const code = cells.filter(cell => cell.cellType === 'code');
  if (code.length === 0) {
    return;
  }
  const random = seeded(code.length);
  const records: IExecutionRecord[] = [];
  let session = 1;
  const run = (cell: INotebookCell) =>
    records.push({
      cellId: cell.id,
      source: cell.source,
      executionCount: records.length + 1,
      kernelSession: `k${session}`,
      status: random() < 0.05 ? 'error' : 'ok'
    });
  const analysis = new NotebookAnalysis();
  analysis.setCells(cells);
  code.forEach(run);
  let fed = 0;
  for (let event = 0; event < events; event++) {
    const cell = code[Math.floor(random() * code.length)];
    const roll = random();
    if (roll < 0.5) {
      cell.source = edit(cell.source, code, random);
    } else if (roll < 0.53) {
      session++;
    }
    if (random() < 0.6) {
      run(cell);
    }
    analysis.setCells(cells.map(c => ({ ...c })));
    records.slice(fed).forEach(record => analysis.addExecution(record));
    fed = records.length;
    const live = analysis.result();
    const scratch = new NotebookAnalysis();
    scratch.setCells(cells);
    records.forEach(record => scratch.addExecution(record));
    expect(live).toEqual(scratch.result());
    expect(live).toEqual(analyzeNotebook(cells, records));
    const probe = code[Math.floor(random() * code.length)].id;
    expect(analysis.dependents(probe)).toEqual(scratch.dependents(probe));
    expect(analysis.precedents(probe)).toEqual(scratch.precedents(probe));
  }
}

/** An edit that changes what a cell does to the names of the notebook. */
function edit(
  source: string,
  code: INotebookCell[],
  random: () => number
): string {
  const other = code[Math.floor(random() * code.length)].source;
  const name = firstName(other) ?? 'x';
  const kinds = [
    () => other,
    () => `${source}\n${name} = 0`,
    () => `${source}\ndel ${name}`,
    () => `${source}\nalias_${name} = ${name}`,
    () => `${source}\n${name}.append(1)`,
    () => `${source}\nexec('pass')`,
    () => `${source}\n${name}[0] = ${name}`,
    () => `${source}\ndef ${name}_f():\n    return ${name}`,
    () => source.split('\n').slice(1).join('\n'),
    () => `${source}\n`
  ];
  return kinds[Math.floor(random() * kinds.length)]();
}

/** The first assigned name of a source, if any. */
function firstName(source: string): string | undefined {
  return /^([A-Za-z_][A-Za-z0-9_]*)\s*=[^=]/m.exec(source)?.[1];
}

/** Deterministic, so a failure repeats. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}
