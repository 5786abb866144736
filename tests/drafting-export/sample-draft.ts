import { NODE, type DraftNodeJSON, type PlainParty } from '../../src-shared/drafting/index.js';

/** A small service agreement in the editor's JSON, in Chinese or English, for export and redline tests. */
export const PARTIES: PlainParty[] = [
  { partyId: 'p1', role: '甲方', name: '北京墨石科技有限公司', organisation: '北京墨石科技有限公司', registrationNumber: '91110108MA01ABCD2X' },
  { partyId: 'p2', role: '乙方', name: '上海云帆信息技术有限公司', organisation: '上海云帆信息技术有限公司', registrationNumber: '' },
];

const t = (text: string, marks?: string[]): DraftNodeJSON => ({ type: 'text', text, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const p = (...content: DraftNodeJSON[]): DraftNodeJSON => ({ type: NODE.paragraph, content });
const article = (id: string, heading: string, ...content: DraftNodeJSON[]): DraftNodeJSON => ({
  type: NODE.article,
  attrs: { id },
  content: [{ type: NODE.articleHeading, content: heading ? [t(heading)] : [] }, ...content],
});
const clause = (id: string, ...content: DraftNodeJSON[]): DraftNodeJSON => ({ type: NODE.clause, attrs: { id }, content });

export const SERVICE_TEXT_EN = {
  title: 'Technical Services Agreement',
  recital: 'The Client wishes to engage the Supplier to provide technical services, and the Supplier agrees to provide them on the terms of this Agreement.',
  scope:
    'The Supplier shall provide software development, deployment and maintenance services in accordance with Schedule 1, with reasonable skill and care and in line with good industry practice.',
  fee: 'The total service fee under this Agreement is RMB 123,456.00 (one hundred and twenty-three thousand four hundred and fifty-six yuan), including VAT.',
  pay1: 'thirty per cent within fifteen business days after signature;',
  pay2: 'the balance within ten business days after the Client accepts the deliverables.',
  secret:
    'Each party shall keep confidential the trade secrets of the other party learned in performing this Agreement for five years from its effective date, see ',
  dispute:
    'Any dispute arising from this Agreement shall first be settled by negotiation; failing that, either party may bring proceedings before the competent court where the Client is located.',
};

export const SERVICE_TEXT = {
  recital: '甲方拟委托乙方提供技术服务，乙方同意接受委托。双方经友好协商，就技术服务事宜达成如下协议（以下简称“本协议”），以资共同遵守。',
  scope: '乙方应当按照附件一所列的要求，向甲方提供软件开发、部署及维护服务，并保证服务成果符合国家标准及行业规范。',
  fee: '本协议项下的技术服务费总额为人民币壹拾贰万叁仟肆佰伍拾陆元整（¥123,456.00），含增值税。',
  pay1: '甲方应于本协议签订之日起十五个工作日内支付总额的百分之三十；',
  pay2: '服务成果经甲方验收合格后十个工作日内支付剩余款项。',
  secret: '任何一方对在履行本协议过程中知悉的对方商业秘密负有保密义务，保密期限自本协议生效之日起五年，见第一条。',
  dispute: '因本协议引起的争议，双方应协商解决；协商不成的，任何一方均可向甲方所在地有管辖权的人民法院提起诉讼。',
};

/** The same agreement in English (headings, numbering and signature lines follow the language). */
export function serviceAgreementEn(): DraftNodeJSON {
  const e = SERVICE_TEXT_EN;
  return {
    type: NODE.doc,
    content: [
      { type: NODE.title, content: [t(e.title)] },
      { type: NODE.parties, content: PARTIES_EN.map((a) => ({ type: NODE.party, attrs: { ...a } })) },
      { type: NODE.recitals, content: [{ type: NODE.recital, content: [t(e.recital)] }] },
      {
        type: NODE.body,
        content: [
          article(
            'a1',
            'Services',
            p(t(e.scope.slice(0, e.scope.indexOf('reasonable'))), t('reasonable skill and care', ['em']), t(e.scope.slice(e.scope.indexOf(' and in line')))),
          ),
          article('a2', 'Fees and payment', p(t(e.fee)), clause('c1', p(t(e.pay1))), clause('c2', p(t(e.pay2)))),
          article('a3', 'Confidentiality', p(t(e.secret), { type: NODE.xref, attrs: { target: 'a1' } }, t('.'))),
          article('a4', 'Disputes', p(t(e.dispute))),
        ],
      },
      { type: NODE.signatures, content: PARTIES_EN.map((a) => ({ type: NODE.signatureBlock, attrs: { ...a } })) },
    ],
  };
}

export const PARTIES_EN: PlainParty[] = [
  { partyId: 'p1', role: 'Client', name: 'Inkstone Technology Ltd', organisation: 'Inkstone Technology Ltd', registrationNumber: '' },
  { partyId: 'p2', role: 'Supplier', name: 'Cloudsail IT Co., Ltd', organisation: 'Cloudsail IT Co., Ltd', registrationNumber: '' },
];

export function serviceAgreement(extraArticles = 0): DraftNodeJSON {
  const extra = Array.from({ length: extraArticles }, (_, i) =>
    article(`x${i}`, `补充条款${i + 1}`, p(t(SERVICE_TEXT.scope)), clause(`xc${i}`, p(t(SERVICE_TEXT.pay1))), p(t(SERVICE_TEXT.dispute))),
  );
  return {
    type: NODE.doc,
    content: [
      { type: NODE.title, content: [t('技术服务协议')] },
      { type: NODE.parties, content: PARTIES.map((a) => ({ type: NODE.party, attrs: { ...a } })) },
      { type: NODE.recitals, content: [{ type: NODE.recital, content: [t(SERVICE_TEXT.recital)] }] },
      {
        type: NODE.body,
        content: [
          article('a1', '服务内容', p(t(SERVICE_TEXT.scope.slice(0, 6)), t('附件一', ['strong']), t(SERVICE_TEXT.scope.slice(9)))),
          article('a2', '服务费用及支付', p(t(SERVICE_TEXT.fee)), clause('c1', p(t(SERVICE_TEXT.pay1))), clause('c2', p(t(SERVICE_TEXT.pay2)))),
          article('a3', '保密', p(t(SERVICE_TEXT.secret.slice(0, -4)), { type: NODE.xref, attrs: { target: 'a1' } }, t('。')), {
            type: NODE.table,
            content: [
              {
                type: NODE.tableRow,
                content: [
                  { type: NODE.tableHeader, content: [p(t('项目'))] },
                  { type: NODE.tableHeader, content: [p(t('金额（元）'))] },
                ],
              },
              {
                type: NODE.tableRow,
                content: [
                  { type: NODE.tableCell, content: [p(t('技术服务费'))] },
                  { type: NODE.tableCell, content: [p(t('123,456.00'))] },
                ],
              },
            ],
          }),
          article('a4', '争议解决', p(t(SERVICE_TEXT.dispute))),
          ...extra,
        ],
      },
      { type: NODE.signatures, content: PARTIES.map((a) => ({ type: NODE.signatureBlock, attrs: { ...a } })) },
    ],
  };
}
