#!/usr/bin/env python3
"""Display-mode benchmark: launch time, memory and CPU of the information screen.

Runs the real program under Xvfb (1920x1080, software GL), as a hall screen would run, and prints:
  - launch to full content (warm store): from process start to the first presented frame
  - PSS of the program (MiB)
  - CPU-s per minute of the program and of the X server for a still screen with a ticking clock
  - the same with 20 items rotating every 5 s with a fade

Usage: tests/bench/display_bench.py [--binary build/kiosk/gongkai-kiosk] [--seconds 60]
Needs xvfb (installed by packaging/install-deps.sh). A program that prints figures, not a test.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "assets", "demo-portal")
MANIFEST_TOOL = os.path.join(ROOT, "assets", "tools", "feed-manifest.py")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def pss_mib(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_feed(dest, items, files=None):
    """A copy of the demo portal whose hall-main playlist is `items`, with fresh hashes. `files`
    ({href: path}) are put into the copy first (hard-linked where they can be), so that the items
    that name them get their sha256 and bytes."""
    shutil.copytree(DEMO, dest)
    for href, source in (files or {}).items():
        target = os.path.join(dest, *href.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    path = os.path.join(dest, "playlists", "hall-main.json")
    with open(path, encoding="utf-8") as f:
        playlist = json.load(f)
    playlist["items"] = items
    playlist.pop("fallback", None)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(playlist, f, ensure_ascii=False, indent=2)
    subprocess.run([sys.executable, MANIFEST_TOOL, dest], check=True, stdout=subprocess.DEVNULL)


def rotation_items(count, duration):
    with open(os.path.join(DEMO, "notices.json"), encoding="utf-8") as f:
        notices = [n["id"] for n in json.load(f)["items"] if n.get("level") != "urgent"]
    with open(os.path.join(DEMO, "guides.json"), encoding="utf-8") as f:
        guides = [g["id"] for g in json.load(f)["items"]]
    refs = [f"notice:{i}" for i in notices] + [f"guide:{i}" for i in guides]
    return [{"ref": r, "duration_s": duration} for r in refs[:count]]


def start_program(binary, feed, data_dir, env):
    t0 = time.monotonic()
    proc = subprocess.Popen([binary, "run", "--portal", feed, "--data-dir", data_dir], env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        if "first frame" in line:
            return proc, time.monotonic() - t0
    raise RuntimeError(f"program exited with {proc.wait()} before its first frame")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure(binary, feed, data_dir, env, xvfb, seconds):
    proc, launch = start_program(binary, feed, data_dir, env)
    time.sleep(3)  # let the first fade finish
    a, x = cpu_seconds(proc.pid), cpu_seconds(xvfb.pid)
    time.sleep(seconds)
    a2, x2 = cpu_seconds(proc.pid), cpu_seconds(xvfb.pid)
    pss = pss_mib(proc.pid)
    stop(proc)
    per_min = 60.0 / seconds
    return launch, pss, (a2 - a) * per_min, (x2 - x) * per_min


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "kiosk", "gongkai-kiosk"))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--launches", type=int, default=5)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="gongkai-bench-")
    display = ":77"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        env = dict(os.environ, DISPLAY=display)
        env.pop("WAYLAND_DISPLAY", None)
        still = os.path.join(work, "still-feed")
        make_feed(still, rotation_items(1, 86400))
        rotating = os.path.join(work, "rotating-feed")
        make_feed(rotating, rotation_items(20, 5))
        for feed, data in ((still, "still-data"), (rotating, "rotating-data")):
            subprocess.run([args.binary, "sync", "--once", "--portal", feed, "--data-dir", os.path.join(work, data)],
                           check=True, stdout=subprocess.DEVNULL)
        launches = []
        for _ in range(args.launches):
            proc, t = start_program(args.binary, still, os.path.join(work, "still-data"), env)
            launches.append(t)
            stop(proc)
        _, pss, cpu, xcpu = measure(args.binary, still, os.path.join(work, "still-data"), env, xvfb, args.seconds)
        _, rpss, rcpu, rxcpu = measure(args.binary, rotating, os.path.join(work, "rotating-data"), env, xvfb, args.seconds)
        print("display benchmark (Xvfb 1920x1080, Mesa llvmpipe)")
        print(f"  launch to full content, warm store: median {statistics.median(launches):.3f} s "
              f"(min {min(launches):.3f}, max {max(launches):.3f}, n={len(launches)})")
        print(f"  PSS, still screen:                  {pss:.1f} MiB")
        print(f"  PSS, 20 items rotating:             {rpss:.1f} MiB")
        print(f"  still screen, ticking clock:        {cpu:.3f} CPU-s/min (+ X server {xcpu:.3f}) = {cpu + xcpu:.3f}")
        print(f"  20 items every 5 s with a fade:     {rcpu:.3f} CPU-s/min (+ X server {rxcpu:.3f}) = {rcpu + rxcpu:.3f}")
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
