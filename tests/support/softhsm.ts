import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's SoftHSM2 module: the hardware token of the test suite. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  readonly dir: string;
  readonly conf: string;
  readonly label: string;
  readonly pin: string;
  readonly soPin: string;
  /** Environment for child processes (pkcs11-tool, the CLI) that should see this token. */
  readonly env: NodeJS.ProcessEnv;
  /** Generate a key pair on the token; returns nothing, the key is addressed by id (hex) and label. */
  generateKey(spec: { id: string; label: string; type: 'rsa:2048' | 'rsa:3072' | 'EC:prime256v1' | 'EC:secp384r1' }): void;
  /** The DER SubjectPublicKeyInfo of the key with this id. */
  readPublicKey(id: string): Buffer;
  /** Store a DER certificate on the token under this id and label (beside its key). */
  writeCertificate(id: string, label: string, der: Uint8Array): void;
  cleanup(): void;
}

/**
 * A fresh SoftHSM token in its own temp folder. SOFTHSM2_CONF is set in this process too, because
 * the module reads it when it is first loaded: call this before loading libsofthsm2 in-process, and
 * keep one token store per test process.
 */
export function createSoftHsmToken(opts: { label?: string; pin?: string; soPin?: string; dir?: string } = {}): SoftHsmToken {
  if (!existsSync(SOFTHSM_MODULE)) throw new Error(`SoftHSM2 is not installed (${SOFTHSM_MODULE}); run .ci/run or apt-get install softhsm2`);
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'inkstone-softhsm-'));
  const label = opts.label ?? 'Inkstone Test';
  const pin = opts.pin ?? '123456';
  const soPin = opts.soPin ?? '87654321';
  mkdirSync(path.join(dir, 'tokens'), { recursive: true });
  const conf = path.join(dir, 'softhsm2.conf');
  if (!existsSync(conf)) {
    writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  }
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin]);
  const tool = (args: string[]) => run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, ...args]);
  return {
    dir,
    conf,
    label,
    pin,
    soPin,
    env,
    generateKey({ id, label: keyLabel, type }) {
      tool(['--login', '--pin', pin, '--keypairgen', '--key-type', type, '--id', id, '--label', keyLabel]);
    },
    readPublicKey(id) {
      try {
        return tool(['--read-object', '--type', 'pubkey', '--id', id]);
      } catch (err) {
        // Debian 12's pkcs11-tool cannot export P-384 keys ("cannot create EVP_PKEY"): rebuild the
        // SubjectPublicKeyInfo from the EC_POINT and EC_PARAMS it does list.
        const listing = tool(['--list-objects', '--type', 'pubkey']).toString('utf8');
        const block = listing.split(/^(?=Public Key Object)/m).find((b) => new RegExp(`^\\s*ID:\\s+${id}\\s*$`, 'im').test(b)) ?? '';
        const point = /EC_POINT:\s+([0-9a-f]+)/i.exec(block)?.[1];
        const params = /EC_PARAMS:\s+([0-9a-f]+)/i.exec(block)?.[1];
        if (!point || !params) throw err;
        return ecSpki(Buffer.from(params, 'hex'), unwrapOctetString(Buffer.from(point, 'hex')));
      }
    },
    writeCertificate(id, certLabel, der) {
      const file = path.join(dir, `cert-${id}.der`);
      writeFileSync(file, der);
      tool(['--login', '--pin', pin, '--write-object', file, '--type', 'cert', '--id', id, '--label', certLabel]);
    },
    cleanup() {
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** DER SubjectPublicKeyInfo of an EC key: id-ecPublicKey with the named-curve OID, and the point. */
function ecSpki(curveOid: Buffer, point: Buffer): Buffer {
  const der = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
  const algorithm = der(0x30, Buffer.concat([Buffer.from('06072a8648ce3d0201', 'hex'), curveOid]));
  return der(0x30, Buffer.concat([algorithm, der(0x03, Buffer.concat([Buffer.from([0]), point]))]));
}

/** CKA_EC_POINT is the point wrapped in a DER OCTET STRING. */
function unwrapOctetString(value: Buffer): Buffer {
  if (value[0] !== 0x04 || value.length < 3) return value;
  const long = value[1] & 0x80 ? value[1] & 0x7f : 0;
  const length = long ? value.subarray(2, 2 + long).reduce((n, b) => n * 256 + b, 0) : value[1];
  const start = 2 + long;
  return start + length === value.length ? value.subarray(start) : value;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  return length < 0x100 ? Buffer.from([0x81, length]) : Buffer.from([0x82, length >> 8, length & 0xff]);
}
