#!/usr/bin/env bash
# Runs every test of the repository: .NET test projects of Plugin.Sdk.sln, the web UI's unit tests and its
# browser tests against a real host. Prints one closing line "N passed, N failed".
# Usage: ./test.sh            (everything)
#        ./test.sh --dotnet   (only the .NET tests)
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Run as root, the host starts plugin workers as unprivileged uids (issue 20), which must reach the built host in this
# checkout: the folders above it get traverse-only rights for others (o+x, no listing) where they lack them.
if [[ $(id -u) == 0 ]]; then
  d=$root
  while [[ "$d" != / ]]; do
    if [[ $(( 0$(stat -c %a "$d") & 1 )) == 0 ]]; then chmod o+x "$d" && echo "test.sh: $d may now be traversed by other users (plugin workers run as their own uids)"; fi
    d=$(dirname "$d")
  done
fi

# 1. Pack the SDK, the test kit, the templates and the samples into the local feed (artifacts/packages).
./build.sh

# 2. .NET tests: build once, then run each test project; a failing project does not hide the others' results.
dotnet build Plugin.Sdk.sln -c Release --nologo -v q
status=0
dotnet test Plugin.Sdk.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" -- RunConfiguration.CollectSourceInformation=false || status=1

# 3. Web UI: unit tests (Vitest) and browser tests (Playwright on Debian chromium) against a real host.
if [[ "${1:-}" != "--dotnet" && -f web/package.json ]]; then
  ./web/run-tests.sh "$results" || status=1
fi

# The fault suite's table (its cases ran with the .NET tests above; tests/fault-suite.sh runs them alone).
tests/fault-suite.sh --print "$results"

# One closing line over every runner: .trx counters from dotnet, a counts file from the web runners.
python3 - "$results" <<'PY'
import glob, re, sys, os
passed = failed = skipped = 0
for trx in glob.glob(os.path.join(sys.argv[1], "*.trx")):
    text = open(trx, encoding="utf-8").read()
    m = re.search(r'<Counters total="(\d+)" executed="(\d+)" passed="(\d+)" failed="(\d+)"', text)
    if m:
        passed += int(m.group(3)); failed += int(m.group(4)); skipped += int(m.group(1)) - int(m.group(2))
for counts in glob.glob(os.path.join(sys.argv[1], "*.counts")):
    p, f = open(counts).read().split()
    passed += int(p); failed += int(f)
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
