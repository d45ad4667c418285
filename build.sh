#!/usr/bin/env bash
# Builds what a user runs and what plugin authors consume:
#   - the local feed artifacts/packages (named in nuget.config, and the host's default market): Plugin.Sdk (with the
#     generator and the package.json targets inside), Plugin.Sdk.Testing, Plugin.Sdk.Templates, every sample plugin
#     (their market entries merged into artifacts/package.json) and the host as a .NET tool (Plugin.Host.Tool);
#   - the web UI (web/dist, when npm is there) and the host published with it in artifacts/host, which
#     `dotnet artifacts/host/Plugin.Host.dll` runs from any folder.
#
# Usage: ./build.sh            build what changed since the last run
#        ./build.sh --force    build everything
# Environment: CONFIGURATION (default Release).
#
# Prints one line per step with its time; a step's own output goes to artifacts/obj/build-sh/<step>.log and is shown
# only when the step fails. Idempotent and fast when nothing changed: each package is packed only when a hash of its
# inputs (its sources, the SDK's and the generator's sources, the shared build files) differs from the last pack's, or
# its .nupkg is missing.
#
# The NuGet global packages folder is never written to by this script: our packages keep one version
# (PluginSdkVersion) while they change, and earlier versions of this script deleted the repacked id/version from it,
# which broke other checkouts and builds using that folder at the time. Nothing in this repository restores our own
# packages through that folder (the samples build against the SDK's sources; tests restore with their own
# NUGET_PACKAGES). A plugin project of yours that restored Plugin.Sdk from this feed keeps its cached copy until you
# remove it: the script says so when that copy differs from the one it just packed.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=${CONFIGURATION:-Release}
force=0
[[ "${1:-}" == "--force" ]] && force=1
feed="$root/artifacts/packages"
stamps="$root/artifacts/obj/build-sh"
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
mkdir -p "$feed" "$stamps"

# One run at a time per repository (test.sh calls this script, and several may start together): a second run waits,
# then finds everything built and returns quickly, instead of building the same projects into the same bin/ and obj/.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$stamps/.lock"
  flock 9
fi

started=$SECONDS
# step LABEL COMMAND...: one line "build.sh: LABEL ... N s"; the command's output is kept in a log shown on failure.
step() {
  local label=$1 begin=$SECONDS log
  shift
  log="$stamps/$(tr -c 'A-Za-z0-9.-' '-' <<<"$label" | cut -c1-60).log"
  printf 'build.sh: %-62s' "$label ..."
  if "$@" >"$log" 2>&1; then
    printf '%4d s\n' $((SECONDS - begin))
  else
    printf ' failed after %d s; its output (%s):\n' $((SECONDS - begin)) "$log"
    cat "$log"
    exit 1
  fi
}

# dotnet without the terminal logger's live display (its output goes to a log) and without build servers that outlive
# this script.
dotnet_quiet() { dotnet "$@" --nologo -v q -tl:off -nodeReuse:false -p:UseSharedCompilation=false; }

# Files that shape every package (bin/ and obj/ are outputs, never inputs).
shared_inputs=(Directory.Build.props Directory.Build.targets Directory.Packages.props nuget.config sdk/Plugin.Sdk sdk/Plugin.Sdk.Build generators/Plugin.Sdk.Generators)

dotnet_version=$(dotnet --version)
fingerprint() {
  {
    echo "$configuration"
    echo "$dotnet_version"
    local path
    for path in "$@"; do
      [[ -e "$path" ]] || continue
      find "$path" \( -name bin -o -name obj -o -name node_modules \) -prune -o -type f -print0
    done | LC_ALL=C sort -z | xargs -0 -r sha1sum
  } | sha1sum | cut -d' ' -f1
}

# The package id a project packs as: its PackageId, else the project file's name (what NuGet does).
package_id() {
  local id
  id=$(sed -n 's:.*<PackageId>\([^<$]*\)</PackageId>.*:\1:p' "$1" | head -n1)
  echo "${id:-$(basename "$1" .csproj)}"
}

# --- What needs building: each project whose inputs changed or whose package is missing. ---
declare -a to_pack=() to_pack_names=() hashes=()
skipped=0
consider() { # consider NAME PROJECT [extra inputs...]
  local name=$1 project=$2 id hash
  shift 2
  id=$(package_id "$project")
  hash=$(fingerprint "$(dirname "$project")" "${shared_inputs[@]}" "$@")
  if ((force == 0)) && [[ -f "$stamps/$name.sha1" && "$(cat "$stamps/$name.sha1")" == "$hash" ]] && compgen -G "$feed/$id.[0-9]*.nupkg" >/dev/null; then
    skipped=$((skipped + 1))
    return
  fi
  to_pack+=("$project")
  to_pack_names+=("$name")
  hashes+=("$hash")
}

