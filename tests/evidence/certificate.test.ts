import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EvidenceClient, renderEvidenceCertificate, type EvidenceReceipt } from '../../src-main/core/evidence/index.js';
import { api, samplePdf, startHarness, type Harness } from './support/harness.js';

/** The evidence certificate (出证报告), judged by poppler: fonts embedded, renders cleanly, says what it must. */
describe('evidence certificate PDF', () => {
  let h: Harness;
  let dir: string;
  let receipt: EvidenceReceipt;
  let token: string;
  before(async () => {
    h = await startHarness();
    token = (await h.tenant('Certificate Co')).token;
    const client = new EvidenceClient({ serviceUrl: h.url, token, stateDir: null });
    for (let i = 0; i < 4; i++) await client.submitDocument(samplePdf(`c${i}`), { event: 'registered' });
    const ack = await client.submitDocument(samplePdf('certified contract'), { event: 'signed' });
    receipt = await client.fetchReceipt(ack.evidenceNumber);
    dir = mkdtempSync(path.join(tmpdir(), 'inkstone-evidence-cert-'));
  });
  after(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: embedded font, clean render, evidence number, hash and every proof step`, async () => {
      const file = path.join(dir, `cert-${lang}.pdf`);
      writeFileSync(file, await renderEvidenceCertificate(receipt, { lang }));
      const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' });
      assert.equal(fonts.status, 0);
      assert.match(fonts.stdout, /CID (TrueType|Type 0C)\s+Identity-H\s+yes/u);
      const png = spawnSync('pdftoppm', ['-r', '40', '-png', file, path.join(dir, `page-${lang}`)], { encoding: 'utf8' });
      assert.equal(png.status, 0);
      assert.equal(png.stderr, '', 'poppler renders without complaint');
      const pages = readdirSync(dir).filter((f) => f.startsWith(`page-${lang}`));
      assert.ok(pages.length >= 1 && pages.every((p) => statSync(path.join(dir, p)).size > 5000));
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      assert.ok(text.includes(receipt.evidenceNumber));
      assert.ok(text.replace(/\s+/gu, '').includes(receipt.document!.hash));
      assert.ok(text.includes(lang === 'zh-CN' ? '电子数据存证证明' : 'Evidence Certificate'));
      assert.ok(text.includes(lang === 'zh-CN' ? '核验结论：本回执的全部校验均已通过' : 'every check of this receipt passed'));
      const steps = text.match(lang === 'zh-CN' ? /第 \d+ 步/gu : /Step \d+:/gu) ?? [];
      assert.equal(steps.length, receipt.inclusionProof.hashes.length);
    });
  }

  it('a tampered receipt gives a certificate that says so', async () => {
    const bad = { ...receipt, document: { ...receipt.document!, salt: '0'.repeat(64) } };
    const file = path.join(dir, 'bad.pdf');
    writeFileSync(file, await renderEvidenceCertificate(bad, { lang: 'en' }));
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    assert.match(text, /did NOT verify/u);
  });

  it('the service serves the certificate to the tenant and records the read', async () => {
    const res = await fetch(`${h.url}/v1/receipts/${receipt.evidenceNumber}/certificate?lang=zh-CN`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.ok(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .equals(Buffer.from('%PDF-')),
    );
    const log = await api(h, 'GET', '/v1/access-log', { token });
    assert.ok(log.body.records.some((r: { action: string; subject: string }) => r.action === 'certificate.read' && r.subject === receipt.evidenceNumber));
  });
});
