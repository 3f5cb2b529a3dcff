#!/usr/bin/env bash
# The gongkai-kiosk program from the outside: help and version, every kind of bad input gets one
# clear line on stderr and a non-zero exit (never a signal), a feed file that fails its hash
# leaves the previous content current, and the demo renders headless.
# Usage: cli_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
at=2026-11-27T10:00:00+08:00

# expect_ok NAME -- command...: the command succeeds; its stdout in $work/out, stderr in $work/err.
expect_ok() {
  local name=$1
  shift 2
  if "$@" >"$work/out" 2>"$work/err"; then ok; else bad "$name: exit $?: $(head -c 300 "$work/err")"; fi
}

is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }

# Help and version, for the program and every subcommand.
expect_ok "--help" -- "$bin" --help
grep -q "screenshot" "$work/out" && ok || bad "--help lists the commands"
expect_ok "--version" -- "$bin" --version
grep -q "^gongkai-kiosk [0-9]" "$work/out" && ok || bad "--version prints the version"
for cmd in run sync status screenshot demo; do
  expect_ok "$cmd --help" -- "$bin" "$cmd" --help
  grep -q "^Usage: gongkai-kiosk $cmd" "$work/out" && ok || bad "$cmd --help prints usage"
  expect_ok "$cmd --version" -- "$bin" "$cmd" --version
done

# Bad input: one line, exit 2 for usage errors, 1 for failures, never a signal.
expect_error "unknown command" 2 "unknown command" -- "$bin" frobnicate
expect_error "unknown option" 2 "unknown option --colour" -- "$bin" screenshot --colour red
expect_error "bad --size" 2 "--size" -- "$bin" screenshot --out "$work/x.png" --size 12x --data-dir "$data"
expect_error "huge --size" 2 "--size" -- "$bin" screenshot --out "$work/x.png" --size 99999x10 --data-dir "$data"
expect_error "bad --at" 2 "--at" -- "$bin" screenshot --out "$work/x.png" --at yesterday --data-dir "$data"
expect_error "unknown REF" 2 "unknown screen" -- "$bin" screenshot --out "$work/x.png" --show nowhere:1 --data-dir "$data"
expect_error "missing --out" 2 "--out" -- "$bin" screenshot --data-dir "$data"
expect_error "sync without --once" 2 "--once" -- "$bin" sync --data-dir "$data"
expect_error "uncreatable data dir" 1 "/proc/gongkai" -- "$bin" screenshot --out "$work/x.png" --portal "$src/assets/demo-portal" --data-dir /proc/gongkai/data --at "$at"
expect_error "missing portal" 1 "manifest" -- "$bin" sync --once --portal "$work/no-such-portal" --data-dir "$data"
printf '<fontconfig></fontconfig>\n' >"$work/fonts.conf"
expect_error "missing font" 1 "font" -- env FONTCONFIG_FILE="$work/fonts.conf" "$bin" screenshot --out "$work/x.png" --data-dir "$data" --at "$at"
printf '{"portal": 5}\n' >"$work/bad-config.json"
expect_error "bad config" 2 "bad-config.json: portal" -- "$bin" sync --once --config "$work/bad-config.json" --data-dir "$data"

# The bundled demo through the normal path: sync, screenshot in both orientations.
expect_ok "sync demo" -- "$bin" sync --once --portal "$src/assets/demo-portal" --data-dir "$data"
expect_ok "screenshot" -- "$bin" screenshot --out "$work/land.png" --data-dir "$data" --at "$at"
is_png "$work/land.png" && ok || bad "screenshot wrote a PNG"
expect_ok "screenshot portrait" -- "$bin" screenshot --out "$work/port.png" --size 1080x1920 --group hall-portrait --data-dir "$data" --at "$at"
is_png "$work/port.png" && ok || bad "portrait screenshot wrote a PNG"

# Kiosk screens: every kind renders by ref; unknown and skipped ids are errors, not empty pages.
for ref in home catalog catalog:0201 disclosure:hbx-2018-0003 guides guide:g-gljt-001 notices notice:n-2026-041 apply attract search search:高龄 search:gljt; do
    expect_ok "kiosk $ref" -- "$bin" screenshot --show "$ref" --out "$work/k.png" --size 1080x1920 --elder --data-dir "$data" --at "$at"
    is_png "$work/k.png" && ok || bad "kiosk $ref wrote a PNG"
    rm -f "$work/k.png"
