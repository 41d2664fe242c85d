/**
 * Findings as data: why a cell is flagged (`Reason`) and what an export had to change
 * (`ExportWarning`), each a `kind` with the cells (by position among all cells) and the names
 * it is about. Views word them: `lab/findings.ts` through the translator, with names as code
 * and cells as links; the English formatter here for the CLI and the tests.
 *
 * A cell is named as Jupyter shows it: its execution count (`[20]`) when it has one, else its
 * position in words (`cell 24`).
 */
import type { CheckWhy, NameVia } from './check';
import { fileExpression } from './python/effects';
import { CellFlag, IPlanWarning } from './types';

/** Why a cell has a flag; `cell` is another cell, by its position among all cells. */
export type Reason =
  // never-run
  | { kind: 'not-run'; sinceRestart: boolean }
  | { kind: 'cancelled' }
  // edited
  | { kind: 'edited' }
  // error
  | { kind: 'failed' }
  | { kind: 'interrupted' }
  // opaque: `uses` are the constructs that hide effects (`exec`, `%run`).
  | { kind: 'opaque'; uses: string[] }
  // deleted-code
  | { kind: 'set-by-deleted-cell'; name: string }
  | {
      kind: 'set-by-removed-code';
      name: string;
      cell: number;
      /** The removed code deleted the name (`del x`) rather than set it. */
      deleted: boolean;
    }
  // out-of-order
  | { kind: 'set-below'; name: string; cell: number }
  // stale: `via` is the flag of the cell it reads from; `cause`, why that cell has it when
  // that is a read too, and so on up to the cause (a chain of at most MAX_CHAIN links).
  | {
      kind: 'reads-flagged';
      name: string;
      cell: number;
      via: UpstreamFlag;
      cause?: Reason;
    }
  | { kind: 'changed-after'; name: string; cell: number; verb: ChangeVerb }
  | {
      kind: 'other-source';
      name: string;
      cell: number;
      /** Where Run All gets it, or null when no cell above sets it. */
      expected: number | null;
    }
  | { kind: 'own-earlier-run'; name: string }
  | { kind: 'value-differs'; name: string }
  | { kind: 'reads-differ' }
  // What `nbfresh check` finds in the saved file of a cell with no recorded run (any flag).
  | { kind: 'saved-file'; why: CheckWhy }
  // The reasons of one flag past the first few, counted.
  | { kind: 'more'; count: number };

export type UpstreamFlag = Exclude<CellFlag, 'opaque'>;
export type ChangeVerb = 'redefined' | 'changed' | 'rewrote';

/**
 * Which piece of exported code a warning is about: a cell (by position among all cells, -1
 * when it was deleted), or one execution of it for "as run".
 */
export interface IPieceRef {
  cell: number;
  cellId: string;
  /** Set for an execution of "as run": its execution count, or null if it had none. */
  execution?: number | null;
}

/** What the export of a magic or shell escape had to change (the cell is said by the warning). */
export type MagicNote =
  | { kind: 'capture-dropped'; args: string }
  | { kind: 'not-python'; magic: string; dropped: boolean }
  | { kind: 'target-not-set'; line: string; target: string; dropped: boolean }
  | { kind: 'names-missing'; magic: string; dropped: boolean };

/** What an export changed or could not do, and where. */
export type ExportWarning =
  | { kind: 'magic'; piece: IPieceRef; note: MagicNote }
  | { kind: 'syntax-error'; piece: IPieceRef; message: string; line: number }
  | { kind: 'moved'; piece: IPieceRef; cell: number; names: string[] }
  | { kind: 'not-moved'; piece: IPieceRef; cell: number; names: string[] }
  | { kind: 'undefined'; piece: IPieceRef; names: string[] }
  | { kind: 'last-result'; piece: IPieceRef; setter: IPieceRef }
  | {
      kind: 'parameters-twice';
      count: number;
      tag: string;
      piece: IPieceRef;
    }
  | { kind: 'left-out'; piece: IPieceRef; status: 'error' | 'aborted' }
  | { kind: 'no-code-cell'; cellId: string }
  | { kind: 'nothing-ran' };