shopt -s nullglob
consider Plugin.Sdk sdk/Plugin.Sdk/Plugin.Sdk.csproj
# The other packages, each only when its folder exists.
for project in sdk/Plugin.Sdk.Testing/*.csproj; do consider Plugin.Sdk.Testing "$project"; done
for project in templates/*.csproj templates/*/*.csproj; do consider "$(basename "$project" .csproj)" "$project"; done
for project in samples/*/*.csproj; do
  consider "samples-$(basename "$project" .csproj)" "$project" samples/Directory.Build.props samples/Directory.Build.targets
done
packages=${#to_pack[@]}

# The web UI the host serves at / (web/dist): built when its sources changed and npm is there. The host runs without
# it (the REST API and /docs still answer), so a machine without Node only loses the UI. npm (mostly downloads) runs
# alongside the .NET steps below; the host's step waits for it.
web_pid=""
if [[ -f web/package.json ]] && command -v npm >/dev/null 2>&1; then
  web_stamp="$stamps/web.sha1"
  web_hash=$(fingerprint web/src web/index.html web/package.json web/package-lock.json web/vite.config.ts)
  if ((force == 1)) || [[ ! -f web/dist/index.html || ! -f "$web_stamp" || "$(cat "$web_stamp")" != "$web_hash" ]]; then
    echo "build.sh: web UI: npm ci and vite build started (alongside the .NET steps; log $stamps/web-ui.log)"
    web_started=$SECONDS
    (
      cd web
      if [[ ! -d node_modules || ! node_modules -nt package-lock.json ]]; then npm ci --no-audit --no-fund --loglevel=error; fi
      npx vite build --logLevel warn
    ) >"$stamps/web-ui.log" 2>&1 &
    web_pid=$!
  fi
fi
# wait_web: the web UI's result, as one step line.
wait_web() {
  [[ -n "$web_pid" ]] || return 0
  printf 'build.sh: %-62s' "web UI: npm ci and vite build (web/dist) ..."
  if wait "$web_pid"; then
    printf '%4d s\n' $((SECONDS - web_started))
    echo "$web_hash" >"$web_stamp"
  else
    printf ' failed after %d s; its output (%s):\n' $((SECONDS - web_started)) "$stamps/web-ui.log"
    cat "$stamps/web-ui.log"
    exit 1
  fi
  web_pid=""
}

# The host: its projects, the SDK it is built on and the web UI it carries (web/dist, copied into its wwwroot; a web UI
# being rebuilt now counts as a change).
host_inputs=(host/Plugin.Indexer host/Plugin.Music host/Shared web/dist)
consider Plugin.Host.Tool host/Plugin.Host/Plugin.Host.csproj "${host_inputs[@]}"
host_changed=$((${#to_pack[@]} > packages))
[[ ! -f artifacts/host/Plugin.Host.dll || -n "$web_pid" ]] && host_changed=1

# A solution filter over Plugin.Sdk.sln: one dotnet call builds several projects, in parallel where it can.
slnf() { # slnf NAME PROJECT... -> prints the filter's path
  local file="$stamps/$1.slnf" first=1 project
  shift
  {
    printf '{ "solution": { "path": "%s", "projects": [' "$root/Plugin.Sdk.sln"
    for project in "$@"; do
      ((first)) || printf ', '
      first=0
      printf '"%s"' "$project"
    done
    printf '] } }\n'
  } >"$file"
  echo "$file"
}

# Everything restored in one go (one line, however long the first download takes), then built without restoring.
restore_list=("${to_pack[@]}")
if ((host_changed)) && [[ " ${restore_list[*]} " != *" host/Plugin.Host/Plugin.Host.csproj "* ]]; then
  restore_list+=(host/Plugin.Host/Plugin.Host.csproj)
fi
if ((${#restore_list[@]} > 0)); then
  step "restore NuGet packages (${#restore_list[@]} projects)" dotnet_quiet restore "$(slnf restore "${restore_list[@]}")"
fi

# The global packages folder's entries of our ids before packing: checked again at the end (nothing may remove them).
# (ids are read here, before the cd: the project paths are relative to the repository)
pack_ids=(); for p in "${to_pack[@]}"; do pack_ids+=("$(package_id "$p")"); done
cache_before=$(cd "$cache" 2>/dev/null && for id in "${pack_ids[@]}"; do ls -d "${id,,}"/*/ 2>/dev/null; done || true)

