import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import {
  EvidenceClient,
  CheckpointWitness,
  documentHash,
  isClaimedTime,
  isEvidenceEvent,
  parseReceipt,
  renderEvidenceCertificate,
  verifyReceipt,
  EVIDENCE_EVENTS,
  type EvidenceEvent,
  type EvidenceReceipt,
} from '../../src-main/core/evidence/index.js';
import { writeFileAtomic } from '../../src-main/core/files/index.js';
import { say } from '../../src-shared/i18n/index.js';
import { formatErrorMessage, InkstoneError } from '../../src-shared/errors/index.js';
import { cliLanguage, EXIT, resolveDataDir, runCommand, usage } from '../run.js';
import { describe } from '../command-table.js';
import { CLI_TEXT } from '../text.js';
import { readToken } from '../token-input.js';

/**
 * `inkstone evidence submit|verify|certificate|lookup` — evidence preservation (存证) from a terminal.
 * `verify` works offline: exit 0 when the file, receipt, proof, checkpoint signature and timestamp
 * all check out, 1 when any does not (the reason on stderr, or every check with --json).
 */

const VERIFY_EXIT = { verified: 0, notVerified: 1 } as const;

function stateDir(explicit?: string): string {
  return explicit ? path.resolve(explicit) : path.join(resolveDataDir(), 'evidence');
}

async function readReceipt(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InkstoneError('IO_ERROR', { reason: (err as Error).message, path: file });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', { reason: `${file} is not JSON` });
  }
}

async function readDocument(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new InkstoneError('IO_ERROR', { reason: (err as Error).message, path: file });
  }
}

