#!/usr/bin/env bash
# `gongkai-kiosk playlist check` and `playlist plan` from the outside, against the bundled demo
# portal synced into a temporary store: one rule for a flawed playlist — a file that is not a
# playlist is refused, every bad item is skipped with a line naming its exact JSON path, and check
# says how many are skipped and how many play; plan runs any file a screen would run and ends with
# a summary (per item, idle spans, the ticker's windows); plans are well-formed, follow the
# schedules and show the demo's urgent notice; a local playlist overrides the publish's.
# Usage: playlist_cli_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
pl="$work/pl"
mkdir -p "$pl"

# expect_check NAME EXIT_CODE LINE FILE [args...]: `playlist check FILE` exits EXIT_CODE and prints
# LINE exactly (on stdout or stderr).
expect_check() {
  local name=$1 code=$2 line=$3 file=$4
  shift 4
  "$bin" playlist check "$file" --data-dir "$data" "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ "$rc" -ne "$code" ] || ! cat "$work/out" "$work/err" | grep -Fxq -- "$line"; then
    bad "$name: exit $rc (want $code), want line: $line; got: $(head -c 600 "$work/out" "$work/err")"
  else
    ok
  fi
}

# expect_usage NAME PATTERN -- command...: exit 2 and exactly one stderr line matching PATTERN.
expect_usage() {
  local name=$1 pattern=$2
  shift 3
  expect_error "$name" 2 "$pattern" -- "$@"
}

# A plan's lines, up to the blank line before its summary: "YYYY-MM-DD HH:MM:SS  REF  TITLE  REASON".
well_formed() {
  [ -s "$1" ] && sed '/^$/,$d' "$1" | grep -q . \
    && ! sed '/^$/,$d' "$1" | grep -Evq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  [^ ]+  .+  (scheduled|fallback|urgent|idle)$'
}
# The plan's summary: everything after the blank line.
summary_of() { sed '1,/^$/d' "$1"; }

sync_demo && ok || bad "sync the demo: $(cat "$work/err")"
"$bin" playlist --help | grep -q "^Usage: gongkai-kiosk playlist check FILE" && ok || bad "playlist --help"

# The demo's own playlists: hall-main plays all but its expired notice (items[15]); every warning
# names its path. --from checks as of that moment.
at=2026-11-30T08:00:00+08:00
"$bin" playlist check "$src/assets/demo-portal/playlists/hall-main.json" --from $at --data-dir "$data" >"$work/out" 2>&1
[ $? -eq 1 ] && grep -q "^hall-main.json: 1 item is skipped (items\[15\]); the other 15 play (" "$work/out" \
  && grep -Fxq "hall-main.json: items[15].ref: notice:n-2026-018 expired at 2026-10-09 00:00 (valid_until), so it never shows again" "$work/out" \
  && ok || bad "demo hall-main: one expired item skipped: $(cat "$work/out")"
! grep -v "^hall-main.json: 1 item is skipped" "$work/out" | grep -qv "^hall-main.json: [a-z_]*\[[0-9]*\]" && ok || bad "demo hall-main: every warning names its path"
"$bin" playlist check "$src/assets/demo-portal/playlists/hall-portrait.json" --from $at --data-dir "$data" >"$work/out" 2>&1 \
  && grep -q "^hall-portrait.json: ok" "$work/out" && ok || bad "demo hall-portrait is valid: $(cat "$work/out")"

# Not a playlist at all: refused (exit 1), the screen keeps what it has.
printf '{"items": [\n  {"ref": "notice:n-2026-031"},\n]}\n' >"$pl/syntax.json"
expect_check "syntax error" 1 "syntax.json: line 3, column 1: syntax error: unexpected ']'; expected '[', '{', or a literal" "$pl/syntax.json"
expect_check "syntax error: refused" 1 "syntax.json: cannot be read as a playlist; a screen keeps the playlist it has (0 warnings)" "$pl/syntax.json"
printf '{"name": "空", "items": []}\n' >"$pl/empty.json"
expect_check "empty item list" 1 "empty.json: items: is empty: a playlist needs at least one item" "$pl/empty.json"

