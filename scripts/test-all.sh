#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, type-check, build, unit + integration, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run lint
npm run typecheck
npm run build
node scripts/run-tests.mjs unit
node scripts/run-tests.mjs e2e
