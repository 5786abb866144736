// `inkstone …` from the TypeScript sources in a child process (the real entry reads package.json next to the build).
import { buildProgram } from '../../../src-cli/program.js';

await (await buildProgram('0.0.0-test')).parseAsync(process.argv);
