# The setup every test script in tests/cli/ shares, sourced as its first command:
#     . "$(dirname "$0")/lib.sh"
# It reads the script's arguments, makes a scratch directory that is removed (and every background
# job stopped) however the script ends, counts checks, and has the helpers two or more scripts
# need: the demo portal synced into a data dir, Xvfb, a local nginx, a test CA, waiting for a port,
# a log line or a process. What each script checks stays in the script.
#
# After sourcing:
#   $bin    the program under test: the first argument (package_test.sh's first argument is its
#           build dir and it sets $bin to the unpacked program; cage_test.sh runs a copy)
#   $src    the source dir: the second argument (assets/demo-portal, assets/tools, tests/cli)
#   $work   a scratch directory, removed at exit unless KEEP_WORK is set
#   $data   $work/data, the data dir most scripts sync into (made by the program when used)
#   $check  screen_check.py, which judges grabs and screenshots as a person would see them
#   $passed, $failed  the counts of checks so far (ok and bad)
set -u
# The program's messages follow the locale (config/i18n.h): every script runs in English, whatever
# the caller's environment, and a check of the Chinese messages sets LANG=zh_CN.UTF-8 itself.
export LANG=C.UTF-8
unset LANGUAGE LC_ALL LC_MESSAGES
bin=$1
src=$2
work=$(mktemp -d)
data=$work/data
check=$src/tests/cli/screen_check.py
passed=0
failed=0

# cleanup: runs at exit, however the script ends (its last check, `exit`, SIGTERM). Stops every
# background job the script started and has not waited for yet (Xvfb, nginx, a test server, the
# program under test), waits for them, and removes $work; with KEEP_WORK set it keeps $work and
# says where, to look at logs and grabs after a failure. A script that has more to stop sets its
# own EXIT trap and calls cleanup from it.
cleanup() {
    local pid
    for pid in $(jobs -p); do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ok: one check passed. bad MESSAGE: one check failed; says which, and goes on with the next.
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*"; }

# fatal MESSAGE: the setup the remaining checks need failed; says so and ends the script (exit 1)
# without a summary.
fatal() {
    echo "FAILED: $*"
    exit 1
}

# finish [NAME]: the summary line ("NAME: 12 passed, 0 failed") and the script's exit code: 0 when
# no check failed, 1 otherwise. The last command of a script.
finish() {
    echo "${1:+$1: }$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}

# expect NAME COMMAND...: one check that COMMAND succeeds. Its stdout and stderr go to $work/out
# (for the checks after it); on failure the message shows their start.
expect() {
    local name=$1
    shift
    if "$@" >"$work/out" 2>&1; then ok; else bad "$name: $(head -c 400 "$work/out")"; fi
}

# expect_error NAME EXIT_CODE PATTERN -- COMMAND...: one check that COMMAND exits with EXIT_CODE
# (never a signal) and writes exactly one line to stderr, matching PATTERN (grep). The program's
# rule for every error: one clear line. Stdout goes to $work/out, stderr to $work/err.
expect_error() {
    local name=$1 code=$2 pattern=$3
    shift 4
    "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    local lines
    lines=$(wc -l <"$work/err")
    if [ "$rc" -ne "$code" ] || [ "$lines" -ne 1 ] || ! grep -q -- "$pattern" "$work/err"; then
        bad "$name: exit $rc (want $code), $lines stderr line(s): $(head -c 300 "$work/err")"
    else
        ok
    fi
}

# sync_demo: `sync --once` of the bundled demo portal into $data, the content most checks run on.
# Succeeds when the sync does; stdout is dropped, stderr kept in $work/err for the failure message.
# layout_shot NAME SIZE [screenshot options]: $work/NAME.png of the store in $data at $at, with its
# layout record $work/NAME.json, checked against its pixels by layout_check.py (and its tap targets
# too for a kiosk-* NAME).
layout_shot() {
    local name=$1 size=$2
    shift 2
    if ! "$bin" screenshot --data-dir "$data" --at "$at" --size "$size" --out "$work/$name.png" \
        --layout "$work/$name.json" "$@" >"$work/log" 2>&1; then
        bad "$name: $(tail -2 "$work/log")"
        return
    fi
    ok
    local targets=()
    [[ $name == kiosk-* ]] && targets=(--targets)
    "$src/tests/cli/layout_check.py" "$work/$name.png" "$work/$name.json" "${targets[@]}" >"$work/check" 2>&1 && ok ||
        bad "$name: the record does not match its pixels: $(cat "$work/check")"
}

sync_demo() {
    "$bin" sync --once --portal "$src/assets/demo-portal" --data-dir "$data" >/dev/null 2>"$work/err"
}

# wait_until SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds (returns 0) or about
# SECONDS have passed (returns 1). For anything a background process makes happen in its own time.
wait_until() {
    local tries=$(($1 * 10))
    shift
    while [ "$tries" -gt 0 ]; do
        "$@" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# wait_for_line SECONDS FILE PATTERN: until FILE (a program's log) has a line matching PATTERN
# (grep); 1 if it has none after SECONDS. A missing FILE is a file without that line yet.
wait_for_line() {
    wait_until "$1" grep -q -- "$3" "$2" 2>/dev/null
}

# wait_gone PID SECONDS: until process PID has ended (0), or 1 if it still runs after SECONDS.
process_gone() { ! kill -0 "$1" 2>/dev/null; }
wait_gone() {
    wait_until "$2" process_gone "$1"
}

# free_port: prints a TCP port on 127.0.0.1 that is free now (the kernel's pick), for a local server.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_port PORT: until something accepts connections on 127.0.0.1:PORT (a server started in the
# background is up); 1 if nothing does after 5 s.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
    wait_until 5 port_open "$1"
}

# start_xvfb DIR WxHxDEPTH: an X server (Xvfb) in the background for the program under test, on a
# display number Xvfb picks itself (-displayfd: other tests run their own Xvfb at the same time, so
# a fixed number may be taken), with its framebuffer in DIR/Xvfb_screen0 (`$check xwd` crops grabs
# from it). Sets $display (":N") once xdotool can talk to the server; the script sets DISPLAY from
# it, exported or per command.
start_xvfb() {
    mkdir -p "$1"
    Xvfb -displayfd 3 -screen 0 "$2" -fbdir "$1" -nolisten tcp 3>"$1/display" >/dev/null 2>&1 &
    wait_until 5 test -s "$1/display"
    display=":$(head -n 1 "$1/display")"
    wait_until 5 env DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1
}

# start_nginx PORT HTTP_CONF: Debian's nginx in the background (daemon off, a prefix of its own
# under $work/nginx, as with no root setup), serving a copy of the demo portal in $work/www, which a
# test may change to make a new publish. HTTP_CONF is the rest of the http block: the server block
# (listen 127.0.0.1:PORT, root $work/www) and whatever the test needs besides. Requests are logged
# to $work/nginx/logs/access.log. Returns once PORT accepts connections.
start_nginx() {
    chmod 755 "$work" # nginx workers run as an unprivileged user
    mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
    cp -r "$src/assets/demo-portal" "$work/www"
    cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 64; }
http {
  types { application/json json; image/png png; }
  access_log $work/nginx/logs/access.log;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
$2
}
CONF
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
    wait_port "$1"
}

# feed_server_conf PORT ROOT: the server block of packaging/nginx/gongkai-feed.conf (the config the
# hosting guide ships) for start_nginx's HTTP_CONF, listening on 127.0.0.1:PORT and serving ROOT.
# Says FAILED and returns 1 when the file no longer has the two lines it substitutes; it runs in a
# command substitution, so call it as conf=$(feed_server_conf PORT ROOT) || exit 1.
feed_server_conf() {
    local conf=$src/packaging/nginx/gongkai-feed.conf
    if ! grep -q '^    listen 8080;$' "$conf" || ! grep -q '^    root /srv/gongkai/feed;$' "$conf"; then
        echo "FAILED: $conf: no 'listen 8080;' or 'root /srv/gongkai/feed;' line to substitute" >&2
        return 1
    fi
    sed -e "s|^    listen 8080;\$|    listen 127.0.0.1:$1;|" -e "s|^    root /srv/gongkai/feed;\$|    root $2;|" "$conf"
}

# make_pki: a test CA and a server certificate it signed for 127.0.0.1, ::1 and localhost (valid 2
# days), made with openssl in $pki ($work/pki): ca.pem (for the config's tls.ca_file), server.pem
# and server.key (for the test's https server). Sets $pin to the server key's public-key pin
# (sha256//<base64>, as the config's tls.pinned_pubkey) and $wrong_pin to a random one.
make_pki() {
    pki=$work/pki
    mkdir -p "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.pem" -days 2 \
        -subj "/CN=Gongkai Test CA" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout "$pki/server.key" -out "$pki/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$pki/ext.cnf"
    openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial \
        -out "$pki/server.pem" -days 2 -extfile "$pki/ext.cnf" 2>/dev/null
    pin="sha256//$(openssl x509 -in "$pki/server.pem" -pubkey -noout | openssl pkey -pubin -outform der |
        openssl dgst -sha256 -binary | base64)"
    wrong_pin="sha256//$(head -c 32 /dev/urandom | base64)"
}

# make_video_portal DIR [ITEM_JSON_EXTRA]: the demo portal with hall-main's playlist playing only a
# clip Debian's ffmpeg makes of solid red, green and blue seconds (640×360, H.264, looping for
# 600 s: `"loop": true, "duration_s": 600` unless ITEM_JSON_EXTRA says otherwise), plus three video
# items the screen must skip: cut in half (its index at the end), random bytes, and 0 bytes.
make_video_portal() {
    local dir=$1 extra=${2:-'"loop": true, "duration_s": 600'}
    cp -r "$src/assets/demo-portal" "$dir"
    mkdir -p "$dir/att/video"
    local ff=(ffmpeg -nostdin -hide_banner -loglevel error -y)
    "${ff[@]}" -f lavfi -i color=c=red:s=640x360:r=25:d=1 -f lavfi -i color=c=lime:s=640x360:r=25:d=1 \
        -f lavfi -i color=c=blue:s=640x360:r=25:d=1 -filter_complex '[0][1][2]concat=n=3:v=1:a=0' \
        -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 25 -movflags +faststart "$dir/att/video/rgb.mp4" ||
        return 1
    "${ff[@]}" -f lavfi -i testsrc2=s=320x240:r=25:d=4 -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
        "$dir/att/video/whole.mp4" || return 1
    head -c $(($(stat -c %s "$dir/att/video/whole.mp4") / 2)) "$dir/att/video/whole.mp4" >"$dir/att/video/cut.mp4"
    rm "$dir/att/video/whole.mp4"
    head -c 20000 /dev/urandom >"$dir/att/video/noise.mp4"
    : >"$dir/att/video/empty.mp4"
    /usr/bin/python3 - "$dir" "$extra" <<'PY' || return 1
import hashlib, json, os, sys
portal, extra = sys.argv[1], sys.argv[2]
def video(name, file):
    data = open(os.path.join(portal, "att/video", file), "rb").read()
    return {"video": {"name": name, "href": "att/video/" + file, "sha256": hashlib.sha256(data).hexdigest(),
                      "bytes": len(data), "type": "video/mp4"}}
path = os.path.join(portal, "playlists/hall-main.json")
playlist = json.load(open(path))
good = video("红绿蓝", "rgb.mp4")
good.update(json.loads("{" + extra + "}"))
playlist["items"] = [good, video("截断的视频", "cut.mp4"), video("不是视频", "noise.mp4"), video("空文件", "empty.mp4")]
playlist.pop("fallback", None)
json.dump(playlist, open(path, "w"), ensure_ascii=False, indent=1)
PY
    /usr/bin/python3 "$src/assets/tools/feed-manifest.py" "$dir" >/dev/null
}
