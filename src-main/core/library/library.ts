import path from 'node:path';
import type { z } from 'zod';
import type { Db } from '../db/index.js';
import { openDatabase } from '../db/index.js';
import type {
  AuditEvent,
  Contract,
  ContractFields,
  ContractPatch,
  ContractStatus,
  PartyInput,
  Reminder,
  SearchQuery,
  SearchResult,
  SignatureStatus,
} from '../../../src-shared/api/index.js';
import type { LibraryContext } from './context.js';
import * as contracts from './contracts.js';
import * as documents from './documents.js';
import type { NewVersion } from './documents.js';
import { DocumentStore } from './document-store.js';
import { LIST_ANCHOR_EVERY, ListPager } from './paging.js';
import * as parties from './parties.js';
import { QueryCache } from './query-cache.js';
import * as reminders from './reminders.js';
import { ContractSearch } from './search.js';
import { signatureStatus } from './signature-status.js';

/**
 * The contract library: contracts, their parties, documents and immutable versions, search and
 * reminders, over one SQLite database and one content-addressed document store in the data folder.
 * Every change runs in a transaction together with its audit entry. This class only holds the
 * pieces together; each concept lives in its own module (contracts, parties, documents, search,
 * paging, reminders).
 */
export class Library implements LibraryContext {
  readonly db: Db;
  readonly store: DocumentStore;
  readonly actor: string;
  private readonly finder: ContractSearch;

  constructor(
    readonly dataDir: string,
    options: { actor?: string; db?: Db; listAnchorEvery?: number } = {},
  ) {
    this.db = options.db ?? openDatabase(path.join(dataDir, 'library.sqlite'));
    this.store = new DocumentStore(path.join(dataDir, 'documents'));
    this.actor = options.actor ?? 'local-user';
    const cache = new QueryCache(this);
    this.finder = new ContractSearch(this, cache, new ListPager(this, cache, options.listAnchorEvery ?? LIST_ANCHOR_EVERY));
  }

  close(): void {
    this.db.close();
  }

  // contracts and parties
  createContract(fields: z.input<typeof ContractFields>, options: { status?: ContractStatus; parties?: PartyInput[] } = {}): Contract {
    return this.getContract(contracts.createContract(this, fields, options));
  }
  getContract(id: string): Contract {
    return contracts.getContract(this, id);
  }
  updateContract(id: string, patch: ContractPatch): Contract {
    contracts.updateContract(this, id, patch);
    return this.getContract(id);
  }
  setStatus(id: string, status: ContractStatus): Contract {
    contracts.setStatus(this, id, status);
    return this.getContract(id);
  }
  addParty(contractId: string, input: PartyInput): Contract {
    parties.addParty(this, contractId, input);
    return this.getContract(contractId);
  }
  updateParty(contractId: string, partyId: string, input: PartyInput): Contract {
    parties.updateParty(this, contractId, partyId, input);
    return this.getContract(contractId);
  }
  removeParty(contractId: string, partyId: string): Contract {
    parties.removeParty(this, contractId, partyId);
    return this.getContract(contractId);
  }
  audit(contractId: string): { events: AuditEvent[]; chainIntact: boolean } {
    return contracts.contractAudit(this, contractId);
  }
  tags(): Array<{ tag: string; count: number }> {
    return contracts.tagCounts(this);
  }

  // documents and versions
  addDocument(contractId: string, name: string, version: NewVersion): { documentId: string; versionId: string } {
    return documents.addDocument(this, contractId, name, version);
  }
  addVersion(documentId: string, version: NewVersion): { versionId: string; number: number; contractId: string } {
    return documents.addVersion(this, documentId, version);
  }
  recordVerification(versionId: string, result: { verdict: 'valid' | 'invalid' | 'indeterminate'; verifiedAt: string }, resultJson: string): void {
    documents.recordVerification(this, versionId, result, resultJson);
  }
  findBySha256(sha256: string): { contractId: string; versionId: string } | null {
    return documents.findBySha256(this, sha256);
  }
  version(versionId: string): { name: string; sha256: string; contractId: string } {
    return documents.versionOf(this, versionId);
  }
  versionDetails(versionId: string): documents.VersionDetails {
    return documents.versionDetails(this, versionId);
  }
  signatureStatus(contractId: string): SignatureStatus {
    return signatureStatus(this, contractId);
  }

  // search and lists
  search(query: z.input<typeof SearchQuery>): SearchResult {
    return this.finder.search(query);
  }

  // reminders
  reminders(today: string, horizonDays: number): Reminder[] {
    return reminders.reminders(this, today, horizonDays);
  }
  takeDueNotifications(today: string, leadDays: number): Reminder[] {
    return reminders.takeDueNotifications(this, today, leadDays);
  }
}