# Bad items, one file per kind: each is skipped (exit 1) with its reason at its path.
printf '{"default_duration_s": "15", "items": [{"ref": 12}, {"text": "hi"}]}\n' >"$pl/types.json"
expect_check "wrong type: duration" 1 'types.json: default_duration_s: must be a whole number of seconds > 0, got "15"; 15 s is used' "$pl/types.json"
expect_check "wrong type: ref" 1 'types.json: items[0].ref: must be a string such as "notice:n-2026-031", got 12' "$pl/types.json"
expect_check "wrong type: text" 1 'types.json: items[1].text: must be an object {"title": …, "body": …}, got "hi"' "$pl/types.json"
grep -q "^types.json: 2 items are skipped (items\[0\], items\[1\]); no other item plays (" "$work/out" && ok || bad "types.json: every item skipped: $(cat "$work/out")"

printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "notice:n-2099-999"}, {"ref": "guide:g-none"},
  {"ref": "disclosure:nope"}], "fallback": {"ref": "notice:n-2099-000"}}\n' >"$pl/refs.json"
expect_check "unknown notice" 1 "refs.json: items[1].ref: notice:n-2099-999 is not in the current publish" "$pl/refs.json"
expect_check "unknown guide" 1 "refs.json: items[2].ref: guide:g-none is not in the current publish" "$pl/refs.json"
expect_check "unknown disclosure" 1 "refs.json: items[3].ref: disclosure:nope is not in the current publish" "$pl/refs.json"
expect_check "unknown fallback" 1 "refs.json: fallback.ref: notice:n-2099-000 is not in the current publish" "$pl/refs.json"
grep -q "^refs.json: 3 items are skipped (items\[1\], items\[2\], items\[3\]); the other 1 plays; also skipped: the fallback (" "$work/out" \
  && ok || bad "refs.json: the summary counts the skipped and the playing: $(tail -1 "$work/out")"
printf '{"items": [{"ref": "video:v1"}]}\n' >"$pl/kind.json"
expect_check "unknown ref kind" 1 'kind.json: items[0].ref: unknown ref kind "video" in "video:v1" (expected notice, guide or disclosure)' "$pl/kind.json"

printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "guide:g-gljt-001", "schedule": {"times": ["8:30-12", "25:00-26:00", "10:00-10:00"]}}]}\n' >"$pl/hall.json"
expect_check "time window shape" 1 'hall.json: items[1].schedule.times[0]: "8:30-12" is not HH:MM-HH:MM' "$pl/hall.json"
expect_check "time window hour" 1 'hall.json: items[1].schedule.times[1]: "25:00-26:00": hour 25 is not 00–23 (write midnight as 00:00)' "$pl/hall.json"
expect_check "empty time window" 1 'hall.json: items[1].schedule.times[2]: "10:00-10:00": start equals end (for all day, leave out "times")' "$pl/hall.json"
grep -q "^hall.json: 1 item is skipped (items\[1\]); the other 1 plays (" "$work/out" && ok || bad "hall.json: one item skipped: $(tail -1 "$work/out")"

# Times typed with a Chinese input method: a hint says what to retype.
printf '{"items": [{"ref": "notice:n-2026-031", "schedule": {"times": ["08：00-12：00", "１４:００-17:30"]}}, {"ref": "guide:g-gljt-001"}]}\n' >"$pl/fullwidth.json"
expect_check "full-width colon" 1 'fullwidth.json: items[0].schedule.times[0]: "08：00-12：00" is not HH:MM-HH:MM: use a half-width colon ":" (found "：")' "$pl/fullwidth.json"
expect_check "full-width digits" 1 'fullwidth.json: items[0].schedule.times[1]: "１４:００-17:30" is not HH:MM-HH:MM: use half-width digits 0-9 (found "１")' "$pl/fullwidth.json"

