import { existsSync, realpathSync } from 'node:fs';

/** A PKCS#11 module at a well-known install location. */
export interface KnownModule {
  readonly path: string;
  /** Whose middleware it is, for people choosing among several. */
  readonly middleware: string;
}

/**
 * The USB keys Chinese CAs hand out, where a public source names the module's install location.
 * Each entry cites where it was found (package layouts and setup notes in public repositories).
 *
 * Not listed, for want of a source naming an install path: Feitian's own ePass2003 middleware on
 * Linux and macOS (libcastle.so.1.0.0 appears only in unattributed code excerpts), Longmai GM3000 on
 * Windows and macOS (the SDK ships gm3000_pkcs11.dll and libgm3000_pkcs11.dylib, but says nothing
 * of where its installer puts them), HaiTai (海泰方圆), and the drivers GDCA, CFCA and BJCA issue with
 * their keys. A person with one of these adds the module by path (devices.addModule).
 */
const CHINESE_USB_KEYS: Readonly<Record<'linux' | 'win32', readonly KnownModule[]>> = {
  linux: [
    // Longmai mToken GM3000 (龙脉), UOS packages: willyu2019/gm3000-sdk,
    // UOS系统安装包/用户工具安装包/ReadMe.txt and UOS系统安装包/管理工具安装包/ReadMe.txt.
    { path: '/opt/apps/com.longmai.gm3000user/files/lib/libgm3000_pkcs11.so', middleware: 'Longmai mToken GM3000 (龙脉)' },
    { path: '/opt/apps/com.longmai.gm3000admin/files/lib/libgm3000_pkcs11.so', middleware: 'Longmai mToken GM3000 (龙脉)' },
    // Longmai GM3000 on Kylin (麒麟): willyu2019/gm3000-sdk, 麒麟系统安装包/管理工具安装包/ReadMe.txt.
    { path: '/opt/lm-gm3000admin/lib/libgm3000_pkcs11.so', middleware: 'Longmai mToken GM3000 (龙脉)' },
    // Watchdata ProxKey (握奇): hasthamalp/UNLOCK, 4.software-issues/dsc-issues.md.
    { path: '/usr/lib/WatchData/ProxKey/lib/libwdpkcs_SignatureP11.so', middleware: 'Watchdata ProxKey (握奇)' },
  ],
  win32: [
    // Watchdata ProxKey (握奇): hasthamalp/UNLOCK, 4.software-issues/dsc-issues.md ("Windows\system32 → SignatureP11.dll";
    // its SysWOW64 copy is 32-bit, which a 64-bit Inkstone cannot load).
    { path: 'C:\\Windows\\System32\\SignatureP11.dll', middleware: 'Watchdata ProxKey (握奇)' },
  ],
};

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
    ...CHINESE_USB_KEYS.linux,
  ],
  win32: [
    { path: 'C:\\Windows\\System32\\opensc-pkcs11.dll', middleware: 'OpenSC' },
    { path: 'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll', middleware: 'OpenSC' },
    { path: 'C:\\Windows\\System32\\eTPKCS11.dll', middleware: 'SafeNet Authentication Client (eToken)' },
    { path: 'C:\\Windows\\System32\\IDPrimePKCS11.dll', middleware: 'Thales IDPrime' },
    // Feitian ePass2003 (飞天诚信): also named by hasthamalp/UNLOCK, 4.software-issues/dsc-issues.md.
    { path: 'C:\\Windows\\System32\\eps2003csp11.dll', middleware: 'Feitian ePass2003 (飞天诚信)' },
    { path: 'C:\\Program Files\\Yubico\\Yubico PIV Tool\\bin\\libykcs11.dll', middleware: 'Yubico YKCS11' },
    { path: 'C:\\SoftHSM2\\lib\\softhsm2-x64.dll', middleware: 'SoftHSM 2' },
    ...CHINESE_USB_KEYS.win32,
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
