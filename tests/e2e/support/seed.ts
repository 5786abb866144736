import { Library } from '../../../src-main/core/library/index.js';
import type { ContractStatus } from '../../../src-shared/api/index.js';

const STATUSES: readonly ContractStatus[] = ['draft', 'in_review', 'signing', 'signed', 'archived'];
const KINDS = ['采购合同', 'Service Agreement', '保密协议', 'Lease', '技术服务合同', 'Distribution Agreement'];

export const seededTitle = (i: number) => `${KINDS[i % KINDS.length]} #${String(i).padStart(5, '0')}`;

const COUNTERPARTIES = ['北京云杉科技有限公司', 'Northwind Trading Ltd.', '上海明德信息技术有限公司', 'Contoso Consulting LLC'];

/**
 * Fill a data folder with `count` contracts straight through the core's Library, in one
 * transaction. Contracts are created in order, so the library's default order (most recently
 * changed first) starts with the last one and ends with contract 0.
 */
export function seedContracts(dataDir: string, count: number): void {
  const library = new Library(dataDir, { actor: 'seed' });
  const base = Date.parse('2025-01-01T00:00:00Z');
  try {
    library.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const expiry = new Date(base + (30 + (i % 700)) * 86_400_000).toISOString().slice(0, 10);
        library.createContract(
          {
            title: seededTitle(i),
            tags: [i % 3 === 0 ? 'IT' : 'HR'],
            value: { amount: String(1000 + i * 37), currency: i % 4 === 0 ? 'USD' : 'CNY' },
            expiryDate: expiry,
          },
          {
            status: STATUSES[i % STATUSES.length],
            parties: [
              { role: 'party_a', name: 'Inkstone Legal Co.' },
              { role: 'party_b', name: COUNTERPARTIES[i % COUNTERPARTIES.length] },
            ],
          },
        );
      }
    })();
  } finally {
    library.close();
  }
}
