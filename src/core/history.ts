/**
 * What the extension keeps in notebook metadata (`fresh`) so that flags survive a page reload
 * while the kernel keeps running: the execution history (bounded), the kernel session it belongs
 * to, and the hash of each cell's source as last executed (which `nbfresh check` also reads).
 *
 * By default a record keeps the hash of its source, not the source: where the cell still has
 * that source it is taken from the cell; otherwise (edited or deleted cell) a summary of what the
 * code read and wrote is kept instead, which is all the analysis needs.
 */
import { hashSource, isSourceHash } from './hash';
import { isObject } from './notebook';
import { FRESH_METADATA_VERSION, MAX_FRESH_METADATA_SIZE } from './metadata';
import type { SettingsProblem } from './problems';
import {
  ExecutionStatus,
  ICellSymbols,
  IExecutionRecord,
  INotebookCell
} from './types';

/** One execution as stored in metadata. */
export interface IStoredExecution {
  cellId: string;
  sourceHash: string;
  executionCount: number | null;
  kernelSession: string;
  status: ExecutionStatus;
  startedAt?: string;
  finishedAt?: string;
  /** The source as run, when the settings keep sources. */
  source?: string;
  /** What the code read and wrote, when its source is neither kept nor in the notebook. */
  symbols?: ICellSymbols;
}

/** The kernel session the live records belong to, and how to recognise its kernel again. */
export interface IStoredSession {
  id: string;
  kernelId: string;
  /** Changes whenever the kernel process restarts (e.g. its process id). */
  fingerprint: string;
}

export interface IStoredHistory {
  session?: IStoredSession;
  executions: IStoredExecution[];
  /** `executedHash` per cell: the hash of the source of its last execution. */
  cells: Record<string, { executedHash: string }>;
}

export interface IHistoryLimits {
  /** How many executions to keep, newest last. */
  maxExecutions: number;
  /** Keep the source text of every execution (more faithful, larger, may hold secrets). */
  keepSources: boolean;
}

export const DEFAULT_HISTORY_LIMITS: IHistoryLimits = {
  maxExecutions: 200,
  keepSources: false
};

/** Upper bounds on what is accepted from metadata, whatever the settings say. */
const MAX_STORED_EXECUTIONS = 10000;
const MAX_TEXT = 256;
const MAX_NAMES = 2000;

/** Builds what goes into metadata from the in-memory log. */
export function storeHistory(
  records: readonly IExecutionRecord[],
  cells: readonly INotebookCell[],
  session: IStoredSession | null,
  limits: IHistoryLimits,
  symbolsOf: (source: string) => ICellSymbols
): IStoredHistory {
  const current = new Map(cells.map(cell => [cell.id, cell.source]));
  const kept = records.slice(
    Math.max(0, records.length - limits.maxExecutions)
  );
  const executions = kept.map(record => {
    const stored: IStoredExecution = {
      cellId: record.cellId,
      sourceHash: hashSource(record.source),
      executionCount: record.executionCount,
      kernelSession: record.kernelSession,
      status: record.status
    };
    if (record.startedAt) {
      stored.startedAt = record.startedAt;
    }
    if (record.finishedAt) {
      stored.finishedAt = record.finishedAt;
    }
    if (limits.keepSources) {
      stored.source = record.source;
    } else if (current.get(record.cellId) !== record.source) {
      stored.symbols = symbolsOf(record.source);
    }
    return stored;
  });
  const lastRun: Record<string, { executedHash: string }> = {};
  for (const record of records) {
    if (current.has(record.cellId)) {
      lastRun[record.cellId] = { executedHash: hashSource(record.source) };
    }
  }
  const history: IStoredHistory = { executions, cells: lastRun };
  if (session) {
    history.session = session;
  }
  return history;
}

/**
 * The `fresh` metadata object with `stored` as its history and hashes, keeping what else it
 * holds (settings). Only what there is: no executions, no `history`. It stays within
 * `MAX_FRESH_METADATA_SIZE`, since a larger object is refused whole when read back, settings
 * included: the oldest executions go first, then the per-cell hashes (only `nbfresh check`
 * reads those).
 */
