import { readFileSync } from 'node:fs';
import { buildProgram } from './program.js';

/** package.json is two folders up from dist/src-cli/ and three from the bundle (dist/bundles/cli/). */
function packageVersion(): string {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'inkstone') return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

await (await buildProgram(packageVersion())).parseAsync(process.argv);
