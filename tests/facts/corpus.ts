/**
 * A set of varied contracts with the facts a lawyer would file for each, to measure the extractor's
 * precision and recall. Ten Chinese and eight English layouts (labelled party blocks, defined names
 * in the opening sentence, tables of terms, signature blocks), each filled from a seeded random
 * choice of names, amounts (figures, 万元, 大写), date styles and terms, plus distractors that must
 * not be read as facts: penalties, deposits, payment dates, notice periods, clause numbers.
 */

export interface Truth {
  parties: { role: string; name: string; registrationNumber?: string }[];
  value: { amount: string; currency: string } | null;
  effectiveDate: string | null;
  expiryDate: string | null;
  contractType: string | null;
}
export interface Sample {
  id: string;
  text: string;
  truth: Truth;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ZH_ORGS = [
  '北京星河数据科技有限公司', '上海明德律师事务所', '深圳市前海云链信息技术有限公司', '杭州西溪智能制造股份有限公司',
  '广州南沙港务集团有限公司', '成都天府软件园管理中心', '苏州工业园区恒信会计师事务所（特殊普通合伙）', '南京紫金山医疗器械有限公司',
  '武汉光谷生物技术研究院', '重庆两江新区建设投资集团有限公司', '天津滨海新能源有限公司', '西安曲江文化传媒有限公司',
]; // prettier-ignore
const ZH_PEOPLE = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄晓明'];
const EN_ORGS = [
  'Acme Trading Limited', 'Northwind Analytics Inc.', 'Blue Harbour Logistics LLC', 'Kestrel Software GmbH', 'Greenfield Capital Partners LLP',
  'Orion Medical Devices Corporation', 'Silverline Consulting Pte. Ltd.', 'Redwood Foods PLC', 'Shanghai Lumen Technology Co., Ltd.',
]; // prettier-ignore
const EN_PEOPLE = ['John Smith', 'Emily Carter', 'Daniel Wong', 'Sarah Johnson', 'Michael Brown'];
// Valid 统一社会信用代码 (check characters computed by GB 32100).
const USCC = ['91110108MA01C5RJ3P', '91310000MA1FL4B24G', '91440300MA5EXAMPLA', '91330100MA27XY812Q', '91510100MA61ABCD0P'];

const CAP_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const CAP_UNITS = ['', '拾', '佰', '仟'];
/** A generator-side capital writer (kept independent of the parser it tests): integer yuan + 角分. */
function capitals(amount: string): string {
  const [w, f = ''] = amount.split('.');
  const groups: string[] = [];
  let n = w;
  while (n.length) {
    groups.unshift(n.slice(-4));
    n = n.slice(0, -4);
  }
  let out = '';
  let zero = false;
  groups.forEach((g, gi) => {
    const big = ['', '万', '亿'][groups.length - 1 - gi];
    let part = '';
    const digits = g.padStart(4, '0');
    for (let i = 0; i < 4; i++) {
      const d = Number(digits[i]);
      if (d === 0) {
        zero = out.length + part.length > 0;
      } else {
        if (zero) part += '零';
        zero = false;
        part += CAP_DIGITS[d] + CAP_UNITS[3 - i];
      }
    }
    if (part) out += part + big;
  });
  out = (out || '零') + '元';
  const jiao = Number(f[0] ?? 0);
  const fen = Number(f[1] ?? 0);
  if (!jiao && !fen) return out + '整';
  if (jiao) out += CAP_DIGITS[jiao] + '角';
  if (fen) out += (jiao ? '' : '零') + CAP_DIGITS[fen] + '分';
  return out;
}
function grouped(amount: string): string {
  const [w, f] = amount.split('.');
  return w.replace(/\B(?=(\d{3})+$)/g, ',') + (f ? '.' + f : '');
}
function norm(amount: string): string {
  const [w, f = ''] = amount.split('.');
  const frac = f.replace(/0+$/, '');
  return frac ? `${w}.${frac}` : w;
}

const pad = (n: number) => String(n).padStart(2, '0');
function isoOf(d: Date) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function zhDate(iso: string, style: number) {
  const [y, m, d] = iso.split('-').map(Number);
  if (style === 1) return `${y}-${pad(m)}-${pad(d)}`;
  if (style === 2) return `${y}/${pad(m)}/${pad(d)}`;
  if (style === 3) {
    const cn = (s: string) => [...s].map((c) => '〇一二三四五六七八九'[Number(c)]).join('');
    const small = (n: number) =>
      n < 10
        ? '〇一二三四五六七八九'[n]
        : n === 10
          ? '十'
          : n < 20
            ? '十' + '〇一二三四五六七八九'[n - 10]
            : '〇一二三四五六七八九'[Math.floor(n / 10)] + '十' + (n % 10 ? '〇一二三四五六七八九'[n % 10] : '');
    return `${cn(String(y))}年${small(m)}月${small(d)}日`;
  }
  return `${y}年${m}月${d}日`;
}
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function enDate(iso: string, style: number) {
  const [y, m, d] = iso.split('-').map(Number);
  if (style === 1) return `${EN_MONTHS[m - 1]} ${d}, ${y}`;
  if (style === 2) return `${y}-${pad(m)}-${pad(d)}`;
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}
function endOfTermIso(start: string, years: number, months = 0) {
  const [y, m, d] = start.split('-').map(Number);
  const e = new Date(Date.UTC(y + years, m - 1 + months, d));
  e.setUTCDate(e.getUTCDate() - 1);
  return isoOf(e);
}

interface Draw {
  pick<T>(xs: readonly T[]): T;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
}

function draw(seed: number): Draw {
  const r = rng(seed);
  return {
    pick: (xs) => xs[Math.floor(r() * xs.length)],
    int: (lo, hi) => lo + Math.floor(r() * (hi - lo + 1)),
    chance: (p) => r() < p,
  };
}

function startDate(d: Draw) {
  return isoOf(new Date(Date.UTC(d.int(2024, 2027), d.int(0, 11), d.int(1, 28))));
}
function amountOf(d: Draw) {
  const yuan = d.pick([8000, 12345, 50000, 98000, 120000, 360000, 1000000, 2500000, 10060]) + d.pick([0, 0, 0, 0.5, 0.56]);
  return yuan.toFixed(2);
}

type Layout = (d: Draw) => Sample['truth'] & { text: string };

const ZH_TYPES: readonly [string, string][] = [
  ['保密协议', '保密协议'],
  ['技术服务合同', '服务协议'],
  ['软件开发合同', '技术开发合同'],
  ['设备采购合同', '采购合同'],
  ['房屋租赁合同', '租赁合同'],
  ['咨询服务协议', '服务协议'],
];

const zhLayouts: Layout[] = [
  // 1. Labelled party blocks with USCC, term with range, total with figures and capitals.
  (d) => {
    const [title, type] = d.pick(ZH_TYPES);
    const a = d.pick(ZH_ORGS);
    const b = d.pick(ZH_ORGS.filter((o) => o !== a));
    const usccA = d.pick(USCC);
    const start = startDate(d);
    const end = endOfTermIso(start, d.int(1, 3));
    const amt = amountOf(d);
    const ds = d.int(0, 3);
    const text = [
      title,
      `合同编号：HT-${d.int(2024, 2026)}-${d.int(100, 999)}`,
      `甲方：${a}`,
      `统一社会信用代码：${usccA}`,
      `地址：北京市海淀区中关村大街${d.int(1, 99)}号`,
      `乙方：${b}`,
      `法定代表人：${d.pick(ZH_PEOPLE)}`,
      '第一条 合同标的',
      '乙方按照本合同约定向甲方提供服务，具体内容见附件一。',
      '第二条 合同金额',
      `本合同总金额为人民币${grouped(amt)}元（大写：人民币${capitals(amt)}），含增值税。`,
      `如乙方逾期交付，每逾期一日应按合同总金额的千分之一支付违约金，违约金总额不超过人民币${d.int(1, 9)}0,000元。`,
      '第三条 合同期限',
      `本合同有效期自${zhDate(start, ds)}起至${zhDate(end, ds)}止。`,
      `甲方应于${zhDate(start, 0)}后十五个工作日内支付首期款。`,
      '甲方（盖章）：',
      '乙方（盖章）：',
      '日期：______',
    ].join('\n');
    return {
      text,
      parties: [
        { role: '甲方', name: a, registrationNumber: usccA },
        { role: '乙方', name: b },
      ],
      value: { amount: norm(amt), currency: 'CNY' },
      effectiveDate: start,
      expiryDate: end,
      contractType: type,
    };
  },
  // 2. Defined names in the opening sentence, 万元, effective on signature with a signing date.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const b = d.pick(ZH_ORGS.filter((o) => o !== a));
    const signed = startDate(d);
    const wan = d.pick([5, 12, 30, 150, 8.5]);
    const text = [
      '技术服务合同',
      `本合同由${a}（以下简称“甲方”）与${b}（以下简称“乙方”）于${zhDate(signed, 0)}在北京市签订。`,
      '鉴于甲方需要乙方提供技术服务，双方经友好协商，达成如下协议：',
      `第一条 服务费用：本合同服务费总额为${wan}万元（含税）。`,
      '第二条 乙方应在收到款项后五个工作日内开具发票。',
      '第三条 本合同自双方签字盖章之日起生效。',
      `第四条 保证金：乙方应在签约后支付履约保证金人民币${d.int(1, 9)},000元。`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: '甲方', name: a },
        { role: '乙方', name: b },
      ],
      value: { amount: String(wan * 10000), currency: 'CNY' },
      effectiveDate: signed,
      expiryDate: null,
      contractType: '服务协议',
    };
  },
  // 3. Role with bracketed 甲/乙 and a term length.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const b = d.pick(ZH_ORGS.filter((o) => o !== a));
    const start = startDate(d);
    const years = d.pick([1, 2, 3]);
    const yearsZh = ['', '一', '两', '三'][years];
    const amt = amountOf(d);
    const text = [
      '委托合同',
      `委托方（甲方）：${a}`,
      `受托方（乙方）：${b}`,
      `第一条 委托期限为${yearsZh}年，自${zhDate(start, 0)}起计算。`,
      `第二条 委托费用：合同价款为¥${grouped(amt)}元，大写${capitals(amt)}。`,
      '第三条 争议解决：因本合同引起的争议，提交北京仲裁委员会仲裁。',
    ].join('\n');
    return {
      text,
      parties: [
        { role: '甲方', name: a },
        { role: '乙方', name: b },
      ],
      value: { amount: norm(amt), currency: 'CNY' },
      effectiveDate: start,
      expiryDate: endOfTermIso(start, years),
      contractType: '委托合同',
    };
  },
  // 4. Sale contract: 出卖人/买受人, total in capitals only.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const b = d.pick(ZH_ORGS.filter((o) => o !== a));
    const amt = d.pick(['30000.00', '125000.00', '1002000.00', '45678.90']);
    const uscc = d.pick(USCC);
    const text = [
      '买卖合同',
      `出卖人：${a}，统一社会信用代码：${uscc}`,
      `买受人：${b}`,
      `一、标的物：服务器${d.int(2, 20)}台，型号详见清单。`,
      `二、合同总价款：人民币${capitals(amt)}。`,
      '三、交货时间：出卖人应于合同签订后三十日内交货。',
      `四、定金：买受人于签约后支付定金人民币${d.int(1, 5)},000元。`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: '出卖人', name: a, registrationNumber: uscc },
        { role: '买受人', name: b },
      ],
      value: { amount: norm(amt), currency: 'CNY' },
      effectiveDate: null,
      expiryDate: null,
      contractType: '买卖合同',
    };
  },
  // 5. Employment: a person and an employer, term with dates, monthly salary (not a total).
  (d) => {
    const a = d.pick(ZH_ORGS);
    const p = d.pick(ZH_PEOPLE);
    const start = startDate(d);
    const end = endOfTermIso(start, 3);
    const ds = d.int(0, 2);
    const text = [
      '劳动合同',
      `用人单位：${a}`,
      `劳动者：${p}`,
      `身份证号码：11010519${d.int(70, 99)}0101123X`,
      `第一条 本合同为固定期限劳动合同，期限自${zhDate(start, ds)}起至${zhDate(end, ds)}止，其中试用期三个月。`,
      `第二条 劳动者月工资为人民币${d.int(8, 30)},000元，每月${d.int(5, 15)}日前支付。`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: '用人单位', name: a },
        { role: '劳动者', name: p },
      ],
      value: null,
      effectiveDate: start,
      expiryDate: end,
      contractType: '劳动合同',
    };
  },
  // 6. Lease: monthly rent only (no total), term with dates; 出租方/承租方.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const p = d.pick(ZH_PEOPLE);
    const start = startDate(d);
    const end = endOfTermIso(start, 1);
    const text = [
      '房屋租赁合同',
      `出租方：${a}`,
      `承租方：${p}`,
      `第一条 租赁期限：租赁期自${zhDate(start, 0)}起至${zhDate(end, 0)}止。`,
      `第二条 租金：每月租金为人民币${d.int(3, 20)},${d.pick(['000', '500'])}元，押金为两个月租金。`,
      '第三条 承租方应按时缴纳水电费。',
    ].join('\n');
    return {
      text,
      parties: [
        { role: '出租方', name: a },
        { role: '承租方', name: p },
      ],
      value: null,
      effectiveDate: start,
      expiryDate: end,
      contractType: '租赁合同',
    };
  },
  // 7. NDA, parties in one line each with addresses after a comma; no amount; term length in a separate clause.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const b = d.pick(ZH_ORGS.filter((o) => o !== a));
    const signed = startDate(d);
    const text = [
      '保密协议',
      `甲方：${a}，住所：上海市浦东新区世纪大道${d.int(1, 200)}号`,
      `乙方：${b}，住所：广州市天河区珠江新城`,
      '第一条 保密信息：指披露方以任何形式披露的技术信息和经营信息。',
      '第二条 接收方应对保密信息严格保密，未经披露方书面同意不得向第三方披露。',
      `第三条 本协议自签署之日起生效，有效期为${d.pick(['两', '三', '五'])}年。`,
      '第四条 违约责任：违约方应赔偿守约方因此遭受的全部损失。',
      `签订日期：${zhDate(signed, 0)}`,
    ].join('\n');
    const years = { 两: 2, 三: 3, 五: 5 }[text.match(/有效期为(两|三|五)年/)![1] as '两' | '三' | '五'];
    return {
      text,
      parties: [
        { role: '甲方', name: a },
        { role: '乙方', name: b },
      ],
      value: null,
      effectiveDate: signed,
      expiryDate: endOfTermIso(signed, years),
      contractType: '保密协议',
    };
  },
  // 8. Procurement with 采购方/供应商, 含税总价 with ￥ and no currency word, Chinese-numeral dates.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const b = d.pick(ZH_ORGS.filter((o) => o !== a));
    const amt = amountOf(d);
    const start = startDate(d);
    const end = endOfTermIso(start, 1);
    const text = [
      '设备采购合同',
      `采购方：${a}`,
      `供应商：${b}`,
      `一、本合同含税总价为￥${grouped(amt)}（${capitals(amt)}）。`,
      `二、质保期：自${zhDate(start, 3)}起至${zhDate(end, 3)}止。`,
      '三、付款方式：验收合格后三十日内支付全部款项的百分之九十五。',
    ].join('\n');
    return {
      text,
      parties: [
        { role: '采购方', name: a },
        { role: '供应商', name: b },
      ],
      value: { amount: norm(amt), currency: 'CNY' },
      effectiveDate: start,
      expiryDate: end,
      contractType: '采购合同',
    };
  },
  // 9. Loan: 贷款人/借款人, amount in 借款金额 (a total), interest distractor.
  (d) => {
    const a = d.pick(ZH_ORGS);
    const p = d.pick(ZH_PEOPLE);
    const amt = d.pick(['200000.00', '50000.00', '1500000.00']);
    const start = startDate(d);
    const end = endOfTermIso(start, 0, 12);
    const text = [
      '借款合同',
      `贷款人：${a}`,
      `借款人：${p}`,
      `第一条 借款金额：合同金额为人民币${grouped(amt)}元整。`,
      '第二条 借款利率：年利率为百分之四点五，每月二十日付息。',
      `第三条 借款期限为12个月，自${zhDate(start, 0)}起。`,
      `第四条 逾期还款的，借款人应按每日万分之五支付罚息，罚息金额按人民币${d.int(100, 900)}元起算。`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: '贷款人', name: a },
        { role: '借款人', name: p },
      ],
      value: { amount: norm(amt), currency: 'CNY' },
      effectiveDate: start,
      expiryDate: end,
      contractType: '借款合同',
    };
  },
  // 10. A memo that is not a contract form: no labels, amounts only as penalties, dates as payment days.
  (d) => {
    const text = [
      '会议纪要',
      `${zhDate(startDate(d), 0)}，双方就合作事宜进行了沟通。`,
      `关于逾期付款，双方同意按每日人民币${d.int(100, 900)}元计算违约金。`,
      '甲方应当在下次会议前提交方案。',
    ].join('\n');
    return { text, parties: [], value: null, effectiveDate: null, expiryDate: null, contractType: null };
  },
];

