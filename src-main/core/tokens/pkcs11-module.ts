import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { CK, CKR, ckrOf, loadNativeCryptoki, type Cryptoki, type CryptokiLoader } from './cryptoki.js';

/**
 * One loaded and initialised PKCS#11 module. A module may be loaded once per process (C_Initialize
 * is process-wide), so every user takes a reference with {@link Pkcs11Module.acquire} and gives it
 * back with {@link Pkcs11Module.release}; the last release calls C_Finalize and unloads it.
 */
export class Pkcs11Module {
  private refs = 1;

  private constructor(
    readonly path: string,
    readonly api: Cryptoki,
    /** The module accepted CKF_OS_LOCKING_OK, so calls may run on worker threads. */
    readonly threadSafe: boolean,
    /** Someone else in this process initialised the library; it is theirs to finalise. */
    private readonly initializedElsewhere: boolean,
    private readonly registry: Map<string, Pkcs11Module>,
  ) {}

  /** Load (or share the already loaded) module at `modulePath`. Throws TOKEN_MODULE_LOAD_FAILED. */
  static acquire(modulePath: string, loader: CryptokiLoader = loadNativeCryptoki): Pkcs11Module {
    const key = canonicalPath(modulePath);
    let registry = registries.get(loader);
    if (!registry) registries.set(loader, (registry = new Map()));
    const loaded = registry.get(key);
    if (loaded) {
      loaded.refs += 1;
      return loaded;
    }
    let api: Cryptoki;
    try {
      api = loader(modulePath);
    } catch (err) {
      throw new InkstoneError('TOKEN_MODULE_LOAD_FAILED', { path: modulePath, reason: reasonOf(err) }, { cause: err });
    }
    const { threadSafe, initializedElsewhere } = initialize(api, modulePath);
    const module = new Pkcs11Module(key, api, threadSafe, initializedElsewhere, registry);
    registry.set(key, module);
    loadedInThisThread += 1;
    return module;
  }

  release(): void {
    if (this.refs <= 0) return;
    this.refs -= 1;
    if (this.refs > 0) return;
    this.registry.delete(this.path);
    loadedInThisThread -= 1;
    try {
      if (!this.initializedElsewhere) this.api.C_Finalize();
    } finally {
      this.api.close();
    }
  }
}

/** How many modules this thread holds loaded now (a signer holds its module until closed). */
let loadedInThisThread = 0;

/**
 * Whether this thread has any PKCS#11 module loaded, e.g. an open signer. The device watcher does
 * not re-initialise modules meanwhile: C_Finalize is process-wide and would end the signer's session.
 */
export function modulesLoadedInThisThread(): number {
  return loadedInThisThread;
}

/** Loaded modules per loader, so a test's fake layer never shares an entry with the real one. */
const registries = new WeakMap<CryptokiLoader, Map<string, Pkcs11Module>>();

function initialize(api: Cryptoki, modulePath: string): { threadSafe: boolean; initializedElsewhere: boolean } {
  const attempt = (flags?: number): number => {
    try {
      api.C_Initialize(flags === undefined ? undefined : { flags });
      return 0;
    } catch (err) {
      const ckr = ckrOf(err);
      if (!ckr) throw err;
      return ckr.code;
    }
  };
  try {
    // Ask for OS locking so signatures can run off the main thread; a module that cannot lock
    // is initialised plainly and then called from the main thread only.
    let rv = attempt(CK.CKF_OS_LOCKING_OK);
    let threadSafe = true;
    if (rv === CKR.CANT_LOCK) {
      threadSafe = false;
      rv = attempt();
    }
    if (rv === CKR.CRYPTOKI_ALREADY_INITIALIZED) return { threadSafe, initializedElsewhere: true };
    if (rv !== 0) throw new InkstoneError('TOKEN_MODULE_LOAD_FAILED', { path: modulePath, reason: `C_Initialize returned 0x${rv.toString(16)}` });
    return { threadSafe, initializedElsewhere: false };
  } catch (err) {
    api.close();
    if (err instanceof InkstoneError) throw err;
    throw new InkstoneError('TOKEN_MODULE_LOAD_FAILED', { path: modulePath, reason: reasonOf(err) }, { cause: err });
  }
}

function canonicalPath(modulePath: string): string {
  // A bare file name is resolved by the dynamic loader's search path: keep it as given.
  if (!modulePath.includes('/') && !modulePath.includes('\\')) return modulePath;
  try {
    return realpathSync(modulePath);
  } catch {
    return path.resolve(modulePath);
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
