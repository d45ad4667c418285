#!/usr/bin/env bash
# The fault suite: hostile and faulty input against a real host on loopback (forged credentials on every secured
# route, traversal values in every route parameter, malformed bodies on every body route, SIGKILL mid save / update /
# uninstall, concurrent operations, hostile MusicFree plugins, and the trust rules of the issue "Trust and faults").
# Each case records a row; the table printed at the end says, per case, how many inputs were tried, how many the host
# survived (answered as it should and kept serving) and how many lost something. Bounded: a few minutes.
#
# Usage: tests/fault-suite.sh                 build, run the suite, print the table
#        tests/fault-suite.sh --print FILE    only print the table of a report (test.sh does this after all tests)
set -euo pipefail
cd "$(dirname "$0")/.."

print_table() {
  python3 - "$1" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
if not rows:
    sys.exit(0)
width = max(len(f"{r['Area']}: {r['Fault']}") for r in rows)
print(f"\nfault suite{'':{width - 11}}  {'tried':>6} {'survived':>8} {'lost':>5}")
for r in sorted(rows, key=lambda r: (r["Area"], r["Fault"])):
    name = f"{r['Area']}: {r['Fault']}"
    print(f"{name:<{width}}  {r['Tried']:>6} {r['Survived']:>8} {r['Lost']:>5}")
t, s, l = (sum(r[k] for r in rows) for k in ("Tried", "Survived", "Lost"))
print(f"{'total':<{width}}  {t:>6} {s:>8} {l:>5}")
PY
}

if [[ "${1:-}" == "--print" ]]; then
  [[ -f "${2:-}" ]] && print_table "$2"
  exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
report="$(pwd)/artifacts/fault-suite/fault-suite.jsonl"
rm -f "$report" && mkdir -p "$(dirname "$report")"
dotnet build tests/Plugin.Host.Tests -c Release --nologo -v q
status=0
FAULT_SUITE_REPORT="$report" dotnet test tests/Plugin.Host.Tests -c Release --no-build --nologo \
  --filter "Category=FaultSuite" || status=$?
[[ -f "$report" ]] && print_table "$report"
exit $status
