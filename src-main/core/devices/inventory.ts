import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CertificateRef, DeviceCertificate, DeviceModule, DeviceSlot, DeviceToken, KeyStorage, Pkcs12Entry } from '../../../src-shared/api/devices.js';
import { readPkcs12, type TokenKeyEntry, type TokenSummary } from '../tokens/index.js';
import { describeDeviceCertificate } from './certificate-facts.js';
import type { ModuleScan, SlotScan } from './module-scan.js';

/** A module to list, and how it came to be listed. */
export interface ModuleSource {
  readonly path: string;
  readonly middleware: string;
  readonly userAdded: boolean;
}

/** One module's listing from its scan: every slot, token and certificate, each certificate judged. */
export function describeModule(source: ModuleSource, scan: ModuleScan, context: { issuers: readonly Uint8Array[]; now: Date }): DeviceModule {
  if (!scan.ok) return { ...source, slots: [], error: scan.error };
  return { ...source, slots: scan.slots.map((slot) => describeSlot(source.path, slot, context)) };
}

function describeSlot(module: string, slot: SlotScan, context: { issuers: readonly Uint8Array[]; now: Date }): DeviceSlot {
  const token: DeviceToken | null = slot.token
    ? {
        label: slot.token.label,
        serial: slot.token.serial,
        manufacturer: slot.token.manufacturer,
        model: slot.token.model,
        initialized: slot.token.flags.initialized,
        loginRequired: slot.token.flags.loginRequired,
        pinPad: slot.token.flags.pinPad,
        pinCountLow: slot.token.flags.pinCountLow,
        pinFinalTry: slot.token.flags.pinFinalTry,
        pinLocked: slot.token.flags.pinLocked,
        certificates: slot.objects ? tokenCertificates(module, slot.token, slot.objects, context) : [],
      }
    : null;
  return {
    slotId: slot.slotId,
    description: slot.description,
    manufacturer: slot.manufacturer,
    removable: slot.removableDevice,
    token,
    ...(slot.problem ? { problem: slot.problem } : {}),
  };
}

function tokenCertificates(
  module: string,
  token: TokenSummary,
  objects: NonNullable<SlotScan['objects']>,
  context: { issuers: readonly Uint8Array[]; now: Date },
): DeviceCertificate[] {
  const issuers = [...objects.certificates, ...context.issuers];
  return objects.keys.flatMap((entry) => {
    if (!entry.certificate) return [];
    const storage = keyStorageOf(entry);
    const ref: CertificateRef = { kind: 'pkcs11', module, tokenSerial: token.serial, tokenLabel: token.label, keyId: entry.id };
    const described = describeDeviceCertificate(entry.certificate, {
      ref,
      keyStorage: storage,
      label: entry.label,
      issuers,
      // Without a login a token may hide its private keys; only one that shows them can be said to lack one.
      privateKeyMissing: entry.privateKey === null && !token.flags.loginRequired,
      now: context.now,
    });
    // A CA certificate kept on the token has no key to sign with.
    if (described?.isCa && entry.privateKey === null) return [{ ...described, ref: null }];
    return described ? [described] : [];
  });
}

function keyStorageOf(entry: TokenKeyEntry): KeyStorage {
  const key = entry.privateKey;
  if (!key) return 'token-hidden';
  return key.sensitive && !key.extractable ? 'hardware' : 'token-extractable';
}

/**
 * A remembered PKCS#12 file. Its certificates are shown when the file opens without a password or
 * with the one given now (used for this call only, never stored); otherwise `needsPassword`.
 */
export async function describePkcs12File(file: string, context: { issuers: readonly Uint8Array[]; now: Date; password?: string }): Promise<Pkcs12Entry> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { path: file, name, present: false, certificates: [], needsPassword: false };
  }
  let contents: Awaited<ReturnType<typeof readPkcs12>>;
  try {
    contents = await readPkcs12(bytes, context.password ?? '', name);
  } catch (err) {
    // Without a password, any failure means "ask for it"; with one, the caller reports the error.
    if (context.password !== undefined) throw err;
    return { path: file, name, present: true, certificates: [], needsPassword: true };
  }
  const keyIds = new Set(contents.keys.map((k) => k.localKeyId).filter((id) => id !== undefined));
  const issuers = [...contents.certificates.map((c) => c.der), ...context.issuers];
  const certificates = contents.certificates.flatMap((item) => {
    const belongsToKey = item.localKeyId !== undefined ? keyIds.has(item.localKeyId) : contents.keys.length > 0;
    const label = item.friendlyName ?? '';
    const described = describeDeviceCertificate(item.der, {
      ref: { kind: 'pkcs12', path: file, ...(label ? { keyLabel: label } : {}) },
      keyStorage: 'file',
      label,
      issuers,
      privateKeyMissing: false,
      now: context.now,
    });
    if (!described) return [];
    return [belongsToKey && !described.isCa ? described : { ...described, ref: null }];
  });
  return { path: file, name, present: true, certificates, needsPassword: false };
}
