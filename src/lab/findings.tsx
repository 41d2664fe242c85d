/**
 * The lab's wording of the core's findings (`core/findings.ts`): whole sentences through the
 * translator, with names kept apart as code and cells kept apart as links, so that each view
 * renders them its way (the popup, the panel, the export dialog, an `aria-label`).
 */
import { ICodeCellModel } from '@jupyterlab/cells';
import { INotebookModel, Notebook } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { CheckWhy, IExportProblem, NameVia } from '../core/check';
import { ExportWarning, IPieceRef, MagicNote, Reason } from '../core/findings';
import { fileExpression } from '../core/python/effects';
import { IPlanWarning } from '../core/types';
import { firstLine } from '../core/timeline';

/** A piece of a worded finding: text, a name shown as code, or a cell shown as a link. */
export type Part = string | { code: string } | { cell: number };

/** How views name the cells of one notebook as it is now. */
export interface ICellNames {
  /** `[20]` when the cell shows execution count 20, else `cell 24`. */
  name(index: number): string;
  /** The first line of its source, for where there is room (a link's title). */
  firstLine(index: number): string;
}

/** A cell's name: its execution count as Jupyter shows it, else its position in words. */
export function cellName(
  index: number,
  executionCount: number | null | undefined,
  trans: TranslationBundle
): string {
  return typeof executionCount === 'number'
    ? `[${executionCount}]`
    : trans.__('cell %1', index + 1);
}

/** The names of the cells of `model`, read when asked (counts change as cells run). */
export function cellNames(
  model: INotebookModel | null,
  trans: TranslationBundle
): ICellNames {
  const cell = (index: number) =>
    model && index >= 0 && index < model.cells.length
      ? model.cells.get(index)
      : undefined;
  return {
    name: index => {
      const found = cell(index);
      return cellName(
        index,
        found?.type === 'code'
          ? (found as ICodeCellModel).executionCount
          : null,
        trans
      );
    },
    firstLine: index => firstLine(cell(index)?.sharedModel.getSource() ?? '')
  };
}

/** Shows cell `index` of `notebook` in command mode, as "Go to Cell" does. */
export async function jumpToCell(
  notebook: Notebook,
  index: number
): Promise<void> {
  if (index < 0 || index >= notebook.widgets.length) {
    return;
  }
  notebook.mode = 'command';
  notebook.activeCellIndex = index;
  notebook.deselectAll();
  await notebook.scrollToItem(index, 'smart');
}

