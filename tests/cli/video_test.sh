#!/usr/bin/env bash
# Video on the information screen, through the real program (issue 21): a portal whose playlist
# plays a clip of solid red, green and blue seconds (made by Debian's ffmpeg) and names three
# videos that cannot play. `playlist check` names each bad one with the player's reason and lets the
# clip play; `screenshot` draws the clip's first frame in the card's picture box (red, the header
# and the QR code still there in the main zone; nothing but the picture in the full zone); under
# Xvfb the running program shows the picture moving from one colour to the next between two grabs.
# (Under cage: cage_test.sh.) Usage: video_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
at=2026-11-28T10:00:00+08:00

make_video_portal "$work/portal" || fatal "could not make the video portal"
"$bin" sync --once --portal "$work/portal" --data-dir "$data" >/dev/null 2>"$work/err" || fatal "sync: $(cat "$work/err")"

# The checks: what plays, what is skipped and why.
"$bin" playlist check "$work/portal/playlists/hall-main.json" --from $at --data-dir "$data" >"$work/out" 2>&1
grep -q "items\[0\]" "$work/out" && bad "the clip is reported: $(cat "$work/out")" || ok
for case in "1 cut.mp4" "2 noise.mp4"; do
    set -- $case
    grep -q "^hall-main.json: items\[$1\].video: att/video/$2 cannot be played: ." "$work/out" && ok ||
        bad "check: $2 is not skipped with the player's reason: $(cat "$work/out")"
done
# An empty file is refused by its item's declared size already.
grep -q "^hall-main.json: items\[3\].video.bytes: must be a whole number of bytes > 0, got 0" "$work/out" && ok ||
    bad "check: the empty video is not skipped: $(cat "$work/out")"
grep -q "3 items are skipped (items\[1\], items\[2\], items\[3\]); the other 1 plays" "$work/out" && ok ||
    bad "check: the summary: $(cat "$work/out")"

# The main zone: the clip's first frame in the card, under the header with its clock, the QR code beside.
for size in 1920x1080 1080x1920; do
    "$bin" screenshot --data-dir "$data" --mode display --at "$at" --size "$size" --out "$work/main-$size.png" \
        --layout "$work/main-$size.json" >"$work/log" 2>&1 || bad "screenshot $size: $(tail -2 "$work/log")"
    "$check" colour "$work/main-$size.png" red >"$work/c" 2>&1 && ok || bad "main zone $size: no red frame: $(cat "$work/c")"
    grep -q '"text":"红绿蓝"' "$work/main-$size.json" && grep -q '"text":"10:00' "$work/main-$size.json" && ok ||
        bad "main zone $size: the caption or the clock is missing"
    "$src/tests/cli/layout_check.py" "$work/main-$size.png" "$work/main-$size.json" >"$work/c" 2>&1 && ok ||
        bad "main zone $size: the record does not match its pixels: $(cat "$work/c")"
done

# The full zone: the picture alone (no header, no clock).
make_video_portal "$work/full-portal" '"loop": true, "duration_s": 600, "zone": "full"' || fatal "full portal"
"$bin" sync --once --portal "$work/full-portal" --data-dir "$work/full" >/dev/null 2>"$work/err" || fatal "sync: $(cat "$work/err")"
"$bin" screenshot --data-dir "$work/full" --mode display --at "$at" --size 1920x1080 --out "$work/full.png" \
    --layout "$work/full.json" >"$work/log" 2>&1 || bad "full screenshot: $(tail -2 "$work/log")"
"$check" colour "$work/full.png" red >"$work/c" 2>&1 && ok || bad "full zone: no red frame: $(cat "$work/c")"
grep -q '"text"' "$work/full.json" && bad "full zone: text drawn over the video: $(head -c 300 "$work/full.json")" || ok

# Under Xvfb, as `run` shows it: the picture moves on (red, green, blue: one second each).
xdir="$work/xvfb"
start_xvfb "$xdir" 1920x1200x24
DISPLAY=$display "$bin" run --windowed 1280x720 --data-dir "$data" >"$xdir/log" 2>&1 &
run_pid=$!
wait_for_line 15 "$xdir/log" "first frame shown" || bad "xvfb: no first frame: $(tail -3 "$xdir/log")"
window=$(DISPLAY=$display xdotool search --name "Gongkai Kiosk" | head -n 1)
DISPLAY=$display xdotool windowmove "$window" 0 0
sleep 1.5
eval "$(DISPLAY=$display xdotool getwindowgeometry --shell "$window")"
"$check" xwd "$xdir/Xvfb_screen0" "$X" "$Y" "$WIDTH" "$HEIGHT" "$xdir/a.png" >/dev/null
sleep 1.1
"$check" xwd "$xdir/Xvfb_screen0" "$X" "$Y" "$WIDTH" "$HEIGHT" "$xdir/b.png" >/dev/null
"$check" video "$xdir/a.png" "$xdir/b.png" >"$work/c" 2>&1 && ok || bad "xvfb: the picture does not move on: $(cat "$work/c")"
kill "$run_pid" 2>/dev/null
wait "$run_pid" 2>/dev/null
grep -q "stopped:" "$xdir/log" && bad "xvfb: the clip stopped: $(grep stopped: "$xdir/log")" || ok

finish video
