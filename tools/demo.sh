#!/usr/bin/env bash
# The demo kiosk with its simulators: platform-sim on 127.0.0.1, idcard-sim on a pseudo-terminal,
# the simulated printer. With a display it opens a window; without one it runs the headless tour,
# writes screenshots and prints where they are. Called by `tools/dev demo` from a checkout, and
# by /usr/bin/kiosk-demo (package kiosk-demo), which points the variables below at the package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="${KIOSK_BIN:-$root/build/bin}"            # the simulators
app_bin="${KIOSK_APP_BIN:-$bin}"               # kiosk and kioskctl
data="${KIOSK_DEMO_DATA:-$root/assets}"        # demo/ and content/
out="${KIOSK_DEMO_OUT:-$root/out/demo}"
state="$out/state"
rm -rf "$state"
mkdir -p "$state" "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The central platform, simulated, on a free loopback port.
"$bin/platform-sim" --port 0 --bind 127.0.0.1 --data "$state/platform" --assets "$data/demo/platform" \
  --content "$data/content" --port-file "$state/platform.port" >"$out/platform-sim.log" 2>&1 &
pids+=($!)
# The ID-card reader, simulated on a pseudo-terminal; the kiosk uses the real serial driver.
"$bin/idcard-sim" --link "$state/idcard" --control "$state/idcard.sock" --cards "$data/demo/cards.json" \
  >"$out/idcard-sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  [ -s "$state/platform.port" ] && [ -e "$state/idcard" ] && [ -S "$state/idcard.sock" ] && break
  sleep 0.05
done
port=$(cat "$state/platform.port" 2>/dev/null || echo 8480)

args=(--state-dir "$state"
      --set "platform.url=http://127.0.0.1:$port"
      --set "idcard.driver=serial" --set "idcard.port=$state/idcard" --set "idcard.sim_control=$state/idcard.sock"
      --set "printer.driver=sim" --set "scanner.driver=sim" --set "copier.driver=sim")
args+=(--config "$data/demo/kiosk.toml")

# Content: the demo bundle, imported the way a technician would.
"$app_bin/kioskctl" --config "$data/demo/kiosk.toml" --state-dir "$state" content import "$data/content" >"$out/content-import.log" 2>&1 || \
  echo "demo: content import failed, see $out/content-import.log" >&2

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${KIOSK_DEMO_HEADLESS:-}" ]; then
  echo "demo: kiosk window open. Keys: F1 王测试's card, F2 李小测, F3 赵无证, F4 invalid card, F5 remove card,"
  echo "      F6 scan a case receipt, F7 printer out of paper, F8 paper refilled, Esc quits."
  "$app_bin/kiosk" "${args[@]}" --set display.fullscreen=false --set display.scale=0.5 "$@"
else
  shots="$out/screenshots"
  rm -rf "$shots"
  echo "demo: no display; touring the screens headless…"
  "$app_bin/kiosk" --headless "${args[@]}" --script "$data/demo/tour.ks" --screenshots "$shots" "$@"
  echo "demo: screenshots of the tour are in $shots:"
  ls -1 "$shots" | sed 's/^/  /'
fi
