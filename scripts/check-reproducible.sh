#!/usr/bin/env bash
# Checks that the build is reproducible: two builds of one commit give byte-identical artifacts.
#
#   scripts/check-reproducible.sh            builds HEAD twice, in two fresh clones, and compares
#   scripts/check-reproducible.sh --reuse    builds HEAD once more in a fresh clone and compares
#                                            with the artifacts already under this tree's target/
#                                            directories (after `mvn verify` or `mvn package`)
#
# Compares every jar (including -sources and -javadoc jars) and every installed pom that the build
# leaves in a module's target/ directory. Exits 1, listing the artifacts that differ, if any does.
# Needs git, mvn and sha256sum; uses the local Maven repository but installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
reuse=false
[ "${1:-}" = "--reuse" ] && reuse=true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() { # $1 = directory to clone HEAD into and build there
  git clone -q --no-hardlinks "$top" "$1"
  git -C "$1" checkout -q "$(git -C "$top" rev-parse HEAD)"
  (cd "$1" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true package)
}

checksums() { # $1 = tree; prints "sha256  relative/path" for every artifact under */target
  # only what a module's build writes directly into its target/ (not files tests write below it);
  # not the benchmarks, which are never published: a peer's annotation processor there (greenrobot
  # EventBus's index, for the start-up comparison) writes its entries in hash order
  (cd "$1" && find . -type f -regextype posix-extended \
      -regex '.*/target/[^/]+\.(jar|pom)' ! -name 'original-*' ! -path './.git/*' \
      ! -path './benchmarks/*' -print0 \
    | sort -z | xargs -0 sha256sum)
}

if $reuse; then
  first="$top"
else
  first="$work/a"
  echo "Building $(git rev-parse --short HEAD) (1 of 2) ..."
  build "$first"
fi
echo "Building $(git rev-parse --short HEAD) (2 of 2) ..."
build "$work/b"

checksums "$first" > "$work/a.sums"
checksums "$work/b" > "$work/b.sums"
count=$(wc -l < "$work/b.sums")
if [ "$count" -eq 0 ]; then
  echo "No artifacts found under */target: nothing was compared." >&2
  exit 1
fi
if diff -u "$work/a.sums" "$work/b.sums" > "$work/diff"; then
  echo "Reproducible: $count artifacts byte-identical in both builds."
else
  echo "NOT reproducible: these artifacts differ between two builds of one commit:" >&2
  grep -E '^[-+][0-9a-f]' "$work/diff" | awk '{print $2}' | sort -u >&2
  exit 1
fi