/** The words of a reason. */
export function reasonParts(reason: Reason, trans: TranslationBundle): Part[] {
  switch (reason.kind) {
    case 'not-run':
      return [
        reason.sinceRestart
          ? trans.__('not run since the kernel restarted')
          : trans.__('not run in this kernel')
      ];
    case 'cancelled':
      return [
        trans.__(
          'its run was cancelled before it started (an error or an interrupt above): it shows nothing'
        )
      ];
    case 'edited':
      return [trans.__('edited since it last ran')];
    case 'failed':
      return [trans.__('its last run failed')];
    case 'saved-file':
      return checkParts(reason.why, trans);
    case 'interrupted':
      return [
        trans.__('its last run was interrupted; its effects may be partial')
      ];
    case 'opaque':
      return fill(
        a => trans.__('uses %1; its effects cannot be seen', a),
        list(reason.uses.map(use => [{ code: use }]))
      );
    case 'set-by-deleted-cell':
      return fill(
        a => trans.__('reads %1, set by a cell that was deleted', a),
        nameParts(reason.name, trans)
      );
    case 'set-by-removed-code':
      return fill(
        (a, b) =>
          reason.deleted
            ? trans.__('reads %1, deleted by code no longer in %2', a, b)
            : trans.__('reads %1, set by code no longer in %2', a, b),
        nameParts(reason.name, trans),
        [{ cell: reason.cell }]
      );
    case 'set-below':
      return fill(
        (a, b) => trans.__('reads %1 from %2, below it', a, b),
        nameParts(reason.name, trans),
        [{ cell: reason.cell }]
      );
    case 'reads-flagged':
      return reason.cause
        ? fill(
            (a, b, c) => trans.__('reads %1 from %2, which %3', a, b, c),
            nameParts(reason.name, trans),
            [{ cell: reason.cell }],
            chainLink(reason.cause, reason.cell, trans)
          )
        : fill(
            (a, b) => upstreamSentence(reason.via, a, b, trans),
            nameParts(reason.name, trans),
            [{ cell: reason.cell }]
          );
    case 'changed-after':
      return fill(
        (a, b) =>
          reason.verb === 'rewrote'
            ? trans.__('reads %1, which %2 rewrote after this cell ran', a, b)
            : reason.verb === 'redefined'
              ? trans.__(
                  'reads %1, which %2 redefined after this cell ran',
                  a,
                  b
                )
              : trans.__(
                  'reads %1, which %2 changed after this cell ran',
                  a,
                  b
                ),
        nameParts(reason.name, trans),
        [{ cell: reason.cell }]
      );
    case 'other-source':
      return reason.expected === null
        ? fill(
            (a, b) =>
              trans.__(
                'reads %1 from %2, but top to bottom no cell above sets it',
                a,
                b
              ),
            nameParts(reason.name, trans),
            [{ cell: reason.cell }]
          )
        : fill(
            (a, b, c) =>
              trans.__(
                'reads %1 from %2, but top to bottom it comes from %3',
                a,
                b,
                c
              ),
            nameParts(reason.name, trans),
            [{ cell: reason.cell }],
            [{ cell: reason.expected }]
          );
    case 'own-earlier-run':
      return fill(
        a =>
          trans.__(
            'reads %1, which its own earlier run changed (it ran more than once)',
            a
          ),
        nameParts(reason.name, trans)
      );
    case 'value-differs':
      return fill(
        a =>
          trans.__('reads %1, whose value differs from a top-to-bottom run', a),
        nameParts(reason.name, trans)
      );
    case 'reads-differ':
      return [trans.__('what it reads differs from a top-to-bottom run')];
    case 'more':
      return [
        trans._n('and %1 more like it', 'and %1 more like these', reason.count)
      ];
  }
}

/**
 * A link of a stale chain, said of cell `subject` after "which": "reads `raw`, which [2]
 * redefined after [4] ran". The other reads read the same after "which" as alone.
 */
function chainLink(
  reason: Reason,
  subject: number,
  trans: TranslationBundle
): Part[] {
  switch (reason.kind) {
    case 'set-below':
      return fill(
        (a, b, c) => trans.__('reads %1 from %2, below %3', a, b, c),
        nameParts(reason.name, trans),
        [{ cell: reason.cell }],
        [{ cell: subject }]
      );
    case 'changed-after':
      return fill(
        (a, b, c) =>
          reason.verb === 'rewrote'
            ? trans.__('reads %1, which %2 rewrote after %3 ran', a, b, c)
            : reason.verb === 'redefined'
              ? trans.__('reads %1, which %2 redefined after %3 ran', a, b, c)
              : trans.__('reads %1, which %2 changed after %3 ran', a, b, c),
        nameParts(reason.name, trans),
        [{ cell: reason.cell }],
        [{ cell: subject }]
      );
    case 'own-earlier-run':
      return fill(
        (a, b) =>
          trans.__('reads %1, which an earlier run of %2 changed', a, b),
        nameParts(reason.name, trans),
        [{ cell: subject }]
      );
    default:
      return reasonParts(reason, trans);
  }
}

