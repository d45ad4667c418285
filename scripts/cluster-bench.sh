#!/usr/bin/env bash
# The cluster's figures (README "Figures"): a plugin API's req/s through one host and through two hosts at once (wrk on
# loopback, the same number of connections in total), and how long a change made on host 1 takes to be in effect on
# host 2 (install answering there, disable applied there). Starts its own cluster (scripts/cluster.sh) in a temp
# folder and stops it at the end.
#
#   scripts/cluster-bench.sh [--seconds S] [--connections C] [--keep]
#
# The plugin is the AiRecognizer sample (GET /usage reads its data store, so each call reads PostgreSQL); the install
# change is the WatchlistSync sample. Both come from artifacts/packages (./build.sh).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=10; connections=16; keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
for p in AiRecognizer WatchlistSync; do
  ls "$repo/artifacts/packages/$p".*.nupkg >/dev/null 2>&1 || { echo "artifacts/packages has no $p package: run ./build.sh" >&2; exit 1; }
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/plugin-cluster-bench.XXXXXX")
cleanup() { $keep || { "$repo/scripts/cluster.sh" stop --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"; }; }
trap cleanup EXIT

"$repo/scripts/cluster.sh" start --hosts 2 --dir "$dir" >/dev/null
# shellcheck disable=SC1091
source "$dir/env"
key="apikey=$API_TOKEN"

now_ms() { date +%s%3N; }
# Polls until the command succeeds; prints the milliseconds since $1.
until_ok() {
  local since=$1; shift
  for _ in $(seq 1 3000); do
    if "$@" >/dev/null 2>&1; then echo $(( $(now_ms) - since )); return; fi
    sleep 0.02
  done
  echo "timed out waiting for: $*" >&2; return 1
}
status_on() { # host_url plugin expected_status
  curl -fsS "$1/api/v1/plugin/?state=installed&$key" | jq -e --arg id "$2" --arg s "$3" '.[] | select(.id == $id) | .status == $s' | grep -q true
}

# Install on host 1; the time until host 2's copy answers is the install change's propagation.
start=$(now_ms)
curl -fsS "$HOST1_URL/api/v1/plugin/install/AiRecognizer?$key" >/dev/null
answered=$(( $(now_ms) - start ))
first_install=$(until_ok "$(now_ms)" curl -fsS "$HOST2_URL/api/v1/plugin/AiRecognizer/usage?$key")

start=$(now_ms)
curl -fsS "$HOST1_URL/api/v1/plugin/install/WatchlistSync?$key" >/dev/null
install_ms=$(until_ok "$(now_ms)" curl -fsS "$HOST2_URL/api/v1/plugin/WatchlistSync/history?$key")

# Disable on host 1: applied on host 2 once its list shows the plugin Disabled (it restarted with the shared config).
curl -fsS -X PUT -H 'Content-Type: application/json' -d '{"enabled": false}' "$HOST1_URL/api/v1/plugin/enabled/WatchlistSync?$key" >/dev/null
config_ms=$(until_ok "$(now_ms)" status_on "$HOST2_URL" WatchlistSync Disabled)

# req/s: one host with all connections, then both hosts at once with half each (round robin by connection).
path="/api/v1/plugin/AiRecognizer/usage?$key"
rate() { awk '/Requests\/sec/ { printf "%d", $2 }' "$1"; }
wrk -t1 -c"$connections" -d2s "$HOST1_URL$path" >/dev/null # warm-up
wrk -t1 -c"$connections" -d2s "$HOST2_URL$path" >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
wrk -t2 -c"$connections" -d"${seconds}s" "$HOST1_URL$path" >"$dir/one.txt"
half=$(( connections / 2 ))
wrk -t1 -c"$half" -d"${seconds}s" "$HOST1_URL$path" >"$dir/two-a.txt" &
wrk -t1 -c"$half" -d"${seconds}s" "$HOST2_URL$path" >"$dir/two-b.txt"
wait
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
one=$(rate "$dir/one.txt"); a=$(rate "$dir/two-a.txt"); b=$(rate "$dir/two-b.txt")

echo "cluster figures ($(nproc) cores, load average $load_before before / $load_after after the wrk runs)"
echo "  plugin API GET /api/v1/plugin/AiRecognizer/usage, wrk ${seconds}s, $connections connections in total:"
echo "    one host:  $one req/s"
echo "    two hosts: $((a + b)) req/s ($a + $b)"
echo "  install on host 1 (its answer after ${answered} ms) answering on host 2: first plugin ${first_install} ms, second ${install_ms} ms after host 1 answered"
echo "  disable on host 1 applied on host 2: ${config_ms} ms after host 1 answered"
$keep && echo "  cluster kept running in $dir (scripts/cluster.sh stop --dir $dir)"
