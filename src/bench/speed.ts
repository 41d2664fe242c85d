/**
 * Speed of the staleness engine on notebooks of 100, 1,000 and 5,000 real code cells from the
 * corpus: cold analysis, time per execution event while replaying a session, memory, and the
 * bare @lezer/python parse time of the same cells for scale.
 *
 * Then the time and peak memory of exports of large notebooks (small cells of the usual kinds
 * under a heading every 20 cells, and one cell of deeply nested `def`s), each in a process of
 * its own.
 *
 * Run: `jlpm bench` (or `npx tsc -p tsconfig.cli.json && node cli/bench/speed.js [sizes...]`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { parser } from '@lezer/python';
import { NotebookAnalysis } from '../core/analysis';
import { exportNotebook, ExportFormat } from '../core/export';
import { clearAnalysisCache } from '../core/python';
import { parseNotebook } from '../core/notebook';
import { IExecutionRecord, INotebookCell } from '../core/types';

const SIZES = [100, 1000, 5000];
/**
 * Cold analyses and parses measured per size; the table shows their medians. Single rounds
 * of the same work vary by a third on these shared machines, so there are many.
 */
const ROUNDS = 11;
/** Cells analysed and parsed, in rounds of the size, before any timing. */
const WARM_UP_CELLS = 8000;
/** Random re-runs and edits after the first run-all. */
const SESSION_EVENTS = 1000;
/** Share of those events that edit a cell (then run it) rather than re-run one. */
const EDIT_SHARE = 0.2;

interface IRow {
  cells: number;
  /** setCells + result() on a new analysis, one per round. */
  cold: ITimes;
  /** The bare parse of the same cells, one per round. */
  parse: ITimes;
  /** Per execution event while running all cells in order. */
  runAll: ITimes;
  /** Per execution event during the random re-runs and edits. */
  session: ITimes;
  /** The same events up to the flags (what badges need), without the re-run plan. */
  sessionFlags: ITimes;
  /** setCells + result() after an edit. */
  edit: ITimes;
  /** setCells + statuses() after an edit: the flags without the plan. */
  editFlags: ITimes;
  heapMB: number;
}

/** Wall-clock and CPU milliseconds of one event. */
interface ITiming {
  wall: number;
  cpu: number;
}

/** Wall-clock and CPU milliseconds of repeated events. */
interface ITimes {
  wall: number[];
  cpu: number[];
}

/** Exports timed: [format, code cells, nested `def`s in one cell instead]. */
const EXPORTS: [ExportFormat, number, number][] = [
  ['percent', 50000, 0],
  ['script', 8000, 0],
  ['script', 50000, 0],
  ['module', 50000, 0],
  ['gather', 50000, 0],
  ['as-run', 50000, 0],
  ['script', 1, 2000],
  ['module', 1, 2000]
];

function main(): void {
  if (process.argv[2] === '--export') {
    const [format, size, depth] = process.argv.slice(3);
    exportOnce(format as ExportFormat, Number(size), Number(depth));
    return;
  }
  const root = path.resolve(__dirname, '..', '..');
  const sources = corpusSources(path.resolve(root, '..', 'shared', 'corpus'));
  console.log(`corpus: ${sources.length} code cells`);
  const sizes = process.argv.slice(2).map(Number);
  const rows: IRow[] = [];
  for (const size of sizes.length > 0 ? sizes : SIZES) {
    rows.push(measure(size, sources));
  }
  printTable(rows);
  console.log('\nexport     cells  nested def      ms  peak RSS MB');
  for (const [format, size, depth] of EXPORTS) {
    const child = spawnSync(
      process.execPath,
      [__filename, '--export', format, String(size), String(depth)],
      { encoding: 'utf8', timeout: 300000 }
    );
    const figures =
      child.status === 0
        ? (JSON.parse(child.stdout) as { ms: number; rssMB: number })
        : null;
    const result = figures
      ? `${figures.ms.toFixed(0).padStart(7)}  ${figures.rssMB.toFixed(0).padStart(11)}`
      : `  failed: ${child.error ?? child.stderr.trim().split('\n')[0]}`;
    console.log(
      `${format.padEnd(7)}${String(size).padStart(9)}${String(depth).padStart(12)}${result}`
    );
  }
  console.log(
    'ms: exportNotebook alone, in a process of its own; peak RSS: of that process ' +
      '(notebook built in it too). as-run: one execution per cell.'
  );
}

/** One export in this process; prints its milliseconds and the peak resident memory. */
function exportOnce(format: ExportFormat, size: number, depth: number): void {
  const cells: INotebookCell[] =
    depth > 0 ? [nestedDefs(depth)] : typicalCells(size);
  const code = cells.filter(cell => cell.cellType === 'code');
  const executions: IExecutionRecord[] = code.map((cell, i) => ({
    cellId: cell.id,
    source: cell.source,
    executionCount: i + 1,
    kernelSession: 'bench',
    status: 'ok'
  }));
  const start = process.hrtime.bigint();
  exportNotebook(
    cells,
    { format, notebookName: 'bench', cellId: code[code.length - 1].id },
    { executions }
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, rssMB }));
}