printf '{"items": [{"ref": "notice:n-2026-031", "schedule": {"weekdays": [0, 3, 8]}}]}\n' >"$pl/weekdays.json"
expect_check "weekday 0" 1 "weekdays.json: items[0].schedule.weekdays[0]: must be 1–7 (ISO: 1 = Monday … 7 = Sunday), got 0" "$pl/weekdays.json"
expect_check "weekday 8" 1 "weekdays.json: items[0].schedule.weekdays[2]: must be 1–7 (ISO: 1 = Monday … 7 = Sunday), got 8" "$pl/weekdays.json"
printf '{"items": [{"ref": "notice:n-2026-031", "schedule": {"weekdays": [6, 7], "from": "2026-12-01", "until": "2026-12-03"}}]}\n' >"$pl/never.json"
expect_check "weekdays outside the range" 1 "never.json: items[0].schedule: never shows: no day from 2026-12-01 until 2026-12-03 falls on weekdays [6, 7] (ISO: 1 = Monday … 7 = Sunday)" "$pl/never.json"

printf '{"items": [{"ref": "notice:n-2026-031", "schedule": {"from": "2026-12-31", "until": "2026-11-01"}}]}\n' >"$pl/dates.json"
expect_check "inverted dates" 1 "dates.json: items[0].schedule.until: 2026-11-01 is before from (2026-12-31)" "$pl/dates.json"

printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "guide:g-gljt-001"}, {"ref": "notice:n-2026-031", "duration_s": 5}]}\n' >"$pl/dupes.json"
expect_check "duplicate items (a warning)" 0 "dupes.json: items[2]: same content and schedule as items[0]; it shows twice per round" "$pl/dupes.json"

printf '{"items": [{"ref": "notice:n-2026-031", "duration_s": 0}, {"ref": "guide:g-gljt-001", "duration_s": -5}]}\n' >"$pl/durations.json"
expect_check "zero duration" 1 "durations.json: items[0].duration_s: must be a whole number of seconds > 0, got 0" "$pl/durations.json"
expect_check "negative duration" 1 "durations.json: items[1].duration_s: must be a whole number of seconds > 0, got -5" "$pl/durations.json"

# Spans of the coming week in which nothing plays (no fallback) are warnings; nothing is skipped.
printf '{"items": [{"ref": "guide:g-gljt-001", "schedule": {"times": ["08:00-12:00"]}}]}\n' >"$pl/mornings.json"
expect_check "idle window (a warning)" 0 "mornings.json: nothing plays 2026-11-30 12:00 – 2026-12-01 08:00 (20 h): no item is scheduled and there is no fallback, so the screen shows only the site name and clock" "$pl/mornings.json" --from $at
grep -q "^mornings.json: ok, 1 item, [1-9][0-9]* warnings (checked against generation " "$work/out" && ok || bad "idle windows are counted as warnings, one item: $(tail -1 "$work/out")"

# The staff's language (config/i18n.h): under zh_CN the same checks read in Chinese — each problem,
# the summary and its counts (Chinese has no plural) — while the JSON paths stay as in the file;
# under C and en_US they read in English, "1 item" and "2 items".
LANG=zh_CN.UTF-8 "$bin" playlist check "$pl/types.json" --data-dir "$data" >"$work/out" 2>&1
[ $? -eq 1 ] && grep -Fxq 'types.json: items[0].ref: 必须是字符串，例如 "notice:n-2026-031"，实际为 12' "$work/out" \
  && grep -q '^types.json: 跳过 2 个项目（items\[0\], items\[1\]）；没有其他项目播放（[0-9]* 个警告，对照版本 [^ ]* 检查）$' "$work/out" \
  && ok || bad "playlist check in zh_CN: $(cat "$work/out")"
LANG=zh_CN.UTF-8 "$bin" playlist check "$pl/mornings.json" --from $at --data-dir "$data" >"$work/out" 2>&1
[ $? -eq 0 ] && grep -q '^mornings.json: 2026-11-30 12:00 – 2026-12-01 08:00（20 小时）没有内容播放：' "$work/out" \
  && grep -q '^mornings.json: 正常，1 个项目，[1-9][0-9]* 个警告（对照版本 ' "$work/out" \
  && ok || bad "playlist check of a good file in zh_CN: $(tail -2 "$work/out")"
for lang in C en_US.UTF-8; do
  LANG=$lang "$bin" playlist check "$pl/dupes.json" --data-dir "$data" >"$work/out" 2>&1
  grep -q "^dupes.json: ok, 3 items, 1 warning (checked against generation " "$work/out" \
    && ok || bad "playlist check under LANG=$lang: English, plurals right: $(tail -1 "$work/out")"
