#!/usr/bin/env bash
# kill -9 of one worker under a steady request loop (after start.sh): counts the failed requests,
# times how long until the platform lists the worker DOWN, restarts it and times until it is UP.
#   deploy/local/kill-worker.sh
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=${TIERSERVE_RUN_DIR:-$ROOT/target/local}
PLATFORM_PORTS=(${PLATFORM_PORTS:-8080 8090})
WORKER_PORTS=(${WORKER_PORTS:-8181 8182})
ADMIN_PASSWORD=${TIERSERVE_BOOTSTRAP_ADMIN_PASSWORD:-local-admin-password}
DEMO_KEY=${TIERSERVE_DEMO_API_KEY:-ts_localdemo123_local-topology-only-key}
API=http://localhost:${PLATFORM_PORTS[0]}
VICTIM=${WORKER_PORTS[1]}
BODY=$(printf '{"tier":"fast","image":"%s"}' "$(base64 -w0 "$ROOT/docs/examples/ankle-boot.png")")

status() {
    curl -fs -u "admin:$ADMIN_PASSWORD" "$API/api/workers" |
        grep -o "\"id\":\"local-worker-$VICTIM\"[^}]*\"status\":\"[A-Z]*\"" | grep -o '"status":"[A-Z]*"' | cut -d'"' -f4
}
now() { date +%s.%N; }

# the steady loop: one request at a time, alternating between the two platform instances
rm -f "$RUN/loop.codes" "$RUN/loop.stop"
(
    i=0
    while [[ ! -f $RUN/loop.stop ]]; do
        port=${PLATFORM_PORTS[$((i % ${#PLATFORM_PORTS[@]}))]}
        curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $DEMO_KEY" \
            -H 'Content-Type: application/json' -d "$BODY" "http://localhost:$port/v1/cascades/fashion-mnist/predict" \
            >> "$RUN/loop.codes"
        i=$((i + 1))
    done
) &
LOOP=$!
sleep 5
killed=$(now)
kill -9 "$(cat "$RUN/worker-$VICTIM.pid")"
until [[ $(status) == DOWN ]]; do sleep 0.1; done
down=$(now)
sleep 5
TIERSERVE_WORKERS_TOKEN=$(cat "$RUN/workers-token") nohup java -Dai.djl.offline=true \
    -jar "$ROOT/inference-workers/target/inference-workers.jar" serve --port "$VICTIM" --device-class cpu \
    --threads 2 --worker-id "local-worker-$VICTIM" --control-plane "$API" --cache-dir "$RUN/models-$VICTIM" \
    >> "$RUN/worker-$VICTIM.log" 2>&1 &
echo $! > "$RUN/worker-$VICTIM.pid"
restarted=$(now)
until [[ $(status) == UP ]]; do sleep 0.1; done
up=$(now)
sleep 3
touch "$RUN/loop.stop"
wait "$LOOP"
total=$(wc -l < "$RUN/loop.codes")
failed=$(grep -vc '^200$' "$RUN/loop.codes")
printf 'requests %d, failed %d (%s)\n' "$total" "$failed" "$(grep -v '^200$' "$RUN/loop.codes" | sort | uniq -c | tr '\n' ' ')"
printf 'kill -9 -> DOWN: %.1f s; restart -> UP: %.1f s\n' "$(echo "$down - $killed" | bc)" "$(echo "$up - $restarted" | bc)"
