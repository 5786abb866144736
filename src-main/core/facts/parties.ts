import { isValidUscc } from '../../../src-shared/registration.js';

export interface PartyFact {
  role: string;
  name: string;
  registrationNumber: string;
  /** The line the party was read from, and where the name stands in it. */
  line: number;
  sentence: string;
  start: number;
  end: number;
}

/** Role labels Chinese contracts use; of two ("委托方（甲方）", "乙方（受托方）") the 甲乙丙丁 label is kept. */
const ROLES_ZH = [
  '甲方', '乙方', '丙方', '丁方', '出卖人', '买受人', '卖方', '买方', '出租人', '承租人', '出租方', '承租方', '贷款人', '借款人',
  '委托人', '受托人', '委托方', '受托方', '发包人', '承包人', '发包方', '承包方', '用人单位', '劳动者', '许可方', '被许可方',
  '转让方', '受让方', '供方', '需方', '供应商', '采购方', '服务方', '披露方', '接收方', '保证人', '担保人',
]; // prettier-ignore
const ROLE_ZH = `(${ROLES_ZH.join('|')})`;
const ROLES_EN = [
  'Party A', 'Party B', 'Party C', 'Supplier', 'Customer', 'Client', 'Service Provider', 'Provider', 'Contractor', 'Licensor', 'Licensee',
  'Employer', 'Employee', 'Buyer', 'Seller', 'Purchaser', 'Vendor', 'Lessor', 'Lessee', 'Landlord', 'Tenant', 'Lender', 'Borrower',
  'Disclosing Party', 'Receiving Party', 'Company', 'Consultant', 'Distributor', 'Guarantor',
]; // prettier-ignore
const ROLE_EN = `(${ROLES_EN.join('|')})`;

const LABEL_ZH = new RegExp(`^${ROLE_ZH}\\s*(?:[（(]\\s*([^）)]{1,12})\\s*[）)])?\\s*[：:]\\s*(.*)$`);
const LABEL_EN = new RegExp(`^${ROLE_EN}(?:\\s*\\(([^)]{1,30})\\))?\\s*:\\s*(.*)$`, 'i');
// "北京某某科技有限公司（以下简称“甲方”）"
const DEFINED_ZH = new RegExp(`([\\u4e00-\\u9fa5A-Za-z0-9（）()·&]{2,60}?)\\s*[（(]\\s*(?:以下|下文)?(?:简称|称)\\s*[“"「]?${ROLE_ZH}[”"」]?\\s*[）)]`, 'g');
// 'ACME Trading Limited, a company ... (the "Supplier")' or 'John Smith (the "Employee")'
const ORG_EN = String.raw`[A-Z][A-Za-z0-9&'.\- ]{1,80}?(?:Co\., ?Ltd\.?|Ltd\.?|Limited|Inc\.?|LLC|LLP|GmbH|Corporation|Corp\.?|PLC|plc|Pte\.? Ltd\.?|S\.A\.|B\.V\.|AG|Company)`;
const PERSON_EN = String.raw`(?:Mr\.? |Ms\.? |Mrs\.? |Dr\.? )?[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z]+){1,2}`;
const DEFINED_EN = new RegExp(`\\((?:the |hereinafter(?: referred to as)? |hereinafter called )?["“]${ROLE_EN}["”]\\)`, 'gi');
// Where a party's segment of the opening sentence starts: "between", "and", "by", "(2)", or a previous party.
const SEGMENT_START = /(?:\bbetween|\band|\bby|\bamong|\bwith|\(\d\)|\)|^)\s*[,;:]?\s*/gi;
const NAME_AT_START = new RegExp(`^(?:${ORG_EN}|${PERSON_EN})`);

const ORG_SUFFIX_ZH = /(?:公司|事务所|中心|大学|学院|医院|研究院|研究所|银行|集团|合伙企业|合伙）|工厂|厂|商行|店|协会|基金会|委员会|局|部)$/;
const PERSON_ZH = /^[\u4e00-\u9fa5]{2,4}$/;
// Things written after a role that are not a name: blanks to fill, seal/signature prompts, clause text.
const NOT_A_NAME =
  /^(?:[_＿\s.…]*|（?盖章）?|（?签字）?|（?签章）?|签字|盖章|签名|日期.*|法定代表人.*|授权代表.*)$|应|须|负责|承担|有权|同意|的义务|shall|will|agrees/i;
