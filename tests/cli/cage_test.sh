#!/usr/bin/env bash
# The installed path: `gongkai-kiosk session` (what the systemd unit runs) starts cage on wlroots'
# headless backend as an unprivileged user (cage refuses root), with the config's rotation, and
# the program inside it through Xwayland. grim grabs the output as a person would see it. For
# display and kiosk mode, landscape 1280×720 and portrait (rotation 90 → cage -r, 720×1280):
#   - the picture fills the output (no black band: the old bug drew it 360 px too low);
#   - its layout matches the program's own `screenshot` at that size and time;
#   - the clock advances between two grabs (the old bug froze the picture after the first frame);
# and in kiosk mode a tap (xdotool through Xwayland's XTEST) starts the kiosk and a tap on home's
# 政府信息公开目录 tile opens the catalog. A playlist's video plays (the picture moves on, in the
# source's colours). No process of the session maps Mesa (the program draws
# on the CPU; the session keeps Xwayland's GLX from loading it). Under Xvfb, a window resized while
# running is laid out again for its new size. Without a display at all, `run` exits non-zero with
# one clear line.
#
# cage 0.1.4 scans a full-screen client's buffer out directly when the output is not rotated, and
# then renders grim's capture from stale damage: to grim every client (Chromium too) shows an old
# frame, often its first. The picture on a panel is not affected (DRM cannot scan out shared-memory
# buffers; cage composites them), but grim cannot see it. So landscape 1280×720 is grabbed at
# rotation 180, which cage composites; rotation 0 is checked for its first frame's size and path
# in the log (and its cage command line in package_test.sh).
# Usage: cage_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
user=nobody
chmod 755 "$work"
# Laid out as the package installs it (bin/, share/gongkai/demo-portal) in a directory nobody can
# read, whatever the permissions of the checkout it was built in.
mkdir -p "$work/prefix/bin" "$work/prefix/share/gongkai"
cp "$bin" "$work/prefix/bin/gongkai-kiosk"
cp -r "$src/assets/demo-portal" "$work/prefix/share/gongkai/demo-portal"
chmod -R a+rX "$work/prefix"
bin=$work/prefix/bin/gongkai-kiosk
# Besides the sessions (background jobs, which cleanup stops), any cage $user still runs.
trap 'pkill -u "$user" -x cage 2>/dev/null; cleanup' EXIT
as_user() { setpriv --reuid="$user" --regid=nogroup --clear-groups "$@"; }

# Where wlroots puts Xwayland's sockets, as an X server leaves it (a directory made by nobody, or by
# root without the sticky bit, would keep the other's X servers out).
mkdir -p /tmp/.X11-unix && chmod 1777 /tmp/.X11-unix

sync_demo || fatal "demo sync"
cp -a "$data" "$work/data-fresh" # for the bad-rotation case: no session has run on it
chown -R "$user" "$data" "$work/data-fresh"

# Without a display: one line naming the cause, exit non-zero, no crash.
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" run --data-dir "$data" >"$work/nodisplay.log" 2>&1
code=$?
if [ "$code" -ne 0 ] && [ "$code" -lt 128 ] && grep -q "no display" "$work/nodisplay.log"; then ok; else
    bad "no display: exit $code, $(cat "$work/nodisplay.log")"
fi

