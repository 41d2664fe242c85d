/**
 * `nbfresh check`: what the saved notebook file alone says would not survive Restart Kernel and
 * Run All. No execution log is needed: the evidence is the stored execution counts, the source
 * hashes the extension keeps in metadata, and the names each cell reads and defines.
 */
import { IExportResult } from './export';
import { LINE_END } from './export/writer';
import { hashSource } from './hash';
import { FRESH_KEY, storedCellHashes } from './metadata';
import { isPythonLanguage } from './notebook';
import { hasCode, isAlwaysDefined } from './python';
import {
  CellFlag,
  ICellSymbols,
  IFunctionSummary,
  INotebookCell
} from './types';

export type CheckKind =
  'out-of-order' | 'edited' | 'never-run' | 'undefined-name' | 'defined-below';

/** Every kind, in the order findings of one cell are listed. */
export const CHECK_KINDS: readonly CheckKind[] = [
  'out-of-order',
  'edited',
  'never-run',
  'undefined-name',
  'defined-below'
];

/**
 * Why a cell is a finding; `cell` is another cell, by its position among all cells (0-based),
 * and `via` says how the cell reaches the name.
 */
export type CheckWhy =
  // out-of-order: it ran before a cell placed above it (the order alone, or a name it reads).
  | { kind: 'count-below'; count: number; above: number; cell: number }
  | {
      kind: 'count-below-reads';
      count: number;
      above: number;
      cell: number;
      name: string;
    }
  | { kind: 'edited-after-run' }
  | { kind: 'never-run-between' }
  // undefined-name
  | { kind: 'deleted-with-del'; name: string; via: NameVia; cell: number }
  | { kind: 'defined-after-read'; name: string; via: NameVia }
  | { kind: 'defined-nowhere'; name: string; via: NameVia }
  // defined-below
  | { kind: 'defined-below'; name: string; via: NameVia; cell: number };

/** How a cell reads a name: itself, through a function it calls, or in a function it defines. */
export type NameVia =
  | { kind: 'reads' }
  | { kind: 'calls'; fn: string }
  | { kind: 'defines'; fn: string };

export interface ICheckFinding {
  /** Position among all cells, 1-based as people count. */
  cell: number;
  cellId: string;
  kind: CheckKind;
  why: CheckWhy;
  /** The name concerned (`undefined-name`, `defined-below`). */
  name?: string;
}

/** The parts of a parsed notebook (`parseNotebook`) that the check reads. */
export interface ICheckInput {
  cells: INotebookCell[];
  metadata: Record<string, unknown>;
  language: string | null;
}

export interface ICheckOptions {
  /** The symbol analysis of a cell's source (`analyzeCell`). */
  symbols: (source: string) => ICellSymbols;
  /** Names that exist without any cell defining them (`PYTHON_BUILTINS`). */
  builtins: ReadonlySet<string>;
}

export interface ICheckResult {
  /** In cell order; within a cell in `CHECK_KINDS` order. */
  findings: ICheckFinding[];
  /** The notebook's language when it is not Python: the name checks were not run. */
  dataflowSkipped: { language: string | null } | null;
}

/** The findings of `nbfresh check` on one notebook. */
export function checkNotebook(
  notebook: ICheckInput,
  options: ICheckOptions
): ICheckResult {
  const cells = notebook.cells;
  const findings = [
    ...editedFindings(cells, notebook.metadata),
    ...neverRunFindings(cells)
  ];
  let dataflowSkipped: ICheckResult['dataflowSkipped'] = null;
  if (isPythonLanguage(notebook.language)) {
    // Each cell analysed once, for the order and for the names.
    const code = codeCells(cells, options.symbols);
    findings.push(...countFindings(code), ...nameFindings(code, options));
  } else {
    findings.push(...countFindings(codeCells(cells, () => null)));
    dataflowSkipped = { language: notebook.language };
  }
  const rank = (kind: CheckKind) => CHECK_KINDS.indexOf(kind);
  findings.sort((a, b) => a.cell - b.cell || rank(a.kind) - rank(b.kind));
  return { findings, dataflowSkipped };
}

