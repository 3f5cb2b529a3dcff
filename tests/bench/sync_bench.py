#!/usr/bin/env python3
"""Portal sync benchmark: what a large feed costs a kiosk, and what polling kiosks cost the portal.

Generates a feed (assets/tools/generate-feed.py: 10,000 disclosures, 1,000 guides, 500 notices by
default), serves it with Debian's nginx on a free 127.0.0.1 port (ETag, gzip, default worker
settings: worker_processes auto), runs the real program `gongkai-kiosk sync --once` against it
and prints:
  - first full sync: wall time, CPU time and peak RSS of the program (median of --runs, each
    into a fresh data dir), requests and bytes on the wire (nginx access log: $bytes_sent,
    $body_bytes_sent)
  - no-change sync: requests and bytes (goal: one conditional request answered 304, no body)
  - one-notice change: requests and bytes
  - no-change manifest polls per second this nginx answers (tests/bench/poll_bench: keep-alive
    and fresh connections), and so how many kiosks one portal serves at a 5-minute interval.
    The load generator runs on the same cores as nginx, so the figure is a lower bound for a
    portal machine of this size.

Usage: tests/bench/sync_bench.py [--build build] [--runs 3] [--poll-seconds 10] [--connections 32]
                                 [--disclosures 10000 --guides 1000 --notices 500] [--keep]
Needs nginx and the built targets gongkai-kiosk and poll_bench. A program that prints figures,
not a test.
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATOR = os.path.join(ROOT, "assets", "tools", "generate-feed.py")
POLL_INTERVAL_S = 300

NGINX_CONF = """daemon off;
worker_processes auto;
pid {work}/nginx/nginx.pid;
error_log {work}/nginx/error.log;
events {{ worker_connections 768; }}
http {{
  types {{ application/json json; image/png png; application/pdf pdf; }}
  log_format bench '$request $status $bytes_sent $body_bytes_sent';
  access_log {work}/nginx/access.log bench;
  client_body_temp_path {work}/nginx/tmp;
  proxy_temp_path {work}/nginx/tmp;
  fastcgi_temp_path {work}/nginx/tmp;
  uwsgi_temp_path {work}/nginx/tmp;
  scgi_temp_path {work}/nginx/tmp;
  sendfile on;
  tcp_nopush on;
  gzip on;
  gzip_types application/json;
  server {{
    listen 127.0.0.1:{port};
    root {work}/www;
    etag on;
  }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(work, port):
    os.makedirs(os.path.join(work, "nginx", "tmp"))
    conf = os.path.join(work, "nginx", "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(work=work, port=port))
    proc = subprocess.Popen(["nginx", "-p", os.path.join(work, "nginx"), "-c", conf])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("nginx did not start; see " + os.path.join(work, "nginx", "error.log"))


class AccessLog:
    """The lines nginx appended since the last call, as (request, status, bytes_sent, body_bytes)."""

    def __init__(self, path):
        self.path, self.offset = path, 0

    def new(self):
        time.sleep(0.1)  # nginx writes the line after the response
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        self.offset += len(data)
        rows = []
        for line in data.decode("utf-8", "replace").splitlines():
            m = re.match(r"(.*) (\d{3}) (\d+) (\d+)$", line)
            if m:
                rows.append((m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))))
        return rows


def run_sync(binary, config, data_dir):
    """(exit status, wall s, CPU s, peak RSS MiB, stdout+stderr) of one `sync --once`."""
    t0 = time.monotonic()
    proc = subprocess.Popen([binary, "sync", "--once", "--config", config, "--data-dir", data_dir],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return proc.returncode, time.monotonic() - t0, cpu, usage.ru_maxrss / 1024, output.strip()


def traffic(rows):
    return len(rows), sum(r[2] for r in rows), sum(r[3] for r in rows)


def describe(rows):
    return "; ".join(f"{r[0].split(' ')[1]} {r[1]} {r[2]} B" for r in rows)


def dir_mib(path):
    total = 0
    for base, _, files in os.walk(path):
        total += sum(os.lstat(os.path.join(base, f)).st_size for f in files)
    return total / 2**20


def poll(poll_bench, url, seconds, connections, fresh):
    cmd = [poll_bench, url, "--seconds", str(seconds), "--connections", str(connections)]
    out = subprocess.run(cmd + (["--fresh-connections"] if fresh else []), capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"poll_bench failed: {out.stdout}{out.stderr}")
    figures = dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)
    return float(figures["requests/s"]), figures["304 share"], figures["latency ms p50/p99"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="build directory (default: build)")
    ap.add_argument("--runs", type=int, default=3, help="first full syncs, each into a fresh data dir")
    ap.add_argument("--poll-seconds", type=float, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--disclosures", type=int, default=10000)
    ap.add_argument("--guides", type=int, default=1000)
    ap.add_argument("--notices", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    binary = os.path.join(args.build, "kiosk", "gongkai-kiosk")
    poll_bench = os.path.join(args.build, "tests", "poll_bench")
    for path in (binary, poll_bench):
        if not os.access(path, os.X_OK):
            sys.exit(f"sync_bench: {path} is missing; build the targets gongkai-kiosk and poll_bench")

    work = tempfile.mkdtemp(prefix="gongkai-sync-bench-")
    os.chmod(work, 0o755)  # nginx workers run as an unprivileged user
    www = os.path.join(work, "www")
    nginx = None
    try:
        t0 = time.monotonic()
        subprocess.run([sys.executable, GENERATOR, www, "--disclosures", str(args.disclosures), "--guides",
                        str(args.guides), "--notices", str(args.notices), "--seed", str(args.seed)],
                       check=True, stdout=subprocess.DEVNULL)
        sizes = {name: os.path.getsize(os.path.join(www, name)) / 2**20
                 for name in ("disclosures.json", "guides.json", "notices.json")}
        print(f"feed: {args.disclosures} disclosures, {args.guides} guides, {args.notices} notices; "
              + ", ".join(f"{k} {v:.1f} MiB" for k, v in sizes.items())
              + f"; {dir_mib(www):.1f} MiB in all (generated in {time.monotonic() - t0:.1f} s)")

        port = free_port()
        nginx = start_nginx(work, port)
        log = AccessLog(os.path.join(work, "nginx", "access.log"))
        config = os.path.join(work, "kiosk.json")
        with open(config, "w") as f:
            json.dump({"portal": f"http://127.0.0.1:{port}/", "tls": {"allow_insecure_http": True}}, f)
        print(f"nginx {nginx_version()} on 127.0.0.1:{port} (worker_processes auto = {os.cpu_count()}, gzip, ETag); "
              f"{os.cpu_count()} CPU cores shared by nginx, the program and the load generator")

        walls, cpus, rss, data_dir = [], [], [], None
        for run in range(args.runs):
            data_dir = os.path.join(work, f"data{run}")
            status, wall, cpu, peak, output = run_sync(binary, config, data_dir)
            if status != 0:
                sys.exit(f"sync_bench: first sync failed: {output}")
            walls.append(wall)
            cpus.append(cpu)
            rss.append(peak)
            requests, wire, body = traffic(log.new())
        print(f"first full sync: {statistics.median(walls):.2f} s wall (runs: "
              + ", ".join(f"{w:.2f}" for w in walls) + f"), {statistics.median(cpus):.2f} CPU-s, "
              f"peak RSS {max(rss):.0f} MiB; "
              f"{requests} requests, {wire / 2**20:.2f} MiB on the wire (gzip), "
              f"store {dir_mib(data_dir):.1f} MiB")

        status, wall, cpu, peak, output = run_sync(binary, config, data_dir)
        rows = log.new()
        requests, wire, body = traffic(rows)
        print(f"no-change sync: {requests} request(s), {wire} bytes sent, {body} body bytes "
              f"({describe(rows)}); {wall:.2f} s wall, {cpu:.2f} CPU-s, exit {status}: {output}")

        time.sleep(1.1)  # nginx's ETag is mtime (whole seconds) + size
        subprocess.run([sys.executable, GENERATOR, www, "--touch-notice"], check=True, stdout=subprocess.DEVNULL)
        status, wall, cpu, peak, output = run_sync(binary, config, data_dir)
        rows = log.new()
        requests, wire, body = traffic(rows)
        print(f"one-notice change: {requests} requests, {wire} bytes sent ({body} body bytes): {describe(rows)}; "
              f"{wall:.2f} s wall, {cpu:.2f} CPU-s, peak RSS {peak:.0f} MiB, exit {status}")

        url = f"http://127.0.0.1:{port}/manifest.json"
        for fresh in (False, True):
            rate, share, latency = poll(poll_bench, url, args.poll_seconds, args.connections, fresh)
            log.new()
            kind = "a new TCP connection per poll" if fresh else "keep-alive"
            print(f"no-change manifest polls: {rate:.0f}/s with {args.connections} concurrent clients, {kind} "
                  f"(304: {share}, latency p50/p99 {latency} ms) -> {rate * POLL_INTERVAL_S:,.0f} kiosks "
                  f"at a {POLL_INTERVAL_S // 60}-minute interval")
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def nginx_version():
    out = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr
    return out.strip().split("/")[-1]


if __name__ == "__main__":
    main()
