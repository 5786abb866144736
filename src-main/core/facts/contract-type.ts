import type { Message } from '../../../src-shared/i18n/index.js';

/**
 * The kind of contract, from its title: the first lines that name an agreement. Each type has the
 * name a legal team files it under in each language; the document's own language decides which.
 */
const TYPES: readonly { name: Message; re: RegExp }[] = [
  { name: { 'zh-CN': '保密协议', en: 'Non-disclosure agreement' }, re: /保密协议|保密合同|non-?disclosure|confidentiality agreement|\bNDA\b/i },
  { name: { 'zh-CN': '劳动合同', en: 'Employment contract' }, re: /劳动合同|聘用合同|employment (?:agreement|contract)/i },
  { name: { 'zh-CN': '采购合同', en: 'Purchase agreement' }, re: /采购合同|采购协议|purchase (?:agreement|contract|order)|procurement/i },
  { name: { 'zh-CN': '买卖合同', en: 'Sale contract' }, re: /买卖合同|销售合同|购销合同|sale(?:s)? (?:agreement|contract)|sale and purchase/i },
  { name: { 'zh-CN': '技术开发合同', en: 'Development agreement' }, re: /技术开发|软件开发|development agreement/i },
  { name: { 'zh-CN': '软件许可协议', en: 'Licence agreement' }, re: /许可协议|许可合同|授权协议|licen[cs]e agreement/i },
  {
    name: { 'zh-CN': '服务协议', en: 'Services agreement' },
    re: /服务协议|服务合同|委托服务|技术服务|咨询合同|(?:master )?services? agreement|consulting agreement/i,
  },
  { name: { 'zh-CN': '租赁合同', en: 'Lease' }, re: /租赁合同|租赁协议|\blease\b|tenancy agreement/i },
  { name: { 'zh-CN': '借款合同', en: 'Loan agreement' }, re: /借款合同|贷款合同|借款协议|loan agreement|facility agreement/i },
  { name: { 'zh-CN': '委托合同', en: 'Agency agreement' }, re: /委托合同|代理协议|代理合同|agency agreement/i },
  { name: { 'zh-CN': '建设工程施工合同', en: 'Construction contract' }, re: /施工合同|建设工程|construction contract/i },
  { name: { 'zh-CN': '股权转让协议', en: 'Share transfer agreement' }, re: /股权转让|share (?:purchase|transfer) agreement/i },
  { name: { 'zh-CN': '合作协议', en: 'Cooperation agreement' }, re: /合作协议|合作合同|cooperation agreement|joint venture/i },
  { name: { 'zh-CN': '框架协议', en: 'Framework agreement' }, re: /框架协议|framework agreement/i },
];
const TITLE = /合同|协议|agreement|contract|\blease\b/i;

export function findContractType(lines: readonly string[], title: string | null): { type: string; line: string; start: number; end: number } | null {
  const candidates = [...(title ? [title] : []), ...lines.slice(0, 8).filter((l) => TITLE.test(l) && l.length <= 60)];
  for (const line of candidates) {
    for (const t of TYPES) {
      const m = t.re.exec(line);
      if (m) {
        const chinese = /[\u4e00-\u9fa5]/.test(line);
        return { type: t.name[chinese ? 'zh-CN' : 'en'], line, start: m.index, end: m.index + m[0].length };
      }
    }
  }
  return null;
}