/** Why re-running cells is not enough, with the cells it concerns as links. */
export function planWarningParts(
  warning: IPlanWarning,
  trans: TranslationBundle
): Part[] {
  const cells = list(warning.cells.map(cell => [{ cell }]));
  const count = warning.cells.length;
  // In `_n`, %1 is the count.
  switch (warning.kind) {
    case 'kernel-only': {
      const more = warning.more?.length ?? 0;
      const names =
        more > 0
          ? fill(
              a =>
                trans._n(
                  '%2 and %1 other name',
                  '%2 and %1 other names',
                  more,
                  a
                ),
              nameParts(warning.name, trans)
            )
          : nameParts(warning.name, trans);
      if (warning.fails) {
        return fill(
          (a, b) =>
            trans._n(
              '%2 reads %3, which the kernel still holds but no cell above defines: only a restart clears it, and then it stops with a NameError, as in Restart and Run All.',
              '%2 read %3, which the kernel still holds but no cell above defines: only a restart clears it, and then the first of them stops with a NameError, as in Restart and Run All.',
              count,
              a,
              b
            ),
          cells,
          names
        );
      }
      return fill(
        (a, b) =>
          trans._n(
            '%2 reads %3, which the kernel still holds but no cell above defines: only a restart clears it.',
            '%2 read %3, which the kernel still holds but no cell above defines: only a restart clears it.',
            count,
            a,
            b
          ),
        cells,
        names
      );
    }
    case 'file-changed':
      return fill(
        (a, b) =>
          trans._n(
            '%2 reads %3, which earlier runs changed: neither re-running nor a restart undoes that.',
            '%2 read %3, which earlier runs changed: neither re-running nor a restart undoes that.',
            count,
            a,
            b
          ),
        cells,
        nameParts(warning.name, trans)
      );
    case 'file-left': {
      // A cell still writes through the expression: the file left is at a path it named.
      const expression = fileExpression(warning.name);
      if (expression !== null) {
        return fill(
          (a, b) =>
            trans._n(
              '%2 lists a folder holding a file that earlier runs wrote through %3 at a path it no longer names: neither re-running nor a restart deletes it.',
              '%2 list a folder holding a file that earlier runs wrote through %3 at a path it no longer names: neither re-running nor a restart deletes it.',
              count,
              a,
              b
            ),
          cells,
          [{ code: expression }]
        );
      }
      return fill(
        (a, b) =>
          trans._n(
            '%2 lists a folder holding %3, which earlier runs wrote at a path no cell writes now: neither re-running nor a restart deletes it.',
            '%2 list a folder holding %3, which earlier runs wrote at a path no cell writes now: neither re-running nor a restart deletes it.',
            count,
            a,
            b
          ),
        cells,
        nameParts(warning.name, trans)
      );
    }
    case 'undefined':
      return fill(
        (a, b) =>
          trans._n(
            '%2 reads %3, undefined at that point of the notebook: it stops with a NameError, as in Restart and Run All.',
            '%2 read %3, undefined at that point of the notebook: they stop with a NameError, as in Restart and Run All.',
            count,
            a,
            b
          ),
        cells,
        nameParts(warning.name, trans)
      );
    case 'irreversible':
      return fill(
        (a, b) =>
          trans.__(
            'Re-running %1 cannot undo what earlier runs did (%2).',
            a,
            b
          ),
        cells,
        [warning.effects.join('; ')]
      );
    case 'opaque-left':
      return fill(
        (a, b, c) =>
          trans.__(
            '%1 may read names that earlier runs of %2 defined by %3, which its code no longer uses. This plan does not restart the kernel: restart it to clear them.',
            a,
            b,
            c
          ),
        cells,
        [{ cell: warning.cell }],
        list(warning.uses.map(use => [{ code: use }]))
      );
    case 'figure-numbers':
      return fill(
        a =>
          trans._n(
            '%2 reads figure numbers, which pyplot counts up in each kernel: after the figures this kernel made, no re-run gives the numbers of Restart and Run All.',
            '%2 read figure numbers, which pyplot counts up in each kernel: after the figures this kernel made, no re-run gives the numbers of Restart and Run All.',
            count,
            a
          ),
        cells
      );
  }
}

