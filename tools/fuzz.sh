#!/bin/sh
# Runs one libFuzzer target for a long time: tools/fuzz.sh TARGET SECONDS [extra libFuzzer args]
# (targets: see tests/fuzz/CMakeLists.txt; build dir from $KIOSK_BUILD_DIR, default ./build).
set -eu
if [ $# -lt 2 ]; then
  echo "usage: tools/fuzz.sh TARGET SECONDS [libFuzzer args...]" >&2
  exit 2
fi
target=$1; seconds=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
build=${KIOSK_BUILD_DIR:-$root/build}
ninja -C "$build" "$target"
corpus="$build/fuzz/corpus/$target"
mkdir -p "$corpus"
seeds="$root/tests/fuzz/corpus/$target"
[ -d "$seeds" ] || seeds=
# Crash reproducers land in the build dir, never in the source tree.
cd "$build/fuzz"
exec "$build/fuzz/$target" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 "$@" "$corpus" $seeds
