#!/usr/bin/env python3
"""Side-by-side benchmark: our display mode vs Chromium --kiosk showing the same screen.

Two sessions (--session):
  xvfb (default): both run under ONE Xvfb (1920x1080x24, no GPU), as root, one after the other;
  cage: each runs as installed in a hall, under its own `cage` Wayland kiosk compositor (wlroots'
        headless backend, pixman renderer, no GPU), as the unprivileged user nobody (cage refuses
        to run as root). wlroots 0.15 gives the headless output a fixed 1280x720 (WLR_HEADLESS_OUTPUTS
        only sets how many) and cage 0.1.4 has no way to change it, so both sides show 1280x720.
        Ours: `gongkai-kiosk run --mode display` as `gongkai-kiosk session` runs it: an X11 client
        (SDL_VIDEODRIVER=x11) of the Xwayland that cage starts when an X client connects, drawing in
        software into an XShm framebuffer, with LIBGL_DRIVERS_PATH=/dev/null in cage's environment
        when the machine has no GPU render node, so that Xwayland does not load Mesa for GLX
        (--xwayland-glx leaves it out, to show what that costs).
        Chromium: --ozone-platform=wayland, with its sandbox (as nobody it works; --no-sandbox is added
        only if Chromium refuses to start without it), on the page with a CSS zoom of 2/3 so that
        its 1920x1080 layout fills the output as ours scales its own. --no-scanout rotates the
        output 180 degrees (cage -r -r) so that cage composes every frame (complete screenshots).
Each side runs for --warmup seconds and then --seconds of measurement, and the program prints for each:
  - CPU-s per minute of its process tree (utime+stime of every live process of the tree, plus
    cutime+cstime, the CPU of the children they reaped); under Xvfb also the X server's in the same
    window; under cage the tree is the whole session: cage, Xwayland if it runs, the client and all
    its children (found by the session's private XDG_RUNTIME_DIR in their environment, since
    Xwayland and Chromium's crash handlers detach from cage's tree), with cage + Xwayland's share;
  - PSS of the process tree in MiB (sum of Pss from /proc/PID/smaps_rollup) at the end;
and the ratios ours/Chromium (issue 5's goal: CPU <= 0.5, PSS <= 0.25). Under cage it also grabs the
output with `grim` after the measured window and saves the PNG in the work directory (--keep).

The screen is display_bench.py's "20 items every 5 s with a fade" (the demo portal's non-urgent
notices then guides; notices not valid today are skipped by the scheduler): header with the site
name, date, weekday and a clock ticking every second, the card, the QR code of its mobile_url.
Two variants: "with ticker" (the demo playlist's ticker lines for now plus the titles of important
notices, as DisplayApp::tickerTextAt builds them, scrolling at 110 px/s) and "no ticker" (a feed
copy without "ticker" and with no notice marked important, else the program still shows a strip).
Chromium gets a page generated from the same demo-portal files into a temporary directory from
tests/bench/chromium_page/page.html: a CSS fade of 0.4 s, a JS clock, QR codes as PNG made by
`qrencode`, the ticker as a CSS transform animation.

--video (issue 21) replaces the rotation by video, in either session: ffmpeg makes a 60 s testsrc2 clip
at 1920x1080 and one at 1280x720 (H.264, 30 fps, yuv420p, +faststart; once, in --clip-dir if given).
For each clip, ours gets a demo-portal copy whose hall-main playlist is ONE video item (zone main,
muted, no duration_s: the clip's own 60 s, then it again), the file under att/v/ with its sha256 and
bytes from feed-manifest.py, synced like the other feeds; Chromium gets the page with the same header,
clock, ticker, QR panel and footer and `<video autoplay muted loop>` of the same file as its only card. Both
decode in software. Printed as above, with the ratios against issue 21's goal (CPU <= 0.7, PSS <= 0.3),
ours' proof of play for the video and the frames Chromium showed and dropped (its page logs them).
Then "idle cost between videos", ours only: a playlist of the 1080p clip cut to 20 s and the demo's
text card, measured while the text card shows after the video played (the slot found with
`gongkai-kiosk playlist plan`, the screen's own scheduler), and the same text card in a playlist with
no video.

Usage: tests/bench/chromium_bench.py [--binary build/kiosk/gongkai-kiosk] [--seconds 60]
                                     [--warmup 10] [--install] [--keep]
                                     [--session xvfb|cage] [--xwayland-glx] [--no-scanout]
                                     [--video [--clip-dir DIR]]
Needs Xvfb (xvfb session) or cage, grim, Xwayland and setpriv (cage session), chromium and
qrencode, and ffmpeg for --video. Chromium is deliberately not in packaging/install-deps.sh (too big
for CI); --install runs `apt-get install -y --no-install-recommends chromium qrencode` (plus cage
grim xwayland with --session cage), else a missing tool exits with status 2. The cage session must run as root (it
switches to nobody). A program that prints figures, not a test.
"""
import argparse
import datetime
import html
import json
import os
import re
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import display_bench as db  # noqa: E402  (feed copies, program start/stop, /proc readers)

CHROMIUM_FLAGS = [  # what kiosk set-up guides give for an unattended full-screen page
    "--kiosk", "--no-first-run", "--noerrdialogs", "--disable-infobars", "--disable-session-crashed-bubble",
    "--disable-extensions", "--disable-component-update", "--check-for-update-interval=31536000",
    "--password-store=basic",
    "--window-position=0,0", "--window-size=1920,1080",  # no window manager: --kiosk alone gives a small window
    "--no-sandbox",  # we run as root here, and Chromium refuses to start as root without it
]
CRASHPAD = "/usr/lib/chromium/chrome_crashpad_handler"  # detaches from the browser: counted separately
APT = ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "qrencode"]
CAGE_APT = APT + ["cage", "grim", "xwayland"]
TZ = datetime.timezone(datetime.timedelta(hours=8))  # the kiosk's default utc_offset

# --session cage: as a hall installs it, one cage per side, as nobody, on wlroots' headless backend.
NOBODY = 65534  # uid and gid of nobody / nogroup
HEADLESS_SIZE = (1280, 720)  # wlroots 0.15: wlr_headless_add_output(backend, 1280, 720); cage 0.1.4 cannot change it
CAGE_ENV = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1"}
PAGE_ZOOM = HEADLESS_SIZE[0] / 1920  # the page is laid out for 1920x1080: zoomed, it fills the output as ours does
CAGE_CHROMIUM_FLAGS = [  # the same kiosk flags, native Wayland, and no background traffic
    "--kiosk", "--ozone-platform=wayland", "--no-first-run", "--noerrdialogs", "--disable-infobars",
    "--disable-session-crashed-bubble", "--disable-extensions", "--disable-component-update",
    "--check-for-update-interval=31536000", "--password-store=basic", "--disable-background-networking",
    "--disable-sync", "--disable-quic",
    "--window-position=0,0", f"--window-size={HEADLESS_SIZE[0]},{HEADLESS_SIZE[1]}",  # the output's size
]


# --- measuring ---------------------------------------------------------------------------------

def processes():
    """{pid: (ppid, executable)} of every process."""
    out = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{name}/cmdline", "rb") as f:
                out[int(name)] = (ppid, f.read().split(b"\0")[0].decode(errors="replace"))
        except OSError:
            pass
    return out


