#!/usr/bin/env bash
# The gateway against the simulator ceiling, in one run (issue #4, Performance):
#   1. ceiling: the load generator straight into a simulated SMSC (as bench/ceiling.sh);
#   2. gateway at max rate: the load generator -> smsgate (`smsgate demo`: embedded PostgreSQL with fsync and
#      synchronous_commit on, two simulated carriers in its process, the demo account with a 50,000/s TPS limit)
#      -> simulated carrier, and every receipt back to the load generator;
#   3. gateway at a fixed rate (default 12,500 msg/s, half the target) for the accept latency.
# The gateway gets a warm-up load first (JIT, pools), not reported: WARMUP (default 30s). With a 5 s warm-up the
# JIT compiler threads had 60 % of the gateway's CPU samples over the run (async-profiler), and once warm the
# gateway JVM used a third of the CPU it used cold at the same rate.
# Every socket is on 127.0.0.1. Each load runs for [duration] and waits at most 60 s for its receipts.
# Usage: bench/gateway.sh [duration] [binds] [window] [rate]   (defaults: 12s, 4, 100, 12500)
# Environment: WARMUP (default 30s); SETTLE (default 15s, at the fixed rate before it is measured);
#              GATEWAY_JAVA_OPTS (e.g. a JFR recording) applies to the smsgate process only;
#              GATEWAY_PORT (default 2785; the carriers take the next two ports, metrics GATEWAY_PORT+5300).
# Prints the three summaries and the ratio; writes bench/out/gateway-<time>-*.json/.html/.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-12s}"; binds="${2:-4}"; window="${3:-100}"; rate="${4:-12500}"
port="${GATEWAY_PORT:-2785}"
admin_port=$((port + 5300))
ceiling_port=$((port + 3))
out="$root/bench/out"
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
data="$(mktemp -d "${TMPDIR:-/tmp}/smsgate-gateway-bench.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$data"
}
trap cleanup EXIT

wait_port() {
    for _ in $(seq 1 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.2
    done
    echo "gateway.sh: nothing listens on 127.0.0.1:$1 after 60 s" >&2
    return 1
}

load() { # name port rate [extra sim load options…]
    local name="$1" p="$2" r="$3"
    shift 3
    timeout 150 "$root/smsgate" sim load --port "$p" --binds "$binds" --window "$window" --rate "$r" \
        --duration "$duration" --receipt-wait 60s --json "$out/gateway-$stamp-$name.json" "$@" 2>/dev/null || true  # lost receipts exit non-zero; the summary says so
}

# Builds the distribution once, before anything is timed.
"$root/smsgate" --help > /dev/null

echo "== 1. ceiling: load generator -> simulated SMSC"
"$root/smsgate" sim smsc --port "$ceiling_port" --control-port 0 > "$out/gateway-$stamp-ceiling-smsc.log" 2>&1 &
smsc=$!
pids+=("$smsc")
wait_port "$ceiling_port"
load ceiling "$ceiling_port" 0
kill "$smsc"; wait "$smsc" 2>/dev/null || true

echo
echo "== 2. gateway at max rate: load generator -> smsgate -> simulated carrier, receipts back"
SMSGATE_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}" "$root/smsgate" demo --data "$data" --port "$port" \
    --carrier-port $((port + 1)) --admin-port "$admin_port" > "$out/gateway-$stamp-smsgate.log" 2>&1 &
pids+=("$!")
wait_port "$port"
# Warm-up (JIT, connection pools, first partitions), not reported: WARMUP at max rate, receipts drained.
timeout 150 "$root/smsgate" sim load --port "$port" --system-id demo --password demo1234 --binds "$binds" \
    --window "$window" --rate 0 --duration "${WARMUP:-30s}" --receipt-wait 30s > "$out/gateway-$stamp-warmup.txt" 2>&1 || true
load gateway "$port" 0 --system-id demo --password demo1234
curl -s "http://127.0.0.1:$admin_port/metrics" > "$out/gateway-$stamp-metrics-max.txt" || true

echo
echo "== 3. gateway at $rate msg/s (accept latency)"
# Settles at the measured rate first, in the same load generator, not reported (SETTLE, default 15s): right after
# the max-rate run, autovacuum of its updated rows and its receipts' outbox took the first seconds at this rate
# (per-second p50 of 100 ms there, 3 ms after), and a fresh load generator's own JIT warm-up the first four.
load gateway-rate "$port" "$rate" --system-id demo --password demo1234 --warm-up "${SETTLE:-15s}"
curl -s "http://127.0.0.1:$admin_port/metrics" > "$out/gateway-$stamp-metrics-rate.txt" || true

echo
jq -rn --slurpfile c "$out/gateway-$stamp-ceiling.json" --slurpfile g "$out/gateway-$stamp-gateway.json" \
    --slurpfile h "$out/gateway-$stamp-gateway-rate.json" '
    def rate(r): (r.receipts.matched / r["duration-seconds"]);
    "summary (msg/s with every final receipt back; duration includes the receipt wait)",
    "  ceiling           accepted \($c[0]["accepted-per-second"] | floor)/s  receipts matched \($c[0].receipts.matched) lost \($c[0].receipts.lost) doubled \($c[0].receipts.doubled)",
    "  gateway max rate  accepted \($g[0]["accepted-per-second"] | floor)/s  receipts matched \($g[0].receipts.matched) lost \($g[0].receipts.lost) doubled \($g[0].receipts.doubled)  receipt p50 \($g[0].receipt.p50) ms p99 \($g[0].receipt.p99) ms",
    "  gateway at rate   accepted \($h[0]["accepted-per-second"] | floor)/s  accept p50 \($h[0]["submit-response"].p50) ms p99 \($h[0]["submit-response"].p99) ms  lost \($h[0].receipts.lost) doubled \($h[0].receipts.doubled)",
    "  ratio gateway/ceiling (accepted/s)  \((100 * $g[0]["accepted-per-second"] / $c[0]["accepted-per-second"]) | floor) %"'