done
# The staff panel's screens (previews without the PIN: for docs and staff training).
for screen in pin sync playlist urgent device; do
    expect_ok "staff:$screen" -- "$bin" screenshot --show "staff:$screen" --out "$work/k.png" --size 1080x1920 --data-dir "$data" --at "$at"
    is_png "$work/k.png" && ok || bad "staff:$screen wrote a PNG"
    rm -f "$work/k.png"
done
expect_error "unknown staff screen" 2 "staff:pin, staff:sync" -- "$bin" screenshot --show staff:secrets --out "$work/k.png" --data-dir "$data" --at "$at"
expect_ok "kiosk page scrolled to its end" -- "$bin" screenshot --show disclosure:hbx-2018-0003 --scroll end --out "$work/k.png" --data-dir "$data" --at "$at"
rm -f "$work/k.png"
expect_error "unknown disclosure" 1 "disclosure:no-such-item is not in the current publish" -- "$bin" screenshot --show disclosure:no-such-item --out "$work/k.png" --data-dir "$data" --at "$at"
expect_error "unknown category" 1 "no catalog category" -- "$bin" screenshot --show catalog:99 --out "$work/k.png" --data-dir "$data" --at "$at"
expect_error "item ref without id" 2 "unknown screen" -- "$bin" screenshot --show guide --out "$work/k.png" --data-dir "$data" --at "$at"
expect_error "kiosk screen in display mode" 2 "kiosk screen" -- "$bin" screenshot --show home --mode display --out "$work/k.png" --data-dir "$data" --at "$at"
expect_error "bad --scroll" 2 "--scroll" -- "$bin" screenshot --show home --scroll lots --out "$work/k.png" --data-dir "$data" --at "$at"
[ ! -e "$work/k.png" ] && ok || bad "a refused screenshot wrote no PNG"
skipped="$work/skipped-feed"
cp -r "$src/assets/demo-portal" "$skipped"
python3 - "$skipped/disclosures.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
items = doc["items"] if isinstance(doc, dict) else doc
victim = next(i for i in items if i["id"] != "hbx-2018-0003")
del victim["title"]
print(victim["id"], file=open(sys.argv[1] + ".victim", "w"))
json.dump(doc, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
PY
python3 "$src/assets/tools/feed-manifest.py" "$skipped" >/dev/null
expect_ok "sync with a skipped item" -- "$bin" sync --once --portal "$skipped" --data-dir "$work/skipped-data"
victim=$(cat "$skipped/disclosures.json.victim")
expect_error "skipped disclosure" 1 "disclosure:$victim was skipped by the sync" -- "$bin" screenshot --show "disclosure:$victim" --out "$work/k.png" --data-dir "$work/skipped-data" --at "$at"

# A feed file that fails its hash: the sync fails, the previous generation stays current and
# still renders.
feed="$work/feed"
cp -r "$src/assets/demo-portal" "$feed"
fdata="$work/feed-data"
expect_ok "sync copy" -- "$bin" sync --once --portal "$feed" --data-dir "$fdata"
before=$(cat "$fdata/store/current")
# A new publish whose notices.json is damaged after its hash went into the manifest.
sed -i 's/白沙镇/黑沙镇/' "$feed/notices.json"
python3 "$src/assets/tools/feed-manifest.py" "$feed" >/dev/null
sed -i 's/黑沙镇/灰沙镇/' "$feed/notices.json"
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d"+sys.argv[1]))' "$1"; }
"$bin" status --json --data-dir "$fdata" >"$work/status.json" && ok || bad "status --json"
[ "$(json_field '["generation"]' <"$work/status.json")" = "$before" ] && ok || bad "status names the current generation"
[ "$(json_field '["counts"]["notices"]' <"$work/status.json")" -gt 0 ] && ok || bad "status counts notices"
[ -z "$(json_field '["last_error"]' <"$work/status.json")" ] && ok || bad "status: no error after a good sync"
[ "$(json_field '["outbox"]["heartbeats_waiting"]' <"$work/status.json")/$(json_field '["outbox"]["status_url"]' <"$work/status.json")" = "0/" ] &&
  ok || bad "status shows the outbox: nothing waiting, no status_url in this feed"
expect_error "tampered notices.json" 1 "notices.json" -- "$bin" sync --once --portal "$feed" --data-dir "$fdata"
[ "$(cat "$fdata/store/current")" = "$before" ] && ok || bad "the previous generation stays current"
"$bin" status --json --data-dir "$fdata" >"$work/status.json" && ok || bad "status --json after a failed sync"
[ "$(json_field '["generation"]' <"$work/status.json")" = "$before" ] && ok || bad "status still names the previous generation"
json_field '["last_error"]' <"$work/status.json" | grep -q "notices.json" && ok || bad "status reports the last error"
"$bin" status --data-dir "$fdata" | grep -q "^Last error:   .*notices.json" && ok || bad "status for people shows the error"
# Without a portal in the config or on the command line, sync and run keep to the portal the store
# last synced from: the bundled demo never replaces a real publish (here: the same failure again).
"$bin" sync --once --data-dir "$fdata" >"$work/out" 2>&1
[ $? -eq 1 ] && grep -q "notices.json" "$work/out" && [ "$(cat "$fdata/store/current")" = "$before" ] && ok ||
  bad "sync without --portal used another portal than the store's: $(cat "$work/out")"
expect_ok "screenshot after failed sync" -- "$bin" screenshot --out "$work/after.png" --portal "$feed" --data-dir "$fdata" --at "$at"
[ -z "$(json_field '["store_damage"]' <"$work/status.json")" ] && ok || bad "status --json: no store damage"
# A damaged current generation and an unreadable records file, as status --json and people see them.
cp -a "$fdata" "$work/damaged"
gen=$(cat "$work/damaged/store/current")
printf 'damaged' >"$work/damaged/store/generations/$gen/notices.json"
printf 'not a database, not even close' >"$work/damaged/records.sqlite"
"$bin" status --json --data-dir "$work/damaged" >"$work/status.json" && ok || bad "status --json on damage"
json_field '["store_damage"]' <"$work/status.json" | grep -q "notices.json" && ok ||
  bad "status --json names the store damage: $(cat "$work/status.json")"
[ "$(json_field '["outbox"]["heartbeats_waiting"]' <"$work/status.json")" = "None" ] &&
  json_field '["outbox"]["error"]' <"$work/status.json" | grep -q "records.sqlite" && ok ||
  bad "status --json: an unreadable records file is no outbox of 0: $(json_field '["outbox"]' <"$work/status.json")"
"$bin" status --data-dir "$work/damaged" | grep -q "^Outbox:       unknown: the records file cannot be read" && ok ||
  bad "status for people: the outbox is unknown"
# Playlist problems: the demo's published playlist has only warnings (its dated items have
# passed); a local playlist staff left with a schedule that is no time adds its error, as
# status --json, the heartbeat and people see them.
"$bin" status --json --data-dir "$data" >"$work/status.json" && ok || bad "status --json on the demo"
! json_field '["playlist_problems"]' <"$work/status.json" | grep -q "playlists/hall-main.json:" && ok ||
  bad "status --json: a local playlist problem without a local playlist: $(cat "$work/status.json")"
mkdir -p "$data/playlists"
printf '{"items": [{"ref": "notice:gone"}, {"ref": "notice:n-2026-035", "schedule": {"times": ["8-12"]}}]}' \
  >"$data/playlists/hall-main.json"
"$bin" status --json --data-dir "$data" >"$work/status.json" && ok || bad "status --json with a bad local playlist"
json_field '["playlist_problems"]' <"$work/status.json" | grep -q "playlists/hall-main.json: items\[1\].schedule.times\[0\]" && ok ||
  bad "status --json names the playlist problem: $(json_field '["playlist_problems"]' <"$work/status.json")"
"$bin" status --data-dir "$data" >"$work/out"
grep -q "^Playlist:     hall-main: [0-9]* problems\?$" "$work/out" && grep -q "^  - .*playlists/hall-main.json: items\[1\]" "$work/out" &&
  ok || bad "status for people: the playlist problem: $(grep -A9 Playlist "$work/out")"
rm -r "$data/playlists"

# The demo command without a display renders PNGs and prints their paths.
expect_ok "demo headless" -- env -u DISPLAY -u WAYLAND_DISPLAY "$bin" demo --out "$work/demo" --data-dir "$work/demo-data" --at "$at"
[ "$(wc -l <"$work/out")" -ge 2 ] && ok || bad "demo printed the PNG paths"
while read -r png; do is_png "$png" && ok || bad "demo output $png is a PNG"; done <"$work/out"

finish
