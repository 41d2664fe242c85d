/**
 * Percent-format text (`# %%` cell markers, as jupytext, VS Code, PyCharm and Spyder read it)
 * and the header line that marks a file as written by this extension.
 */

/** The first line of every export; lets the UI and the CLI recognise files they wrote. */
export const EXPORT_HEADER_PREFIX = '# Exported by jupyterlab-fresh from ';

/** Whether a file's text was written by an export (its first line is the header). */
export function isFreshExport(text: string): boolean {
  const first = text.replace(/^\ufeff/, '').split('\n', 1)[0];
  return first.startsWith(EXPORT_HEADER_PREFIX);
}

/**
 * The header line; the notebook name is untrusted, so it cannot break out of the comment nor
 * read as the encoding declaration Python looks for on the first two lines (PEP 263).
 */
export function headerLine(notebookName: string, what: string): string {
  const name = oneLine(notebookName).replace(/(coding)([:=])/gi, '$1 $2');
  return `${EXPORT_HEADER_PREFIX}${name || 'a notebook'} (${what})`;
}

/**
 * Where Python ends a line: `\n`, `\r\n` and a lone `\r` (checked with `ast.parse`, see the
 * table in __tests__/escape.spec.ts).
 */
export const LINE_END = /\r\n?|\n/;

/**
 * Characters written as escapes: controls other than tab (NUL makes a file fail to compile)
 * and U+2028/U+2029. Python does not end a comment at `\f`, `\v`, `\x1c`-`\x1e`, U+0085 or
 * U+2028/U+2029, but `str.splitlines` does, which IPython and jupytext use on a file.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * The one rule for notebook text (markdown, commented-out code, ids, names) written into a
 * comment or a string of an export: its lines as Python splits them, other control and
 * separator characters as visible escapes (`\x0b`, `\u2028`). No text can end a comment.
 */
export function safeLines(text: string): string[] {
  return text.split(LINE_END).map(line => line.replace(CONTROL, escapeChar));
}

/** A character as a Python escape sequence: `\x0b`, `\u2028`. */
export function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text on one line (`safeLines` joined by spaces), runs of spaces and tabs as one space. */
export function oneLine(text: string): string {
  return safeLines(text)
    .join(' ')
    .replace(/[ \t]{2,}|\t/g, ' ')
    .trim();
}

/** Markdown (or raw) text as comment lines, blank lines as `#`, as jupytext writes them. */
export function commentLines(text: string): string {
  return safeLines(text.trimEnd())
    .map(line => (line.trim() === '' ? '#' : `# ${line}`.trimEnd()))
    .join('\n');
}

/**
 * Notebook text (markdown) as a docstring that holds the same text: a backslash written as
 * `\\`, a quote that could end the string (`"` before another or at the end) as `\"`, lines
 * and control characters as `safeLines` writes them. A markdown heading on the first line
 * becomes the summary line. `indent` starts every line after the first (the function body's
 * indentation, which `inspect.cleandoc` removes); the closing quotes get a line of their own.
 */
export function docstring(text: string, indent = ''): string {
  const lines = safeLines(
    text
      .replace(/^(?:[ \t]*(?:\r\n?|\n))+/, '')
      .replace(HEADING_LINE, '$1')
      .trimEnd()
      .replace(/\\/g, '\\\\')
      .replace(/"(?="|$)/g, '\\"')
  ).map(line => line.replace(/[ \t]+$/, ''));
  if (lines.length === 1) {
    return `"""${lines[0]}"""`;
  }
  const rest = lines.slice(1).map(line => (line ? `${indent}${line}` : ''));
  return [`"""${lines[0]}`, ...rest, `${indent}"""`].join('\n');
}

/** A markdown ATX heading as the first line (`## Load data ##`): its text is group 1. */
const HEADING_LINE = /^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?=\r|\n|$)/;

/** Collects percent-format cells. */
export class PercentWriter {
  constructor(header: string) {
    this._blocks.push(header);
  }

  code(text: string, comment?: string): void {
    const body = text.replace(/^\s*\n/, '').trimEnd();
    const lines = ['# %%'];
    if (comment) {
      lines.push(commentLines(comment));
    }
    if (body) {
      lines.push(body);
    }
    this._blocks.push(lines.join('\n'));
  }

  markdown(text: string, type: 'markdown' | 'raw' = 'markdown'): void {
    const body = commentLines(text);
    this._blocks.push(body ? `# %% [${type}]\n${body}` : `# %% [${type}]`);
  }

  toString(): string {
    return this._blocks.join('\n\n') + '\n';
  }

  private _blocks: string[] = [];
}
