#!/usr/bin/env bash
# PDF attachments as a resident reads them, through the real program: the demo portal's budget
# table (a real two-page Chinese PDF) is downloaded by the sync and shown page by page by
# `screenshot --show attachment:ITEM:N [--page P]` in both orientations and in elder mode, its
# layout record checked against its pixels; the item's page offers it; a feed whose PDF is not a
# PDF (right hash, wrong content) shows the card that sends the resident to the QR code, exit 0;
# bad refs and pages are usage errors with one line; no renderer process is left behind.
# Usage: attachment_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
at=2026-11-28T10:00:00+08:00
item=bsz-2026-0004
pdf=att/xxgk/bsz-2026-0004-yusuan-biao.pdf

sync_demo || fatal "demo sync: $(cat "$work/err")"
[ -n "$(find "$data" -name "$(sha256sum "$src/assets/demo-portal/$pdf" | cut -c1-64)")" ] && ok ||
    bad "the sync did not keep the PDF"

says() { grep -q -- "\"text\":\"$2\"" "$work/$1.json"; } # says NAME TEXT: a line of the layout record
starts() { grep -q -- "\"text\":\"$2" "$work/$1.json"; } # starts NAME TEXT: a line that begins so

# The item's page, screen by screen, offers the PDF for reading somewhere before its end.
offered=no
for scroll in 0 800 1600 2400 3200 4000 4800; do
    "$bin" screenshot --data-dir "$data" --at "$at" --show "disclosure:$item" --scroll "$scroll" --out "$work/item.png" \
        --layout "$work/item.json" >/dev/null 2>&1 || break
    says item "附件（在本机阅读）" && grep -q '"label":"白沙镇2026年一般公共预算支出表.pdf' "$work/item.json" && offered=yes && break
done
[ $offered = yes ] && ok || bad "the item page does not offer the PDF for reading"

for size in 1920x1080 1080x1920; do
    layout_shot "kiosk-page1-$size" "$size" --show "attachment:$item:2"
    starts "kiosk-page1-$size" "第 1 页，共 2 页" && ok || bad "page 1 at $size: no 第 1 页，共 2 页"
    # The page itself: the table's ink below the pager (the rest of the screen is the program's).
    "$check" ink "$work/kiosk-page1-$size.png" 0.05 0.5 0.6 0.7 >"$work/check" 2>&1 && ok ||
        bad "page 1 at $size: the rendered page is not there: $(cat "$work/check")"
done
layout_shot kiosk-page2 1920x1080 --show "attachment:$item:2" --page 2
starts kiosk-page2 "第 2 页，共 2 页" && ok || bad "page 2: no 第 2 页，共 2 页"
grep -q '"label":"‹ 上一页"' "$work/kiosk-page2.json" && ! grep -q '"label":"下一页 ›"' "$work/kiosk-page2.json" && ok ||
    bad "the last page turns back only"
layout_shot kiosk-elder 1080x1920 --show "attachment:$item:2" --elder
says kiosk-elder "第 1 页，共 2 页" && ok || bad "elder mode: no page counter"
# Elder mode starts zoomed in, and says how to see the rest of the page.
grep -Eq '"text":"缩放 (1[5-9]|2[0-9])[0-9]%，可左右拖动' "$work/kiosk-elder.json" && ok || bad "elder mode: not zoomed in"
grep -q '"label":"缩小"' "$work/kiosk-elder.json" && ok || bad "elder mode: no 缩小"
# A page past the end says how many there are; the picture attachment opens full width with 放大.
layout_shot kiosk-past 1920x1080 --show "attachment:$item:2" --page 9
says kiosk-past "此文件共 2 页，没有第 9 页" && grep -q '"label":"回到第 1 页"' "$work/kiosk-past.json" && ok ||
    bad "page 9 of 2: not said"
layout_shot kiosk-picture 1080x1920 --show "attachment:$item:1:1@150"
starts kiosk-picture "缩放 150%" && grep -q '"label":"放大"' "$work/kiosk-picture.json" && ok ||
    bad "the picture attachment: no zoom"
"$check" ink "$work/kiosk-picture.png" 0.05 0.3 0.6 0.5 >"$work/check" 2>&1 && ok ||
    bad "the picture attachment is not drawn: $(cat "$work/check")"

expect_error "page 0" 2 "a page number from 1" -- "$bin" screenshot --data-dir "$data" --show "attachment:$item:2" \
    --page 0 --out "$work/x.png"
expect_error "--page without an attachment" 2 "a page number from 1" -- "$bin" screenshot --data-dir "$data" \
    --show home --page 2 --out "$work/x.png"
expect_error "the spreadsheet" 1 "QR code only" -- "$bin" screenshot --data-dir "$data" \
    --show "attachment:$item:3" --out "$work/x.png"
expect_error "no such attachment" 1 "has no attachment 9" -- "$bin" screenshot --data-dir "$data" \
    --show "attachment:$item:9" --out "$work/x.png"

# A publish whose PDF is not one: the sync takes it (its hash is right), the kiosk cannot show it.
cp -r "$src/assets/demo-portal" "$work/portal"
printf '这不是PDF文件。\n%.0s' $(seq 200) >"$work/portal/$pdf"
/usr/bin/python3 "$src/assets/tools/feed-manifest.py" "$work/portal" >/dev/null || fatal "feed-manifest"
"$bin" sync --once --portal "$work/portal" --data-dir "$work/broken" >/dev/null 2>"$work/err" || fatal "sync: $(cat "$work/err")"
if "$bin" screenshot --data-dir "$work/broken" --at "$at" --show "attachment:$item:2" --out "$work/broken.png" \
    --layout "$work/broken.json" >"$work/log" 2>&1; then ok; else bad "broken PDF: $(tail -2 "$work/log")"; fi
says broken "此文件无法在本机显示，请扫码在手机上查看" && ok || bad "broken PDF: no card sending the resident to the QR code"
grep -q "https://m.qingxi.example.gov.cn/bsz/$pdf" "$work/broken.json" && ok || bad "broken PDF: no QR code of the file"
grep -q "cannot be shown: not a PDF" "$work/log" && ok || bad "broken PDF: the log does not say why: $(cat "$work/log")"

pgrep -f gongkai-pdf-page >/dev/null && bad "a renderer process was left behind" || ok
finish "attachments"
