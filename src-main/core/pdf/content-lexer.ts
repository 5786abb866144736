import { escapedByte, hexValue, isRegular, isWhitespace } from './characters.js';

/**
 * Tokens of a content stream (ISO 32000-1 §7.8.2): operands — numbers, names, strings, arrays,
 * dictionaries — followed by an operator. Only what the geometry of text and images needs is kept:
 * numbers as numbers, strings as bytes, names as text; dictionary operands are skipped. Inline image
 * data (BI … ID … EI) is stepped over. Never throws: malformed bytes end the stream. Bytes are
 * classed and strings unescaped as the object parser does (`characters.ts`).
 */

export type Operand = number | string | Uint8Array | Operand[] | null;

export interface Operation {
  readonly operator: string;
  readonly operands: readonly Operand[];
}

/** Iterate the operations of `data`; at most `maxOperations` (the caller's bound). */
export function* operations(data: Uint8Array, maxOperations: number): Generator<Operation> {
  let pos = 0;
  let operands: Operand[] = [];
  const stack: Operand[][] = [];
  let count = 0;
  const n = data.length;

  const skipSpace = () => {
    while (pos < n) {
      const c = data[pos];
      if (isWhitespace(c)) pos++;
      else if (c === 0x25) while (pos < n && data[pos] !== 0x0a && data[pos] !== 0x0d) pos++;
      else break;
    }
  };
  const put = (v: Operand) => (stack.length ? stack[stack.length - 1] : operands).push(v);

  while (pos < n && count < maxOperations) {
    skipSpace();
    if (pos >= n) break;
    const c = data[pos];
    if (c === 0x28) {
      put(literalString());
    } else if (c === 0x3c && data[pos + 1] === 0x3c) {
      skipDictionary();
      put(null);
    } else if (c === 0x3c) {
      put(hexString());
    } else if (c === 0x5b) {
      pos++;
      if (stack.length > 32) return;
      stack.push([]);
    } else if (c === 0x5d) {
      pos++;
      const arr = stack.pop();
      if (arr) put(arr);
    } else if (c === 0x2f) {
      pos++;
      const start = pos;
      while (pos < n && isRegular(data[pos])) pos++;
      put(Buffer.from(data.subarray(start, pos)).toString('latin1'));
    } else if (c === 0x7b || c === 0x7d || c === 0x29 || c === 0x3e) {
      pos++; // stray delimiter
    } else {
      const start = pos;
      while (pos < n && isRegular(data[pos])) pos++;
      const word = Buffer.from(data.subarray(start, pos)).toString('latin1');
      const num = Number(word);
      if (word !== '' && !Number.isNaN(num) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        put(num);
        continue;
      }
      if (word === 'true' || word === 'false' || word === 'null') {
        put(null);
        continue;
      }
      stack.length = 0;
      count++;
      if (word === 'BI') {
        skipInlineImage();
        yield { operator: 'BI', operands: [] };
      } else {
        yield { operator: word, operands };
      }
      operands = [];
    }
  }

  function literalString(): Uint8Array {
    pos++;
    const out: number[] = [];
    let depth = 1;
    while (pos < n) {
      const ch = data[pos++];
      if (ch === 0x5c) {
        const e = data[pos++];
        if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && data[pos] >= 0x30 && data[pos] <= 0x37; k++) v = v * 8 + (data[pos++] - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d || e === 0x0a) {
          if (e === 0x0d && data[pos] === 0x0a) pos++;
        } else out.push(escapedByte(e) ?? e);
      } else if (ch === 0x28) {
        depth++;
        out.push(ch);
      } else if (ch === 0x29) {
        if (--depth === 0) break;
        out.push(ch);
      } else out.push(ch);
    }
    return Uint8Array.from(out);
  }

  function hexString(): Uint8Array {
    pos++;
    const digits: number[] = [];
    while (pos < n && data[pos] !== 0x3e) {
      const ch = data[pos++];
      const v = hexValue(ch);
      if (v >= 0) digits.push(v);
    }
    pos++;
    if (digits.length % 2) digits.push(0);
    const out = new Uint8Array(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i] << 4) | digits[2 * i + 1];
    return out;
  }

  function skipDictionary(): void {
    let depth = 0;
    while (pos < n) {
      if (data[pos] === 0x3c && data[pos + 1] === 0x3c) {
        depth++;
        pos += 2;
      } else if (data[pos] === 0x3e && data[pos + 1] === 0x3e) {
        pos += 2;
        if (--depth === 0) return;
      } else if (data[pos] === 0x28) literalString();
      else pos++;
    }
  }

  /** From after BI to after EI: the image dictionary, ID, the data, then EI at a token boundary. */
  function skipInlineImage(): void {
    while (pos < n) {
      skipSpace();
      if (data[pos] === 0x49 && data[pos + 1] === 0x44 && !isRegular(data[pos + 2])) {
        pos += 3;
        break;
      }
      if (data[pos] === 0x28) literalString();
      else if (data[pos] === 0x3c && data[pos + 1] !== 0x3c) hexString();
      else pos++;
    }
    while (pos < n) {
      if (isWhitespace(data[pos]) && data[pos + 1] === 0x45 && data[pos + 2] === 0x49 && (pos + 3 >= n || isWhitespace(data[pos + 3]))) {
        pos += 3;
        return;
      }
      pos++;
    }
  }
}
