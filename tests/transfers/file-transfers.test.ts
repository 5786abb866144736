import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileTransfers, TRANSFER_IDLE_MS } from '../../src-main/core/transfers/index.js';

function setUp(now?: () => number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-transfers-'));
  return { dir, transfers: new FileTransfers(dir, { maxUploadBytes: 1000, now }), done: () => rmSync(dir, { recursive: true, force: true }) };
}
const code = (e: unknown) => (e as { code?: string }).code;

test('an upload is usable only once complete, holding exactly the declared bytes', async () => {
  const { transfers, done } = setUp();
  try {
    const slot = await transfers.beginUpload({ name: '../../合同.pdf', size: 5 });
    await assert.rejects(transfers.read(slot.id), (e) => code(e) === 'TRANSFER_NOT_FOUND', 'not before finish');
    writeFileSync(slot.path, 'abc');
    await assert.rejects(transfers.finishUpload(slot.id), (e) => code(e) === 'TRANSFER_INCOMPLETE');
    assert.equal(existsSync(slot.path), false, 'a short upload is removed');

    const again = await transfers.beginUpload({ name: '../../合同.pdf', size: 5 });
    writeFileSync(again.path, 'abcde');
    await transfers.finishUpload(again.id);
    const read = await transfers.read(again.id);
    assert.equal(read.name, '合同.pdf', 'no folders in a name');
    assert.equal(read.bytes.toString(), 'abcde');
    await transfers.discard(again.id);
    await assert.rejects(transfers.read(again.id), (e) => code(e) === 'TRANSFER_NOT_FOUND');
    assert.equal(existsSync(again.path), false);
  } finally {
    done();
  }
});

test('sizes over the cap, odd sizes and ids that are not ours are refused', async () => {
  const { transfers, done } = setUp();
  try {
    await assert.rejects(transfers.beginUpload({ name: 'a', size: 1001 }), (e) => code(e) === 'BODY_TOO_LARGE');
    await assert.rejects(transfers.beginUpload({ name: 'a', size: -1 }), (e) => code(e) === 'INVALID_INPUT');
    await assert.rejects(transfers.beginUpload({ name: 'a', size: 1.5 }), (e) => code(e) === 'INVALID_INPUT');
    assert.throws(
      () => transfers.open('../../etc/passwd'),
      (e) => code(e) === 'TRANSFER_NOT_FOUND',
    );
    const slot = await transfers.beginUpload({ name: 'a', size: 1 });
    assert.throws(
      () => transfers.open(slot.id),
      (e) => code(e) === 'TRANSFER_NOT_FOUND',
      'an upload is not a download',
    );
  } finally {
    done();
  }
});

test('downloads: produced bytes and stored files, gone after 30 idle minutes (each use restarts the clock)', async () => {
  let now = 1_000_000;
  const { dir, transfers, done } = setUp(() => now);
  try {
    const stored = path.join(dir, 'stored.pdf');
    writeFileSync(stored, '%PDF-stored');
    const report = await transfers.offerBytes(Buffer.from('%PDF-report'), 'r.pdf');
    const version = await transfers.offerFile(stored, 'v.pdf');
    assert.equal(transfers.open(report.fileId).size, 11);
    assert.equal(transfers.open(version.fileId).path, stored, 'a stored file is read in place');
    now += TRANSFER_IDLE_MS - 1;
    transfers.open(report.fileId);
    now += TRANSFER_IDLE_MS - 1;
    assert.ok(transfers.open(report.fileId), 'used within the window');
    assert.throws(
      () => transfers.open(version.fileId),
      (e) => code(e) === 'TRANSFER_NOT_FOUND',
    );
    const reportPath = transfers.open(report.fileId).path;
    now += TRANSFER_IDLE_MS + 1;
    await transfers.offerBytes(Buffer.from('x'), 'other.pdf'); // any new transfer expires the old ones
    assert.equal(existsSync(reportPath), false, 'our own temp file is removed');
    assert.equal(existsSync(stored), true, 'a stored file is never removed');
  } finally {
    done();
  }
});

test('folders a dead process left are removed at start; a live one and recent ones stay', async () => {
  const { dir, transfers, done } = setUp();
  try {
    const root = path.join(dir, 'transfers');
    mkdirSync(path.join(root, 'old'), { recursive: true });
    mkdirSync(path.join(root, 'recent'), { recursive: true });
    const day = 24 * 3600;
    utimesSync(path.join(root, 'old'), Date.now() / 1000 - 2 * day, Date.now() / 1000 - 2 * day);
    await transfers.offerBytes(Buffer.from('x'), 'mine.pdf');
    assert.equal(await transfers.sweepAbandoned(), 1);
    assert.equal(readdirSync(root).length, 2);
    await transfers.close();
    assert.deepEqual(readdirSync(root), ['recent']);
  } finally {
    done();
  }
});