def tree_pids(root):
    procs, pids = processes(), [root]
    for pid in pids:  # grows while it is walked: breadth first
        pids += [child for child, (ppid, _) in procs.items() if ppid == pid]
    return pids


def tree_cpu(pids):
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                total += sum(map(int, f.read().rsplit(")", 1)[1].split()[11:15])) / db.CLK_TCK
        except OSError:
            pass
    return total


def tree_pss(pids):
    total = 0.0
    for pid in pids:
        try:
            total += db.pss_mib(pid)
        except OSError:
            pass
    return total


def window_of(args, window):
    """(seconds to wait before measuring, seconds measured): --warmup and --seconds, or `window`, a pair
    (wall-clock time the measurement starts at, seconds)."""
    if window is None:
        return args.warmup, args.seconds
    return max(0.0, window[0] - time.time()), window[1]


def measure(pids, xvfb, args, window=None):
    """pids() lists the processes of the side being measured when it is called."""
    wait, seconds = window_of(args, window)
    time.sleep(wait)
    start, cpu, x = time.time(), tree_cpu(pids()), db.cpu_seconds(xvfb.pid)
    time.sleep(seconds)
    cpu, x = tree_cpu(pids()) - cpu, db.cpu_seconds(xvfb.pid) - x
    per_min = 60.0 / seconds
    # The X server's PSS while the side is still its client: its pixmaps and images for that side.
    return {"cpu": cpu * per_min, "xcpu": x * per_min, "pss": tree_pss(pids()), "xpss": tree_pss([xvfb.pid]),
            "procs": len(pids()), "load": os.getloadavg()[0], "from": start, "to": time.time(), "seconds": seconds}


# --- the content, picked as the program picks it now --------------------------------------------

def load(name):
    with open(os.path.join(db.DEMO, name), encoding="utf-8") as f:
        return json.load(f)


def notice_valid(n, now):
    since, until = (n.get(k) and datetime.datetime.fromisoformat(n[k]) for k in ("valid_from", "valid_until"))
    return (not since or since <= now) and (not until or now < until)


def schedule_active(s, now):
    """As scheduleActiveAt (config/schedule.cpp): ISO weekdays, inclusive dates, overnight windows."""
    def day_ok(d):
        return d.isoweekday() in s.get("weekdays", range(1, 8)) and s.get("from", "") <= d.isoformat() <= s.get(
            "until", "9")
    if not s or not s.get("times"):
        return not s or day_ok(now.date())
    minute, today, yesterday = now.hour * 60 + now.minute, now.date(), now.date() - datetime.timedelta(days=1)
    for w in s["times"]:
        start, end = int(w[:2]) * 60 + int(w[3:5]), int(w[6:8]) * 60 + int(w[9:11])
        if (start < end and start <= minute < end and day_ok(today)) or (
                start > end and ((minute >= start and day_ok(today)) or (minute < end and day_ok(yesterday)))):
            return True
    return False


def ticker_text(now):
    """As DisplayApp::tickerTextAt: the playlist's lines active now, then urgent and important titles."""
    parts = [t["text"] for t in load("playlists/hall-main.json").get("ticker", [])
             if schedule_active(t.get("schedule"), now)]
    notices = [n for n in load("notices.json")["items"] if notice_valid(n, now)]
    for level, tag in (("urgent", "【紧急】"), ("important", "【重要】")):
        parts += [tag + n["title"] for n in notices if n["level"] == level]
    return "　　◆　　".join(parts)


def cn_date(iso):
    return f"{int(iso[:4])}年{int(iso[5:7])}月{int(iso[8:10])}日"


def card(ref, notices, guides):
    """(mobile URL, QR caption, card HTML) with the fields of display/info/info_card.cpp."""
    kind, _, ident = ref.partition(":")
    if kind == "notice":
        n = notices[ident]
        until = datetime.datetime.fromisoformat(n["valid_until"]).astimezone(TZ)
        fields = [("有效期至", f"{cn_date(until.date().isoformat())} {until:%H:%M}")]
        head = ("重要" if n["level"] == "important" else "", "通知公告", n["title"],
                f'{n["publisher"]}  ·  {cn_date(n["published_date"])}')
        body, url, caption = n["body_html"], n["mobile_url"], "在手机上查看全文"
    else:
        g = guides[ident]
        total, required = len(g["materials"]), sum(m["required"] for m in g["materials"])
        fields = [("办理地点", g["location"]), ("办公时间", g["hours"]),
                  ("所需材料", f"{total} 项" + (f"（必须提供 {required} 项）" if required < total else "")),
                  ("办理时限", f'承诺 {g["promised_days"]} 个工作日（法定 {g["legal_days"]} 个工作日）'),
                  ("到现场次数", f'最多跑 {g["visits"]} 次' if g["visits"] else "0 次（可全程网上办理）"),
                  ("收费", g["fee_note"]), ("咨询电话", g["consult_phone"])]
        head = ("", "办事指南", g["name"], f'{g["department"]}  ·  {g["kind"]}')
        body = f'<p>受理条件：{html.escape(g["conditions"])}</p>'
        url, caption = g["mobile_url"], "查看材料和在线办理"
    chip, badge, title, meta = map(html.escape, head)
    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in fields)
    return url, caption, (f'<div class="badges">{chip and f"<span class=chip>{chip}</span>"}<span class="badge">'
                          f'{badge}</span></div><h1>{title}</h1><div class="meta">{meta}</div><hr>'
                          f'<table>{rows}</table><div class="body">{body}</div>')


def make_page(dest, with_ticker, now, zoom=None):
    """The Chromium side: dest/page.html and a QR PNG per item. Returns its path and the item count.
    The page is laid out for 1920x1080; `zoom` (CSS zoom of the whole page) fits it to a smaller screen,
    as our program scales its layout to its window."""
    os.makedirs(dest)
    notices = {n["id"]: dict(n, level=n["level"] if with_ticker else "normal") for n in load("notices.json")["items"]}
    guides = {g["id"]: g for g in load("guides.json")["items"]}
    refs = [item["ref"] for item in db.rotation_items(20, 5)]
    cards = []
    for number, ref in enumerate(refs, 1):
        if ref.startswith("notice:") and not notice_valid(notices[ref[7:]], now):
            continue  # the scheduler skips it too
        url, caption, inner = card(ref, notices, guides)
        png = f"qr-{number}.png"  # 10 px modules and a quiet zone of 4, as large as ours
        subprocess.run(["qrencode", "-t", "PNG", "-l", "M", "-s", "10", "-o", os.path.join(dest, png), url], check=True)
        cards.append(f'<div class="card" data-qr="{png}" data-cap="{caption}" data-n="{number}">{inner}</div>')
    return write_page(dest, cards, len(refs), with_ticker, now, zoom), len(cards)