const EN_TYPES: readonly [string, string][] = [
  ['MUTUAL NON-DISCLOSURE AGREEMENT', 'Non-disclosure agreement'],
  ['MASTER SERVICES AGREEMENT', 'Services agreement'],
  ['SOFTWARE LICENCE AGREEMENT', 'Licence agreement'],
  ['PURCHASE AGREEMENT', 'Purchase agreement'],
];

const enLayouts: Layout[] = [
  // 1. Defined names in the recital, total fees, term with dates.
  (d) => {
    const [title, type] = d.pick(EN_TYPES);
    const a = d.pick(EN_ORGS);
    const b = d.pick(EN_ORGS.filter((o) => o !== a));
    const start = startDate(d);
    const end = endOfTermIso(start, d.int(1, 3));
    const amt = d.pick(['50000.00', '125000.00', '9800.50', '1200000.00']);
    const ds = d.int(1, 3);
    const text = [
      title,
      `This Agreement is made between ${a}, a company incorporated under the laws of England (the "Supplier") and ${b}, having its office at 10 Market Street (the "Customer").`,
      `1. Term. This Agreement commences on ${enDate(start, ds)} and continues until ${enDate(end, ds)}, unless terminated earlier.`,
      `2. Fees. The total fees payable under this Agreement are USD ${grouped(amt)}.`,
      `3. Late payment. Overdue amounts bear interest at 1.5% per month; a late fee of USD ${d.int(100, 900)} applies.`,
      '4. Notices shall be given in writing with 30 days notice.',
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Supplier', name: a },
        { role: 'Customer', name: b },
      ],
      value: { amount: norm(amt), currency: 'USD' },
      effectiveDate: start,
      expiryDate: end,
      contractType: type,
    };
  },
  // 2. Labelled lines "Party A:", "Party B:", contract price in RMB, effective on signature with "Dated".
  (d) => {
    const a = d.pick(EN_ORGS);
    const b = d.pick(EN_ORGS.filter((o) => o !== a));
    const signed = startDate(d);
    const amt = d.pick(['80000', '250000', '12345.60']);
    const text = [
      'SERVICES AGREEMENT',
      `Dated: ${enDate(signed, 3)}`,
      `Party A: ${a}`,
      `Party B: ${b}`,
      `Clause 1. The Contract Price is RMB ${grouped(amt)} inclusive of VAT.`,
      '2. This Agreement shall be effective upon signature by both parties.',
      `3. Liquidated damages: USD ${d.int(1, 9)},000 per week of delay.`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Party A', name: a },
        { role: 'Party B', name: b },
      ],
      value: { amount: norm(amt), currency: 'CNY' },
      effectiveDate: signed,
      expiryDate: null,
      contractType: 'Services agreement',
    };
  },
  // 3. Employment with a person; salary not a total; term length in words.
  (d) => {
    const a = d.pick(EN_ORGS);
    const p = d.pick(EN_PEOPLE);
    const start = startDate(d);
    const text = [
      'EMPLOYMENT AGREEMENT',
      `This Employment Agreement is entered into by ${a} (the "Employer") and ${p}, residing at 5 Hill Road (the "Employee").`,
      `1. Commencement. The employment commences on ${enDate(start, 1)} for a term of two (2) years.`,
      `2. Salary. The Employee shall receive a monthly salary of USD ${d.int(4, 12)},000.`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Employer', name: a },
        { role: 'Employee', name: p },
      ],
      value: null,
      effectiveDate: start,
      expiryDate: endOfTermIso(start, 2),
      contractType: 'Employment contract',
    };
  },
  // 4. Licence with Licensor/Licensee labels and EUR consideration, effective date label.
  (d) => {
    const a = d.pick(EN_ORGS);
    const b = d.pick(EN_ORGS.filter((o) => o !== a));
    const start = startDate(d);
    const end = endOfTermIso(start, 1);
    const amt = d.pick(['15000', '72000.00', '4999.99']);
    const text = [
      'SOFTWARE LICENSE AGREEMENT',
      `Licensor: ${a}`,
      `Licensee: ${b}`,
      `Effective Date: ${enDate(start, 2)}`,
      `The licence fee of EUR ${grouped(amt)} is payable within 30 days of invoice.`,
      `This Agreement expires on ${enDate(end, 2)}.`,
      'Governing law: the laws of Ireland.',
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Licensor', name: a },
        { role: 'Licensee', name: b },
      ],
      value: { amount: norm(amt), currency: 'EUR' },
      effectiveDate: start,
      expiryDate: end,
      contractType: 'Licence agreement',
    };
  },
  // 5. Purchase with Buyer/Seller defined names, purchase price with $ sign, distractor deposit.
  (d) => {
    const a = d.pick(EN_ORGS);
    const b = d.pick(EN_ORGS.filter((o) => o !== a));
    const amt = d.pick(['340000.00', '1250000', '87500.25']);
    const text = [
      'ASSET PURCHASE AGREEMENT',
      `This Agreement is made by and between ${a} (the "Seller") and ${b} (the "Buyer").`,
      `1. The Purchase Price for the Assets is $${grouped(amt)}.`,
      `2. The Buyer shall pay a deposit of $${d.int(10, 50)},000 on signing.`,
      '3. Completion shall take place within 10 business days.',
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Seller', name: a },
        { role: 'Buyer', name: b },
      ],
      value: { amount: norm(amt), currency: 'USD' },
      effectiveDate: null,
      expiryDate: null,
      contractType: 'Purchase agreement',
    };
  },
  // 6. NDA between two people-less orgs with "Disclosing Party"/"Receiving Party" labels; term from/to.
  (d) => {
    const a = d.pick(EN_ORGS);
    const b = d.pick(EN_ORGS.filter((o) => o !== a));
    const start = startDate(d);
    const end = endOfTermIso(start, 2);
    const text = [
      'NON-DISCLOSURE AGREEMENT',
      `Disclosing Party: ${a}`,
      `Receiving Party: ${b}`,
      `The term of this Agreement is from ${enDate(start, 3)} to ${enDate(end, 3)}.`,
      'The Receiving Party shall keep the Confidential Information secret.',
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Disclosing Party', name: a },
        { role: 'Receiving Party', name: b },
      ],
      value: null,
      effectiveDate: start,
      expiryDate: end,
      contractType: 'Non-disclosure agreement',
    };
  },
  // 7. A letter that is not a contract form: mentions companies and money without cues.
  (d) => {
    const text = [
      'Letter regarding outstanding invoices',
      `Dear ${d.pick(EN_PEOPLE)},`,
      `Our records show late payment fees of USD ${d.int(100, 999)} on invoice 2291 dated ${enDate(startDate(d), 1)}.`,
      'Please contact our accounts team at your convenience.',
    ].join('\n');
    return { text, parties: [], value: null, effectiveDate: null, expiryDate: null, contractType: null };
  },
  // 8. Consulting with "Client:"/"Consultant:" and total amount in HKD with words.
  (d) => {
    const a = d.pick(EN_ORGS);
    const p = d.pick(EN_PEOPLE);
    const start = startDate(d);
    const end = endOfTermIso(start, 0, 6);
    const amt = d.pick(['60000', '180000.00']);
    const text = [
      'CONSULTING AGREEMENT',
      `Client: ${a}`,
      `Consultant: ${p}`,
      `1. Services will be provided from ${enDate(start, 1)} through ${enDate(end, 1)}.`,
      `2. The total consideration is HKD ${grouped(amt)}.`,
      `3. Expenses above HKD ${d.int(1, 5)},000 require approval.`,
    ].join('\n');
    return {
      text,
      parties: [
        { role: 'Client', name: a },
        { role: 'Consultant', name: p },
      ],
      value: { amount: norm(amt), currency: 'HKD' },
      effectiveDate: start,
      expiryDate: end,
      contractType: 'Services agreement',
    };
  },
];

/** `count` contracts, alternating Chinese and English layouts, reproducible from `seed`. */
export function contractCorpus(count = 72, seed = 20261207): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const d = draw(seed + i * 7919);
    const zh = i % 2 === 0;
    const layouts = zh ? zhLayouts : enLayouts;
    const layout = layouts[Math.floor(i / 2) % layouts.length];
    const { text, ...truth } = layout(d);
    out.push({ id: `${zh ? 'zh' : 'en'}-${i}`, text, truth });
  }
  return out;
}

export { capitals as writeCapitalsForTest };
