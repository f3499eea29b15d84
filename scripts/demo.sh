#!/usr/bin/env bash
# `npm run demo` – the main job. Needs only `npm ci` before it; works offline.
#
# 1. Compiles the node, the sandbox and the demo (tsconfig.dev.json -> .build/).
# 2. Runs the example workflows of examples/ in n8n's execution engine against the local Koywe sandbox and prints
#    a summary per step (test/demo/demo.ts). Files go to demo-output/. Exits non-zero when a step fails.
#
#   npm run demo -- --n8n     run the examples in real n8n 2.41.1 instead (--n8n=1: n8n 1.123.81); uses the n8n
#                             installs of `npm run test:e2e` in ~/.cache/n8n-nodes-koywe-e2e
#   KOYWE_DEMO_SKIP_BUILD=1   reuse the existing .build/ (and dist/) (faster when nothing changed)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ ! -d node_modules/n8n-core ]]; then
	echo "demo: node_modules is missing; run 'npm ci' first (the demo needs nothing else)." >&2
	exit 1
fi

if [[ "${KOYWE_DEMO_SKIP_BUILD:-}" != 1 ]]; then
	echo "[demo] compiling (npm run build:dev)…"
	LOG="$(mktemp)"
	trap 'rm -f "$LOG"' EXIT
	if ! npm run --silent build:dev >"$LOG" 2>&1; then
		# tsc still writes every file when other files have type errors. Type errors in what the demo runs (the node,
		# the credential, the sandbox, the demo itself) stop here; elsewhere (a test being written) they are reported.
		if grep -E '^(nodes|credentials|test/(demo|sandbox|harness))/' "$LOG" >/dev/null; then
			cat "$LOG" >&2
			echo "demo: the node, the sandbox or the demo does not compile (see above)." >&2
			exit 1
		fi
		COUNT="$(grep -cE '^[^ ].*error TS' "$LOG" || true)"
		FILES="$(grep -oE '^[^ (]+\(' "$LOG" | tr -d '(' | sort -u | tr '\n' ' ')"
		echo "[demo] note: npm run build:dev reported $COUNT type errors outside the demo's code, in: $FILES" >&2
		echo "[demo]       (tsc still compiled everything; 'npm run typecheck' shows them)" >&2
	fi
fi

# --n8n (real n8n instead of n8n-core's engine) loads the node from dist/.
if [[ " $* " == *" --n8n"* && "${KOYWE_DEMO_SKIP_BUILD:-}" != 1 ]]; then
	echo "[demo] building dist/ for real n8n (npm run build)…"
	npm run --silent build >/dev/null
fi

if [[ ! -f .build/test/demo/demo.js ]]; then
	echo "demo: .build/test/demo/demo.js is missing after the build" >&2
	exit 1
fi

exec node .build/test/demo/demo.js "$@"
