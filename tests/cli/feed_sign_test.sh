#!/usr/bin/env bash
# Signed manifests through the real program: `feed keygen`, `feed sign`, then `sync --once` of a
# device whose config lists feed_public_keys, over nginx (the packaged config) and from a
# directory. A valid signature is taken; a tampered manifest, a signature by another key and a
# missing signature are each refused with the reason on stderr and in `status`, and the last good
# generation stays. A signature made with the openssl command line is accepted too (the .sig
# format is what docs/portal-feed.md says, not just what our signer writes).
# Usage: feed_sign_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"

# keygen: the public key on stdout, the private key 0600, never overwritten.
"$bin" feed keygen --out "$work/feed.key" >"$work/pub" 2>"$work/err" && ok || bad "keygen: $(cat "$work/err")"
pub=$(cat "$work/pub")
grep -qE '^ed25519:[A-Za-z0-9+/]{43}=$' "$work/pub" && ok || bad "keygen printed a key: $pub"
[ "$(stat -c %a "$work/feed.key")" = 600 ] && ok || bad "the private key is mode 0600"
cp "$work/feed.key" "$work/feed.key.before"
expect_error "keygen refuses to overwrite" 2 "already exists" -- "$bin" feed keygen --out "$work/feed.key"
cmp -s "$work/feed.key" "$work/feed.key.before" && ok || bad "the existing key was left alone"
"$bin" feed keygen --out "$work/other.key" >"$work/other.pub" 2>/dev/null && ok || bad "second keygen"

port=$(free_port)
conf=$(feed_server_conf "$port" "$work/www") || exit 1
start_nginx "$port" "$conf"
expect "feed sign" "$bin" feed sign "$work/www" --key "$work/feed.key"
grep -q '"format":"gongkai-feed-sig/1"' "$work/www/manifest.json.sig" && ok || bad "manifest.json.sig written"

printf '{"portal": "http://127.0.0.1:%s/", "tls": {"allow_insecure_http": true}, "feed_public_keys": ["%s"]}\n' \
    "$port" "$pub" >"$work/kiosk.json"
expect "config check takes the key" "$bin" config check "$work/kiosk.json"
sync() { "$bin" sync --once --config "$work/kiosk.json" --data-dir "$data" "$@"; }
generation() { "$bin" status --json --data-dir "$data" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])'; }
last_error() { "$bin" status --json --data-dir "$data" | python3 -c 'import json,sys; print(json.load(sys.stdin)["last_error"])'; }

sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok || bad "signed publish: $(cat "$work/err")"
good=$(generation)
[ -n "$good" ] && ok || bad "a generation after the signed publish"

# Each new publish gets its own modification second, so that nginx's ETag changes (the same-second
# rule) without the test sleeping.
stamp=$(($(date +%s) + 10))
republish() {
    stamp=$((stamp + 1))
    touch -d "@$stamp" "$work/www/manifest.json"
}
# refused NAME PATTERN: sync fails with one line matching PATTERN, status says it, content kept.
refused() {
    expect_error "$1: sync refused" 1 "$2" -- sync
    grep -q "the current publish stays" "$work/err" && ok || bad "$1: says the publish stays: $(cat "$work/err")"
    [ "$(generation)" = "$good" ] && ok || bad "$1: the last good generation $good stays, not $(generation)"
    last_error | grep -q -- "$2" && ok || bad "$1: status shows the error: $(last_error)"
}

# One byte of the manifest changed after signing (the files it names are untouched).
sed -i 's/"generated_at": "2026-11-27T08:00:00+08:00"/"generated_at": "2026-11-27T09:00:00+08:00"/' "$work/www/manifest.json"
republish
refused "tampered manifest" "signature mismatch"

"$bin" feed sign "$work/www" --key "$work/other.key" >/dev/null
republish
refused "signed by another key" "not among the device's feed_public_keys"

rm "$work/www/manifest.json.sig"
republish
refused "no signature" "manifest.json.sig: HTTP 404"

"$bin" feed sign "$work/www" --key "$work/feed.key" >/dev/null
republish
sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok || bad "re-signed publish: $(cat "$work/err")"
[ "$(generation)" != "$good" ] && ok || bad "the re-signed publish is the new generation"
[ -z "$(last_error)" ] && ok || bad "status has no error after the good publish: $(last_error)"

# The directory transport (a USB stick or a mounted share): the same check.
data=$work/data-dir
cp -r "$src/assets/demo-portal" "$work/usb"
"$bin" feed sign "$work/usb" --key "$work/other.key" >/dev/null
printf '{"feed_public_keys": ["%s"]}\n' "$pub" >"$work/usb-kiosk.json"
usb_sync() { "$bin" sync --once --config "$work/usb-kiosk.json" --portal "$work/usb" --data-dir "$data"; }
expect_error "directory, wrong key: refused" 1 "not among the device's feed_public_keys" -- usb_sync
grep -q "the store holds no publish yet" "$work/err" && ok || bad "directory: says nothing is shown yet: $(cat "$work/err")"
[ -z "$(generation)" ] && ok || bad "directory: nothing committed"

# A signature made by the openssl command line, in the documented format.
key_id=$(openssl pkey -in "$work/feed.key" -pubout -outform DER | tail -c 32 | sha256sum | cut -c1-16)
signature=$(openssl pkeyutl -sign -inkey "$work/feed.key" -rawin -in "$work/usb/manifest.json" | base64 -w0)
printf '{"format": "gongkai-feed-sig/1", "algorithm": "ed25519", "key_id": "%s", "signature": "%s"}\n' \
    "$key_id" "$signature" >"$work/usb/manifest.json.sig"
usb_sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok ||
    bad "directory, openssl-made signature: $(cat "$work/err")"

# Without keys in the config, an unsigned directory is taken as always.
rm "$work/usb/manifest.json.sig"
expect "no keys: unsigned is taken" "$bin" sync --once --portal "$work/usb" --data-dir "$work/data-nokeys"

# A malformed key: config check names it, and the device takes nothing unsigned.
printf '{"feed_public_keys": ["ed25519:not-a-key"]}\n' >"$work/bad-kiosk.json"
"$bin" config check "$work/bad-kiosk.json" >"$work/out" 2>&1
rc=$?
[ "$rc" -eq 1 ] && grep -q 'bad-kiosk.json: feed_public_keys\[0\]: is not a feed public key' "$work/out" && ok ||
    bad "config check of a bad key: exit $rc: $(cat "$work/out")"
LANG=zh_CN.UTF-8 "$bin" config check "$work/bad-kiosk.json" >"$work/out" 2>&1
grep -q 'feed_public_keys\[0\]: 不是' "$work/out" && ok || bad "config check in Chinese: $(cat "$work/out")"

finish feed_sign
