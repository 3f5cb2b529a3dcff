#!/usr/bin/env bash
# `gongkai-kiosk playlist check` and `playlist plan` from the outside, against the bundled demo
# portal synced into a temporary store: every kind of bad playlist gets its exit code and a line
# naming the exact JSON path; the demo's own playlist is valid; plans are well-formed, follow the
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

# A plan's lines: "YYYY-MM-DD HH:MM:SS  REF  TITLE  REASON".
well_formed() {
  [ -s "$1" ] && ! grep -Evq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  [^ ]+  .+  (scheduled|fallback|urgent|idle)$' "$1"
}

sync_demo && ok || bad "sync the demo: $(cat "$work/err")"
"$bin" playlist --help | grep -q "^Usage: gongkai-kiosk playlist check FILE" && ok || bad "playlist --help"

# The demo's own playlists are valid (warnings, such as a notice that has expired by today's
# date, are printed but leave the file valid).
"$bin" playlist check "$src/assets/demo-portal/playlists/hall-main.json" --data-dir "$data" >"$work/out" 2>&1 \
  && grep -q "^hall-main.json: ok, 16 items" "$work/out" && ok || bad "demo hall-main is valid: $(cat "$work/out")"
! grep -v "^hall-main.json: ok" "$work/out" | grep -qv "^hall-main.json: [a-z_]*\[[0-9]*\]" && ok || bad "demo hall-main: every warning names its path"
"$bin" playlist check "$src/assets/demo-portal/playlists/hall-portrait.json" --data-dir "$data" >"$work/out" 2>&1 \
  && grep -q "^hall-portrait.json: ok" "$work/out" && ok || bad "demo hall-portrait is valid: $(cat "$work/out")"

# Bad input, one file per kind.
printf '{"items": [\n  {"ref": "notice:n-2026-031"},\n]}\n' >"$pl/syntax.json"
expect_check "syntax error" 1 "syntax.json: line 3, column 1: syntax error: unexpected ']'; expected '[', '{', or a literal" "$pl/syntax.json"

printf '{"default_duration_s": "15", "items": [{"ref": 12}, {"text": "hi"}]}\n' >"$pl/types.json"
expect_check "wrong type: duration" 1 'types.json: default_duration_s: must be a whole number of seconds > 0, got "15"' "$pl/types.json"
expect_check "wrong type: ref" 1 'types.json: items[0].ref: must be a string such as "notice:n-2026-031", got 12' "$pl/types.json"
expect_check "wrong type: text" 1 'types.json: items[1].text: must be an object {"title": …, "body": …}, got "hi"' "$pl/types.json"

printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "notice:n-2099-999"}, {"ref": "guide:g-none"},
  {"ref": "disclosure:nope"}], "fallback": {"ref": "notice:n-2099-000"}}\n' >"$pl/refs.json"
expect_check "unknown notice" 1 "refs.json: items[1].ref: notice:n-2099-999 is not in the current publish" "$pl/refs.json"
expect_check "unknown guide" 1 "refs.json: items[2].ref: guide:g-none is not in the current publish" "$pl/refs.json"
expect_check "unknown disclosure" 1 "refs.json: items[3].ref: disclosure:nope is not in the current publish" "$pl/refs.json"
expect_check "unknown fallback" 1 "refs.json: fallback.ref: notice:n-2099-000 is not in the current publish" "$pl/refs.json"
printf '{"items": [{"ref": "video:v1"}]}\n' >"$pl/kind.json"
expect_check "unknown ref kind" 1 'kind.json: items[0].ref: unknown ref kind "video" in "video:v1" (expected notice, guide or disclosure)' "$pl/kind.json"

printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "guide:g-gljt-001", "schedule": {"times": ["8:30-12", "25:00-26:00", "10:00-10:00"]}}]}\n' >"$pl/hall.json"
expect_check "time window shape" 1 'hall.json: items[1].schedule.times[0]: "8:30-12" is not HH:MM-HH:MM' "$pl/hall.json"
expect_check "time window hour" 1 'hall.json: items[1].schedule.times[1]: "25:00-26:00": hour 25 is not 00–23 (write midnight as 00:00)' "$pl/hall.json"
expect_check "empty time window" 1 'hall.json: items[1].schedule.times[2]: "10:00-10:00": start equals end (for all day, leave out "times")' "$pl/hall.json"

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

