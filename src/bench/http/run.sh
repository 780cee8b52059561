#!/usr/bin/env bash
# The HTTP benchmarks of src/docs/BENCHMARKS.md, in one run against the run command's server:
#   src/bench/http/run.sh            # ~5 minutes: cold start, the three endpoints under wrk, RSS
#   PROFILE=1 src/bench/http/run.sh  # also JFR recordings (settings=profile) of each endpoint's
#                                    # measured DURATION: live.jfr, sample.jfr, session.jfr
#   SOAK=PT10M src/bench/http/run.sh # also 10 minutes of mixed load (mixed.lua)
#   SERVER=wildfly src/bench/http/run.sh # the same against WildFly (the wildfly-dist of pom.xml,
#                                    # unpacked afresh under target/bench/, server-config/wildfly/
#                                    # applied, in-memory H2), with the sandbox on;
#                                    # WILDFLY_TASK_THREADS=8 sets its io worker's task-max-threads
# It needs port 8080 and deletes ./data (a fresh database); it holds /tmp/identitybridge-it.lock
# while the server is up, so that two benchmark runs on one machine never overlap (run anything
# else that measures, such as the side-by-side runner, under `flock /tmp/identitybridge-it.lock`).
# Figures go to target/bench/http/ (target/bench/http-wildfly/ for WildFly).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SERVER=${SERVER:-payara}
OUT=target/bench/http
[ "$SERVER" = payara ] || OUT=target/bench/http-$SERVER
mkdir -p "$OUT"
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20s}
BASE=http://localhost:8080
export IDENTITYBRIDGE_ADMIN_PASSWORD=${IDENTITYBRIDGE_ADMIN_PASSWORD:-bench-admin-password-$RANDOM$RANDOM}

exec 9>/tmp/identitybridge-it.lock
flock 9

mvn -q -o -DskipTests package >"$OUT/build.log" 2>&1
rm -rf ./data
case "$SERVER" in
  payara)
    launched=$(date +%s%N)
    # Online: the plugin resolves its own helpers (maven-dependency-plugin) when it starts.
    mvn -DskipTests payara-micro:start >"$OUT/server.log" 2>&1 &
    ;;
  wildfly)
    version=$(sed -n "s:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p" pom.xml)
    zip=~/.m2/repository/org/wildfly/wildfly-dist/$version/wildfly-dist-$version.zip
    [ -f "$zip" ] || mvn -q dependency:get -Dartifact="org.wildfly:wildfly-dist:$version:zip"
    rm -rf target/bench/wildfly
    unzip -q "$zip" -d target/bench/wildfly
    JBOSS_HOME=$PWD/target/bench/wildfly/wildfly-$version
    src/test/wildfly/configure.sh "$JBOSS_HOME" >"$OUT/configure.log" 2>&1
    if [ -n "${WILDFLY_TASK_THREADS:-}" ]; then # the io worker's task threads (WildFly: 16 per core)
      printf '%s\n' "embed-server --std-out=discard --server-config=standalone.xml" \
        "/subsystem=io/worker=default:write-attribute(name=task-max-threads, value=$WILDFLY_TASK_THREADS)" \
        "stop-embedded-server" >"$OUT/tuning.cli"
      JBOSS_HOME=$JBOSS_HOME "$JBOSS_HOME/bin/jboss-cli.sh" --file="$OUT/tuning.cli" >>"$OUT/configure.log" 2>&1
    fi
    cp target/identity-bridge.war "$JBOSS_HOME/standalone/deployments/"
    launched=$(date +%s%N)
    IDENTITYBRIDGE_SANDBOX_ENABLED=true "$JBOSS_HOME/bin/standalone.sh" >"$OUT/server.log" 2>&1 &
    ;;
  *) echo "SERVER is payara or wildfly"; exit 2 ;;
esac
SERVER_PID=$!
stop() {
  local java_pid
  java_pid=$(pgrep -P "$SERVER_PID" java || true)
  [ -n "$java_pid" ] && kill "$java_pid" 2>/dev/null || true
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
trap stop EXIT

# Time from launch to the first validated token.
token=""
until [ -n "$token" ]; do
  sleep 0.2
  kill -0 "$SERVER_PID" || { echo "server died, see $OUT/server.log"; exit 1; }
  token=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"mailbox":"alice"}' \
    "$BASE/api/sandbox/tokens" 2>/dev/null | sed -n 's/.*"token":"\([^"]*\)".*/\1/p' || true)
done
# 200 concurrent first validations: the key store must fetch each source once.
seq 200 | xargs -P 200 -I{} curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\"}" "$BASE/IdentityTestService/UnpackTokenJSON"
first_valid=$(date +%s%N)
curl -s -X POST -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" \
  "$BASE/IdentityTestService/UnpackTokenJSON" | grep -q '"uniqueID"' || { echo "token not valid"; exit 1; }
echo "launch to first validated token (incl. build check, 200 first requests): $(( (first_valid - launched) / 1000000 )) ms" | tee "$OUT/summary.txt"
echo "key fetches after 200 concurrent first requests: $(grep -c 'Loaded .* signing key' "$OUT/server.log")" | tee -a "$OUT/summary.txt"

