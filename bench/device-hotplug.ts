// Hot-plug detection latency (issue 9, target p95 ≤ 2 s): a SoftHSM token is added to and removed
// from the token store while the signing devices screen is open; measured from the moment the store
// holds the change (softhsm2-util has returned) to the core's `devices.changed` event. The core runs
// as the app runs it: PKCS#11 calls in the device thread, checked every 500 ms.
//   node --import tsx bench/device-hotplug.ts [rounds=40]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createCoreService } from '../src-main/core/service/index.js';
import { createSoftHsmToken } from '../tests/support/softhsm.js';
import { ms, median, percentile, writeResultsSection } from './results.js';

const ROUNDS = Number(process.argv[2]) || 40;
const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-bench-hotplug-'));
// Sets SOFTHSM2_CONF for this process, before the device thread loads the module.
const token = createSoftHsmToken({ dir: path.join(dir, 'hsm'), label: 'resident' });
const core = createCoreService({ dataDir: path.join(dir, 'library'), log: () => undefined });
const load = [loadavg()[0]];

let waiting: (() => void) | undefined;
core.onEvent((event) => {
  if (event.type === 'devices.changed') waiting?.();
});
const nextChange = () => new Promise<void>((resolve) => (waiting = resolve));
const softhsm = (args: string[]) => execFileSync('softhsm2-util', args, { env: token.env, stdio: 'pipe' }).toString('utf8');

/** The serial number of the token with this label, from `softhsm2-util --show-slots`. */
function serialOf(label: string): string {
  const slot = softhsm(['--show-slots'])
    .split(/^Slot /m)
    .find((block) => new RegExp(`^\\s*Label:\\s+${label}\\s*$`, 'm').test(block));
  const serial = slot && /Serial number:\s+(\S+)/.exec(slot)?.[1];
  if (!serial) throw new Error(`no token labelled ${label}`);
  return serial;
}

const listed = await core.invoke('devices.list', {});
if (!listed.ok) throw new Error(`devices.list failed: ${listed.error.code}`);

const inserted: number[] = [];
const removed: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const label = `plugged-${round}`;
  let change = nextChange();
  softhsm(['--init-token', '--free', '--label', label, '--pin', '1234', '--so-pin', '5678']);
  let started = performance.now();
  await change;
  inserted.push(performance.now() - started);

  change = nextChange();
  softhsm(['--delete-token', '--serial', serialOf(label)]);
  started = performance.now();
  await change;
  removed.push(performance.now() - started);
  // A pause, so each change is seen from an idle watch rather than right after the last check.
  await new Promise((resolve) => setTimeout(resolve, 137));
}
load.push(loadavg()[0]);
core.close();
token.cleanup();
rmSync(dir, { recursive: true, force: true });

const all = [...inserted, ...removed];
const row = (name: string, values: number[]) => `| ${name} | ${ms(median(values))} | ${ms(percentile(values, 95))} | ${ms(Math.max(...values))} | ≤ 2000 ms |`;
writeResultsSection(
  'device-hotplug',
  `## Signing devices — hot-plug detection

A SoftHSM token added to and removed from the token store ${ROUNDS} times each while \`devices.list\` has started the watch; from the store holding the change (\`softhsm2-util\` returned) to the core's \`devices.changed\` event. PKCS#11 calls run in the device thread; each module is checked every 500 ms (SoftHSM, whose slots are fixed, is re-initialised for each check). Machine load average (1 min): ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end.

| measure | p50 | p95 | max | target p95 |
|---|---|---|---|---|
${row('token inserted → event', inserted)}
${row('token removed → event', removed)}
${row('both', all)}`,
);
console.log(`hot-plug p95 ${ms(percentile(all, 95))} over ${all.length} changes`);
