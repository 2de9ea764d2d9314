#!/usr/bin/env bash
# Stops the processes deploy/local/start.sh started (by the pids it wrote); PostgreSQL keeps running.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=${TIERSERVE_RUN_DIR:-$ROOT/target/local}
for pidfile in "$RUN"/worker-*.pid "$RUN"/platform-*.pid; do
    [[ -f $pidfile ]] || continue
    kill "$(cat "$pidfile")" 2> /dev/null && echo "stopped $(basename "$pidfile" .pid)"
    rm -f "$pidfile"
done