def write_page(dest, cards, total, with_ticker, now, zoom=None, css="", script=""):
    """dest/page.html from chromium_page/page.html with these cards (HTML of each .card), the demo site's
    header and footer, and the ticker; `css` and `script` are added to the page's own. Returns its path."""
    manifest = load("manifest.json")
    generated = datetime.datetime.fromisoformat(manifest["generated_at"]).astimezone(TZ)
    fields = {"SITE": html.escape(manifest["site"]["name"]), "CARDS": "\n".join(cards), "REFS": str(total),
              "TICKER": f'<div id="ticker"><div id="track"><span>{html.escape(ticker_text(now))}</span></div></div>'
              if with_ticker else "",
              "STATUS": f"内容更新于 {cn_date(generated.date().isoformat())} {generated:%H:%M}"}
    with open(os.path.join(HERE, "chromium_page", "page.html"), encoding="utf-8") as f:
        page = re.sub(r"\{\{(\w+)\}\}", lambda m: fields[m.group(1)], f.read())
    if zoom:
        css += f"html {{ zoom: {zoom:.6f}; }}\n"
    page = page.replace("</style></head>", css + "</style></head>", 1)
    page = page.replace("</script></body>", script + "</script></body>", 1)
    with open(os.path.join(dest, "page.html"), "w", encoding="utf-8") as f:
        f.write(page)
    return os.path.join(dest, "page.html")


def make_ours(work, name, binary, with_ticker):
    """Our side: display_bench's rotating feed (20 items, 5 s each), synced into a fresh data dir."""
    feed, data = os.path.join(work, name + "-feed"), os.path.join(work, name + "-data")
    db.make_feed(feed, db.rotation_items(20, 5))
    if not with_ticker:
        for rel, edit in (("playlists/hall-main.json", lambda d: d.pop("ticker", None)),
                          ("notices.json", lambda d: [n.update(level="normal") for n in d["items"]])):
            with open(os.path.join(feed, rel), encoding="utf-8") as f:
                doc = json.load(f)
            edit(doc)
            with open(os.path.join(feed, rel), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2)
        subprocess.run([sys.executable, db.MANIFEST_TOOL, feed], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "sync", "--once", "--portal", feed, "--data-dir", data], check=True,
                   stdout=subprocess.DEVNULL)
    return feed, data


# --- running -----------------------------------------------------------------------------------

def run_ours(binary, feed, data, env, xvfb, args, window=None):
    proc, _ = db.start_program(binary, feed, data, env)
    log = []
    reader = threading.Thread(target=lambda: log.append(proc.stderr.read()), daemon=True)
    reader.start()  # keeps its log pipe from filling up
    try:
        result = measure(lambda: tree_pids(proc.pid), xvfb, args, window)
    finally:
        db.stop(proc)
    reader.join(5)
    return dict(result, log="".join(log))


class Chromium:
    """Chromium on `url`; pids() is its process tree plus the crash handlers it started."""

    def __init__(self, url, profile, env, log, extra=(), **popen):
        self.before = {pid for pid, (_, exe) in processes().items() if exe == CRASHPAD}
        self.cmd = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url]
        self.proc = subprocess.Popen(self.cmd, env=env, stdout=log, stderr=log, **popen)

    def pids(self):
        handlers = [pid for pid, (_, exe) in processes().items() if exe == CRASHPAD and pid not in self.before]
        return tree_pids(self.proc.pid) + handlers

    def added_flags(self):  # by the Debian wrapper /usr/bin/chromium (from /etc/chromium.d), before it execs
        with open(f"/proc/{self.proc.pid}/cmdline", "rb") as f:
            return [a.decode() for a in f.read().split(b"\0")[1:] if a and a.decode() not in self.cmd]

    def stop(self):
        pids = self.pids()
        db.stop(self.proc)
        for pid in pids[1:]:  # anything that outlived the browser process
            try:
                os.kill(pid, 9)
            except OSError:
                pass


def run_chromium(page, profile, env, xvfb, args, log, extra=()):
    chromium = Chromium("file://" + page, profile, env, log, extra)
    try:
        return dict(measure(chromium.pids, xvfb, args), cmd=chromium.cmd, added=chromium.added_flags())
    finally:
        chromium.stop()


def chromium_rendering(launch):
    """How Chromium says it renders here (DevTools SystemInfo.getInfo over --remote-debugging-pipe),
    from a short launch of its own so that the measured runs carry no debugging pipe. launch(extra, **popen)
    starts Chromium on about:blank with the extra flags and returns something with stop()."""
    cmd_r, cmd_w = os.pipe()
    reply_r, reply_w = os.pipe()

    def pipe_fds():  # in the child: Chromium reads commands on fd 3 and writes replies on fd 4
        a, b = os.dup(cmd_r), os.dup(reply_w)
        os.dup2(a, 3)
        os.dup2(b, 4)
    chromium = launch(["--remote-debugging-pipe"], close_fds=False, preexec_fn=pipe_fds)
    os.close(cmd_r)
    os.close(reply_w)
    reply = b""
    try:
        time.sleep(8)
        os.write(cmd_w, b'{"id": 1, "method": "SystemInfo.getInfo"}\0')
        while b"\0" not in reply and select.select([reply_r], [], [], 10)[0]:
            chunk = os.read(reply_r, 1 << 16)
            reply += chunk or b"\0"
        gpu = json.loads(reply.split(b"\0")[0])["result"]["gpu"]
        status = gpu["featureStatus"]
        return (f"gpu_compositing={status.get('gpu_compositing')}, rasterization={status.get('rasterization')}, "
                f"GL {gpu['auxAttributes'].get('glRenderer')}")
    except (OSError, ValueError, KeyError) as e:
        return f"unknown ({e!r})"
    finally:
        os.close(cmd_w)
        os.close(reply_r)
        chromium.stop()


# --- cage sessions (--session cage) --------------------------------------------------------------

def as_nobody(env):
    """The command prefix that runs a program as nobody with exactly `env` (cage refuses root)."""
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "env", "-i",
            *(f"{k}={v}" for k, v in env.items())]


def give_to_nobody(path):
    """Feeds, data dirs, pages and profiles are prepared as root; the sides read and write them as nobody."""
    os.lchown(path, NOBODY, NOBODY)
    for top, dirs, files in os.walk(path):
        for name in dirs + files:
            os.lchown(os.path.join(top, name), NOBODY, NOBODY)


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def signal_pids(pids, sig):
    for pid in pids:
        try:
            os.kill(pid, sig)
        except OSError:
            pass