printf '{"name": "空", "items": []}\n' >"$pl/empty.json"
expect_check "empty item list" 1 "empty.json: items: is empty: a playlist needs at least one item" "$pl/empty.json"

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
! grep -q "notice:n-2026-018" "$work/plan" && ok || bad "an expired notice is never shown"
# The urgent notice n-2026-041 (valid 2026-12-02 18:00 – 2026-12-03 20:00) interrupts everything.
printf '{"items": [{"ref": "notice:n-2026-031"}, {"ref": "guide:g-gljt-001", "duration_s": 20}]}\n' >"$pl/simple.json"
"$bin" playlist plan "$pl/simple.json" --from 2026-12-03T00:00:00+08:00 --hours 24 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan a file: $(cat "$work/err")"
well_formed "$work/plan" && ok || bad "urgent plan lines are well-formed"
grep -Fxq "2026-12-03 00:00:00  notice:n-2026-041  关于12月3日白沙集镇区域计划停水的通告  urgent" "$work/plan" && ok || bad "urgent notice at the start: $(head -2 "$work/plan")"
grep -q "^2026-12-03 20:00:00  notice:n-2026-031  .*  scheduled$" "$work/plan" && ok || bad "the rotation resumes at 20:00: $(sed -n 2p "$work/plan")"
[ "$(wc -l <"$work/plan")" -gt 100 ] && ok || bad "the evening rotates"
"$bin" playlist plan "$pl/refs.json" --from 2026-12-03T00:00:00+08:00 --hours 1 --data-dir "$data" >"$work/out" 2>"$work/err"
[ $? -eq 1 ] && grep -q "refs.json: items\[1\].ref: notice:n-2099-999 is not in the current publish" "$work/err" && ok || bad "plan refuses a file with problems"
expect_usage "plan a 5 MB file" "file is 5.0 MiB" -- "$bin" playlist plan "$pl/big.json" --data-dir "$data"

# A local playlist overrides the publish's for its group; an invalid one does not.
mkdir -p "$data/playlists"
printf '{"items": [{"text": {"title": "本地提示", "body": "测试"}, "duration_s": 60}]}\n' >"$data/playlists/hall-main.json"
"$bin" playlist plan --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan with a local playlist"
[ "$(grep -c '  text:0  本地提示  scheduled$' "$work/plan")" -eq 60 ] && ok || bad "the local playlist is planned: $(head -2 "$work/plan")"
grep -q "the local playlist $data/playlists/hall-main.json" "$work/err" && ok || bad "plan names the local file"
printf '{"items": [{"text": {"title": "本地提示"}, "duration_s": 0}]}\n' >"$data/playlists/hall-main.json"
"$bin" playlist plan --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>"$work/err" && ok || bad "plan with an invalid local playlist"
grep -q "hall-main.json: items\[0\].duration_s: must be a whole number of seconds > 0, got 0; showing the publish's playlist" "$work/err" && ok || bad "the invalid local file is reported: $(cat "$work/err")"
grep -q "notice:n-2026-035" "$work/plan" && ! grep -q "本地提示" "$work/plan" && ok || bad "the publish's playlist is planned instead"
printf '{"items": [{"text": {"title": "本地提示"}}]}\n' >"$data/playlists/hall-portrait.json"
"$bin" playlist plan --group hall-portrait --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>/dev/null
grep -q "  text:0  本地提示  scheduled$" "$work/plan" && ! grep -qv "本地提示" "$work/plan" && ok || bad "--group uses that group's local file"
printf '{"playlist_dir": "%s"}\n' "$work/elsewhere" >"$work/config.json"
mkdir -p "$work/elsewhere"
printf '{"items": [{"text": {"title": "别处"}}]}\n' >"$work/elsewhere/hall-main.json"
"$bin" playlist plan --config "$work/config.json" --from 2026-11-30T08:00:00+08:00 --hours 1 --data-dir "$data" >"$work/plan" 2>/dev/null
grep -q "  text:0  别处  scheduled$" "$work/plan" && ok || bad "playlist_dir in the config moves the local files"

# The screen picks up the local playlist (headless screenshot; logs which file it uses).
printf '{"items": [{"text": {"title": "本地提示", "body": "测试"}}]}\n' >"$data/playlists/hall-main.json"
if "$bin" screenshot --out "$work/local.png" --data-dir "$data" --at 2026-11-30T09:00:00+08:00 >/dev/null 2>"$work/err"; then
  grep -q "playlist $data/playlists/hall-main.json: in use, 1 items" "$work/err" && ok || bad "screenshot uses the local playlist: $(cat "$work/err")"
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
  wait_for "playlist $local_file: in use, 1 items" 1 && ok || bad "run: the local playlist is used from the start"
  printf '{"items": [{"text": {"title": "坏"}, "duration_s": -1}]}\n' >"$local_file"
  wait_for "items\[0\].duration_s: must be a whole number of seconds > 0, got -1; keeping the last good playlist" 5 \
    && ok || bad "run: an invalid edit is logged within 5 s and the last good playlist kept: $(cat "$work/run.err")"
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

finish
