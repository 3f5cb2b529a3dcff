#!/usr/bin/env bash
# Crash consistency: `sync --once` of a large publish is killed with SIGKILL at random moments,
# again and again, alternating between two publishes. After every kill the store must hold the old
# or the new publish, intact (status shows no damage), and the screen must render from it.
# Usage: crash_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR [KILLS]
. "$(dirname "$0")/lib.sh"
kills=${3:-50}

# Two large publishes: the demo portal with 4,000 more disclosure items, then the same with every
# title changed (so that every collection differs between them).
make_feed() { # dir, title suffix
  cp -r "$src/assets/demo-portal" "$1"
  python3 - "$1" "$2" <<'PY'
import json, sys
d, suffix = sys.argv[1], sys.argv[2]
path = f"{d}/disclosures.json"
feed = json.load(open(path, encoding="utf-8"))
base = feed["items"]
extra = []
for i in range(4000):
    item = dict(base[i % len(base)])
    item["id"] = f"bulk-{i:05d}"
    item["title"] = f"{item['title']}（第{i}号）{suffix}"
    extra.append(item)
feed["items"] = base + extra
json.dump(feed, open(path, "w", encoding="utf-8"), ensure_ascii=False)
PY
  python3 "$src/assets/tools/feed-manifest.py" "$1" >/dev/null
}
make_feed "$work/feed-a" ""
make_feed "$work/feed-b" "（修订）"
"$bin" sync --once --portal "$work/feed-a" --data-dir "$data" >/dev/null || fatal "first sync failed"
gen_a=$(cat "$data/store/current")

for i in $(seq 1 "$kills"); do
  feed="$work/feed-a"
  [ $((i % 2)) -eq 1 ] && feed="$work/feed-b"
  "$bin" sync --once --portal "$feed" --data-dir "$data" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 550)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  current=$(cat "$data/store/current" 2>/dev/null)
  status=$("$bin" status --data-dir "$data" 2>&1)
  if [ -z "$current" ] || ! grep -q "^Generation:   $current" <<<"$status" || grep -q "Store damage" <<<"$status"; then
    bad "kill $i: store not intact (current '$current'): $status"
    continue
  fi
  # The screen renders from what is there (the portal is gone: no sync can hide damage).
  if ! "$bin" screenshot --out "$work/shot.png" --data-dir "$data" --portal "$work/no-portal" \
      --at 2026-11-27T10:00:00+08:00 >/dev/null 2>"$work/err"; then
    bad "kill $i: screenshot failed: $(cat "$work/err")"
    continue
  fi
  ok
done
# And a sync that is not killed completes on top of whatever the kills left.
"$bin" sync --once --portal "$work/feed-a" --data-dir "$data" >/dev/null && [ "$(cat "$data/store/current")" = "$gen_a" ] &&
  ok || bad "a final sync after $kills kills"
finish
