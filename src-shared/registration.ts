/**
 * Registration numbers of parties, checked the same way in the core and the UI.
 *
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, S, V, Z), the
 * last one a check character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Written like a unified social credit code (so its check character must hold)? */
export function looksLikeUscc(value: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value);
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidUscc(value: string): boolean {
  return looksLikeUscc(value) && usccCheckCharacter(value.slice(0, 17)) === value[17];
}
