#!/usr/bin/env bash
# Write your first plugin: from `dotnet new` to a plugin answering in a running host. This script runs exactly these
# steps (the README's "Write your first plugin" quotes them) in a temporary folder, with a free port, and checks
# every answer. Run ./build.sh first: it packs Plugin.Sdk and the templates into artifacts/packages.
#
#   dotnet new install Plugin.Sdk.Templates --add-source ./artifacts/packages
#   mkdir hello && cd hello
#   dotnet new mpplugin -n HelloPlugin --sdk-feed <repo>/artifacts/packages
#   dotnet build HelloPlugin
#   dotnet pack HelloPlugin -c Release -o feed
#   dotnet run --project <repo>/host/Plugin.Host -- --urls http://127.0.0.1:5080 --Host:DataDir=data \
#       --Host:Feeds:0=feed --Host:Admin:Password=change-me --Host:ApiToken=my-api-token &
#   TOKEN=$(curl -s -X POST http://127.0.0.1:5080/api/v1/login/access-token -d username=admin -d password=change-me | jq -r .access_token)
#   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:5080/api/v1/plugin/install/HelloPlugin
#   curl -X PUT -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d '{"enabled": true}' http://127.0.0.1:5080/api/v1/plugin/HelloPlugin
#   curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d '{"text": "/helloplugin Alice"}' http://127.0.0.1:5080/api/v1/message/
#   curl "http://127.0.0.1:5080/api/v1/plugin/HelloPlugin/status?apikey=my-api-token"
#   curl -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:5080/api/v1/plugin/services/HelloPlugin/helloplugin_greet/run?wait=true"
#   curl -X DELETE -H "Authorization: Bearer $TOKEN" http://127.0.0.1:5080/api/v1/plugin/HelloPlugin
#
# Usage: templates/try.sh [--keep]     (--keep leaves the temporary folder for a look)
# Prints each step with its wall time; TRY_TIMINGS=<file> also writes "step seconds" lines there (templates/bench.sh reads them).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# PLUGIN_SDK_FEED: another folder with Plugin.Sdk and the templates (default: the local feed ./build.sh fills).
feed_src="${PLUGIN_SDK_FEED:-$repo/artifacts/packages}"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true

