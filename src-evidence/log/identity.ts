import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { generateNoteSigner, parseNoteSigner, logIdFor, type NoteSigner } from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';
import type { SqlDatabase } from '../db/sql.js';

/**
 * Who the log is: its Ed25519 checkpoint key (kept as a C2SP signer key file, mode 0600, in the key
 * folder) and its origin line. The first start creates both and records the public half in the
 * database; every later start — of any instance sharing that database — must present the same key,
 * because a second key would be a second, forked log.
 */
export interface LogIdentity {
  readonly signer: NoteSigner;
  readonly origin: string;
  readonly logId: string;
  readonly verifierKey: string;
}

const KEY_FILE = 'log-signer.key';

async function loadOrCreateSigner(keyDir: string, originBase: string | undefined): Promise<NoteSigner> {
  const file = path.join(keyDir, KEY_FILE);
  try {
    return parseNoteSigner(await fs.readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // The origin embeds the log id, which derives from the key itself.
  const signer = generateNoteSigner((publicKey) => `${originBase ?? 'inkstone-evidence'}/${logIdFor(publicKey)}`);
  await fs.mkdir(keyDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${signer.encoded}\n`);
  await fs.chmod(file, 0o600);
  return signer;
}

export async function loadLogIdentity(db: SqlDatabase, keyDir: string, originBase?: string): Promise<LogIdentity> {
  const signer = await loadOrCreateSigner(keyDir, originBase);
  const identity: LogIdentity = {
    signer,
    origin: signer.name,
    logId: logIdFor(signer.verifier.publicKey),
    verifierKey: signer.verifier.encoded,
  };
  await db.transaction(async (tx) => {
    const row = await tx.get<{ origin: string; verifier_key: string }>('SELECT origin, verifier_key FROM log_identity WHERE id = 1');
    if (!row) {
      await tx.run('INSERT INTO log_identity (id, origin, verifier_key, created_at) VALUES (1, ?, ?, ?)', [
        identity.origin,
        identity.verifierKey,
        new Date().toISOString(),
      ]);
    } else if (row.verifier_key !== identity.verifierKey) {
      throw new InkstoneError('EVIDENCE_LOG_KEY_MISMATCH', { expected: row.verifier_key, found: identity.verifierKey, keyDir });
    }
  });
  return identity;
}
