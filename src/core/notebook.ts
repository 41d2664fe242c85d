/**
 * Reading nbformat 4 JSON into the core's cell model, with messages a person can act on.
 * Pure: takes text, returns data or throws a NotebookFormatError.
 */
import { INotebookCell } from './types';

/** A notebook that cannot be read; `message` is one line fit for a terminal or a panel. */
export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookFormatError';
  }
}

export interface IParsedNotebook {
  cells: INotebookCell[];
  /** The language the metadata names (`notebookLanguage`), or null. */
  language: string | null;
  /** The notebook's metadata object (untrusted: validate before use). */
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformatMinor: number;
}

/** Parses the text of an `.ipynb` file. */
export function parseNotebook(text: string): IParsedNotebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (reason) {
    throw new NotebookFormatError(
      `not a notebook: invalid JSON (${(reason as Error).message})`
    );
  }
  return notebookFromJSON(data);
}

/** Converts already-parsed nbformat JSON. */
export function notebookFromJSON(data: unknown): IParsedNotebook {
  if (!isObject(data)) {
    throw new NotebookFormatError(
      'not a notebook: the top level is not an object'
    );
  }
  const nbformat = data.nbformat;
  if (typeof nbformat !== 'number') {
    throw new NotebookFormatError('not a notebook: no "nbformat" number');
  }
  if (nbformat !== 4) {
    throw new NotebookFormatError(
      `unsupported notebook format ${nbformat}: only nbformat 4 is read (convert with "jupyter nbconvert --to notebook")`
    );
  }
  const nbformatMinor =
    typeof data.nbformat_minor === 'number' ? data.nbformat_minor : 0;
  if (!Array.isArray(data.cells)) {
    throw new NotebookFormatError('not a notebook: "cells" is not a list');
  }
  const metadata = isObject(data.metadata) ? data.metadata : {};
  const cells = data.cells.map(readCell);
  const ids = uniqueIds(data.cells.map(raw => (isObject(raw) ? raw.id : null)));
  cells.forEach((cell, index) => (cell.id = ids[index]));
  return {
    cells,
    language: notebookLanguage(metadata),
    metadata,
    nbformat,
    nbformatMinor
  };
}

/** Joins nbformat multiline strings (a string or a list of strings). */
export function joinSource(source: unknown): string {
  if (typeof source === 'string') {
    return source;
  }
  if (Array.isArray(source) && source.every(part => typeof part === 'string')) {
    return source.join('');
  }
  return '';
}

/**
 * One id per cell, unique, for the analysis: flags, plans and gathers name cells by id. An id
 * that is a non-empty text and the first of its value is kept; nbformat < 4.5 has none, so
 * those are derived (`cell-3`), and a repeated id gets a suffix (`a-2`). Neither kind of new
 * id takes a value that any cell of the notebook has, nor one given before.
 */
export function uniqueIds(raw: readonly unknown[]): string[] {
  const given = new Set(
    raw.filter((id): id is string => typeof id === 'string' && id !== '')
  );
  const used = new Set<string>();
  // Per base, the suffix to try next, so that many copies of one id cost linear time.
  const next = new Map<string, number>();
  return raw.map((id, index) => {
    if (typeof id === 'string' && id !== '' && !used.has(id)) {
      used.add(id);
      return id;
    }
    const base = typeof id === 'string' && id !== '' ? id : `cell-${index}`;
    let candidate = base;
    let suffix = next.get(base) ?? 2;
    while (used.has(candidate) || given.has(candidate)) {
      candidate = `${base}-${suffix++}`;
    }
    next.set(base, suffix);
    used.add(candidate);
    return candidate;
  });
}

function readCell(raw: unknown, index: number): INotebookCell {
  if (!isObject(raw)) {
    throw new NotebookFormatError(`cell ${index + 1} is not an object`);
  }
  const type = raw.cell_type;
  if (type === undefined) {
    throw new NotebookFormatError(
      `cell ${index + 1} has no "cell_type" (it must be "code", "markdown" or "raw")`
    );
  }
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') {
    throw new NotebookFormatError(
      `cell ${index + 1} has an unknown "cell_type" ${describeValue(type)} (it must be "code", "markdown" or "raw")`
    );
  }
  if (
    raw.source !== undefined &&
    typeof raw.source !== 'string' &&
    !(Array.isArray(raw.source) && raw.source.every(s => typeof s === 'string'))
  ) {
    throw new NotebookFormatError(
      `cell ${index + 1} has a "source" that is neither text nor a list of text`
    );
  }
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  const tags = Array.isArray(metadata.tags)
    ? metadata.tags.filter((t): t is string => typeof t === 'string')
    : [];
  const cell: INotebookCell = {
    // Set by `uniqueIds` once all cells are read.
    id: '',
    cellType: type,
    source: joinSource(raw.source),
    tags
  };
  if (type === 'code') {
    const count = raw.execution_count;
    cell.executionCount =
      typeof count === 'number' && Number.isInteger(count) ? count : null;
  }
  return cell;
}

/**
 * The language a notebook's metadata names, lower case, or null: `language_info.name` first
 * (the running kernel writes it), else `kernelspec.language`. An empty name (some kernels and
 * converters write one) says nothing.
 */
export function notebookLanguage(metadata: {
  language_info?: unknown;
  kernelspec?: unknown;
}): string | null {
  const info = metadata.language_info;
  const spec = metadata.kernelspec;
  const name = [
    isObject(info) ? info.name : undefined,
    isObject(spec) ? spec.language : undefined
  ].find((value): value is string => typeof value === 'string' && value !== '');
  return name === undefined ? null : name.toLowerCase();
}

/** Whether a language (`notebookLanguage`) is Python; none given: assume Python, the common case. */
export function isPythonLanguage(language: string | null): boolean {
  return language === null || /^i?python[0-9.]*$/.test(language);
}

/**
 * The language cells are analysed as: `python` for every spelling of Python (`python3`,
 * `ipython3`) and for none given, else the language's own name. Dataflow needs `python`.
 */
export function analysisLanguage(language: string | null): 'python' | string {
  return language === null || isPythonLanguage(language) ? 'python' : language;
}

/** A short rendering of an unexpected value for a message. */
function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
