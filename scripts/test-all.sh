#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, type-check, build, unit + integration, the verifier's
# 10,000-case fuzz, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run lint
npm run typecheck
npm run build
node scripts/run-tests.mjs unit
# 10,000 mutated signed PDFs through the verifier (~2 min): exit 1 on any crash, hang over 5 s,
# worker past its 768 MB heap, process RSS over 2 GB, or the whole run past 15 min.
timeout 900 node --import tsx bench/verify-fuzz.ts --cases 10000 --check --max-rss-mb 2048
node scripts/run-tests.mjs e2e