done
LANGUAGE=zh_CN LANG=zh_CN.UTF-8 "$bin" playlist check --data-dir "$data" >"$work/out" 2>"$work/err"
[ $? -eq 2 ] && grep -Fxq "gongkai-kiosk playlist check: 请给出一个要检查的播放列表文件" "$work/err" \
  && ok || bad "a usage error in zh_CN: $(cat "$work/err")"
LANG=zh_CN.UTF-8 "$bin" playlist plan "$pl/mornings.json" --from 2026-11-30T08:00:00+08:00 --hours 24 --data-dir "$data" >"$work/plan" 2>&1
summary_of "$work/plan" | grep -q '^汇总 2026-11-30 08:00:00 – 2026-12-01 08:00:00$' \
  && summary_of "$work/plan" | grep -q '^空闲 2026-11-30 12:00–2026-12-01 08:00（20 小时）：没有内容播放，屏幕显示单位名称和时钟$' \
  && ok || bad "playlist plan's summary in zh_CN: $(summary_of "$work/plan" | head -5)"

# Unreadable: exit 2, one line on stderr.

head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$pl/big.json"
expect_usage "5 MB file" "big.json: file is 5.0 MiB; a playlist may be at most 1 MiB" -- "$bin" playlist check "$pl/big.json" --data-dir "$data"
expect_usage "missing file" "no-such.json: no such file" -- "$bin" playlist check "$pl/no-such.json" --data-dir "$data"
expect_usage "a directory" "is a directory" -- "$bin" playlist check "$pl" --data-dir "$data"
expect_usage "empty store" "run \`gongkai-kiosk sync --once\` first" -- "$bin" playlist check "$pl/hall.json" --data-dir "$work/empty-store"

# Usage errors.
expect_usage "no action" "say check FILE or plan" -- "$bin" playlist --data-dir "$data"
expect_usage "unknown action" 'unknown action "show"' -- "$bin" playlist show --data-dir "$data"
expect_usage "check without FILE" "give one playlist FILE" -- "$bin" playlist check --data-dir "$data"
expect_usage "check with --hours" "--hours is for \`playlist plan\` only" -- "$bin" playlist check "$pl/hall.json" --hours 3 --data-dir "$data"
expect_usage "check with a bad --from" "--from \"soon\" is not an ISO-8601 time" -- "$bin" playlist check "$pl/hall.json" --from soon --data-dir "$data"
expect_usage "bad --from" "--from \"tomorrow\" is not an ISO-8601 time" -- "$bin" playlist plan --from tomorrow --data-dir "$data"
for hours in 0 745 -3 1.5 lots 99999999999; do
  expect_usage "--hours $hours" "--hours \"$hours\" must be a whole number of hours from 1 to 744 (31 days)" -- "$bin" playlist plan --hours "$hours" --data-dir "$data"
done
expect_usage "FILE and --group" "FILE or --group, not both" -- "$bin" playlist plan "$pl/hall.json" --group hall-main --data-dir "$data"