packed=0
# pack LABEL PROJECT...: the projects' packages into the feed (PackageOutputPath), with their market entries merged.
pack() {
  local label=$1 project id
  shift
  for project in "$@"; do
    id=$(package_id "$project")
    rm -f "$feed/$id".[0-9]*.nupkg
  done
  step "$label" dotnet_quiet pack "$(slnf pack "$@")" -c "$configuration" --no-restore -p:PluginMarketJsonPath="$root/artifacts/package.json"
  packed=$((packed + $#))
}

# A plugin project restoring from this feed through the NuGet global packages folder keeps the copy it restored first:
# say so (and how to refresh it) when that copy is not the package just packed. Nothing is deleted.
warn_stale_cache() { # warn_stale_cache PROJECT
  local id nupkg version entry sha
  id=$(package_id "$1")
  for nupkg in "$feed/$id".[0-9]*.nupkg; do
    version=${nupkg#"$feed/$id."}
    version=${version%.nupkg}
    entry="$cache/${id,,}/${version,,}"
    [[ -f "$entry/${id,,}.${version,,}.nupkg.sha512" ]] || continue
    sha=$(openssl dgst -sha512 -binary "$nupkg" 2>/dev/null | base64 -w0 || true)
    if [[ -n "$sha" && "$sha" != "$(cat "$entry/${id,,}.${version,,}.nupkg.sha512")" ]]; then
      echo "build.sh: note: $entry holds an earlier $id $version; projects restoring it through that folder get the old one until you delete that folder (or give them their own NUGET_PACKAGES)"
    fi
  done
}

# The SDK's packages, then the samples (built against the SDK's sources), then the host.
sdk_group=() sample_group=()
for i in "${!to_pack[@]}"; do
  case "${to_pack_names[$i]}" in
    Plugin.Host.Tool) ;;
    samples-*) sample_group+=("${to_pack[$i]}") ;;
    *) sdk_group+=("${to_pack[$i]}") ;;
  esac
done
names() { local p out=(); for p in "$@"; do out+=("$(package_id "$p")"); done; local IFS=,; echo "${out[*]}" | sed 's/,/, /g'; }
((${#sdk_group[@]})) && pack "pack $(names "${sdk_group[@]}")" "${sdk_group[@]}"
((${#sample_group[@]})) && pack "pack ${#sample_group[@]} sample plugins" "${sample_group[@]}"
wait_web
if ((host_changed)); then
  # The music engine's npm libraries (host/Plugin.Music's own target; quick when js/dist is current).
  step "host: music engine's JS libraries (npm, host/Plugin.Music/js)" \
    dotnet_quiet msbuild host/Plugin.Music/Plugin.Music.csproj -t:BuildMusicJsLibraries -p:Configuration="$configuration"
  # Published into artifacts/host (what the README's run command starts) ReadyToRun for this machine's runtime
  # identifier: the host's and its libraries' assemblies (ClearScript, the music engine, ...) carry native code, so a
  # fresh process JIT-compiles little at start-up (issue 14: a plugin's first load in a fresh process); with the
  # cross-assembly options of Directory.Build.props (PublishReadyToRunCrossgen2ExtraArgs). Framework-dependent as before. The tool is packed from the portable (runtime-identifier-free) build of the same sources.
  rm -rf artifacts/host
  rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n1)
  step "host: build and publish with the web UI, ReadyToRun ${rid:-?} (artifacts/host)" \
    dotnet_quiet publish host/Plugin.Host/Plugin.Host.csproj -c "$configuration" -r "${rid:?dotnet --info names no RID}" --self-contained false \
      -p:PublishReadyToRun=true -o "$root/artifacts/host"
  rm -f "$feed"/Plugin.Host.Tool.[0-9]*.nupkg
  step "host: pack the .NET tool (Plugin.Host.Tool)" \
    dotnet_quiet pack host/Plugin.Host/Plugin.Host.csproj -c "$configuration" --no-restore -o "$feed"
  packed=$((packed + 1))
  # Its inputs as built (the web UI may have been rebuilt since they were first hashed).
  fingerprint host/Plugin.Host "${shared_inputs[@]}" "${host_inputs[@]}" >"$stamps/Plugin.Host.Tool.sha1"
fi
for i in "${!to_pack[@]}"; do
  warn_stale_cache "${to_pack[$i]}"
  [[ "${to_pack_names[$i]}" == Plugin.Host.Tool ]] || echo "${hashes[$i]}" >"$stamps/${to_pack_names[$i]}.sha1"
done

for entry in $cache_before; do
  [[ -d "$cache/$entry" ]] || { echo "build.sh: $cache/$entry was removed during this build: the NuGet global packages folder must stay untouched"; exit 1; }
done

echo "build.sh: done in $((SECONDS - started)) s: $packed packed, $skipped unchanged; feed $feed, host artifacts/host"
