#!/usr/bin/env bash
# The floor under issue #4's ratio target ("at least 40 % of the simulator ceiling measured in the same run"):
#   1. the ceiling, as bench/ceiling.sh runs it (load generator straight into a simulated SMSC, every receipt
#      back), and the CPU its two processes use per message, s;
#   2. PostgreSQL alone, on smsgate's own embedded server (`smsgate demo`: fsync and synchronous_commit on), doing
#      the least a durable relay with receipts must do per message (bench/floor/*.sql, pgbench, one client, one
#      commit per BATCH messages, rows generated in the server so no client parsing is counted): the CPU of all
#      the cluster's processes per message, median of RUNS;
#   3. the budget: at 40 % of the ceiling C the machine has 2 cores / (0.4 C) of CPU per relayed message; the load
#      generator and the simulator take s of it; smsgate's JVM and PostgreSQL share what is left.
# The smsgate JVM is stopped (SIGSTOP) while pgbench runs, so nothing else uses the cluster.
# Needs pgbench and psql (Debian: postgresql-client) and jq. Every socket is on 127.0.0.1.
# Usage: bench/floor.sh [seconds] [batch] [runs]   (defaults: 20, 100, 3)
# Environment: FLOOR_PORT (default 2945; the demo takes the next ports, the ceiling's SMSC FLOOR_PORT+9).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"; batch="${2:-100}"; runs="${3:-3}"
port="${FLOOR_PORT:-2945}"
hz="$(getconf CLK_TCK)"
out="$root/bench/out"
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d "${TMPDIR:-/tmp}/smsgate-floor.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # command…: retried for 60 s
    for _ in $(seq 1 300); do
        "$@" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "floor.sh: gave up waiting for: $*" >&2
    return 1
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1"); }
ticks() { # pid…: utime + stime, plus those of reaped children, in clock ticks
    local total=0 p fields
    for p in "$@"; do
        fields="$(cut -d' ' -f14-17 "/proc/$p/stat" 2>/dev/null)" || continue
        set -- $fields
        total=$((total + $1 + $2 + $3 + $4))
    done
    echo "$total"
}

"$root/smsgate" --help > /dev/null  # builds the distribution once, before anything is timed

echo "== 1. ceiling: load generator -> simulated SMSC, CPU per message"
smsc_port=$((port + 9))
"$root/smsgate" sim smsc --port "$smsc_port" --control-port 0 > "$work/smsc.log" 2>&1 &
smsc=$!
pids+=("$smsc")
wait_for listening "$smsc_port"
"$root/smsgate" sim load --port "$smsc_port" --binds 4 --window 100 --rate 0 --warm-up 10s \
    --duration "${seconds}s" --receipt-wait 60s --json "$out/floor-$stamp-ceiling.json" > /dev/null 2>&1 &
load=$!
# The launcher execs java, so these pids are the JVMs'. One sample every 0.5 s: epoch seconds, ticks.
( while kill -0 "$load" 2>/dev/null; do
      echo "$(date +%s.%N) $(ticks "$smsc") $(ticks "$load")"
      sleep 0.5
  done ) > "$work/ceiling-cpu.txt" &
