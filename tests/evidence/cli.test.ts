import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { samplePdf, startHarness, type Harness } from './support/harness.js';
import { cliBundle } from '../support/bundles.js';

/** `inkstone evidence submit | verify | certificate | lookup` as a user runs them. */
const ROOT = path.resolve(import.meta.dirname, '../..');

function inkstone(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBundle(), 'evidence', ...args, '--lang', 'en'], {
      cwd: ROOT,
      env: { ...process.env, INKSTONE_EVIDENCE_TOKEN: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('inkstone evidence (CLI)', () => {
  let h: Harness;
  let token: string;
  let dir: string;
  let pdfPath: string;
  let receiptPath: string;

  before(async () => {
    h = await startHarness();
    token = (await h.tenant('CLI Co')).token;
    dir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-cli-'));
    pdfPath = path.join(dir, '采购合同.pdf');
    writeFileSync(pdfPath, samplePdf('purchase contract'));
    receiptPath = path.join(dir, 'receipt.json');
  });
  after(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('submit writes a receipt; verify passes offline with exit 0 and the remembered log key pinned', async () => {
    const sub = await inkstone(
      ['submit', pdfPath, '--service', h.url, '--token-stdin', '-o', receiptPath, '--state-dir', path.join(dir, 'state')],
      `${token}\n`,
    );
    assert.equal(sub.code, 0, sub.stderr);
    assert.match(sub.stdout, /Evidence number [A-Z2-7]{8}-\d+-[0-9A-Z]/u);
    await h.stop(); // offline from here on
    const ver = await inkstone(['verify', pdfPath, '--receipt', receiptPath, '--state-dir', path.join(dir, 'state'), '--json']);
    assert.equal(ver.code, 0, ver.stderr);
    const result = JSON.parse(ver.stdout);
    assert.equal(result.ok, true);
    assert.equal(result.facts.logKeyPinned, true);
    assert.ok(result.checks.some((c: { check: string }) => c.check === 'timestamp'));
  });

  it('verify exits 1 with the reason: wrong file, altered receipt, bad proof, bad signature', async () => {
    const other = path.join(dir, 'other.pdf');
    writeFileSync(other, samplePdf('a different contract'));
    const wrong = await inkstone(['verify', other, '--receipt', receiptPath]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /EVIDENCE_DOCUMENT_MISMATCH/u);

    const receipt = JSON.parse(readFileSync(receiptPath, 'utf8'));
    const write = (name: string, r: unknown) => {
      const p = path.join(dir, name);
      writeFileSync(p, JSON.stringify(r));
      return p;
    };
    const badProof = write('proof.json', { ...receipt, inclusionProof: { ...receipt.inclusionProof, treeSize: receipt.inclusionProof.treeSize + 3 } });
    const bp = await inkstone(['verify', pdfPath, '--receipt', badProof]);
    assert.equal(bp.code, 1);
    assert.match(bp.stderr, /EVIDENCE_PROOF_INVALID/u);
    const badSig = write('sig.json', { ...receipt, checkpoint: receipt.checkpoint.replace(/\n(\d+)\n/u, (_: string, n: string) => `\n${Number(n) + 1}\n`) });
    const bs = await inkstone(['verify', pdfPath, '--receipt', badSig]);
    assert.equal(bs.code, 1);
    assert.match(bs.stderr, /EVIDENCE_CHECKPOINT_SIGNATURE_INVALID/u);
  });

  it('--privacy: the service never sees the hash, the receipt still verifies', async () => {
    h = await startHarness();
    token = (await h.tenant('Private Co')).token;
    const out = path.join(dir, 'private.json');
    const sub = await inkstone(
      ['submit', pdfPath, '--service', h.url, '--token-stdin', '--privacy', '-o', out, '--state-dir', path.join(dir, 'state2'), '--json'],
      token,
    );
    assert.equal(sub.code, 0, sub.stderr);
    assert.equal(JSON.parse(sub.stdout).privacy, true);
    const hash = JSON.parse(readFileSync(out, 'utf8')).document.hash;
    const rows = await h.service.ctx.db.all('SELECT document_hash, salt FROM entries');
    assert.ok(
      rows.every((r) => r.document_hash === null && r.salt === null),
      'no hash or salt stored',
    );
    assert.ok(!JSON.stringify(await h.service.ctx.db.all('SELECT * FROM entries')).includes(hash));
    assert.equal((await inkstone(['verify', pdfPath, '--receipt', out])).code, 0);
  });

  it('certificate renders a PDF; lookup finds the number publicly; missing token is a usage error', async () => {
    const cert = path.join(dir, 'certificate.pdf');
    const c = await inkstone(['certificate', '--receipt', receiptPath, '-o', cert, '--lang', 'zh-CN']);
    assert.equal(c.code, 0, c.stderr);
    assert.ok(readFileSync(cert).subarray(0, 5).equals(Buffer.from('%PDF-')));
    const out = path.join(dir, 'private.json');
    const number = JSON.parse(readFileSync(out, 'utf8')).evidenceNumber;
    const look = await inkstone(['lookup', number, '--service', h.url]);
    assert.equal(look.code, 0, look.stderr);
    assert.match(look.stdout, /✓ inclusion/u);
    const noToken = await inkstone(['submit', pdfPath, '--service', h.url]);
    assert.notEqual(noToken.code, 0);
    assert.match(noToken.stderr, /USAGE/u);
    // Independent judges of the PDF.
    execFileSync('qpdf', ['--check', cert], { stdio: 'ignore' });
  });
});
