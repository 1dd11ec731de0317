#!/usr/bin/env bash
# The simulator ceiling: the load generator straight into a simulated SMSC (no gateway between), receipts on.
# Usage: bench/ceiling.sh [duration] [binds] [window] [warm-up]   (defaults: 12s, 4, 100, 5s)
# A warm-up phase (sent, answered, not counted) lets both JVMs compile their hot paths first, as JMH does;
# the measured phase then holds over 1,000,000 messages at 100,000 msg/s. The simulated SMSC gets 4,194,304
# duplicate-detection slots so that every message of the run is checked (its default, 1,048,576, checks
# the first 786,432 of a window and counts the rest as skipped).
# Prints the load generator's summary; writes bench/out/ceiling-<time>.json and .html.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-12s}"; binds="${2:-4}"; window="${3:-100}"; warmup="${4:-5s}"
port=2778
mkdir -p "$root/bench/out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
"$root/smsgate" sim smsc --port "$port" --control-port 0 --duplicate-capacity 4194304 \
    > "$root/bench/out/ceiling-$stamp-smsc.log" 2>&1 &
smsc=$!
trap 'kill $smsc 2>/dev/null; wait $smsc 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.2
done
"$root/smsgate" sim load --port "$port" --binds "$binds" --window "$window" --rate 0 --warm-up "$warmup" \
    --duration "$duration" --receipt-wait 60s \
    --json "$root/bench/out/ceiling-$stamp.json" --html "$root/bench/out/ceiling-$stamp.html" 2>/dev/null
