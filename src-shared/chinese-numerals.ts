/**
 * Chinese numerals as contracts write them, in both directions: reading capital amounts (大写) and
 * lower-case numbers in dates and terms (二〇二六年十二月一日, 两年), and writing an amount in
 * capitals beside its figures. Shared by the UI (live preview of a money variable) and the core
 * (PDF export; reading amounts back from contract text).
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 兩: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4,
  伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
}; // prettier-ignore
const SMALL_UNITS: Readonly<Record<string, number>> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, bigint>> = { 万: 10_000n, 萬: 10_000n, 亿: 100_000_000n, 億: 100_000_000n };

/** An integer written with Chinese digits and units (壹佰零伍, 十八, 一千零一), or null. */
export function parseChineseInteger(text: string): bigint | null {
  if (!text) return null;
  // Digit by digit without units (二〇二六) is a year or a code, read positionally.
  if ([...text].every((c) => c in DIGIT_VALUES)) return BigInt([...text].map((c) => DIGIT_VALUES[c]).join(''));
  let total = 0n;
  let section = 0n; // below the current 万/亿
  let digit: number | null = null;
  for (const c of text) {
    if (c in DIGIT_VALUES) {
      digit = DIGIT_VALUES[c];
    } else if (c in SMALL_UNITS) {
      section += BigInt((digit ?? 1) * SMALL_UNITS[c]); // 十八: a bare 十 means one ten
      digit = null;
    } else if (c in BIG_UNITS) {
      section += BigInt(digit ?? 0);
      // 亿 after 万 (一万亿) multiplies everything so far; otherwise only the open section.
      if (BIG_UNITS[c] > 10_000n && total > 0n && total < BIG_UNITS[c]) {
        total = (total + section) * BIG_UNITS[c];
      } else {
        total += section * BIG_UNITS[c];
      }
      section = 0n;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + BigInt(digit ?? 0);
}

/**
 * A capital amount (大写) to a decimal string: 壹万贰仟叁佰肆拾伍元陆角整 → "12345.60".
 * Accepts 元 or 圆, 角, 分, and a trailing 整/正; returns null for anything else.
 */
export function parseCapitalAmount(text: string): string | null {
  const m =
    /^(?:人民币)?([零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]*?)(?:[元圆圓])?(?:([零壹贰貳叁參肆伍陆陸柒捌玖])角)?(?:零?([壹贰貳叁參肆伍陆陸柒捌玖])分)?[整正]?$/.exec(
      text.trim(),
    );
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  const integer = m[1].replace(/零$/, '');
  const yuan = integer ? parseChineseInteger(integer) : 0n;
  if (yuan === null) return null;
  const jiao = m[2] ? DIGIT_VALUES[m[2]] : 0;
  const fen = m[3] ? DIGIT_VALUES[m[3]] : 0;
  return `${yuan}.${jiao}${fen}`;
}

/** Characters a capital amount is written with (for finding one in a sentence). */
export const CAPITAL_AMOUNT_CHARS = '零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億元圆圓角分整正';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];
/** The largest amount written: below one 万亿 (10^16) yuan, two decimal places. */
const AMOUNT = /^(\d{1,16})(?:\.(\d{1,2}))?$/;

/**
 * An amount in capitals: 12345.6 → 壹万贰仟叁佰肆拾伍元陆角整. `amount` is a non-negative decimal
 * string with at most two decimals; anything else is refused (null). Rules (GB/T and the banks' 票据 practice): a run of zeros inside the integer reads as one 零;
 * zeros at the end of a four-digit group are silent, but a group that starts with a zero after a
 * non-zero group reads 零 (壹万零伍拾元); 万 and 亿 are written when their group is non-zero; an
 * amount without 分 ends in 整 (with or without 角); 0 元 with cents writes only the cents
 * (伍分); an amount with 分 but no 角 writes 零 before the 分 when there are yuan (壹元零伍分).
 */
export function toCapitalAmount(amount: string): string | null {
  const m = AMOUNT.exec(amount.trim().replace(/,/g, ''));
  if (!m) return null;
  const integer = m[1].replace(/^0+(?=\d)/, '');
  const [jiao, fen] = [Number((m[2] ?? '')[0] ?? 0), Number((m[2] ?? '')[1] ?? 0)];
  let yuan = '';
  if (integer !== '0') {
    const groups: string[] = [];
    for (let end = integer.length; end > 0; end -= 4) groups.unshift(integer.slice(Math.max(0, end - 4), end));
    let pendingZero = false;
    groups.forEach((group, gi) => {
      const digits = group.padStart(4, '0');
      let written = '';
      for (let i = 0; i < 4; i++) {
        const d = Number(digits[i]);
        if (d === 0) {
          pendingZero = yuan.length + written.length > 0;
          continue;
        }
        if (pendingZero) written += '零';
        pendingZero = false;
        written += DIGITS[d] + UNITS[3 - i];
      }
      if (written) yuan += written + GROUPS[groups.length - 1 - gi];
    });
    yuan += '元';
  }
  if (!jiao && !fen) return (yuan || '零元') + '整';
  let cents = '';
  if (jiao) cents += DIGITS[jiao] + '角';
  if (fen) cents += (yuan && !jiao ? '零' : '') + DIGITS[fen] + '分';
  return yuan + cents + (fen ? '' : '整');
}

const COUNT_DIGITS = '零一二三四五六七八九';
const COUNT_UNITS = ['', '十', '百', '千'];

/**
 * A positive integer in lower-case Chinese numerals as article numbers and counts are written:
 * 1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 101 → 一百零一, 110 → 一百一十, 10 010 → 一万零一十.
 * A leading 一十 is written 十 (第十五条), zeros inside a number read as one 零. Refuses (null)
 * anything but an integer from 1 to 99 999 999.
 */
export function toChineseCount(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 99_999_999) return null;
  const group = (g: number, leadingZero: boolean) => {
    let out = '';
    let zero = leadingZero;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(g / 10 ** i) % 10;
      if (d === 0) {
        zero = zero || out.length > 0;
        continue;
      }
      if (zero && out.length + (leadingZero ? 1 : 0) > 0) out += '零';
      zero = false;
      out += COUNT_DIGITS[d] + COUNT_UNITS[i];
    }
    return out;
  };
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  let text = high ? group(high, false) + '万' : '';
  if (low) text += group(low, high > 0 && low < 1000);
  // 一十五 is written 十五 only when the 十 leads the whole number.
  return text.startsWith('一十') ? text.slice(1) : text;
}
