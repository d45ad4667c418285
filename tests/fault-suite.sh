#!/usr/bin/env bash
# The fault suite: hostile and faulty input against a real host on loopback (forged credentials on every secured
# route, traversal values in every route parameter, malformed bodies on every body route, SIGKILL mid save / update /
# uninstall, concurrent operations, hostile MusicFree plugins, and the trust rules of the issue "Trust and faults").
# Each case records a row; the table printed at the end says, per case, how many inputs were tried, how many the host
# survived (answered as it should and kept serving) and how many lost something. Bounded: a few minutes.
#
# Usage: tests/fault-suite.sh                 build, run the suite, print the table
#        tests/fault-suite.sh --print DIR     only print the table of a test-results folder (test.sh does this)
set -euo pipefail
cd "$(dirname "$0")/.."

# print_table DIR: the rows the fault cases recorded (fault-suite.jsonl) and, from the .trx files of DIR, one row per
# test class of the suite that checks a rule rather than counting attacks (each test case one try).
print_table() {
  python3 - "$1" <<'PY'
import glob, json, os, re, sys
import xml.etree.ElementTree as ET
folder = sys.argv[1]
rows = []
ledger = os.path.join(folder, "fault-suite.jsonl")
if os.path.exists(ledger):
    rows += [json.loads(line) for line in open(ledger, encoding="utf-8") if line.strip()]
# Test classes of the suite and the point of the issue "Trust and faults" each one keeps fixed.
points = {
    "TrustTests": "13.1 process-ending calls refused at install and load",
    "CrashMarkerTests": "13.1 a plugin that was called when the host died comes back Malfunctioned",
    "CapabilityTests": "13.2 capabilities declared and found",
    "PackageTests": "13.3 impostor packages, plugin ids, native assets",
    "SignatureTests": "13.4 NuGet signatures and trusted signers",
    "MalformedBodyTests": "13.5 unreadable JSON strings and broken bodies",
    "ErrorMappingTests": "13.6 every error kind has its status",
    "ConfigValidationTests": "13.7 config checked against its class, body caps",
    "LoginThrottleTests": "13.8 login throttling",
    "StartupTests": "13.9/13.10 start-up: plugins load in the background, own folder",
    "OpenApiContractTests": "13.11 OpenAPI security schemes, bodies, access",
}
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
counts = {}
for trx in glob.glob(os.path.join(folder, "*.trx")):
    root = ET.parse(trx).getroot()
    classes = {u.get("id"): u.find("t:TestMethod", ns).get("className").split(".")[-1]
               for u in root.iterfind(".//t:UnitTest", ns)}
    for result in root.iterfind(".//t:UnitTestResult", ns):
        cls = classes.get(result.get("testId"))
        if cls in points:
            tried, survived = counts.get(cls, (0, 0))
            counts[cls] = (tried + 1, survived + (result.get("outcome") == "Passed"))
for cls, (tried, survived) in counts.items():
    rows.append({"Area": "rules", "Fault": points[cls], "Tried": tried, "Survived": survived, "Lost": 0})
if not rows:
    sys.exit(0)
width = max(len(f"{r['Area']}: {r['Fault']}") for r in rows)
print(f"\nfault suite{'':{width - 11}}  {'tried':>6} {'survived':>8} {'lost':>5}")
natural = lambda text: re.sub(r"\d+", lambda m: m.group().zfill(4), text)  # 13.2 before 13.11
for r in sorted(rows, key=lambda r: (r["Area"], natural(r["Fault"]))):
    name = f"{r['Area']}: {r['Fault']}"
    print(f"{name:<{width}}  {r['Tried']:>6} {r['Survived']:>8} {r['Lost']:>5}")
t, s, l = (sum(r[k] for r in rows) for k in ("Tried", "Survived", "Lost"))
print(f"{'total':<{width}}  {t:>6} {s:>8} {l:>5}")
PY
}

if [[ "${1:-}" == "--print" ]]; then
  [[ -d "${2:-}" ]] && print_table "$2"
  exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(pwd)/artifacts/fault-suite"
rm -rf "$results" && mkdir -p "$results"
dotnet build tests/Plugin.Host.Tests -c Release --nologo -v q
status=0
FAULT_SUITE_REPORT="$results/fault-suite.jsonl" dotnet test tests/Plugin.Host.Tests -c Release --no-build --nologo \
  --filter "Category=FaultSuite" --logger trx --results-directory "$results" || status=$?
print_table "$results"
exit $status
