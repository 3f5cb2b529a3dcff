#!/usr/bin/env bash
# `gongkai-kiosk feed build` from the outside, on the files an office really produces: the example
# folder builds cleanly and `sync --once` accepts it; two builds are byte-identical; a GB18030 sheet
# with a multi-line cell (made here with iconv), a .docx body (made here with pandoc from Markdown);
# and the bad inputs of issue 19, each reported as FILE:ROW:列名: message with nothing written and
# the earlier publish left whole.
# Usage: feed_build_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
example=$src/assets/publish-example
at=2026-11-27T08:00:00+08:00
header='索引号,标题,文号,发布机构,成文日期,发布日期,分类,有效性,主题词,摘要,正文,附件,手机链接'

# office NAME: a fresh input folder $work/NAME with a one-row good sheet (callers overwrite it).
office() {
  mkdir -p "$work/$1"
  printf '%s\n%s\n' "$header" 'A-1,好的标题,,白沙镇,,2026-11-20,其他,,,,,,' >"$work/$1/公开目录.csv"
}

# expect_fail NAME LINE...: the last build exited 1, printed each LINE exactly, and said nothing
# was written.
expect_fail() {
  local name=$1 line
  shift
  [ "$rc" -eq 1 ] || bad "$name: exit $rc (want 1): $(cat "$work/out")"
  for line in "$@"; do
    grep -qxF -- "$line" "$work/out" && ok || bad "$name: no line \"$line\" in: $(cat "$work/out")"
  done
  grep -q "nothing was written" "$work/out" && ok || bad "$name: does not say nothing was written"
}

fb() { "$bin" feed build --generated-at "$at" "$@" >"$work/out" 2>&1; rc=$?; }

"$bin" feed --help | grep -q -- "--keep-going" && ok || bad "feed --help lists --keep-going"

# The example office folder: clean, and the kiosk syncs it.
fb --from "$example" --out "$work/pub"
[ "$rc" -eq 0 ] && ok || bad "example build: exit $rc: $(cat "$work/out")"
grep -q "3 disclosures, 2 notices, 2 guides, 2 attachments, 1 playlists (0 warnings)" "$work/out" && ok ||
  bad "example summary: $(cat "$work/out")"
"$bin" sync --once --portal "$work/pub" --data-dir "$data" >"$work/sync.out" 2>&1 && ok ||
  bad "sync --once of the built example: $(cat "$work/sync.out")"
grep -qi "skipped" "$work/sync.out" && bad "sync skipped something: $(cat "$work/sync.out")" || ok

# Determinism: a second build into another folder is byte-identical.
fb --from "$example" --out "$work/pub2"
diff -r "$work/pub" "$work/pub2" >/dev/null && ok || bad "two builds differ: $(diff -r "$work/pub" "$work/pub2" | head -5)"
# Without --generated-at only the manifest may differ (the playlist is left out: checked as of
# now, its notices would one day have expired).
cp -a "$example" "$work/ex"
rm -r "$work/ex/playlists"
fb --from "$work/ex" --out "$work/pub3"
"$bin" feed build --from "$work/ex" --out "$work/pub4" >"$work/out" 2>&1 || bad "build without --generated-at: $(cat "$work/out")"
[ -f "$work/pub4/manifest.json" ] && [ "$(diff -rq "$work/pub3" "$work/pub4")" = "Files $work/pub3/manifest.json and $work/pub4/manifest.json differ" ] &&
  ok || bad "without --generated-at more than the manifest differs: $(diff -rq "$work/pub3" "$work/pub4")"

# A bad date: the exact line, exit 1, and the earlier publish untouched.
cp -a "$work/pub" "$work/pub-before"
office bad
printf '%s\n%s\n%s\n' "$header" 'A-1,好的标题,,白沙镇,,2026-11-20,其他,,,,,,' 'A-2,第二条,,白沙镇,,2026-13-01,其他,,,,,,' \
  >"$work/bad/公开目录.csv"
fb --from "$work/bad" --out "$work/pub"
expect_fail "bad date" '公开目录.csv:3:发布日期: "2026-13-01" is not a date'
diff -r "$work/pub" "$work/pub-before" >/dev/null && ok || bad "a failing build changed the earlier publish"
[ "$(find "$work" -maxdepth 1 -name 'pub.*' | wc -l)" -eq 0 ] && ok || bad "a staged folder was left beside OUT"
# The message is the staff's language.
LANG=zh_CN.UTF-8 "$bin" feed build --generated-at "$at" --from "$work/bad" --out "$work/pub" >"$work/out" 2>&1
grep -q '^公开目录.csv:3:发布日期: “2026-13-01”不是日期$' "$work/out" && ok || bad "Chinese message: $(cat "$work/out")"
# --keep-going leaves the row out and says so.
fb --from "$work/bad" --out "$work/pub" --keep-going
[ "$rc" -eq 0 ] && grep -q -- "--keep-going: 1 row with errors was left out" "$work/out" && ok ||
  bad "--keep-going: exit $rc: $(cat "$work/out")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [i["id"] for i in d["items"]]==["A-1"] else 1)' \
  "$work/pub/disclosures.json" && ok || bad "--keep-going published other than the good row"

