/**
 * Flags and reasons for every code cell: a cell is fresh when its last execution in the live
 * kernel had the input signature it has in Run All; flags explain the mismatches.
 */
import { ChangeVerb, Reason, UpstreamFlag } from '../findings';
import type { ISavedVerdict } from '../check';
import { hasCode } from '../python';
import { tokenText } from '../python/tokens';
import { CELL_FLAGS, CellFlag, ICellStatus, IExecutionRecord } from '../types';
import { firstAbove } from './ledger';
import { ICodeCell, KernelWorld, RunAllWorld } from './state';
import {
  BOUND,
  EXTERNAL,
  IRead,
  makeRead,
  NO_ACTOR,
  provenance
} from './world';

export interface IClassifyInput {
  code: readonly ICodeCell[];
  /** Code-cell ordinal by cell id. */
  ordinalOf: ReadonlyMap<string, number>;
  /** Null when dataflow is off (non-Python kernels). */
  runAll: RunAllWorld | null;
  kernel: KernelWorld;
  /** A cell's last execution in any session (for "since the kernel restarted"). */
  lastRun: (cellId: string) => IExecutionRecord | undefined;
  /** When a cell last ran in an earlier session only: that session's world and the run. */
  earlierRun: (cellId: string) => IEarlierRun | undefined;
  /** What the saved file says about a cell (`savedVerdicts`), for cells with no record. */
  saved: (cellId: string) => ISavedVerdict | undefined;
}

/** A cell's last run, in the world of the earlier kernel session it ran in. */
export interface IEarlierRun {
  kernel: KernelWorld;
  /** The run's ordinal in that world. */
  last: number;
}

export interface IClassification {
  statuses: ICellStatus[];
  /** By code-cell ordinal. */
  fresh: boolean[];
}

/**
 * Classifies the code cells and keeps the verdicts: after an execution only the cell that ran
 * and the cells whose reasons name it are redone. A cell's flags depend on its own last
 * execution and Run All; other cells only change the wording of its reasons.
 */
export class Classifier {
  /** Forgets every verdict: the cells, Run All or the live session changed. */
  reset(): void {
    this._statuses = [];
    this._fresh = [];
    this._consulted = [];
    this._consultedBy = [];
    this._dirty.clear();
  }

  /** A cell ran: its verdict and the reasons that mention it are redone. */
  touch(ordinal: number): void {
    this._dirty.add(ordinal);
    this._consultedBy[ordinal]?.forEach(other => this._dirty.add(other));
  }

  classify(input: IClassifyInput): IClassification {
    const statuses = this._statuses;
    const full = statuses.length !== input.code.length;
    const todo = full
      ? input.code.map((_, ordinal) => ordinal)
      : [...this._dirty].sort((a, b) => a - b);
    this._dirty.clear();
    for (let i = 0; i < todo.length; i++) {
      const ordinal = todo[i];
      const cell = input.code[ordinal];
      const verdict = new Verdict();
      const consulted = new Set<number>();
      const { fresh, notInKernel } = classifyCell(
        input,
        cell,
        ordinal,
        verdict,
        statuses,
        consulted
      );
      this._fresh[ordinal] = fresh;
      const flags = verdict.flags();
      const reasons = verdict.reasons();
      if (
        !full &&
        (flags.join() !== statuses[ordinal].flags.join() ||
          JSON.stringify(reasons) !== JSON.stringify(statuses[ordinal].reasons))
      ) {
        // Reasons below that name this cell say what its flags are, and why (a stale chain).
        this._consultedBy[ordinal]?.forEach(other => {
          const at = firstAbove(todo, other - 1);
          if (other > ordinal && todo[at] !== other) {
            todo.splice(at, 0, other);
          }
        });
      }
      statuses[ordinal] = {
        cellId: cell.id,
        index: cell.index,
        flags,
        reasons,
        ...(notInKernel && { notInKernel })
      };
      this._consulted[ordinal]?.forEach(q =>
        this._consultedBy[q]?.delete(ordinal)
      );
      this._consulted[ordinal] = consulted;
      consulted.forEach(q => (this._consultedBy[q] ??= new Set()).add(ordinal));
    }
    return { statuses: statuses.slice(), fresh: this._fresh };
  }

