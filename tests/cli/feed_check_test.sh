#!/usr/bin/env bash
# `gongkai-kiosk feed check DIR|URL`: the bundled demo portal is valid (exit 0), from a directory
# and over nginx (the packaged config); copies with one flaw each — a wrong sha256, a bad item, a
# bad playlist entry, a missing image and a missing collection, a bad signature, a same-second republish — exit 1 with
# the FILE: path: message line that names it; an unreadable directory or URL exits 2.
# Usage: feed_check_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"

at=2026-11-27T10:00:00+08:00 # the demo's notices and schedules are current then
check() { "$bin" feed check "$@" --at "$at"; }
manifest_tool=$src/assets/tools/feed-manifest.py

# copy NAME: a fresh copy of the demo portal at $work/NAME.
copy() {
    rm -rf "${work:?}/$1"
    cp -r "$src/assets/demo-portal" "$work/$1"
}

# problems NAME LINE... -- ARGS...: feed check ARGS exits 1 and prints each LINE (fixed strings).
problems() {
    local name=$1 lines=()
    shift
    while [ "$1" != "--" ]; do
        lines+=("$1")
        shift
    done
    shift
    check "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    [ "$rc" -eq 1 ] && ok || bad "$name: exit $rc (want 1): $(head -c 600 "$work/out" "$work/err")"
    local line
    for line in "${lines[@]}"; do
        grep -qF -- "$line" "$work/out" && ok || bad "$name: no line '$line' in: $(head -c 600 "$work/out")"
    done
}

check "$src/assets/demo-portal" >"$work/out" 2>"$work/err" && ok || bad "demo portal: $(cat "$work/out" "$work/err")"
grep -q "demo-portal: ok, 18 files checked, 1 warning$" "$work/out" && ok || bad "demo portal summary: $(cat "$work/out")"

copy sha
sed -i '0,/"sha256": "74b16f3d/s//"sha256": "00000000/' "$work/sha/manifest.json"
problems "wrong sha256" "notices.json: sha256 mismatch (expected 000000006c9b…, got 74b16f3d6c9b…)" -- "$work/sha"

copy item
python3 - "$work/item/disclosures.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["items"][3]["title"] = 5
doc["items"][5]["attachments"] = [{"name": "x", "href": "../etc/passwd", "sha256": "0" * 64, "bytes": 1, "type": "image/png"}]
json.dump(doc, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
python3 "$manifest_tool" "$work/item" >/dev/null 2>&1
problems "bad items" 'disclosures.json: items[3].title: is not a string (id "bsz-2026-0031"); a kiosk skips it' \
    'disclosures.json: items[5].attachments[0].href: "../etc/passwd"' -- "$work/item"

copy playlist
sed -i '0,/"08:00-12:00"/s//"8:00-12"/' "$work/playlist/playlists/hall-main.json"
python3 "$manifest_tool" "$work/playlist" >/dev/null
problems "bad playlist" 'playlists/hall-main.json: items[0].schedule.times[0]: ' -- "$work/playlist"

copy missing
# A missing image fails a kiosk's whole sync; a document with its own url is only offered by QR code.
rm "$work/missing/att/xxgk/bsz-2026-0004-zhichu-jiegou.png" "$work/missing/att/xxgk/bsz-2026-0004-yusuan-biao.xlsx"
problems "missing attachment" 'att/xxgk/bsz-2026-0004-zhichu-jiegou.png: ' \
    '(named by disclosure "bsz-2026-0004"; a kiosk refuses the whole publish)' -- "$work/missing"
grep -F 'att/xxgk/bsz-2026-0004-yusuan-biao.xlsx: ' "$work/out" | grep -q 'named by disclosure "bsz-2026-0004")$' &&
    ok || bad "a missing document with a url is named: $(cat "$work/out")"
rm "$work/missing/guides.json"
problems "missing collection" 'guides.json: ' -- "$work/missing"

# Unreadable: no manifest, a manifest that is not JSON, a URL nothing answers.
expect_error "no such directory" 2 "cannot read the feed" -- check "$work/nowhere"
copy broken
echo '{"format": ' >"$work/broken/manifest.json"
expect_error "manifest is not JSON" 2 "manifest.json: not valid JSON" -- check "$work/broken"

# Over nginx, with the packaged config; signed with a key from `feed keygen`.
"$bin" feed keygen --out "$work/feed.key" >"$work/pub" 2>/dev/null || fatal "keygen"
"$bin" feed keygen --out "$work/other.key" >"$work/other.pub" 2>/dev/null || fatal "keygen"
port=$(free_port)
conf=$(feed_server_conf "$port" "$work/www") || exit 1
start_nginx "$port" "$conf"
url=http://127.0.0.1:$port/
expect_error "http without --allow-http" 2 "http://" -- check "$url"
check "$url" --allow-http >"$work/out" 2>"$work/err" && ok || bad "demo over nginx: $(cat "$work/out" "$work/err")"
"$bin" feed sign "$work/www" --key "$work/feed.key" >/dev/null || fatal "feed sign"
check "$url" --allow-http --key "$(cat "$work/pub")" >"$work/out" 2>"$work/err" && ok ||
    bad "signed demo over nginx: $(cat "$work/out" "$work/err")"
# A device config instead: its tls.allow_insecure_http and feed_public_keys, as the kiosk has them.
printf '{"tls": {"allow_insecure_http": true}, "feed_public_keys": ["%s"]}\n' "$(cat "$work/other.pub")" >"$work/other.json"
problems "the config's key" 'manifest.json.sig: signed by key' -- "$url" --config "$work/other.json"
printf '{"tls": {"allow_insecure_http": true}, "feed_public_keys": ["%s"]}\n' "$(cat "$work/pub")" >"$work/kiosk.json"
check "$url" --config "$work/kiosk.json" >"$work/out" 2>&1 && ok || bad "with the config's key: $(cat "$work/out")"
problems "wrong key over nginx" 'manifest.json.sig: signed by key' -- "$url" --allow-http --key "$(cat "$work/other.pub")"
rm "$work/www/manifest.json.sig"
check "$url" --allow-http --key "$(cat "$work/pub")" >"$work/out" 2>&1
[ $? -eq 1 ] && grep -qF "manifest.json.sig: HTTP 404" "$work/out" && ok || bad "no signature over nginx: $(cat "$work/out")"
expect_error "a URL that is not there" 2 "HTTP 404" -- check "${url}nothing/" --allow-http

# The same-second rule: a changed manifest of the same size, modified within the same second as
# the previous publish's, would be answered 304 by nginx.
copy before
copy after
sed -i 's/"generated_at": "2026-11-27T08:00:00+08:00"/"generated_at": "2026-11-27T09:00:00+08:00"/' "$work/after/manifest.json"
touch -d @1800000000 "$work/before/manifest.json" "$work/after/manifest.json"
problems "same second" 'manifest.json: changed since the previous publish, but its size and modification second' \
    -- "$work/after" --previous "$work/before"
touch -d @1800000001 "$work/after/manifest.json"
check "$work/after" --previous "$work/before" >"$work/out" 2>&1 && ok || bad "a later second is fine: $(cat "$work/out")"

finish feed_check
