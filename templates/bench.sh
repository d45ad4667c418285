#!/usr/bin/env bash
# Measures the author's journey with templates/try.sh: the wall time from `dotnet new mpplugin` to the plugin installed
# in a running host and answering its command, and the time of each step (template build included). Every run starts
# cold for the plugin (fresh CLI home and NuGet package folder, as a new author has); the host is built once before
# the first run so that its own compilation is not counted as part of the author's journey.
#
# Usage: templates/bench.sh [runs]        (default 3; writes templates/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${1:-3}
results="$repo/templates/RESULTS.md"
timings_dir=$(mktemp -d "${TMPDIR:-/tmp}/plugin-sdk-bench.XXXXXX")
trap 'rm -rf "$timings_dir"' EXIT

echo "bench: building the host once (not part of the journey)"
dotnet build host/Plugin.Host --nologo -v q > "$timings_dir/host-build.log" 2>&1 || { cat "$timings_dir/host-build.log"; exit 1; }

for i in $(seq 1 "$runs"); do
  echo "bench: run $i of $runs"
  TRY_TIMINGS="$timings_dir/run$i" templates/try.sh > "$timings_dir/run$i.log" 2>&1 || { cat "$timings_dir/run$i.log"; exit 1; }
done

# Median and range per step over the runs.
python3 - "$timings_dir" "$runs" "$results" <<'PY'
import glob, os, platform, statistics, subprocess, sys, datetime
folder, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
steps = {}
for path in sorted(glob.glob(os.path.join(folder, "run*"))):
    if path.endswith(".log"): continue
    for line in open(path):
        name, secs = line.split()
        steps.setdefault(name, []).append(float(secs))
labels = {
    "journey": "**new → installed and answering** (new, build, pack, host start, login, install, enable, first command reply)",
    "new": "`dotnet new mpplugin -n HelloPlugin`",
    "build": "template build: `dotnet build HelloPlugin` (cold: restore into an empty package folder + compile + generator)",
    "pack": "`dotnet pack HelloPlugin -c Release -o feed` (Release build + pack)",
    "host_start": "host start until /api/v1/health answers (`dotnet run`, host already built)",
}
order = ["journey", "new", "build", "pack", "host_start"]
cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
sdk = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
lines = [
    "# Template and journey timings",
    "",
    f"Measured by `templates/bench.sh {runs}` on {datetime.date.today().isoformat()}: {cpu} cores, .NET SDK {sdk}, {platform.system()}.",
    "Each run is cold for the plugin (fresh CLI home and NuGet package folder); the host was built once beforehand.",
    "The machine is shared with other builds, so treat the numbers as an upper bound.",
    "",
    "| step | median (s) | min–max (s) |",
    "|---|---|---|",
]
for name in order:
    values = steps.get(name)
    if not values: continue
    lines.append(f"| {labels[name]} | {statistics.median(values):.1f} | {min(values):.1f}–{max(values):.1f} |")
lines.append("")
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY
echo "bench: wrote $results"
