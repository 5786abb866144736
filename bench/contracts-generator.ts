import type { Library } from '../src-main/core/library/index.js';

/**
 * Realistic synthetic contracts for benchmarks and UI scale tests: mixed Chinese and English titles,
 * parties with organisations and registration numbers, tags, values, dates and a paragraph of body
 * text each. Deterministic (seeded) so runs compare.
 */
const ZH_TYPES = [
  '软件开发合同',
  '技术服务合同',
  '房屋租赁合同',
  '采购合同',
  '保密协议',
  '劳动合同',
  '股权转让协议',
  '借款合同',
  '委托代理合同',
  '建设工程施工合同',
];
const EN_TYPES = [
  'Master Services Agreement',
  'Non-Disclosure Agreement',
  'Lease Agreement',
  'Supply Agreement',
  'Share Purchase Agreement',
  'Loan Agreement',
  'Consulting Agreement',
  'Licence Agreement',
];
const ZH_ORGS = [
  '北京某某科技有限公司',
  '上海某某贸易有限公司',
  '深圳某某电子股份有限公司',
  '广州某某律师事务所',
  '杭州某某网络科技有限公司',
  '成都某某建设集团有限公司',
];
const EN_ORGS = ['Acme Holdings Ltd', 'Northwind Trading LLC', 'Globex Corporation', 'Initech GmbH', 'Umbrella Pharma plc', 'Stark Industries Inc'];
const ZH_NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏'];
const EN_NAMES = ['Alice Chen', 'Bob Smith', 'Carol Jones', 'David Brown', 'Eve Martin', 'Frank Miller'];
const ZH_CLAUSES = [
  '第一条 定义与解释。',
  '第二条 服务内容及交付标准。',
  '第三条 价款及支付方式：甲方应于验收合格后十五日内支付。',
  '第四条 保密条款：双方对在履行本合同过程中知悉的商业秘密承担保密义务。',
  '第五条 违约责任。',
  '第六条 争议解决：提交北京仲裁委员会仲裁。',
  '第七条 不可抗力。',
];
const EN_CLAUSES = [
  '1. Definitions and interpretation.',
  '2. Services and deliverables.',
  '3. Fees and payment within thirty days of invoice.',
  '4. Confidentiality: each party shall keep the other party’s confidential information secret.',
  '5. Limitation of liability and indemnity.',
  '6. Governing law: England and Wales.',
  '7. Force majeure.',
];
const TAGS = ['采购', '销售', 'IP', 'HR', 'real-estate', '融资', 'NDA', 'high-value', '关联交易', 'renewal'];
const STATUSES = ['draft', 'in_review', 'signing', 'signed', 'archived', 'terminated'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface GeneratedContract {
  title: string;
  status: (typeof STATUSES)[number];
  tags: string[];
  value: { amount: string; currency: string };
  expiryDate: string;
  parties: Array<{ role: string; name: string; organisation: string; registrationNumber: string }>;
  body: string;
}

export function* generateContracts(count: number, seed = 42): Generator<GeneratedContract> {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  for (let i = 0; i < count; i++) {
    const zh = r() < 0.6;
    const year = 2025 + Math.floor(r() * 4);
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    const orgA = zh ? pick(ZH_ORGS) : pick(EN_ORGS);
    const orgB = zh ? pick(ZH_ORGS) : pick(EN_ORGS);
    const clauses = zh ? ZH_CLAUSES : EN_CLAUSES;
    yield {
      title: zh ? `${orgB.slice(0, 6)}${pick(ZH_TYPES)}（${year}-${String(i).padStart(6, '0')}）` : `${pick(EN_TYPES)} — ${orgB} #${i}`,
      status: pick(STATUSES),
      tags: [pick(TAGS), pick(TAGS)].filter((t, k, arr) => arr.indexOf(t) === k),
      value: { amount: (Math.floor(r() * 10_000_000) / 100).toFixed(2), currency: zh ? 'CNY' : pick(['USD', 'EUR', 'GBP']) },
      expiryDate: `${year}-${month}-${day}`,
      parties: [
        {
          role: zh ? '甲方' : 'Party A',
          name: zh ? pick(ZH_NAMES) : pick(EN_NAMES),
          organisation: orgA,
          registrationNumber: zh ? `9111${String(Math.floor(r() * 1e14)).padStart(14, '0')}` : '',
        },
        { role: zh ? '乙方' : 'Party B', name: zh ? pick(ZH_NAMES) : pick(EN_NAMES), organisation: orgB, registrationNumber: '' },
      ],
      body: Array.from({ length: 4 }, () => pick(clauses)).join(' '),
    };
  }
}

/**
 * Insert generated contracts through the Library (so search rows, party names and audit entries are
 * exactly what real use produces), in batches of one transaction each.
 */
export function seedLibrary(library: Library, count: number, options: { seed?: number; batch?: number } = {}): void {
  const batch = options.batch ?? 2000;
  const all = generateContracts(count, options.seed);
  let done = 0;
  while (done < count) {
    library.db.transaction(() => {
      for (let k = 0; k < batch && done < count; k++, done++) {
        const g = all.next().value as GeneratedContract;
        library.createContract(
          { title: g.title, tags: g.tags, value: g.value, expiryDate: g.expiryDate, notes: g.body },
          { status: g.status, parties: g.parties },
        );
      }
    })();
  }
}