sampler=$!
wait "$load" || true
wait "$sampler" || true
kill "$smsc"; wait "$smsc" 2>/dev/null || true
started="$(date -d "$(jq -r '."started-at"' "$out/floor-$stamp-ceiling.json")" +%s.%N)"
# The measured part without its first two and last seconds; messages are the series' seconds that end inside it.
read -r ceiling s_us sim_us window_msgs < <(jq -r --argjson t0 "$started" '
    [."accepted-per-second", (.series | map({end: ($t0 + ."elapsed-seconds"), accepted}))] | @json' \
    "$out/floor-$stamp-ceiling.json" | awk -v hz="$hz" -v t0="$started" -v d="$seconds" -v f="$work/ceiling-cpu.txt" '
    { json = $0 }
    END {
        a = t0 + 2; b = t0 + d - 1
        while ((getline line < f) > 0) {
            split(line, x, " ")
            if (x[1] >= a && ta == "") { ta = x[1]; sa = x[2]; la = x[3] }
            if (x[1] <= b) { tb = x[1]; sb = x[2]; lb = x[3] }
        }
        rate = json; sub(/^\[/, "", rate); sub(/,.*/, "", rate)
        msgs = 0; rest = json
        while (match(rest, /"end":[0-9.e+]+,"accepted":[0-9]+/)) {
            item = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
            split(item, y, /[:,]/)
            if (y[2] > ta && y[2] <= tb) msgs += y[4]
        }
        us = 1e6 / hz / msgs
        printf "%d %.1f %.1f %d\n", rate, (sb - sa + lb - la) * us, (sb - sa) * us, msgs
    }')
echo "ceiling C: $ceiling msg/s; load generator + simulator: $s_us µs of CPU per message, the simulator $sim_us µs" \
    "(over $window_msgs messages)"

echo
echo "== 2. PostgreSQL alone: the least a durable relay with receipts writes, CPU per message"
"$root/smsgate" demo --data "$work/data" --port "$port" --carrier-port $((port + 1)) \
    --admin-port $((port + 5300)) --api-port $((port + 5302)) > "$work/demo.log" 2>&1 &
demo=$!
pids+=("$demo")
wait_for listening "$port"
pg_port="$(cat "$work/data/postgres.port")"
postmaster="$(head -1 "$work/data/postgres/postmaster.pid")"
kill -STOP "$demo"
# The cluster's CPU: its processes' own ticks plus the reaped ones' (in the postmaster's). Read again when the
# postmaster reaped a process during the read: an exiting autovacuum worker would be counted twice or not at all.
cluster_ticks() {
    local before after children
    while true; do
        before="$(ticks "$postmaster")"
        children="$(ticks $(pgrep -P "$postmaster"))"
        after="$(ticks "$postmaster")"
        [ "$before" = "$after" ] && break
    done
    echo "$((after + children))"
}
psql_floor() { psql -qtA -h 127.0.0.1 -p "$pg_port" -U postgres -d floor "$@"; }
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE floor" > /dev/null
psql_floor -f "$root/bench/floor/schema.sql" > /dev/null 2>&1
declare -A floor_us
for script in lifecycle insert-only; do
    results=()
    for run in $(seq 1 "$runs"); do
        b0="$(psql_floor -c "SELECT last_value FROM batch")"
        c0="$(cluster_ticks)"
        pgbench -n -h 127.0.0.1 -p "$pg_port" -U postgres -T "$seconds" -c 1 -D n="$batch" \
            -f "$root/bench/floor/$script.sql" floor > "$work/pgbench.txt" 2>&1
        c1="$(cluster_ticks)"
        b1="$(psql_floor -c "SELECT last_value FROM batch")"
        msgs=$(((b1 - b0) * batch))
        us="$(awk -v c="$((c1 - c0))" -v hz="$hz" -v m="$msgs" 'BEGIN { printf "%.1f", c / hz * 1e6 / m }')"
        results+=("$us")
        echo "  $script run $run: $msgs messages in ${seconds} s ($((msgs / seconds)) msg/s), $us µs of PostgreSQL CPU per message"
    done
    floor_us[$script]="$(printf '%s\n' "${results[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
done
kill -CONT "$demo"

echo
awk -v c="$ceiling" -v s="$s_us" -v sim="$sim_us" -v lc="${floor_us[lifecycle]}" -v io="${floor_us[insert-only]}" 'BEGIN {
    total = 2 / (0.4 * c) * 1e6
    printf "summary (2 cores; batches of %s; medians of %s runs)\n", "'"$batch"'", "'"$runs"'"
    printf "  at 40 %% of the ceiling (%d msg/s): %.1f µs of CPU per message for everything\n", 0.4 * c, total
    printf "  load generator + simulator: %.1f µs; left for smsgate JVM + PostgreSQL: %.1f µs\n", s, total - s
    printf "  (smsgate ends the load generator'"'"'s sessions as the simulator does: at least %.1f µs of its JVM)\n", sim
    printf "  PostgreSQL alone, lifecycle (updates + outbox): %.1f µs; insert-only: %.1f µs\n", lc, io
}'
