#!/usr/bin/env bash
# A cluster on this machine: PostgreSQL and Redis on loopback (scripts/cluster-services.sh) and N hosts on their own
# ports, sharing the database and Redis, each with its own data folder and the same feeds.
#
#   scripts/cluster.sh start [--hosts N] [--dir DIR] [--feed FOLDER_OR_URL]...   # prints the hosts' URLs and the admin login
#   scripts/cluster.sh stop [--dir DIR]
#
# DIR defaults to $TMPDIR/plugin-host-cluster; feeds default to the repository's artifacts/packages (./build.sh fills it).
# The host run is artifacts/host/Plugin.Host.dll (./build.sh) when present, else host/Plugin.Host is built in Release.
# HOST_PORT_BASE (default: free ports) numbers the hosts' ports from it; HOST_ARGS adds arguments to every host.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmd=${1:-}; shift || true
hosts=2
dir="${TMPDIR:-/tmp}/plugin-host-cluster"
feeds=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hosts) hosts=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --feed) feeds+=("$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$hosts" =~ ^[1-9][0-9]*$ ]] || { echo "--hosts takes a number (got $hosts)" >&2; exit 2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

host_dll() {
  if [[ -n "${HOST_DLL:-}" ]]; then echo "$HOST_DLL"; return; fi
  if [[ -f "$repo/artifacts/host/Plugin.Host.dll" ]]; then echo "$repo/artifacts/host/Plugin.Host.dll"; return; fi
  local built="$repo/host/Plugin.Host/bin/Release/net10.0/Plugin.Host.dll"
  if [[ ! -f "$built" ]]; then
    echo "building host/Plugin.Host (Release) ..." >&2
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build "$repo/host/Plugin.Host/Plugin.Host.csproj" -c Release -p:SkipMusicNpm=true -v q >&2
  fi
  echo "$built"
}

stop_hosts() {
  for pidfile in "$dir"/host*/pid; do
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    # PostgreSQL runs as the postgres user when this runs as root: it must be able to reach services/ below.
    chmod a+x "$dir"
    stop_hosts
    dll=$(host_dll)
    [[ ${#feeds[@]} -gt 0 ]] || feeds=("$repo/artifacts/packages")

    # The servers, and one database for the hosts (the postgres database stays the administration one).
    "$repo/scripts/cluster-services.sh" start "$dir/services" >/dev/null
    # shellcheck disable=SC1091
    source "$dir/services/env"
    if ! psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'plugin_host'" | grep -q 1; then
      psql "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" -qc "CREATE DATABASE plugin_host" >/dev/null
    fi
    database="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=plugin_host"

    # One admin password and API token for all hosts (the users and secrets live in the shared database anyway).
    if [[ ! -f "$dir/credentials" ]]; then
      {
        echo "ADMIN_USER=admin"
        echo "ADMIN_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')"
        echo "API_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
      } >"$dir/credentials"
      chmod 600 "$dir/credentials"
    fi
    # shellcheck disable=SC1091
    source "$dir/credentials"

    urls=()
    for i in $(seq 1 "$hosts"); do
      node="host$i"
      mkdir -p "$dir/$node"
      if [[ -n "${HOST_PORT_BASE:-}" ]]; then port=$((HOST_PORT_BASE + i - 1)); else port=$(free_port); fi
      args=(
        "$dll" --urls "http://127.0.0.1:$port"
        "--Host:NodeId=$node"
        "--Host:DataDir=$dir/$node/data"
        "--Host:Database:Provider=postgres"
        "--Host:Database:ConnectionString=$database"
        "--Host:Redis=$REDIS_CONNECTION"
        "--Host:Admin:User=$ADMIN_USER"
        "--Host:Admin:Password=$ADMIN_PASSWORD"
        "--Host:ApiToken=$API_TOKEN"
      )
      for f in "${!feeds[@]}"; do args+=("--Host:Feeds:$f=${feeds[$f]}"); done
      # shellcheck disable=SC2206
      args+=(${HOST_ARGS:-})
      (cd "$dir/$node"; nohup dotnet "${args[@]}" >"$dir/$node/host.log" 2>&1 & echo $! >"$dir/$node/pid")
      urls+=("http://127.0.0.1:$port")
      echo "$port" >"$dir/$node/port"
    done

    for i in $(seq 1 "$hosts"); do
      url=${urls[$((i - 1))]}
      for _ in $(seq 1 600); do
        curl -fsS "$url/api/v1/health" >/dev/null 2>&1 && break
        kill -0 "$(cat "$dir/host$i/pid")" 2>/dev/null || { echo "host$i exited; its log:" >&2; tail -50 "$dir/host$i/host.log" >&2; exit 1; }
        sleep 0.2
      done
      curl -fsS "$url/api/v1/health" >/dev/null || { echo "host$i did not answer; its log: $dir/host$i/host.log" >&2; exit 1; }
    done

    {
      for i in $(seq 1 "$hosts"); do echo "HOST${i}_URL=${urls[$((i - 1))]}"; done
      echo "ADMIN_USER=$ADMIN_USER"
      echo "ADMIN_PASSWORD=$ADMIN_PASSWORD"
      echo "API_TOKEN=$API_TOKEN"
      echo "PG_CONNECTION=$database"
      echo "REDIS_CONNECTION=$REDIS_CONNECTION"
      echo "CLUSTER_DIR=$dir"
    } | tee "$dir/env"
    ;;
  stop)
    [[ -d "$dir" ]] || exit 0
    dir=$(cd "$dir" && pwd)
    stop_hosts
    "$repo/scripts/cluster-services.sh" stop "$dir/services"
    ;;
  *) echo "usage: $0 start [--hosts N] [--dir DIR] [--feed FOLDER_OR_URL]... | stop [--dir DIR]" >&2; exit 2 ;;
esac
