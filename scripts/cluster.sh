#!/usr/bin/env bash
# A durable hive of N silos on this machine: PostgreSQL state, Redis membership, one process per silo.
#
#   scripts/cluster.sh start 3   builds the silo, starts silos 1..3, waits until each serves
#   scripts/cluster.sh status    lists the silos and whether they run
#   scripts/cluster.sh kill 2    kills silo 2 with SIGKILL (a crash drill); `start 3` brings it back
#   scripts/cluster.sh stop      stops every silo gracefully
#
# Silo i listens on 127.0.0.1, silo port 11110+i, gateway port 29999+i and HTTP port 8079+i (silo 1: 11111,
# 30000 and 8080, the single-process defaults). Needs the services: scripts/services.sh start.
# Logs: .data/cluster/silo-i.log. Overridable: HIVE_SILO_PORT_BASE, HIVE_GATEWAY_PORT_BASE, HIVE_HTTP_PORT_BASE,
# HIVE_CLUSTER_DIR (pid and log files), and any Hive__* setting in the environment (for example
# Hive__Silo__ClusterId), which every silo inherits.
# Callers are authenticated (a durable silo refuses to start without keys): unless a Hive__Security__* setting says
# otherwise, the silos share the key folder HIVE_KEYS_PATH (default <cluster dir>/keys, made on first start), and
# `hive auth issue --keys-path` signs credentials with it.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${HIVE_CLUSTER_DIR:-.data/cluster}
dll=silo/bin/Debug/net10.0/Hive.Silo.dll
silo_base=${HIVE_SILO_PORT_BASE:-11110}
gateway_base=${HIVE_GATEWAY_PORT_BASE:-29999}
http_base=${HIVE_HTTP_PORT_BASE:-8079}

keys=${HIVE_KEYS_PATH:-$dir/keys}

# A key of its own for this machine's cluster, kept across restarts so issued credentials stay valid.
use_keys() {
  if env | grep -qE '^Hive__Security__(Keys|KeysPath|Mode)'; then return; fi
  if [ ! -s "$keys/cluster.hs256" ]; then
    mkdir -p "$keys" && chmod 700 "$keys"
    (umask 077 && head -c 32 /dev/urandom | base64 >"$keys/cluster.hs256")
  fi
  Hive__Security__KeysPath=$(cd "$keys" && pwd)
  export Hive__Security__KeysPath
}

running() { [ -f "$dir/silo-$1.pid" ] && kill -0 "$(cat "$dir/silo-$1.pid")" 2>/dev/null; }

start_silo() {
  local i=$1 log="$dir/silo-$1.log"
  if running "$i"; then echo "silo $i already runs"; return; fi
  : >"$log"
  # The durable-mode settings services.sh prints (connection strings, modes), then this silo's ports.
  (
    eval "$(scripts/services.sh env)"
    export Hive__Silo__SiloPort=$((silo_base + i)) Hive__Silo__GatewayPort=$((gateway_base + i))
    export Hive__Http__Urls=http://127.0.0.1:$((http_base + i))
    exec dotnet "$dll" >>"$log" 2>&1
  ) &
  echo $! >"$dir/silo-$i.pid"
}

wait_serving() {
  local i=$1 deadline=$((SECONDS + 120))
  until grep -q "Hive is running" "$dir/silo-$i.log"; do
    if ! running "$i" || [ "$SECONDS" -ge "$deadline" ]; then
      echo "silo $i did not start; the end of $dir/silo-$i.log:" >&2
      tail -n 5 "$dir/silo-$i.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "silo $i serves: silo port $((silo_base + i)), gateway 127.0.0.1:$((gateway_base + i)), http://127.0.0.1:$((http_base + i))"
}

case "${1:-}" in
  start)
    count=${2:-3}
    [[ $(scripts/services.sh status) == *"postgres: running"* ]] || { echo "PostgreSQL is not running: scripts/services.sh start" >&2; exit 1; }
    mkdir -p "$dir"
    dotnet build silo --nologo -v q >/dev/null
    use_keys
    # The first silo migrates the schema; the others would only wait on its advisory lock.
    start_silo 1
    wait_serving 1
    for i in $(seq 2 "$count"); do start_silo "$i"; done
    for i in $(seq 2 "$count"); do wait_serving "$i"; done
    echo "Clients: set Hive:Client:RedisConnectionString to $(scripts/services.sh env | sed -nE "s/^export HIVE_TEST_REDIS='(.*)'/\1/p")"
    [ -z "${Hive__Security__KeysPath:-}" ] || echo "Credentials: hive auth issue --keys-path $Hive__Security__KeysPath --operator \$USER --scopes read,halt --ttl 8h"
    ;;
  kill)
    running "$2" || { echo "silo $2 is not running" >&2; exit 1; }
    kill -KILL "$(cat "$dir/silo-$2.pid")"
    echo "silo $2 killed"
    ;;
  stop)
    for pidfile in "$dir"/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
        echo "$(basename "$pidfile" .pid) stopped"
      fi
      rm -f "$pidfile"
    done
    ;;
  status)
    for pidfile in "$dir"/silo-*.pid; do
      [ -e "$pidfile" ] || { echo "no silos"; break; }
      i=$(basename "$pidfile" .pid)
      if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$i: running"; else echo "$i: stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 start [N] | status | kill I | stop" >&2
    exit 64
    ;;
esac