/**
 * `size` code cells, each reading the one before, with imports, functions, prints, a list
 * changed in place and magics among them, and a markdown heading before every 20.
 */
function typicalCells(size: number): INotebookCell[] {
  const cells: INotebookCell[] = [
    { id: 'c0', cellType: 'code', source: 'import math\nitems = []\nv0 = 0' }
  ];
  for (let i = 1; i < size; i++) {
    if (i % 20 === 0) {
      cells.push({ id: `m${i}`, cellType: 'markdown', source: `## Part ${i}` });
    }
    const lines = [`v${i} = v${i - 1} + ${i}`];
    if (i % 7 === 0) {
      lines.push(`def f${i}(a):`, `    return math.sqrt(a) + v${i - 1}`);
    }
    if (i % 5 === 0) {
      lines.push(`items.append(v${i})`, `print(len(items))`);
    }
    if (i % 13 === 0) {
      lines.unshift('import os', '%matplotlib inline');
    }
    cells.push({ id: `c${i}`, cellType: 'code', source: lines.join('\n') });
  }
  return cells;
}

/** One cell of `depth` nested functions (one space of indentation a level), each calling the next. */
function nestedDefs(depth: number): INotebookCell {
  const lines: string[] = [];
  for (let d = 0; d < depth; d++) {
    lines.push(`${' '.repeat(d)}def f${d}(x):`);
  }
  lines.push(`${' '.repeat(depth)}return x`);
  for (let d = depth - 1; d > 0; d--) {
    lines.push(`${' '.repeat(d)}return f${d}(x)`);
  }
  lines.push('y = f0(1)');
  return { id: 'nested', cellType: 'code', source: lines.join('\n') };
}

/** Every code cell source of the corpus, notebook by notebook. */
function corpusSources(corpus: string): string[] {
  const sources: string[] = [];
  for (const file of notebooks(corpus).sort()) {
    const notebook = parseNotebook(fs.readFileSync(file, 'utf8'));
    for (const cell of notebook.cells) {
      if (cell.cellType === 'code' && cell.source.trim()) {
        sources.push(cell.source);
      }
    }
  }
  return sources;
}

function notebooks(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return notebooks(full);
    }
    return entry.name.endsWith('.ipynb') ? [full] : [];
  });
}

function measure(size: number, corpus: string[]): IRow {
  // Both warm up on other text, so that neither meets a colder JIT than the other. The
  // analysis has far more code than the parser's loop: V8 takes several thousand cells to
  // optimise it all, and one round of a small notebook measured it half warmed up.
  for (let done = 0; done < WARM_UP_CELLS; done += size) {
    const warmUp = cellsOf(size, `warm-up ${done}`, corpus);
    timeParse(warmUp);
    clearAnalysisCache();
    timeCold(new NotebookAnalysis(), warmUp);
  }
  const parse = times();
  const cold = times();
  for (let round = 0; round < ROUNDS; round++) {
    // New sources every round, so that no cache is warm; parse and cold alternate, so that a
    // busy moment of the machine weighs on both. No forced GC before a timing: it drops
    // optimised code, and re-optimising would be timed on both sides.
    const sample = cellsOf(size, String(round), corpus);
    add(parse, timeParse(sample));
    clearAnalysisCache();
    add(cold, timeCold(new NotebookAnalysis(), sample));
  }
  // The heap: one more cold analysis after a forced GC, not timed; the session goes on with it.
  const cells = cellsOf(size, 'session', corpus);
  clearAnalysisCache();
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const analysis = new NotebookAnalysis();
  timeCold(analysis, cells);

  const random = seeded(size);
  const runAll = times();
  const session = times();
  const sessionFlags = times();
  const edit = times();
  const editFlags = times();
  let count = 0;
  const run = (index: number, into: ITimes, flags?: ITimes) => {
    const cell = cells[index];
    const record: IExecutionRecord = {
      cellId: cell.id,
      source: cell.source,
      executionCount: ++count,
      kernelSession: 'bench',
      status: 'ok'
    };
    const first = time(() => {
      analysis.addExecution(record);
      analysis.statuses();
    });
    const plan = time(() => analysis.result());
    if (flags) {
      add(flags, first);
    }
    add(into, sum(first, plan));
  };
  cells.forEach((_, index) => run(index, runAll));
  for (let k = 0; k < SESSION_EVENTS; k++) {
    const index = Math.floor(random() * size);
    if (random() < EDIT_SHARE) {
      cells[index] = {
        ...cells[index],
        source: `${cells[index].source}\n_bench_edit_${k} = ${k}`
      };
      const first = time(() => {
        analysis.setCells(cells);
        analysis.statuses();
      });
      add(editFlags, first);
      add(
        edit,
        sum(
          first,
          time(() => analysis.result())
        )
      );
    }
    run(index, session, sessionFlags);
  }
  collectGarbage();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  return {
    cells: size,
    cold,
    parse,
    runAll,
    session,
    sessionFlags,
    edit,
    editFlags,
    heapMB
  };
}