const FIELD_AFTER_NAME =
  /\s*(?:[，,](?!\s*(?:Ltd|Inc|LLC|Limited)\b)|[；;]|地址|住所|注册地址|统一社会信用代码|法定代表人|联系人|电话|身份证|邮编|（以下|\(以下|\s{2,}).*$/;
const USCC_LABEL = /(?:统一社会信用代码|社会信用代码|信用代码|Unified Social Credit Code|USCC)\s*[：:]?\s*([0-9A-Z]{18})/i;

function cleanName(raw: string): string {
  return raw
    .replace(FIELD_AFTER_NAME, '')
    .replace(/^[“"「]|[”"」]$/g, '')
    .replace(/[。.]$/, (m) => (/(?:Ltd|Inc|Co|Corp)\.$/.test(raw.replace(FIELD_AFTER_NAME, '')) ? m : ''))
    .trim();
}

function plausibleZh(name: string): boolean {
  return name.length >= 2 && name.length <= 60 && !NOT_A_NAME.test(name) && (ORG_SUFFIX_ZH.test(name) || PERSON_ZH.test(name) || /^[A-Z]/.test(name));
}
function plausibleEn(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 100 &&
    !NOT_A_NAME.test(name) &&
    /^[A-Z0-9]/.test(name) &&
    (new RegExp(`^(?:${ORG_EN}|${PERSON_EN})$`).test(name) || /[A-Z]{2}/.test(name))
  );
}

/** Normalise an English role to how a legal team labels it ("party a" → "Party A"). */
function roleEn(label: string): string {
  const known = ROLES_EN.find((r) => r.toLowerCase() === label.toLowerCase());
  return known ?? label;
}

/**
 * Parties: labelled lines ("甲方：…", "乙方（受托方）：…", "Supplier: …") and defined names in the
 * opening sentence ("…公司（以下简称“甲方”）", '… Limited (the "Supplier")'). The first reading of a
 * role wins — signature blocks repeat the labels with blanks or the same name. A 统一社会信用代码 is
 * attached when one with a valid check character follows within the party's own lines.
 */
export function findParties(lines: readonly string[]): PartyFact[] {
  const parties: PartyFact[] = [];
  const seen = new Set<string>();
  const add = (p: Omit<PartyFact, 'registrationNumber'>) => {
    if (seen.has(p.role) || parties.some((q) => q.name === p.name)) return;
    seen.add(p.role);
    parties.push({ ...p, registrationNumber: registrationAfter(lines, p.line, p.sentence.slice(p.end)) });
  };

  lines.forEach((line, i) => {
    const zh = LABEL_ZH.exec(line);
    if (zh) {
      const bracket = zh[2]?.trim() ?? '';
      const role = /^[甲乙丙丁]方$/.test(bracket) ? bracket : zh[1];
      const name = cleanName(zh[3]);
      if (plausibleZh(name)) add({ role, name, line: i, sentence: line, start: line.indexOf(name), end: line.indexOf(name) + name.length });
      return;
    }
    const en = LABEL_EN.exec(line);
    if (en) {
      const name = cleanName(en[3]);
      if (plausibleEn(name)) add({ role: roleEn(en[1]), name, line: i, sentence: line, start: line.indexOf(name), end: line.indexOf(name) + name.length });
      return;
    }
    for (const m of line.matchAll(DEFINED_ZH)) {
      const name = cleanName(m[1].replace(/^.*?(?:由|与|和|及|、|，|,|甲方|乙方)(?=[\u4e00-\u9fa5A-Z])/, ''));
      if (plausibleZh(name)) add({ role: m[2], name, line: i, sentence: line, start: line.indexOf(name), end: line.indexOf(name) + name.length });
    }
    for (const m of line.matchAll(DEFINED_EN)) {
      const found = nameBefore(line, m.index);
      if (found && plausibleEn(found.name))
        add({ role: roleEn(m[1]), name: found.name, line: i, sentence: line, start: found.start, end: found.start + found.name.length });
    }
  });
  return parties;
}

/** The name that opens the segment of `line` ending at `end` (the last "between"/"and"/"by" before it). */
function nameBefore(line: string, end: number): { name: string; start: number } | null {
  const segment = line.slice(0, end);
  let from = -1;
  for (const m of segment.matchAll(SEGMENT_START)) {
    const start = m.index + m[0].length;
    if (start < segment.length && NAME_AT_START.test(segment.slice(start))) from = start;
  }
  if (from < 0) return null;
  const name = NAME_AT_START.exec(segment.slice(from))![0].trim();
  return { name, start: from };
}

/** A valid 统一社会信用代码 on the party's line (after its name) or the next lines up to the next party. */
function registrationAfter(lines: readonly string[], from: number, restOfLine: string): string {
  const candidates = [restOfLine];
  for (let j = from + 1; j < Math.min(lines.length, from + 6); j++) {
    if (LABEL_ZH.test(lines[j]) || LABEL_EN.test(lines[j])) break;
    candidates.push(lines[j]);
  }
  for (const text of candidates) {
    const m = USCC_LABEL.exec(text);
    if (m && isValidUscc(m[1])) return m[1];
  }
  return '';
}
