/**
 * A cell's source reduced to its tokens: comments, blank lines and the spacing between tokens
 * are dropped, and indentation becomes its depth. Two sources with the same token text run
 * alike, so an edit that changes only those (a comment, a blank line, `x=1` to `x = 1`) changes
 * no output. Strings are kept as written. A cell with IPython syntax (`%magic`, `!cmd`, `obj?`)
 * is kept as written: what its commands do with spaces and `#` is not Python's business.
 */

/** Sources kept; beyond that the cache starts over (a notebook has far fewer cells). */
const CACHE_LIMIT = 8192;

const cache = new Map<string, string>();

/** The token text of a cell's source (memoised: the analysis asks for it on every event). */
export function tokenText(source: string): string {
  let text = cache.get(source);
  if (text === undefined) {
    text = tokenize(source) ?? source;
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.set(source, text);
  }
  return text;
}

/** The token text, or null for a source with IPython syntax. */
function tokenize(source: string): string | null {
  const n = source.length;
  // Joined at the end: a string grown piece by piece is a rope that every later hash of it
  // (the analysis interns it) must first copy flat. No empty pieces: `out.length > 0` says
  // whether anything was written.
  const out: string[] = [];
  // Where the characters copied as they are start (-1: none pending): copied a run at a time.
  let from = -1;
  const flush = (to: number): void => {
    if (from >= 0) {
      out.push(source.slice(from, to));
      from = -1;
    }
  };
  // Open brackets: a line end inside them is spacing, not the end of a statement.
  let depth = 0;
  const indents = [0];
  let lineStart = true;
  let spaced = false;
  // The last character written on this logical line ('' at its start).
  let last = '';
  let i = 0;
  while (i < n) {
    if (lineStart) {
      flush(i);
      let column = 0;
      let j = i;
      for (; j < n; j++) {
        const c = source[j];
        if (c === ' ' || c === '\f') {
          column++;
        } else if (c === '\t') {
          column = column - (column % 8) + 8;
        } else {
          break;
        }
      }
      if (j === n || isLineEnd(source[j]) || source[j] === '#') {
        // A blank or comment-only line.
        i = lineEnd(source, j) + 1;
        continue;
      }
      while (column < indents[indents.length - 1]) {
        indents.pop();
      }
      if (column > indents[indents.length - 1]) {
        indents.push(column);
      }
      if (out.length > 0) {
        out.push('\n');
      }
      if (indents.length > 1) {
        out.push('\t'.repeat(indents.length - 1));
      }
      lineStart = false;
      last = '';
      spaced = false;
      i = j;
      continue;
    }
    const c = source[i];
    if (c === '#') {
      flush(i);
      i = lineEnd(source, i);
    } else if (isLineEnd(c)) {
      flush(i);
      i++;
      if (depth === 0) {
        lineStart = true;
      } else {
        spaced = true;
      }
    } else if (c === ' ' || c === '\t' || c === '\f') {
      flush(i);
      i++;
      spaced = true;
    } else if (c === '\\' && isLineEnd(source[i + 1] ?? '')) {
      // A line continued: spacing.
      flush(i);
      i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 3 : 2;
      spaced = true;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(source, i);
      if (from < 0) {
        from = i;
      }
      last = c;
      spaced = false;
      i = end;
    } else {
      if (isIPython(c, source[i + 1] ?? '', last)) {
        return null;
      }
      if (spaced && isWord(last) && isWord(c)) {
        out.push(' ');
      }
      if (c === '(' || c === '[' || c === '{') {
        depth++;
      } else if ((c === ')' || c === ']' || c === '}') && depth > 0) {
        depth--;
      }
      if (from < 0) {
        from = i;
      }
      spaced = false;
      i++;
      // The characters after it that this branch would copy as they are, in one step.
      while (i < n && isPlain(source.charCodeAt(i))) {
        i++;
      }
      last = source[i - 1];
    }
  }
  flush(n);
  return out.join('');
}

/**
 * Characters the last branch of `tokenize` copies with nothing else to do: none that another
 * branch takes, opens or closes a bracket, or may be IPython syntax.
 */
function isPlain(code: number): boolean {
  return code >= 128 || PLAIN[code] === 1;
}

const PLAIN = new Uint8Array(128).fill(1);
for (const c of '#\n\r \t\f\\"\'!?%([{)]}') {
  PLAIN[c.charCodeAt(0)] = 0;
}

function isLineEnd(c: string): boolean {
  return c === '\n' || c === '\r';
}

/** The index of the line end at or after `i` (n when none). */
function lineEnd(source: string, i: number): number {
  while (i < source.length && !isLineEnd(source[i])) {
    i++;
  }
  return i;
}

/**
 * Characters that a space between keeps apart: names, keywords, numbers, and `.` (`1 .real`
 * is not `1.real`).
 */
function isWord(c: string): boolean {
  return /[\w.]/.test(c) || c > '\x7f';
}

/** `!cmd`, `x = !cmd`, `obj?`, `%magic` where Python has no `%` operator. */
function isIPython(c: string, next: string, last: string): boolean {
  if (c === '!') {
    return next !== '=';
  }
  if (c === '?') {
    return true;
  }
  // After an operand, `%` is the operator (or string formatting).
  return c === '%' && !(isWord(last) || /[)\]}'"]/.test(last));
}

/** The index after the string that starts at `i` (its prefix letters are already written). */
function stringEnd(source: string, i: number): number {
  const quote = source[i];
  const quotes = quote.repeat(3);
  const triple = source.startsWith(quotes, i);
  let j = i + (triple ? 3 : 1);
  while (j < source.length) {
    const c = source[j];
    if (c === '\\') {
      j += 2;
    } else if (c === quote && (!triple || source.startsWith(quotes, j))) {
      return j + (triple ? 3 : 1);
    } else if (!triple && isLineEnd(c)) {
      // Unterminated: the line end is the parser's problem, not a part of the string.
      return j;
    } else {
      j++;
    }
  }
  return source.length;
}