/** `size` cells of the corpus, each made unique by a comment that names the size and `tag`. */
function cellsOf(size: number, tag: string, corpus: string[]): INotebookCell[] {
  const cells: INotebookCell[] = [];
  for (let i = 0; i < size; i++) {
    cells.push({
      id: `cell-${i}`,
      cellType: 'code',
      source: `${corpus[i % corpus.length]}\n# bench ${size}/${tag}/${i}`
    });
  }
  return cells;
}

function timeParse(cells: INotebookCell[]): ITiming {
  return time(() => cells.forEach(cell => parser.parse(cell.source)));
}

function timeCold(analysis: NotebookAnalysis, cells: INotebookCell[]): ITiming {
  return time(() => {
    analysis.setCells(cells);
    analysis.result();
  });
}

function printTable(rows: IRow[]): void {
  const session = (row: IRow) => row.session.cpu;
  const columns: [string, (row: IRow) => string][] = [
    ['cells', row => String(row.cells)],
    ['cold', row => percentile(row.cold.cpu, 0.5, 0)],
    ['parse', row => percentile(row.parse.cpu, 0.5, 0)],
    ['cold/parse', row => percentile(ratios(row.cold.cpu, row.parse.cpu), 0.5)],
    [
      'quartiles',
      row => {
        const each = ratios(row.cold.cpu, row.parse.cpu);
        return `${percentile(each, 0.25)}-${percentile(each, 0.75)}`;
      }
    ],
    ['wall cold', row => percentile(row.cold.wall, 0.5, 0)],
    ['wall parse', row => percentile(row.parse.wall, 0.5, 0)],
    [
      'wall ratio',
      row => percentile(ratios(row.cold.wall, row.parse.wall), 0.5)
    ],
    ['run-all p95', row => percentile(row.runAll.cpu, 0.95)],
    ['session p50', row => percentile(session(row), 0.5)],
    ['session p95', row => percentile(session(row), 0.95)],
    ['session max', row => percentile(session(row), 1)],
    ['flags p95', row => percentile(row.sessionFlags.cpu, 0.95)],
    ['edit p50', row => percentile(row.edit.cpu, 0.5)],
    ['edit p95', row => percentile(row.edit.cpu, 0.95)],
    ['edit max', row => percentile(row.edit.cpu, 1)],
    ['edit flags p95', row => percentile(row.editFlags.cpu, 0.95)],
    ['wall p95', row => percentile(row.session.wall, 0.95)],
    ['wall edit p95', row => percentile(row.edit.wall, 0.95)],
    ['heap MB', row => row.heapMB.toFixed(1)]
  ];
  const lines = rows.map(row => columns.map(([, cell]) => cell(row)));
  const widths = columns.map(([title], i) =>
    Math.max(title.length, ...lines.map(line => line[i].length))
  );
  const format = (line: string[]) =>
    line.map((text, i) => text.padStart(widths[i])).join('  ');
  console.log(format(columns.map(([title]) => title)));
  console.log(widths.map(width => '-'.repeat(width)).join('  '));
  lines.forEach(line => console.log(format(line)));
  console.log(
    '\nMilliseconds of process CPU time (a busy machine inflates wall time, not this; ' +
      'background compiler and GC threads count), but the wall columns.\n' +
      'cold: setCells + result() on a new analysis (every cell analysed); parse: bare ' +
      '@lezer/python parse of the same cells. Both warmed up on other text ' +
      `(${WARM_UP_CELLS} cells), then measured in turn over ${ROUNDS} rounds of new sources; ` +
      "medians; cold/parse: the median of each round's ratio, quartiles: the middle half of those.\n" +
      'Events are addExecution + result(): run-all while running every cell in order, ' +
      `session over ${SESSION_EVENTS} random re-runs (${EDIT_SHARE * 100}% after an edit).\n` +
      'flags: the same events up to statuses() (the flags badges show), without the re-run ' +
      'plan, which JupyterLab computes only when it is shown or run.\n' +
      'edit: setCells + result() after an edit. heap: heapUsed growth over the whole run ' +
      '(after a forced GC).'
  );
}

function times(): ITimes {
  return { wall: [], cpu: [] };
}

function sum(a: ITiming, b: ITiming): ITiming {
  return { wall: a.wall + b.wall, cpu: a.cpu + b.cpu };
}

function add(into: ITimes, measured: ITiming): void {
  into.wall.push(measured.wall);
  into.cpu.push(measured.cpu);
}

function time(work: () => void): ITiming {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  work();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e3 };
}

function percentile(values: number[], fraction: number, digits = 2): string {
  if (values.length === 0) {
    return '-';
  }
  const sorted = [...values].sort((a, b) => a - b);
  const value =
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return value.toFixed(digits);
}

/** Each round's first figure over its second. */
function ratios(over: number[], under: number[]): number[] {
  return over.map((value, i) => value / under[i]);
}

/** Deterministic, so runs compare. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

function collectGarbage(): void {
  gc();
}

/** The V8 collector, without needing `node --expose-gc`. */
const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

main();