/**
 * What the saved file says about one code cell: the verdict on open for a cell that has no
 * recorded run (no history in `fresh` metadata, or none for it).
 */
export interface ISavedVerdict {
  /** It shows an execution count: it ran, in a kernel of which no record is kept. */
  ran: boolean;
  /** The check's findings on it, as flags. */
  problems: { flag: CellFlag; why: CheckWhy }[];
}

/** The flag each finding of the check raises. */
const FLAG_OF: Record<CheckKind, CellFlag> = {
  'out-of-order': 'out-of-order',
  edited: 'edited',
  'never-run': 'never-run',
  // The definition it ran with is gone from the notebook.
  'undefined-name': 'deleted-code',
  'defined-below': 'out-of-order'
};

/**
 * The check's findings as each code cell's verdict, by cell id: what the lab shows on open
 * before anything ran, from the same evidence as `nbfresh check`.
 */
export function savedVerdicts(
  notebook: ICheckInput,
  options: ICheckOptions
): Map<string, ISavedVerdict> {
  const verdicts = new Map<string, ISavedVerdict>();
  for (const cell of notebook.cells) {
    if (cell.cellType === 'code') {
      verdicts.set(cell.id, {
        ran: typeof cell.executionCount === 'number',
        problems: []
      });
    }
  }
  for (const found of checkNotebook(notebook, options).findings) {
    verdicts
      .get(found.cellId)
      ?.problems.push({ flag: FLAG_OF[found.kind], why: found.why });
  }
  return verdicts;
}

/** A code cell, its position among all cells, and what the check knows of its source. */
interface ICodeCell<S> {
  cell: INotebookCell;
  index: number;
  symbols: S;
}

function codeCells<S>(
  cells: INotebookCell[],
  symbolsOf: (source: string) => S
): ICodeCell<S>[] {
  const code: ICodeCell<S>[] = [];
  cells.forEach((cell, index) => {
    if (cell.cellType === 'code') {
      code.push({ cell, index, symbols: symbolsOf(cell.source) });
    }
  });
  return code;
}

/** The functions in force after a cell: the ones it defines replace what it rebinds. */
function defineFunctions(
  summaries: Map<string, IFunctionSummary>,
  symbols: ICellSymbols
): void {
  symbols.defines.forEach(name => summaries.delete(name));
  Object.entries(symbols.functions).forEach(([name, f]) =>
    summaries.set(name, f)
  );
}

/**
 * A code cell whose count is lower than that of a cell above it ran before that cell: out of
 * order when it reads (itself, or through the functions it calls) a name such a cell binds or
 * changes, since top to bottom it would read that cell's value. Where the names cannot tell (a
 * notebook in another language, a syntax error, a star import or `exec`), the order alone counts.
 */
function countFindings(
  code: ICodeCell<ICellSymbols | null>[]
): ICheckFinding[] {
  const findings: ICheckFinding[] = [];
  type Run = { count: number; index: number };
  const later = (run: Run | undefined, count: number) =>
    run !== undefined && run.count > count;
  let highest: Run | undefined;
  // Any name may be set by an opaque cell: the highest count among those above.
  let opaque: Run | undefined;
  // Per name, the highest count among the cells above that bind or change it.
  const setters = new Map<string, Run>();
  const summaries = new Map<string, IFunctionSummary>();
  for (const { cell, index, symbols } of code) {
    const count = cell.executionCount;
    if (typeof count !== 'number') {
      continue;
    }
    const run = { count, index };
    const blind = !symbols || symbols.syntaxError || later(opaque, count);
    if (blind && later(highest, count)) {
      findings.push(
        finding(cell, index, 'out-of-order', {
          kind: 'count-below',
          count,
          above: highest!.count,
          cell: highest!.index
        })
      );
    } else if (symbols && !blind) {
      const reads = [
        ...symbols.reads,
        ...callTimeReads(symbols.calls, summaries).keys()
      ];
      const name = reads.find(read => later(setters.get(read), count));
      if (name !== undefined) {
        const setter = setters.get(name)!;
        findings.push(
          finding(cell, index, 'out-of-order', {
            kind: 'count-below-reads',
            count,
            above: setter.count,
            cell: setter.index,
            name
          })
        );
      }
    }
    if (!later(highest, count)) {
      highest = run;
    }
    if (!symbols) {
      continue;
    }
    if (symbols.opaque.length > 0 && !later(opaque, count)) {
      opaque = run;
    }
    defineFunctions(summaries, symbols);
    const sets = new Set([
      ...symbols.defines,
      ...symbols.mutates,
      ...symbols.deletes,
      ...Object.values(symbols.functions).flatMap(f => f.writes)
    ]);
    sets.forEach(name => {
      if (!later(setters.get(name), count)) {
        setters.set(name, run);
      }
    });
  }
  return findings;
}