def png_stats(path):
    """(width, height, share of pixels that are not black) of an 8-bit RGB or RGBA PNG such as grim writes."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            width, height, _, color = struct.unpack(">IIBB", data[pos + 8:pos + 18])
        elif kind == b"IDAT":
            idat.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    bpp = {2: 3, 6: 4}[color]
    raw, stride, prev, lit = zlib.decompress(b"".join(idat)), width * bpp, bytearray(width * bpp), 0
    for y in range(height):  # undo the PNG row filters (None, Sub, Up, Average, Paeth)
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride) if kind else ():
            a, b = row[x - bpp] if x >= bpp else 0, prev[x]
            if kind == 1:
                row[x] = (row[x] + a) & 255
            elif kind == 2:
                row[x] = (row[x] + b) & 255
            elif kind == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            else:
                c = prev[x - bpp] if x >= bpp else 0
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        lit += sum(1 for x in range(0, stride, bpp) if row[x] or row[x + 1] or row[x + 2])
        prev = row
    return width, height, lit / (width * height)


class Cage:
    """One cage running `client` as nobody, with a private XDG_RUNTIME_DIR and HOME under `work`, its
    output on wlroots' headless backend. pids() is the whole session: cage's process tree plus every
    process whose environment names that XDG_RUNTIME_DIR (wlroots double-forks Xwayland, and Chromium's
    crash handlers detach: both end up children of init). stop() ends them all."""

    live = []  # started and not stopped yet: main() stops these on any way out

    def __init__(self, work, name, client, args, extra_env=None, **popen):
        self.runtime, self.home = os.path.join(work, name + "-runtime"), os.path.join(work, name + "-home")
        for path in (self.runtime, self.home):
            os.mkdir(path, 0o700)
            os.chown(path, NOBODY, NOBODY)
        self.env = dict(PATH="/usr/bin:/bin", XDG_RUNTIME_DIR=self.runtime, HOME=self.home, **CAGE_ENV,
                        **(extra_env or {}))
        self.cmd = [*as_nobody(self.env), "cage", "-d", *(["-r", "-r"] if args.no_scanout else []), "--", *client]
        self.tag = f"XDG_RUNTIME_DIR={self.runtime}".encode()
        self.log_path = os.path.join(work, name + ".log")
        with open(self.log_path, "w") as log:  # cage's log and its client's: both write to cage's stderr
            self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                         cwd=self.home, start_new_session=True, **popen)
        Cage.live.append(self)

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def check_running(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"cage exited with {self.proc.returncode}; the end of {self.log_path}:\n"
                               + "\n".join(self.log_text().splitlines()[-15:]))

    def wait_for(self, text, timeout):
        """The first log line that contains `text`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log_text().splitlines():
                if text in line:
                    return line
            self.check_running()
            time.sleep(0.2)
        raise RuntimeError(f"no {text!r} in {self.log_path} after {timeout} s")

    def socket(self):
        """The name of the Wayland socket cage created in its XDG_RUNTIME_DIR."""
        for _ in range(100):
            names = [n for n in os.listdir(self.runtime) if n.startswith("wayland-") and not n.endswith(".lock")]
            if names:
                return names[0]
            self.check_running()
            time.sleep(0.1)
        raise RuntimeError(f"cage made no Wayland socket in {self.runtime}")

    def tagged(self):
        pids = []
        for name in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    if self.tag in f.read().split(b"\0"):
                        pids.append(int(name))
            except OSError:
                pass
        return pids

    def pids(self):
        tree = tree_pids(self.proc.pid) if self.proc.poll() is None else []  # once reaped its pid may be reused
        return list(dict.fromkeys(tree + self.tagged()))

    def server_pids(self):
        return [pid for pid in self.pids() if comm(pid) in ("cage", "Xwayland")]

    def client_pid(self):
        children = [pid for pid, (ppid, _) in processes().items() if ppid == self.proc.pid]
        if not children:
            self.check_running()
            raise RuntimeError("cage runs no client")
        return children[0]

    def client_env(self):
        with open(f"/proc/{self.client_pid()}/environ", "rb") as f:
            return dict(v.decode(errors="replace").partition("=")[::2] for v in f.read().split(b"\0") if v)

    def screenshot(self, path):
        """grim, as nobody, on cage's socket; `path` must be writable by nobody."""
        env = dict(PATH="/usr/bin:/bin", XDG_RUNTIME_DIR=self.runtime, WAYLAND_DISPLAY=self.socket())
        with open(self.log_path, "a") as log:
            subprocess.run([*as_nobody(env), "grim", path], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                           cwd=self.home, check=True, timeout=30)
        return path

    def stop(self):
        """The client first (our program records the item on screen; cage exits with its client), then cage,
        then whatever is left of the session (Xwayland, crash handlers) is killed."""
        if self in Cage.live:
            Cage.live.remove(self)
        if self.proc.poll() is None:
            signal_pids([pid for pid, (ppid, _) in processes().items() if ppid == self.proc.pid], signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                db.stop(self.proc)
        deadline = time.monotonic() + 10
        while self.tagged():
            if time.monotonic() > deadline:
                print(f"warning: could not end {self.tagged()} ({self.runtime})", file=sys.stderr)
                break
            signal_pids(self.tagged(), signal.SIGKILL)
            time.sleep(0.2)


def x11_socket_dir():
    """wlroots puts Xwayland's sockets in /tmp/.X11-unix; if it is missing, cage (as nobody) would create it
    0755 and own it, and no other user could start an X server. Make it as systemd-tmpfiles does."""
    if not os.path.isdir("/tmp/.X11-unix"):
        os.mkdir("/tmp/.X11-unix")
        os.chmod("/tmp/.X11-unix", 0o1777)


def measure_cage(cage, args, png, window=None):
    """As measure(), for the whole session; then the screenshot (outside the window: grim and the frame it
    makes cage compose are not measured, and grim would count as part of the session)."""
    wait, seconds = window_of(args, window)
    time.sleep(wait)
    cage.check_running()
    start, cpu, server = time.time(), tree_cpu(cage.pids()), tree_cpu(cage.server_pids())
    time.sleep(seconds)
    cage.check_running()
    pids = cage.pids()
    cpu, server = tree_cpu(pids) - cpu, tree_cpu(cage.server_pids()) - server
    per_min = 60.0 / seconds
    names = {}
    for pid in pids:
        names[comm(pid)] = names.get(comm(pid), 0) + 1
    result = {"cpu": cpu * per_min, "server": server * per_min, "pss": tree_pss(pids), "procs": len(pids),
              "load": os.getloadavg()[0], "names": ", ".join(f"{n} {k}" if k > 1 else n for n, k in names.items()),
              "from": start, "to": time.time(), "seconds": seconds}
    cage.screenshot(png)
    return dict(result, png=png, shot=png_stats(png), cmd=cage.cmd)


def run_ours_cage(binary, feed, data, work, name, args, window=None):
    client = [binary, "run", "--mode", "display", "--portal", feed, "--data-dir", data]
    # As `gongkai-kiosk session` sets it (kiosk/cli/session_command.cpp): through cage's Xwayland,
    # which (no GPU here) gets no Mesa drivers to load for GLX.
    client = ["env", "SDL_VIDEODRIVER=x11", *client]
    no_gpu = not any(n.startswith("renderD") for n in (os.listdir("/dev/dri") if os.path.isdir("/dev/dri") else []))
    session_env = {"LIBGL_DRIVERS_PATH": "/dev/null"} if no_gpu and not args.xwayland_glx else {}
    cage = Cage(work, name, client, args, extra_env=session_env)
    try:
        line = cage.wait_for("first frame", 60)
        shown = re.search(r"first frame shown, generation \S+, (\d+×\d+), (\w+),", line)
        env = cage.client_env()
        result = measure_cage(cage, args, os.path.join(work, "screens", name + ".png"), window)
        sizes = ([shown.group(1)] if shown else []) + re.findall(r"window is now (\S+)", cage.log_text())
        return dict(result, window=" then ".join(sizes) or "?", driver=shown.group(2) if shown else
                    "unknown (not in its log)", display=env.get("DISPLAY", "unset"),
                    wayland=env.get("WAYLAND_DISPLAY", "unset"), sdl=env.get("SDL_VIDEODRIVER", "unset"),
                    log=cage.log_text())
    finally:
        cage.stop()


def chromium_client(profile, sandbox, url, extra=()):
    return ["chromium", *CAGE_CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={profile}", *extra, url]


def run_chromium_cage(page, work, name, args, sandbox, extra=()):
    profile = os.path.join(work, "profile-" + name)
    os.mkdir(profile, 0o700)
    os.chown(profile, NOBODY, NOBODY)
    client = chromium_client(profile, sandbox, "file://" + page, extra)
    cage = Cage(work, name, client, args)
    try:
        result = measure_cage(cage, args, os.path.join(work, "screens", name + ".png"))
        with open(f"/proc/{cage.client_pid()}/cmdline", "rb") as f:  # what the Debian wrapper added
            added = [a.decode() for a in f.read().split(b"\0")[1:] if a and a.decode() not in client]
        return dict(result, client=client, added=added, log=cage.log_text())
    finally:
        cage.stop()


def cage_chromium_probe(work, args):
    """Chromium's rendering under cage (as chromium_rendering), and the sandbox flags it needs as nobody:
    none, unless it refuses to start without --no-sandbox."""
    for sandbox in ([], ["--no-sandbox"]):
        name = "probe" + ("-no-sandbox" if sandbox else "")
        profile = os.path.join(work, "profile-" + name)
        os.mkdir(profile, 0o700)
        os.chown(profile, NOBODY, NOBODY)
        cages = []

        def launch(extra, **popen):
            cages.append(Cage(work, name, chromium_client(profile, sandbox, "about:blank", extra), args, **popen))
            return cages[-1]
        rendering = chromium_rendering(launch)
        if "No usable sandbox" not in cages[-1].log_text():
            break
    return rendering, sandbox


def main_cage(args, work, now):
    """--session cage: per variant ours, then Chromium, each in a cage of its own. Returns the rows and notes."""
    x11_socket_dir()
    os.mkdir(os.path.join(work, "screens"))
    give_to_nobody(work)
    rendering, sandbox = cage_chromium_probe(work, args)
    rows = []
    for variant, with_ticker in (("with ticker", True), ("no ticker", False)):
        name = variant.replace(" ", "-")
        feed, data = make_ours(work, name, args.binary, with_ticker)
        page, shown = make_page(os.path.join(work, "page-" + name), with_ticker, now, PAGE_ZOOM)
        give_to_nobody(work)
        print(f"[{variant}] ours in cage, then Chromium in cage ...", file=sys.stderr, flush=True)
        ours = run_ours_cage(args.binary, feed, data, work, "ours-" + name, args)
        chromium = run_chromium_cage(page, work, "chromium-" + name, args, sandbox)
        rows.append((variant, shown, ours, chromium))
    return rows, rendering, sandbox


def report_cage(args, rows, rendering, sandbox):
    ours_last, chromium_last = rows[-1][2], rows[-1][3]
    print(f"ours vs Chromium --kiosk, each in its own cage (Wayland kiosk compositor; wlroots headless backend, "
          f"pixman renderer, no GPU) as nobody, {os.cpu_count()} CPUs, one after the other: {args.warmup} s "
          f"warm-up, then {args.seconds} s measured")
    print(f"output: {HEADLESS_SIZE[0]}x{HEADLESS_SIZE[1]} for both sides: wlroots 0.15 makes every headless output "
          f"1280x720 (WLR_HEADLESS_OUTPUTS only sets how many) and cage 0.1.4 has no option or output-management "
          f"protocol to change it" + ("; rotated 180° (cage -r -r, --no-scanout)" if args.no_scanout else ""))
    print(f"  ours lays its screen out for its window; Chromium's page, laid out for 1920x1080, gets CSS "
          f"`html {{ zoom: {PAGE_ZOOM:.4f} }}` to fill it the same way")
    print(f"ours: SDL video driver {ours_last['driver']} (SDL_VIDEODRIVER={ours_last['sdl']}; "
          f"Xwayland {'with' if args.xwayland_glx else 'without'} Mesa for GLX; the client got "
          f"WAYLAND_DISPLAY={ours_last['wayland']} "
          f"DISPLAY={ours_last['display']}), window {ours_last['window']} (its log)")
    print(f"{'':22}{'CPU-s/min':>10}{'cage+Xw':>9}{'PSS MiB':>9}{'procs':>6}{'load':>6}  processes")
    for variant, shown, ours, chromium in rows:
        print(f"{variant}: {shown} of the 20 items valid today, 5 s each with a 0.4 s fade, clock, QR code")
        for label, r in (("  ours", ours), ("  Chromium --kiosk", chromium)):
            print(f"{label:22}{r['cpu']:10.3f}{r['server']:9.3f}{r['pss']:9.1f}{r['procs']:6d}{r['load']:6.1f}  "
                  f"{r['names']}")
        print(f"  ours/Chromium, whole sessions: CPU {ours['cpu'] / chromium['cpu']:.2f} (goal <= 0.50); "
              f"PSS {ours['pss'] / chromium['pss']:.3f} (goal <= 0.25)")
    print("(CPU-s/min and PSS of the whole session: cage, Xwayland if it runs, the client and its children; cage+Xw:"
          " the compositor's share of that CPU; load: 1-minute load average at the end of the run)")
    print("screenshots (grim, after each measured window; share of pixels not black):")
    for variant, _, ours, chromium in rows:
        for label, r in (("ours", ours), ("Chromium", chromium)):
            width, height, lit = r["shot"]
            print(f"  {variant}, {label}: {width}x{height}, {lit:.0%} not black"
                  + (f"  {r['png']}" if args.keep else "  (deleted: run with --keep to look at it)"))
    if not args.no_scanout:
        print("  (cage 0.1.4 scans a full-screen client's buffer out directly; a grim capture stops that for one\n"
              "   frame, and cage then repaints only what changed since the previous frame into a buffer that\n"
              "   went stale during the scan-out, so parts of a screenshot may be black although the output was\n"
              "   complete. --no-scanout rotates the output 180° so that cage composes every frame: complete\n"
              "   screenshots, but the compositor's CPU is no longer that of a hall.)")
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(args.binary)))
    print(f"ours:     {' '.join(ours_last['cmd'])}  (binary of {built})")
    print(f"Chromium: {' '.join(chromium_last['cmd'])}")
    print(f"  as nobody Chromium {'runs with its sandbox' if not sandbox else 'refused its sandbox: --no-sandbox'};"
          f" the Debian wrapper adds {' '.join(chromium_last['added'])}")
    print(f"  its rendering, as it reports it: {rendering}")


