#!/usr/bin/env bash
# Issue 4, "10,000 idle upstream binds at most 1 GiB heap": starts smsgate (embedded PostgreSQL, no carriers) with
# -Xmx1g and one account, opens COUNT binds to it from a separate JVM (IdleBinds, a JDK-only selector driver in
# server/target/test-classes that answers every enquire_link), and reports the server's heap used after a full GC
# (jcmd GC.run, GC.heap_info) before and with the binds held, plus its resident set size.
#
#   bench/idle-binds.sh [COUNT]          COUNT defaults to 10000
#   SMSGATE_JAVA_OPTS=-Xmx1g             the server JVM's options (the default proves the 1 GiB bound)
#   CONCURRENCY=32                       binds waiting for their bind_resp at once (each costs an Argon2id verify)
#   SKIP_BUILD=1, DIST=server/target     as in bench/lib/smsgate-server.sh
#
# File descriptors: the server and the driver each hold COUNT sockets; the script raises the soft limit of open
# files to the hard limit and refuses to start when COUNT + 1024 does not fit.
set -euo pipefail

count="${1:-10000}"
concurrency="${CONCURRENCY:-32}"
default_java_opts=-Xmx1g
# shellcheck source=lib/smsgate-server.sh
. "$(dirname "$0")/lib/smsgate-server.sh"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
limit="$(ulimit -n)"
if [ "$limit" != "unlimited" ] && [ "$limit" -lt $((count + 1024)) ]; then
    echo "idle-binds: open files limit $limit is below $((count + 1024)); raise it (ulimit -Hn, limits.conf)" >&2
    exit 2
fi

bench_build
{
    smsgate_yaml
    echo "  accounts: [{system-id: idle, password: idle1, bind-types: [tx], max-binds: $count, allowlist: [127.0.0.1/32], tps-limit: 100, deliver-window: 10, receipt-format: SMPP34}]"
} > "$work/smsgate.yaml"
smsgate_start "$work/smsgate.yaml"

before="$(heap_used_kib)"
rss_before="$(rss_kib)"
echo "idle-binds: server pid=$server_pid port=$port heap_used_after_gc=${before}KiB rss=${rss_before}KiB open_files_limit=$limit" >&2

started="$(date +%s)"
"$java_bin" -cp "$dist/test-classes" io.smsgate.server.upstream.IdleBinds 127.0.0.1 "$port" idle idle1 "$count" \
    "$concurrency" > "$work/driver.log" 2>&1 &
driver_pid=$!
bench_pids+=("$driver_pid")
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