# Header: a missing column is an error, an unknown one a warning.
office cols
printf '%s\n%s\n' '索引号,发布机构,发布日期,分类,颜色' 'A-1,白沙镇,2026-11-20,其他,红' >"$work/cols/公开目录.csv"
fb --from "$work/cols" --out "$work/o-cols"
expect_fail "missing column" '公开目录.csv:1:标题: required column is missing' '公开目录.csv:1:颜色: unknown column, ignored'

# Duplicate 索引号, an empty title, a 正文 that is missing, leaves the folder, is absolute or a link out.
office rows
mkdir -p "$work/rows/正文"
echo secret >"$work/secret.txt"
ln -s "$work/secret.txt" "$work/rows/正文/link.txt"
{
  echo "$header"
  echo 'A-1,一,,镇,,2026-11-20,其他,,,,,,'
  echo 'A-1,二,,镇,,2026-11-20,其他,,,,,,'
  echo 'A-3,,,镇,,2026/11/20,其他,,,,,,'
  echo 'A-4,四,,镇,,2026-11-20,其他,,,,正文/无此文件.txt,,'
  echo 'A-5,五,,镇,,2026-11-20,其他,,,,../secret.txt,,'
  echo 'A-6,六,,镇,,2026-11-20,其他,,,,/etc/passwd,,'
  echo 'A-7,七,,镇,,2026-11-20,其他,,,,正文/link.txt,,'
} >"$work/rows/公开目录.csv"
fb --from "$work/rows" --out "$work/o-rows"
expect_fail "bad rows" \
  '公开目录.csv:3:索引号: duplicate "A-1" (first on row 2)' \
  '公开目录.csv:4:标题: is empty' \
  '公开目录.csv:5:正文: "正文/无此文件.txt": no such file' \
  '公开目录.csv:6:正文: "../secret.txt" leaves the folder (..)' \
  '公开目录.csv:7:正文: "/etc/passwd" is an absolute path; give it relative to the sheet' \
  '公开目录.csv:8:正文: "正文/link.txt" points outside the folder being published (a symbolic link?)'
[ -e "$work/o-rows" ] && bad "a failing build wrote OUT" || ok

# A 200 MB attachment (sparse) is refused naming the kiosk's limit.
office big
truncate -s 200M "$work/big/大文件.pdf"
printf '%s\n%s\n' "$header" 'A-1,标题,,镇,,2026-11-20,其他,,,,,大文件.pdf,' >"$work/big/公开目录.csv"
fb --from "$work/big" --out "$work/o-big"
expect_fail "200 MB attachment" \
  '公开目录.csv:2:附件: "大文件.pdf" is 200.0 MiB, more than the kiosk'"'"'s attachment limit of 50.0 MiB'

# GB18030 (what WPS saves on Chinese Windows) with a multi-line cell, and a .docx body from pandoc.
office gb
mkdir -p "$work/gb/正文"
printf '# 标题\n\n白沙镇政务公开正文，来自 Word 文档。\n' >"$work/gb/正文/正文.md"
pandoc -f markdown -t docx -o "$work/gb/正文/正文.docx" "$work/gb/正文/正文.md" || fatal "pandoc cannot make a docx"
printf '%s\r\n%s\r\n' "$header" 'A-1,白沙镇通知,,镇,,2026年11月20日,其他,,,"第一行，有逗号
第二行",正文/正文.docx,,' | iconv -f UTF-8 -t GB18030 >"$work/gb/公开目录.csv"
fb --from "$work/gb" --out "$work/o-gb"
[ "$rc" -eq 0 ] && ok || bad "GB18030 + docx: exit $rc: $(cat "$work/out")"
python3 - "$work/o-gb/disclosures.json" <<'PY' && ok || bad "GB18030 + docx content: $(head -c 600 "$work/o-gb/disclosures.json")"
import json, sys
item = json.load(open(sys.argv[1]))["items"][0]
assert item["summary"] == "第一行，有逗号\n第二行", item["summary"]
assert "白沙镇政务公开正文，来自 Word 文档。" in item["body_html"], item["body_html"]
assert item["published_date"] == "2026-11-20"
PY
"$bin" sync --once --portal "$work/o-gb" --data-dir "$work/gb-data" >/dev/null 2>&1 && ok || bad "sync of the GB18030 build"

