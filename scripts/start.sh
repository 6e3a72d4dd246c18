#!/usr/bin/env bash
# `npm start`: installs dependencies, builds every package (the script-tag bundle included), lists
# what was built, then runs the demo marketplace and prints the URL to open.
# `npm run examples` runs the other examples (the headless core, an integrator's test in Node).
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
echo "== the demo marketplace (examples/marketplace)"
exec node examples/marketplace/server.mjs
