/**
 * The hash of a cell's source, as stored in notebook metadata
 * (`fresh.cells[cellId].executedHash`) and compared by `nbfresh check`.
 *
 * FNV-1a, 64-bit, over the UTF-8 bytes of the exact source text (no normalisation of line
 * endings or whitespace), written as 16 lower-case hex digits. Line ends stay as saved
 * (`a\r\nb` and `a\nb` differ) although the analysis reads them alike: normalising now would
 * change the hash of every stored CRLF source, and a cell whose line ends changed is shown as
 * edited, which costs one re-run. FNV-1a is tiny, fast, has no
 * dependency, and is easy to reproduce in any language, which matters because the value is
 * stored in files other tools read. In Python:
 *
 *     h = 0xcbf29ce484222325
 *     for b in source.encode('utf-8'):
 *         h = ((h ^ b) * 0x100000001b3) % 2**64
 *     f'{h:016x}'
 *
 * Not cryptographic: it tells whether a cell was edited, not whether metadata was forged.
 */

/** `hashSource('')` is `cbf29ce484222325`; `hashSource('a')` is `af63dc4c8601ec8c`. */
export function hashSource(text: string): string {
  // Four 16-bit limbs, least significant first: 64-bit arithmetic without BigInt (fast).
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const step = (byte: number): void => {
    h0 ^= byte;
    // Multiply by the FNV prime 2^40 + 0x1b3, modulo 2^64.
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  };
  forEachUtf8Byte(text, step);
  return [h3, h2, h1, h0]
    .map(limb => limb.toString(16).padStart(4, '0'))
    .join('');
}

/** Whether a value has the shape of a `hashSource` result (for untrusted metadata). */
export function isSourceHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);
}

/** UTF-8 encoding without TextEncoder (not in every lib this compiles against). */
function forEachUtf8Byte(text: string, emit: (byte: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate (not valid text, cannot come from a saved file): U+FFFD, as TextEncoder.
      code = 0xfffd;
    }
    if (code < 0x80) {
      emit(code);
    } else if (code < 0x800) {
      emit(0xc0 | (code >> 6));
      emit(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      emit(0xe0 | (code >> 12));
      emit(0x80 | ((code >> 6) & 0x3f));
      emit(0x80 | (code & 0x3f));
    } else {
      emit(0xf0 | (code >> 18));
      emit(0x80 | ((code >> 12) & 0x3f));
      emit(0x80 | ((code >> 6) & 0x3f));
      emit(0x80 | (code & 0x3f));
    }
  }
}