/**
 * A cell that shows a result and whose source no longer hashes to the stored hash of the
 * source it last executed. Without the extension's metadata there is no evidence: no finding.
 */
function editedFindings(
  cells: INotebookCell[],
  metadata: Record<string, unknown>
): ICheckFinding[] {
  const stored = storedCellHashes(metadata[FRESH_KEY]);
  const findings: ICheckFinding[] = [];
  cells.forEach((cell, index) => {
    const hash = stored.get(cell.id);
    if (
      cell.cellType === 'code' &&
      typeof cell.executionCount === 'number' &&
      hash !== undefined &&
      hash !== hashSource(cell.source)
    ) {
      findings.push(
        finding(cell, index, 'edited', { kind: 'edited-after-run' })
      );
    }
  });
  return findings;
}

/** Code cells with code that never ran, placed between cells that did. */
function neverRunFindings(cells: INotebookCell[]): ICheckFinding[] {
  const ran = (cell: INotebookCell) =>
    cell.cellType === 'code' && typeof cell.executionCount === 'number';
  const first = cells.findIndex(ran);
  let last = -1;
  cells.forEach((cell, index) => {
    if (ran(cell)) {
      last = index;
    }
  });
  const findings: ICheckFinding[] = [];
  for (let index = first + 1; index < last; index++) {
    const cell = cells[index];
    if (cell.cellType === 'code' && !ran(cell) && hasCode(cell.source)) {
      findings.push(
        finding(cell, index, 'never-run', { kind: 'never-run-between' })
      );
    }
  }
  return findings;
}

/**
 * Names a cell reads that, top to bottom, nothing defines before it: defined nowhere (or
 * deleted with `del`), or defined only by cells below. Reads include the globals of the
 * functions a cell calls, since a function reads them when called.
 */
function nameFindings(
  code: ICodeCell<ICellSymbols>[],
  options: ICheckOptions
): ICheckFinding[] {
  return nameProblems(code, options).map(problem => problem.finding);
}

/** A name a cell reads that nothing above defines, as the panel's Dependencies shows it. */
export interface IMissingName {
  name: string;
  kind: 'undefined-name' | 'defined-below';
  /** The cell that defines it only below, or that deleted it with `del`; else null. */
  relatedCellId: string | null;
}

/**
 * The names each cell reads that, top to bottom, nothing defines before it, by cell id (cells
 * without any are left out).
 */
export function missingNamesByCell(
  cells: INotebookCell[],
  options: ICheckOptions
): Map<string, IMissingName[]> {
  const byCell = new Map<string, IMissingName[]>();
  const code = codeCells(cells, options.symbols);
  for (const { finding, relatedCellId } of nameProblems(code, options)) {
    const list = byCell.get(finding.cellId) ?? [];
    list.push({
      name: finding.name!,
      kind: finding.kind as IMissingName['kind'],
      relatedCellId
    });
    byCell.set(finding.cellId, list);
  }
  return byCell;
}