# A corrupt .docx, and a .docx without pandoc on PATH.
office docx
echo "not a zip" >"$work/docx/坏.docx"
printf '%s\n%s\n' "$header" 'A-1,标题,,镇,,2026-11-20,其他,,,,坏.docx,,' >"$work/docx/公开目录.csv"
fb --from "$work/docx" --out "$work/o-docx"
[ "$rc" -eq 1 ] && grep -q '^公开目录.csv:2:正文: "坏.docx" cannot be converted (a damaged .docx?)' "$work/out" && ok ||
  bad "corrupt docx: $(cat "$work/out")"
PATH=/nonexistent "$bin" feed build --generated-at "$at" --from "$work/docx" --out "$work/o-docx" >"$work/out" 2>&1
grep -q '^公开目录.csv:2:正文: cannot read .docx: pandoc is not installed (install the Debian package pandoc' "$work/out" &&
  ok || bad "missing pandoc: $(cat "$work/out")"

# Mixed encodings in one file: refused naming the row.
office mixed
{ echo "$header"; echo 'A-1,第一条,,镇,,2026-11-20,其他,,,,,,'; echo 'A-2,第二条,,镇,,2026-11-20,其他,,,,,,' | iconv -t GB18030; } \
  >"$work/mixed/公开目录.csv"
fb --from "$work/mixed" --out "$work/o-mixed"
[ "$rc" -eq 1 ] && grep -q '^公开目录.csv:3: row 3 is not UTF-8 (GB18030?) but row 1 is UTF-8' "$work/out" && ok ||
  bad "mixed encodings: $(cat "$work/out")"

# An .xlsx sheet through xlsx2csv, the workbook zipped here from its XML parts (shared strings,
# as Excel and WPS write them).
office xlsx
rm "$work/xlsx/公开目录.csv"
python3 - "$work/xlsx/公开目录.xlsx" "$header" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
rows = [sys.argv[2].split(","), ["A-1", "表格标题", "", "镇", "", "2026/11/20", "其他", "", "", "", "", "", ""]]
strings = sorted({c for r in rows for c in r if c})
cols = "ABCDEFGHIJKLM"
sheet = "".join(
    '<row r="%d">%s</row>' % (i + 1, "".join(
        '<c r="%s%d" t="s"><v>%d</v></c>' % (cols[j], i + 1, strings.index(c)) for j, c in enumerate(r) if c))
    for i, r in enumerate(rows))
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook %s xmlns:r="%s"><sheets>'
        '<sheet name="公开目录" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rel))
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (rel, rel))
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" uniqueCount="%d">%s</sst>'
        % (ns, len(strings), len(strings), "".join("<si><t>%s</t></si>" % escape(t) for t in strings)))
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (ns, sheet))
PY
fb --from "$work/xlsx" --out "$work/o-xlsx"
[ "$rc" -eq 0 ] && grep -q "表格标题" "$work/o-xlsx/disclosures.json" && ok || bad "xlsx: $(cat "$work/out")"
PATH=/nonexistent "$bin" feed build --generated-at "$at" --from "$work/xlsx" --out "$work/o-xlsx2" >"$work/out" 2>&1
grep -q '^公开目录.xlsx: cannot read .xlsx: xlsx2csv is not installed (install the Debian package xlsx2csv' "$work/out" &&
  ok || bad "missing xlsx2csv: $(cat "$work/out")"

# A playlist the kiosk would skip entries of is a build error, as `playlist check` reports it.
office pl
mkdir -p "$work/pl/playlists"
echo '{"items": [{"ref": "disclosure:A-1"}, {"ref": "notice:no-such"}]}' >"$work/pl/playlists/hall-main.json"
fb --from "$work/pl" --out "$work/o-pl"
[ "$rc" -eq 1 ] && grep -q '^playlists/hall-main.json:items\[1\].ref: ' "$work/out" && ok || bad "playlist ref: $(cat "$work/out")"

# --sign: the signature is published with the manifest in the same swap; `feed check` verifies it
# with the public key, and refuses it with another key.
"$bin" feed keygen --out "$work/sign.key" >"$work/sign.pub" 2>/dev/null && ok || bad "keygen"
"$bin" feed keygen --out "$work/other.key" >"$work/other.pub" 2>/dev/null
fb --from "$example" --out "$work/o-sign" --sign "$work/sign.key"
[ "$rc" -eq 0 ] && [ -s "$work/o-sign/manifest.json.sig" ] && ok || bad "build --sign: $(cat "$work/out")"
"$bin" feed check "$work/o-sign" --at "$at" --key "$(cat "$work/sign.pub")" >"$work/out" 2>&1 && ok ||
  bad "the signed build does not check with its key: $(cat "$work/out")"
"$bin" feed check "$work/o-sign" --at "$at" --key "$(cat "$work/other.pub")" >"$work/out" 2>&1
[ $? -ne 0 ] && grep -qi "sig" "$work/out" && ok || bad "the signed build checked with another key: $(cat "$work/out")"

finish feed_build
