import { statement, type Db } from '../db/index.js';
import type { SignatureUpgrade, SignatureUpgradePolicy, UpgradeLevel } from '../../../src-shared/api/index.js';
import { serializeError } from '../../../src-shared/errors/index.js';

/**
 * The bookkeeping of offline signatures (no PDF or PKI code, so a pass with nothing to upgrade loads
 * none): which versions signed here are still at B-B, what became of each, and the organisation's
 * chosen level. Upgrading itself is `signature-upgrade.ts`.
 */

export const DEFAULT_UPGRADE_POLICY: SignatureUpgradePolicy = { level: 'B-LTA', timestampUrl: null };

export function upgradePolicy(db: Db): SignatureUpgradePolicy {
  const row = statement(db, 'SELECT level, timestamp_url FROM signature_upgrade_policy WHERE id = 1').get() as
    { level: SignatureUpgradePolicy['level']; timestamp_url: string | null } | undefined;
  return row ? { level: row.level, timestampUrl: row.timestamp_url } : DEFAULT_UPGRADE_POLICY;
}

export function setUpgradePolicy(db: Db, policy: SignatureUpgradePolicy): SignatureUpgradePolicy {
  statement(
    db,
    `INSERT INTO signature_upgrade_policy (id, level, timestamp_url) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET level = excluded.level, timestamp_url = excluded.timestamp_url`,
  ).run(policy.level, policy.timestampUrl);
  return upgradePolicy(db);
}

/**
 * Latest versions of their documents that this desktop signed (a `signing.consented` entry names
 * them: a colleague's version arrives without one, and is upgraded by the desktop that signed it,
 * so two desktops never both add an upgrade) whose stored verification shows a signature at B-B
 * and none failing. A version already upgraded is no longer the latest, so it drops out by itself.
 */
export function offlineSignedVersions(db: Db): string[] {
  const rows = statement(
    db,
    `SELECT v.id AS id FROM versions v JOIN verifications f ON f.version_id = v.id
      WHERE v.origin = 'signing' AND f.verdict <> 'invalid'
        AND v.number = (SELECT max(number) FROM versions WHERE document_id = v.document_id)
        AND EXISTS (SELECT 1 FROM json_each(f.result_json, '$.signatures') s
                     WHERE json_extract(s.value, '$.kind') = 'signature' AND json_extract(s.value, '$.level') = 'B-B')
        AND EXISTS (SELECT 1 FROM audit_events a
                     WHERE a.action = 'signing.consented' AND json_extract(a.details_json, '$.newVersionId') = v.id)
        AND NOT EXISTS (SELECT 1 FROM signature_upgrades u WHERE u.from_version_id = v.id AND u.state = 'done')
      ORDER BY v.created_at, v.id`,
  ).all() as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/** A failed attempt: the version stays at B-B and the next pass tries again. */
export function recordUpgradeWaiting(db: Db, versionId: string, error: unknown): void {
  statement(
    db,
    `INSERT INTO signature_upgrades (from_version_id, state, attempts, last_error_json, updated_at) VALUES (?, 'waiting', 1, ?, ?)
       ON CONFLICT (from_version_id) DO UPDATE SET attempts = attempts + 1, last_error_json = excluded.last_error_json, updated_at = excluded.updated_at
       WHERE state = 'waiting'`,
  ).run(versionId, JSON.stringify(serializeError(error)), new Date().toISOString());
}

/** Recorded in the transaction that adds the upgraded version. */
export function recordUpgradeDone(db: Db, fromVersionId: string, toVersionId: string, level: UpgradeLevel, provenTime: string | null): void {
  statement(
    db,
    `INSERT INTO signature_upgrades (from_version_id, state, to_version_id, level, proven_time, attempts, updated_at) VALUES (?, 'done', ?, ?, ?, 1, ?)
       ON CONFLICT (from_version_id) DO UPDATE SET state = 'done', to_version_id = excluded.to_version_id, level = excluded.level,
         proven_time = excluded.proven_time, attempts = attempts + 1, last_error_json = NULL, updated_at = excluded.updated_at`,
  ).run(fromVersionId, toVersionId, level, provenTime, new Date().toISOString());
}

interface Row {
  from_version_id: string;
  state: 'waiting' | 'done';
  to_version_id: string | null;
  level: UpgradeLevel | null;
  proven_time: string | null;
  attempts: number;
  last_error_json: string | null;
  updated_at: string;
}

/** What happened to the offline signatures of a contract's documents (for the Documents tab). */
export function signatureUpgradesOf(db: Db, contractId: string): SignatureUpgrade[] {
  const rows = statement(
    db,
    `SELECT u.* FROM signature_upgrades u JOIN versions v ON v.id = u.from_version_id JOIN documents d ON d.id = v.document_id
      WHERE d.contract_id = ? ORDER BY u.updated_at`,
  ).all(contractId) as Row[];
  return rows.map((r) => ({
    fromVersionId: r.from_version_id,
    state: r.state,
    toVersionId: r.to_version_id,
    level: r.level,
    provenTime: r.proven_time,
    attempts: r.attempts,
    lastError: r.last_error_json ? (JSON.parse(r.last_error_json) as SignatureUpgrade['lastError']) : null,
    updatedAt: r.updated_at,
  }));
}
