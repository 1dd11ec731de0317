# Shared by the bench scripts that start a server of their own (sourced, not run): build, a scratch directory cleaned
# up on exit, a smsgate server started on a generated configuration, and the heap figures taken from it.
#
#   SKIP_BUILD=1        use the jars and test-classes already under server/target
#   DIST=server/target  where smsgate-server.jar, lib/ and test-classes/ are (a copy keeps a long run safe from a
#                       rebuild meanwhile)
#
# After sourcing: $root, $dist, $java_bin, $jcmd_bin and $work are set; smsgate_start sets $server_pid, $port (the
# upstream SMPP port) and $admin (the admin HTTP port). Processes added to bench_pids are stopped on exit.

bench_name="$(basename "$0" .sh)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dist="${DIST:-$root/server/target}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
server_pid=""
port=""
admin=""
bench_pids=()

# Builds the server and the bench drivers in its test classes, unless SKIP_BUILD is set.
bench_build() {
    if [ -z "${SKIP_BUILD:-}" ]; then
        echo "$bench_name: building the server and the driver (package, tests compiled not run)..." >&2
        (cd "$root" && ./mvnw -B -q -pl server -am package -DskipTests) >&2
    fi
}

work="$(mktemp -d)"
bench_cleanup() {
    local pid
    for pid in "${bench_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap bench_cleanup EXIT

# The configuration every bench starts from: a node of its own under $work, admin on a free loopback port, no HTTP
# API, and the upstream SMPP listener on a free loopback port. The caller appends its accounts, carriers, routes.
smsgate_yaml() {
    mkdir -p "$work/data"
    cat <<YAML
node:
  id: 1
  data-path: $work/data
admin:
  bind-address: 127.0.0.1
  port: 0
api:
  enabled: false
smpp:
  bind-address: 127.0.0.1
  port: 0
YAML
}

# blackhole_carrier_start: starts InflightHeap's carrier (a black-hole SMSC: binds, never answers a submit_sm) and
# sets $carrier_port.
blackhole_carrier_start() {
    # exec: $! is then the carrier's JVM itself, which cleanup stops, not a subshell around it.
    (exec "$java_bin" -Xmx256m -cp "$dist/test-classes" io.smsgate.server.carrier.InflightHeap carrier) \
        > "$work/carrier.log" 2>&1 &
    bench_pids+=("$!")
    carrier_port=""
    for _ in $(seq 1 60); do
        carrier_port="$(grep -o '^carrier port=[0-9]*' "$work/carrier.log" | grep -o '[0-9]*$' || true)"
        [ -n "$carrier_port" ] && break
        sleep 0.5
    done
    [ -n "$carrier_port" ] || { echo "$bench_name: carrier did not start" >&2; cat "$work/carrier.log" >&2; exit 1; }
}

# blackhole_yaml SYSTEM_ID PASSWORD: after smsgate_yaml, one TX account and every route to the carrier on
# $carrier_port, whose window (10) keeps the rest of the messages queued in the server.
blackhole_yaml() {
    cat <<YAML
  accounts: [{system-id: $1, password: $2, bind-types: [tx], max-binds: 4, allowlist: [127.0.0.1/32], tps-limit: 1000000, deliver-window: 10, receipt-format: SMPP34}]
carriers:
  - id: blackhole
    host: 127.0.0.1
    port: $carrier_port
    system-id: smsgate
    password: secret
    binds: [{type: trx, window: 10, tps: 1000000, enquire-link-interval: 30s, response-timeout: 1h, bind-timeout: 5s}]
    queue-capacity: 1000000
routes:
  "": [blackhole]
YAML
}

# smsgate_start CONFIG [LOG_PATTERN]: starts the server (options from SMSGATE_JAVA_OPTS, else $default_java_opts)
# and waits up to 120 s until its SMPP and admin ports are logged, and LOG_PATTERN too when given.
smsgate_start() {
    local config="$1" pattern="${2:-}"
    # shellcheck disable=SC2086
    "$java_bin" ${SMSGATE_JAVA_OPTS:-${default_java_opts:--Xmx1g}} -cp "$dist/smsgate-server.jar:$dist/lib/*" \
        io.smsgate.server.cli.SmsgateCommand run --config "$config" > "$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do
        port="$(grep -o 'upstream smpp server started address=/127.0.0.1:[0-9]*' "$work/server.log" \
            | grep -o '[0-9]*$' || true)"
        admin="$(grep -o 'started ready=true admin=[^ ]*' "$work/server.log" | grep -o '[0-9]*$' || true)"
        if [ -n "$port" ] && [ -n "$admin" ] && { [ -z "$pattern" ] || grep -q "$pattern" "$work/server.log"; }; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || { tail -50 "$work/server.log" >&2; exit 1; }
        sleep 1
    done
    echo "$bench_name: server did not start" >&2
    tail -50 "$work/server.log" >&2
    exit 1
}

# The server's heap in use after a full GC, in KiB.
heap_used_kib() {
    "$jcmd_bin" "$server_pid" GC.run > /dev/null
    "$jcmd_bin" "$server_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*'
}

# The server's resident set size, in KiB.
rss_kib() {
    ps -o rss= -p "$server_pid" | tr -d ' '
}

# histogram FILE: the server's class histogram as "class instances bytes" lines.
histogram() {
    "$jcmd_bin" "$server_pid" GC.class_histogram | awk '$1 ~ /^[0-9]+:$/ { print $4, $2, $3 }' > "$1"
}