/** The cells that a reason names, for views that must redraw when their names change. */
export function reasonCells(reason: Reason): number[] {
  switch (reason.kind) {
    case 'reads-flagged':
      return reason.cause
        ? [reason.cell, ...reasonCells(reason.cause)]
        : [reason.cell];
    case 'set-by-removed-code':
    case 'set-below':
    case 'changed-after':
      return [reason.cell];
    case 'other-source':
      return reason.expected === null
        ? [reason.cell]
        : [reason.cell, reason.expected];
    default:
      return [];
  }
}

/** What naming a cell needs: the execution count it shows, if any. */
export interface INamedCell {
  executionCount?: number | null;
}

/** `[20]` for a cell that shows execution count 20, else `cell 24` (1-based position). */
export function cellName(
  index: number,
  executionCount?: number | null
): string {
  return typeof executionCount === 'number'
    ? `[${executionCount}]`
    : `cell ${index + 1}`;
}

/** The English formatter: names cells from the cells it is given (as a file stores them). */
export class EnglishFindings {
  constructor(cells: readonly INamedCell[]) {
    this._cells = cells;
  }

  /** A cell by position, as Jupyter shows it. */
  cell(index: number): string {
    return cellName(index, this._cells[index]?.executionCount);
  }

  reason(reason: Reason): string {
    switch (reason.kind) {
      case 'not-run':
        return reason.sinceRestart
          ? 'not run since the kernel restarted'
          : 'not run in this kernel';
      case 'cancelled':
        return 'its run was cancelled before it started (an error or an interrupt above): it shows nothing';
      case 'edited':
        return 'edited since it last ran';
      case 'failed':
        return 'its last run failed';
      case 'saved-file':
        return checkText(reason.why, index => this.cell(index));
      case 'interrupted':
        return 'its last run was interrupted; its effects may be partial';
      case 'opaque':
        return `uses ${reason.uses.join(', ')}; its effects cannot be seen`;
      case 'set-by-deleted-cell':
        return `reads ${nameText(reason.name)}, set by a cell that was deleted`;
      case 'set-by-removed-code':
        return `reads ${nameText(reason.name)}, ${reason.deleted ? 'deleted' : 'set'} by code no longer in ${this.cell(reason.cell)}`;
      case 'set-below':
        return `reads ${nameText(reason.name)} from ${this.cell(reason.cell)}, below it`;
      case 'reads-flagged':
        return reason.cause
          ? `reads ${nameText(reason.name)} from ${this.cell(reason.cell)}, which ${this._clause(reason.cause, reason.cell)}`
          : `reads ${nameText(reason.name)} from ${this.cell(reason.cell)}, which ${UPSTREAM_WORDS[reason.via]}`;
      case 'changed-after':
        return `reads ${nameText(reason.name)}, which ${this.cell(reason.cell)} ${reason.verb} after this cell ran`;
      case 'other-source':
        return (
          `reads ${nameText(reason.name)} from ${this.cell(reason.cell)}, but top to bottom ` +
          (reason.expected === null
            ? 'no cell above sets it'
            : `it comes from ${this.cell(reason.expected)}`)
        );
      case 'own-earlier-run':
        return `reads ${nameText(reason.name)}, which its own earlier run changed (it ran more than once)`;
      case 'value-differs':
        return `reads ${nameText(reason.name)}, whose value differs from a top-to-bottom run`;
      case 'reads-differ':
        return 'what it reads differs from a top-to-bottom run';
      case 'more':
        return `and ${reason.count} more like ${reason.count === 1 ? 'it' : 'these'}`;
    }
  }

  /** How a warning names a piece of exported code: `[3]`, `execution [12] of cell 3`. */
  piece(piece: IPieceRef): string {
    return piece.execution === undefined
      ? this.cell(piece.cell)
      : executionName(piece);
  }

