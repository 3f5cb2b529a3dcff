#!/usr/bin/env bash
# `gongkai-kiosk search` from the outside: the bundled demo portal synced into a temporary data
# dir, then ranked results in plain and --json output (parsed with python3), --limit, traditional
# characters, a 文号 typed with other brackets, pinyin initials, a rare character, a query with no
# results (exit 1) and usage errors (exit 2, one line).
# Usage: search_cli_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
sync_demo && ok || bad "sync: $(cat "$work/err")"
search() { "$bin" search "$@" --data-dir "$data"; }
tab=$'\t'

# Plain output: ref<TAB>field<TAB>title, title matches newest first (equal dates: disclosures first).
search 高龄老人津贴 >"$work/out" 2>"$work/err" && ok || bad "高龄老人津贴: exit $?: $(cat "$work/err")"
expected="notice:n-2026-033${tab}title${tab}2026年11月高龄老人津贴新增对象公示
disclosure:bsz-2026-0011${tab}title${tab}白沙镇2026年高龄老人津贴和残疾人两项补贴发放标准
guide:g-gljt-001${tab}title${tab}高龄老人津贴申请"
[ "$(head -n 3 "$work/out")" = "$expected" ] && ok || bad "ranking of 高龄老人津贴: $(head -n 5 "$work/out")"
[ ! -s "$work/err" ] && ok || bad "nothing on stderr: $(cat "$work/err")"
search 高龄老人津贴申请 | head -n 1 | grep -q "^guide:g-gljt-001${tab}title${tab}" && ok || bad "exact title first"

# --json: the shape of the issue, plus snippet and match (bytes of the snippet).
search 高龄老人津贴 --json >"$work/json" && ok || bad "--json exit $?"
python3 - "$work/json" <<'PY' && ok || bad "--json content: $(head -c 600 "$work/json")"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["query"] == "高龄老人津贴", doc["query"]
results = doc["results"]
assert [r["ref"] for r in results[:3]] == ["notice:n-2026-033", "disclosure:bsz-2026-0011", "guide:g-gljt-001"]
assert doc["total"] >= len(results) >= 3
for r in results:
    assert set(r) >= {"ref", "title", "field"}, r
    start, length = r["match"]
    assert r["snippet"].encode()[start:start + length].decode() == "高龄老人津贴" or r["field"] != "title", r
first = results[0]
assert first["title"] == "2026年11月高龄老人津贴新增对象公示" and first["field"] == "title" and first["date"] == "2026-11-24"
PY

# --limit
[ "$(search 津贴 --limit 2 | wc -l)" -eq 2 ] && ok || bad "--limit 2"
[ "$(search 津贴 --limit 2 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["results"]))')" = 2 ] &&
  ok || bad "--limit 2 --json"
[ "$(search 津贴 | wc -l)" -gt 2 ] && ok || bad "more than 2 results without --limit"

# Traditional characters, a 文号 with other brackets, a rare character outside the BMP.
[ "$(search 高齡老人津貼)" = "$(search 高龄老人津贴)" ] && ok || bad "traditional query: $(search 高齡老人津貼 | head -n 3)"
for query in "白政〔2026〕33号" "白政(2026)33号" "白政[2026]33号" "白政（２０２６）３３号"; do
  search "$query" | head -n 1 | grep -q "^disclosure:bsz-2026-0033${tab}doc_no${tab}" && ok || bad "文号 $query"
done
search 𠮷永福 | head -n 1 | grep -q "^notice:n-2026-034${tab}title${tab}关于表彰𠮷永福" && ok || bad "𠮷永福"

# Pinyin initials (the real Rime dictionary), and without it: a note, no failure.
if [ -f /usr/share/rime-data/luna_pinyin.dict.yaml ]; then
  search gllrjt | grep -q "^guide:g-gljt-001${tab}initials${tab}高龄老人津贴申请$" && ok || bad "gllrjt: $(search gllrjt)"
  search gljt | head -n 1 | grep -q "^disclosure:bsz-2026-0011${tab}keyword_initials${tab}" && ok || bad "gljt"
else
  echo "WARNING: /usr/share/rime-data/luna_pinyin.dict.yaml is absent: pinyin initials not checked"
fi
expect_error "no dictionary" 1 "pinyin initials are off: $work/none.yaml not found" -- \
  "$bin" search gllrjt --pinyin-dict "$work/none.yaml" --data-dir "$data"
"$bin" search 高龄 --pinyin-dict "$work/none.yaml" --data-dir "$data" 2>/dev/null | grep -q "^guide:g-gljt-001" &&
  ok || bad "Chinese still found without the dictionary"

# No results: exit 1, nothing printed; --json still prints the object.
search 不存在的事项 >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && [ ! -s "$work/out" ] && [ ! -s "$work/err" ] && ok || bad "no results: exit 1, no output"
search 不存在的事项 --json >"$work/out"
[ $? -eq 1 ] && [ "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["results"])' <"$work/out")" = "[]" ] &&
  ok || bad "no results --json: $(cat "$work/out")"

# Usage errors and no content: exit 2, one line.
expect_error "no query" 2 "what to search for" -- "$bin" search --data-dir "$data"
expect_error "limit 0" 2 '--limit "0" is not a number from 1 to 1000' -- "$bin" search 津贴 --limit 0 --data-dir "$data"
expect_error "limit text" 2 '--limit "many"' -- "$bin" search 津贴 --limit many --data-dir "$data"
expect_error "empty store" 2 "no content to search in $work/empty" -- "$bin" search 津贴 --data-dir "$work/empty"
expect_error "two queries" 2 'unexpected argument "b"' -- "$bin" search a b --data-dir "$data"
"$bin" search --help | grep -q "^Usage: gongkai-kiosk search QUERY" && ok || bad "search --help"
"$bin" --help | grep -q "^  search" && ok || bad "--help lists search"

finish "search cli"
