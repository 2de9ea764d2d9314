#!/usr/bin/env bash
# Starts the scale-out topology as separate processes on one machine, for fault experiments:
# Debian's PostgreSQL (external), two platform instances sharing it, two CPU inference workers.
#
#   mvn -B -q -DskipTests package          # once: the jars
#   deploy/local/start.sh                  # prints the URLs, the admin password and the demo API key
#   deploy/local/stop.sh                   # stops what start.sh started (by the pids it wrote)
#
# Settings (environment): TIERSERVE_RUN_DIR (logs and pids; default target/local),
# TIERSERVE_WORKERS_TOKEN, TIERSERVE_INFERENCE_IN_PROCESS (default false: the workers serve),
# PLATFORM_PORTS (default "8080 8090"), WORKER_PORTS (default "8181 8182").
# Needs root (it starts the PostgreSQL 15 cluster and creates the role and database `tierserve`).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=${TIERSERVE_RUN_DIR:-$ROOT/target/local}
TOKEN=${TIERSERVE_WORKERS_TOKEN:-local-worker-token-$(date +%s)}
IN_PROCESS=${TIERSERVE_INFERENCE_IN_PROCESS:-false}
PLATFORM_PORTS=(${PLATFORM_PORTS:-8080 8090})
WORKER_PORTS=(${WORKER_PORTS:-8181 8182})
ADMIN_PASSWORD=${TIERSERVE_BOOTSTRAP_ADMIN_PASSWORD:-local-admin-password}
DEMO_KEY=${TIERSERVE_DEMO_API_KEY:-ts_localdemo123_local-topology-only-key}
PLATFORM_JAR=$ROOT/platform-api/target/platform-api.jar
WORKER_JAR=$ROOT/inference-workers/target/inference-workers.jar

for jar in "$PLATFORM_JAR" "$WORKER_JAR"; do
    [[ -f $jar ]] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 1; }
done
mkdir -p "$RUN"
echo "$TOKEN" > "$RUN/workers-token"

# 1. PostgreSQL (Debian's cluster, external to the platform)
if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main" {print $4}' | grep -q online; then
    pg_ctlcluster --skip-systemctl-redirect 15 main start
fi
runuser -u postgres -- psql -qtAc "select 1 from pg_roles where rolname = 'tierserve'" | grep -q 1 ||
    runuser -u postgres -- psql -qc "create role tierserve login password 'tierserve'"
runuser -u postgres -- psql -qtAc "select 1 from pg_database where datname = 'tierserve'" | grep -q 1 ||
    runuser -u postgres -- psql -qc "create database tierserve owner tierserve"

wait_for() { # url, what
    for _ in $(seq 1 240); do
        curl -fs "$1" > /dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "$2 did not come up; see $RUN" >&2
    exit 1
}

# started and seeded (readiness' own check UP), though not ready without a worker yet
wait_for_started() { # port
    for _ in $(seq 1 240); do
        curl -s "http://localhost:$1/actuator/health/readiness" 2>/dev/null |
            grep -q '"readinessState":{"status":"UP"}' && return 0
        sleep 0.5
    done
    echo "platform on $1 did not start; see $RUN" >&2
    exit 1
}

# 2. Two platform instances on one database (the first migrates and seeds; the second starts after it)
for i in "${!PLATFORM_PORTS[@]}"; do
    port=${PLATFORM_PORTS[$i]}
    SERVER_PORT=$port \
    SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/tierserve \
    SPRING_DATASOURCE_USERNAME=tierserve SPRING_DATASOURCE_PASSWORD=tierserve \
    TIERSERVE_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD TIERSERVE_DEMO_API_KEY=$DEMO_KEY \
    TIERSERVE_WORKERS_TOKEN=$TOKEN TIERSERVE_INFERENCE_IN_PROCESS=$IN_PROCESS \
        nohup java -jar "$PLATFORM_JAR" > "$RUN/platform-$port.log" 2>&1 &
    echo $! > "$RUN/platform-$port.pid"
    wait_for_started "$port"
done

# 3. Two workers, each registered with another platform instance (every instance sees both)
for i in "${!WORKER_PORTS[@]}"; do
    port=${WORKER_PORTS[$i]}
    control=${PLATFORM_PORTS[$((i % ${#PLATFORM_PORTS[@]}))]}
    TIERSERVE_WORKERS_TOKEN=$TOKEN nohup java -Dai.djl.offline=true -jar "$WORKER_JAR" serve \
        --port "$port" --device-class cpu --threads 2 --worker-id "local-worker-$port" \
        --control-plane "http://localhost:$control" --cache-dir "$RUN/models-$port" \
        > "$RUN/worker-$port.log" 2>&1 &
    echo $! > "$RUN/worker-$port.pid"
done
for port in "${WORKER_PORTS[@]}"; do
    for _ in $(seq 1 240); do
        curl -fs -u "admin:$ADMIN_PASSWORD" "http://localhost:${PLATFORM_PORTS[0]}/api/workers" |
            grep -q "\"id\":\"local-worker-$port\"[^}]*\"status\":\"UP\"" && break
        sleep 0.5
    done
done
# ready: the database answers and a worker is up
for port in "${PLATFORM_PORTS[@]}"; do
    wait_for "http://localhost:$port/actuator/health/readiness" "readiness of the platform on $port"
done

echo "platform: ${PLATFORM_PORTS[*]/#/http://localhost:}"
echo "workers:  ${WORKER_PORTS[*]/#/http://localhost:}"
echo "admin password: $ADMIN_PASSWORD   demo API key: $DEMO_KEY"
echo "worker token in $RUN/workers-token; logs and pids in $RUN"
curl -fs -u "admin:$ADMIN_PASSWORD" "http://localhost:${PLATFORM_PORTS[0]}/api/workers"; echo