# --- video (--video, issue 21) -------------------------------------------------------------------

CLIPS = (("1080p", 1920, 1080), ("720p", 1280, 720))  # testsrc2 at 30 fps, as video_bench makes them
IDLE_VIDEO_S = 20  # the idle playlist's video slot: the 1080p clip cut to this (its duration_s)
# As info_screen.cpp draws a Video card in the main zone: the 视频 badge, the picture as large as the card
# area allows with its shape kept, the item's name under it; the QR panel shows the site's mobile portal
# (HallSession gives every card without a QR of its own that one, captioned 访问政务公开网站).
VIDEO_CSS = """.card.video.on { display: flex; flex-direction: column; }
.card.video video { flex: 1; min-height: 0; width: 100%; object-fit: contain; }
.card.video .caption { font-size: 28px; font-weight: bold; line-height: 44px; text-align: center; margin-top: 11px; }
"""
# Every 5 s the page logs the video's frame counts (console.log reaches Chromium's log with
# --enable-logging=stderr): how many frames it showed and dropped in the measured window.
VIDEO_STATS_JS = """
const video = document.querySelector("video");
setInterval(() => { const q = video.getVideoPlaybackQuality();
  console.log("video-stats " + JSON.stringify({at: Date.now() / 1000, t: video.currentTime, frames: q.totalVideoFrames,
    dropped: q.droppedVideoFrames, w: video.videoWidth, h: video.videoHeight, error: video.error ? video.error.code : 0}));
}, 5000);
"""
VIDEO_CHROMIUM_FLAGS = ["--enable-logging=stderr"]


