import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src-main/core/db/index.js';
import { verifyAuditChain } from '../../src-main/core/audit/index.js';
import { SealLibrary, decodePng, encodePng, organisationProfile, updateOrganisationProfile } from '../../src-main/core/seals/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

const ORG = { legalName: '北京星河数据科技有限公司', creditCode: '91110108MA01A1B2C7', legalRepresentative: '李四', address: '北京市海淀区中关村大街1号' };

function freshLibrary() {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-seals-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  return { dir, db, seals: new SealLibrary(db, dir, 'tester') };
}

const typed = (code: string) => (err: unknown) => err instanceof InkstoneError && err.code === code;

/** A 40×40 PNG: white paper with a red square in the middle, and a pink (half-inked) pixel. */
function scannedPng(): Uint8Array {
  const rgba = new Uint8Array(40 * 40 * 4).fill(255);
  for (let y = 10; y < 30; y++)
    for (let x = 10; x < 30; x++) {
      const i = (y * 40 + x) * 4;
      rgba.set([220, 20, 30, 255], i);
    }
  rgba.set([238, 138, 143, 255], (5 * 40 + 5) * 4);
  return encodePng(rgba, 40, 40);
}

test('the organisation profile: the credit code must pass the same check as parties; each change is audited', () => {
  const { db } = freshLibrary();
  assert.equal(organisationProfile(db), null);
  assert.throws(() => updateOrganisationProfile(db, 'tester', { ...ORG, creditCode: '91110108MA01A1B2C3' }), typed('INVALID_INPUT'));
  assert.throws(() => updateOrganisationProfile(db, 'tester', { ...ORG, legalName: '  ' }), typed('INVALID_INPUT'));
  assert.equal(organisationProfile(db), null, 'nothing stored after a refusal');
  assert.deepEqual(updateOrganisationProfile(db, 'tester', { ...ORG, creditCode: '91110108ma01a1b2c7' }), ORG);
  assert.deepEqual(organisationProfile(db), ORG);
  const events = db.prepare("SELECT details_json FROM audit_events WHERE action = 'organisation.updated'").all() as Array<{ details_json: string }>;
  assert.equal(events.length, 1);
  assert.deepEqual(JSON.parse(events[0].details_json).after, ORG);
});

