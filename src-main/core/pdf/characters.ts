/**
 * PDF's character classes (ISO 32000-1 §7.2.2) and the escapes of literal strings (§7.3.4.2),
 * shared by the object parser and the content-stream lexer so both split bytes the same way.
 * Functions take -1 (the parser's end of input) and undefined (past the end of an array) too.
 */

const WHITESPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

/** NUL, tab, LF, FF, CR, space. */
export function isWhitespace(c: number | undefined): boolean {
  return c !== undefined && WHITESPACE[c] === 1;
}

/** A byte that belongs to a regular token (not whitespace, not a delimiter, not end of input). */
export function isRegular(c: number | undefined): boolean {
  return c !== undefined && c >= 0 && WHITESPACE[c] === 0 && DELIMITER[c] === 0;
}

/** The value of a hex digit, or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

const ESCAPES: Readonly<Record<number, number>> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

/** The byte `\n`, `\r`, `\t`, `\b` or `\f` stands for, given the letter; undefined for any other escape. */
export function escapedByte(letter: number): number | undefined {
  return ESCAPES[letter];
}
