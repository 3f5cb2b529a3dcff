#!/usr/bin/env bash
# The staff panel on a running information screen, driven as a person drives it: under Xvfb,
# xdotool holds the pointer in the top-left corner for 5 s, types a wrong PIN and then the right
# one on the pad, closes the panel, opens it again and switches the screen to kiosk mode. The audit
# log (records.sqlite) must show each step and never the PIN, and proof of play must not count the
# time the panel covered the screen; staff-settings.json must say kiosk;
# the program must carry on in kiosk mode in the same process, where the same gesture switches it back.
# Proof of play must not count the time a resident browsed in kiosk mode either. SIGTERM at the
# end stops the program cleanly, the item then on screen recorded as played.
# Pad and button positions follow display/staff/staff_panel_view.cpp's layout at 1920×1080.
# Usage: staff_panel_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"

sync_demo || fatal "demo sync"
hash=$(printf '246813\n' | "$bin" staff pin-hash) || fatal "staff pin-hash"
printf '{"staff_pin_hash": "%s"}\n' "$hash" >"$work/kiosk.json"

start_xvfb "$work/xvfb" 1920x1080x24
export DISPLAY=$display

# In Chinese, as the installed unit runs it (LANG=zh_CN.UTF-8); the log lines stay English.
LANG=zh_CN.UTF-8 "$bin" run --config "$work/kiosk.json" --data-dir "$data" 2>"$work/log" &

app_pid=$!
# wait_log PATTERN: until the program's log has a line matching it (20 s at most).
wait_log() { wait_for_line 20 "$work/log" "$1"; }
wait_log "first frame shown" && ok || bad "the screen started: $(tail -3 "$work/log")"

