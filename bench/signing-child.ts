// One measured operation of the signing bench, in a process of its own so that its peak RSS is its
// own. Prints one JSON line: { ms, maxRssMb } (or { ms, docsPerSecond, maxRssMb } for a batch).
//   sign-inkstone <in> <out> <p12> <password> <warm-up.pdf>   Inkstone, PAdES B-B, the key from a PKCS#12 file
//   sign-signpdf  <in> <out> <p12> <password> <warm-up.pdf>   @signpdf/signpdf with the same PKCS#12 file
// Both first sign the one-page warm-up PDF three times, as a running app has, and time only the next signature.
//   batch <dir> <count> <token-label> <key-label> <pin>   one SoftHSM login, <count> documents
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [mode, ...args] = process.argv.slice(2);
const report = (extra: Record<string, number>) =>
  process.stdout.write(`${JSON.stringify({ ...extra, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);

if (mode === 'sign-inkstone') {
  const [input, output, p12, password, warmUp] = args;
  const { signDocument } = await import('../src-main/core/signing/index.js');
  const { openPkcs12Signer } = await import('../src-main/core/tokens/index.js');
  const signer = await openPkcs12Signer({ file: p12, password });
  for (let i = 0; i < 3; i++) await signDocument({ input: warmUp, output: `${output}.warm-up-${i}.pdf`, signer });
  const t = performance.now();
  await signDocument({ input, output, signer });
  report({ ms: performance.now() - t });
  await signer.close();
} else if (mode === 'sign-signpdf') {
  const [input, output, p12, password, warmUp] = args;
  const { plainAddPlaceholder } = await import('@signpdf/placeholder-plain');
  const { P12Signer } = await import('@signpdf/signer-p12');
  const { SignPdf } = await import('@signpdf/signpdf');
  const signpdf = new SignPdf();
  const key = readFileSync(p12);
  const sign = async (from: string, to: string): Promise<void> => {
    const pdf = plainAddPlaceholder({ pdfBuffer: readFileSync(from), reason: 'bench', contactInfo: '', name: 'bench', location: '' });
    // A P12Signer reads its file as it signs: one per signature.
    writeFileSync(to, await signpdf.sign(pdf, new P12Signer(key, { passphrase: password })));
  };
  for (let i = 0; i < 3; i++) await sign(warmUp, `${output}.warm-up-${i}.pdf`);
  const t = performance.now();
  await sign(input, output);
  report({ ms: performance.now() - t });
} else if (mode === 'batch') {
  const [dir, count, tokenLabel, keyLabel, pin] = args;
  const { signBatch } = await import('../src-main/core/signing/index.js');
  const { openPkcs11Signer } = await import('../src-main/core/tokens/index.js');
  const { SOFTHSM_MODULE } = await import('../tests/support/softhsm.js');
  const inputs = readdirSync(path.join(dir, 'in')).sort().slice(0, Number(count));
  const signer = await openPkcs11Signer({ module: SOFTHSM_MODULE, token: { label: tokenLabel }, key: { label: keyLabel }, pin });
  const t = performance.now();
  const result = await signBatch({ documents: inputs.map((f) => ({ input: path.join(dir, 'in', f), output: path.join(dir, 'out', f) })), signer });
  const ms = performance.now() - t;
  await signer.close();
  if (result.failed) throw new Error(`${result.failed} documents failed: ${JSON.stringify(result.outcomes.find((o) => o.status === 'failed'))}`);
  report({ ms, docsPerSecond: (result.signed / ms) * 1000 });
} else {
  throw new Error(`unknown mode ${mode}`);
}
