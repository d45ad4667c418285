#!/usr/bin/env bash
# Packs this repository's packages into the local feed artifacts/packages (named in nuget.config, and the host's
# default market): Plugin.Sdk (with the generator and the package.json targets inside), then, when their folders
# exist, Plugin.Sdk.Testing, Plugin.Sdk.Templates and every sample plugin. The samples' market entries are merged
# into artifacts/package.json.
#
# Usage: ./build.sh            pack what changed since the last run
#        ./build.sh --force    pack everything
# Environment: CONFIGURATION (default Release), NUGET_PACKAGES (the NuGet global packages folder to keep fresh).
#
# Idempotent and fast when nothing changed: each package is packed only when a hash of its inputs (its sources, the
# SDK's and the generator's sources, the shared build files) differs from the last pack's, or its .nupkg is missing.
#
# Why one NuGet cache entry is cleared: our packages keep one version (PluginSdkVersion) while they change, and NuGet
# never looks at a feed again for a version already in its global packages folder, so a rebuilt Plugin.Sdk 1.1.0 would
# be ignored by every PackageReference consumer. Only the id/version just packed is removed from that folder: other
# versions (the shipped Plugin.Sdk 1.0.0 the compatibility tests build against, other checkouts' packages) stay.
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
# then finds everything packed and returns quickly, instead of packing the same projects into the same bin/ and obj/.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$stamps/.lock"
  flock 9
fi

# Files that shape every package (bin/ and obj/ are outputs, never inputs).
shared_inputs=(Directory.Build.props Directory.Build.targets nuget.config sdk/Plugin.Sdk sdk/Plugin.Sdk.Build generators/Plugin.Sdk.Generators)

fingerprint() {
  {
    echo "$configuration"
    dotnet --version
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

packed=0 skipped=0
# pack NAME PROJECT [extra inputs...]
pack() {
  local name=$1 project=$2
  shift 2
  local id stamp hash
  id=$(package_id "$project")
  stamp="$stamps/$name.sha1"
  hash=$(fingerprint "$(dirname "$project")" "${shared_inputs[@]}" "$@")
  if ((force == 0)) && [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]] && compgen -G "$feed/$id.[0-9]*.nupkg" >/dev/null; then
    skipped=$((skipped + 1))
    return
  fi
  echo "build.sh: packing $name"
  # Stale copies of this package: in the feed (an older version left behind) and, once packed, the same id and version
  # in the NuGet global packages folder.
  rm -f "$feed/$id".[0-9]*.nupkg
  rm -f "$stamp"
  dotnet pack "$project" -c "$configuration" --nologo -v q -o "$feed" \
    -p:PluginMarketJsonPath="$root/artifacts/package.json"
  local nupkg version
  for nupkg in "$feed/$id".[0-9]*.nupkg; do
    version=${nupkg#"$feed/$id."}
    version=${version%.nupkg}
    rm -rf "$cache/${id,,}/${version,,}"
  done
  echo "$hash" >"$stamp"
  packed=$((packed + 1))
}

pack Plugin.Sdk sdk/Plugin.Sdk/Plugin.Sdk.csproj

# The other packages, each only when its folder exists (they arrive at different times).
shopt -s nullglob
for project in sdk/Plugin.Sdk.Testing/*.csproj; do
  pack Plugin.Sdk.Testing "$project"
done
for project in templates/*.csproj templates/*/*.csproj; do
  pack "$(basename "$project" .csproj)" "$project"
done
for project in samples/*/*.csproj; do
  pack "samples-$(basename "$project" .csproj)" "$project" samples/Directory.Build.props samples/Directory.Build.targets
done

# The web UI the host serves at / (web/dist): built when its sources changed and npm is there. The host runs without
# it (the REST API and /docs still answer), so a machine without Node only loses the UI.
if [[ -f web/package.json ]] && command -v npm >/dev/null 2>&1; then
  web_stamp="$stamps/web.sha1"
  web_hash=$(fingerprint web/src web/index.html web/package.json web/package-lock.json web/vite.config.ts)
  if ((force == 1)) || [[ ! -f web/dist/index.html || ! -f "$web_stamp" || "$(cat "$web_stamp")" != "$web_hash" ]]; then
    echo "build.sh: building the web UI"
    (cd web && { [[ -d node_modules && node_modules -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } && npx vite build --logLevel warn)
    echo "$web_hash" >"$web_stamp"
  fi
fi

echo "build.sh: $packed packed, $skipped unchanged, feed $feed"