# Plans: the group's playlist over a working day.
"$bin" playlist plan --group hall-main --from 2026-11-30T08:00:00+08:00 --hours 24 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan hall-main: $(cat "$work/err")"
well_formed "$work/plan" && ok || bad "plan lines are well-formed: $(grep -Ev '^[0-9]{4}-' "$work/plan" | head -3)"
head -1 "$work/plan" | grep -q "^2026-11-30 08:00:00  " && ok || bad "the plan starts at --from"
grep -q "  scheduled$" "$work/plan" && ok || bad "plan shows scheduled items"
grep -q "^2026-11-30 [01][0-9]:[0-9:]*  notice:n-2026-035  白沙镇干部任前公示  scheduled$" "$work/plan" && ok || bad "n-2026-035 shows on a weekday morning"
! grep -q "^2026-11-30 1[3-7]:.*notice:n-2026-039" "$work/plan" && ok || bad "n-2026-039 (18:00-08:00) is not shown in the afternoon"
grep -q "^2026-11-30 2[0-3]:.*notice:n-2026-039" "$work/plan" && ok || bad "n-2026-039 (18:00-08:00) shows in the evening"
! sed '/^$/,$d' "$work/plan" | grep -q "notice:n-2026-018" && ok || bad "an expired notice is never shown"
summary_of "$work/plan" | grep -q "^items\[15\]  notice:n-2026-018  .*  not shown$" && ok || bad "the summary says the expired notice is not shown"
# The urgent notice n-2026-041 (valid 2026-12-02 18:00 – 2026-12-03 20:00) interrupts everything.
printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "guide:g-gljt-001", "duration_s": 20}]}\n' >"$pl/simple.json"
"$bin" playlist plan "$pl/simple.json" --from 2026-12-03T00:00:00+08:00 --hours 24 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan a file: $(cat "$work/err")"
well_formed "$work/plan" && ok || bad "urgent plan lines are well-formed"
grep -Fxq "2026-12-03 00:00:00  notice:n-2026-041  关于12月3日白沙集镇区域计划停水的通告  urgent" "$work/plan" && ok || bad "urgent notice at the start: $(head -2 "$work/plan")"
grep -q "^2026-12-03 20:00:00  notice:n-2026-031  .*  scheduled$" "$work/plan" && ok || bad "the rotation resumes at 20:00: $(sed -n 2p "$work/plan")"
[ "$(wc -l <"$work/plan")" -gt 100 ] && ok || bad "the evening rotates"
# plan runs any file a screen would run: the skipped items are said on stderr, the rest is planned.
"$bin" playlist plan "$pl/refs.json" --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>"$work/err"
[ $? -eq 0 ] && grep -q "refs.json: items\[1\].ref: notice:n-2099-999 is not in the current publish" "$work/err" \
  && grep -q "refs.json: 3 items are skipped (items\[1\], items\[2\], items\[3\]); the other 1 plays" "$work/err" \
  && ok || bad "plan runs a file with skipped items: $(cat "$work/err")"
well_formed "$work/plan" && [ "$(sed '/^$/,$d' "$work/plan" | grep -vc '  notice:n-2026-031  ')" -eq 0 ] && ok || bad "only the good item is planned: $(head -3 "$work/plan")"
summary_of "$work/plan" >"$work/summary"
grep -Fxq "summary 2026-11-30 08:00:00 – 2026-11-30 09:00:00" "$work/summary" && ok || bad "the summary names its span: $(head -2 "$work/summary")"
grep -q "^items\[0\]  notice:n-2026-031  .*  first 2026-11-30 08:00:00  last 2026-11-30 08:59:45  240 times  3600 s$" "$work/summary" \
  && ok || bad "per item: first, last, count, seconds: $(cat "$work/summary")"
grep -q "^items\[1\]  notice:n-2099-999  .*  not shown$" "$work/summary" && ok || bad "a skipped item is not shown: $(cat "$work/summary")"
grep -Fxq "idle: none, something plays all the time" "$work/summary" && ok || bad "no idle span: $(cat "$work/summary")"
"$bin" playlist plan "$pl/syntax.json" --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q "syntax.json cannot be read as a playlist" "$work/err" && ok || bad "plan refuses a file that is not a playlist: $(cat "$work/err")"
# A file with gaps: the idle spans close the summary (and match the plan's idle lines).
"$bin" playlist plan "$pl/mornings.json" --from 2026-11-30T00:00:00+08:00 --hours 24 --data-dir "$data" >"$work/plan" 2>"$work/err"
summary_of "$work/plan" >"$work/summary"
grep -Fxq "idle 2026-11-30 00:00–08:00 (8 h): nothing plays, the screen shows the site name and clock" "$work/summary" \
  && grep -Fxq "idle 2026-11-30 12:00–2026-12-01 00:00 (12 h): nothing plays, the screen shows the site name and clock" "$work/summary" \
  && ok || bad "idle spans in the summary: $(cat "$work/summary")"