/** The words of an export warning. */
export function exportWarningParts(
  warning: ExportWarning,
  trans: TranslationBundle
): Part[] {
  switch (warning.kind) {
    case 'magic':
      return fill(
        (a, b) => trans.__('%1: %2', a, b),
        pieceParts(warning.piece, trans),
        magicNoteParts(warning.note, trans)
      );
    case 'syntax-error':
      return fill(
        (a, b, c) =>
          trans.__('%1: %2 (line %3); the cell is commented out', a, b, c),
        pieceParts(warning.piece, trans),
        [warning.message],
        [String(warning.line + 1)]
      );
    case 'moved':
      return fill(
        (a, b, c) =>
          trans.__('%1 runs after %2: it reads %3, defined there', a, b, c),
        pieceParts(warning.piece, trans),
        [{ cell: warning.cell }],
        namesParts(warning.names, trans)
      );
    case 'not-moved':
      return fill(
        (a, b, c) =>
          trans.__(
            '%1 reads %2, defined only below in %3, but other dependencies keep it above: left in place',
            a,
            b,
            c
          ),
        pieceParts(warning.piece, trans),
        namesParts(warning.names, trans),
        [{ cell: warning.cell }]
      );
    case 'undefined':
      return fill(
        (a, b) =>
          trans.__('%1 reads %2, which no code before it defines', a, b),
        pieceParts(warning.piece, trans),
        namesParts(warning.names, trans)
      );
    case 'last-result':
      return fill(
        (a, b, c) =>
          trans.__(
            "%1 reads %2, IPython's last result: %3 now sets it",
            a,
            b,
            c
          ),
        pieceParts(warning.piece, trans),
        [{ code: '_' }],
        pieceParts(warning.setter, trans)
      );
    case 'parameters-twice':
      return fill(
        (a, b, c) =>
          trans.__('%1 cells are tagged %2: only %3 gives options', a, b, c),
        [String(warning.count)],
        [{ code: warning.tag }],
        pieceParts(warning.piece, trans)
      );
    case 'left-out':
      return fill(
        a =>
          warning.status === 'error'
            ? trans.__('%1 failed: left out', a)
            : trans.__('%1 was interrupted: left out', a),
        pieceParts(warning.piece, trans)
      );
    case 'no-code-cell':
      return fill(
        a => trans.__('no code cell with id %1', a),
        [{ code: warning.cellId }]
      );
    case 'nothing-ran':
      return [
        trans.__('no execution in the live kernel session: nothing to export')
      ];
  }
}

/** The words of what `nbfresh check` finds in the saved file (`core/check.ts`). */
export function checkParts(why: CheckWhy, trans: TranslationBundle): Part[] {
  const name: Part[] = 'name' in why ? [{ code: why.name }] : [];
  const cell: Part[] = 'cell' in why ? [{ cell: why.cell }] : [];
  switch (why.kind) {
    case 'count-below':
      return fill(
        a =>
          trans.__(
            'execution count %1 is lower than %2 of %3 above: it ran before a cell placed above it',
            why.count,
            why.above,
            a
          ),
        cell
      );
    case 'count-below-reads':
      return fill(
        (a, b) =>
          trans.__(
            'execution count %1 is lower than %2 of %3 above, which sets %4 that it reads: it ran before that cell',
            why.count,
            why.above,
            a,
            b
          ),
        cell,
        name
      );
    case 'edited-after-run':
      return [
        trans.__(
          'edited after it ran: what it shows came from a different source'
        )
      ];
    case 'never-run-between':
      return [
        trans.__(
          'never run, but cells above and below it ran: what the cells below show was computed without it'
        )
      ];
    case 'deleted-with-del':
    case 'defined-after-read':
    case 'defined-nowhere':
    case 'defined-below':
      return fill(
        (n, c, f, d) => nameSentence(why.via.kind, why.kind, trans, n, c, f, d),
        name,
        cell,
        [{ code: why.via.kind === 'reads' ? '' : why.via.fn }],
        [{ code: 'del' }]
      );
  }
}

/**
 * "reads `x`, defined only below, in [5]" and its kin, one whole sentence per way of reading
 * and per cause, so that each is translated whole: %1 the name, %2 the cell, %3 the function
 * it reads the name through, %4 `del`.
 */
