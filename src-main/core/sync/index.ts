/**
 * The team library: this desktop's library synced with the other desktops of its organisation
 * through the evidence service — the outbox sent in order, documents uploaded once per tenant and
 * resumably, the others' changes pulled by cursor and merged field by field.
 */
export { runSyncPass, syncStatus, type SyncPassResult, type SyncProgress, type SyncStatus } from './sync-pass.js';
export { conflictsOf, type ConflictRecord } from './merge.js';
export { connect, connectedClient, currentConnection, testConnection, serviceUrlOf, type SyncConnection } from './connection.js';
export { fileTokenStore, TOKEN_FILE, type TokenStore } from './token-file.js';
export { startSyncLoop, type SyncLoop } from './sync-loop.js';
export { collectReceipts, evidencePrivacy, setEvidencePrivacy } from './evidence-receipts.js';
export {
  contractEvidence,
  contractHasReceipts,
  evidenceCertificate,
  type ContractEvidence,
  type VersionEvidence,
  type VersionEvidenceState,
} from './contract-evidence.js';
export { syncFault, SYNC_REQUEST_TIMEOUT_MS } from './sync-fault.js';
// Offline signatures upgraded on sync
export { setUpgradePolicy, signatureUpgradesOf, upgradePolicy } from './offline-signatures.js';
export { upgradeOnSync, type UpgradeOnSync } from './upgrade-on-sync.js';
export type { UpgradeOutcome } from './signature-upgrade.js';