click() { xdotool mousemove "$1" "$2" click 1; sleep 0.3; }
# The PIN pad: keys 170×96 with 20 px gaps, centred; the first row's centre is at y = 423.
digit() {
    local d=$1 row col
    if [ "$d" -eq 0 ]; then row=3 col=1; else row=$(((d - 1) / 3)) col=$(((d - 1) % 3)); fi
    click $((770 + col * 190)) $((423 + row * 116))
}
enter_pin() {
    for ((i = 0; i < ${#1}; i++)); do digit "${1:i:1}"; done
    click 1055 887 # 确定
}
long_press_corner() {
    xdotool mousemove 12 12 mousedown 1
    sleep 5.6
    xdotool mouseup 1
    sleep 0.5
}
audit() {
    python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(" ".join(a for (a,) in db.execute("SELECT action FROM audit ORDER BY id")))' "$data/records.sqlite"
}

xdotool mousemove 12 12 mousedown 1
sleep 2
xdotool mouseup 1 # too short: nothing opens
sleep 0.5
[ "$(audit)" = "" ] && ok || bad "a 2 s press opened the pad: $(audit)"

long_press_corner
enter_pin 111111
sleep 1.5 # the check takes a PBKDF2's time
enter_pin 246813
sleep 1.5
grep -q "staff panel: wrong PIN" "$work/log" && ok || bad "the wrong PIN was logged as refused: $(grep staff "$work/log")"
grep -q "staff panel: staff PIN accepted" "$work/log" && ok || bad "the right PIN was logged as accepted: $(grep staff "$work/log")"
click 1788 64 # 关闭
want="panel.pin-pad panel.pin-refused panel.open panel.close"
[ "$(audit)" = "$want" ] && ok || bad "audit after open and close: $(audit), want $want"
# Proof of play: the item on screen stopped counting when the pad covered it, and nothing counted
# while the pad and the panel were up (times in whole seconds, so a second of slack either side).
python3 - "$data/records.sqlite" <<'PY' && ok || bad "plays under the panel: $(python3 -c 'import sqlite3,sys; print(list(sqlite3.connect(sys.argv[1]).execute("SELECT start_s, duration_s FROM plays")))' "$data/records.sqlite")"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
covered = db.execute("SELECT at_s FROM audit WHERE action = 'panel.pin-pad' ORDER BY id").fetchone()[0]
uncovered = db.execute("SELECT at_s FROM audit WHERE action = 'panel.close' ORDER BY id").fetchone()[0]
plays = db.execute("SELECT start_s, start_s + duration_s FROM plays").fetchall()
assert uncovered - covered >= 4, (covered, uncovered)
assert any(start <= covered + 1 and abs(end - covered) <= 1 for start, end in plays), ("no play ended at the pad", covered, plays)
assert not any(start < uncovered - 1 and end > covered + 1 for start, end in plays), ("a play under the panel", covered, uncovered, plays)
PY

# Again, and switch the screen to kiosk mode (本机设置, then 触摸查询).
long_press_corner
enter_pin 246813
sleep 1.5
click 182 544 # the 本机设置 tab
click 846 301 # 触摸查询
wait_log "staff switched to kiosk mode" && ok || bad "the mode switch was logged: $(tail -3 "$work/log")"
wait_log "kiosk mode, first frame shown" && ok || bad "kiosk mode started in the same process: $(tail -3 "$work/log")"
grep -q '"mode": *"kiosk"' "$data/staff-settings.json" && ok || bad "staff-settings.json says kiosk: $(cat "$data/staff-settings.json")"
# A resident taps the attract loop and reads pages: the rotation's item stops counting then.
sleep 2.5
browse_at=$(date +%s)
click 960 540
sleep 3
# The same gesture in kiosk mode brings the panel back; switch back.
long_press_corner
enter_pin 246813
sleep 1.5
click 182 544 # 本机设置
click 530 301 # 信息屏
wait_log "staff switched to display mode" && ok || bad "the switch back was logged: $(tail -3 "$work/log")"
kill -0 "$app_pid" 2>/dev/null && ok || bad "the program is still running"
audit | grep -q "settings.mode" && ok || bad "the mode change is audited: $(audit)"
python3 - "$data/records.sqlite" "$browse_at" <<'PY' && ok || bad "plays while a resident browsed: $(python3 -c 'import sqlite3,sys; print(list(sqlite3.connect(sys.argv[1]).execute("SELECT start_s, duration_s FROM plays")))' "$data/records.sqlite")"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
browse_at = int(sys.argv[2])
back_in_display = db.execute("SELECT MAX(at_s) FROM audit WHERE action = 'settings.mode'").fetchone()[0]
plays = db.execute("SELECT start_s, start_s + duration_s FROM plays").fetchall()
assert back_in_display - browse_at >= 8, (browse_at, back_in_display)
assert any(abs(end - browse_at) <= 1 for _, end in plays), ("the attract item did not end at the tap", browse_at, plays)
assert not any(start < back_in_display - 1 and end > browse_at + 2 for start, end in plays), ("counted while browsing", browse_at, back_in_display, plays)
PY
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = [d for (d,) in db.execute("SELECT detail FROM audit")]
sys.exit(1 if any("2468" in d or "1111" in d for d in rows) else 0)' "$data/records.sqlite" && ok || bad "a PIN reached the audit log"

# systemd stops the unit with SIGTERM: the program exits 0 within seconds, and the item on screen
# is recorded as played until then.
stopped_at=$(date +%s)
kill -TERM "$app_pid"
if ! wait_gone "$app_pid" 10; then
    bad "still running 10 s after SIGTERM"
    kill -KILL "$app_pid"
fi
wait "$app_pid"
status=$?
[ "$status" -eq 0 ] && ok || bad "exit status $status after SIGTERM: $(tail -3 "$work/log")"
grep -q "stopped by SIGTERM" "$work/log" && ok || bad "the stop was logged: $(tail -3 "$work/log")"
python3 - "$data/records.sqlite" "$stopped_at" <<'PY' && ok || bad "the item on screen at the stop was not recorded"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
last_end = db.execute("SELECT MAX(start_s + duration_s) FROM plays").fetchone()[0]
assert int(sys.argv[2]) - 1 <= last_end <= int(sys.argv[2]) + 10, (last_end, sys.argv[2])
PY

finish "staff panel"
