#!/usr/bin/env bash
# Local PostgreSQL and Redis for durable mode and the integration tests, on loopback ports, with their data
# under .data/ (git-ignored). No system service is touched: both run as plain processes owned by this script.
#
#   scripts/services.sh start    starts both (idempotent), then prints the settings as `export` lines on stdout
#   scripts/services.sh env      prints the same lines without starting anything
#   scripts/services.sh status   says what runs
#   scripts/services.sh stop     stops both; safe to call twice
#
# Use it as: eval "$(scripts/services.sh start)". Progress goes to stderr, so only the exports are evaluated.
# Overridable: HIVE_PG_PORT (55432), HIVE_REDIS_PORT (56379), HIVE_DATA_DIR (.data), HIVE_PG_BIN, HIVE_PG_PASSWORD,
# and HIVE_PG_DATABASE (hive), the database the printed settings name (start creates only 'hive'; a drill that
# wants a database of its own creates it).
set -euo pipefail
cd "$(dirname "$0")/.."

data=$(realpath -m "${HIVE_DATA_DIR:-.data}")
pg_port=${HIVE_PG_PORT:-55432}
redis_port=${HIVE_REDIS_PORT:-56379}
pg_bin=${HIVE_PG_BIN:-/usr/lib/postgresql/15/bin}
pg_password=${HIVE_PG_PASSWORD:-hive-dev}
redis_dir=$data/redis

say() { echo "services: $*" >&2; }

# From /, so the postgres user never has to enter the checkout it may not be allowed into.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

# PostgreSQL runs as the postgres user, which must be able to reach its data folder. A checkout below a private
# folder (mktemp -d makes them 0700) cannot give it that, so PostgreSQL then keeps its files in a folder of its
# own under /var/tmp, named after this checkout so two checkouts never share one.
pg_home=$data
mkdir -p "$data"
if ! as_postgres test -x "$data" 2>/dev/null; then
  pg_home=/var/tmp/hive-postgres-$(printf '%s' "$data" | sha1sum | cut -c1-12)
  mkdir -p "$pg_home"
  chown postgres: "$pg_home"
fi
pg_data=$pg_home/postgres
pg_run=$pg_home/postgres-run

pg_running() { [ -f "$pg_data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; }

redis_running() { [ -f "$redis_dir/redis.pid" ] && kill -0 "$(cat "$redis_dir/redis.pid")" 2>/dev/null; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_until() {   # wait_until SECONDS WHAT COMMAND...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then say "$what did not come up in time"; return 1; fi
    sleep 0.1
  done
}

start_postgres() {
  if pg_running; then say "postgres already runs on 127.0.0.1:$pg_port"; return; fi
  if port_taken "$pg_port"; then say "port $pg_port is taken by another process; set HIVE_PG_PORT"; return 1; fi
  [ -x "$pg_bin/initdb" ] || { say "PostgreSQL binaries not found in $pg_bin; set HIVE_PG_BIN"; return 1; }
  mkdir -p "$pg_run"
  chown postgres: "$pg_run"
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    mkdir -p "$pg_data"
    chown postgres: "$pg_data"
    chmod 700 "$pg_data"
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$pg_password" >"$pwfile"
    chown postgres: "$pwfile"
    # Passwords over TCP (so a wrong one is refused as in production), peer trust on this script's own socket.
    as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --pwfile="$pwfile" --auth-host=scram-sha-256 \
      --auth-local=peer -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 || { rm -f "$pwfile"; say "initdb failed: see $data/initdb.log"; return 1; }
    rm -f "$pwfile"
  fi
  touch "$pg_home/postgres.log"
  chown postgres: "$pg_home/postgres.log"
  # fsync and synchronous_commit keep their defaults (on): durability tests must mean what they say.
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_home/postgres.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_run -c max_connections=200" start >/dev/null
  wait_until 30 postgres as_postgres "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"
  local psql=("$pg_bin/psql" -h "$pg_run" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  # CREATEDB: tests make throw-away databases (a schema from the future, concurrent migrations).
  as_postgres "${psql[@]}" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hive') THEN CREATE ROLE hive LOGIN CREATEDB; END IF;
    END \$\$;" -c "ALTER ROLE hive PASSWORD '$pg_password';"
  if [ -z "$(as_postgres "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'hive'")" ]; then
    as_postgres "${psql[@]}" -c "CREATE DATABASE hive OWNER hive;"
  fi
  say "postgres runs on 127.0.0.1:$pg_port (database hive, user hive)"
}

install_redis() {
  command -v redis-server >/dev/null && return
  say "installing redis-server (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends redis-server >&2
}

start_redis() {
  if redis_running; then say "redis already runs on 127.0.0.1:$redis_port"; return; fi
  if port_taken "$redis_port"; then say "port $redis_port is taken by another process; set HIVE_REDIS_PORT"; return 1; fi
  install_redis
  mkdir -p "$redis_dir"
  # Membership is rebuilt by the silos when Redis restarts, so the test Redis keeps nothing on disk.
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$redis_dir" \
    --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" --save '' --appendonly no
  wait_until 30 redis redis-cli -h 127.0.0.1 -p "$redis_port" ping
  say "redis runs on 127.0.0.1:$redis_port"
}

print_env() {
  local pg="Host=127.0.0.1;Port=$pg_port;Database=${HIVE_PG_DATABASE:-hive};Username=hive;Password=$pg_password"
  local redis="127.0.0.1:$redis_port"
  echo "export HIVE_TEST_POSTGRES='$pg'"
  echo "export HIVE_TEST_REDIS='$redis'"
  echo "export Hive__Storage__Mode=Postgres"
  echo "export Hive__Storage__ConnectionString='$pg'"
  echo "export Hive__Clustering__Mode=Redis"
  echo "export Hive__Clustering__RedisConnectionString='$redis'"
}

stop_postgres() {
  if pg_running; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
    say "postgres stopped"
  else
    say "postgres was not running"
  fi
}

stop_redis() {
  if redis_running; then
    local pid
    pid=$(cat "$redis_dir/redis.pid")
    kill "$pid"
    wait_until 30 "redis shutdown" bash -c "! kill -0 $pid"
    say "redis stopped"
  else
    say "redis was not running"
  fi
  rm -f "$redis_dir/redis.pid"
}

case "${1:-}" in
  start)
    mkdir -p "$data"
    start_postgres
    start_redis
    print_env
    ;;
  env) print_env ;;
  stop)
    stop_redis
    stop_postgres
    ;;
  status)
    if pg_running; then echo "postgres: running on 127.0.0.1:$pg_port"; else echo "postgres: stopped"; fi
    if redis_running; then echo "redis: running on 127.0.0.1:$redis_port"; else echo "redis: stopped"; fi
    ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 64
    ;;
esac
