// Loader hook: `import … from 'electron'` resolves to the stand-in below (the real binary cannot run here).
import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
