import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built pieces sit relative to this file (dist/src-main/electron/). Works inside app.asar. */
const here = path.dirname(fileURLToPath(import.meta.url));

export const RENDERER_DIR = path.resolve(here, '../../renderer');
export const PRELOAD_FILE = path.resolve(here, '../../preload/preload.cjs');
/** The core bundle (scripts/bundle.mjs): the utility process loads one file, not hundreds of modules. */
export const CORE_PROCESS_FILE = path.resolve(here, '../../bundles/core/core-process.js');
