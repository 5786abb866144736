#!/usr/bin/env node
// Build everything that ships or runs from dist/:
//   1. tsc -b: main (core, electron shell, host), CLI, evidence service → dist/<target>/ (ESM)
//   2. esbuild: the React renderer → dist/renderer/ (one bundle + index.html + pdf.js worker)
//   3. esbuild: the preload → dist/preload/preload.cjs (sandboxed preloads must be CommonJS)
//   4. esbuild: the CLI and the core → dist/bundles/ (scripts/bundle.mjs; what bin/inkstone.js, the
//      host's core thread and Electron's core process run)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleAll } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const production = process.env.NODE_ENV === 'production';

const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const rendererOut = path.join(dist, 'renderer');
rmSync(rendererOut, { recursive: true, force: true });
mkdirSync(rendererOut, { recursive: true });
if (existsSync(path.join(root, 'src-renderer/main.tsx'))) {
  await build({
    entryPoints: [path.join(root, 'src-renderer/main.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    outfile: path.join(rendererOut, 'app.js'),
    sourcemap: !production,
    minify: production,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'warning',
  });
  cpSync(path.join(root, 'src-renderer/index.html'), path.join(rendererOut, 'index.html'));
  // One stylesheet: esbuild follows src-renderer/styles.css's @imports of src-renderer/styles/*.css.
  await build({
    entryPoints: [path.join(root, 'src-renderer/styles.css')],
    bundle: true,
    outfile: path.join(rendererOut, 'styles.css'),
    minify: production,
    logLevel: 'warning',
  });
  // pdf.js: its worker, plus CMaps (CJK fonts that are not embedded), standard fonts, ICC profiles and
  // wasm decoders, served from our own origin (the CSP allows nothing else).
  const pdfjsDir = path.join(root, 'node_modules/pdfjs-dist');
  cpSync(path.join(pdfjsDir, 'legacy/build/pdf.worker.min.mjs'), path.join(rendererOut, 'pdf.worker.min.mjs'));
  for (const dir of ['cmaps', 'standard_fonts', 'iccs', 'wasm']) {
    if (existsSync(path.join(pdfjsDir, dir))) cpSync(path.join(pdfjsDir, dir), path.join(rendererOut, 'pdfjs', dir), { recursive: true });
  }
}

if (existsSync(path.join(root, 'src-preload/preload.ts'))) {
  await build({
    entryPoints: [path.join(root, 'src-preload/preload.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: ['node20'],
    external: ['electron'],
    outfile: path.join(dist, 'preload', 'preload.cjs'),
    logLevel: 'warning',
  });
}
await bundleAll();
console.log('build: ok');
