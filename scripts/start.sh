#!/usr/bin/env bash
# `npm start`: installs dependencies, builds every package and lists what was built.
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
