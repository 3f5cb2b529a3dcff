#!/usr/bin/env bash
# Proof of play from the outside: the real program runs headless (SDL offscreen driver) on a copy of
# the demo portal whose hall-main playlist rotates every 2 s, and `report plays` prints what it
# showed as CSV — read while the screen is still writing (WAL). Also: a records file the screen
# cannot open does not stop it, a damaged one is moved aside, and bad dates exit 2 with one line.
# Usage: report_cli_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
export SDL_VIDEODRIVER=offscreen
header='ref,title,screen_group,plays,total_seconds,first_shown,last_shown'

# A portal whose hall-main playlist changes every 2 s; titles with a comma and quotes.
portal="$work/portal"
cp -r "$src/assets/demo-portal" "$portal"
cat >"$portal/playlists/hall-main.json" <<'JSON'
{
  "name": "快速轮播（测试）",
  "orientation": "landscape",
  "default_duration_s": 2,
  "items": [
    {"text": {"title": "办事须知, \"请取号\"", "body": "请先取号，再到窗口办理。"}},
    {"ref": "guide:g-gljt-001"},
    {"ref": "disclosure:hbx-2018-0003"}
  ]
}
JSON
python3 "$src/assets/tools/feed-manifest.py" -q "$portal" || bad "feed-manifest.py on the test portal"
"$bin" sync --once --portal "$portal" --data-dir "$data" >/dev/null 2>"$work/err" && ok || bad "sync: $(cat "$work/err")"

# Local dates in China time (UTC+8, no tzdata needed); a day either side covers a run at midnight.
from=$(TZ=UTC-8 date -d '-1 day' +%F)
to=$(TZ=UTC-8 date -d '+1 day' +%F)
report() { "$bin" report plays --from "$from" --to "$to" --data-dir "$data" "$@"; }

# The screen runs; poll the report until the text card and the guide have been shown (≤ 60 s).
timeout -s TERM 90 "$bin" run --windowed 640x360 --portal "$portal" --data-dir "$data" 2>"$work/run.err" &
screen_pid=$!
text_row='^text:0,"办事须知, ""请取号""",hall-main,[1-9][0-9]*,[1-9][0-9]*,[0-9T:+-]*,[0-9T:+-]*$'
guide_row='^guide:g-gljt-001,高龄老人津贴申请,hall-main,[1-9][0-9]*,[1-9][0-9]*,'
for _ in $(seq 60); do
  sleep 1
  report >"$work/csv" 2>"$work/err" || break
  grep -q "$text_row" "$work/csv" && grep -q "$guide_row" "$work/csv" && break
done
kill -0 "$screen_pid" 2>/dev/null && ok || bad "the screen stopped: $(head -c 300 "$work/run.err")"
kill "$screen_pid" 2>/dev/null
wait "$screen_pid" 2>/dev/null
[ "$(head -n 1 "$work/csv")" = "$header" ] && ok || bad "CSV header: $(head -n 1 "$work/csv")"
grep -q "$text_row" "$work/csv" && ok || bad "a quoted row for the text card: $(cat "$work/csv" "$work/err")"
grep -q "$guide_row" "$work/csv" && ok || bad "a row for the guide with its title: $(cat "$work/csv")"
[ "$(cut -d, -f1 "$work/csv" | sort | uniq -d)" = "" ] && ok || bad "one row per item: $(cat "$work/csv")"

# Filters and empty results: just the header, exit 0.
report --group hall-main >"$work/csv" && [ "$(wc -l <"$work/csv")" -ge 3 ] && ok || bad "--group hall-main"
report --group elsewhere >"$work/csv" && [ "$(cat "$work/csv")" = "$header" ] && ok || bad "--group elsewhere"
"$bin" report plays --from 2020-01-01 --to 2020-01-31 --data-dir "$data" >"$work/csv" &&
  [ "$(cat "$work/csv")" = "$header" ] && ok || bad "a range with no plays"
"$bin" report plays --from "$from" --to "$to" --data-dir "$work/nowhere" >"$work/csv" &&
  [ "$(cat "$work/csv")" = "$header" ] && [ ! -e "$work/nowhere" ] && ok || bad "a data dir never played"
"$bin" report --help | grep -q "^Usage: gongkai-kiosk report plays" && ok || bad "report --help"
"$bin" --help | grep -q "^  report" && ok || bad "--help lists report"

# Bad input: one line, exit 2.
expect_error "bad --from" 2 '--from "2026-13-01" is not a date' -- "$bin" report plays --from 2026-13-01 --to 2026-12-01 --data-dir "$data"
expect_error "bad --to" 2 '--to "tomorrow"' -- "$bin" report plays --from 2026-11-01 --to tomorrow --data-dir "$data"
expect_error "from after to" 2 "--from 2026-12-02 is after --to 2026-12-01" -- "$bin" report plays --from 2026-12-02 --to 2026-12-01 --data-dir "$data"
expect_error "missing --to" 2 "--to YYYY-MM-DD is required" -- "$bin" report plays --from 2026-11-01 --data-dir "$data"
expect_error "no report named" 2 "which report" -- "$bin" report --from 2026-11-01 --to 2026-11-02
expect_error "unknown report" 2 'unknown report "views"' -- "$bin" report views --from 2026-11-01 --to 2026-11-02

# A damaged records file: the report fails (exit 1) and leaves it alone; the screen moves it aside.
printf 'this is not a database %.0s' $(seq 200) >"$data/records.sqlite"
rm -f "$data/records.sqlite-wal" "$data/records.sqlite-shm"
expect_error "damaged records" 1 "records.sqlite" -- "$bin" report plays --from "$from" --to "$to" --data-dir "$data"
[ ! -e "$data"/records.sqlite.corrupt-* ] && ok || bad "the report moved the damaged file"
timeout -s TERM 10 "$bin" run --windowed 640x360 --portal "$portal" --data-dir "$data" 2>"$work/run.err"
[ $? -eq 124 ] && ok || bad "the screen ran on a damaged records file: $(head -c 300 "$work/run.err")"
grep -q "this is not a database" "$data"/records.sqlite.corrupt-* && ok || bad "the damaged file kept aside"
grep -q "moved to records.sqlite.corrupt-" "$work/run.err" && ok || bad "the move is logged: $(cat "$work/run.err")"
report >"$work/csv" && [ "$(wc -l <"$work/csv")" -ge 2 ] && ok || bad "plays recorded in the new file"

# A records file that cannot be opened at all: the screen still runs, and says why.
blocked="$work/blocked"
cp -r "$data" "$blocked"
rm -f "$blocked"/records.sqlite*
mkdir "$blocked/records.sqlite"
timeout -s TERM 5 "$bin" run --windowed 640x360 --portal "$portal" --data-dir "$blocked" 2>"$work/run.err"
[ $? -eq 124 ] && grep -q "first frame shown" "$work/run.err" && ok || bad "the screen runs without records"
grep -q "plays are not recorded" "$work/run.err" && ok || bad "the reason is logged: $(cat "$work/run.err")"

finish "report cli"
