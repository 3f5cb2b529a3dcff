#!/usr/bin/env bash
# Hostile clocks end to end: the real program (`run --mode display`, SDL's offscreen driver, a fresh
# data dir, a directory portal whose playlist is three 4 s text cards, sync_interval_s 30) runs with
# its wall clock moved under it by libfaketime (Debian's faketime; the offset is re-read from a file
# at every call; CLOCK_MONOTONIC stays real, as with an RTC reset and an NTP step). The clock goes
# back 6 years after a few plays, forward to the real time, forward 6 years (the 2nd sync runs
# there), back 12 years (the 3rd sync runs 6 years in the past) and forward to the real time. Then,
# from the program's own reports: syncs came at the configured rhythm (24–36 s apart on the real
# clock, none extra, none stalled; `status --json`), no play is longer than its 4 s slot and the
# played time adds up to the real time on screen, not years (`report plays`, records.sqlite), and
# SIGTERM still ends it within 2 s. Takes 60–85 s.
# Usage: clock_jump_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
[ -f "$faketime_lib" ] || fatal "$faketime_lib is missing (packaging/install-deps.sh installs Debian's faketime)"
export SDL_VIDEODRIVER=offscreen

# The portal: the demo feed with a playlist of three 4 s text cards (no schedule, no fallback) and
# no urgent notice (an urgent slot would have its own length).
portal="$work/portal"
cp -r "$src/assets/demo-portal" "$portal"
python3 - "$portal" <<'PY' || fatal "making the test portal"
import json, os, sys
portal = sys.argv[1]
path = os.path.join(portal, "playlists", "hall-main.json")
playlist = json.load(open(path, encoding="utf-8"))
playlist.pop("fallback", None)
playlist["default_duration_s"] = 4
playlist["items"] = [{"text": {"title": "时钟测试 %d" % i, "body": "第 %d 张卡片" % i}, "duration_s": 4} for i in range(3)]
json.dump(playlist, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
path = os.path.join(portal, "notices.json")
notices = json.load(open(path, encoding="utf-8"))
for notice in notices["items"]:
    if notice.get("level") == "urgent":
        notice["level"] = "important"
json.dump(notices, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
python3 "$src/assets/tools/feed-manifest.py" -q "$portal" || fatal "feed-manifest.py on the test portal"
printf '{"portal": "file://%s/", "sync_interval_s": 30}\n' "$portal" >"$work/kiosk.json"

python3 - "$bin" "$work" "$faketime_lib" <<'PY'
import csv, datetime, io, json, os, signal, sqlite3, subprocess, sys, time

binary, work, faketime_lib = sys.argv[1:]
data = os.path.join(work, "data")
config = os.path.join(work, "kiosk.json")
offset_file = os.path.join(work, "faketime")
SLOT = 4                                  # every slot of the playlist
INTERVAL, JITTER = 30, 0.2                # sync_interval_s and the worker's jitter
SIX_YEARS = (6 * 365 + 2) * 86400         # with two leap days
failures = []

def bad(message):
    failures.append(message)
    print("FAILED: " + message, flush=True)

def set_offset(seconds):
    with open(offset_file + ".new", "w") as f:
        f.write("%+d\n" % seconds)
    os.replace(offset_file + ".new", offset_file)  # libfaketime never reads half a file
    print("clock_jump_test: wall clock offset %+d s at %.1f s" % (seconds, time.monotonic() - t0), flush=True)

def epoch(iso):
    return datetime.datetime.fromisoformat(iso).timestamp() if iso else None

def status():
    out = subprocess.run([binary, "status", "--json", "--config", config, "--data-dir", data],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None
    s = json.loads(out.stdout)
    return epoch(s["last_attempt"]), epoch(s["next_attempt"])

attempts = []  # (monotonic when first seen, last_attempt, next_attempt, offset then)
offset = 0

def poll():
    s = status()
    if s and s[0] is not None and (not attempts or s[0] != attempts[-1][1]):
        attempts.append((time.monotonic(), s[0], s[1], offset))
        print("clock_jump_test: sync attempt stamped %s seen at %.1f s" %
              (datetime.datetime.fromtimestamp(s[0]).isoformat(), time.monotonic() - t0), flush=True)

def wait_until(deadline, condition=lambda: False):
    while time.monotonic() < deadline:
        poll()
        if condition():
            return True
        time.sleep(0.25)
    return condition()

def step(seconds):
    global offset
    offset = seconds
    set_offset(seconds)

t0 = time.monotonic()
set_offset(0)
env = dict(os.environ, LD_PRELOAD=faketime_lib, FAKETIME_TIMESTAMP_FILE=offset_file, FAKETIME_NO_CACHE="1",
           FAKETIME_DONT_FAKE_MONOTONIC="1", DONT_FAKE_MONOTONIC="1")
log_path = os.path.join(work, "run.err")
log = open(log_path, "w")
proc = subprocess.Popen([binary, "run", "--mode", "display", "--windowed", "640x360", "--config", config,
                         "--data-dir", data], env=env, stderr=log, stdout=subprocess.DEVNULL)

def log_text():
    return open(log_path, encoding="utf-8", errors="replace").read()

try:
    while "first frame" not in log_text():
        if proc.poll() is not None or time.monotonic() - t0 > 30:
            print("FAILED: no first frame: " + log_text()[-600:])
            sys.exit(1)
        time.sleep(0.1)
    first_frame = time.monotonic()
    # The worker's first attempt runs as the screen starts (after the sync that filled the store).
    wait_until(first_frame + 2)
    if not attempts:
        print("FAILED: status shows no sync attempt")
        sys.exit(1)
    attempts = attempts[-1:]
    # Its time on the real clock: the wall clock is still true (one-second stamps).
    first_attempt = attempts[0][1] - (time.time() - time.monotonic())

    wait_until(first_attempt + 8)
    step(-SIX_YEARS)              # an RTC years behind
    wait_until(first_attempt + 16)
    step(0)                       # NTP steps it forward to the real time
    wait_until(first_attempt + 20)
    step(SIX_YEARS)               # and forward 6 years: the 2nd sync runs there
    wait_until(first_attempt + INTERVAL * (1 + JITTER) + 3, lambda: len(attempts) >= 2)
    if len(attempts) < 2:
        bad("no 2nd sync within %d s of the 1st (the rhythm stalled)" % (INTERVAL * (1 + JITTER) + 3))
    else:
        wait_until(attempts[1][0] + 4)
        step(-SIX_YEARS)          # back 12 years: the 3rd sync runs 6 years in the past
        wait_until(attempts[1][0] + INTERVAL * (1 + JITTER) + 2, lambda: len(attempts) >= 3)
        if len(attempts) < 3:
            bad("no 3rd sync within %d s of the 2nd (the rhythm stalled)" % (INTERVAL * (1 + JITTER) + 2))
        else:
            wait_until(attempts[2][0] + 3)
            step(0)               # back to the real time for a few plays
            wait_until(attempts[2][0] + 8)
    if proc.poll() is not None:
        bad("the screen stopped: " + log_text()[-600:])
    stop_at = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    stop_s = time.monotonic() - stop_at
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    log.close()
on_screen = stop_at - first_frame
steps_back, steps_forward = 2, 3

# SIGTERM, years away from where the wall clock started: still in order and within 2 s.
if proc.returncode != 0 or stop_s > 2.0:
    bad("SIGTERM: exit %s after %.2f s" % (proc.returncode, stop_s))
if "stopped by SIGTERM" not in log_text():
    bad("the log does not say it stopped by SIGTERM: " + log_text()[-400:])

# The sync rhythm, on the real clock: one attempt 24–36 s after the one before, in both eras;
# each stamped by the wall clock of its time; the next attempt planned one interval later.
low, high = INTERVAL * (1 - JITTER), INTERVAL * (1 + JITTER)
if len(attempts) != 3:
    bad("%d sync attempts seen, want 3 (one at start, one 6 years ahead, one 6 years back)" % len(attempts))
for i, (seen, last, following, off) in enumerate(attempts):
    real = last - off
    if abs(real - (time.time() - (time.monotonic() - seen))) > 5:
        bad("attempt %d is stamped %s with the wall clock offset by %+d s" % (i + 1, last, off))
    if following is None or not low - 1 <= following - last <= high + 1:
        bad("attempt %d: the next attempt is planned %s s later, want %g–%g" % (i + 1, following and following - last, low, high))
    if i > 0:
        since = seen - (first_attempt if i == 1 else attempts[i - 1][0])
        if not low - 1.5 <= since <= high + 1.5:
            bad("attempt %d came %.1f s after the one before, want %g–%g" % (i + 1, since, low, high))
if len(attempts) >= 3 and [a[3] for a in attempts] != [0, SIX_YEARS, -SIX_YEARS]:
    bad("the attempts ran at wall clock offsets %s" % [a[3] for a in attempts])

# Proof of play, as the portal and staff see it: every item's total within plays × slot, and
# the whole about the real time on screen (a step back loses at most the play on screen, a step
# forward ends it at its slot's end), never years.
today = datetime.date.today()
years = datetime.timedelta(days=6 * 365 + 3)
report = subprocess.run([binary, "report", "plays", "--from", (today - years).isoformat(), "--to",
                         (today + years).isoformat(), "--config", config, "--data-dir", data],
                        capture_output=True, text=True)
rows = list(csv.DictReader(io.StringIO(report.stdout))) if report.returncode == 0 else []
if report.returncode != 0 or not rows:
    bad("report plays: exit %d %s" % (report.returncode, report.stderr[:300]))
total = 0
for row in rows:
    plays, seconds = int(row["plays"]), int(row["total_seconds"])
    total += seconds
    if seconds > plays * SLOT:
        bad("%s: %d s in %d plays of %d s slots" % (row["ref"], seconds, plays, SLOT))
if {row["ref"] for row in rows} != {"text:0", "text:1", "text:2"}:
    bad("report rows: %s" % [row["ref"] for row in rows])
if not on_screen - steps_back * SLOT - 2 <= total <= on_screen + steps_forward * SLOT + 2:
    bad("%d s played in all in %.1f s on screen" % (total, on_screen))
print("clock_jump_test: %d s played in %d report rows over %.1f s on screen; SIGTERM took %.2f s" %
      (total, len(rows), on_screen, stop_s), flush=True)

# Play by play (records.sqlite, read only): 1–4 s each, in the three eras the clock went through.
db = sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "records.sqlite"), uri=True)
plays = db.execute("SELECT ref, start_s, duration_s FROM plays ORDER BY rowid").fetchall()
db.close()
longest = max((d for _, _, d in plays), default=0)
if not plays or longest > SLOT or min(d for _, _, d in plays) < 1:
    bad("play durations from %s to %s s (slots are %d s)" % (min((d for _, _, d in plays), default=None), longest, SLOT))
now = time.time()
eras = {era: sum(1 for _, start, _ in plays if abs(start - (now + era)) < 300) for era in (-SIX_YEARS, 0, SIX_YEARS)}
if sum(eras.values()) != len(plays) or min(eras.values()) < 1:
    bad("plays by era (-6 y, now, +6 y): %s of %d" % (list(eras.values()), len(plays)))
print("clock_jump_test: %d plays (-6 y, now, +6 y: %s), the longest %d s" % (len(plays), list(eras.values()), longest))

if failures:
    print("--- program log (tail) ---\n" + log_text()[-1500:])
    sys.exit(1)
print("clock_jump_test: all checks passed")
PY
