/** Values and keys from untrusted metadata as they appear in a message. */

const MAX_SHOWN = 60;

/** A value as it appears in a message: JSON, shortened. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = 'a value that is not JSON';
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** A key as it appears in a message: control characters escaped, shortened. */
export function showKey(key: string): string {
  const text = JSON.stringify(key).slice(1, -1);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