function checkLine(check: { check: string; ok: boolean; code?: string; message?: string }): string {
  return `${check.ok ? '✓' : '✗'} ${check.check}${check.ok ? '' : `: ${check.code}: ${check.message}`}`;
}

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description(describe('evidence'));

  evidence
    .command('submit')
    .description('log a document with an evidence service and save its receipt')
    .argument('<file>', 'the PDF')
    .requiredOption('--service <url>', 'evidence service URL')
    .option('--token-stdin', 'read the API token from standard input (else INKSTONE_EVIDENCE_TOKEN)')
    .option('--privacy', 'send only a salted hash: the service never sees the document or its hash')
    .option('--event <event>', `what happened: ${EVIDENCE_EVENTS.join(', ')}`, 'signed')
    .option('--claimed-time <iso>', 'the time you claim for the event (UTC, e.g. 2026-03-01T08:00:00.000Z)')
    .option('--chain <key>', 'your key for the contract, linking its statements into a chain')
    .option('--idempotency-key <key>', 'reuse to make a retried submission land once')
    .option('-o, --output <file>', 'where to write the receipt (default: <file>.receipt.json)')
    .option('--state-dir <dir>', 'where the last checkpoint of each log is remembered')
    .option('--timeout <seconds>', 'how long to wait for the receipt', '60')
    .option('--json', 'print the receipt summary as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((file: string, opts) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        if (!isEvidenceEvent(opts.event)) throw usage(`--event must be one of ${EVIDENCE_EVENTS.join(', ')}`);
        if (opts.claimedTime !== undefined && !isClaimedTime(opts.claimedTime)) throw usage('--claimed-time must look like 2026-03-01T08:00:00.000Z');
        const bytes = await readDocument(file);
        const token = await readToken(opts.tokenStdin);
        const client = new EvidenceClient({ serviceUrl: opts.service, token, stateDir: stateDir(opts.stateDir) });
        const submit = {
          event: opts.event as EvidenceEvent,
          claimedTime: opts.claimedTime,
          chainKey: opts.chain,
          filename: path.basename(file),
          idempotencyKey: opts.idempotencyKey,
        };
        const timeoutMs = Math.max(1, Number(opts.timeout) || 60) * 1000;
        let receipt: EvidenceReceipt;
        if (opts.privacy) {
          const hash = documentHash(bytes);
          const { ack, salt } = await client.submitCommitment(hash, submit);
          receipt = await client.receiptFor(ack, { timeoutMs, opening: { documentSha256: hash, salt } });
        } else {
          const ack = await client.submitDocument(bytes, submit);
          receipt = await client.receiptFor(ack, { timeoutMs });
        }
        // Never hand out a receipt that does not verify against the very file submitted.
        const check = await verifyReceipt(receipt, { document: bytes });
        if (!check.ok) throw new InkstoneError(check.failure!.code, check.failure!.details);
        const output = opts.output ?? `${file}.receipt.json`;
        await writeFileAtomic(output, `${JSON.stringify(receipt, null, 2)}\n`, { overwrite: true });
        const summary = {
          evidenceNumber: receipt.evidenceNumber,
          documentSha256: check.facts!.documentHash,
          existedNoLaterThan: check.facts!.timestamp!.genTime.toISOString(),
          receipt: output,
          privacy: Boolean(opts.privacy),
        };
        if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else process.stdout.write(say(CLI_TEXT.evidenceSubmitted, lang, { number: summary.evidenceNumber, time: summary.existedNoLaterThan, receipt: output }));
        return EXIT.ok;
      }, lang);
    });

  evidence
    .command('verify')
    .description('verify a document against its evidence receipt, offline')
    .argument('<file>', 'the PDF')
    .requiredOption('--receipt <file>', 'the receipt (JSON)')
    .option('--log-key <key...>', 'trusted log verifier key(s) (default: the keys remembered from earlier submissions)')
    .option('--tsa-root <sha256...>', 'trusted TSA root certificate fingerprint(s)')
    .option('--state-dir <dir>', 'where remembered log keys live')
    .option('--json', 'print every check as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((file: string, opts) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const receipt = await readReceipt(opts.receipt);
        const bytes = await readDocument(file);
        let trustedLogKeys: string[] | undefined = opts.logKey;
        let trustedTsaRoots: string[] | undefined = opts.tsaRoot;
        const origin = (receipt as { log?: { origin?: unknown } })?.log?.origin;
        if (!trustedLogKeys && typeof origin === 'string') {
          // Pins from earlier use of this log, read locally: verification stays offline.
          const remembered = await new CheckpointWitness(stateDir(opts.stateDir)).remembered(origin).catch(() => null);
          if (remembered) {
            trustedLogKeys = [remembered.verifierKey];
            trustedTsaRoots ??= remembered.tsaRoots.length ? [...remembered.tsaRoots] : undefined;
          }
        }
        const result = await verifyReceipt(receipt, { document: bytes, trustedLogKeys, trustedTsaRoots });
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else {
          for (const c of result.checks) process.stdout.write(`${checkLine(c)}\n`);
          if (result.ok && result.facts) {
            const f = result.facts;
            process.stdout.write(
              say(CLI_TEXT.evidenceVerified, lang, {
                number: f.evidenceNumber,
                sha256: f.documentHash,
                time: f.timestamp!.genTime.toISOString(),
                tsa: f.timestamp!.tsaSubject,
                log: f.logOrigin,
                fingerprint: f.logKeyFingerprint,
                pinned: f.logKeyPinned ? '' : CLI_TEXT.logKeyNotPinned[lang],
              }),
            );
          }
        }
        if (!result.ok) {
          const f = result.failure!;
          process.stderr.write(`inkstone: ${f.code}: ${formatErrorMessage(f.code, f.details, lang)}\n`);
          return VERIFY_EXIT.notVerified;
        }
        return VERIFY_EXIT.verified;
      }, lang);
    });

  evidence
    .command('certificate')
    .description('write the evidence certificate (出证报告) of a receipt as PDF')
    .requiredOption('--receipt <file>', 'the receipt (JSON)')
    .requiredOption('-o, --output <file>', 'the PDF to write')
    .option('--lang <lang>', 'zh-CN or en', 'zh-CN')
    .action((opts) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const receipt = parseReceipt(await readReceipt(opts.receipt));
        const pdf = await renderEvidenceCertificate(receipt, { lang });
        await writeFileAtomic(opts.output, pdf, { overwrite: true });
        process.stdout.write(`${opts.output}\n`);
        return EXIT.ok;
      }, lang);
    });

  evidence
    .command('lookup')
    .description('look up an evidence number in a log (public: no token needed)')
    .argument('<number>', 'evidence number, e.g. K7Q2M9XA-1234-W')
    .requiredOption('--service <url>', 'evidence service URL')
    .option('--json', 'print the public receipt as JSON')
    .option('--lang <lang>', 'zh-CN or en')
    .action((number: string, opts) => {
      const lang = cliLanguage(opts.lang);
      return runCommand(async () => {
        const client = new EvidenceClient({ serviceUrl: opts.service, stateDir: null });
        const found = await client.lookup(number);
        const result = await verifyReceipt(found);
        if (opts.json) process.stdout.write(`${JSON.stringify({ receipt: found, verification: result }, null, 2)}\n`);
        else {
          for (const c of result.checks) process.stdout.write(`${checkLine(c)}\n`);
          if (result.facts?.timestamp)
            process.stdout.write(`${found.evidenceNumber}: ${result.facts.statement?.event ?? ''} ${result.facts.timestamp.genTime.toISOString()}\n`);
        }
        return result.ok ? EXIT.ok : EXIT.failure;
      }, lang);
    });
}
