import path from 'node:path';
import { Option, type Command } from 'commander';
import { bundledLongWorkEntry, createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import {
  SigningLevel,
  type Contract,
  type Seal,
  type SigningKeyRef,
  type SigningOutcome,
  type SigningPlacement,
  type SigningPreview,
} from '../../src-shared/api/index.js';
import { placeAtKeyword } from '../../src-main/core/placements/index.js';
import { InkstoneError, isErrorCode } from '../../src-shared/errors/index.js';
import { say, type Language } from '../../src-shared/i18n/index.js';
import { describe } from '../command-table.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { readSecretFromStdin } from '../secret-input.js';
import { CLI_TEXT } from '../text.js';
import { registerContractEvidenceCommand } from './contract-evidence.js';

/**
 * `inkstone contract sign|versions`: the app's signing ceremony over the same core operations
 * (`signing.prepare`, `signing.sign`), on the same library. The signed copy becomes the document's
 * next version, verified at once. Running the command is the consent: the sentence it records is
 * printed on stderr before the key is used. The PIN comes only from standard input.
 */

interface ContractSignOptions {
  document?: string;
  p12?: string;
  pkcs11Module?: string;
  token?: string;
  key?: string;
  pinStdin?: boolean;
  seal?: string;
  page?: string;
  rect?: string;
  atKeyword?: string;
  crossPageSeal?: boolean;
  level: SigningLevel;
  tsa?: string;
  author?: boolean;
  dataDir?: string;
  json?: boolean;
  lang?: string;
}

/** The long-work thread beside the CLI bundle (main.js or a chunk below it), or the source's when run from TypeScript. */
function longWorkEntry() {
  return bundledLongWorkEntry(import.meta.url) ?? bundledLongWorkEntry(new URL('../main.js', import.meta.url).href);
}

/** Call a core operation; a typed error becomes the command's error. */
async function invoke<T>(core: CoreService, operation: string, input: unknown): Promise<T> {
  const r = await core.invoke(operation, input);
  if (r.ok) return r.value as T;
  throw isErrorCode(r.error.code) ? new InkstoneError(r.error.code, r.error.details) : new InkstoneError('INTERNAL');
}

function openCore(dataDir: string | undefined): CoreService {
  const entry = longWorkEntry();
  return createCoreService({ dataDir: resolveDataDir(dataDir), ...(entry ? { longWorkEntry: entry } : {}), log: (m) => process.stderr.write(`${m}\n`) });
}

export function registerContractCommands(program: Command): void {
  const contract = program.command('contract').description(describe('contract'));
  // evidence receipts per version (issue 11)
  registerContractEvidenceCommand(contract);

  contract
    .command('sign')
    .description('sign the latest version of a contract’s document; the verified signed copy becomes its next version')
    .argument('<contract-id>', 'the contract (see `inkstone library search`)')
    .option('--document <id>', 'which document of the contract (default: its only one)')
    .option('--p12 <file>', 'sign with the key in this PKCS#12 file')
    .option('--pkcs11-module <path>', 'PKCS#11 module of the token')
    .option('--token <label>', 'token label')
    .option('--key <label>', 'label of the key (or its certificate) on the token')
    .option('--pin-stdin', 'read the PIN (or PKCS#12 password) from standard input')
    .option('--seal <name>', 'seal or signature of the seal library to stamp (see `inkstone seals list`)')
    .option('--page <n>', 'page of the visible signature (1 = first)')
    .option('--rect <x,y,w,h>', 'box of the visible signature, in points from the lower-left corner')
    .option('--at-keyword <text>', 'put the seal box beside the first place this text occurs, e.g. 甲方（盖章）')
    .option('--cross-page-seal', 'also slice the seal across the right edge of every page (骑缝章)')
    .addOption(new Option('--level <level>', 'PAdES level').choices(SigningLevel.options).default('B-B'))
    .option('--tsa <url>', 'RFC 3161 timestamp server (B-T and above)')
    .option('--author', 'sign as the document’s author (proof of origin) instead of approving it')
    .option('--data-dir <dir>', 'library folder (default: the app’s data folder)')
    .option('--json', 'print {contractId, documentId, version, sha256, verdict}')
    .option('--lang <lang>', 'zh-CN or en')
    .action((contractId: string, opts: ContractSignOptions) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(() => signContract(contractId, opts, lang), lang);
    });

  contract
    .command('versions')
    .description('the documents of a contract and their versions, with each version’s verification verdict')
    .argument('<contract-id>', 'the contract')
    .option('--data-dir <dir>', 'library folder')
    .option('--json', 'print as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((contractId: string, opts: { dataDir?: string; json?: boolean; lang?: string }) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const core = openCore(opts.dataDir);
        try {
          const c = await invoke<Contract>(core, 'contracts.get', { id: contractId });
          const documents = c.documents.map((d) => ({
            documentId: d.id,
            name: d.name,
            versions: d.versions.map((v) => ({
              version: v.number,
              versionId: v.id,
              sha256: v.sha256,
              origin: v.origin,
              verdict: v.verdict,
              createdAt: v.createdAt,
            })),
          }));
          if (opts.json) process.stdout.write(`${JSON.stringify({ contractId: c.id, status: c.status, signatures: c.signatures, documents }, null, 2)}\n`);
          else
            for (const d of documents) {
              process.stdout.write(`${d.name} (${d.documentId})\n`);
              for (const v of d.versions)
                process.stdout.write(
                  `  ${say(CLI_TEXT.contractVersionLine, lang, { n: v.version, origin: v.origin, verdict: v.verdict ?? '—', sha256: v.sha256 })}\n`,
                );
            }
          return EXIT.ok;
        } finally {
          core.close();
        }
      }, lang);
    });
}

