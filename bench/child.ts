import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundle a bench child (bench/<name>.ts) into bench/data/<name>.mjs: measured processes run the
 * engine as plain JavaScript, as the app ships it, not through tsx (whose loader would count in
 * their time and memory). Native and wasm-loading packages stay external.
 */
export async function bundleChild(name: string): Promise<string> {
  const outfile = path.join(import.meta.dirname, 'data', `${name}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['pkcs11js', 'subset-font'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}