for package in Plugin.Sdk Plugin.Sdk.Templates; do
  if ! ls "$feed_src/$package".1.*.nupkg >/dev/null 2>&1; then
    echo "try.sh: $feed_src has no $package package; run ./build.sh first." >&2
    exit 2
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/plugin-sdk-try.XXXXXX")
host_pid=""
cleanup() {
  # Stop the host we started (its process group: dotnet run and the host under it), then remove the folder.
  if [[ -n "$host_pid" ]] && kill -0 "$host_pid" 2>/dev/null; then
    kill -TERM -- "-$host_pid" 2>/dev/null || kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$host_pid" 2>/dev/null || true
  fi
  if $keep; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Isolation: the templates install into this run's own CLI home, and NuGet restores into an empty package folder, so a
# Plugin.Sdk 1.0.0 restored earlier can never stand in for the one just built. The commands themselves are the README's.
export DOTNET_CLI_HOME="$work/home" NUGET_PACKAGES="$work/nuget-packages"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
mkdir -p "$DOTNET_CLI_HOME" "$NUGET_PACKAGES"

now() { date +%s%3N; }                      # milliseconds; bash arithmetic only (no bc on a fresh machine)
secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
started=$(now)
step_started=$started
step() {
  local t; t=$(now)
  printf '[%8ss] %s\n' "$(secs $((t - started)))" "$*"
  step_started=$t
}
timing() {
  # timing NAME: seconds since the previous step() call, to stdout and to $TRY_TIMINGS
  local s; s=$(secs $(($(now) - step_started)))
  printf '            %s took %ss\n' "$1" "$s"
  if [[ -n "${TRY_TIMINGS:-}" ]]; then echo "$1 $s" >> "$TRY_TIMINGS"; fi
  return 0
}
fail() { echo "try.sh: FAILED: $*" >&2; exit 1; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
password="try-$(date +%s)"
apikey="try-api-token-$$"

cd "$work"
step "dotnet new install Plugin.Sdk.Templates --add-source $feed_src"
dotnet new install Plugin.Sdk.Templates --add-source "$feed_src" > install.log 2>&1 || { cat install.log; fail "template install"; }
mkdir hello && cd hello
journey_started=$(now)

step "dotnet new mpplugin -n HelloPlugin"
dotnet new mpplugin -n HelloPlugin --sdk-feed "$feed_src" > new.log 2>&1 || { cat new.log; fail "dotnet new mpplugin"; }
timing new

step "dotnet build HelloPlugin"
dotnet build HelloPlugin --nologo > build.log 2>&1 || { cat build.log; fail "build"; }
grep -q " 0 Warning(s)" build.log || { cat build.log; fail "the template built with warnings"; }
timing build

step "dotnet pack HelloPlugin -c Release -o feed"
dotnet pack HelloPlugin -c Release -o feed --nologo > pack.log 2>&1 || { cat pack.log; fail "pack"; }
ls feed/HelloPlugin.1.0.0.nupkg > /dev/null
timing pack

step "start the host on $base (data and feed in $work/hello)"
# setsid: the host gets its own process group, so cleanup stops dotnet run and the host together.
setsid dotnet run --project "$repo/host/Plugin.Host" -- --urls "$base" --Host:DataDir="$PWD/data" \
  --Host:Feeds:0="$PWD/feed" --Host:Admin:Password="$password" --Host:ApiToken="$apikey" > host.log 2>&1 &
host_pid=$!
for _ in $(seq 1 600); do
  curl -sf "$base/api/v1/health" > /dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || { cat host.log; fail "the host exited"; }
  sleep 0.2
done
curl -sf "$base/api/v1/health" > /dev/null || { cat host.log; fail "the host did not answer within 120 s"; }
timing host_start

step "log in as admin"
token=$(curl -sf -X POST "$base/api/v1/login/access-token" -d username=admin -d "password=$password" | json 'd["access_token"]')
[[ -n "$token" ]] || fail "no access token"
auth=(-H "Authorization: Bearer $token")

step "install HelloPlugin from the feed"
install=$(curl -s "${auth[@]}" "$base/api/v1/plugin/install/HelloPlugin")
echo "            $install"
[[ $(echo "$install" | json 'd["success"]') == "True" ]] || { tail -n 40 host.log; fail "install"; }

step "enable it (save its config)"
saved=$(curl -s -X PUT "${auth[@]}" -H "Content-Type: application/json" -d '{"enabled": true}' "$base/api/v1/plugin/HelloPlugin")
[[ $(echo "$saved" | json 'd["success"]') == "True" ]] || fail "save config: $saved"

step "run its command: /helloplugin Alice"
reply=$(curl -s -X POST "${auth[@]}" -H "Content-Type: application/json" -d '{"text": "/helloplugin Alice"}' "$base/api/v1/message/")
echo "            $reply"
[[ "$reply" == *"Hello, Alice!"* ]] || { tail -n 40 host.log; fail "the command did not reply"; }
journey_secs=$(secs $(($(now) - journey_started)))
echo "            new -> installed and answering: ${journey_secs}s"
if [[ -n "${TRY_TIMINGS:-}" ]]; then echo "journey $journey_secs" >> "$TRY_TIMINGS"; fi

step "call its API: GET /api/v1/plugin/HelloPlugin/status"
status=$(curl -s "$base/api/v1/plugin/HelloPlugin/status?apikey=$apikey")
echo "            $status"
[[ $(echo "$status" | json 'd["data"]["greetings"]') == "1" ]] || fail "the API did not count the greeting"

step "run its service now: helloplugin_greet"
run=$(curl -s -X POST "${auth[@]}" "$base/api/v1/plugin/services/HelloPlugin/helloplugin_greet/run?wait=true")
echo "            $run"
[[ $(echo "$run" | json 'd["success"]') == "True" ]] || fail "service run"
status=$(curl -s "$base/api/v1/plugin/HelloPlugin/status?apikey=$apikey")
[[ $(echo "$status" | json 'd["data"]["greetings"]') == "2" ]] || fail "the service did not run: $status"

step "uninstall it"
removed=$(curl -s -X DELETE "${auth[@]}" "$base/api/v1/plugin/HelloPlugin")
echo "            $removed"
[[ $(echo "$removed" | json 'd["success"]') == "True" ]] || fail "uninstall"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/plugin/HelloPlugin/status?apikey=$apikey")
[[ "$code" == 404 ]] || fail "the API still answers after uninstall ($code)"

step "done"
echo "try.sh: the journey passed"
