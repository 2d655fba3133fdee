// Strict UTF-8 decoding of source files: a file that is not well-formed UTF-8 is refused with the
// offset of its first bad byte, never decoded with replacement characters (whose digest would
// then attest text that is not the file).

const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly badByte: number };

/** The text of well-formed UTF-8 bytes (a byte-order mark is kept, so the text re-encodes to the
 * same bytes), or the 0-based offset of the first byte that starts no well-formed sequence. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: STRICT.decode(bytes) };
  } catch {
    return { ok: false, badByte: firstInvalidByte(bytes) };
  }
}

/** Scans by the Unicode well-formed byte sequence table (no overlongs, surrogates or > U+10FFFF). */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (x === undefined || x < min || x > max) return i;
    }
    i += need + 1;
  }
  return b.length;
}
