import { existsSync, realpathSync } from 'node:fs';

/** A PKCS#11 module at a well-known install location. */
export interface KnownModule {
  readonly path: string;
  /** Whose middleware it is, for people choosing among several. */
  readonly middleware: string;
}

/**
 * Where common token middleware installs its PKCS#11 module, per platform. These are the vendors'
 * default locations; anything else is found by passing its path. p11-kit's proxy is left out on
 * purpose: it re-exports the modules listed here, so every token would appear twice.
 */
const KNOWN_MODULES: Readonly<Partial<Record<NodeJS.Platform, readonly KnownModule[]>>> = {
  linux: [
    { path: '/usr/lib/softhsm/libsofthsm2.so', middleware: 'SoftHSM 2' },
    { path: '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', middleware: 'SoftHSM 2' },
    { path: '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so', middleware: 'SoftHSM 2' },
    { path: '/usr/lib64/pkcs11/libsofthsm2.so', middleware: 'SoftHSM 2' },
    { path: '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', middleware: 'OpenSC' },
    { path: '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so', middleware: 'OpenSC' },
    { path: '/usr/lib64/opensc-pkcs11.so', middleware: 'OpenSC' },
    { path: '/usr/lib/libeTPkcs11.so', middleware: 'SafeNet Authentication Client (eToken)' },
    { path: '/usr/lib/libIDPrimePKCS11.so', middleware: 'Thales IDPrime' },
    { path: '/usr/lib/x86_64-linux-gnu/libykcs11.so', middleware: 'Yubico YKCS11' },
  ],
  win32: [
    { path: 'C:\\Windows\\System32\\opensc-pkcs11.dll', middleware: 'OpenSC' },
    { path: 'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll', middleware: 'OpenSC' },
    { path: 'C:\\Windows\\System32\\eTPKCS11.dll', middleware: 'SafeNet Authentication Client (eToken)' },
    { path: 'C:\\Windows\\System32\\IDPrimePKCS11.dll', middleware: 'Thales IDPrime' },
    { path: 'C:\\Windows\\System32\\eps2003csp11.dll', middleware: 'Feitian ePass2003' },
    { path: 'C:\\Program Files\\Yubico\\Yubico PIV Tool\\bin\\libykcs11.dll', middleware: 'Yubico YKCS11' },
    { path: 'C:\\SoftHSM2\\lib\\softhsm2-x64.dll', middleware: 'SoftHSM 2' },
  ],
  darwin: [
    { path: '/Library/OpenSC/lib/opensc-pkcs11.so', middleware: 'OpenSC' },
    { path: '/usr/local/lib/libeTPkcs11.dylib', middleware: 'SafeNet Authentication Client (eToken)' },
    { path: '/usr/local/lib/libIDPrimePKCS11.dylib', middleware: 'Thales IDPrime' },
    { path: '/usr/local/lib/libykcs11.dylib', middleware: 'Yubico YKCS11' },
    { path: '/opt/homebrew/lib/softhsm/libsofthsm2.so', middleware: 'SoftHSM 2' },
    { path: '/usr/local/lib/softhsm/libsofthsm2.so', middleware: 'SoftHSM 2' },
  ],
};

/** Every well-known module location for a platform, installed or not. */
export function knownModules(platform: NodeJS.Platform = process.platform): readonly KnownModule[] {
  return KNOWN_MODULES[platform] ?? [];
}

/** The well-known modules present on this machine, each file once (distributions symlink them). */
export function installedModules(platform: NodeJS.Platform = process.platform): KnownModule[] {
  const seen = new Set<string>();
  return knownModules(platform).filter((m) => {
    if (!existsSync(m.path)) return false;
    const real = realpathSync(m.path);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}
