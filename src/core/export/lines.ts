/**
 * A line scanner for cell sources that knows where Python strings, brackets and IPython
 * syntax are, without parsing. The export needs two things a parser over placeholders does
 * not give: which physical lines begin inside a string (indenting those would change the
 * string) and, per logical line, which IPython construct it is, to rewrite it.
 */
import { CONTROL, escapeChar } from './writer';

/** One IPython construct that occupies whole physical lines of a cell. */
export interface IIPythonLine {
  /** First and last physical line (0-based; more than one with backslash continuations). */
  first: number;
  last: number;
  indent: string;
  kind: 'magic' | 'shell' | 'help';
  /** Magic name without `%` (`pinfo`/`pinfo2` for help); empty for shell. */
  name: string;
  /** Magic arguments, shell command or help target, continuation lines joined. */
  args: string;
  /** `!!cmd`: the output is captured (`getoutput`) instead of streamed (`system`). */
  capture?: boolean;
  /** `x = !cmd`, `x, y = %magic`: the assignment target text. */
  target?: string;
}

/** A cell magic (`%%name args` on the first line) and the rest of the cell. */
export interface ICellMagic {
  name: string;
  args: string;
  body: string;
  /** Physical line of the `%%` line (after leading blank lines). */
  line: number;
}

export interface IScannedSource {
  lines: string[];
  /** Per physical line: it begins inside a string literal. */
  inString: boolean[];
  /** IPython constructs, in line order. Empty when the cell is a cell magic. */
  ipython: IIPythonLine[];
  cellMagic: ICellMagic | null;
}

/** Scans a cell source; never throws (unterminated strings end at the end of the source). */
export function scanSource(source: string): IScannedSource {
  const lines = source.split('\n');
  const inString = lines.map(() => false);
  const first = lines.findIndex(line => line.trim() !== '');
  if (first >= 0 && lines[first].trimStart().startsWith('%%')) {
    const match = /^\s*%%(\S*)\s?(.*)$/s.exec(lines[first])!;
    return {
      lines,
      inString,
      ipython: [],
      cellMagic: {
        name: match[1],
        args: match[2].trim(),
        body: lines.slice(first + 1).join('\n'),
        line: first
      }
    };
  }
  const ipython: IIPythonLine[] = [];
  const state: IState = { quote: null, depth: 0, continued: false };
  for (let i = 0; i < lines.length; i++) {
    inString[i] = state.quote !== null;
    const logicalStart =
      state.quote === null && !state.continued && state.depth === 0;
    const special = logicalStart ? Private.ipythonLine(lines, i) : null;
    if (special) {
      ipython.push(special);
      i = special.last;
      continue;
    }
    Private.scanLine(lines[i], state);
  }
  return { lines, inString, ipython, cellMagic: null };
}

/** Python's escaping for a single-quoted string literal of any text. */
export function pythonString(text: string): string {
  const body = text
    .replace(/[\\']/g, '\\$&')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(CONTROL, escapeChar);
  return `'${body}'`;
}

interface IState {
  /** The closing quote of the string we are in (`'`, `"`, `'''`, `"""`), or null. */
  quote: string | null;
  depth: number;
  /** The previous line ended with a backslash continuation. */
  continued: boolean;
}

namespace Private {
  /** Advances the state over one physical line of Python. */
  export function scanLine(line: string, state: IState): void {
    state.continued = false;
    let i = 0;
    while (i < line.length) {
      const char = line[i];
      if (state.quote !== null) {
        if (char === '\\') {
          if (i === line.length - 1) {
            // A backslash-newline inside a string continues it.
            return;
          }
          i += 2;
          continue;
        }
        if (line.startsWith(state.quote, i)) {
          i += state.quote.length;
          state.quote = null;
          continue;
        }
        i++;
        continue;
      }
      if (char === '#') {
        return;
      }
      if (char === '"' || char === "'") {
        const triple = line.startsWith(char.repeat(3), i);
        state.quote = triple ? char.repeat(3) : char;
        i += state.quote.length;
        continue;
      }
      if (char === '(' || char === '[' || char === '{') {
        state.depth++;
      } else if (char === ')' || char === ']' || char === '}') {
        state.depth = Math.max(0, state.depth - 1);
      } else if (char === '\\' && i === line.length - 1) {
        state.continued = true;
      }
      i++;
    }
    if (state.quote !== null && state.quote.length === 1) {
      // An unterminated one-line string ends with its line (a syntax error found later).
      state.quote = null;
    }
  }

  export const HELP =
    /^(\?{0,2})(%{0,2}[A-Za-z_*][\w*]*(?:\.[A-Za-z_*][\w*]*)*(?:\(\))?)(\?{0,2})$/;
  export const ASSIGN =
    /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=\s*([!%])(.*)$/s;

  /** The IPython construct starting at a logical line, or null for Python. */
  export function ipythonLine(lines: string[], i: number): IIPythonLine | null {
    const indent = /^\s*/.exec(lines[i])![0];
    const head = lines[i].slice(indent.length);
    if (
      !/^[%!?]/.test(head) &&
      !/[?]\s*$/.test(head) &&
      !/=\s*[!%]/.test(head)
    ) {
      return null;
    }
    // Escaped commands continue over lines ending with a backslash, as in IPython.
    let last = i;
    let text = head;
    while (text.endsWith('\\') && last + 1 < lines.length) {
      last++;
      text = text.slice(0, -1) + ' ' + lines[last].trim();
    }
    const line = { first: i, last, indent };
    if (text.startsWith('!')) {
      const capture = text.startsWith('!!');
      return {
        ...line,
        kind: 'shell',
        name: '',
        args: text.slice(capture ? 2 : 1).trim(),
        capture
      };
    }
    const help = HELP.exec(text.trim());
    if (help && (help[1] || help[3]) && !(help[1] && help[3])) {
      const marks = help[1] || help[3];
      return {
        ...line,
        kind: 'help',
        name: marks === '??' ? 'pinfo2' : 'pinfo',
        args: help[2]
      };
    }
    if (text.startsWith('%')) {
      return { ...line, kind: 'magic', ...magicCall(text) };
    }
    const assign = ASSIGN.exec(text);
    if (assign) {
      const rest = assign[3];
      if (assign[2] === '!') {
        return {
          ...line,
          kind: 'shell',
          name: '',
          args: rest.trim(),
          target: assign[1]
        };
      }
      return {
        ...line,
        kind: 'magic',
        ...magicCall('%' + rest),
        target: assign[1]
      };
    }
    return null;
  }

  /** `s`: arguments may hold U+2028 or U+2029, which `.` does not match. */
  export function magicCall(text: string): { name: string; args: string } {
    const match = /^%+([\w.-]*)\s?(.*)$/s.exec(text)!;
    return { name: match[1], args: match[2].trim() };
  }
}