function nameProblems(
  code: ICodeCell<ICellSymbols>[],
  options: ICheckOptions
): { finding: ICheckFinding; relatedCellId: string | null }[] {
  // Where each name is bound: module-level definitions and `global` writes of functions.
  const definers = new Map<string, number[]>();
  code.forEach(({ symbols: cell }, ordinal) => {
    const names = new Set(cell.defines);
    Object.values(cell.functions).forEach(f =>
      f.writes.forEach(n => names.add(n))
    );
    names.forEach(name => {
      const list = definers.get(name) ?? [];
      list.push(ordinal);
      definers.set(name, list);
    });
  });

  const findings: { finding: ICheckFinding; relatedCellId: string | null }[] =
    [];
  const live = new Set<string>();
  const deletedBy = new Map<string, number>();
  const summaries = new Map<string, IFunctionSummary>();
  for (let ordinal = 0; ordinal < code.length; ordinal++) {
    const { cell: notebookCell, index, symbols: cell } = code[ordinal];
    if (cell.opaque.length > 0) {
      // A star import, exec or %run may define any name: nothing below can be judged.
      break;
    }
    // Functions defined in this cell may be called in it; its own definitions may come first.
    defineFunctions(summaries, cell);
    const reported = new Set<string>();
    const report = (name: string, via: NameVia, ownDefinitions: boolean) => {
      if (
        reported.has(name) ||
        live.has(name) ||
        (ownDefinitions && cell.defines.includes(name)) ||
        isAlwaysDefined(name, options.builtins)
      ) {
        return;
      }
      const problem = judgeName(name, ordinal, definers, deletedBy, cell);
      if (problem) {
        reported.add(name);
        const related = problem.cell === null ? null : code[problem.cell];
        const why: CheckWhy =
          problem.why === 'deleted-with-del' || problem.why === 'defined-below'
            ? { kind: problem.why, name, via, cell: related!.index }
            : { kind: problem.why, name, via };
        findings.push({
          finding: {
            ...finding(notebookCell, index, FINDING_OF[problem.why], why),
            name
          },
          relatedCellId: related === null ? null : related.cell.id
        });
      }
    };
    // A cell with a syntax error stops running at it; its recovered reads are not reliable.
    if (!cell.syntaxError) {
      cell.reads.forEach(name => report(name, { kind: 'reads' }, false));
      // Names bound nowhere are reported where the function is defined (below), once.
      callTimeReads(cell.calls, summaries).forEach((via, name) => {
        if (definers.has(name)) {
          report(name, { kind: 'calls', fn: via }, true);
        }
      });
      // A function reading a name that no cell binds fails whenever it is called, even when
      // it is passed on as a callback, where no call of it by name shows.
      Object.entries(cell.functions).forEach(([defined, f]) =>
        f.reads
          .filter(name => !definers.has(name))
          .forEach(name => report(name, { kind: 'defines', fn: defined }, true))
      );
    }
    cell.defines.forEach(name => live.add(name));
    cell.calls.forEach(name =>
      summaries.get(name)?.writes.forEach(written => live.add(written))
    );
    cell.deletes.forEach(name => {
      live.delete(name);
      summaries.delete(name);
      deletedBy.set(name, ordinal);
    });
    cell.defines.forEach(name => {
      if (!cell.deletes.includes(name)) {
        deletedBy.delete(name);
      }
    });
  }
  return findings;
}

/** Why a name a cell reads is missing before it. */
type NameWhy =
  | 'deleted-with-del'
  | 'defined-below'
  | 'defined-after-read'
  | 'defined-nowhere';

const FINDING_OF: Record<NameWhy, CheckKind> = {
  'deleted-with-del': 'undefined-name',
  'defined-after-read': 'undefined-name',
  'defined-nowhere': 'undefined-name',
  'defined-below': 'defined-below'
};

/**
 * Why a name that is not live before a cell is a problem, or null if it may well be fine;
 * `cell` is the code-cell ordinal the reason names, when there is one.
 */
function judgeName(
  name: string,
  ordinal: number,
  definers: Map<string, number[]>,
  deletedBy: Map<string, number>,
  cell: ICellSymbols
): { why: NameWhy; cell: number | null } | null {
  const all = definers.get(name) ?? [];
  const deleter = deletedBy.get(name);
  if (deleter !== undefined) {
    return { why: 'deleted-with-del', cell: deleter };
  }
  if (all.some(q => q < ordinal)) {
    // Bound above only inside a function not yet called, say: no evidence of a problem.
    return null;
  }
  const below = all.find(q => q > ordinal);
  if (below !== undefined) {
    return { why: 'defined-below', cell: below };
  }
  return {
    why: cell.defines.includes(name) ? 'defined-after-read' : 'defined-nowhere',
    cell: null
  };
}

