#!/usr/bin/env bash
# Sync over https from a real nginx (Debian's) with a certificate signed by a test CA made here by
# openssl: the CA file from the config is trusted, the system store alone is not; a matching
# public-key pin passes and a wrong one fails; IPv4 and IPv6 loopback both work. Every failure
# leaves the last good generation current and says why in one line.
# Usage: tls_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"

# A CA and a server certificate for 127.0.0.1, ::1 and localhost.
make_pki

have_ipv6=0
python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null && have_ipv6=1
port=$(free_port)
listen_v6=""
[ "$have_ipv6" -eq 1 ] && listen_v6="listen [::1]:$port ssl;"
start_nginx "$port" "  server {
    listen 127.0.0.1:$port ssl;
    $listen_v6
    ssl_certificate $pki/server.pem;
    ssl_certificate_key $pki/server.key;
    root $work/www;
  }"

# sync_with URL TLS_JSON DATA_DIR: one sync with a config naming the portal and the tls object.
sync_with() {
    printf '{"portal": "%s", "tls": %s}\n' "$1" "$2" >"$work/kiosk.json"
    "$bin" sync --once --config "$work/kiosk.json" --data-dir "$3" >"$work/out" 2>"$work/err"
}
generation() { "$bin" status --json --data-dir "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])'; }

v4="https://127.0.0.1:$port/"
sync_with "$v4" "{\"ca_file\": \"$pki/ca.pem\"}" "$data" && ok || bad "https with the CA file: $(cat "$work/err")"
good=$(generation "$data")
[ -n "$good" ] && ok || bad "a generation is current after the https sync"

# A new publish the kiosk must not take through an untrusted or wrongly pinned connection.
sleep 1.1
sed -i 's/白沙镇便民服务中心/白沙镇便民服务大厅/' "$work/www/notices.json"
python3 "$src/assets/tools/feed-manifest.py" "$work/www" >/dev/null

! sync_with "$v4" '{}' "$data" && ok || bad "the system store alone must not trust the test CA"
grep -qi "certificate" "$work/err" && ok || bad "untrusted certificate error names the certificate: $(cat "$work/err")"
[ "$(wc -l <"$work/err")" -eq 1 ] && ok || bad "one line on stderr: $(cat "$work/err")"
[ "$(generation "$data")" = "$good" ] && ok || bad "untrusted server left the last good generation current"

! sync_with "$v4" "{\"ca_file\": \"$pki/ca.pem\", \"pinned_pubkey\": \"$wrong_pin\"}" "$data" && ok ||
    bad "a wrong public-key pin must fail"
grep -qi "pinned public key" "$work/err" && ok || bad "pin error names the pin: $(cat "$work/err")"
[ "$(generation "$data")" = "$good" ] && ok || bad "wrong pin left the last good generation current"
"$bin" status --json --data-dir "$data" | grep -qi '"last_error":"[^"]*pinned public key' && ok ||
    bad "status shows the pin error as last_error"

sync_with "$v4" "{\"ca_file\": \"$pki/ca.pem\", \"pinned_pubkey\": \"$pin\"}" "$data" && ok ||
    bad "the right pin passes: $(cat "$work/err")"
[ "$(generation "$data")" != "$good" ] && ok || bad "the new publish became current through the pinned connection"

! sync_with "$v4" "{\"ca_file\": \"$work/missing.pem\"}" "$work/data-missing-ca" && ok ||
    bad "a CA file that does not exist must fail"

if [ "$have_ipv6" -eq 1 ]; then
    sync_with "https://[::1]:$port/" "{\"ca_file\": \"$pki/ca.pem\"}" "$work/data6" && ok ||
        bad "https over IPv6: $(cat "$work/err")"
    grep -q '^::1 ' "$work/nginx/logs/access.log" && ok || bad "nginx saw a request from ::1"
else
    echo "WARNING: no IPv6 loopback on this machine; the IPv6 case was not run"
fi

finish