function nameSentence(
  via: NameVia['kind'],
  cause: Exclude<
    CheckWhy['kind'],
    | 'count-below'
    | 'count-below-reads'
    | 'edited-after-run'
    | 'never-run-between'
  >,
  trans: TranslationBundle,
  ...slots: string[]
): string {
  switch (`${via} ${cause}`) {
    case 'reads deleted-with-del':
      return trans.__('reads %1, deleted with %4 in %2', ...slots);
    case 'reads defined-after-read':
      return trans.__(
        'reads %1, before this cell defines it; no cell above defines it',
        ...slots
      );
    case 'reads defined-nowhere':
      return trans.__(
        'reads %1, which no cell defines and is not a builtin',
        ...slots
      );
    case 'reads defined-below':
      return trans.__('reads %1, defined only below, in %2', ...slots);
    case 'calls deleted-with-del':
      return trans.__(
        'calls %3, which reads %1, deleted with %4 in %2',
        ...slots
      );
    case 'calls defined-after-read':
      return trans.__(
        'calls %3, which reads %1, before this cell defines it; no cell above defines it',
        ...slots
      );
    case 'calls defined-nowhere':
      return trans.__(
        'calls %3, which reads %1, which no cell defines and is not a builtin',
        ...slots
      );
    case 'calls defined-below':
      return trans.__(
        'calls %3, which reads %1, defined only below, in %2',
        ...slots
      );
    case 'defines deleted-with-del':
      return trans.__(
        'defines %3, which reads %1, deleted with %4 in %2',
        ...slots
      );
    case 'defines defined-after-read':
      return trans.__(
        'defines %3, which reads %1, before this cell defines it; no cell above defines it',
        ...slots
      );
    case 'defines defined-nowhere':
      return trans.__(
        'defines %3, which reads %1, which no cell defines and is not a builtin',
        ...slots
      );
    default:
      return trans.__(
        'defines %3, which reads %1, defined only below, in %2',
        ...slots
      );
  }
}

/** What would stop an exported file with `NameError`, where, and from which cell. */
export function exportProblemParts(
  problem: IExportProblem,
  trans: TranslationBundle
): Part[] {
  const name: Part[] = [{ code: problem.name }];
  const where: Part[] =
    problem.cell === null
      ? [trans.__('line %1', problem.line)]
      : fill(
          a => trans.__('line %1 (%2)', problem.line, a),
          [{ cell: problem.cell - 1 }]
        );
  return problem.kind === 'undefined-name'
    ? fill(
        (a, b) =>
          trans.__(
            '%1 reads %2, which the script never defines (NameError)',
            a,
            b
          ),
        where,
        name
      )
    : fill(
        (a, b) =>
          trans.__(
            '%1 reads %2 before the script defines it (NameError)',
            a,
            b
          ),
        where,
        name
      );
}

/** A finding as plain text: the `aria-label` of a badge, a title. */
export function plainText(parts: readonly Part[], names: ICellNames): string {
  return parts
    .map(part =>
      typeof part === 'string'
        ? part
        : 'code' in part
          ? part.code
          : names.name(part.cell)
    )
    .join('');
}

/**
 * A finding in React: names as code, cells as links that jump to them (named only, where
 * there is nowhere to jump to, as in a modal dialog).
 */
export function FindingText(props: {
  parts: readonly Part[];
  names: ICellNames;
  trans: TranslationBundle;
  onCell?: (index: number) => void;
}): JSX.Element {
  const { parts, names, trans, onCell } = props;
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : 'code' in part ? (
          <code key={i}>{part.code}</code>
        ) : !onCell ? (
          <span
            key={i}
            className="jp-Fresh-findingCell"
            title={names.firstLine(part.cell)}
          >
            {names.name(part.cell)}
          </span>
        ) : (
          <button
            key={i}
            className="jp-Fresh-cellLink jp-Fresh-findingCell"
            data-fresh-cell-index={part.cell}
            title={cellTitle(part.cell, names, trans)}
            onClick={() => onCell(part.cell)}
          >
            {names.name(part.cell)}
          </button>
        )
      )}
    </>
  );
}

/** "Go to [20]: `x = load()`": the title of a link to a cell. */
export function cellTitle(
  index: number,
  names: ICellNames,
  trans: TranslationBundle
): string {
  const line = names.firstLine(index);
  return line
    ? trans.__('Go to %1: %2', names.name(index), line)
    : trans.__('Go to %1', names.name(index));
}

/**
 * Fills a translated sentence with parts: `sentence` gets one placeholder per argument and
 * the parts go where the translation put them.
 */
export function fill(
  sentence: (...slots: string[]) => string,
  ...args: Part[][]
): Part[] {
  // Private-use characters, which no sentence holds; the parts never go through `trans`.
  const slots = args.map((_, i) => `\ue000${i}\ue001`);
  const parts: Part[] = [];
  sentence(...slots)
    .split(/\ue000(\d+)\ue001/)
    .flatMap((text, i) => (i % 2 === 1 ? args[Number(text)] : [text]))
    .forEach(part => {
      const last = parts.length - 1;
      if (typeof part === 'string' && typeof parts[last] === 'string') {
        // Text next to text (a name worded as text): one string.
        parts[last] += part;
      } else if (part !== '') {
        parts.push(part);
      }
    });
  return parts;
}

