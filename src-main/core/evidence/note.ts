import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * C2SP signed notes (the format Go's golang.org/x/mod/sumdb/note and Tessera use) with Ed25519 keys.
 *
 *   <text, ending in a newline>
 *   <blank line>
 *   — <key name> <base64(key hash[4] ‖ signature)>
 *
 * The key hash is SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4]; a verifier key is written
 * `<name>+<hex key hash>+<base64(0x01 ‖ public key)>`, a signer key `PRIVATE+KEY+<name>+<hex>+<base64(0x01 ‖ seed)>`.
 */

const ALG_ED25519 = 0x01;
const SIG_PREFIX = '\u2014 ';
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifier {
  readonly name: string;
  readonly keyHash: number;
  readonly publicKey: Uint8Array;
  /** The `<name>+<hash>+<key>` text form. */
  readonly encoded: string;
  verify(text: string, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyHash: number;
  readonly verifier: NoteVerifier;
  /** The `PRIVATE+KEY+…` text form: a secret, store it like one. */
  readonly encoded: string;
  sign(text: string): Uint8Array;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyHash: number;
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** True when `s` holds C0 control characters (other than newline, when allowed). */
function controlCharacters(s: string, newlineAllowed: boolean): boolean {
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (code < 0x20 && !(newlineAllowed && code === 0x0a)) return true;
  }
  return false;
}

function checkKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name) || controlCharacters(name, false)) {
    throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: `invalid key name “${name}”` });
  }
}

export function noteKeyHash(name: string, publicKey: Uint8Array): number {
  const h = createHash('sha256')
    .update(name, 'utf8')
    .update('\n')
    .update(Buffer.from([ALG_ED25519]))
    .update(publicKey)
    .digest();
  return h.readUInt32BE(0);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
}

function makeVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  checkKeyName(name);
  if (publicKey.length !== 32) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'an Ed25519 public key has 32 bytes' });
  const keyHash = noteKeyHash(name, publicKey);
  const key = publicKeyObject(publicKey);
  const encoded = `${name}+${hex8(keyHash)}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64')}`;
  return {
    name,
    keyHash,
    publicKey,
    encoded,
    verify: (text, signature) => signature.length === 64 && verify(null, Buffer.from(text, 'utf8'), key, signature),
  };
}

/** Split at the first n−1 '+' signs: the last field is base64, which may itself hold '+'. */
function splitPlus(s: string, n: number): string[] | null {
  const out: string[] = [];
  let rest = s;
  for (let i = 0; i < n - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return null;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

/** Parse `<name>+<hash>+<base64 key>`; the hash must match the key (it is the key's fingerprint). */
export function parseNoteVerifier(encoded: string): NoteVerifier {
  const parts = splitPlus(encoded.trim(), 3);
  if (!parts) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'a verifier key has the form name+hash+key' });
  const [name, hash, key] = parts;
  const raw = Buffer.from(key, 'base64');
  if (raw.length !== 33 || raw[0] !== ALG_ED25519) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'only Ed25519 verifier keys are supported' });
  const verifier = makeVerifier(name, raw.subarray(1));
  if (hex8(verifier.keyHash) !== hash.toLowerCase())
    throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'the verifier key hash does not match its key' });
  return verifier;
}

function makeSigner(name: string, seed: Uint8Array): NoteSigner {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const verifier = makeVerifier(name, spki.subarray(spki.length - 32));
  const encoded = `PRIVATE+KEY+${name}+${hex8(verifier.keyHash)}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`;
  return { name, keyHash: verifier.keyHash, verifier, encoded, sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey) };
}

/**
 * A new random signer. The name may be derived from the public key (a log whose origin embeds its
 * own key id), hence the function form.
 */
export function generateNoteSigner(name: string | ((publicKey: Uint8Array) => string)): NoteSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const resolved = typeof name === 'string' ? name : name(spki.subarray(spki.length - 32));
  checkKeyName(resolved);
  return makeSigner(resolved, pkcs8.subarray(pkcs8.length - 32));
}

export function parseNoteSigner(encoded: string): NoteSigner {
  const parts = splitPlus(encoded.trim(), 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'a signer key has the form PRIVATE+KEY+name+hash+key' });
  }
  const raw = Buffer.from(parts[4], 'base64');
  if (raw.length !== 33 || raw[0] !== ALG_ED25519) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'only Ed25519 signer keys are supported' });
  const signer = makeSigner(parts[2], raw.subarray(1));
  if (hex8(signer.keyHash) !== parts[3].toLowerCase())
    throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'the signer key hash does not match its key' });
  return signer;
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'note text must end with a newline' });
  if (controlCharacters(text, true)) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'note text holds control characters' });
  if (text.includes('\n\n')) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'note text holds a blank line' });
}

/** Sign `text` with every signer; returns the whole note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  const lines = signers.map((s) => {
    const sig = Buffer.concat([Buffer.alloc(4), Buffer.from(s.sign(text))]);
    sig.writeUInt32BE(s.keyHash, 0);
    return `${SIG_PREFIX}${s.name} ${sig.toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

export function parseNote(note: string): ParsedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'no signature block' });
  const text = note.slice(0, split + 1);
  checkText(text);
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith(SIG_PREFIX)) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'a signature line must start with an em dash' });
    const [name, b64, ...rest] = line.slice(SIG_PREFIX.length).split(' ');
    const raw = Buffer.from(b64 ?? '', 'base64');
    if (rest.length || !name || raw.length < 5 || raw.toString('base64') !== b64) {
      throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'malformed signature line' });
    }
    signatures.push({ name, keyHash: raw.readUInt32BE(0), signature: raw.subarray(4) });
  }
  if (!signatures.length) throw new InkstoneError('EVIDENCE_NOTE_MALFORMED', { reason: 'no signatures' });
  return { text, signatures };
}

/** True when the note carries a valid signature by `verifier` (other signers' lines are ignored). */
export function noteSignedBy(parsed: ParsedNote, verifier: NoteVerifier): boolean {
  return parsed.signatures.some((s) => s.name === verifier.name && s.keyHash === verifier.keyHash && verifier.verify(parsed.text, s.signature));
}
