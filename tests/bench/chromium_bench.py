#!/usr/bin/env python3
"""Side-by-side benchmark: our display mode vs Chromium --kiosk showing the same screen.

Both run under ONE Xvfb (1920x1080x24, no GPU), one after the other, each for --warmup seconds and
then --seconds of measurement, and the program prints for each:
  - CPU-s per minute of its process tree (utime+stime of every live process of the tree, plus
    cutime+cstime, the CPU of the children they reaped), and of the X server in the same window;
  - PSS of the process tree in MiB (sum of Pss from /proc/PID/smaps_rollup) at the end;
and the ratios ours/Chromium (issue 5's goal: CPU <= 0.5, PSS <= 0.25).

The screen is display_bench.py's "20 items every 5 s with a fade" (the demo portal's non-urgent
notices then guides; notices not valid today are skipped by the scheduler): header with the site
name, date, weekday and a clock ticking every second, the card, the QR code of its mobile_url.
Two variants: "with ticker" (the demo playlist's ticker lines for now plus the titles of important
notices, as DisplayApp::tickerTextAt builds them, scrolling at 110 px/s) and "no ticker" (a feed
copy without "ticker" and with no notice marked important, else the program still shows a strip).
Chromium gets a page generated from the same demo-portal files into a temporary directory from
tests/bench/chromium_page/page.html: a CSS fade of 0.4 s, a JS clock, QR codes as PNG made by
`qrencode`, the ticker as a CSS transform animation.

Usage: tests/bench/chromium_bench.py [--binary build/kiosk/gongkai-kiosk] [--seconds 60]
                                     [--warmup 10] [--install] [--keep]
Needs Xvfb, chromium and qrencode. Chromium is deliberately not in packaging/install-deps.sh (too
big for CI); --install runs `apt-get install -y --no-install-recommends chromium qrencode`, else a
missing tool exits with status 2. A program that prints figures, not a test.
"""
import argparse
import datetime
import html
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time

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
TZ = datetime.timezone(datetime.timedelta(hours=8))  # the kiosk's default utc_offset


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


def measure(pids, xvfb, args):
    """pids() lists the processes of the side being measured when it is called."""
    time.sleep(args.warmup)
    cpu, x = tree_cpu(pids()), db.cpu_seconds(xvfb.pid)
    time.sleep(args.seconds)
    cpu, x = tree_cpu(pids()) - cpu, db.cpu_seconds(xvfb.pid) - x
    per_min = 60.0 / args.seconds
    return {"cpu": cpu * per_min, "xcpu": x * per_min, "pss": tree_pss(pids()), "procs": len(pids()),
            "load": os.getloadavg()[0]}


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
    """(mobile URL, QR caption, card HTML) with the fields of display/info_card.cpp."""
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


def make_page(dest, with_ticker, now):
    """The Chromium side: dest/page.html and a QR PNG per item. Returns its path and the item count."""
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
    manifest = load("manifest.json")
    generated = datetime.datetime.fromisoformat(manifest["generated_at"]).astimezone(TZ)
    fields = {"SITE": html.escape(manifest["site"]["name"]), "CARDS": "\n".join(cards), "REFS": str(len(refs)),
              "TICKER": f'<div id="ticker"><div id="track"><span>{html.escape(ticker_text(now))}</span></div></div>'
              if with_ticker else "",
              "STATUS": f"内容更新于 {cn_date(generated.date().isoformat())} {generated:%H:%M}"}
    with open(os.path.join(HERE, "chromium_page", "page.html"), encoding="utf-8") as f:
        page = re.sub(r"\{\{(\w+)\}\}", lambda m: fields[m.group(1)], f.read())
    with open(os.path.join(dest, "page.html"), "w", encoding="utf-8") as f:
        f.write(page)
    return os.path.join(dest, "page.html"), len(cards)


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

def run_ours(binary, feed, data, env, xvfb, args):
    proc, _ = db.start_program(binary, feed, data, env)
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep its log pipe from filling up
    try:
        return measure(lambda: tree_pids(proc.pid), xvfb, args)
    finally:
        db.stop(proc)


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


def run_chromium(page, profile, env, xvfb, args, log):
    chromium = Chromium("file://" + page, profile, env, log)
    try:
        return dict(measure(chromium.pids, xvfb, args), cmd=chromium.cmd, added=chromium.added_flags())
    finally:
        chromium.stop()