export function freshWithHistory(
  fresh: Record<string, unknown>,
  stored: IStoredHistory
): Record<string, unknown> {
  const { history: _history, cells: _cells, ...rest } = fresh;
  const base = { ...rest, version: FRESH_METADATA_VERSION };
  const withCells =
    Object.keys(stored.cells).length > 0
      ? { ...base, cells: stored.cells }
      : base;
  const compose = (
    outer: Record<string, unknown>,
    executions: IStoredExecution[]
  ) => ({ ...outer, history: { session: stored.session, executions } });
  // Room for the history's frame (its session, an empty list) only when there is one to keep.
  const framed = (outer: Record<string, unknown>) =>
    stored.executions.length > 0 ? compose(outer, []) : outer;
  const outer =
    jsonSize(framed(withCells)) <= MAX_FRESH_METADATA_SIZE ? withCells : base;
  // The newest executions that fit: each costs its JSON and a comma.
  let room = MAX_FRESH_METADATA_SIZE - jsonSize(framed(outer));
  let first = stored.executions.length;
  while (first > 0) {
    const cost = jsonSize(stored.executions[first - 1]) + 1;
    if (cost > room) {
      break;
    }
    room -= cost;
    first--;
  }
  const kept = stored.executions.slice(first);
  return kept.length > 0 ? compose(outer, kept) : outer;
}

function jsonSize(value: unknown): number {
  return JSON.stringify(value).length;
}

/** What `restoreHistory` gives back. */
export interface IRestoredHistory {
  session: IStoredSession | null;
  records: IExecutionRecord[];
  /** Symbols of records whose source was not kept, keyed by their placeholder source. */
  symbols: Map<string, ICellSymbols>;
  /** Why parts were dropped (empty when everything was valid). */
  problems: SettingsProblem[];
}

const PLACEHOLDER_PREFIX = '\u0000fresh:summary:';

/** Whether a record's source is a stand-in for code whose text was not kept. */
export function isSourceNotKept(source: string): boolean {
  return source.startsWith(PLACEHOLDER_PREFIX);
}

/** The stand-in source of a record whose code was not kept: its hash, marked. */
export function notKeptSource(sourceHash: string): string {
  return `${PLACEHOLDER_PREFIX}${sourceHash}`;
}

/** The hash of the code a stand-in source stands for (`hashSource`), else null. */
export function notKeptHash(source: string): string | null {
  return isSourceNotKept(source)
    ? source.slice(PLACEHOLDER_PREFIX.length)
    : null;
}

/**
 * Reads stored history back. Metadata is untrusted input: anything of the wrong shape is
 * dropped with a problem, never thrown.
 */
export function restoreHistory(
  value: unknown,
  cells: readonly INotebookCell[]
): IRestoredHistory {
  const restored: IRestoredHistory = {
    session: null,
    records: [],
    symbols: new Map(),
    problems: []
  };
  if (value === undefined) {
    return restored;
  }
  if (!isObject(value)) {
    restored.problems.push({ kind: 'history-not-object' });
    return restored;
  }
  restored.session = readSession(value.session, restored.problems);
  const list = value.executions;
  if (list === undefined) {
    return restored;
  }
  if (!Array.isArray(list) || list.length > MAX_STORED_EXECUTIONS) {
    restored.problems.push({
      kind: 'history-not-list',
      max: MAX_STORED_EXECUTIONS
    });
    return restored;
  }
  const current = new Map(cells.map(cell => [cell.id, cell.source]));
  let malformed = 0;
  let unknown = 0;
  for (const item of list) {
    const record = readExecution(item, current, restored.symbols);
    if (record === 'malformed') {
      malformed++;
    } else if (record === 'unknown code') {
      unknown++;
    } else {
      restored.records.push(record);
    }
  }
  if (malformed > 0) {
    restored.problems.push({ kind: 'executions-malformed', count: malformed });
  }
  if (unknown > 0) {
    restored.problems.push({ kind: 'executions-unknown', count: unknown });
  }
  return restored;
}

