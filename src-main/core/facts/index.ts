export { extractContractFacts } from './extract.js';
export { parseCapitalAmount, parseChineseInteger, toCapitalAmount } from '../../../src-shared/chinese-numerals.js';
export { findDates, endOfTerm } from './dates.js';
