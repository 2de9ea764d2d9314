#!/usr/bin/env bash
# The remote hop against in-process on the same run: after start.sh, starts one more platform
# instance that serves with its own in-process worker only (TIERSERVE_WORKERS_REMOTE=false), then
# runs wrk against it and against the first instance (which sends every request to the two workers),
# alternating, ROUNDS times each, and prints wrk's latency distribution and throughput.
#   deploy/local/remote-hop.sh          (ROUNDS=2, DURATION=20s, CONNECTIONS=4, IN_PROCESS_PORT=8070)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=${TIERSERVE_RUN_DIR:-$ROOT/target/local}
PLATFORM_PORTS=(${PLATFORM_PORTS:-8080 8090})
IN_PROCESS_PORT=${IN_PROCESS_PORT:-8070}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-4}
DEMO_KEY=${TIERSERVE_DEMO_API_KEY:-ts_localdemo123_local-topology-only-key}

SERVER_PORT=$IN_PROCESS_PORT \
SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/tierserve \
SPRING_DATASOURCE_USERNAME=tierserve SPRING_DATASOURCE_PASSWORD=tierserve \
TIERSERVE_WORKERS_TOKEN=$(cat "$RUN/workers-token") TIERSERVE_WORKERS_REMOTE=false \
TIERSERVE_INFERENCE_IN_PROCESS=true \
    nohup java -jar "$ROOT/platform-api/target/platform-api.jar" > "$RUN/platform-$IN_PROCESS_PORT.log" 2>&1 &
echo $! > "$RUN/platform-$IN_PROCESS_PORT.pid"
for _ in $(seq 1 240); do
    curl -fs "http://localhost:$IN_PROCESS_PORT/actuator/health/readiness" > /dev/null 2>&1 && break
    sleep 0.5
done

BODY=$(printf '{"tier":"fast","image":"%s"}' "$(base64 -w0 "$ROOT/docs/examples/ankle-boot.png")")
SCRIPT=$RUN/predict.lua
cat > "$SCRIPT" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $DEMO_KEY"
wrk.body = '$BODY'
LUA
for port in "$IN_PROCESS_PORT" "${PLATFORM_PORTS[0]}"; do
    # warm-up: JIT, connection pools, the workers' first requests
    wrk -t2 -c"$CONNECTIONS" -d5s -s "$SCRIPT" "http://localhost:$port/v1/cascades/fashion-mnist/predict" > /dev/null
    curl -fs -H "Authorization: Bearer $DEMO_KEY" -H 'Content-Type: application/json' -d "$BODY" \
        "http://localhost:$port/v1/cascades/fashion-mnist/predict"
    echo
done
for round in $(seq 1 "$ROUNDS"); do
    for port in "$IN_PROCESS_PORT" "${PLATFORM_PORTS[0]}"; do
        label=$([[ $port == "$IN_PROCESS_PORT" ]] && echo in-process || echo remote)
        echo "== round $round, $label (port $port)"
        wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$SCRIPT" \
            "http://localhost:$port/v1/cascades/fashion-mnist/predict" |
            grep -E "50%|90%|99%|Requests/sec|Non-2xx|requests in"
    done
done
kill "$(cat "$RUN/platform-$IN_PROCESS_PORT.pid")" && rm -f "$RUN/platform-$IN_PROCESS_PORT.pid"