async function keyRef(opts: ContractSignOptions): Promise<SigningKeyRef> {
  if (Boolean(opts.p12) === Boolean(opts.pkcs11Module)) throw usage('sign with either --pkcs11-module (and --token, --key) or --p12');
  if (opts.p12) {
    return { kind: 'pkcs12', path: path.resolve(opts.p12) };
  }
  return { kind: 'pkcs11', module: opts.pkcs11Module!, ...(opts.token ? { tokenLabel: opts.token } : {}), ...(opts.key ? { keyLabel: opts.key } : {}) };
}

function placements(opts: ContractSignOptions): SigningPlacement[] {
  if (opts.atKeyword !== undefined && (opts.page !== undefined || opts.rect !== undefined))
    throw usage('place the box either --at-keyword TEXT or at --page N --rect x,y,w,h');
  if ((opts.page === undefined) !== (opts.rect === undefined)) throw usage('a visible signature needs both --page N and --rect x,y,w,h');
  if (opts.page === undefined || opts.rect === undefined) return [];
  const page = Number(opts.page);
  const parts = opts.rect.split(',').map((p) => Number(p.trim()));
  if (!Number.isInteger(page) || page < 1) throw usage(`${opts.page} is not a page number`);
  if (parts.length !== 4 || !parts.every(Number.isFinite)) throw usage(`--rect wants x,y,w,h in points, not "${opts.rect}"`);
  const [x, y, width, height] = parts;
  return [{ page, x, y, width, height, kind: 'seal' }];
}

/** The enabled seal of the library with this name. */
async function sealNamed(core: CoreService, name: string): Promise<Seal> {
  const { seals } = await invoke<{ seals: Seal[] }>(core, 'seals.list', {});
  const seal = seals.find((s) => s.name === name);
  if (!seal) throw usage(`no seal named "${name}" in the seal library (see \`inkstone seals list\`)`);
  return seal;
}

const POINTS_PER_MM = 72 / 25.4;

async function signContract(contractId: string, opts: ContractSignOptions, lang: Language): Promise<number> {
  if (!opts.pinStdin) throw usage('give the PIN (or PKCS#12 password) on standard input with --pin-stdin');
  if (opts.crossPageSeal && !opts.seal) throw usage('--cross-page-seal slices the --seal image; give one');
  const key = await keyRef(opts);
  const boxes = placements(opts);
  const secret = await readSecretFromStdin();
  const pin = Buffer.from(secret).toString('utf8');
  secret.fill(0);
  const core = openCore(opts.dataDir);
  try {
    const c = await invoke<Contract>(core, 'contracts.get', { id: contractId });
    const document = opts.document ? c.documents.find((d) => d.id === opts.document) : c.documents.length === 1 ? c.documents[0] : undefined;
    if (!document)
      throw usage(
        opts.document ? `the contract has no document ${opts.document}` : `the contract has ${c.documents.length} documents: choose one with --document`,
      );
    const latest = document.versions[document.versions.length - 1];
    const seal = opts.seal ? await sealNamed(core, opts.seal) : undefined;
    const sealId = seal?.id;
    if (opts.atKeyword !== undefined) {
      const file = core.library.store.pathFor(core.library.versionDetails(latest.id).sha256);
      const size = seal ? { width: seal.widthMm * POINTS_PER_MM, height: seal.heightMm * POINTS_PER_MM } : undefined;
      boxes.push(await placeAtKeyword(file, opts.atKeyword, size));
    }
    const request = {
      versionId: latest.id,
      key,
      level: opts.level,
      ...(opts.tsa ? { tsaUrl: opts.tsa } : {}),
      commitment: opts.author ? 'proof-of-origin' : 'proof-of-approval',
      placements: boxes,
      ...(sealId ? { sealId } : {}),
      crossPageSeal: Boolean(opts.crossPageSeal),
      lang,
    };
    const preview = await invoke<SigningPreview>(core, 'signing.prepare', { ...request, ...(key.kind === 'pkcs12' ? { password: pin } : {}) });
    for (const finding of preview.check.findings) process.stderr.write(`! ${finding.text}\n`);
    process.stderr.write(`${say(CLI_TEXT.contractConsent, lang, { text: preview.consentText })}\n`);
    const outcome = await invoke<SigningOutcome>(core, 'signing.sign', { ...request, pin, consent: { accepted: true, text: preview.consentText } });
    const { contractId: id, documentId, version, sha256, verdict } = outcome;
    process.stdout.write(
      opts.json
        ? `${JSON.stringify({ contractId: id, documentId, version, sha256, verdict }, null, 2)}\n`
        : `${say(CLI_TEXT.contractSigned, lang, { version, sha256, verdict })}\n`,
    );
    return verdict === 'invalid' ? EXIT.failure : EXIT.ok;
  } finally {
    core.close();
  }
}
