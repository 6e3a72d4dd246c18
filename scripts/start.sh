#!/usr/bin/env bash
# `npm start`: installs dependencies, builds every package, lists what was built and runs the
# headless example: one dispute from the intake to the payout.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-toolchain.sh pnpm

echo "== install"
if [ -f pnpm-lock.yaml ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi

echo "== build"
pnpm run build

echo
node scripts/list-builds.mjs

echo
echo "== the headless core at work (examples/headless-backend)"
node examples/headless-backend/settle-a-dispute.mjs

echo
echo "== an integrator's test in Node: client and reference backend through msw (examples/node-msw)"
node --test --test-reporter=spec examples/node-msw/
