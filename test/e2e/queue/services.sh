#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are installed (Debian packages `postgresql`, `redis-server`), for the queue-mode
# e2e. Installs only what is missing, with one `apt-get update`, as root. Starts nothing: the harness runs private
# instances in temporary folders (services.ts), and the packages' own services are kept from starting during the
# install (a temporary /usr/sbin/policy-rc.d that denies every start, as Debian's docker images do), so no system
# PostgreSQL or Redis is left running on the standard ports.
set -euo pipefail

log() { printf '[queue setup] %s\n' "$*" >&2; }

have_postgres() {
	[[ -n "${KOYWE_QUEUE_PG_BIN:-}" && -x "${KOYWE_QUEUE_PG_BIN}/postgres" ]] && return 0
	compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
	command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/postgres" ]]
}
have_redis() {
	[[ -n "${KOYWE_QUEUE_REDIS_SERVER:-}" && -x "${KOYWE_QUEUE_REDIS_SERVER}" ]] && return 0
	command -v redis-server >/dev/null
}

packages=()
have_postgres || packages+=(postgresql)
have_redis || packages+=(redis-server)
if [[ ${#packages[@]} -eq 0 ]]; then
	log "PostgreSQL and Redis are installed"
	exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
	log "ERROR: ${packages[*]} missing; install them (Debian: sudo apt-get install -y ${packages[*]}) or run as root"
	exit 1
fi
command -v apt-get >/dev/null || { log "ERROR: ${packages[*]} missing and there is no apt-get here; install them and retry"; exit 1; }

POLICY=/usr/sbin/policy-rc.d
made_policy=0
cleanup() { if [[ $made_policy == 1 ]]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT
if [[ ! -e "$POLICY" ]]; then
	printf '#!/bin/sh\n# temporary, from n8n-nodes-koywe test/e2e/queue/services.sh: no service starts during the install\nexit 101\n' >"$POLICY"
	chmod 755 "$POLICY"
	made_policy=1
fi
t0=$(date +%s)
log "installing ${packages[*]} (apt-get update, then apt-get install)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
log "installed ${packages[*]} in $(( $(date +%s) - t0 )) s"
have_postgres || { log "ERROR: PostgreSQL still missing after the install"; exit 1; }
have_redis || { log "ERROR: redis-server still missing after the install"; exit 1; }
