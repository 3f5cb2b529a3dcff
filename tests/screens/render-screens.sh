#!/usr/bin/env bash
# Renders every screen the program draws (information screen through the day, the kiosk's pages
# in normal and elder mode, the staff panel, the no-portal screen) with the program's own
# `screenshot`, landscape and portrait, at one fixed time, into OUT_DIR as NAME-WxH.png.
# A restructuring must not change a pixel: render before and after, then compare-screens.sh.
# Usage: render-screens.sh PATH/TO/gongkai-kiosk SOURCE_DIR OUT_DIR
set -eu
bin=$1
src=$2
out=$3
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data="$work/data"
"$bin" sync --once --portal "$src/assets/demo-portal" --data-dir "$data" >/dev/null 2>&1
printf '{"portal": ""}\n' >"$work/no-portal.json"

shot() { # shot NAME SIZE [screenshot options]
    local name=$1 size=$2
    shift 2
    "$bin" screenshot --data-dir "$data" --size "$size" --out "$out/$name-$size.png" "$@" >/dev/null 2>"$work/log" ||
        { echo "render-screens: $name at $size failed: $(tail -2 "$work/log")" >&2; exit 1; }
}

for size in 1920x1080 1080x1920; do
    for at in 2026-11-28T08:00:00+08:00 2026-11-28T10:00:07+08:00 2026-11-28T15:31:00+08:00 2026-11-28T21:00:00+08:00; do
        shot "display-${at:11:5}" "$size" --at "$at"
    done
    at=2026-11-28T10:00:00+08:00
    shot display-portrait-group "$size" --at "$at" --group hall-portrait
    for show in attract home catalog catalog:01 disclosure:bsz-2026-0033 guides guide:g-gljt-001 notices \
        notice:n-2026-041 apply; do
        shot "${show/:/_}" "$size" --at "$at" --show "$show"
        shot "${show/:/_}-elder" "$size" --at "$at" --show "$show" --elder
    done
    shot guide_g-gljt-001-end "$size" --at "$at" --show guide:g-gljt-001 --scroll end
    shot disclosure_bsz-2026-0033-400 "$size" --at "$at" --show disclosure:bsz-2026-0033 --scroll 400 --elder
    for show in staff:pin staff:sync staff:playlist staff:urgent staff:device; do
        shot "${show/:/_}" "$size" --at "$at" --show "$show"
    done
    "$bin" screenshot --config "$work/no-portal.json" --data-dir "$work/empty" --size "$size" \
        --out "$out/no-portal-$size.png" >/dev/null 2>&1 || { echo "render-screens: no-portal failed" >&2; exit 1; }
done
echo "render-screens: $(ls "$out" | wc -l) screens in $out"
