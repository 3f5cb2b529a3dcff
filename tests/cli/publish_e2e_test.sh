#!/usr/bin/env bash
# A county office's publish, end to end, through the real program and real parts: a 公开目录 sheet
# saved in GB18030 with a multi-line cell and a Word (.docx, made with pandoc) body, with the
# example's notices and guides; `feed build --sign`, `feed check`, served by nginx with the
# packaged config, `sync --once` on a kiosk that requires the signature, and a screenshot of the
# built disclosure whose QR code zbar decodes to the sheet's 手机链接. Then a tampered manifest, a
# manifest signed with the wrong key and one without its .sig are each refused, and the content
# on the kiosk stays what it was.
# Usage: publish_e2e_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
at=2026-11-27T08:00:00+08:00
link=https://m.qingxi.example.gov.cn/bsz/xxgk/bsz-e2e-0001

# The office's folder: the example's notices, guides, site and playlist, and its own sheet.
office=$work/office
cp -r "$src/assets/publish-example" "$office"
mkdir -p "$office/正文"
printf '# 白沙镇2026年冬季安全生产工作方案\n\n各村（居）委会：\n\n现将冬季安全生产工作安排如下。\n' >"$work/body.md"
pandoc -f markdown -t docx -o "$office/正文/冬季安全.docx" "$work/body.md" || fatal "pandoc cannot make a docx"
# The example's rows (its playlist names them) and one more, the whole sheet saved as GB18030.
{ sed '1s/^\xEF\xBB\xBF//' "$src/assets/publish-example/公开目录.csv"; printf '%s\r\n' \
  "bsz-e2e-0001,白沙镇2026年冬季安全生产工作方案,白政〔2026〕40号,青溪县白沙镇人民政府,2026/11/20,2026年11月21日,重点领域/安全生产,有效,安全生产;冬季,\"冬季安全生产，分三步：
排查、整治、巩固。\",正文/冬季安全.docx,,$link"; } | iconv -f UTF-8 -t GB18030 >"$office/公开目录.csv"

# Keys, build, check.
"$bin" feed keygen --out "$work/office.key" >"$work/office.pub" 2>/dev/null && ok || bad "feed keygen"
"$bin" feed keygen --out "$work/stranger.key" >/dev/null 2>&1
public_key=$(cat "$work/office.pub")
www=$work/feed
"$bin" feed build --from "$office" --out "$www" --sign "$work/office.key" --generated-at "$at" >"$work/out" 2>&1 &&
  ok || fatal "feed build: $(cat "$work/out")"
"$bin" feed check "$www" --key "$public_key" --at "$at" >"$work/out" 2>&1 && ok || bad "feed check of the build: $(cat "$work/out")"

# Served by nginx with the packaged config; checked over HTTP as a kiosk reads it; synced.
port=$(free_port)
conf=$(feed_server_conf "$port" "$www") || exit 1
start_nginx "$port" "$conf"
"$bin" feed check "http://127.0.0.1:$port/" --allow-http --key "$public_key" --at "$at" >"$work/out" 2>&1 && ok ||
  bad "feed check over nginx: $(cat "$work/out")"
printf '{"portal": "http://127.0.0.1:%s/", "tls": {"allow_insecure_http": true}, "feed_public_keys": ["%s"]}\n' \
  "$port" "$public_key" >"$work/kiosk.json"
sync() { "$bin" sync --once --config "$work/kiosk.json" --data-dir "$data"; }
generation() { "$bin" status --json --data-dir "$data" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])'; }
sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok || fatal "sync: $(cat "$work/err")"
good=$(generation)

# The disclosure as the kiosk shows it: its QR code decodes (zbar) to the sheet's 手机链接, and the
# multi-line summary and the Word body are on the page.
"$bin" screenshot --data-dir "$data" --config "$work/kiosk.json" --at "$at" --size 1920x1080 \
  --show disclosure:bsz-e2e-0001 --out "$work/item.png" --layout "$work/item.json" >"$work/out" 2>&1 &&
  ok || bad "screenshot: $(cat "$work/out")"
zbarimg --quiet --raw "$work/item.png" 2>/dev/null | grep -qxF "$link" && ok ||
  bad "no QR code on the page decodes to $link: $(zbarimg --quiet --raw "$work/item.png" 2>&1)"
grep -q '排查、整治、巩固' "$work/item.json" && ok || bad "the sheet's second summary line is not on the page"
"$bin" screenshot --data-dir "$data" --config "$work/kiosk.json" --at "$at" --size 1920x1080 --scroll end \
  --show disclosure:bsz-e2e-0001 --out "$work/item-end.png" --layout "$work/item-end.json" >/dev/null 2>&1
grep -q '现将冬季安全生产工作安排如下' "$work/item-end.json" && ok || bad "the Word body is not on the page"

# Refused, and the kiosk keeps what it has: each a new publish on the server (a second later, so
# nginx's validators change).
republish() { # republish: a fresh signed build into $www
  sleep 1.1
  "$bin" feed build --from "$office" --out "$www" --sign "${1:-$work/office.key}" \
    --generated-at "2026-11-27T09:0${2:-0}:00+08:00" >"$work/out" 2>&1 || bad "rebuild: $(cat "$work/out")"
}
refused() { # refused WHAT: the sync fails, says why, and the generation on the kiosk is unchanged
  sync >"$work/out" 2>"$work/err"
  [ $? -ne 0 ] && grep -qi "signature\|\.sig" "$work/err" && ok || bad "$1 was not refused: $(cat "$work/out" "$work/err")"
  [ "$(generation)" = "$good" ] && ok || bad "$1: the kiosk's content changed"
}
republish "" 1
/usr/bin/python3 - "$www/manifest.json" <<'EOF'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
at = data.index(b"09:01:00")
data[at + 7] = ord("7")  # one byte: 09:01:07, still valid JSON, still the same size
open(path, "wb").write(bytes(data))
EOF
refused "a manifest with one byte changed"
republish "$work/stranger.key" 2
refused "a manifest signed with another key"
republish "" 3
rm "$www/manifest.json.sig"
refused "a manifest without its .sig"
# The office's own signature again: accepted.
republish "" 4
sync >"$work/out" 2>"$work/err" && grep -q "^updated to generation" "$work/out" && ok || bad "a good publish after the refusals: $(cat "$work/err")"
finish
