// A module-loading hook for tests: appends the URL of every module Node loads to the file named by
// INKSTONE_LOAD_LOG. Registered with --import (see tests/cli/lazy-commands.test.ts).
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (process.env.INKSTONE_LOAD_LOG) appendFileSync(process.env.INKSTONE_LOAD_LOG, `${url}\n`);
  return next(url, context);
}