def chromium_rendering(env, profile, log):
    """How Chromium says it renders here (DevTools SystemInfo.getInfo over --remote-debugging-pipe),
    from a short launch of its own so that the measured runs carry no debugging pipe."""
    cmd_r, cmd_w = os.pipe()
    reply_r, reply_w = os.pipe()

    def pipe_fds():  # in the child: Chromium reads commands on fd 3 and writes replies on fd 4
        a, b = os.dup(cmd_r), os.dup(reply_w)
        os.dup2(a, 3)
        os.dup2(b, 4)
    chromium = Chromium("about:blank", profile, env, log, ["--remote-debugging-pipe"], close_fds=False,
                        preexec_fn=pipe_fds)
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


def check_tools(install):
    missing = [tool for tool in ("Xvfb", "chromium", "qrencode") if shutil.which(tool) is None]
    if missing and install and "Xvfb" not in missing:
        subprocess.run(APT, check=True)
        missing = [tool for tool in missing if shutil.which(tool) is None]
    if missing:
        print(f"missing: {', '.join(missing)}. Xvfb comes with packaging/install-deps.sh; for the others run\n"
              f"  sudo {' '.join(APT)}\nor run this program as root with --install.", file=sys.stderr)
        sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(db.ROOT, "build", "kiosk", "gongkai-kiosk"))
    parser.add_argument("--seconds", type=int, default=60, help="measured window of each run")
    parser.add_argument("--warmup", type=int, default=10, help="seconds after the start before measuring")
    parser.add_argument("--install", action="store_true", help="apt-get install chromium and qrencode if missing")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (pages, feeds, logs)")
    args = parser.parse_args()
    check_tools(args.install)
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} is missing: build it first (cmake --build build --target gongkai-kiosk)")
    work, now, rows = tempfile.mkdtemp(prefix="gongkai-chromium-bench-"), datetime.datetime.now(TZ), []
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        env = dict(os.environ, DISPLAY=":" + xvfb.stdout.readline().strip())  # a free display, chosen by Xvfb
        env.pop("WAYLAND_DISPLAY", None)
        with open(os.path.join(work, "chromium.log"), "w") as log:
            rendering = chromium_rendering(env, os.path.join(work, "profile-probe"), log)
            for variant, with_ticker in (("with ticker", True), ("no ticker", False)):
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
    print(f"ours vs Chromium --kiosk under one Xvfb 1920x1080x24, {os.cpu_count()} CPUs, one after the other: "
          f"{args.warmup} s warm-up, then {args.seconds} s measured")
    print(f"{'':22}{'CPU-s/min':>10}{'X server':>10}{'sum':>8}{'PSS MiB':>9}{'procs':>6}{'load':>6}")
    for variant, shown, ours, chromium in rows:
        print(f"{variant}: {shown} of the 20 items valid today, 5 s each with a 0.4 s fade, clock, QR code")
        for label, r in (("  ours", ours), ("  Chromium --kiosk", chromium)):
            print(f"{label:22}{r['cpu']:10.3f}{r['xcpu']:10.3f}{r['cpu'] + r['xcpu']:8.3f}{r['pss']:9.1f}"
                  f"{r['procs']:6d}{r['load']:6.1f}")
        cpu = (ours["cpu"] + ours["xcpu"]) / (chromium["cpu"] + chromium["xcpu"])
        print(f"  ours/Chromium: CPU with the X server {cpu:.2f} (goal <= 0.50), process trees alone "
              f"{ours['cpu'] / chromium['cpu']:.2f}; PSS {ours['pss'] / chromium['pss']:.3f} (goal <= 0.25)")
    print("(X server: its CPU-s/min during that run; load: 1-minute load average at the end of the run)")
    built = time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(args.binary)))
    print(f"ours:     DISPLAY={env['DISPLAY']} {args.binary} run --portal FEED-COPY --data-dir DATA-COPY"
          f"  (binary of {built})")
    print(f"Chromium: DISPLAY={env['DISPLAY']} {' '.join(rows[-1][3]['cmd'])}")
    print(f"  run as root, hence --no-sandbox; the Debian wrapper adds {' '.join(rows[-1][3]['added'])}")
    print(f"  its rendering, as it reports it: {rendering}")


if __name__ == "__main__":
    main()
