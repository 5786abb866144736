import type { Command } from 'commander';
import { installedModules, knownModules, listSlots, type KnownModule, type SlotListing, type TokenKeyEntry } from '../../src-main/core/tokens/index.js';
import { formatErrorMessage, isInkstoneError, serializeError, type SerializedError } from '../../src-shared/errors/index.js';
import { cliLanguage, EXIT, runCommand, usage } from '../run.js';
import { describe } from '../command-table.js';
import { registerEnrolmentCommands } from './token-enrolment.js';

interface ModuleListing {
  module: string;
  middleware: string;
  slots?: SlotListing[];
  error?: SerializedError;
}

/** `inkstone tokens list` — which tokens and keys the machine's PKCS#11 middleware can see. */
export function registerTokensCommands(program: Command): void {
  const tokens = program.command('tokens').description(describe('tokens'));
  registerEnrolmentCommands(tokens);

  tokens
    .command('list')
    .description('list slots, tokens and the certificates and keys on them (no PIN asked)')
    .option(
      '--module <path>',
      `PKCS#11 module to load (default: every installed one of: ${
        knownModules()
          .map((m) => m.middleware)
          .filter(unique)
          .join(', ') || 'none known for this platform'
      })`,
    )
    .option('--json', 'print the listing as JSON (certificates as base64 DER)')
    .option('--lang <lang>', 'zh-CN or en')
    .action((opts: { module?: string; json?: boolean; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const modules: KnownModule[] = opts.module ? [{ path: opts.module, middleware: 'given with --module' }] : installedModules();
        if (modules.length === 0) throw usage('no PKCS#11 module found in the usual places; name one with --module PATH');
        const listings: ModuleListing[] = [];
        for (const m of modules) {
          try {
            listings.push({ module: m.path, middleware: m.middleware, slots: await listSlots({ module: m.path, includeKeys: true }) });
          } catch (err) {
            // One broken middleware must not hide the tokens another one sees.
            if (opts.module || !isInkstoneError(err)) throw err;
            listings.push({ module: m.path, middleware: m.middleware, error: serializeError(err) });
          }
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(listings, jsonBytes, 2)}\n`);
        else for (const l of listings) process.stdout.write(renderModule(l, lang));
        return listings.some((l) => l.error) ? EXIT.failure : EXIT.ok;
      }, lang);
    });
}

function renderModule(listing: ModuleListing, lang: ReturnType<typeof cliLanguage>): string {
  const lines = [`${listing.middleware} — ${listing.module}`];
  if (listing.error) {
    const { code, details } = listing.error;
    lines.push(`  ✗ ${code}: ${formatErrorMessage(code, details, lang)}`);
  }
  const slots = listing.slots ?? [];
  if (listing.slots && slots.length === 0) lines.push('  (no slots)');
  for (const slot of slots) {
    const where = `  slot ${slot.slotId}`;
    const token = slot.token;
    if (!slot.tokenPresent) lines.push(`${where}: no token (${slot.description})`);
    else if (!token) lines.push(`${where}: token cannot be read${slot.problem ? ` (${slot.problem})` : ''}`);
    else if (!token.flags.initialized) lines.push(`${where}: blank token, not initialised (${token.manufacturer} ${token.model})`);
    else {
      lines.push(`${where}: “${token.label}”  serial ${token.serial}  ${token.manufacturer} ${token.model}`);
      const f = token.flags;
      const states = [
        f.loginRequired && 'login required',
        f.pinPad && 'PIN pad',
        f.pinCountLow && 'PIN: wrong entries counted',
        f.pinFinalTry && 'PIN: FINAL TRY',
        f.pinLocked && 'PIN: LOCKED',
        f.pinToBeChanged && 'PIN must be changed',
      ].filter(Boolean);
      if (states.length) lines.push(`      ${states.join(' · ')}`);
      if (slot.problem) lines.push(`      keys could not be read (${slot.problem})`);
      for (const key of slot.keys ?? []) lines.push(renderKey(key, token.flags.loginRequired));
      if (slot.keys?.length === 0) lines.push('      (no certificates or public keys visible without login)');
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderKey(key: TokenKeyEntry, privateHidden: boolean): string {
  const cert = key.certificateSummary;
  const head = `      [${key.id || '—'}] ${key.label || '(no label)'}  ${key.algorithmName}`;
  const lines = [head];
  if (cert) lines.push(`          ${oneLine(cert.subject)}  (issued by ${oneLine(cert.issuer)}; valid to ${cert.validTo.slice(0, 10)})`);
  else lines.push('          no certificate');
  if (key.privateKey) {
    const p = key.privateKey;
    const traits = [
      p.canSign ? 'can sign' : 'cannot sign',
      p.sensitive ? 'sensitive' : 'NOT sensitive',
      p.extractable ? 'EXTRACTABLE' : 'never leaves the token',
    ];
    if (p.alwaysAuthenticate) traits.push('PIN before every signature');
    lines.push(`          private key: ${traits.join(', ')}`);
  } else if (privateHidden) lines.push('          private key: not shown before login');
  return lines.join('\n');
}

/** X.509 names come back one attribute per line; a listing wants them on one. */
const oneLine = (name: string): string => name.split('\n').filter(Boolean).join(', ');

const unique = <T>(value: T, index: number, all: T[]): boolean => all.indexOf(value) === index;

/** JSON.stringify replacer: DER bytes as base64. */
function jsonBytes(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  }
  return value;
}
