#!/usr/bin/env bash
# Issue 4, graceful shutdown: starts smsgate (embedded PostgreSQL, durable) with one carrier that binds but never
# answers a submit_sm (InflightHeap carrier, a black-hole SMSC), queues COUNT messages behind it, sends SIGTERM and
# reports how long the server took to exit, each stop step's time from the server's log, and how many of the
# messages are still QUEUED or SUBMITTED in the store (they stay there for the next start; none may be FAILED).
#
#   bench/shutdown-drain.sh [COUNT]      COUNT defaults to 59000
#   CARRIER=silent                       a simulated SMSC (smsgate sim smsc) on CARRIER_PORT (2815) that answers
#                                        nothing, not even the bind: the messages queue behind binds never up
#   SHUTDOWN_TIMEOUT=30s                 node.shutdown-timeout
#   SMSGATE_JAVA_OPTS=-Xmx2g             the server JVM's options
#   SKIP_BUILD=1, DIST=server/target     as in bench/lib/smsgate-server.sh
set -euo pipefail

count="${1:-59000}"
shutdown_timeout="${SHUTDOWN_TIMEOUT:-30s}"
default_java_opts=-Xmx2g
# shellcheck source=lib/smsgate-server.sh
. "$(dirname "$0")/lib/smsgate-server.sh"

bench_build

carrier="${CARRIER:-blackhole}"
if [ "$carrier" = silent ]; then
    carrier_port="${CARRIER_PORT:-2815}"
    cat > "$work/sim.yaml" <<YAML
carriers:
  - name: silent
    host: 127.0.0.1
    port: $carrier_port
    accounts:
      - {system-id: smsgate, password: secret}
    behaviour:
      faults: {silent: true}
YAML
    (exec "$java_bin" -Xmx256m -cp "$dist/smsgate-server.jar:$dist/lib/*" io.smsgate.server.cli.SmsgateCommand sim smsc \
        --config "$work/sim.yaml") > "$work/carrier.log" 2>&1 &
    bench_pids+=("$!")
    ready_pattern=""
    sleep 3
else
    blackhole_carrier_start
    ready_pattern='carrier bind up'
fi

{
    smsgate_yaml | sed "s/^  data-path: .*/&\n  shutdown-timeout: $shutdown_timeout/"
    blackhole_yaml drain drain1
} > "$work/smsgate.yaml"
smsgate_start "$work/smsgate.yaml" "$ready_pattern"

"$java_bin" -Xmx256m -cp "$dist/test-classes" io.smsgate.server.carrier.InflightHeap submit 127.0.0.1 "$port" drain \
    drain1 "$count" short 100 0 >&2
queued="$(curl -s "http://127.0.0.1:$admin/metrics" | grep '^smsgate_carrier_queue_depth' | grep -o '[0-9.E+]*$' \
    | awk '{ printf "%d", $1 }')"

started="$(date +%s%N)"
kill -TERM "$server_pid"
wait "$server_pid" || true
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
server_pid=""
grep -E 'stopping timeout|stopped step|stop step overran|stop step failed|carrier unbind incomplete' "$work/server.log" \
    | sed 's/^/shutdown-drain: /' >&2
failovers="$(grep -c 'carrier failover\|carrier dispatch ended' "$work/server.log" || true)"
echo "carrier=$carrier count=$count queued_at_carrier=$queued shutdown_timeout=$shutdown_timeout exit_after_ms=$elapsed_ms" \
     "failover_or_end_lines=$failovers"
