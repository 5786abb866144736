/**
 * The fixed words a draft prints in its own language (not the app's): the signature block's lines,
 * the parties block's registration label, the recitals' lead-in. Export and the editor use the same.
 */
import { defineMessages, say, type Language } from '../i18n/index.js';

export const DRAFT_TEXT = defineMessages({
  seal: { 'zh-CN': '{role}（盖章）', en: '{role} (seal)' },
  signatory: { 'zh-CN': '法定代表人或授权代表（签字）', en: 'Legal representative or authorised signatory (signature)' },
  date: { 'zh-CN': '日期', en: 'Date' },
  registrationNumber: { 'zh-CN': '统一社会信用代码', en: 'Registration number' },
  recitals: { 'zh-CN': '鉴于：', en: 'Background' },
  untitled: { 'zh-CN': '合同', en: 'Agreement' },
  partySeparator: { 'zh-CN': '：', en: ': ' },
  pageBreak: { 'zh-CN': '分页', en: 'Page break' },
});

/** The three lines of a party's signature block: 甲方（盖章）, 法定代表人或授权代表（签字）, 日期. */
export interface SignatureLabels {
  seal: string;
  signatory: string;
  date: string;
}

export function signatureLabels(role: string, language: Language): SignatureLabels {
  return { seal: say(DRAFT_TEXT.seal, language, { role }), signatory: DRAFT_TEXT.signatory[language], date: DRAFT_TEXT.date[language] };
}