/** `a, b, c` */
export function list(items: Part[][]): Part[] {
  return items.flatMap((item, i) => (i === 0 ? item : [', ', ...item]));
}

/** A name as a person reads it; pseudo-symbols (`file:…`, `random:…`) in words. */
function nameParts(name: string, trans: TranslationBundle): Part[] {
  const expression = fileExpression(name);
  if (expression !== null) {
    return fill(a => trans.__('the file in %1', a), [{ code: expression }]);
  }
  if (name.startsWith('file:')) {
    return fill(a => trans.__('the file %1', a), [{ code: name.slice(5) }]);
  }
  if (name === 'random:numpy') {
    return [trans.__("numpy's global random state")];
  }
  if (name === 'random:python') {
    return fill(
      a => trans.__("the %1 module's state", a),
      [{ code: 'random' }]
    );
  }
  if (name === 'matplotlib:pyplot') {
    return fill(a => trans.__("%1's figures", a), [{ code: 'pyplot' }]);
  }
  if (name === 'matplotlib:settings') {
    return [trans.__("matplotlib's settings")];
  }
  if (name === 'matplotlib:numbers') {
    return fill(a => trans.__("%1's figure numbers", a), [{ code: 'pyplot' }]);
  }
  return [{ code: name }];
}

function namesParts(
  names: readonly string[],
  trans: TranslationBundle
): Part[] {
  return list(names.map(name => nameParts(name, trans)));
}

function upstreamSentence(
  via: Extract<Reason, { kind: 'reads-flagged' }>['via'],
  a: string,
  b: string,
  trans: TranslationBundle
): string {
  switch (via) {
    case 'edited':
      return trans.__('reads %1 from %2, which is edited', a, b);
    case 'never-run':
      return trans.__(
        'reads %1 from %2, which has not run in this kernel',
        a,
        b
      );
    case 'error':
      return trans.__('reads %1 from %2, which failed', a, b);
    case 'deleted-code':
      return trans.__('reads %1 from %2, which relies on deleted code', a, b);
    case 'out-of-order':
      return trans.__('reads %1 from %2, which is out of order', a, b);
    case 'stale':
      return trans.__('reads %1 from %2, which is stale', a, b);
  }
}

/** A piece of exported code: a cell (a link), or one execution of it for "as run". */
function pieceParts(piece: IPieceRef, trans: TranslationBundle): Part[] {
  if (piece.execution === undefined) {
    return [{ cell: piece.cell }];
  }
  const count = piece.execution === null ? '*' : String(piece.execution);
  // The cell by position: its execution count now says nothing of a run from before.
  return piece.cell < 0
    ? fill(
        (a, b) => trans.__('execution [%1] of deleted cell %2', a, b),
        [count],
        [{ code: piece.cellId }]
      )
    : [trans.__('execution [%1] of cell %2', count, piece.cell + 1)];
}

function magicNoteParts(note: MagicNote, trans: TranslationBundle): Part[] {
  switch (note.kind) {
    case 'capture-dropped':
      return fill(
        a => trans.__('%1 no longer captures its output', a),
        [{ code: `%%capture ${note.args}` }]
      );
    case 'not-python':
      return fill(
        a =>
          note.dropped
            ? trans.__('%1 is not Python: left out', a)
            : trans.__('%1 is not Python: commented out', a),
        [{ code: `%%${note.magic}` }]
      );
    case 'target-not-set':
      return fill(
        (a, b) =>
          note.dropped
            ? trans.__('%1 left out: %2 is not set', a, b)
            : trans.__('%1 commented out: %2 is not set', a, b),
        [{ code: note.line }],
        [{ code: note.target }]
      );
    case 'names-missing':
      return fill(
        a =>
          note.dropped
            ? trans.__('%1 left out: the names it sets are missing', a)
            : trans.__('%1 commented out: the names it sets are missing', a),
        [{ code: `%${note.magic}` }]
      );
  }
}
