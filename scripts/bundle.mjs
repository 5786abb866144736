#!/usr/bin/env node
// The CLI and the core as esbuild bundles: Node then reads a handful of files instead of resolving
// and compiling hundreds of modules at every start (docs/decisions/start-time.md).
//   dist/bundles/cli/main.js          bin/inkstone.js runs it; each command's code is its own chunk,
//                                     imported only when that command runs
//   dist/bundles/core/core-worker.js  the browser host's core thread
//   dist/bundles/core/core-process.js the Electron utility process
//   dist/bundles/core/long-work.js    the worker thread that runs the core's long operations
//   dist/bundles/core/device-thread.js the worker thread that reads PKCS#11 tokens (core/devices)
// Native modules (better-sqlite3, pkcs11js), pdf.js (it loads its own worker and data files) and
// subset-font (harfbuzz wasm beside it) stay in node_modules. The bundles must sit three folders
// below the project root, like the sources (src-main/core/fonts/), so resources/ and package.json
// are found at the same relative paths.
//
//   node scripts/bundle.mjs [--out DIR] [--only cli|core]   (default dist/bundles, both; build.mjs calls bundleAll)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * zod's index names every one of its ~60 message languages (`z.locales`), about half of its code;
 * the core and the CLI only ever use its default (English) issue text, and each start would parse
 * the rest (~15 ms of the core's start). The bundles get English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  plugins: [zodEnglishOnly],
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pkcs11js', 'pdfjs-dist', 'subset-font', 'electron'],
  // CommonJS packages inside an ESM bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __inkstoneRequire } from 'node:module'; const require = __inkstoneRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
};

const entries = {
  // The import's pdf.js inspection runs in a worker of its own (core/library/pdf-inspector.ts).
  // `inkstone contract sign` runs the core's long work (signing.*) in its worker threads.
  cli: {
    main: 'src-cli/main.ts',
    'pdf-inspect-worker': 'src-main/core/library/pdf-inspect-worker.ts',
    'long-work': 'src-main/core/service/long-work-thread.ts',
  },
  core: {
    'core-worker': 'src-main/host/core-worker.ts',
    'core-process': 'src-main/electron/core-process.ts',
    'long-work': 'src-main/core/service/long-work-thread.ts',
    'pdf-inspect-worker': 'src-main/core/library/pdf-inspect-worker.ts',
    // PKCS#11 calls of the signing devices screen and hot-plug watching (core/devices).
    'device-thread': 'src-main/core/devices/device-thread.ts',
  },
};

/** Bundle `which` (default both) into `outDir`/cli and `outDir`/core, replacing what was there. */
export async function bundleAll(outDir = path.join(root, 'dist', 'bundles'), which = Object.keys(entries)) {
  await Promise.all(
    which.map((name) => {
      rmSync(path.join(outDir, name), { recursive: true, force: true });
      const entryPoints = Object.fromEntries(Object.entries(entries[name]).map(([out, src]) => [out, path.join(root, src)]));
      return build({ ...common, entryPoints, outdir: path.join(outDir, name) });
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  await bundleAll(arg('--out') ? path.resolve(arg('--out')) : undefined, arg('--only')?.split(','));
}
