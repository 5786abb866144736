export { extractContractFacts } from './extract.js';
export { parseCapitalAmount, parseChineseInteger } from './chinese-numerals.js';
export { findDates, endOfTerm } from './dates.js';
