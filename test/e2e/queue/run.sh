#!/usr/bin/env bash
# Queue-mode end-to-end test in real n8n 2.41.1: `npm run test:queue [-- options]` (options: see --help).
#
#   1. PostgreSQL and Redis installed if missing (services.sh: Debian packages, as root; nothing started)
#   2. dist/ and .build/ built (test/e2e/build.sh; KOYWE_E2E_SKIP_BUILD=1 reuses them)
#   3. n8n 2.41.1 and Node 24 in the e2e cache (test/e2e/setup.sh, only the 2.x half)
#   4. the harness (queue.ts): private PostgreSQL + Redis, n8n main + workers, the sandbox, the scenarios, the table
#
# Everything the harness starts is stopped, and its temporary folder removed, on success, failure or Ctrl-C
# (KOYWE_E2E_KEEP=1 or --keep keeps the folder with every log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
	bash test/e2e/build.sh .build/test/e2e/queue/queue.js >/dev/null
	exec node .build/test/e2e/queue/queue.js --help
fi
T0=$(date +%s)
bash test/e2e/queue/services.sh
T1=$(date +%s)
bash test/e2e/build.sh .build/test/e2e/queue/queue.js
T2=$(date +%s)
KOYWE_E2E_VERSIONS=2 bash test/e2e/setup.sh
T3=$(date +%s)
echo "[queue] PostgreSQL/Redis install $((T1 - T0)) s, build $((T2 - T1)) s, n8n setup $((T3 - T2)) s"
set +e
node .build/test/e2e/queue/queue.js "$@"
RC=$?
set -e
echo "[queue] total $(( $(date +%s) - T0 )) s"
exit $RC