  private _statuses: ICellStatus[] = [];
  private _fresh: boolean[] = [];
  /** By ordinal: the cells whose flags or runs its reasons depend on, and the reverse. */
  private _consulted: Set<number>[] = [];
  private _consultedBy: Set<number>[] = [];
  private _dirty = new Set<number>();
}

// Plan warnings still word cells and names with these.

/** At most this many reasons per flag; then a count of the rest. */
const MAX_REASONS = 3;

/** Which flag of a non-fresh upstream cell a reason names, most telling first. */
const UPSTREAM_FLAGS: readonly UpstreamFlag[] = [
  'edited',
  'never-run',
  'error',
  'deleted-code',
  'out-of-order',
  'stale'
];

class Verdict {
  add(flag: CellFlag, reason: Reason): void {
    // By the flag's place in CELL_FLAGS, which orders flags and reasons.
    const at = CELL_FLAGS.indexOf(flag);
    const list = this._reasons[at];
    if (!list) {
      this._reasons[at] = [reason];
      return;
    }
    // The reasons given so far, as their text: a cell may read many flagged names.
    let known = this._known[at];
    if (!known) {
      known = new Set(list.map(reasonKey));
      this._known[at] = known;
    }
    const key = reasonKey(reason);
    if (!known.has(key)) {
      known.add(key);
      list.push(reason);
    }
  }

  flags(): CellFlag[] {
    const flags: CellFlag[] = [];
    this._reasons.forEach((_, at) => flags.push(CELL_FLAGS[at]));
    return flags;
  }

  reasons(): Reason[] {
    const reasons: Reason[] = [];
    this._reasons.forEach(list => {
      if (list.length <= MAX_REASONS) {
        reasons.push(...list);
        return;
      }
      reasons.push(...list.slice(0, MAX_REASONS), {
        kind: 'more',
        count: list.length - MAX_REASONS
      });
    });
    return reasons;
  }

  /** By flag, in CELL_FLAGS order; holes for flags not given (`forEach` skips them). */
  private _reasons: Reason[][] = [];
  /** By flag: the `reasonKey`s of its reasons, once it has a second. */
  private _known: Set<string>[] = [];
}

/** Reasons are small flat objects whose keys are always written in the same order. */
function reasonKey(reason: Reason): string {
  return JSON.stringify(reason);
}

/** One cell being classified, and where its verdict goes. */
interface ICase {
  input: IClassifyInput;
  /** The world of the run judged: the live kernel, or the earlier session it ran in. */
  kernel: KernelWorld;
  cell: ICodeCell;
  ordinal: number;
  verdict: Verdict;
  /** Verdicts of the cells above, by ordinal. */
  earlier: readonly ICellStatus[];
  /** Collects the cells whose flags, runs or Run All steps the verdict depends on. */
  consulted: Set<number>;
}

/**
 * Fills the verdict of one cell. A cell that did not run in the live kernel is judged by its
 * last run in an earlier session, else by what the saved file says.
 */
function classifyCell(
  input: IClassifyInput,
  cell: ICodeCell,
  ordinal: number,
  verdict: Verdict,
  earlier: readonly ICellStatus[],
  consulted: Set<number>
): { fresh: boolean; notInKernel: boolean } {
  const live = input.kernel.lastOf(cell.id);
  const ever = input.lastRun(cell.id);
  if (!hasCode(cell.source) && (!ever || !hasCode(ever.source))) {
    // Nothing to run, and nothing shown that Run All would change.
    return { fresh: true, notInKernel: false };
  }
  const judge = (kernel: KernelWorld, last: number) =>
    judgeRun(
      { input, kernel, cell, ordinal, verdict, earlier, consulted },
      last
    );
  if (live !== undefined) {
    return { fresh: judge(input.kernel, live), notInKernel: false };
  }
  if (input.kernel.cancelledLast(cell.id)) {
    // Queued in this kernel but never started: the front end cleared what an earlier
    // session or the saved file showed, so neither describes it any more.
    verdict.add('never-run', { kind: 'cancelled' });
    return { fresh: false, notInKernel: false };
  }
  const before = input.earlierRun(cell.id);
  if (before && input.runAll) {
    return { fresh: judge(before.kernel, before.last), notInKernel: true };
  }
  if (before) {
    // Without dataflow the inputs of that run cannot be compared with Run All's.
    verdict.add('never-run', { kind: 'not-run', sinceRestart: true });
    return { fresh: false, notInKernel: true };
  }
  const saved = input.saved(cell.id);
  saved?.problems.forEach(({ flag, why }) =>
    verdict.add(flag, { kind: 'saved-file', why })
  );
  if (!saved?.ran && !verdict.flags().includes('never-run')) {
    verdict.add('never-run', { kind: 'not-run', sinceRestart: false });
  }
  return {
    fresh: verdict.flags().length === 0,
    notInKernel: saved?.ran === true
  };
}