  exportWarning(warning: ExportWarning): string {
    switch (warning.kind) {
      case 'magic':
        return `${this.piece(warning.piece)}: ${magicNoteText(warning.note)}`;
      case 'syntax-error':
        return `${this.piece(warning.piece)}: ${warning.message} (line ${warning.line + 1}); the cell is commented out`;
      case 'moved':
        return `${this.piece(warning.piece)} runs after ${this.cell(warning.cell)}: it reads ${namesText(warning.names)}, defined there`;
      case 'not-moved':
        return `${this.piece(warning.piece)} reads ${namesText(warning.names)}, defined only below in ${this.cell(warning.cell)}, but other dependencies keep it above: left in place`;
      case 'undefined':
        return `${this.piece(warning.piece)} reads ${namesText(warning.names)}, which no code before it defines`;
      case 'last-result':
        return `${this.piece(warning.piece)} reads \`_\`, IPython's last result: ${this.piece(warning.setter)} now sets it`;
      case 'parameters-twice':
        return `${warning.count} cells are tagged \`${warning.tag}\`: only ${this.piece(warning.piece)} gives options`;
      case 'left-out':
        return `${this.piece(warning.piece)} ${warning.status === 'error' ? 'failed' : 'was interrupted'}: left out`;
      case 'no-code-cell':
        return `no code cell with id ${JSON.stringify(warning.cellId)}`;
      case 'nothing-ran':
        return 'no execution in the live kernel session: nothing to export';
    }
  }

  /** Why re-running cells is not enough, naming the cells it concerns. */
  planWarning(warning: IPlanWarning): string {
    const names = warning.cells.map(index => this.cell(index));
    const one = names.length === 1;
    const cells = one
      ? names[0]
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const Cells = cells.charAt(0).toUpperCase() + cells.slice(1);
    switch (warning.kind) {
      case 'kernel-only':
        return (
          `${Cells} ${one ? 'reads' : 'read'} ${nameText(warning.name)}` +
          (warning.more
            ? ` and ${warning.more.length} other name${warning.more.length === 1 ? '' : 's'}`
            : '') +
          ', which the kernel still holds but no cell above defines: only a restart clears it' +
          (warning.fails
            ? `, and then ${one ? 'it' : 'the first of them'} stops with a NameError, as in Restart and Run All.`
            : '.')
        );
      case 'file-changed':
        return (
          `${Cells} ${one ? 'reads' : 'read'} ${nameText(warning.name)}, which earlier runs ` +
          'changed: neither re-running nor a restart undoes that.'
        );
      case 'file-left': {
        // A cell still writes through the expression: the file left is at a path it named.
        const expression = fileExpression(warning.name);
        return (
          `${Cells} ${one ? 'lists' : 'list'} a folder holding ` +
          (expression !== null
            ? `a file that earlier runs wrote through \`${expression}\` at a path it no longer names`
            : `${nameText(warning.name)}, which earlier runs wrote at a path no cell writes now`) +
          ': neither re-running nor a restart deletes it.'
        );
      }
      case 'undefined':
        return (
          `${Cells} ${one ? 'reads' : 'read'} ${nameText(warning.name)}, undefined at that point ` +
          `of the notebook: ${one ? 'it stops' : 'they stop'} with a NameError, as in Restart and Run All.`
        );
      case 'irreversible':
        return (
          `Re-running ${cells} cannot undo what ${one ? 'its' : 'their'} ` +
          `earlier runs did (${warning.effects.join('; ')}).`
        );
      case 'opaque-left':
        return (
          `${Cells} may read names that earlier runs of ${this.cell(warning.cell)} defined by ` +
          `${warning.uses.join(', ')}, which its code no longer uses. This plan does not restart the ` +
          'kernel: restart it to clear them.'
        );
      case 'figure-numbers':
        return (
          `${Cells} ${one ? 'reads' : 'read'} figure numbers, which pyplot counts up in each kernel: ` +
          'after the figures this kernel made, no re-run gives the numbers of Restart and Run All.'
        );
    }
  }

  /** A link of a stale chain, said of cell `subject`: "reads `raw`, which [2] redefined after [4] ran". */
  private _clause(reason: Reason, subject: number): string {
    switch (reason.kind) {
      case 'set-below':
        return `reads ${nameText(reason.name)} from ${this.cell(reason.cell)}, below ${this.cell(subject)}`;
      case 'changed-after':
        return `reads ${nameText(reason.name)}, which ${this.cell(reason.cell)} ${reason.verb} after ${this.cell(subject)} ran`;
      case 'own-earlier-run':
        return `reads ${nameText(reason.name)}, which an earlier run of ${this.cell(subject)} changed`;
      default:
        return this.reason(reason);
    }
  }