grep -Fxq "2026-11-30 12:00:00  -  青溪县白沙镇人民政府  idle" "$work/plan" && ok || bad "the plan's idle line matches: $(grep idle "$work/plan" | head -3)"
# The ticker's windows: the important notice n-2026-035, which the demo shows only on weekdays
# 08:00–12:00 and 14:30–17:30, runs in the ticker only then.
"$bin" playlist plan --group hall-main --from 2026-11-30T00:00:00+08:00 --hours 24 --data-dir "$data" >"$work/plan" 2>"$work/err"
summary_of "$work/plan" | grep "^ticker " >"$work/ticker"
grep -q "^ticker 2026-11-30 08:00–12:00: .*【重要】白沙镇干部任前公示" "$work/ticker" \
  && grep -q "^ticker 2026-11-30 14:30–17:30: .*【重要】白沙镇干部任前公示" "$work/ticker" \
  && [ "$(grep -c "白沙镇干部任前公示" "$work/ticker")" -eq 2 ] && ok || bad "the ticker follows the schedule: $(cat "$work/ticker")"
grep -q "^ticker 2026-11-30 12:00–14:30: 12345政务服务便民热线 7×24小时为您服务 ◆ " "$work/ticker" && ok || bad "ticker lines are joined with ◆: $(cat "$work/ticker")"
expect_usage "plan a 5 MB file" "file is 5.0 MiB" -- "$bin" playlist plan "$pl/big.json" --data-dir "$data"

# A local playlist overrides the publish's for its group; an invalid one does not.
mkdir -p "$data/playlists"
printf '{"items": [{"text": {"title": "本地提示", "body": "测试"}, "duration_s": 60}]}\n' >"$data/playlists/hall-main.json"
"$bin" playlist plan --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan with a local playlist"
[ "$(grep -c '  text:0  本地提示  scheduled$' "$work/plan")" -eq 60 ] && ok || bad "the local playlist is planned: $(head -2 "$work/plan")"
grep -q "the local playlist $data/playlists/hall-main.json" "$work/err" && ok || bad "plan names the local file"
printf '{"items": {"text": {"title": "本地提示"}, "duration_s": 0}}\n' >"$data/playlists/hall-main.json"
"$bin" playlist plan --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan with an invalid local playlist"
grep -q "hall-main.json: items: must be an array, got an object; showing the publish's playlist" "$work/err" && ok || bad "the invalid local file is reported: $(cat "$work/err")"
grep -q "notice:n-2026-035" "$work/plan" && ! grep -q "本地提示" "$work/plan" && ok || bad "the publish's playlist is planned instead"
printf '{"items": [{"text": {"title": "本地提示"}}]}\n' >"$data/playlists/hall-portrait.json"
"$bin" playlist plan --group hall-portrait --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>/dev/null
grep -q "  text:0  本地提示  scheduled$" "$work/plan" && ! sed '/^$/,$d' "$work/plan" | grep -qv "本地提示" && ok || bad "--group uses that group's local file"
printf '{"playlist_dir": "%s"}\n' "$work/elsewhere" >"$work/config.json"
mkdir -p "$work/elsewhere"
printf '{"items": [{"text": {"title": "别处"}}]}\n' >"$work/elsewhere/hall-main.json"
"$bin" playlist plan --config "$work/config.json" --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>/dev/null
grep -q "  text:0  别处  scheduled$" "$work/plan" && ok || bad "playlist_dir in the config moves the local files"

# The screen picks up the local playlist (headless screenshot; logs which file it uses).
printf '{"items": [{"text": {"title": "本地提示", "body": "测试"}}]}\n' >"$data/playlists/hall-main.json"
if "$bin" screenshot --out "$work/local.png" --data-dir "$data" --at 2026-11-30T09:00:00+08:00 >/dev/null 2>"$work/err"; then
  grep -q "playlist $data/playlists/hall-main.json: in use, 1 item" "$work/err" && ok || bad "screenshot uses the local playlist: $(cat "$work/err")"
else
  bad "screenshot with a local playlist: $(cat "$work/err")"
fi

