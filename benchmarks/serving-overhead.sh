#!/usr/bin/env bash
# Serving overhead: the platform's /v1 predict (tier fast, one 28x28 tensor) against a bare HTTP
# server around the same in-process worker (no auth, no database) and against /v2/health/live,
# all in one run, with wrk and keep-alive at 1 and 16 connections. Prints one table and the ratios
# of docs/benchmarks.md ("Serving overhead"). Builds nothing: run after
#   mvn -B -DskipTests -Pbench package
# Needs wrk, python3, curl and the Fashion-MNIST test images (apt-get install -y wrk dataset-fashion-mnist).
#
# Usage: benchmarks/serving-overhead.sh [--jfr] [--duration SECONDS] [--keep]
#   --jfr       record the platform with JFR during its 16-connection run and print the hot methods
#   --duration  seconds per measured run (default 10; warm-ups are half that)
#   --keep      keep the work directory (logs, body, recordings) instead of deleting it
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PLATFORM_JAR=$ROOT/platform-api/target/platform-api.jar
WORKER_JAR=$ROOT/inference-workers/target/inference-workers.jar
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
LUA=$ROOT/benchmarks/wrk-report.lua
IMAGES=/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz
JAVA=${JAVA:-java}
JFR_TOOL=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
KEY=ts_demomeasure1_abcdefghijklmnop12345
ADMIN_PASSWORD=admin-Pw-1

jfr=0 duration=10 keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --jfr) jfr=1 ;;
    --duration) duration=$2; shift ;;
    --keep) keep=1 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
warmup=$(( (duration + 1) / 2 ))
jfr_flags=()
# deep Spring stacks pass JFR's default depth of 64 frames
[ "$jfr" = 1 ] && jfr_flags=(-XX:FlightRecorderOptions:stackdepth=256)

for file in "$PLATFORM_JAR" "$WORKER_JAR" "$BENCH_JAR"; do
  [ -f "$file" ] || { echo "missing $file: run 'mvn -B -DskipTests -Pbench package' first" >&2; exit 1; }
done
[ -f "$IMAGES" ] || { echo "missing $IMAGES: apt-get install -y dataset-fashion-mnist" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d)
platform_pid= bare_pid=
cleanup() {
  [ -n "$bare_pid" ] && kill "$bare_pid" 2>/dev/null || true
  if [ -n "$platform_pid" ] && kill "$platform_pid" 2>/dev/null; then
    for _ in $(seq 60); do kill -0 "$platform_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$platform_pid" 2>/dev/null || true
  fi
  # a platform that did not stop in time leaves its embedded PostgreSQL running
  if [ -f "$WORK/pg/postmaster.pid" ]; then
    kill "$(head -1 "$WORK/pg/postmaster.pid")" 2>/dev/null || true
  fi
  [ -n "$bare_pid" ] && wait "$bare_pid" 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PLATFORM_PORT=$(free_port)
BARE_PORT=$(free_port)
while [ "$BARE_PORT" = "$PLATFORM_PORT" ]; do BARE_PORT=$(free_port); done

# the body of docs/benchmarks.md: the first Fashion-MNIST test image as a normalised tensor
python3 - "$IMAGES" > "$WORK/fast.json" <<'PY'
import gzip, json, sys
with gzip.open(sys.argv[1]) as f:
    f.read(16); px = f.read(784)
print(json.dumps({"tier": "fast", "tensor": {"shape": [1, 28, 28],
      "data": [round((p / 255 - 0.286) / 0.353, 4) for p in px]}}))
PY

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "starting the platform on port $PLATFORM_PORT and the bare server on port $BARE_PORT (logs in $WORK)"
TIERSERVE_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD TIERSERVE_DEMO_API_KEY=$KEY \
  "$JAVA" ${jfr_flags[@]+"${jfr_flags[@]}"} -jar "$PLATFORM_JAR" --server.port="$PLATFORM_PORT" \
  --tierserve.database.embedded.data-directory="$WORK/pg" > "$WORK/platform.log" 2>&1 &
platform_pid=$!
"$JAVA" -cp "$BENCH_JAR:$WORKER_JAR" io.tierserve.benchmarks.BareServer "$BARE_PORT" > "$WORK/bare.log" 2>&1 &
bare_pid=$!

V1=http://127.0.0.1:$PLATFORM_PORT/v1/cascades/fashion-mnist/predict
BARE=http://127.0.0.1:$BARE_PORT/predict
HEALTH=http://127.0.0.1:$PLATFORM_PORT/v2/health/live
answers() {  # url [key]: whether a POST of the body answers 200
  local auth=()
  [ -n "${2:-}" ] && auth=(-H "Authorization: Bearer $2")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
       "${auth[@]}" --data-binary @"$WORK/fast.json" "$1")" = 200 ]
}
for _ in $(seq 360); do
  if answers "$V1" "$KEY" && answers "$BARE"; then ready=1; break; fi
  kill -0 "$platform_pid" 2>/dev/null || { tail -30 "$WORK/platform.log"; exit 1; }
  kill -0 "$bare_pid" 2>/dev/null || { tail -30 "$WORK/bare.log"; exit 1; }
  sleep 0.5
