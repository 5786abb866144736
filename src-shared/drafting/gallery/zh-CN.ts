/** The gallery in Chinese: 保密协议, 采购合同, 服务协议, 劳动合同 — written by us, free to use. */
import { buildTemplate, variable as v, type GalleryTemplate } from './build.js';

const party = (key: string, label: string, role: string) => v({ key, kind: 'party', label, role });
const forum = v({
  key: 'disputes',
  kind: 'choice',
  label: '争议解决方式',
  default: 'court',
  options: [
    { value: 'court', label: '法院诉讼', text: '任何一方均可向被告所在地有管辖权的人民法院提起诉讼' },
    {
      value: 'arbitration',
      label: '仲裁',
      text: '任何一方均可将争议提交中国国际经济贸易仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则进行仲裁，仲裁裁决是终局的',
    },
  ],
});
const disputes = {
  heading: '争议解决',
  sentences: ['本合同适用中华人民共和国法律。因本合同引起的或与本合同有关的任何争议，双方应友好协商解决；协商不成的，{disputes}。'],
};
const closing = { heading: '其他', sentences: ['本合同自双方签字或盖章之日起生效。', '本合同一式两份，双方各执一份，具有同等法律效力。'] };

const nda: GalleryTemplate = {
  name: 'nda',
  language: 'zh-CN',
  title: '保密协议',
  description: '双方在合作洽谈中相互披露信息时使用。',
  variables: [
    party('discloser', '披露方（甲方）名称', '甲方'),
    party('recipient', '接收方（乙方）名称', '乙方'),
    v({ key: 'purpose', kind: 'text', label: '合作目的', maxLength: 200 }),
    v({ key: 'effectiveDate', kind: 'date', label: '生效日期' }),
    v({ key: 'years', kind: 'number', label: '保密期限（年）', min: 1, max: 10, default: '3' }),
    v({ key: 'penalty', kind: 'money', label: '违约金' }),
    v({ key: 'nonSolicit', kind: 'yesno', label: '包含不招揽条款', required: false }),
    forum,
  ],
  recitals: ['{discloser}（以下简称“甲方”）与{recipient}（以下简称“乙方”）就{purpose}进行洽谈，为保护双方的保密信息，经友好协商，订立本协议。'],
  articles: [
    {
      heading: '保密信息',
      sentences: [
        '“保密信息”是指甲方以任何形式向乙方披露的、未公开的技术信息、经营信息及其他商业秘密。',
        '已为公众所知悉的、乙方在披露前已合法知悉的或乙方独立开发的信息，不属于保密信息。',
      ],
    },
    {
      heading: '保密义务',
      sentences: ['乙方仅得为合作目的使用保密信息，不得向任何第三方披露。', '乙方应以不低于保护自身保密信息的谨慎程度保护保密信息，且不得低于合理的谨慎程度。'],
    },
    { heading: '保密期限', sentences: ['本协议自{effectiveDate}起生效，保密义务自生效之日起持续{years}年。'] },
    { heading: '不招揽', condition: 'nonSolicit', sentences: ['在本协议有效期内，乙方不得直接或间接招揽甲方参与合作的员工。'] },
    { heading: '违约责任', sentences: ['乙方违反本协议的，应向甲方支付违约金{penalty}；违约金不足以弥补甲方损失的，乙方还应赔偿差额部分。'] },
    disputes,
    closing,
  ],
};

const purchase: GalleryTemplate = {
  name: 'purchase',
  language: 'zh-CN',
  title: '采购合同',
  description: '买方向卖方采购货物时使用。',
  variables: [
    party('buyer', '买方（甲方）名称', '甲方'),
    party('seller', '卖方（乙方）名称', '乙方'),
    v({ key: 'goods', kind: 'text', label: '货物名称及规格', maxLength: 300 }),
    v({ key: 'quantity', kind: 'number', label: '数量', min: 1 }),
    v({ key: 'price', kind: 'money', label: '合同总价（含税）' }),
    v({ key: 'deliveryDate', kind: 'date', label: '交货日期' }),
    v({ key: 'place', kind: 'text', label: '交货地点', maxLength: 200 }),
    v({ key: 'warrantyMonths', kind: 'number', label: '质保期（月）', min: 0, max: 120, default: '12' }),
    forum,
  ],
  recitals: ['甲方向乙方采购货物，双方根据《中华人民共和国民法典》，经协商一致，订立本合同。'],
  articles: [
    { heading: '货物', sentences: ['货物名称及规格：{goods}；数量：{quantity}。'] },
    { heading: '价款与支付', sentences: ['合同总价为{price}，已含增值税及运费。', '甲方应于验收合格且收到乙方开具的合法发票后三十日内支付全部价款。'] },
    { heading: '交货', sentences: ['乙方应于{deliveryDate}前将货物交付至{place}。', '货物毁损、灭失的风险自交付时起转移至甲方。'] },
    { heading: '验收与质保', sentences: ['甲方应于收货后七日内验收，发现质量问题的，应书面通知乙方。', '质保期为验收合格之日起{warrantyMonths}个月。'] },
    { heading: '违约责任', sentences: ['乙方逾期交货的，每逾期一日，应按合同总价的千分之一向甲方支付违约金。'] },
    disputes,
    closing,
  ],
};

