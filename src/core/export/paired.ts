/**
 * The paired file's path rules, and the notebook file names every export file name starts
 * from. The paired file is an export written on save: its name comes from settings (untrusted),
 * so each refusal has a reason a person can act on.
 */
import { show } from '../show';

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
 */
export function resolvePairedPath(
  notebookPath: string,
  pattern: string
): { path: string } | { error: string } {
  const resolved = pairedPath(notebookPath, pattern);
  return 'reason' in resolved
    ? {
        error: `The paired file name ${show(pattern)} ${resolved.reason}.`
      }
    : resolved;
}

/** The notebook-independent checks first, then the resolved path. */
export function pairedPath(
  notebookPath: string,
  pattern: string
): { path: string } | { reason: string } {
  if (typeof pattern !== 'string' || pattern.length === 0) {
    return { reason: 'must not be empty' };
  }
  if (pattern.length > MAX_PAIRED_FILE_NAME) {
    return {
      reason: `must be at most ${MAX_PAIRED_FILE_NAME} characters long`
    };
  }
  if (CONTROL_CHARACTERS.test(pattern)) {
    return { reason: 'must not contain control characters' };
  }
  if (
    pattern.startsWith('/') ||
    pattern.startsWith('\\') ||
    /^[A-Za-z]:/.test(pattern)
  ) {
    return {
      reason: "must be relative to the notebook's folder, not absolute"
    };
  }
  if (pattern.includes('\\')) {
    return { reason: 'must separate folders with `/`, not `\\`' };
  }
  if (pattern.includes(':')) {
    return { reason: 'must not contain `:`' };
  }
  if (pattern.split('/').includes('..')) {
    return { reason: "must stay inside the notebook's folder" };
  }
  if (pattern.includes('..')) {
    return { reason: 'must not contain `..`' };
  }
  if (!pattern.endsWith('.py')) {
    return { reason: 'must end in `.py`' };
  }
  const segments = pattern
    .split('{name}')
    .join(notebookBaseName(notebookPath))
    .split('/')
    .filter(segment => segment !== '.');
  if (segments.some(segment => segment === '')) {
    return { reason: 'must not contain empty folder names (`//`)' };
  }
  if (segments.includes('..')) {
    return { reason: "must stay inside the notebook's folder" };
  }
  if (segments[segments.length - 1] === '.py') {
    return { reason: 'must have a file name before `.py`' };
  }
  const notebook = notebookPath.replace(/^\/+/, '');
  const folder = notebook.includes('/')
    ? notebook.slice(0, notebook.lastIndexOf('/') + 1)
    : '';
  const path = folder + segments.join('/');
  // Case-insensitive file systems (macOS, Windows) would see the same file.
  if (path.toLowerCase() === notebook.toLowerCase()) {
    return { reason: 'must not name the notebook itself' };
  }
  return { path };
}
