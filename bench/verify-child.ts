// One measured verification, in a process of its own so that its peak RSS is its own. Verifies a
// warm-up PDF first, <warm-ups> times (default 1: the app has loaded and run its code once; more:
// an app in use, whose hot code the JIT has optimised), then times the verification of <file>.
// Prints one JSON line: { ms, maxRssMb, verdict, signatures }.
//   verify <file> <trusted-root.pem> <warm-up.pdf> [warm-ups]
import { verifyPdf } from '../src-main/core/verify/index.js';
import { TrustStore } from '../src-main/core/pki/index.js';

const [file, rootPem, warmUp, warmUps = '1'] = process.argv.slice(2);
const trustStore = await TrustStore.fromFiles([rootPem]);
for (let i = 0; i < Number(warmUps); i++) await verifyPdf(warmUp, { trustStore });
const t = performance.now();
const result = await verifyPdf(file, { trustStore });
const ms = performance.now() - t;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), verdict: result.verdict, signatures: result.signatures.length })}\n`,
);