def make_clip(directory, label, width, height, seconds):
    """`seconds` of ffmpeg's testsrc2 at width x height, 30 fps, H.264 (libx264, yuv420p, moov first);
    made once: a clip already in `directory` is used again. Returns its path and a line about it."""
    path = os.path.join(directory, f"testsrc2-{label}-{seconds}s.mp4")
    if not os.path.exists(path):
        print(f"making {path} with ffmpeg ...", file=sys.stderr, flush=True)
        part = path + ".part.mp4"
        subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=s={width}x{height}:r=30:d={seconds}", "-c:v", "libx264", "-preset", "veryfast",
                        "-pix_fmt", "yuv420p", "-movflags", "+faststart", part], check=True)
        os.replace(part, path)
    size = os.path.getsize(path)
    return path, (f"testsrc2 {width}x{height} H.264 (libx264 veryfast, yuv420p, +faststart), 30 fps, {seconds} s, "
                  f"{size / 1e6:.1f} MB ({size * 8 / seconds / 1e6:.2f} Mbit/s)")


def video_item(clip, label, **options):
    """The playlist item of issue 21 for `clip` (zone main, muted); sha256 and bytes come from feed-manifest.py."""
    return {"video": {"name": f"测试视频 {label}", "href": "att/v/" + os.path.basename(clip), "type": "video/mp4"},
            "muted": True, "zone": "main", **options}


def demo_text_item(duration):
    """The demo playlist's first text card, shown for `duration` seconds."""
    item = next(i for i in load("playlists/hall-main.json")["items"] if "text" in i)
    return {"text": item["text"], "duration_s": duration}


def make_video_ours(work, name, binary, items, clips):
    """A demo-portal copy whose hall-main playlist is `items` (its ticker kept), with `clips` under att/v/,
    synced into a fresh data dir."""
    feed, data = os.path.join(work, name + "-feed"), os.path.join(work, name + "-data")
    db.make_feed(feed, items, {"att/v/" + os.path.basename(clip): clip for clip in clips})
    subprocess.run([binary, "sync", "--once", "--portal", feed, "--data-dir", data], check=True,
                   stdout=subprocess.DEVNULL)
    return feed, data


def make_video_page(dest, clip, item, now, zoom=None):
    """The Chromium side: the page's header, clock, ticker and footer, with one card that is
    <video autoplay muted loop> of the same file, laid out as ours lays out a Video card."""
    os.makedirs(dest)
    name = os.path.basename(clip)
    try:
        os.link(clip, os.path.join(dest, name))
    except OSError:
        shutil.copyfile(clip, os.path.join(dest, name))
    subprocess.run(["qrencode", "-t", "PNG", "-l", "M", "-s", "10", "-o", os.path.join(dest, "qr-site.png"),
                    load("manifest.json")["site"]["mobile_url"]], check=True)
    card = (f'<div class="card video" data-qr="qr-site.png" data-cap="访问政务公开网站" data-n="1"><div class="badges">'
            f'<span class="badge">视频'
            f'</span></div><video src="{name}" autoplay muted loop></video><div class="caption">'
            f'{html.escape(item["video"]["name"])}</div></div>')
    return write_page(dest, [card], 1, True, now, zoom, VIDEO_CSS, VIDEO_STATS_JS)


def chromium_video_stats(log_text, start, end):
    """What the page logged about its video within [start, end]."""
    samples = [json.loads(m.group(1)) for m in re.finditer(r"video-stats (\{[^}]*\})", log_text)]
    inside = [s for s in samples if start - 0.1 <= s["at"] <= end + 0.1]
    if len(inside) < 2:
        return f"no frame counts in its log ({len(samples)} samples in all)"
    a, b = inside[0], inside[-1]
    shown = (b["frames"] - b["dropped"]) - (a["frames"] - a["dropped"])
    return (f"{shown / (b['at'] - a['at']):.1f} frames/s shown, {b['dropped'] - a['dropped']} dropped over "
            f"{b['at'] - a['at']:.0f} s ({b['w']}x{b['h']}" + (f", media error {b['error']}" if b["error"] else "") + ")")


def plays_of(data):
    """Proof of play in the data dir's records.sqlite: 'ref duration_s' of each play, in order."""
    try:
        con = sqlite3.connect(f"file:{os.path.join(data, 'records.sqlite')}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT ref, duration_s FROM plays ORDER BY start_s").fetchall()
        finally:
            con.close()
    except sqlite3.Error as e:
        return f"unknown ({e})"
    return ", ".join(f"{ref.split('/')[-1]} {seconds} s" for ref, seconds in rows) or "none"


def video_log_lines(log_text):
    """Our program's log lines that name a video (skips, failures, what the player said)."""
    return [line.strip() for line in log_text.splitlines() if re.search(r"video|mpv", line, re.I)][-4:]


def idle_window(binary, data, seconds, not_before):
    """From `gongkai-kiosk playlist plan` (the screen's own scheduler): the first text slot that follows a
    video slot starting at or after `not_before`. Returns ((start of the measurement, seconds), video
    slot start, text slot start): measured from 3 s into the text slot, ending at least 3 s before it does."""
    out = subprocess.run([binary, "playlist", "plan", "--group", "hall-main", "--hours", "2", "--data-dir", data],
                         check=True, capture_output=True, text=True).stdout
    slots = [(datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ).timestamp(), m.group(2))
             for m in re.finditer(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)  (\S+)", out, re.M)]
    for (v_start, v_ref), (t_start, t_ref), (t_end, _) in zip(slots, slots[1:], slots[2:]):
        if v_ref.startswith("video:") and t_ref.startswith("text:") and v_start >= not_before:
            return (t_start + 3, min(seconds, t_end - t_start - 6)), v_start, t_start
    raise RuntimeError("the plan has no text slot after a video slot:\n" + out)