done
[ "${ready:-0}" = 1 ] || { echo "the servers did not answer within 3 minutes" >&2; exit 1; }

# the policy each serves: the platform's active fast version, and the bare server's own resolution
grep -o 'fast policy: .*' "$WORK/bare.log" | sed 's/^/bare server /'
curl -s -u "admin:$ADMIN_PASSWORD" \
  "http://127.0.0.1:$PLATFORM_PORT/api/tenants/demo/cascades/fashion-mnist/policy-versions" |
  python3 -c 'import json,sys
for v in json.load(sys.stdin):
    if v["tier"] == "fast" and v.get("activatedAt"):
        print("platform fast policy: version %d, %s, expected accuracy %.4f, expected cost %.4f ms"
              % (v["versionNumber"], v["status"], v["expectedAccuracy"], v["expectedCostMs"]))'

cpu_ticks() {  # pid [pid...]: CPU time (clock ticks) of these processes and all their descendants, then of the first alone
  python3 - "$@" <<'PY'
import os, sys
children, ticks = {}, {}
for entry in os.listdir("/proc"):
    if not entry.isdigit():
        continue
    try:
        fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    children.setdefault(int(fields[1]), []).append(int(entry))
    ticks[int(entry)] = int(fields[11]) + int(fields[12])
todo, total = [int(pid) for pid in sys.argv[1:]], 0
while todo:
    pid = todo.pop()
    total += ticks.get(pid, 0)
    todo.extend(children.get(pid, []))
print(total, ticks.get(int(sys.argv[1]), 0))
PY
}
run() {  # name connections url body key collect pid -> appends a row to results
  local name=$1 connections=$2 url=$3 body=$4 key=$5 collect=$6 pid=$7 threads=1 line before after
  [ "$connections" -gt 1 ] && threads=2
  # the embedded PostgreSQL runs detached from the JVM: its postmaster's tree is added for the platform
  local pids=("$pid")
  [ "$pid" = "$platform_pid" ] && [ -f "$WORK/pg/postmaster.pid" ] && pids+=("$(head -1 "$WORK/pg/postmaster.pid")")
  read -r before before_own <<< "$(cpu_ticks "${pids[@]}")"
  line=$(BODY_FILE=$body API_KEY=$key COLLECT=$collect \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$LUA" "$url" | grep '^RESULT')
  read -r after after_own <<< "$(cpu_ticks "${pids[@]}")"
  echo "$name $connections ${line#RESULT } $((after - before)) $((after_own - before_own))" >> "$WORK/results"
}
warm() {  # url body key
  BODY_FILE=$2 API_KEY=$3 wrk -t2 -c16 -d"${warmup}s" -s "$LUA" "$1" > /dev/null
}

echo "warming up (${warmup} s each), then ${duration} s per run"
warm "$V1" "$WORK/fast.json" "$KEY"
warm "$BARE" "$WORK/fast.json" ""
warm "$HEALTH" "" ""
: > "$WORK/results"
run v1 1 "$V1" "$WORK/fast.json" "$KEY" 1 "$platform_pid"
run bare 1 "$BARE" "$WORK/fast.json" "" 1 "$bare_pid"
run health 1 "$HEALTH" "" "" 0 "$platform_pid"
if [ "$jfr" = 1 ]; then
  jcmd "$platform_pid" JFR.start name=overhead settings=profile filename="$WORK/platform-c16.jfr" > /dev/null
fi
run v1 16 "$V1" "$WORK/fast.json" "$KEY" 0 "$platform_pid"
if [ "$jfr" = 1 ]; then
  jcmd "$platform_pid" JFR.stop name=overhead > /dev/null
fi
run bare 16 "$BARE" "$WORK/fast.json" "" 0 "$bare_pid"
run health 16 "$HEALTH" "" "" 0 "$platform_pid"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
python3 - "$WORK/results" "$(getconf CLK_TCK)" <<'PY'
import sys
rows, cpu = {}, {}
for line in open(sys.argv[1]):
    name, conns, rps, p50, p99, errors, worker, requests, ticks, own = line.split()
    rows[(name, int(conns))] = (float(rps), float(p50), float(p99), int(errors), worker)
    # server CPU time per answered request (the platform with its embedded PostgreSQL): unlike
    # req/s, it barely depends on what else the machine runs
    per_request = 1e6 / int(sys.argv[2]) / max(int(requests), 1)
    cpu[(name, int(conns))] = (int(ticks) * per_request, int(own) * per_request)
labels = {"v1": "/v1 predict `fast`", "bare": "bare server, same worker", "health": "/v2/health/live"}
print()
print("| request | connections | req/s | p50 ms | p99 ms | errors | worker latencyMs (mean) | server CPU µs / request (JVM alone; the rest is PostgreSQL) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for conns in (1, 16):
    for name in ("v1", "bare", "health"):
        rps, p50, p99, errors, worker = rows[(name, conns)]
        print(f"| {labels[name]} | {conns} | {rps:,.0f} | {p50:.3f} | {p99:.3f} | {errors} | {worker} | {cpu[(name, conns)][0]:.0f} ({cpu[(name, conns)][1]:.0f}) |")
v1, bare, health = rows[("v1", 16)], rows[("bare", 16)], rows[("health", 16)]
v1_1 = rows[("v1", 1)]
worker = float(v1_1[4]) if v1_1[4] != "-" else float("nan")
print()
print("| goal (2 cores) | measured |")
print("| --- | --- |")
print(f"| /v1 at 16 connections >= 1,500 req/s | {v1[0]:,.0f} req/s |")
print(f"| /v1 p99 at 16 connections < 20 ms | {v1[2]:.1f} ms |")
print(f"| /v1 / /v2/health/live req/s at 16 connections >= 0.3 | {v1[0] / health[0]:.3f} |")
print(f"| /v1 / bare server req/s at 16 connections >= 0.6 | {v1[0] / bare[0]:.3f} |")
print(f"| /v1 p50 - worker latencyMs at 1 connection < 0.3 ms | {v1_1[1]:.3f} - {worker:.3f} = {v1_1[1] - worker:.3f} ms |")
PY

if [ "$jfr" = 1 ]; then
  echo
  echo "Hot methods of the platform during its 16-connection run ($WORK/platform-c16.jfr):"
  if [ -x "$JFR_TOOL" ]; then
    "$JFR_TOOL" view --width 160 hot-methods "$WORK/platform-c16.jfr" | sed -n 1,30p
  fi
  # inclusive shares: a sample counts for every group that has a frame anywhere in its stack.
  # Execution samples are threads running Java code; native samples are threads inside native
  # code, mostly waiting on a socket (PostgreSQL's answers, the next request) or in the model.
  echo
  echo "Share of the platform's samples whose stack passes through:"
  jfr print --json --stack-depth 256 --events jdk.ExecutionSample,jdk.NativeMethodSample \
    "$WORK/platform-c16.jfr" | python3 -c '
import collections, json, sys
groups = [
    ("model (ONNX Runtime, DJL)", ("ai.onnxruntime.", "ai.djl.")),
    ("worker (policy, preprocessing)", ("io.tierserve.worker.", "io.tierserve.policy.")),
    ("JDBC (PostgreSQL driver, Hikari)", ("org.postgresql.", "com.zaxxer.hikari.")),
    ("validation (Hibernate Validator)", ("org.hibernate.validator.",)),
    ("JPA (Hibernate, Spring Data)", ("org.hibernate.", "org.springframework.data.", "org.springframework.orm.")),
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("metrics (Micrometer)", ("io.micrometer.",)),
    ("security (Spring Security)", ("org.springframework.security.",)),
    ("transactions, AOP", ("org.springframework.transaction.", "org.springframework.aop.", "org.springframework.jdbc.")),
    ("Spring MVC", ("org.springframework.web.",)),
    ("platform code", ("io.tierserve.platform.",)),
    ("Tomcat request threads", ("org.apache.catalina.", "org.apache.coyote.")),
]
def belongs(name, group, prefixes):
    # Hibernate Validator is validation, not JPA
    jpa_only = group.startswith("JPA") and name.startswith("org.hibernate.validator.")
    return name.startswith(prefixes) and not jpa_only
counts = {"jdk.ExecutionSample": collections.Counter(), "jdk.NativeMethodSample": collections.Counter()}
totals = collections.Counter()
for event in json.load(sys.stdin)["recording"]["events"]:
    trace = event["values"]["stackTrace"]
    # JFR writes class names with slashes, hidden (lambda) classes with dots
    names = {f["method"]["type"]["name"].replace("/", ".") for f in (trace["frames"] if trace else [])}
    kind = event["type"]
    totals[kind] += 1
    for group, prefixes in groups:
        if any(belongs(name, group, prefixes) for name in names):
            counts[kind][group] += 1
print("| through | running Java (execution samples) | in native code (native samples) |")
print("| --- | --- | --- |")
for group, prefixes in groups:
    shares = [100 * counts[k][group] / max(totals[k], 1) for k in ("jdk.ExecutionSample", "jdk.NativeMethodSample")]
    print(f"| {group} | {shares[0]:.0f} % | {shares[1]:.0f} % |")
running, native = totals["jdk.ExecutionSample"], totals["jdk.NativeMethodSample"]
print(f"| samples | {running} | {native} |")'
  [ "$keep" = 1 ] || echo "(pass --keep to keep the recording)"
fi
