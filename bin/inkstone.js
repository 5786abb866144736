#!/usr/bin/env node
// The CLI as one bundle (scripts/bundle.mjs, run by `npm run build`): each command's code is loaded
// only when that command runs.
import '../dist/bundles/cli/main.js';