/** Judges the cell's run `last` in `job.kernel` against Run All; returns whether it is fresh. */
function judgeRun(job: ICase, last: number): boolean {
  const { input, cell, ordinal, verdict } = job;
  const { record, step } = job.kernel.execs[last];
  // Comments and spacing change no output (the timeline still shows the edit).
  if (tokenText(record.source) !== tokenText(cell.source)) {
    verdict.add('edited', { kind: 'edited' });
  }
  if (record.status === 'error') {
    verdict.add('error', { kind: 'failed' });
  } else if (record.status === 'aborted') {
    verdict.add('error', { kind: 'interrupted' });
  }
  const runAll = input.runAll;
  if (!runAll) {
    return !verdict.flags().length;
  }
  const expected = runAll.steps[ordinal];
  const opaque = expected.run.symbols.opaque;
  if (opaque.length > 0) {
    verdict.add('opaque', { kind: 'opaque', uses: opaque });
  }
  const fresh =
    step !== null && record.status === 'ok' && step.sig === expected.sig;
  if (!fresh && step) {
    for (const read of step.reads) {
      const want = expected.reads.find(r => r.name === read.name);
      if (!want) {
        // Names only one side reads come from an edit, which `edited` already says; but a
        // name the kernel's listing (`dir()`) has and Run All's lacks was bound elsewhere.
        if (read.version === BOUND) {
          explainKernelSide(job, last, read);
        }
      } else if (
        want.version !== read.version &&
        !explainKernelSide(job, last, read)
      ) {
        explainStale(job, last, read, want);
      }
    }
    // And a name Run All's listing has that the kernel's lacked: bound since, or above it now.
    for (const want of expected.reads) {
      if (
        want.version === BOUND &&
        !step.reads.some(read => read.name === want.name)
      ) {
        // A read of a name that holds nothing and that no cell deleted.
        explainStale(
          job,
          last,
          makeRead(want.name, EXTERNAL, NO_ACTOR, null, undefined),
          want
        );
      }
    }
  }
  if (!fresh && verdict.flags().every(flag => flag === 'opaque')) {
    // The signature differs without a read we can name (e.g. what a called function reads).
    verdict.add('stale', { kind: 'reads-differ' });
  }
  return fresh;
}

/**
 * Out-of-order, deleted-code, or a cell that read its own earlier result: judged from where
 * the live value came from. Returns whether it found one.
 */
function explainKernelSide(job: ICase, last: number, read: IRead): boolean {
  const { input, kernel, cell, verdict } = job;
  const { code, ordinalOf, runAll } = input;
  const name = read.name;
  let found = false;
  for (const source of kernelSources(read)) {
    const ordinal = ordinalOf.get(kernel.execs[source.actor].record.cellId);
    if (ordinal === undefined) {
      verdict.add('deleted-code', { kind: 'set-by-deleted-cell', name });
      found = true;
      continue;
    }
    // Its step in Run All says whether it still sets the name.
    job.consulted.add(ordinal);
    const other = code[ordinal];
    if (other.index > cell.index) {
      verdict.add('out-of-order', {
        kind: 'set-below',
        name,
        cell: other.index
      });
      found = true;
      continue;
    }
    const now = runAll!.steps[ordinal];
    const still =
      source.kind === 'opaque' ||
      (source.kind === 'deletes'
        ? now.run.symbols.deletes.includes(source.name)
        : now.defines.includes(source.name) ||
          now.mutates.includes(source.name));
    if (!still) {
      verdict.add('deleted-code', {
        kind: 'set-by-removed-code',
        name,
        cell: other.index,
        deleted: source.kind === 'deletes'
      });
      found = true;
    } else if (other.id === cell.id && source.actor !== last) {
      verdict.add('stale', { kind: 'own-earlier-run', name });
      found = true;
    }
  }
  return found;
}

