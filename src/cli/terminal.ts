/**
 * What reaches a terminal: text from a notebook (cell ids, names, languages, file names, quoted
 * JSON) is untrusted, and a terminal obeys escape sequences. Every line the CLI prints, except
 * the exported script itself, goes through here.
 */

/** Characters that `JSON.stringify` leaves as they are in strings: DEL, C1, separators, bidi. */
const BEYOND_C0 =
  '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
/**
 * C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional marks,
 * embeddings, overrides and isolates, which can reorder what a reader sees (U+202E).
 */
const UNSAFE = new RegExp(`[\\u0000-\\u001f${BEYOND_C0}]`, 'g');
const UNSAFE_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');

const NAMED: Readonly<Record<string, string>> = {
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r'
};

/** `text` with every unsafe character written as an escape (`\x1b`, `\r`, `\u202e`). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, char => NAMED[char] ?? codeEscape(char));
}

/**
 * JSON text with the unsafe characters that `JSON.stringify` leaves as they are as `\u`
 * escapes: the same JSON value, safe on a terminal.
 */
export function terminalJSON(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

/** More items than this in a list of quoted names are cut, with a count of the rest. */
export const MAX_LISTED = 20;
/** A longer message is cut, with a count of what was left out. */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * One line of a message for a terminal: escaped, lists of `names` cut after `MAX_LISTED`
 * with "and N more", and at most `MAX_MESSAGE_LENGTH` characters.
 */
export function terminalLine(text: string): string {
  const escaped = escapeControls(text).replace(LIST, list => {
    const items = list.match(ITEM) ?? [];
    return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
  });
  if (escaped.length <= MAX_MESSAGE_LENGTH) {
    return escaped;
  }
  const cut = escaped.length - MAX_MESSAGE_LENGTH;
  return `${escaped.slice(0, MAX_MESSAGE_LENGTH)}... (${cut} more characters)`;
}

/** A quoted name as the core words lists: `` `name` ``. */
const ITEM = /`[^`]*`/g;
/** More than `MAX_LISTED` quoted names separated by commas (and a last "and"). */
const LIST = new RegExp(
  `\`[^\`]*\`(?:(?:, |,? and )\`[^\`]*\`){${MAX_LISTED},}`,
  'g'
);

function codeEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A line for stderr: `nbfresh: error: ...`, escaped and cut like every other line. */
export function diagnostic(
  level: 'error' | 'warning' | 'note' | 'internal error',
  text: string
): string {
  return `nbfresh: ${level}: ${terminalLine(text)}\n`;
}
