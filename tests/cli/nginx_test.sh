#!/usr/bin/env bash
# Sync against a real web server: nginx (Debian's) on a free 127.0.0.1 port, serving the demo portal
# with the config the hosting guide ships (packaging/nginx/gongkai-feed.conf: ETags, gzip, cache
# headers). The first sync fetches the publish; a sync with nothing changed costs one conditional
# request answered 304 with no body; a one-notice change fetches only notices.json.
# Usage: nginx_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"

port=$(free_port)
conf=$(feed_server_conf "$port" "$work/www") || exit 1
start_nginx "$port" "$conf"

printf '{"portal": "http://127.0.0.1:%s/", "tls": {"allow_insecure_http": true}}\n' "$port" >"$work/kiosk.json"
sync() { "$bin" sync --once --config "$work/kiosk.json" --data-dir "$work/data"; }
log_lines() { wc -l <"$work/nginx/logs/access.log"; }

sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok || bad "first sync: $(cat "$work/err")"
grep -q '"GET /disclosures.json' "$work/nginx/logs/access.log" && ok || bad "first sync fetched the collections"

before=$(log_lines)
sync >"$work/out" 2>"$work/err" && grep -q "^already current" "$work/out" && ok || bad "no-change sync: $(cat "$work/out" "$work/err")"
new=$(tail -n +"$((before + 1))" "$work/nginx/logs/access.log")
[ "$(wc -l <<<"$new")" -eq 1 ] && ok || bad "no-change sync made more than one request: $new"
grep -q '"GET /manifest.json HTTP/1.1" 304 0 ' <<<"$new" && ok || bad "no-change sync was not a 304 without body: $new"

# One notice changes: a new publish whose only changed collection is notices.json. nginx's ETag is
# mtime (whole seconds) and size: a publish within the same second as the last one, with a manifest
# of the same size, would look unchanged to every client, so wait for the next second.
sleep 1.1
sed -i 's/白沙镇便民服务中心/白沙镇便民服务大厅/' "$work/www/notices.json"
python3 "$src/assets/tools/feed-manifest.py" "$work/www" >/dev/null
before=$(log_lines)
sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok || bad "change sync: $(cat "$work/err")"
new=$(tail -n +"$((before + 1))" "$work/nginx/logs/access.log")
grep -q '"GET /notices.json HTTP/1.1" 200 ' <<<"$new" && ok || bad "the changed notices.json was fetched: $new"
! grep -qE '"GET /(disclosures|guides|catalog).json' <<<"$new" && ok || bad "unchanged collections were fetched again: $new"
"$bin" status --json --data-dir "$work/data" | grep -q '"last_error":""' && ok || bad "status shows no error"

# The headers the hosting guide promises: the manifest revalidates, JSON is gzipped on request.
headers=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/manifest.json")
grep -qi '^Cache-Control: no-cache' <<<"$headers" && ok || bad "manifest.json is sent with no-cache: $headers"
grep -qi '^ETag: ' <<<"$headers" && ok || bad "manifest.json has an ETag: $headers"
headers=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/disclosures.json")
grep -qi '^Content-Encoding: gzip' <<<"$headers" && ok || bad "disclosures.json is gzipped: $headers"

finish
