/**
 * The paired file's path rules, and the notebook file names every export file name starts
 * from. The paired file is an export written on save: its name comes from settings (untrusted),
 * so each refusal has a reason a person can act on.
 */
import type { PairedNameRefusal } from '../problems';

/** C0 and C1 controls, and the bidirectional overrides that make a name read differently. */
export const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `a/b.ipynb` → `b.ipynb`. */
export function notebookFileName(notebookPath: string): string {
  return notebookPath.slice(notebookPath.lastIndexOf('/') + 1);
}

/** `a/b.ipynb` → `b`. */
export function notebookBaseName(notebookPath: string): string {
  const file = notebookFileName(notebookPath);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/**
 * What can be checked without knowing the notebook (for the schema); `resolvePairedPath`
 * checks the same and more, with a reason for each refusal: relative, no `..`, no `//`,
 * no `\` or `:`, no control characters, a name before `.py`.
 */
export const PAIRED_FILE_NAME =
  '^(?!/)(?!.*\\.\\.)(?!.*//)[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\\\:]*[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\\\:/]\\.py$';
export const MAX_PAIRED_FILE_NAME = 255;

/**
 * The path of the paired file for a notebook, relative to the server root like
 * `notebookPath`, or why `pattern` cannot be used. Folders below the notebook's are allowed.
 * The notebook-independent checks come first.
 */
export function resolvePairedPath(
  notebookPath: string,
  pattern: string
): { path: string } | { why: PairedNameRefusal } {
  if (typeof pattern !== 'string' || pattern.length === 0) {
    return { why: { kind: 'empty' } };
  }
  if (pattern.length > MAX_PAIRED_FILE_NAME) {
    return { why: { kind: 'too-long', maxLength: MAX_PAIRED_FILE_NAME } };
  }
  if (CONTROL_CHARACTERS.test(pattern)) {
    return { why: { kind: 'control-characters' } };
  }
  if (
    pattern.startsWith('/') ||
    pattern.startsWith('\\') ||
    /^[A-Za-z]:/.test(pattern)
  ) {
    return { why: { kind: 'absolute' } };
  }
  if (pattern.includes('\\')) {
    return { why: { kind: 'backslash' } };
  }
  if (pattern.includes(':')) {
    return { why: { kind: 'colon' } };
  }
  if (pattern.split('/').includes('..')) {
    return { why: { kind: 'outside-folder' } };
  }
  if (pattern.includes('..')) {
    return { why: { kind: 'dot-dot' } };
  }
  if (!pattern.endsWith('.py')) {
    return { why: { kind: 'not-py' } };
  }
  const segments = pattern
    .split('{name}')
    .join(notebookBaseName(notebookPath))
    .split('/')
    .filter(segment => segment !== '.');
  if (segments.some(segment => segment === '')) {
    return { why: { kind: 'empty-folder' } };
  }
  if (segments.includes('..')) {
    return { why: { kind: 'outside-folder' } };
  }
  if (segments[segments.length - 1] === '.py') {
    return { why: { kind: 'no-file-name' } };
  }
  const notebook = notebookPath.replace(/^\/+/, '');
  const folder = notebook.includes('/')
    ? notebook.slice(0, notebook.lastIndexOf('/') + 1)
    : '';
  const path = folder + segments.join('/');
  // Case-insensitive file systems (macOS, Windows) would see the same file.
  if (path.toLowerCase() === notebook.toLowerCase()) {
    return { why: { kind: 'the-notebook' } };
  }
  return { path };
}