test('generating a company seal needs the profile; the stored SVG carries the embedded face and the stamp is the round layout', async () => {
  const { dir, db, seals } = freshLibrary();
  await assert.rejects(seals.generate({ sealType: '合同专用章' }), typed('ORGANISATION_PROFILE_MISSING'));
  updateOrganisationProfile(db, 'tester', ORG);
  const seal = await seals.generate({ sealType: '合同专用章' });
  assert.equal(seal.name, '合同专用章');
  assert.equal(seal.format, 'round');
  assert.equal(seal.widthMm, 42);
  assert.match(seal.preview, /^data:image\/svg\+xml;base64,/);
  const svg = Buffer.from(seal.preview.split(',')[1], 'base64').toString();
  assert.match(svg, /@font-face\{font-family:InkstoneSeal;src:url\(data:font\/ttf;base64,/);
  assert.match(svg, />北<\/text>[\s\S]*>司<\/text>[\s\S]*>合同专用章<\/text>/);
  assert.deepEqual(readdirSync(path.join(dir, 'seals')), [`${seal.sha256}.svg`]);

  const { drawing } = await seals.stamp(seal.id);
  assert.equal(drawing.format, 'round');
  if (drawing.format === 'round') assert.equal(drawing.layout.name.map((g) => g.char).join(''), ORG.legalName);
  assert.deepEqual(
    (await seals.list()).map((s) => s.id),
    [seal.id],
  );
});

test('an imported PNG loses its white paper: ink keeps its colour at its own opacity, paper becomes transparent', async () => {
  const { seals } = freshLibrary();
  const seal = await seals.importFile({ name: '公章（扫描件）', fileName: 'seal.png', bytes: scannedPng() });
  assert.equal(seal.format, 'png');
  const { rgba } = decodePng(Buffer.from(seal.preview.split(',')[1], 'base64'));
  const px = (x: number, y: number) => Array.from(rgba.subarray((y * 40 + x) * 4, (y * 40 + x) * 4 + 4));
  assert.equal(px(0, 0)[3], 0, 'white paper is transparent');
  assert.ok(px(20, 20)[3] > 220 && px(20, 20)[0] > 200 && px(20, 20)[1] < 30, `the red ink stays red and nearly opaque: ${px(20, 20)}`);
  const pink = px(5, 5);
  assert.ok(pink[3] > 60 && pink[3] < 160 && pink[0] > 200 && pink[1] < 60, `a half-inked pixel is red at partial opacity, not pink: ${pink}`);
  await assert.rejects(seals.importFile({ name: 'x', fileName: 'seal.png', bytes: encodePng(new Uint8Array(16).fill(255), 2, 2) }), typed('SEAL_IMAGE_EMPTY'));
  await assert.rejects(
    seals.importFile({ name: 'x', fileName: 'seal.jpg', bytes: Buffer.from('\xff\xd8\xff\xe0 not a png', 'latin1') }),
    typed('SEAL_FILE_TYPE'),
  );
});

const SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">';
test('SVG seals: shapes, groups and transforms are rebuilt; scripts, links, entities, text and foreign content are refused', async () => {
  const { seals } = freshLibrary();
  const ok = await seals.importFile({
    name: '业务专用章',
    fileName: 'seal.svg',
    bytes: Buffer.from(
      `<?xml version="1.0"?><!-- made by hand -->${SVG_HEAD}<title>seal</title><rect width="100" height="100" fill="#fff"/>` +
        `<g transform="translate(50 50)" style="fill:#e60012"><circle r="45" fill="none" stroke="#e60012" stroke-width="4"/><path d="M0-20l6 18h19l-15 11 6 18-16-11-16 11 6-18-15-11h19z"/></g></svg>`,
    ),
  });
  const svg = Buffer.from(ok.preview.split(',')[1], 'base64').toString();
  assert.doesNotMatch(svg, /title|rect|<g|style|#ffffff/, 'only paths are kept; the white background is gone');
  assert.equal((svg.match(/<path /g) ?? []).length, 2);
  assert.match(svg, /stroke="#e60012"/);

  const refused: Array<[string, string, Record<string, unknown>?]> = [
    [`${SVG_HEAD}<script>alert(1)</script></svg>`, 'SEAL_SVG_ELEMENT_REFUSED', { element: 'script' }],
    [`${SVG_HEAD}<circle r="5" onload="alert(1)"/></svg>`, 'SEAL_SVG_ATTRIBUTE_REFUSED', { element: 'circle', attribute: 'onload' }],
    [
      `${SVG_HEAD}<image href="https://example.com/x.png" width="10" height="10"/></svg>`,
      'SEAL_SVG_ATTRIBUTE_REFUSED',
      { element: 'image', attribute: 'href' },
    ],
    [`${SVG_HEAD}<use xlink:href="#a"/></svg>`, 'SEAL_SVG_ATTRIBUTE_REFUSED', { element: 'use', attribute: 'xlink:href' }],
    [`${SVG_HEAD}<circle r="5" fill="url(https://example.com/#g)"/></svg>`, 'SEAL_SVG_REFERENCE_REFUSED', { element: 'circle', attribute: 'fill' }],
    [`${SVG_HEAD}<circle r="5" style="fill: url(#g)"/></svg>`, 'SEAL_SVG_REFERENCE_REFUSED', { element: 'circle', attribute: 'style' }],
    [`${SVG_HEAD}<foreignObject><div/></foreignObject></svg>`, 'SEAL_SVG_ELEMENT_REFUSED', { element: 'foreignObject' }],
    [`${SVG_HEAD}<style>circle{fill:red}</style></svg>`, 'SEAL_SVG_ELEMENT_REFUSED', { element: 'style' }],
    [`<!DOCTYPE svg [<!ENTITY lol "lol">]>${SVG_HEAD}<circle r="5"/></svg>`, 'SEAL_SVG_DECLARATION_REFUSED'],
    [`${SVG_HEAD}<circle r="5"/>&lol;</svg>`, 'SEAL_SVG_DECLARATION_REFUSED'],
    [`${SVG_HEAD}<?php echo 1 ?><circle r="5"/></svg>`, 'SEAL_SVG_DECLARATION_REFUSED'],
    [`${SVG_HEAD}<text>北京星河</text></svg>`, 'SEAL_SVG_TEXT_REFUSED'],
    [`${SVG_HEAD}<path d="M0 0 L javascript"/></svg>`, 'SEAL_SVG_INVALID'],
    [`${SVG_HEAD}<circle r="5"></svg>`, 'SEAL_SVG_INVALID'],
    [`${SVG_HEAD}<rect width="100" height="100" fill="white"/></svg>`, 'SEAL_IMAGE_EMPTY'],
  ];
  for (const [text, code, details] of refused) {
    await assert.rejects(
      seals.importFile({ name: 'x', fileName: 'x.svg', bytes: Buffer.from(text) }),
      (err: unknown) => err instanceof InkstoneError && err.code === code && Object.entries(details ?? {}).every(([k, v]) => err.details[k] === v),
      text,
    );
  }
  await assert.rejects(seals.importFile({ name: 'x', fileName: 'x.svg', bytes: Buffer.alloc(1024 * 1024 + 1, 0x20) }), typed('SEAL_FILE_TOO_LARGE'));
  assert.equal((await seals.list()).length, 1, 'refused files leave nothing behind');
});

test('drawn and typed signatures are vector ink cropped to the writing; typed Chinese uses the Kai face', async () => {
  const { seals } = freshLibrary();
  const drawn = await seals.drawSignature({
    name: '张三的签名',
    width: 400,
    height: 150,
    strokes: [
      {
        points: [
          [50, 100, 0.2],
          [80, 60, 0.5],
          [120, 90, 0.9],
          [160, 40, 1],
        ],
      },
      { points: [[200, 75, 0.5]] },
    ],
  });
  assert.equal(drawn.category, 'signature');
  const svg = Buffer.from(drawn.preview.split(',')[1], 'base64').toString();
  const widths = new Set([...svg.matchAll(/stroke-width="([\d.]+)"/g)].map((m) => m[1]));
  assert.ok(widths.size >= 3, `pressure changes the pen's width: ${[...widths]}`);
  const [, , w] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number);
  assert.ok(w < 200, `cropped to the ink (${w} wide, drawn 150 px across)`);

  const typedSig = await seals.typeSignature({ name: '张三（键入）', text: '张三' });
  assert.equal(typedSig.origin, 'typed');
  assert.match(Buffer.from(typedSig.preview.split(',')[1], 'base64').toString(), /<path d="M/);
  const latin = await seals.typeSignature({ name: 'Anna', text: 'Anna Smith' });
  assert.ok(latin.widthMm > latin.heightMm * 2);
  await assert.rejects(seals.typeSignature({ name: 'x', text: '😀' }), typed('SIGNATURE_TEXT_UNSUPPORTED'));
});

test('disabling keeps the seal and its history but stops stamping; a file changed on disk is not stamped', async () => {
  const { dir, db, seals } = freshLibrary();
  updateOrganisationProfile(db, 'tester', ORG);
  const seal = await seals.generate({ sealType: '公章' });
  const other = await seals.generate({ sealType: '财务专用章' });
  const disabled = await seals.disable(seal.id);
  assert.ok(disabled.disabledAt);
  await seals.disable(seal.id); // twice: no second entry
  await assert.rejects(seals.stamp(seal.id), typed('SEAL_DISABLED'));
  assert.deepEqual(
    (await seals.list()).map((s) => s.id),
    [other.id],
  );
  assert.equal((await seals.list({ includeDisabled: true })).length, 2);
  const actions = (db.prepare('SELECT action FROM audit_events ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action);
  assert.deepEqual(actions, ['organisation.updated', 'seal.created', 'seal.created', 'seal.disabled']);
  assert.equal(verifyAuditChain(db).intact, true);

  writeFileSync(path.join(dir, 'seals', `${other.sha256}.svg`), readFileSync(path.join(dir, 'seals', `${other.sha256}.svg`), 'utf8').replace('财务', '人事'));
  await assert.rejects(seals.stamp(other.id), typed('SEAL_FILE_ALTERED'));
  await assert.rejects(seals.stamp('0'.repeat(32)), typed('SEAL_NOT_FOUND'));
});
