// Importing one 100 MB PDF through the UI (headless Chromium → browser host → core), as a person
// does: the file picker, the upload, the import. Wall time and the peak memory of every process,
// against copying and hashing the same file (the least any import must do) in the same run.
//   npm run build && node --import tsx bench/ui-import.ts [megabytes]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/support/chromium.js';
import { writeScannedContract } from './large-pdf.js';
import { writeResultsSection } from './results.js';

const MB = Number(process.argv[2] ?? 100);
const ROOT = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'inkstone-bench-ui-import-'));
const pdf = path.join(work, 'scan.pdf');
writeScannedContract(pdf, MB * 1024 * 1024, 20);

/** Peak resident memory of a process (VmHWM), in MiB. */
function peakMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
/** Every descendant of a process (Chromium's renderer, GPU and utility processes). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

// Baseline: copy the file and hash it.
const t0 = performance.now();
copyFileSync(pdf, path.join(work, 'copy.pdf'));
createHash('sha256')
  .update(readFileSync(path.join(work, 'copy.pdf')))
  .digest('hex');
const baselineMs = performance.now() - t0;

// The app: the browser host (with its core thread) as its own process, Chromium driving the page.
const dataDir = path.join(work, 'data');
const host = spawn(process.execPath, [path.join(ROOT, 'dist/src-main/host/cli.js'), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /Open:\s+(\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  host.once('exit', (code) => reject(new Error(`host exited ${code}`)));
});
const browser = await launchChromium(path.join(work, 'profile'), { locale: 'en-US' });
const page = browser.pages()[0] ?? (await browser.newPage());
await page.goto(url);
await page.getByRole('button', { name: 'Import PDFs…' }).first().waitFor();
const started = performance.now();
const chooser = page.waitForEvent('filechooser');
await page.getByRole('button', { name: 'Import PDFs…' }).first().click();
await (await chooser).setFiles(pdf);
await page.getByText('1 imported · 0 already in library · 0 not imported').waitFor({ timeout: 600_000 });
const importMs = performance.now() - started;

const hostPeak = peakMiB(host.pid!);
// Chromium's processes are this process's other descendants.
const chromiumPeaks = descendants(process.pid)
  .filter((pid) => pid !== host.pid)
  .map(peakMiB);
await browser.close();
host.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });

const lines = [
  `One ${MB} MB PDF imported through the UI (Chromium → browser host → core), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}.`,
  '',
  '| | time | peak memory |',
  '|---|---|---|',
  `| baseline: copy + SHA-256 of the file | ${(baselineMs / 1000).toFixed(2)} s | — |`,
  `| import through the UI | ${(importMs / 1000).toFixed(2)} s (${(importMs / baselineMs).toFixed(1)}×) | host+core ${hostPeak.toFixed(0)} MiB; Chromium's largest process ${Math.max(0, ...chromiumPeaks).toFixed(0)} MiB |`,
  '',
  'Before uploads (documents as base64 JSON through `/rpc/library.import`), the same import took 31.4 s with the host at 1.5 GB RSS (session 3 measurement).',
];
console.log(lines.join('\n'));
writeResultsSection('UI import of a large PDF', lines.join('\n'));
