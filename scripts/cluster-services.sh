#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL and Redis on loopback for the cluster set-up and its tests, from Debian's
# postgresql and redis-server packages, with their data in one folder.
#
#   scripts/cluster-services.sh start <dir>   # prints the connection settings as KEY=value lines (also in <dir>/env)
#   scripts/cluster-services.sh stop <dir>
#
# Ports: PG_PORT and REDIS_PORT from the environment, else free ones. PostgreSQL refuses to run as root, so when
# run as root the server runs as the `postgres` user the Debian package creates (the folder is handed to it).
set -euo pipefail

cmd=${1:-}; dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop <dir>" >&2; exit 2; }

pg_bin=""
for candidate in /usr/lib/postgresql/*/bin; do [[ -x "$candidate/pg_ctl" ]] && pg_bin=$candidate; done
[[ -n "$pg_bin" ]] || { echo "PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "Redis is not installed (Debian: apt-get install redis-server)" >&2; exit 1; }

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    pg_port=${PG_PORT:-$(free_port)}
    redis_port=${REDIS_PORT:-$(free_port)}
    mkdir -p "$dir/pg" "$dir/redis"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir" "$dir/pg"
    if [[ ! -f "$dir/pg/data/PG_VERSION" ]]; then
      as_pg "$pg_bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 \
        || { cat "$dir/pg/initdb.log" >&2; exit 1; }
    fi
    # fsync off: a test database that is thrown away; max_connections for several hosts with their pools.
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 start \
      -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      >/dev/null || { cat "$dir/pg/server.log" >&2; exit 1; }
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --daemonize yes \
      --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" --save "" --appendonly no
    for _ in $(seq 1 100); do
      redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -p "$redis_port" ping >/dev/null || { cat "$dir/redis/redis.log" >&2; exit 1; }
    {
      echo "PG_PORT=$pg_port"
      echo "PG_CONNECTION=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
      echo "REDIS_PORT=$redis_port"
      echo "REDIS_CONNECTION=127.0.0.1:$redis_port"
    } | tee "$dir/env"
    ;;
  stop)
    [[ -d "$dir" ]] || exit 0
    dir=$(cd "$dir" && pwd)
    if [[ -f "$dir/pg/data/postmaster.pid" ]]; then
      as_pg "$pg_bin/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ -f "$dir/redis/redis.pid" ]]; then
      kill "$(cat "$dir/redis/redis.pid")" 2>/dev/null || true
    fi
    ;;
  *) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac
