#!/usr/bin/env bash
# The heartbeat end to end: `run` on a feed whose manifest names a status_url, under Xvfb, POSTing
# over https to a python3 server with a certificate from a test CA made here by openssl (the
# config's CA file and public-key pin are used). The first heartbeat arrives at start with the
# configured device id; then the portal answers 503, the program is killed (SIGTERM, as systemd
# stops it) and started again, heartbeats queue in records.sqlite (`status --json` shows them),
# and once the portal is back every queued heartbeat arrives, each id once, seq without gaps, with
# a small PNG of the screen. With a wrong pin nothing is delivered and the log says why.
# Usage: heartbeat_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"

make_pki

# The portal's status endpoint: answers the status in $work/answer (200 when absent) and appends
# "STATUS BODY" per POST to $work/posts.
port=$(free_port)
cat >"$work/server.py" <<'PY'
import http.server, json, os, ssl, sys
work, port = sys.argv[1], int(sys.argv[2])
class Status(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            code = int(open(os.path.join(work, "answer")).read())
        except OSError:
            code = 200
        with open(os.path.join(work, "posts"), "a") as posts:
            posts.write("%d %s\n" % (code, body.decode()))
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", port), Status)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(work, "pki/server.pem"), os.path.join(work, "pki/server.key"))
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
PY
python3 "$work/server.py" "$work" "$port" &
touch "$work/posts"
wait_port "$port"

# The demo feed, its manifest naming the status endpoint (the manifest itself carries no hash).
cp -r "$src/assets/demo-portal" "$work/feed"
python3 - "$work/feed/manifest.json" "https://127.0.0.1:$port/kiosk/status" <<'PY'
import json, sys
path, url = sys.argv[1], sys.argv[2]
manifest = json.load(open(path, encoding="utf-8"))
manifest["status_url"] = url
json.dump(manifest, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
config() { # PIN
    printf '{"portal": "%s", "device_id": "e2e-hall-2f", "heartbeat_interval_s": 30, "tls": {"ca_file": "%s", "pinned_pubkey": "%s"}}\n' \
        "file://$work/feed/" "$pki/ca.pem" "$1" >"$work/kiosk.json"
}
config "$pin"
"$bin" sync --once --config "$work/kiosk.json" --data-dir "$data" >/dev/null 2>&1 || fatal "sync"
generation=$(cat "$data/store/current")

start_xvfb "$work/xvfb" 1280x720x24
export DISPLAY=$display

start_app() { # LOG
    "$bin" run --config "$work/kiosk.json" --data-dir "$data" --windowed 1280x720 2>"$1" &
    app_pid=$!
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null; }
# wait_for SECONDS 'CONDITION': until the condition (evaluated afresh each time) holds.
wait_for() { wait_until "$1" eval "$2"; }
posts_with() { grep -c "^$1 " "$work/posts"; }
waiting() { "$bin" status --json --data-dir "$data" | python3 -c 'import json,sys; print(json.load(sys.stdin)["outbox"]["heartbeats_waiting"])'; }

# Up: the heartbeat at start arrives, with what the portal needs to know.
start_app "$work/log1"
wait_for 30 '[ "$(posts_with 200)" -ge 1 ]' && ok || bad "no heartbeat arrived: $(tail -3 "$work/log1")"
python3 - "$work/posts" "$generation" <<'PY' && ok || bad "the first POST: $(head -c 600 "$work/posts")"
import json, sys
code, body = open(sys.argv[1]).readline().split(" ", 1)
post = json.loads(body)
beat = post["heartbeats"][0]
assert post["format"] == "gongkai-status/1" and post["device_id"] == "e2e-hall-2f", post
assert post["dropped"] == {"heartbeats": 0, "plays": 0}, post["dropped"]
assert beat["seq"] == 1 and len(beat["id"]) == 36, beat
assert beat["device_id"] == "e2e-hall-2f" and beat["mode"] == "display" and beat["screen_group"] == "hall-main", beat
assert beat["generation"] == sys.argv[2] and beat["version"] and beat["free_disk_bytes"] > 0, beat
assert beat["last_sync_success"] and beat["last_sync_error"] == "", beat
PY

# Down (503) across a kill and a restart: heartbeats wait in records.sqlite.
echo 503 >"$work/answer"
stop_app
start_app "$work/log2"
wait_for 30 '[ "$(posts_with 503)" -ge 1 ]' && ok || bad "no attempt while the portal answered 503: $(tail -3 "$work/log2")"
[ "$(waiting)" -ge 1 ] && ok || bad "status shows no heartbeat waiting: $("$bin" status --data-dir "$data" | tail -3)"
grep -q "heartbeat: cannot deliver to https://127.0.0.1:$port/kiosk/status: HTTP 503 (kept, will retry)" "$work/log2" &&
    ok || bad "the log says why: $(grep heartbeat "$work/log2")"
stop_app
start_app "$work/log3"
wait_for 30 '[ "$(posts_with 503)" -ge 2 ]' && ok || bad "no attempt after the second restart"
rm "$work/answer"
# Back: the queue drains within the backoff (at most 15 s, then 30 s: the next heartbeat).
wait_for 40 '[ "$(waiting)" -eq 0 ]' && ok || bad "the queue did not drain: $("$bin" status --data-dir "$data" | tail -3)"
# The drain may go out before the restarted screen's first frame, so before it has a picture to
# send: the next heartbeat (30 s) then carries one.
wait_for 40 'grep -q "^200 .*\"screenshot\"" "$work/posts"' && ok || bad "no delivered POST carried a screenshot in 40 s"
stop_app
python3 - "$work/posts" <<'PY' && ok || bad "delivered heartbeats: $(cut -c1-200 "$work/posts")"
import json, sys
delivered, refused = {}, set()
for line in open(sys.argv[1]):
    code, body = line.split(" ", 1)
    for beat in json.loads(body)["heartbeats"]:
        if code == "200":
            assert beat["id"] not in delivered, "delivered twice: " + beat["id"]
            delivered[beat["id"]] = beat["seq"]
        else:
            refused.add(beat["id"])
assert refused and refused <= set(delivered), "a heartbeat refused with 503 never arrived"
seqs = sorted(delivered.values())
assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 3, seqs
PY
# A picture of the screen went along: a PNG of the 1280×720 window scaled by 3, not one flat colour.
python3 - "$work/posts" <<'PY' && ok || bad "no screenshot delivered: $(cut -c1-200 "$work/posts")"
import base64, json, struct, sys, zlib
shots = [json.loads(body)["screenshot"] for code, body in (line.split(" ", 1) for line in open(sys.argv[1]))
         if code == "200" and "screenshot" in json.loads(body)]
assert shots, "no delivered POST carried a screenshot"
shot = shots[-1]
assert shot["type"] == "image/png" and (shot["width"], shot["height"]) == (426, 240), shot["width"]
png = base64.b64decode(shot["data"], validate=True)
assert png[:8] == b"\x89PNG\r\n\x1a\n", png[:8]
pos, idat, header = 8, b"", None
while pos < len(png):
    length, kind = struct.unpack(">I4s", png[pos:pos + 8])
    chunk = png[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBB", chunk[:10])
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
assert header == (426, 240, 8, 2), header  # 8-bit RGB
raw = zlib.decompress(idat)
assert len(raw) == 240 * (1 + 426 * 3), len(raw)
assert len(set(raw)) > 16, "a flat picture"
PY

# A wrong pin: nothing is delivered, and the log says why.
config "$wrong_pin"
before=$(posts_with 200)
start_app "$work/log4"
wait_for 20 'grep -q "heartbeat: cannot deliver" "$work/log4"' && ok || bad "no delivery failure logged with a wrong pin"
grep -qi "pinned public key" "$work/log4" && ok || bad "the log names the pin: $(grep heartbeat "$work/log4")"
stop_app
[ "$(posts_with 200)" -eq "$before" ] && ok || bad "a POST was delivered to a server that does not match the pin"

finish heartbeat_test
