/**
 * The execution timeline as the panel shows it: each record with what became of its cell.
 */
import { hashSource } from './hash';
import { notKeptHash } from './history';
import { IExecutionRecord, INotebookCell } from './types';

export type TimelineCellState = 'current' | 'edited' | 'deleted';

export interface ITimelineEntry {
  record: IExecutionRecord;
  /** Position of the record in the log (0-based), a stable key. */
  seq: number;
  /** Position of the cell among all cells now, or null when deleted. */
  cellIndex: number | null;
  /** Whether the cell still exists with the source that ran. */
  cellState: TimelineCellState;
  /** Whether the record belongs to the live kernel session. */
  live: boolean;
  /**
   * What `firstLine` shows: the code as run (kept, or the cell's current code when its hash
   * matches), the cell's current code when the code that ran is lost but the cell was edited
   * since, or nothing (a deleted cell whose code was not kept).
   */
  shows: 'as-run' | 'edited-cell' | 'nothing';
  /** The first non-blank line of what `shows` says ('' for nothing). */
  firstLine: string;
}

/** Entries newest first. */
export function timelineEntries(
  records: readonly IExecutionRecord[],
  cells: readonly INotebookCell[],
  kernelSession: string | null
): ITimelineEntry[] {
  const position = new Map<string, { index: number; source: string }>();
  cells.forEach((cell, index) =>
    position.set(cell.id, { index, source: cell.source })
  );
  const entries: ITimelineEntry[] = [];
  for (let seq = records.length - 1; seq >= 0; seq--) {
    const record = records[seq];
    const cell = position.get(record.cellId);
    // Restored records without their code: the cell's code is that code if the hashes match.
    const hash = notKeptHash(record.source);
    const same =
      !!cell &&
      (hash === null
        ? cell.source === record.source
        : hashSource(cell.source) === hash);
    const shows =
      hash === null || same ? 'as-run' : cell ? 'edited-cell' : 'nothing';
    entries.push({
      record,
      seq,
      cellIndex: cell ? cell.index : null,
      cellState: !cell ? 'deleted' : same ? 'current' : 'edited',
      live: record.kernelSession === kernelSession,
      shows,
      firstLine: firstLine(hash === null ? record.source : (cell?.source ?? ''))
    });
  }
  return entries;
}

/**
 * The first non-blank line, trimmed and cut to a readable length: before a space or between
 * a name and punctuation, never inside a name or number (unless one fills half the length).
 */
export function firstLine(source: string, max = 80): string {
  const line = source.split('\n').find(text => text.trim() !== '') ?? '';
  const trimmed = line.trim();
  if (trimmed.length <= max) {
    return trimmed;
  }
  let cut = max - 1;
  while (
    cut > max / 2 &&
    WORD.test(trimmed[cut - 1]) &&
    WORD.test(trimmed[cut])
  ) {
    cut--;
  }
  if (cut <= max / 2) {
    cut = max - 1;
  }
  return `${trimmed.slice(0, cut).trimEnd()}…`;
}

/** A character of a Python name or number. */
const WORD = /[\p{L}\p{N}_]/u;
