#!/usr/bin/env bash
# Issue 4, "heap per in-flight message at most 2 KiB": starts smsgate (embedded PostgreSQL, durable) with one carrier
# that binds but never answers a submit_sm (InflightHeap carrier, a black-hole SMSC), so that every accepted message
# past the carrier's window waits in memory in the carrier dispatcher. Submits WARMUP messages, takes the server's
# heap used after a full GC (jcmd GC.run, GC.heap_info) and a class histogram, submits COUNT more, waits until the
# carrier's queue gauge holds all of them, and takes both again: (after - before) / COUNT is the heap per queued
# message, and the histogram difference shows which classes hold it.
#
#   bench/inflight-heap.sh [COUNT] [short|long]   COUNT defaults to 10000; short = 20 characters, long = 3 parts
#   SMSGATE_JAVA_OPTS=-Xmx2g                      the server JVM's options
#   WARMUP=1000                                   messages queued before the first measurement (JIT, pools, caches)
#   SKIP_BUILD=1, DIST=server/target              as in bench/lib/smsgate-server.sh
set -euo pipefail

count="${1:-10000}"
kind="${2:-short}"
warmup="${WARMUP:-1000}"
default_java_opts=-Xmx2g
case "$kind" in short|long) ;; *) echo "inflight-heap: kind '$kind' (expected: short or long)" >&2; exit 2 ;; esac
# shellcheck source=lib/smsgate-server.sh
. "$(dirname "$0")/lib/smsgate-server.sh"

bench_build

driver() {
    "$java_bin" -Xmx256m -cp "$dist/test-classes" io.smsgate.server.carrier.InflightHeap "$@"
}

blackhole_carrier_start
{
    smsgate_yaml
    blackhole_yaml heap heap1
} > "$work/smsgate.yaml"
smsgate_start "$work/smsgate.yaml" 'carrier bind up'

queue_depth() {
    curl -s "http://127.0.0.1:$admin/metrics" | grep '^smsgate_carrier_queue_depth' | grep -o '[0-9.E+]*$' \
        | awk '{ printf "%d", $1 }'
}
await_depth() {
    local want="$1"
    for _ in $(seq 1 900); do
        [ "$(queue_depth)" -ge "$want" ] && return 0
        kill -0 "$server_pid" 2>/dev/null || { tail -50 "$work/server.log" >&2; exit 1; }
        sleep 1
    done
    echo "inflight-heap: queue depth $(queue_depth) (expected: $want)" >&2
    exit 1
}
driver submit 127.0.0.1 "$port" heap heap1 "$warmup" "$kind" 100 0 >&2
await_depth "$warmup"
before="$(heap_used_kib)"
histogram "$work/histo.before"
echo "inflight-heap: server pid=$server_pid smpp=$port admin=$admin queued=$(queue_depth) heap_used_after_gc=${before}KiB" >&2

driver submit 127.0.0.1 "$port" heap heap1 "$count" "$kind" 100 "$warmup" >&2
await_depth $((warmup + count))
after="$(heap_used_kib)"
histogram "$work/histo.after"
queued="$(queue_depth)"
carrier_submits="$(grep -o 'carrier submits=[0-9]*' "$work/carrier.log" | tail -1 | grep -o '[0-9]*$' || echo 0)"

echo "inflight-heap: classes holding the difference (bytes per queued message, instances per queued message):" >&2
awk -v n="$count" 'NR == FNR { bytes[$1] = $3; inst[$1] = $2; next }
    { d = $3 - bytes[$1]; if (d > 0) printf "%10.1f B %8.2f  %s\n", d / n, ($2 - inst[$1]) / n, $1 }' \
    "$work/histo.before" "$work/histo.after" | sort -rn | sed -n 1,25p >&2

per_message=$(( (after - before) * 1024 / count ))
echo "kind=$kind count=$count warmup=$warmup queued=$queued at_carrier=$carrier_submits" \
     "heap_used_after_gc_before=${before}KiB after=${after}KiB per_message=${per_message}B"