def video_runs(args, work, now, ours, chromium, zoom=None, before_run=lambda: None):
    """Both clips on both sides, then ours alone on the idle playlists. ours(name, feed, data, window) and
    chromium(name, page) run one side and return its figures."""
    clip_dir = args.clip_dir or work
    os.makedirs(clip_dir, exist_ok=True)
    clips = {label: make_clip(clip_dir, label, w, h, 60) for label, w, h in CLIPS}
    rows = []
    for label, (clip, facts) in clips.items():
        item = video_item(clip, label)
        feed, data = make_video_ours(work, "video-" + label, args.binary, [item], [clip])
        page = make_video_page(os.path.join(work, "page-video-" + label), clip, item, now, zoom)
        before_run()
        print(f"[video {label}] ours, then Chromium ...", file=sys.stderr, flush=True)
        mine = ours("ours-video-" + label, feed, data, None)
        mine["plays"] = plays_of(data)
        theirs = chromium("chromium-video-" + label, page)
        theirs["video"] = chromium_video_stats(theirs.pop("log", ""), theirs["from"], theirs["to"])
        rows.append((label, facts, mine, theirs))
    idle = []
    clip, _ = clips["1080p"]
    text_s = args.seconds + 15
    feed, data = make_video_ours(work, "idle-after-video", args.binary,
                                 [video_item(clip, "1080p", duration_s=IDLE_VIDEO_S), demo_text_item(text_s)], [clip])
    window, video_at, text_at = idle_window(args.binary, data, args.seconds, time.time() + 15)
    before_run()
    print(f"[idle] ours: the video slot at {time.strftime('%H:%M:%S', time.localtime(video_at))}, the text card "
          f"from {time.strftime('%H:%M:%S', time.localtime(text_at))}; measured from {window[0] - text_at:.0f} s "
          f"into it for {window[1]:.0f} s ...", file=sys.stderr, flush=True)
    mine = ours("ours-idle-after-video", feed, data, window)
    idle.append((f"the text card after the 1080p clip ({IDLE_VIDEO_S} s slot; text card {text_s} s; measured "
                 f"{window[0] - text_at:.0f} s into it)", dict(mine, plays=plays_of(data))))
    feed, data = make_video_ours(work, "idle-no-video", args.binary, [demo_text_item(text_s)], [])
    before_run()
    print("[idle] ours: the same text card, no video in the playlist ...", file=sys.stderr, flush=True)
    mine = ours("ours-idle-no-video", feed, data, None)
    idle.append(("the same text card alone, no video in the playlist", dict(mine, plays=plays_of(data))))
    return rows, idle


def video_xvfb(args, work, now, env, xvfb, log):
    def ours(name, feed, data, window):
        return run_ours(args.binary, feed, data, env, xvfb, args, window)

    def chromium(name, page):
        result = run_chromium(page, os.path.join(work, "profile-" + name), env, xvfb, args, log, VIDEO_CHROMIUM_FLAGS)
        log.flush()
        with open(log.name, encoding="utf-8", errors="replace") as f:
            return dict(result, log=f.read())
    return video_runs(args, work, now, ours, chromium)


def video_cage(args, work, now):
    x11_socket_dir()
    os.mkdir(os.path.join(work, "screens"))
    give_to_nobody(work)
    rendering, sandbox = cage_chromium_probe(work, args)

    def ours(name, feed, data, window):
        return run_ours_cage(args.binary, feed, data, work, name, args, window)

    def chromium(name, page):
        return run_chromium_cage(page, work, name, args, sandbox, VIDEO_CHROMIUM_FLAGS)
    rows, idle = video_runs(args, work, now, ours, chromium, PAGE_ZOOM, lambda: give_to_nobody(work))
    return rows, idle, rendering, sandbox


def report_video(args, rows, idle, rendering, sandbox=None):
    cage = args.session == "cage"
    where = (f"each in its own cage (wlroots headless, pixman, no GPU) as nobody, output {HEADLESS_SIZE[0]}x"
             f"{HEADLESS_SIZE[1]}" + (", rotated 180° (--no-scanout)" if args.no_scanout else "") if cage
             else "under one Xvfb 1920x1080x24")
    print(f"video (issue 21): ours vs Chromium --kiosk playing the same file, {where}, {os.cpu_count()} CPUs, "
          f"software decoding, one after the other: {args.warmup} s warm-up, then {args.seconds} s measured")
    print("  ours: a playlist of one video item (zone main, muted, no duration_s: the clip's 60 s, then again), "
          "header, clock, ticker; Chromium: the same layout, <video autoplay muted loop> in the card area")
    server = "cage+Xw" if cage else "X server"
    print(f"{'':22}{'CPU-s/min':>10}{server:>9}{'PSS MiB':>9}{'X PSS':>7}{'procs':>6}{'load':>6}")

    def cpu(r):  # cage: the whole session (the server's share is in it); Xvfb: the tree plus the X server
        return r["cpu"] if cage else r["cpu"] + r["xcpu"]

    def pss(r):
        return r["pss"] if cage else r["pss"] + r["xpss"]

    def line(label, r):
        print(f"{label:22}{cpu(r):10.3f}{r['server'] if cage else r['xcpu']:9.3f}{pss(r):9.1f}"
              f"{'' if cage else format(r['xpss'], '.1f'):>7}{r['procs']:6d}{r['load']:6.1f}")
    for label, facts, ours, chromium in rows:
        print(f"{label}: {facts}")
        line("  ours", ours)
        line("  Chromium --kiosk", chromium)
        print(f"  ours/Chromium: CPU {cpu(ours) / cpu(chromium):.2f} (goal <= 0.70); PSS {pss(ours) / pss(chromium):.3f} "
              f"(goal <= 0.30)" + ("" if cage else f"; process trees alone: CPU {ours['cpu'] / chromium['cpu']:.2f}, "
                                   f"PSS {ours['pss'] / chromium['pss']:.3f}"))
        print(f"  ours' proof of play: {ours['plays']}")
        for text in video_log_lines(ours.get("log", "")):
            print(f"  ours' log: {text}")
        print(f"  Chromium's video: {chromium['video']}")
    print("idle cost between videos, ours only:")
    for label, ours in idle:
        print(f"  {label}: measured {ours['seconds']:.0f} s")
        line("    ours", ours)
        print(f"    proof of play: {ours['plays']}")
    print("(CPU-s/min: " + ("the whole session: cage, Xwayland, the client and its children; cage+Xw: the "
                            "compositor's share of it" if cage else "the process tree plus the X server in the same "
                            "window; X server: its share") + "; PSS: " + ("the whole session" if cage else
                            "the tree plus the X server's (X PSS)") + " at the end; load: 1-minute load average "
          "at the end of the run)")
    if cage:
        print("screenshots (grim, after each measured window; share of pixels not black):")
        for label, r in [(f"{label}, ours", o) for label, _, o, _ in rows] + [(f"{label}, Chromium", c) for label, _, _, c
                                                                              in rows] + [(label, o) for label, o in idle]:
            width, height, lit = r["shot"]
            print(f"  {label}: {width}x{height}, {lit:.0%} not black" + (f"  {r['png']}" if args.keep else ""))
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(args.binary)))
    print(f"ours:     {' '.join(rows[-1][2]['cmd']) if cage else args.binary + ' run --portal FEED --data-dir DATA'}"
          f"  (binary of {built})")
    print(f"Chromium: {' '.join(rows[-1][3]['cmd'])}")
    print(f"  the Debian wrapper adds {' '.join(rows[-1][3]['added'])}"
          + (f"; as nobody Chromium {'runs with its sandbox' if not sandbox else 'refused its sandbox: --no-sandbox'}"
             if cage else "; run as root, hence --no-sandbox"))
    print(f"  its rendering, as it reports it: {rendering}")


