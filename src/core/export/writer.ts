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

/** The header line; the notebook name is untrusted, so it cannot break out of the comment. */
export function headerLine(notebookName: string, what: string): string {
  return `${EXPORT_HEADER_PREFIX}${oneLine(notebookName) || 'a notebook'} (${what})`;
}

/** Text on one line: control characters and line separators become spaces. */
export function oneLine(text: string): string {
  return [...text]
    .map(char => {
      const code = char.charCodeAt(0);
      return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029
        ? ' '
        : char;
    })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Markdown (or raw) text as comment lines, blank lines as `#`, as jupytext writes them. */
export function commentLines(text: string): string {
  return text
    .replace(/\s+$/, '')
    .split('\n')
    .map(line => (line.trim() === '' ? '#' : `# ${line}`.trimEnd()))
    .join('\n');
}

/** Collects percent-format cells. */
export class PercentWriter {
  constructor(header: string) {
    this._blocks.push(header);
  }

  code(text: string, comment?: string): void {
    const body = text.replace(/^\s*\n/, '').replace(/\s+$/, '');
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