/** Global names read by the functions called (transitively): name -> the function called. */
function callTimeReads(
  calls: readonly string[],
  summaries: ReadonlyMap<string, IFunctionSummary>
): Map<string, string> {
  const result = new Map<string, string>();
  for (const called of calls) {
    const seen = new Set<string>();
    const stack = [called];
    while (stack.length > 0) {
      const name = stack.pop()!;
      const summary = summaries.get(name);
      if (seen.has(name) || !summary) {
        continue;
      }
      seen.add(name);
      summary.reads.forEach(read => {
        if (!result.has(read)) {
          result.set(read, called);
        }
      });
      stack.push(...summary.calls);
    }
  }
  return result;
}

function finding(
  cell: INotebookCell,
  index: number,
  kind: CheckKind,
  why: CheckWhy
): ICheckFinding {
  return { cell: index + 1, cellId: cell.id, kind, why };
}

/** A name the exported script reads before anything in it defines it: Python stops there. */
export interface IExportProblem {
  /** 1-based line of the exported text where the name is read. */
  line: number;
  /** The notebook cell (1-based, among all cells) that line comes from, or null if none has it. */
  cell: number | null;
  cellId: string | null;
  kind: 'undefined-name' | 'defined-below';
  name: string;
}

/**
 * `nbfresh check`'s name checks on the text an export is about to write (its `# %%` blocks as
 * cells, top to bottom, as Python runs it): what would fail with `NameError`. `cells` are the
 * notebook's, to tell which cell each line comes from.
 */
export function checkExport(
  exported: IExportResult,
  cells: readonly INotebookCell[],
  options: ICheckOptions
): IExportProblem[] {
  const lines = exported.text.split(LINE_END);
  const blocks: { cell: INotebookCell; firstLine: number }[] = [];
  lines.forEach((line, i) => {
    const marker = /^# %%(?: \[(markdown|raw)\])?\s*$/.exec(line);
    if (marker) {
      blocks.push({
        cell: {
          id: String(blocks.length),
          cellType: marker[1] === undefined ? 'code' : 'markdown',
          source: ''
        },
        firstLine: i + 1
      });
    } else if (blocks.length > 0) {
      const block = blocks[blocks.length - 1].cell;
      block.source += block.source === '' ? line : `\n${line}`;
    }
  });
  // Where each line of the notebook's code comes from: the first code cell holding it.
  const origin = new Map<string, number>();
  cells.forEach((cell, index) => {
    if (cell.cellType === 'code') {
      cell.source.split(LINE_END).forEach(line => {
        const key = line.trim();
        if (key !== '' && !origin.has(key)) {
          origin.set(key, index);
        }
      });
    }
  });
  const { findings } = checkNotebook(
    { cells: blocks.map(block => block.cell), metadata: {}, language: null },
    options
  );
  return findings.flatMap(found => {
    if (
      (found.kind !== 'undefined-name' && found.kind !== 'defined-below') ||
      found.name === undefined
    ) {
      return [];
    }
    const block = blocks[Number(found.cellId)];
    const blockLines = block.cell.source.split('\n');
    const offset = Math.max(
      0,
      blockLines.findIndex(line => readsName(line, found.name as string))
    );
    const line = block.firstLine + 1 + offset;
    const index = origin.get(blockLines[offset].trim());
    const cell = index === undefined ? null : index + 1;
    return [
      {
        line,
        cell,
        cellId: index === undefined ? null : cells[index].id,
        kind: found.kind,
        name: found.name
      }
    ];
  });
}

/** Whether `line` has `name` as a whole name, not an attribute (`a.name`) or part of one. */
function readsName(line: string, name: string): boolean {
  return new RegExp(
    `(?<![\\p{L}\\p{N}_.])${name}(?![\\p{L}\\p{N}_])`,
    'u'
  ).test(line);
}
