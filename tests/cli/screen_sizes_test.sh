#!/usr/bin/env bash
# Any output, from the first frame: the program's own screenshots (the same drawing code as the
# running screen) of the information screen and the kiosk's home, in both modes, at the sizes
# halls buy (720p and 1366×768 TVs, 1080p, 4K, portrait 立式 kiosks) and at odd ones. Each fills
# its output, and the layout scales with it: a 4K screen is the 1080p screen twice as big, not a
# small picture in a corner, and 1366×768 is the 1080p screen made smaller, nothing cut off.
# Usage: screen_sizes_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
sync_demo || fatal "demo sync"
at=2026-11-28T10:00:00+08:00

shot() { # shot NAME SIZE [options]: exits 0, and the picture fills the output
    local name=$1 size=$2
    shift 2
    if ! "$bin" screenshot --data-dir "$data" --at "$at" --size "$size" --out "$work/$name-$size.png" "$@" \
        >"$work/log" 2>&1; then
        bad "$name at $size: $(tail -2 "$work/log")"
        return
    fi
    ok
    local out
    out=$("$check" fills "$work/$name-$size.png") && ok || bad "$name at $size: $out"
}
scales() { # scales NAME BIG SMALL
    local out
    out=$("$check" scales "$work/$1-$2.png" "$work/$1-$3.png") && ok || bad "$1: $2 is not $3 scaled: $out"
}

for size in 1280x720 1366x768 1920x1080 3840x2160 720x1280 1080x1920 2560x1080 1024x1280; do
    shot display "$size"
    shot home "$size" --show home
    shot elder "$size" --show home --elder
done
for big_small in 3840x2160:1920x1080 1920x1080:1366x768 1920x1080:1280x720 1080x1920:720x1280; do
    for name in display home elder; do scales "$name" "${big_small%:*}" "${big_small#*:}"; done
done
# Sizes no hall buys, which a compositor may still hand out for a moment: no crash, a picture.
for size in 64x64 8192x64 64x8192 333x2000; do
    for show in display home; do
        "$bin" screenshot --data-dir "$data" --at "$at" --size "$size" --show "$show" --out "$work/odd.png" \
            >"$work/log" 2>&1 && [ -s "$work/odd.png" ] && ok || bad "$show at $size: $(tail -2 "$work/log")"
    done
done

finish "screen sizes"
