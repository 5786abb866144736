// A signing process for the kill tests: signs argv[2] into argv[3] with the PKCS#12 file argv[4]
// (password argv[5]) at level argv[6] (TSA argv[7]), saying "signing" just before it starts and
// "signed" when the output is in place.
import { signDocument, type PadesLevel } from '../../src-main/core/signing/index.js';
import { openPkcs12Signer } from '../../src-main/core/tokens/index.js';

const [input, output, p12, password, level, tsa] = process.argv.slice(2);
const signer = await openPkcs12Signer({ file: p12, password });
process.stdout.write('signing\n');
const started = performance.now();
await signDocument({ input, output, signer, level: level as PadesLevel, ...(tsa ? { timestampUrls: [tsa] } : {}) });
process.stdout.write(`signed ${Math.round(performance.now() - started)}\n`);
await signer.close();