curl -sf -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$IDENTITYBRIDGE_ADMIN_PASSWORD\"}" "$BASE/api/links" \
  | grep -q 201 || { echo "linking failed"; exit 1; }

java_pid=$(pgrep -P "$SERVER_PID" java)
# The baseline: JAX-RS, CDI and JSON binding, nothing of ours. post-json.lua sends a POST, so the
# baseline is measured with GET through a wrk script of its own.
cat >"$OUT/get.lua" <<'LUA'
wrk.method = "GET"
LUA
profile() { # name: a JFR recording of the measured part of the next run, when PROFILE=1
  if [ "${PROFILE:-0}" = 1 ]; then
    jcmd "$java_pid" JFR.start name="$1" settings=profile duration="$DURATION" \
      filename="$PWD/$OUT/$1.jfr" >/dev/null
  fi
}
load() { # name, path, script, duration, [TOKEN, BODY in the environment]
  wrk -t2 -c"$CONNECTIONS" -d"$4" --latency -s "$3" "$BASE$2" >"$OUT/$1.txt"
}
# Every endpoint is warmed up before any is measured: the three share most of the framework path,
# and measured one after the other from a cold start the first (the baseline) ran while the JIT was
# still compiling what the later ones then found ready (a probe of the baseline alone: 2,724 req/s
# in its first 8 s, 4,417 in a second 8 s).
for round in 1 2; do
  load warm-up /api/health/live "$OUT/get.lua" 10s
  TOKEN="" BODY="{\"token\":\"$token\"}" load warm-up /IdentityTestService/UnpackTokenJSON src/bench/http/post-json.lua 10s
  TOKEN="$token" BODY="" load warm-up /api/session src/bench/http/post-json.lua 10s
done
rm "$OUT/warm-up.txt"
run() { # name, path, script, [TOKEN, BODY in the environment]
  profile "$1"
  load "$1" "$2" "$3" "$DURATION"
  echo "== $1: $(grep 'Requests/sec' "$OUT/$1.txt"), p99 $(grep ' 99%' "$OUT/$1.txt" | awk '{print $2}'), non-2xx: $(grep -c 'Non-2xx' "$OUT/$1.txt" || true)" | tee -a "$OUT/summary.txt"
}
run live /api/health/live "$OUT/get.lua"
TOKEN="" BODY="{\"token\":\"$token\"}" run sample /IdentityTestService/UnpackTokenJSON src/bench/http/post-json.lua
TOKEN="$token" BODY="" run session /api/session src/bench/http/post-json.lua
echo "server threads after load: $(jcmd "$java_pid" Thread.print | grep -c '^"' ), HTTP workers: $(jcmd "$java_pid" Thread.print | grep -c -E '^"(http-thread-pool|default task|XNIO-[0-9]+ task)' || true)" | tee -a "$OUT/summary.txt"
echo "RSS after load: $(grep VmRSS /proc/"$java_pid"/status | awk '{print $2, $3}')" | tee -a "$OUT/summary.txt"
if [ -n "${SOAK:-}" ]; then
  seconds=$(( $(echo "$SOAK" | sed 's/PT\([0-9]*\)M/\1/') * 60 ))
  # The live heap in KiB after a full GC, after the first minute of the soak and at its end. A class
  # histogram forces a stop-the-world full GC before it counts, and its total is what survived it.
  # `jcmd GC.run` then `GC.heap_info` is not that: the load goes on between the two commands and
  # allocates meanwhile, so it read anything from 85 MB to 260 MB minute by minute while the
  # histograms' totals stayed within 1 %. The two histograms stay in $OUT, so that what grew can be
  # read class by class.
  heap_after_gc() { # file name
    jcmd "$java_pid" GC.class_histogram >"$OUT/$1"
    awk '/^Total/ { print int($3 / 1024) }' "$OUT/$1"
  }
  # --timeout 10s: a link attempt (a PBKDF2 hash) queued behind 64 connections may take seconds.
  TOKEN="$token" PASSWORD="$IDENTITYBRIDGE_ADMIN_PASSWORD" wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s \
    --latency -s src/bench/http/mixed.lua "$BASE" >"$OUT/soak.txt" &
  wrk_pid=$!
  sleep 60
  first_minute=$(heap_after_gc histogram-first-minute.txt)
  wait "$wrk_pid"
  at_end=$(heap_after_gc histogram-end.txt)
  echo "soak $SOAK: $(grep 'Requests/sec' "$OUT/soak.txt"), $(grep '^5xx' "$OUT/soak.txt"), $(grep '^socket errors' "$OUT/soak.txt")" | tee -a "$OUT/summary.txt"
  echo "soak heap after full GC: ${first_minute} KiB after 1 min, ${at_end} KiB at the end ($(awk -v a="$first_minute" -v b="$at_end" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }') %), RSS $(grep VmRSS /proc/"$java_pid"/status | awk '{print $2, $3}')" | tee -a "$OUT/summary.txt"
fi
{ grep -c 'Token rejected' "$OUT/server.log" || true; } | sed 's/^/rejection log lines: /' | tee -a "$OUT/summary.txt"
