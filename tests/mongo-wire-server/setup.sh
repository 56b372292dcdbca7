#!/usr/bin/env bash
# Installs the MongoDB-wire-protocol server the MongoDB store contract tests run against: CongoDB,
# the in-memory server inside @push.rocks/smartmongo 2.2.0 (MIT), with this directory's patch applied.
#
# The package's own dependency tree cannot be installed (part of it is missing from the registry), so
# only what the server imports is installed, at the exact versions of package-lock.json; the package
# itself comes from `npm pack`, is checked against the registry's published integrity, and is
# unpacked into node_modules beside them. Nothing runs install scripts. Idempotent: a second run with
# the same lock file and patch does nothing.
set -euo pipefail
cd "$(dirname "$0")"

readonly package=@push.rocks/smartmongo
readonly version=2.2.0
readonly integrity=sha512-ovVCNoJ3D0aBuKtoKaQWWQKvBngaGJq9fAPQigzji1EHsS1XyGpXWCpe5nq/ptGvBROOcpqZcOFEGAcrnb+OjA==
readonly patch_file=smartmongo-2.2.0.patch
readonly target=node_modules/$package
readonly stamp=node_modules/.moderation-mongo-wire-server

wanted=$(cat package-lock.json "$patch_file" | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -f "$target/dist_ts/congodb/engine/BsonOrder.js" ]; then
  exit 0
fi

npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null >&2

download=$(mktemp -d)
trap 'rm -rf "$download"' EXIT
tarball=$(npm pack "$package@$version" --pack-destination "$download" --silent </dev/null | tail -n 1)
actual=$(node -e 'const c = require("crypto"), fs = require("fs");
  process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));' "$download/$tarball")
if [ "$actual" != "$integrity" ]; then
  echo "setup.sh: $package@$version from the registry is not the tarball this patch was written for ($actual)." >&2
  exit 1
fi

rm -rf "$target"
mkdir -p "$target"
tar -xzf "$download/$tarball" -C "$target" --strip-components=1
# Outside any repository's view (node_modules sits inside this one), git apply patches plain files.
(cd "$target" && GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" git apply -p1 "$OLDPWD/$patch_file")
echo "$wanted" >"$stamp"