function readSession(
  value: unknown,
  problems: SettingsProblem[]
): IStoredSession | null {
  if (value === undefined) {
    return null;
  }
  if (
    isObject(value) &&
    isShortText(value.id) &&
    isShortText(value.kernelId) &&
    isShortText(value.fingerprint)
  ) {
    return {
      id: value.id,
      kernelId: value.kernelId,
      fingerprint: value.fingerprint
    };
  }
  problems.push({ kind: 'session-malformed' });
  return null;
}

/**
 * One stored execution; `unknown code` when it is well formed but neither its source nor a
 * summary of it is at hand (the cell with that id and source is not in the notebook).
 */
function readExecution(
  value: unknown,
  current: Map<string, string>,
  symbols: Map<string, ICellSymbols>
): IExecutionRecord | 'malformed' | 'unknown code' {
  if (
    !isObject(value) ||
    !isShortText(value.cellId) ||
    !isSourceHash(value.sourceHash) ||
    !isShortText(value.kernelSession) ||
    !(
      value.status === 'ok' ||
      value.status === 'error' ||
      value.status === 'aborted'
    ) ||
    !(value.executionCount === null || Number.isInteger(value.executionCount))
  ) {
    return 'malformed';
  }
  let source: string;
  if (
    typeof value.source === 'string' &&
    hashSource(value.source) === value.sourceHash
  ) {
    source = value.source;
  } else if (
    hashSource(current.get(value.cellId) ?? '\u0000') === value.sourceHash
  ) {
    source = current.get(value.cellId) as string;
  } else {
    if (value.symbols === undefined) {
      return 'unknown code';
    }
    const summary = readSymbols(value.symbols);
    if (!summary) {
      return 'malformed';
    }
    source = notKeptSource(value.sourceHash);
    symbols.set(source, summary);
  }
  const record: IExecutionRecord = {
    cellId: value.cellId,
    source,
    executionCount: value.executionCount as number | null,
    kernelSession: value.kernelSession,
    status: value.status
  };
  if (isShortText(value.startedAt)) {
    record.startedAt = value.startedAt;
  }
  if (isShortText(value.finishedAt)) {
    record.finishedAt = value.finishedAt;
  }
  return record;
}

const NAME_LISTS = [
  'defines',
  'reads',
  'mutates',
  'deletes',
  'imports',
  'calls',
  'opaque',
  'irreversible'
] as const;

/** A stored symbol summary, checked field by field. */
function readSymbols(value: unknown): ICellSymbols | null {
  if (!isObject(value)) {
    return null;
  }
  const lists = {} as Record<(typeof NAME_LISTS)[number], string[]>;
  for (const key of NAME_LISTS) {
    const list = value[key] ?? [];
    if (!isNameList(list)) {
      return null;
    }
    lists[key] = list;
  }
  const functions: ICellSymbols['functions'] = {};
  if (value.functions !== undefined) {
    if (!isObject(value.functions)) {
      return null;
    }
    for (const [name, summary] of Object.entries(value.functions)) {
      if (
        !isObject(summary) ||
        !isNameList(summary.reads) ||
        !isNameList(summary.writes) ||
        !isNameList(summary.mutates) ||
        !isNameList(summary.calls)
      ) {
        return null;
      }
      functions[name] = {
        reads: summary.reads,
        writes: summary.writes,
        mutates: summary.mutates,
        calls: summary.calls
      };
    }
  }
  const aliases: Record<string, string> = {};
  if (value.aliases !== undefined) {
    if (!isObject(value.aliases)) {
      return null;
    }
    for (const [target, source] of Object.entries(value.aliases)) {
      if (!isShortText(source)) {
        return null;
      }
      aliases[target] = source;
    }
  }
  const symbols: ICellSymbols = { ...lists, functions, aliases };
  if (isShortText(value.notPython)) {
    symbols.notPython = value.notPython;
  }
  return symbols;
}

function isShortText(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT
  );
}

function isNameList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_NAMES &&
    value.every(item => typeof item === 'string' && item.length <= MAX_TEXT)
  );
}