# start_session NAME MODE ROTATION: the session as the unit starts it, as $user; sets $dir.
start_session() {
    dir="$work/$1"
    mkdir -p "$dir/rt" "$dir/grabs"
    printf '{"mode": "%s", "rotation": %s}\n' "$2" "$3" >"$dir/kiosk.json"
    chown -R "$user" "$dir"
    chmod 700 "$dir/rt"
    # A session that ends before its first frame is started once more, as the unit's Restart= does
    # (seen once here: Xwayland's first start on a fresh machine refused the program). Said in the
    # output, so that a pattern would show.
    local attempt
    for attempt in 1 2; do
        as_user env -i PATH=/usr/bin:/bin HOME="$dir" XDG_RUNTIME_DIR="$dir/rt" WLR_BACKENDS=headless \
            WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
            "$bin" session --config "$dir/kiosk.json" --data-dir "$data" >"$dir/log" 2>&1 &
        local session=$!
        for _ in $(seq 150); do
            grep -q "first frame shown" "$dir/log" && break 2
            kill -0 "$session" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$session" 2>/dev/null && break # still starting after 15 s: judged by the caller
        echo "note: $1: the session ended before its first frame (try $attempt): $(grep -v 'output test' "$dir/log" | tail -2)"
    done
    socket=$(ls "$dir/rt" 2>/dev/null | grep -m1 -E '^wayland-[0-9]+$')
    sleep 1.5 # past the first item's fade
}
stop_session() {
    pkill -u "$user" -x cage
    for _ in $(seq 50); do pgrep -u "$user" -x cage >/dev/null || break; sleep 0.1; done
}
# grab NAME: the output as grim sees it.
grab() {
    as_user env XDG_RUNTIME_DIR="$dir/rt" WAYLAND_DISPLAY="$socket" grim "$dir/grabs/$1.png"
}
reference() { # reference NAME SIZE AT [screenshot options]: the program's own picture
    local name=$1 size=$2 at=$3
    shift 3
    "$bin" screenshot --data-dir "$data" --config "$dir/kiosk.json" --size "$size" --at "$at" \
        --out "$dir/grabs/$name.png" "$@" >/dev/null 2>&1
}
# grab_as_shown NAME SIZE [screenshot options]: grabs the output as NAME.png and checks that it is
# laid out as the program's own screenshot at that size and time (NAME-expected.png). The picture
# changes on whole seconds (the rotation and a card's pages turn on the wall clock, then fade in
# for 0.4 s), so the grab is compared with the screenshot of each second it spanned, and a grab
# that met a fade is taken once more.
grab_as_shown() {
    local name=$1 size=$2 attempt start end second
    shift 2
    for attempt in 1 2; do
        start=$(date -u +%s)
        grab "$name"
        end=$(date -u +%s)
        for second in $(seq "$start" "$end"); do
            reference "$name-expected" "$size" "$(date -u -d "@$second" +%Y-%m-%dT%H:%M:%SZ)" "$@"
            "$check" matches "$dir/grabs/$name.png" "$dir/grabs/$name-expected.png" >"$work/out" 2>&1 &&
                return 0
        done
        sleep 0.7
    done
    return 1
}
first_frame_case() { # first_frame_case NAME MODE ROTATION SIZE: the session's first frame, as logged
    if grep -q "$2 mode, first frame shown, generation [0-9a-f]*, ${4/x/×}, x11, present by framebuffer boxes" \
        "$dir/log"; then
        ok
        no_mesa_case "$1"
        return 0
    fi
    bad "$1: no first frame at $4 through Xwayland: $(grep -v 'output test' "$dir/log" | tail -5)"
    return 1
}

# The session draws on the CPU: no process of it (cage, Xwayland, the program) has Mesa's drivers
# or libLLVM mapped, which cost Xwayland and the program about 30 MiB each when they were loaded.
# On a machine with a GPU render node the session leaves cage and Xwayland their GL: then only the
# program is checked.
no_mesa_case() {
    local pid mapped="" processes
    processes=$(pgrep -u "$user")
    compgen -G "/dev/dri/renderD*" >/dev/null && processes=$(pgrep -u "$user" -x gongkai-kiosk)
    for pid in $processes; do
        grep -q -E 'libLLVM|_dri\.so' "/proc/$pid/maps" 2>/dev/null && mapped="$mapped $(cat "/proc/$pid/comm")"
    done
    [ -z "$mapped" ] && ok || bad "$1: Mesa is loaded by:$mapped"
}

# screen_case NAME MODE ROTATION SIZE
screen_case() {
    local name=$1 mode=$2 rotation=$3 size=$4
    start_session "$name" "$mode" "$rotation"
    first_frame_case "$@" || { stop_session; return; }
    grab_as_shown first "$size" $([ "$mode" = kiosk ] && echo --show attract) && ok ||
        bad "$name: laid out as the screenshot at $size: $(head -c 400 "$work/out")"
    expect "$name: fills the output" "$check" fills "$dir/grabs/first.png"
    sleep 2.2
    grab second
    expect "$name: the clock advances" "$check" changed "$dir/grabs/first.png" "$dir/grabs/second.png" 0.5 0 1 0.12
    [ "$mode" = kiosk ] && tap_case "$size"
    stop_session
}

