#!/usr/bin/env bash
# A device without a portal never shows the demo. With no portal configured and no store: `sync`
# stops with what to do (exit 2) and fills nothing; `run` shows the 「尚未配置门户地址」 screen
# (grabbed from a real X server and compared with the program's own screenshot of it, and shown
# not to be the demo's screen), logs why, keeps running, and starts syncing once the config names a
# portal; SIGTERM ends it at once. With a real store and no portal, the store's portal is kept.
# Usage: no_portal_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
cfg="$work/kiosk.json"
echo '{"portal": "", "mode": "display"}' >"$cfg"

# sync: one line saying what to do, exit 2, and no store filled from anywhere.
"$bin" sync --once --config "$cfg" --data-dir "$data" >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "no portal configured" "$work/err" &&
    grep -q "$cfg" "$work/err" && ok || bad "sync without a portal: exit $code, $(cat "$work/err")"
[ ! -e "$data/store/current" ] && ok || bad "sync without a portal filled the store"

# run, under a real X server.
xdir="$work/xvfb"
start_xvfb "$xdir" 1920x1200x24
DISPLAY=$display "$bin" run --windowed 1280x720 --config "$cfg" --data-dir "$data" >"$xdir/log" 2>&1 &
run_pid=$!
wait_for_line 10 "$xdir/log" "尚未配置门户地址"
grep -q "no portal configured.*尚未配置门户地址" "$xdir/log" && ok || bad "run logs no reason: $(cat "$xdir/log")"
sleep 4 # more than one re-read of the config
kill -0 "$run_pid" 2>/dev/null && ok || bad "run without a portal ended: $(tail -3 "$xdir/log")"
[ ! -e "$data/store/current" ] && ok || bad "run without a portal filled the store"
window=$(DISPLAY=$display xdotool search --name "Gongkai Kiosk" | head -n 1)
eval "$(DISPLAY=$display xdotool getwindowgeometry --shell "$window")"
"$check" xwd "$xdir/Xvfb_screen0" "$X" "$Y" "$WIDTH" "$HEIGHT" "$xdir/setup.png" >/dev/null
"$bin" screenshot --config "$cfg" --data-dir "$data" --size "${WIDTH}x${HEIGHT}" --out "$xdir/expected.png" >/dev/null 2>&1
expect "the screen is the no-portal screen" "$check" matches "$xdir/setup.png" "$xdir/expected.png"
"$bin" screenshot --portal "$src/assets/demo-portal" --data-dir "$work/demo" --size "${WIDTH}x${HEIGHT}" \
    --out "$xdir/demo.png" >/dev/null 2>&1
"$check" matches "$xdir/setup.png" "$xdir/demo.png" >/dev/null && bad "the no-portal screen looks like the demo" || ok

# A portal that is not a URL: the screen says what is wrong with the config, and waits on.
printf '{"portal": "%s", "mode": "display"}\n' "$src/assets/demo-portal" >"$cfg"
sleep 4
"$check" xwd "$xdir/Xvfb_screen0" "$X" "$Y" "$WIDTH" "$HEIGHT" "$xdir/problem.png" >/dev/null
"$check" changed "$xdir/setup.png" "$xdir/problem.png" 0 0.3 1 0.8 >/dev/null && ok ||
    bad "the screen does not show the config's problem"
[ ! -e "$data/store/current" ] && ok || bad "a bad config filled the store"
# The config now names a portal: within a few seconds the screen syncs and shows it.
printf '{"portal": "file://%s/", "mode": "display"}\n' "$src/assets/demo-portal" >"$cfg"
wait_for_line 15 "$xdir/log" "first frame shown"
grep -q "the config now names the portal" "$xdir/log" && grep -q "first frame shown" "$xdir/log" && ok ||
    bad "run did not start once the portal was configured: $(tail -5 "$xdir/log")"
[ -e "$data/store/current" ] && ok || bad "run did not sync the configured portal"
kill -TERM "$run_pid"
wait_gone "$run_pid" 3 && ok || bad "SIGTERM did not end run within 3 s"
wait "$run_pid"
code=$?
[ "$code" -eq 0 ] && ok || bad "run ended with $code after SIGTERM"

# A real store and no portal: the store's portal, never the demo (the generation stays).
before=$(cat "$data/store/current")
echo '{"portal": ""}' >"$cfg"
expect "sync keeps to the store's portal" "$bin" sync --once --config "$cfg" --data-dir "$data"
[ "$(cat "$data/store/current")" = "$before" ] && grep -q "already current" "$work/out" && ok ||
    bad "sync without a portal on a real store: $(cat "$work/out")"

finish "no portal"
