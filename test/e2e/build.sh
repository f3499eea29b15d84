#!/usr/bin/env bash
# Builds what the end-to-end tests load: dist/ (the package n8n loads) and .build/ (the harness, the sandbox).
# Used by test/e2e/run.sh and test/e2e/queue/run.sh. KOYWE_E2E_SKIP_BUILD=1 skips it (existing dist/ and .build/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if [[ "${KOYWE_E2E_SKIP_BUILD:-}" != 1 ]]; then
	echo "[e2e] npm run build && npm run build:dev"
	npm run --silent build
	# build:dev compiles every test folder; tsc still emits when some file has type errors. The e2e needs only
	# test/e2e, test/sandbox, nodes and credentials: errors there stop it, errors elsewhere (other tests being
	# written; `npm run typecheck` reports them) only warn.
	BUILD_LOG="$(mktemp)"
	trap 'rm -f "$BUILD_LOG"' EXIT
	if ! npm run --silent build:dev >"$BUILD_LOG" 2>&1; then
		if grep -qE '^(test/e2e|test/sandbox|nodes|credentials)/[^(]*\([0-9]+,[0-9]+\): error' "$BUILD_LOG" ||
			! grep -qE '^[^ ]+\([0-9]+,[0-9]+\): error' "$BUILD_LOG"; then
			cat "$BUILD_LOG" >&2
			echo "[e2e] ERROR: npm run build:dev failed" >&2
			exit 1
		fi
		echo "[e2e] WARNING: type errors outside the e2e's inputs (run npm run typecheck):" >&2
		grep -oE '^[^ ]+\([0-9]+,[0-9]+\): error TS[0-9]+' "$BUILD_LOG" | sort | uniq | head -5 >&2
	fi
fi
[[ -f dist/nodes/Koywe/Koywe.node.js ]] || { echo "[e2e] ERROR: dist/nodes/Koywe/Koywe.node.js missing after build" >&2; exit 1; }
for f in "$@"; do
	[[ -f "$f" ]] || { echo "[e2e] ERROR: $f missing after build:dev" >&2; exit 1; }
done
