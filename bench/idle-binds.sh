#!/usr/bin/env bash
# Issue 4, "10,000 idle upstream binds at most 1 GiB heap": starts smsgate (embedded PostgreSQL, no carriers) with
# -Xmx1g and one account, opens COUNT binds to it from a separate JVM (IdleBinds, a JDK-only selector driver in
# server/target/test-classes that answers every enquire_link), and reports the server's heap used after a full GC
# (jcmd GC.run, GC.heap_info) before and with the binds held, plus its resident set size.
#
#   bench/idle-binds.sh [COUNT]          COUNT defaults to 10000
#   SMSGATE_JAVA_OPTS=-Xmx1g             the server JVM's options (the default proves the 1 GiB bound)
#   CONCURRENCY=32                       binds waiting for their bind_resp at once (each costs an Argon2id verify)
#
# File descriptors: the server and the driver each hold COUNT sockets; the script raises the soft limit of open
# files to the hard limit and refuses to start when COUNT + 1024 does not fit.
set -euo pipefail

count="${1:-10000}"
concurrency="${CONCURRENCY:-32}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$root/server/target"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
limit="$(ulimit -n)"
if [ "$limit" != "unlimited" ] && [ "$limit" -lt $((count + 1024)) ]; then
    echo "idle-binds: open files limit $limit is below $((count + 1024)); raise it (ulimit -Hn, limits.conf)" >&2
    exit 2
fi

echo "idle-binds: building the server and the driver (package, tests compiled not run)..." >&2
(cd "$root" && ./mvnw -B -q -pl server -am package -DskipTests) >&2

work="$(mktemp -d)"
server_pid=""
driver_pid=""
cleanup() {
    [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/carriers" "$work/data"
cat > "$work/smsgate.yaml" <<YAML
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
  accounts: [{system-id: idle, password: idle1, bind-types: [tx], max-binds: $count, allowlist: [127.0.0.1/32], tps-limit: 100, deliver-window: 10, receipt-format: SMPP34}]
YAML

# shellcheck disable=SC2086
"$java_bin" ${SMSGATE_JAVA_OPTS:--Xmx1g} -cp "$dist/smsgate-server.jar:$dist/lib/*" \
    io.smsgate.server.cli.SmsgateCommand run --config "$work/smsgate.yaml" > "$work/server.log" 2>&1 &
server_pid=$!

port=""
for _ in $(seq 1 120); do
    port="$(grep -o 'upstream smpp server started address=/127.0.0.1:[0-9]*' "$work/server.log" | grep -o '[0-9]*$' || true)"
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 1
done
[ -n "$port" ] || { echo "idle-binds: server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

heap_used_kib() {
    "$jcmd_bin" "$server_pid" GC.run > /dev/null
    "$jcmd_bin" "$server_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*'
}
rss_kib() {
    ps -o rss= -p "$server_pid" | tr -d ' '
}

before="$(heap_used_kib)"
rss_before="$(rss_kib)"
echo "idle-binds: server pid=$server_pid port=$port heap_used_after_gc=${before}KiB rss=${rss_before}KiB open_files_limit=$limit" >&2

started="$(date +%s)"
"$java_bin" -cp "$dist/test-classes" io.smsgate.server.upstream.IdleBinds 127.0.0.1 "$port" idle idle1 "$count" \
    "$concurrency" > "$work/driver.log" 2>&1 &
driver_pid=$!
until grep -q '^ready' "$work/driver.log"; do
    kill -0 "$driver_pid" 2>/dev/null || { echo "idle-binds: driver stopped" >&2; cat "$work/driver.log" >&2; exit 1; }
    kill -0 "$server_pid" 2>/dev/null || { echo "idle-binds: server stopped" >&2; tail -50 "$work/server.log" >&2; exit 1; }
    sleep 2
done
bound_after_s=$(( $(date +%s) - started ))
grep '^ready' "$work/driver.log" >&2

after="$(heap_used_kib)"
rss_after="$(rss_kib)"
holding="$(tail -1 "$work/driver.log")"
per_bind=$(( (after - before) * 1024 / count ))
echo "binds=$count bound_in_s=$bound_after_s heap_used_after_gc_before=${before}KiB with_binds=${after}KiB" \
     "per_bind=${per_bind}B rss_before=${rss_before}KiB rss_with_binds=${rss_after}KiB driver: $holding"
if [ "$after" -gt $((1024 * 1024)) ]; then
    echo "idle-binds: FAILED: heap used after GC ${after}KiB exceeds 1 GiB" >&2
    exit 1
fi