# Hot reload on a running screen (offscreen GL): each edit is in effect (logged) within 5 s; an
# invalid edit keeps the last good playlist; removing the file goes back to the publish's.
# wait_for PATTERN SECONDS: until the running screen's log has a line matching PATTERN.
wait_for() { wait_for_line "$2" "$work/run.err" "$1"; }
local_file="$data/playlists/hall-main.json"
printf '{"items": [{"text": {"title": "第一版"}}]}\n' >"$local_file"
SDL_VIDEODRIVER=offscreen "$bin" run --windowed 640x360 --data-dir "$data" >/dev/null 2>"$work/run.err" &
run_pid=$!
if wait_for "first frame shown" 30; then
  wait_for "playlist $local_file: in use, 1 item" 1 && ok || bad "run: the local playlist is used from the start"
  printf '{"items": {"text": {"title": "坏"}, "duration_s": -1}}\n' >"$local_file"
  wait_for "items: must be an array, got an object; keeping the last good playlist" 5 \
    && ok || bad "run: an edit that is not a playlist is logged within 5 s and the last good playlist kept: $(cat "$work/run.err")"
  printf '{"items": [{"text": {"title": "好"}}, {"text": {"title": "坏"}, "duration_s": -1}]}\n' >"$local_file"
  wait_for "playlist $local_file: in use, 1 item; 1 item is skipped (items\[1\]); the other 1 plays" 5 \
    && ok || bad "run: an edit with a bad item is in use, that item skipped: $(cat "$work/run.err")"
  printf '{"items": [{"text": {"title": "第二版"}}, {"text": {"title": "第三版"}}]}\n' >"$local_file"
  wait_for "playlist $local_file: in use, 2 items" 5 && ok || bad "run: a fixed file is in use within 5 s"
  rm "$local_file"
  wait_for "playlist $local_file: removed; showing the publish's playlist" 5 && ok || bad "run: removal goes back to the publish's playlist"
  kill -0 "$run_pid" 2>/dev/null && ok || bad "run: the screen keeps running"
else
  bad "run did not show a first frame: $(cat "$work/run.err")"
fi
kill "$run_pid" 2>/dev/null
wait "$run_pid" 2>/dev/null

