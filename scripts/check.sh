#!/usr/bin/env bash
# `npm test`: type-checks every package (sources and tests), then runs the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-toolchain.sh pnpm chromium deps

echo "== type check"
pnpm run typecheck
# The photo benchmark's page is no package of the build; it reads the pipeline's sources.
pnpm exec tsc -p scripts/bench-photos

echo "== JSON Schemas of the contract are current"
node scripts/generate-json-schemas.mjs --check

echo "== custom-elements.json is current"
node scripts/custom-elements-manifest.mjs --check

echo "== browser tests (Chromium: $CHROME_PATH)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
pnpm run test:browser 2>&1 | tee "$log" || status=$?

# The runner's summary ("... | 12 passed, 0 failed"), repeated alone on a line.
summary="$(sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | grep -Eo '[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?' | tail -n 1 || true)"
if [ -n "$summary" ]; then
  echo
  echo "Tests: $summary"
fi
exit "$status"