def check_tools(install, session, video=False):
    apt = APT if session == "xvfb" else CAGE_APT
    tools = ("Xvfb", "chromium", "qrencode") if session == "xvfb" else (
        "cage", "grim", "Xwayland", "setpriv", "chromium", "qrencode")
    tools += ("ffmpeg",) if video else ()
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing and install and "Xvfb" not in missing:
        subprocess.run(apt, check=True)
        missing = [tool for tool in missing if shutil.which(tool) is None]
    if missing:
        print(f"missing: {', '.join(missing)}. Xvfb and ffmpeg come with packaging/install-deps.sh, setpriv with "
              f"util-linux; "
              f"for the others run\n  sudo {' '.join(apt)}\nor run this program as root with --install.",
              file=sys.stderr)
        sys.exit(2)


def interrupted(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(db.ROOT, "build", "kiosk", "gongkai-kiosk"))
    parser.add_argument("--seconds", type=int, default=60, help="measured window of each run")
    parser.add_argument("--warmup", type=int, default=10, help="seconds after the start before measuring")
    parser.add_argument("--install", action="store_true",
                        help="apt-get install chromium and qrencode (and cage, grim, xwayland) if missing")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory (pages, feeds, logs; the screenshots of --session cage)")
    parser.add_argument("--session", choices=("xvfb", "cage"), default="xvfb",
                        help="xvfb: both under one Xvfb, as root; cage: each in its own cage as nobody (default xvfb)")
    parser.add_argument("--xwayland-glx", action="store_true",
                        help="cage: leave LIBGL_DRIVERS_PATH unset, so that Xwayland loads Mesa for GLX as it would "
                             "without `gongkai-kiosk session`")
    parser.add_argument("--no-scanout", action="store_true",
                        help="cage: rotate the output 180° (cage -r -r) so that cage composes every frame instead of "
                             "scanning the client's buffer out; complete screenshots")
    parser.add_argument("--video", action="store_true",
                        help="issue 21: play a 60 s 1080p and a 720p H.264 clip on both sides instead of the rotation, "
                             "and measure ours between videos")
    parser.add_argument("--clip-dir", metavar="DIR",
                        help="--video: make the clips here, or use the ones already there (default: the temporary "
                             "directory)")
    args = parser.parse_args()
    check_tools(args.install, args.session, args.video)
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} is missing: build it first (cmake --build build --target gongkai-kiosk)")
    if args.session == "cage" and os.geteuid() != 0:
        sys.exit("--session cage starts each side as nobody (cage refuses root): run it as root")
    work, now, rows = tempfile.mkdtemp(prefix="gongkai-chromium-bench-"), datetime.datetime.now(TZ), []
    if args.session == "cage":
        signal.signal(signal.SIGTERM, interrupted)  # as Ctrl-C: the finally below ends every cage
        signal.signal(signal.SIGHUP, interrupted)
        stopped_by = None
        try:
            if args.video:
                rows, idle, rendering, sandbox = video_cage(args, work, now)
            else:
                rows, rendering, sandbox = main_cage(args, work, now)
        except KeyboardInterrupt as e:
            stopped_by = str(e) or "SIGINT"
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # a second Ctrl-C must not cut this short
                signal.signal(sig, signal.SIG_IGN)
            for cage in list(Cage.live):
                cage.stop()
            if args.keep:
                print(f"kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work, ignore_errors=True)
        if stopped_by:
            sys.exit(f"stopped by {stopped_by}; every cage and what ran in it has ended")
        if args.video:
            report_video(args, rows, idle, rendering, sandbox)
        else:
            report_cage(args, rows, rendering, sandbox)
        return
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        env = dict(os.environ, DISPLAY=":" + xvfb.stdout.readline().strip())  # a free display, chosen by Xvfb
        env.pop("WAYLAND_DISPLAY", None)
        with open(os.path.join(work, "chromium.log"), "w") as log:
            rendering = chromium_rendering(lambda extra, **popen: Chromium(
                "about:blank", os.path.join(work, "profile-probe"), env, log, extra, **popen))
            if args.video:
                rows, idle = video_xvfb(args, work, now, env, xvfb, log)
            for variant, with_ticker in () if args.video else (("with ticker", True), ("no ticker", False)):
                name = variant.replace(" ", "-")
                feed, data = make_ours(work, name, args.binary, with_ticker)
                page, shown = make_page(os.path.join(work, "page-" + name), with_ticker, now)
                print(f"[{variant}] ours, then Chromium ...", file=sys.stderr, flush=True)
                ours = run_ours(args.binary, feed, data, env, xvfb, args)
                chromium = run_chromium(page, os.path.join(work, "profile-" + name), env, xvfb, args, log)
                rows.append((variant, shown, ours, chromium))
    finally:
        xvfb.terminate()
        xvfb.wait()
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.video:
        report_video(args, rows, idle, rendering)
        return
    print(f"ours vs Chromium --kiosk under one Xvfb 1920x1080x24, {os.cpu_count()} CPUs, one after the other: "
          f"{args.warmup} s warm-up, then {args.seconds} s measured")
    print(f"{'':22}{'CPU-s/min':>10}{'X server':>10}{'sum':>8}{'PSS MiB':>9}{'X PSS':>7}{'sum':>7}{'procs':>6}"
          f"{'load':>6}")
    for variant, shown, ours, chromium in rows:
        print(f"{variant}: {shown} of the 20 items valid today, 5 s each with a 0.4 s fade, clock, QR code")
        for label, r in (("  ours", ours), ("  Chromium --kiosk", chromium)):
            print(f"{label:22}{r['cpu']:10.3f}{r['xcpu']:10.3f}{r['cpu'] + r['xcpu']:8.3f}{r['pss']:9.1f}"
                  f"{r['xpss']:7.1f}{r['pss'] + r['xpss']:7.1f}{r['procs']:6d}{r['load']:6.1f}")
        cpu = (ours["cpu"] + ours["xcpu"]) / (chromium["cpu"] + chromium["xcpu"])
        pss = (ours["pss"] + ours["xpss"]) / (chromium["pss"] + chromium["xpss"])
        print(f"  ours/Chromium: CPU with the X server {cpu:.2f} (goal <= 0.50), process trees alone "
              f"{ours['cpu'] / chromium['cpu']:.2f}; PSS with the X server {pss:.3f} (goal <= 0.25), process trees "
              f"alone {ours['pss'] / chromium['pss']:.3f}")
    print("(X server: its CPU-s/min during that run and its PSS at the end of it; load: 1-minute load average at the "
          "end of the run)")
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(args.binary)))
    print(f"ours:     DISPLAY={env['DISPLAY']} {args.binary} run --portal FEED-COPY --data-dir DATA-COPY"
          f"  (binary of {built})")
    print(f"Chromium: DISPLAY={env['DISPLAY']} {' '.join(rows[-1][3]['cmd'])}")
    print(f"  run as root, hence --no-sandbox; the Debian wrapper adds {' '.join(rows[-1][3]['added'])}")
    print(f"  its rendering, as it reports it: {rendering}")


if __name__ == "__main__":
    main()