# A long card's slot stretches within the staff's limit (max_duration_s): plan measures each card with
# the program's fonts on the reference screen, and screens of any size play that same timeline.
/usr/bin/python3 - "$src/assets/demo-portal/playlists/hall-main.json" "$work/stretch.json" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
p["max_duration_s"] = 90
p["items"] = [i for i in p["items"] if i.get("ref") != "notice:n-2026-018"]  # expired: skipped anyway
json.dump(p, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
slot_of() { # slot_of PLAN REF: "START SECONDS" of the first slot of REF
  /usr/bin/python3 - "$1" "$2" <<'EOF'
import sys, datetime
lines = [l for l in open(sys.argv[1]).read().split("\n\n")[0].splitlines() if l[:2] == "20"]
at = lambda l: datetime.datetime.strptime(l[:19], "%Y-%m-%d %H:%M:%S")
for i, l in enumerate(lines[:-1]):
    if l.split("  ")[1] == sys.argv[2]:
        print(l[:19].replace(" ", "T") + "+08:00", int((at(lines[i + 1]) - at(l)).total_seconds()))
        break
EOF
}
"$bin" playlist plan "$work/stretch.json" --from 2026-11-28T10:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>"$work/err" \
  && ok || bad "plan with max_duration_s: $(cat "$work/err")"
"$bin" playlist plan --group hall-main --from 2026-11-28T10:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plain" 2>&1
read -r start stretched <<<"$(slot_of "$work/plan" disclosure:bsz-2026-0004)"
read -r _ plain <<<"$(slot_of "$work/plain" disclosure:bsz-2026-0004)"
[ "$plain" = 25 ] && [ "${stretched:-0}" -gt 25 ] && [ "$stretched" -le 90 ] \
  && ok || bad "the budget's slot: ${plain}s as published, ${stretched}s with max_duration_s 90 (want 25 < s <= 90)"
# The screen, with it as staff's local playlist, shows the budget 50 s into its slot, at any size.
mkdir -p "$data/playlists" && cp "$work/stretch.json" "$data/playlists/hall-main.json"
later=$(/usr/bin/python3 -c 'import sys, datetime; print((datetime.datetime.fromisoformat(sys.argv[1]) + datetime.timedelta(seconds=min(50, int(sys.argv[2]) - 2))).isoformat())' "$start" "$stretched")
for size in 1920x1080 1366x768 1080x1920; do
  "$bin" screenshot --mode display --data-dir "$data" --at "$later" --size "$size" --out "$work/stretch-$size.png" \
    --layout "$work/stretch-$size.json" >/dev/null 2>&1
  grep -q '"白沙镇2026年财政预算公开"' "$work/stretch-$size.json" && ok || bad "at $size the budget is not on screen at $later"
done
rm -f "$data/playlists/hall-main.json"


# Video items (issue 21): a copy of the demo portal whose hall-main playlist shows two videos (plain
# bytes: the sync never reads media), synced by a device whose video cap is 1 MiB. The one over the
# cap is not downloaded and the publish lands; `playlist check` skips its item with the sync's reason,
# the downloaded one (random bytes) with the player's, and one no publish named as not in the store.
vportal="$work/vportal" vdata="$work/vdata"
cp -r "$src/assets/demo-portal" "$vportal"
mkdir -p "$vportal/att/vv"
head -c 2000 /dev/urandom >"$vportal/att/vv/clip.mp4"
head -c 1048577 /dev/urandom >"$vportal/att/vv/big.webm"
python3 - "$vportal/playlists/hall-main.json" <<'PY'
import json, sys
path = sys.argv[1]
doc = json.load(open(path, encoding="utf-8"))
for href, kind in (("att/vv/clip.mp4", "video/mp4"), ("att/vv/big.webm", "video/webm")):
    doc["items"].append({"video": {"name": "宣传片", "href": href, "sha256": "", "bytes": 1, "type": kind},
                         "duration_s": 30})
json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
python3 "$src/assets/tools/feed-manifest.py" "$vportal" >/dev/null 2>&1 || fatal "feed-manifest.py on the video portal"
printf '{"video": {"max_file_mib": 1}}\n' >"$work/video.json"
"$bin" sync --once --config "$work/video.json" --portal "$vportal" --data-dir "$vdata" >"$work/out" 2>"$work/err"
[ $? -eq 0 ] && grep -Fxq "gongkai-kiosk sync: att/vv/big.webm: not downloaded, its playlist items are skipped: video over the 1 MiB per-file cap (video.max_file_mib): it has 1048577 bytes" "$work/err" \
  && ok || bad "sync: the video over the cap is one line and the publish lands: $(cat "$work/out" "$work/err")"
clip_sha=$(sha256sum "$vportal/att/vv/clip.mp4" | cut -d' ' -f1)
[ -f "$vdata/store/objects/${clip_sha:0:2}/$clip_sha" ] && ok || bad "sync: the video within the cap is in the store"
"$bin" playlist check "$vportal/playlists/hall-main.json" --from $at --config "$work/video.json" --data-dir "$vdata" >"$work/out" 2>&1
[ $? -eq 1 ] && grep -Fxq "hall-main.json: items[17].video: att/vv/big.webm was not downloaded by the sync: video over the 1 MiB per-file cap (video.max_file_mib): it has 1048577 bytes" "$work/out" \
  && ok || bad "check: the video over the cap is skipped with the sync's reason: $(cat "$work/out")"
grep -q "^hall-main.json: items\[16\].video: att/vv/clip.mp4 cannot be played: ." "$work/out" \
  && ok || bad "check: a downloaded file that is not a video is skipped with the player's reason: $(cat "$work/out")"
grep -q "^hall-main.json: 3 items are skipped (items\[15\], items\[16\], items\[17\]); the other 15 play (" "$work/out" \
  && ok || bad "check: the summary counts the skipped videos: $(cat "$work/out")"
printf '{"items": [{"ref": "notice:n-2026-031"}, {"video": {"href": "att/vv/none.mp4", "sha256": "%s", "bytes": 10, "type": "video/mp4"}, "zone": "full"}]}\n' \
  "$(printf none | sha256sum | cut -d' ' -f1)" >"$pl/video.json"
expect_check "a video no publish named" 1 "video.json: items[1].video: att/vv/none.mp4 is not in the store: the sync downloads the videos the publish's playlists name" "$pl/video.json" --from $at --data-dir "$vdata"

finish
