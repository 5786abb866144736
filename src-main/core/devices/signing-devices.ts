import { statSync } from 'node:fs';
import path from 'node:path';
import type { DeviceInventory, Pkcs12Entry } from '../../../src-shared/api/devices.js';
import type { Settings } from '../../../src-shared/api/model.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { installedModules, modulesLoadedInThisThread } from '../tokens/index.js';
import type { CertificateImportArgs, CertificateRequestArgs, DeviceScanner } from './device-scanner.js';
import type { CertificateRequestResult } from './enrolment.js';
import { watchDevices, type DeviceWatch } from './device-watch.js';
import { describeModule, describePkcs12File, type ModuleSource } from './inventory.js';

/** The most modules and files the person may add (the settings schema's limit). */
export const MAX_REMEMBERED = 32;

export interface SigningDevicesOptions {
  readonly scanner: DeviceScanner;
  /** Reads and stores the remembered module and file paths. */
  readonly settings: { get(): Settings; update(patch: Partial<Settings>): Promise<Settings> };
  /** CA certificates to complete chains with (the library's trusted certificates). */
  readonly issuers?: () => Promise<readonly Uint8Array[]>;
  /** The well-known modules present here (default: known-modules.ts, checked on disk). */
  readonly knownModules?: () => ReadonlyArray<{ path: string; middleware: string }>;
  /** Told when a token was inserted or removed (the service turns it into a `devices.changed` event). */
  readonly onChange?: () => void;
  readonly now?: () => Date;
  readonly watchIntervalMs?: number;
}

/**
 * The signing devices screen's core: which modules and files to look at (well-known modules found
 * on disk, plus what the person added), their listing, and hot-plug watching, which starts with the
 * first listing (someone is looking) and runs until `close`.
 */
export class SigningDevices {
  private watch: DeviceWatch | undefined;

  constructor(private readonly options: SigningDevicesOptions) {}

  /** Every module the screen shows: well-known ones installed here first, then the person's. */
  modules(): ModuleSource[] {
    const known = (this.options.knownModules ?? installedModules)().map((m) => ({ path: m.path, middleware: m.middleware, userAdded: false }));
    const added = this.options.settings
      .get()
      .pkcs11Modules.filter((p) => !known.some((k) => k.path === p))
      .map((p) => ({ path: p, middleware: '', userAdded: true }));
    return [...known, ...added];
  }

  async list(): Promise<DeviceInventory> {
    this.startWatching();
    const now = this.now();
    const issuers = (await this.options.issuers?.()) ?? [];
    const modules = [];
    // One module at a time: they share the device thread, and each has its own deadline there.
    for (const source of this.modules()) modules.push(describeModule(source, await this.options.scanner.scan(source.path), { issuers, now }));
    const pkcs12Files = await Promise.all(this.options.settings.get().pkcs12Files.map((file) => describePkcs12File(file, { issuers, now })));
    return { modules, pkcs12Files, listedAt: now.toISOString() };
  }

  /** Remember a module the person chose; it must be an existing file. */
  async addModule(modulePath: string): Promise<DeviceInventory> {
    await this.remember('pkcs11Modules', checkedFile(modulePath));
    return this.list();
  }

  async removeModule(modulePath: string): Promise<DeviceInventory> {
    await this.forget('pkcs11Modules', modulePath);
    return this.list();
  }

  async rememberPkcs12(file: string): Promise<DeviceInventory> {
    await this.remember('pkcs12Files', checkedFile(file));
    return this.list();
  }

  async forgetPkcs12(file: string): Promise<DeviceInventory> {
    await this.forget('pkcs12Files', file);
    return this.list();
  }

  /** A PKCS#12 file's certificates, opened with a password used for this call only. */
  async openPkcs12(file: string, password: string): Promise<Pkcs12Entry> {
    const issuers = (await this.options.issuers?.()) ?? [];
    const entry = await describePkcs12File(checkedFile(file), { issuers, now: this.now(), password });
    return entry;
  }

  /** 证书申请 on a token, in the device thread; the listing is announced changed (a new key is on the token). */
  async requestCertificate(args: CertificateRequestArgs): Promise<CertificateRequestResult> {
    const result = await this.options.scanner.requestCertificate(args);
    this.options.onChange?.();
    return result;
  }

  /** The issued certificate and its chain onto the token, beside the key. */
  async importCertificate(args: CertificateImportArgs): Promise<{ keyId: string; stored: number }> {
    const result = await this.options.scanner.importCertificate(args);
    this.options.onChange?.();
    return result;
  }

  /** Resolves after the next hot-plug check (starting the watch if needed). */
  nextCheck(): Promise<void> {
    this.startWatching();
    return this.watch!.nextCheck();
  }

  async close(): Promise<void> {
    this.watch?.stop();
    this.watch = undefined;
    await this.options.scanner.close();
  }

  private startWatching(): void {
    this.watch ??= watchDevices({
      scanner: this.options.scanner,
      modules: () => this.modules().map((m) => m.path),
      onChange: () => this.options.onChange?.(),
      // A signer open in this thread holds its module: re-initialising it would end its session.
      mayReinitialize: () => modulesLoadedInThisThread() === 0,
      intervalMs: this.options.watchIntervalMs,
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async remember(key: 'pkcs11Modules' | 'pkcs12Files', file: string): Promise<void> {
    const current = this.options.settings.get()[key];
    if (current.includes(file)) return;
    if (current.length >= MAX_REMEMBERED) throw new InkstoneError('DEVICE_TOO_MANY', { max: MAX_REMEMBERED });
    await this.options.settings.update({ [key]: [...current, file] });
  }

  private async forget(key: 'pkcs11Modules' | 'pkcs12Files', file: string): Promise<void> {
    const current = this.options.settings.get()[key];
    if (!current.includes(file)) throw new InkstoneError('DEVICE_NOT_REMEMBERED', { path: file });
    await this.options.settings.update({ [key]: current.filter((p) => p !== file) });
  }
}

/** An absolute path to an existing regular file, normalised; typed errors otherwise. */
function checkedFile(file: string): string {
  if (!path.isAbsolute(file)) throw new InkstoneError('DEVICE_PATH_NOT_ABSOLUTE', { path: file });
  const normal = path.normalize(file);
  let isFile = false;
  try {
    isFile = statSync(normal).isFile();
  } catch {
    // reported below
  }
  if (!isFile) throw new InkstoneError('DEVICE_FILE_NOT_FOUND', { path: normal });
  return normal;
}