const services: GalleryTemplate = {
  name: 'services',
  language: 'zh-CN',
  title: '服务协议',
  description: '委托方委托服务方提供专业服务时使用。',
  variables: [
    party('client', '委托方（甲方）名称', '甲方'),
    party('provider', '服务方（乙方）名称', '乙方'),
    v({ key: 'scope', kind: 'text', label: '服务内容', maxLength: 500 }),
    v({ key: 'startDate', kind: 'date', label: '服务开始日期' }),
    v({ key: 'endDate', kind: 'date', label: '服务结束日期' }),
    v({ key: 'fee', kind: 'money', label: '服务费（含税）' }),
    v({ key: 'ip', kind: 'yesno', label: '工作成果知识产权归甲方', required: false }),
    forum,
  ],
  recitals: ['甲方委托乙方提供专业服务，双方经协商一致，订立本协议。'],
  articles: [
    { heading: '服务内容', sentences: ['乙方应向甲方提供以下服务：{scope}。'] },
    { heading: '服务期限', sentences: ['服务期限自{startDate}起至{endDate}止。'] },
    { heading: '服务费', sentences: ['服务费总额为{fee}。', '甲方应于服务完成并经确认后十五个工作日内支付服务费。'] },
    { heading: '知识产权', condition: 'ip', sentences: ['乙方为履行本协议所形成的工作成果，其知识产权自形成之时起归甲方所有。'] },
    { heading: '保密', sentences: ['双方对履行本协议中知悉的对方商业秘密负有保密义务，本条在本协议终止后继续有效。'] },
    disputes,
    closing,
  ],
};

const employment: GalleryTemplate = {
  name: 'employment',
  language: 'zh-CN',
  title: '劳动合同',
  description: '用人单位与劳动者订立固定期限劳动合同时使用。',
  variables: [
    party('employer', '用人单位（甲方）名称', '甲方'),
    party('employee', '劳动者（乙方）姓名', '乙方'),
    v({ key: 'position', kind: 'text', label: '工作岗位', maxLength: 100 }),
    v({ key: 'place', kind: 'text', label: '工作地点', maxLength: 100 }),
    v({ key: 'startDate', kind: 'date', label: '合同开始日期' }),
    v({ key: 'endDate', kind: 'date', label: '合同结束日期' }),
    v({ key: 'probationMonths', kind: 'number', label: '试用期（月）', min: 0, max: 6, default: '3' }),
    v({ key: 'salary', kind: 'money', label: '月工资（税前）' }),
    v({ key: 'hours', kind: 'choice', label: '工时制度', default: 'standard', options: [
      { value: 'standard', label: '标准工时', text: '标准工时制度，每日工作八小时，每周工作四十小时' },
      { value: 'flexible', label: '不定时工作制', text: '经劳动行政部门批准的不定时工作制' },
    ] }), // prettier-ignore
  ],
  recitals: ['甲乙双方根据《中华人民共和国劳动合同法》，遵循合法、公平、平等自愿、协商一致、诚实信用的原则，订立本合同。'],
  articles: [
    { heading: '合同期限', sentences: ['本合同为固定期限劳动合同，自{startDate}起至{endDate}止，其中试用期{probationMonths}个月。'] },
    { heading: '工作内容和工作地点', sentences: ['乙方同意在{position}岗位工作，工作地点为{place}。'] },
    { heading: '工作时间和休息休假', sentences: ['甲方安排乙方执行{hours}。', '乙方依法享有法定节假日、年休假等假期。'] },
    { heading: '劳动报酬', sentences: ['乙方月工资为{salary}，甲方于每月十五日前以货币形式支付上月工资。'] },
    { heading: '社会保险', sentences: ['甲乙双方依法参加社会保险，按时足额缴纳社会保险费。'] },
    { heading: '合同的解除和终止', sentences: ['本合同的解除和终止按照《中华人民共和国劳动合同法》的规定执行。'] },
    { heading: '争议处理', sentences: ['因履行本合同发生的劳动争议，双方可以协商解决；协商不成的，可以向劳动争议仲裁委员会申请仲裁。'] },
    closing,
  ],
};

export const GALLERY_ZH = [nda, purchase, services, employment].map(buildTemplate);
