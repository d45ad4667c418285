#!/usr/bin/env bash
# The web UI's tests, called by the repository's test.sh: ./web/run-tests.sh <results-dir>
#  1. npm ci (when node_modules is missing or older than the lockfile), vite build
#  2. unit tests (Vitest)                              -> <results>/web-unit.counts  ("passed failed")
#  3. browser tests (Playwright on Debian chromium)    -> <results>/web-e2e.counts
#     against, in this order of preference:
#       - E2E_BASE_URL (a host that serves the UI and the API; E2E_USER / E2E_PASSWORD / E2E_PLUGIN with it)
#       - the real host, started here on loopback from host/Plugin.Host with a temporary data dir and the local
#         feed artifacts/packages; if it answers the API but does not serve the UI, web/dist is served in front
#         of it with /api proxied (e2e/run.mjs, E2E_API_URL)
#       - the mock host (e2e/mock-server) when the real host is not there or does not answer the login API;
#         WEB_E2E_REQUIRE_HOST=1 turns that case into a failure instead
#  4. with MP_FRONTEND_DIST=<dist of a built MoviePilot-Frontend>: e2e/moviepilot-frontend/walk.mjs against the real host
#                                                     -> <results>/mp-frontend.counts
set -uo pipefail
web="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$web")"
results="${1:-$root/artifacts/test-results}"
mkdir -p "$results"
cd "$web"
status=0

if [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
  npm ci --no-audit --no-fund || exit 1
fi
npx vite build || exit 1

# --- unit tests ---
npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" || status=1
node -e '
  const fs = require("fs"); let p = 0, f = 1
  try { const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); p = r.numPassedTests; f = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0) } catch {}
  fs.writeFileSync(process.argv[2], `${p} ${f}\n`)' "$results/vitest.json" "$results/web-unit.counts"

# --- browser tests ---
host_pid=""
cleanup() { [[ -n "$host_pid" ]] && kill "$host_pid" 2>/dev/null; [[ -n "${host_data:-}" ]] && rm -rf "$host_data"; }
trap cleanup EXIT

if [[ -z "${E2E_BASE_URL:-}" && -z "${E2E_API_URL:-}" && -f "$root/host/Plugin.Host/Plugin.Host.csproj" ]]; then
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  host_data=$(mktemp -d)
  password="e2e-$RANDOM$RANDOM"
  # the host as test.sh built it (Release); this script never builds .NET code itself
  dll=$(ls -t "$root"/host/Plugin.Host/bin/Release/*/Plugin.Host.dll 2>/dev/null | head -1)
  cmd=(dotnet "${dll:-host/Plugin.Host/bin/Release/net10.0/Plugin.Host.dll}")
  echo "web e2e: starting the host: ${cmd[*]} on 127.0.0.1:$port"
  # Host__WebRoot: the UI just built above (the build output carries none; a published host carries its own copy).
  (cd "$root" && ASPNETCORE_URLS="http://127.0.0.1:$port" Host__DataDir="$host_data" Host__Feeds__0="$root/artifacts/packages" Host__WebRoot="$web/dist" \
     Host__Admin__User=admin Host__Admin__Password="$password" exec "${cmd[@]}" >"$results/web-e2e-host.log" 2>&1) &
  host_pid=$!
  ready=""
  for _ in $(seq 1 90); do
    if ! kill -0 "$host_pid" 2>/dev/null; then break; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d "username=admin&password=$password" "http://127.0.0.1:$port/api/v1/login/access-token" || true)
    if [[ "$code" == "200" ]]; then ready=1; break; fi
    sleep 1
  done
  if [[ -n "$ready" ]]; then
    export E2E_USER=admin E2E_PASSWORD="$password"
    # The sample that shows every step the spec checks: config form, a page button calling its API, a dashboard
    # widget and a scheduled service.
    export E2E_PLUGIN="${E2E_PLUGIN:-SiteStatistic}"
    # Render mode vue: the AiRecognizer sample's page is its own component (samples/AiRecognizer/ui/remote.js). Its
    # button asks the plugin's /recognize API, which answers this message while no API key is configured.
    export E2E_VUE_PLUGIN="${E2E_VUE_PLUGIN:-AiRecognizer}" E2E_VUE_EXPECT="${E2E_VUE_EXPECT:-请先填写 API Key}"
    if curl -s "http://127.0.0.1:$port/" | grep -q 'id="app"'; then export E2E_BASE_URL="http://127.0.0.1:$port"
    else export E2E_API_URL="http://127.0.0.1:$port"; fi
  else
    echo "web e2e: the real host did not answer POST /api/v1/login/access-token (log: $results/web-e2e-host.log)"
    kill "$host_pid" 2>/dev/null; host_pid=""
    if [[ "${WEB_E2E_REQUIRE_HOST:-}" == "1" ]]; then echo "0 1" > "$results/web-e2e.counts"; exit 1; fi
    echo "web e2e: RUNNING AGAINST THE MOCK HOST (e2e/mock-server) instead"
  fi
fi

node e2e/run.mjs 2>&1 | tee "$results/web-e2e.tap"
e2e_status=${PIPESTATUS[0]}
[[ $e2e_status -ne 0 ]] && status=1
passed=$(grep -E '^# pass [0-9]+' "$results/web-e2e.tap" | tail -1 | awk '{print $3}')
failed=$(grep -E '^# fail [0-9]+' "$results/web-e2e.tap" | tail -1 | awk '{print $3}')
[[ -z "$passed" ]] && passed=0
[[ -z "$failed" ]] && failed=$([[ $e2e_status -ne 0 ]] && echo 1 || echo 0)
echo "$passed $failed" > "$results/web-e2e.counts"

# --- MoviePilot's own frontend (issue 12): only with a built dist of jxxghp/MoviePilot-Frontend in MP_FRONTEND_DIST ---
if [[ -n "${MP_FRONTEND_DIST:-}" ]]; then
  node e2e/moviepilot-frontend/walk.mjs "$MP_FRONTEND_DIST" 2>&1 | tee "$results/mp-frontend.tap"
  [[ ${PIPESTATUS[0]} -ne 0 ]] && status=1
  passed=$(grep -E '^# pass [0-9]+' "$results/mp-frontend.tap" | tail -1 | awk '{print $3}')
  failed=$(grep -E '^# fail [0-9]+' "$results/mp-frontend.tap" | tail -1 | awk '{print $3}')
  echo "${passed:-0} ${failed:-1}" > "$results/mp-frontend.counts"
else
  echo "moviepilot-frontend walk: skipped (set MP_FRONTEND_DIST to a built MoviePilot-Frontend dist)"
fi
exit $status