  private _cells: readonly INamedCell[];
}

/**
 * `execution [12] of cell 3`: the cell by position, as its execution count now says nothing
 * of a run from before; `[*]` for an execution that got no count.
 */
export function executionName(piece: IPieceRef): string {
  const count = piece.execution ?? '*';
  return piece.cell < 0
    ? `execution [${count}] of deleted cell ${piece.cellId}`
    : `execution [${count}] of cell ${piece.cell + 1}`;
}

/**
 * A finding of `nbfresh check` in words; `cell` names another cell (the CLI's check names
 * cells by position, as its `path:cell N:` lines do).
 */
export function checkText(
  why: CheckWhy,
  cell: (index: number) => string
): string {
  switch (why.kind) {
    case 'count-below':
      return `execution count ${why.count} is lower than ${why.above} of ${cell(why.cell)} above: it ran before a cell placed above it`;
    case 'count-below-reads':
      return `execution count ${why.count} is lower than ${why.above} of ${cell(why.cell)} above, which sets \`${why.name}\` that it reads: it ran before that cell`;
    case 'edited-after-run':
      return 'edited after it ran: what it shows came from a different source';
    case 'never-run-between':
      return 'never run, but cells above and below it ran: what the cells below show was computed without it';
    case 'deleted-with-del':
      return `${viaText(why.via)} \`${why.name}\`, deleted with \`del\` in ${cell(why.cell)}`;
    case 'defined-after-read':
      return `${viaText(why.via)} \`${why.name}\`, before this cell defines it; no cell above defines it`;
    case 'defined-nowhere':
      return `${viaText(why.via)} \`${why.name}\`, which no cell defines and is not a builtin`;
    case 'defined-below':
      return `${viaText(why.via)} \`${why.name}\`, defined only below, in ${cell(why.cell)}`;
  }
}

function viaText(via: NameVia): string {
  switch (via.kind) {
    case 'reads':
      return 'reads';
    case 'calls':
      return `calls \`${via.fn}\`, which reads`;
    case 'defines':
      return `defines \`${via.fn}\`, which reads`;
  }
}

/** What a flag says of the cell a stale cell reads from: "reads `x` from [3], which …". */
const UPSTREAM_WORDS: Record<UpstreamFlag, string> = {
  edited: 'is edited',
  'never-run': 'has not run in this kernel',
  error: 'failed',
  'deleted-code': 'relies on deleted code',
  'out-of-order': 'is out of order',
  stale: 'is stale'
};

function magicNoteText(note: MagicNote): string {
  const what = (dropped: boolean) => (dropped ? 'left out' : 'commented out');
  switch (note.kind) {
    case 'capture-dropped':
      return `\`%%capture ${note.args}\` no longer captures its output`;
    case 'not-python':
      return `\`%%${note.magic}\` is not Python: ${what(note.dropped)}`;
    case 'target-not-set':
      return `\`${note.line}\` ${what(note.dropped)}: \`${note.target}\` is not set`;
    case 'names-missing':
      return `\`%${note.magic}\` ${what(note.dropped)}: the names it sets are missing`;
  }
}

function namesText(names: readonly string[]): string {
  return names.map(nameText).join(', ');
}

/** A name as a person reads it; pseudo-symbols in words. */
export function nameText(name: string): string {
  const expression = fileExpression(name);
  if (expression !== null) {
    return `the file in \`${expression}\``;
  }
  if (name.startsWith('file:')) {
    return `the file \`${name.slice(5)}\``;
  }
  if (name === 'random:numpy') {
    return "numpy's global random state";
  }
  if (name === 'random:python') {
    return "the `random` module's state";
  }
  if (name === 'matplotlib:pyplot') {
    return "pyplot's figures";
  }
  if (name === 'matplotlib:settings') {
    return "matplotlib's settings";
  }
  if (name === 'matplotlib:numbers') {
    return "pyplot's figure numbers";
  }
  return `\`${name}\``;
}