# In kiosk mode: a tap starts the kiosk (home), a tap on the catalog tile opens the catalog.
tap_case() {
    local size=$1 app display tile
    app=$(pgrep -u "$user" -x gongkai-kiosk | head -n 1)
    display=$(tr '\0' '\n' <"/proc/$app/environ" | sed -n 's/^DISPLAY=//p')
    [ -n "$display" ] && ok || { bad "kiosk: no DISPLAY in the program's environment"; return; }
    as_user env DISPLAY="$display" xdotool mousemove $((${size%x*} / 2)) $((${size#*x} / 2)) click 1
    sleep 1
    grab_as_shown home "$size" --show home && ok || bad "kiosk: a tap opens home: $(head -c 400 "$work/out")"
    tile=$("$check" tile "$dir/grabs/home-expected.png") || { bad "kiosk: no catalog tile on home"; return; }
    as_user env DISPLAY="$display" xdotool mousemove ${tile% *} ${tile#* } click 1
    sleep 1
    grab_as_shown catalog "$size" --show catalog && ok ||
        bad "kiosk: the tile opens the catalog: $(head -c 400 "$work/out")"
}

for mode in display kiosk; do
    start_session "$mode-0" "$mode" 0
    first_frame_case "$mode-0" "$mode" 0 1280x720
    stop_session
    screen_case "$mode-180" "$mode" 180 1280x720
    screen_case "$mode-90" "$mode" 90 720x1280
done

# An invalid rotation on a screen that never had a good config: it runs unrotated, and the log
# says why.
data="$work/data-fresh"
start_session bad-rotation display 45
grep -q "rotation: must be 0, 90, 180 or 270" "$dir/log" && ok || bad "rotation 45 is not named in the log"
grep -q "first frame shown, generation [0-9a-f]*, 1280×720" "$dir/log" && ok ||
    bad "rotation 45: the screen is not running unrotated: $(tail -3 "$dir/log")"
stop_session

# A video item (issue 21) plays under cage as under Xvfb (video_test.sh): the clip's solid red, green
# and blue seconds, grabbed twice a second apart, show in the source's colours and move on.
video_case() {
    make_video_portal "$work/video-portal" || { bad "video: could not make the portal"; return; }
    "$bin" sync --once --portal "$work/video-portal" --data-dir "$work/video-data" >/dev/null 2>&1 ||
        { bad "video: the sync failed"; return; }
    chown -R "$user" "$work/video-data"
    local demo_data=$data
    data=$work/video-data
    start_session video display 180
    grab v1
    sleep 1.1
    grab v2
    expect "video: the picture moves on in the source's colours" "$check" video "$dir/grabs/v1.png" "$dir/grabs/v2.png"
    grep -q "stopped:" "$dir/log" && bad "video: the clip stopped: $(grep stopped: "$dir/log")" || ok
    stop_session
    data=$demo_data
}
video_case

# Under Xvfb: a window resized while running is laid out again for its new size.
xdir="$work/xvfb"
start_xvfb "$xdir" 1920x1200x24
DISPLAY=$display "$bin" run --windowed 1280x720 --data-dir "$data" >"$xdir/log" 2>&1 &
run_pid=$!
wait_for_line 15 "$xdir/log" "first frame shown"
window=$(DISPLAY=$display xdotool search --name "Gongkai Kiosk" | head -n 1)
# Sizes a compositor may hand out for a moment: the clock and ticker boxes then lie outside the
# window, and a copy there would be refused by the X server (BadValue), ending the program.
for size in "1 1" "5 900" "900 3"; do
    DISPLAY=$display xdotool windowsize "$window" $size
    sleep 1.2
done
kill -0 "$run_pid" 2>/dev/null && ok || bad "resize: the program died at a tiny size: $(tail -3 "$xdir/log")"
DISPLAY=$display xdotool windowmove "$window" 0 0 windowsize "$window" 700 1100 # all of it on the screen
sleep 1.5
eval "$(DISPLAY=$display xdotool getwindowgeometry --shell "$window")"
at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
"$check" xwd "$xdir/Xvfb_screen0" "$X" "$Y" "$WIDTH" "$HEIGHT" "$xdir/resized.png" >/dev/null
"$bin" screenshot --data-dir "$data" --size "${WIDTH}x${HEIGHT}" --at "$at" --out "$xdir/expected.png" >/dev/null 2>&1
grep -q "window is now 700×1100" "$xdir/log" && ok || bad "resize: not noticed: $(tail -3 "$xdir/log")"
expect "resize: laid out for 700×1100" "$check" matches "$xdir/resized.png" "$xdir/expected.png"

finish cage