/** Stale: an upstream cell is not fresh, re-ran after this one, or top to bottom differs. */
function explainStale(
  job: ICase,
  last: number,
  read: IRead,
  want: IRead
): void {
  const { input, kernel, ordinal, verdict, earlier, consulted } = job;
  const code = input.code;
  const name = read.name;
  const upstream = provenance(want)
    .filter(q => q < ordinal)
    .sort((a, b) => b - a);
  upstream.forEach(q => consulted.add(q));
  for (const q of upstream) {
    const { flags, notInKernel } = earlier[q];
    const via =
      UPSTREAM_FLAGS.find(flag => flags.includes(flag)) ??
      // Fresh, but its value is not in the kernel this cell ran in.
      (notInKernel && kernel === input.kernel ? 'never-run' : undefined);
    if (via) {
      const cause = chainCause(earlier[q], via);
      verdict.add('stale', {
        kind: 'reads-flagged',
        name,
        cell: code[q].index,
        via,
        ...(cause && { cause })
      });
      return;
    }
  }
  for (const q of upstream) {
    const ran = kernel.lastOf(code[q].id);
    if (ran !== undefined && ran > last) {
      const verb: ChangeVerb = read.name.startsWith('file:')
        ? 'rewrote'
        : q === want.binder || q === want.value?.creator
          ? 'redefined'
          : 'changed';
      verdict.add('stale', {
        kind: 'changed-after',
        name,
        cell: code[q].index,
        verb
      });
      return;
    }
  }
  const from =
    read.binder >= 0
      ? input.ordinalOf.get(kernel.execs[read.binder].record.cellId)
      : undefined;
  const expected = want.binder >= 0 ? code[want.binder] : undefined;
  if (from !== undefined && from !== want.binder) {
    verdict.add('stale', {
      kind: 'other-source',
      name,
      cell: code[from].index,
      expected: expected ? expected.index : null
    });
    return;
  }
  verdict.add('stale', { kind: 'value-differs', name });
}

/** The longest stale chain a reason carries (links), so that reasons stay small. */
const MAX_CHAIN = 4;

/** Reasons that are a read, by the flag they explain: the links of a stale chain. */
const CHAIN_LINKS: Partial<Record<Reason['kind'], UpstreamFlag>> = {
  'reads-flagged': 'stale',
  'changed-after': 'stale',
  'other-source': 'stale',
  'own-earlier-run': 'stale',
  'value-differs': 'stale',
  'set-below': 'out-of-order',
  'set-by-deleted-cell': 'deleted-code',
  'set-by-removed-code': 'deleted-code'
};

/** Why an upstream cell has flag `via`, when that is a read: the next link of a chain. */
function chainCause(upstream: ICellStatus, via: UpstreamFlag): Reason | null {
  const cause = upstream.reasons.find(
    reason => CHAIN_LINKS[reason.kind] === via
  );
  return cause ? shortened(cause, MAX_CHAIN - 1) : null;
}

/** `reason` with at most `links` causes below it. */
function shortened(reason: Reason, links: number): Reason {
  if (reason.kind !== 'reads-flagged' || !reason.cause) {
    return reason;
  }
  const { kind, name, cell, via } = reason;
  return links <= 1
    ? { kind, name, cell, via }
    : { kind, name, cell, via, cause: shortened(reason.cause, links - 1) };
}

interface IKernelSource {
  actor: number;
  /** The name the actor bound, created or changed. */
  name: string;
  kind: 'binds' | 'creates' | 'changes' | 'deletes' | 'opaque';
}

/** Where a live value came from, each with the name it went through. */
function kernelSources(read: IRead): IKernelSource[] {
  const value = read.value;
  if (read.binder < 0) {
    return [];
  }
  if (!value) {
    const kind =
      read.version === BOUND
        ? 'binds'
        : read.binder === read.deleter
          ? 'deletes'
          : 'opaque';
    return [{ actor: read.binder, name: read.name, kind }];
  }
  const sources: IKernelSource[] = [
    { actor: read.binder, name: read.name, kind: 'binds' }
  ];
  if (value.creator >= 0 && value.creator !== read.binder) {
    sources.push({
      actor: value.creator,
      name: value.creatorName,
      kind: 'creates'
    });
  }
  for (let change = value.changes; change; change = change.prev) {
    sources.push({ actor: change.actor, name: change.name, kind: 'changes' });
  }
  return sources;
}
