#!/usr/bin/env bash
# The Debian package, built with CPack from the build directory: its files (program, demo portal,
# default config, systemd unit, sysusers.d and tmpfiles.d entries), its control fields (Depends,
# conffiles, maintainer scripts), that the unpacked program finds its installed demo portal and
# accepts the shipped config, that systemd-sysusers/-tmpfiles make the user and state directory
# in a scratch root, and `systemd-analyze verify` on the unit.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/lib.sh"
build=$1 # the build dir (lib.sh took it as $bin; $bin is set below, to the unpacked program)

# Build the package into a scratch directory (never into the build tree's top level).
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 ||
  fatal "cpack -G DEB: $(tail -n 20 "$work/cpack.log")"
deb=$(ls "$work"/pkg/gongkai-kiosk_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fatal "no gongkai-kiosk_*.deb in $work/pkg: $(ls "$work/pkg")"
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"

# Contents.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
for f in /usr/bin/gongkai-kiosk /usr/share/gongkai/demo-portal/manifest.json /etc/gongkai/kiosk.json \
  /lib/systemd/system/gongkai-kiosk.service /lib/systemd/system/gongkai-kiosk-retry.timer \
  /lib/systemd/system/gongkai-kiosk-retry.service /usr/lib/sysusers.d/gongkai-kiosk.conf \
  /usr/lib/tmpfiles.d/gongkai-kiosk.conf /usr/share/doc/gongkai-kiosk/README.md \
  /usr/share/locale/zh_CN/LC_MESSAGES/gongkai-kiosk.mo; do
  grep -qx "$f" "$work/files" && ok || bad "$f is not in the package"
done
demo_files=$(cd "$src/assets/demo-portal" && find . -type f | wc -l)
packaged=$(grep -c '^/usr/share/gongkai/demo-portal/.*[^/]$' "$work/files")
[ "$packaged" -eq "$demo_files" ] && ok || bad "demo portal: $packaged files packaged, $demo_files in the source"
grep -q '^/usr/local\|^/home\|^/root\|^/tmp' "$work/files" && bad "stray paths: $(grep '^/usr/local\|^/home\|^/root\|^/tmp' "$work/files" | head -3)" || ok

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = gongkai-kiosk ] && ok || bad "Package: $(field Package)"
version=$(sed -n 's/^project(gongkai_kiosk VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ "$(field Version)" = "$version" ] && ok || bad "Version: $(field Version), want $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] && ok || bad "Architecture: $(field Architecture)"
[ -n "$(field Maintainer)" ] && [ -n "$(field Description)" ] && [ -n "$(field Section)" ] && ok ||
  bad "Maintainer/Description/Section missing"
depends=$(field Depends)
echo "Depends: $depends"
for dep in cage xwayland fonts-noto-cjk fonts-hanazono librime1 rime-prelude rime-data-luna-pinyin rime-essay systemd locales libmpv2 'libsdl2-2\.0-0' \
  'libcurl4' 'libsystemd0' 'libopencc1\.1' 'libc6'; do
  echo "$depends" | tr ',' '\n' | sed 's/^ *//' | grep -q "^$dep\b" && ok || bad "Depends lacks $dep"
done
mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/gongkai/kiosk.json "$work/control/conffiles" && ok || bad "conffiles: $(cat "$work/control/conffiles" 2>&1)"
for script in postinst prerm postrm; do
  { [ -x "$work/control/$script" ] && sh -n "$work/control/$script"; } && ok || bad "$script missing or broken"
done
grep -q systemd-sysusers "$work/control/postinst" && grep -q 'systemd-tmpfiles --create' "$work/control/postinst" &&
  grep -q daemon-reload "$work/control/postinst" && ok || bad "postinst does not set up user, state and unit"
grep -q locale-gen "$work/control/postinst" && ok || bad "postinst does not generate zh_CN.UTF-8 (the unit's LANG)"

# The unpacked program: accepts the shipped config, which names no portal: sync says what to do
# and never fills the store from the demo; `demo` finds the demo portal beside itself.
root="$work/root"
dpkg-deb -x "$deb" "$root"
expect "kiosk.json is JSON" python3 -m json.tool "$root/etc/gongkai/kiosk.json"
bin="$root/usr/bin/gongkai-kiosk"
"$bin" sync --once --config "$root/etc/gongkai/kiosk.json" --data-dir "$work/data" >"$work/out" 2>&1
code=$?
[ "$code" -eq 2 ] && grep -q "no portal configured" "$work/out" && [ ! -e "$work/data/store/current" ] && ok ||
  bad "sync with the shipped config (no portal): exit $code, $(head -c 300 "$work/out")"
# Its messages come from the catalog installed beside it (../share/locale): Chinese under zh_CN, as
# the unit runs it.
LANG=zh_CN.UTF-8 "$bin" sync --once --config "$root/etc/gongkai/kiosk.json" --data-dir "$work/data" >"$work/out" 2>&1
code=$?
[ "$code" -eq 2 ] && grep -q "^gongkai-kiosk sync: 未配置门户地址" "$work/out" && ok ||
  bad "the unpacked program in zh_CN (its catalog in usr/share/locale): exit $code, $(head -c 300 "$work/out")"
grep -qx 'Environment=LANG=zh_CN.UTF-8' "$root/lib/systemd/system/gongkai-kiosk.service" && ok ||
  bad "the unit does not run the screen in zh_CN"
"$bin" status --json --config "$root/etc/gongkai/kiosk.json" --data-dir "$work/data" >"$work/status" 2>&1 && ok ||

  bad "status with the shipped config: $(head -c 300 "$work/status")"
expect "demo from the unpacked program" env -u DISPLAY -u WAYLAND_DISPLAY "$bin" demo --data-dir "$work/demo-data" \
  --out "$work/demo-screens"
# The installed copy is looked up before the source tree the program was built from: with its
# manifest broken, the same demo must fail (were the source tree's used, it would succeed).
cp "$root/usr/share/gongkai/demo-portal/manifest.json" "$work/manifest.json"
echo '{' >"$root/usr/share/gongkai/demo-portal/manifest.json"
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" demo --data-dir "$work/demo-data2" --out "$work/demo-screens2" >"$work/out" 2>&1 &&
  bad "the unpacked program did not read the installed demo portal (it synced from elsewhere)" || ok
cp "$work/manifest.json" "$root/usr/share/gongkai/demo-portal/manifest.json"

# sysusers.d and tmpfiles.d, applied to a scratch root: the user, its groups, the state directory.
mkdir -p "$work/sys/etc"
expect "systemd-sysusers" systemd-sysusers --root "$work/sys" "$root/usr/lib/sysusers.d/gongkai-kiosk.conf"
grep -q '^gongkai:' "$work/sys/etc/passwd" && ok || bad "sysusers made no gongkai user"
for group in video render input; do
  grep -q "^$group:.*[:,]gongkai\(,\|$\)" "$work/sys/etc/group" && ok || bad "gongkai is not in group $group"
done
expect "systemd-tmpfiles" systemd-tmpfiles --root "$work/sys" --create "$root/usr/lib/tmpfiles.d/gongkai-kiosk.conf"
[ "$(stat -c %a "$work/sys/var/lib/gongkai" 2>/dev/null)" = 750 ] && ok || bad "/var/lib/gongkai is not 0750"

# The units as shipped. verify needs the ExecStart binaries: the program is not installed here, so
# copies naming the extracted one are verified, with the retry timer and service beside them.
mkdir -p "$work/unit"
for f in gongkai-kiosk.service gongkai-kiosk-retry.timer gongkai-kiosk-retry.service; do
  sed "s|^ExecStart=/usr/bin/gongkai-kiosk |ExecStart=$root/usr/bin/gongkai-kiosk |" \
    "$root/lib/systemd/system/$f" >"$work/unit/$f"
done
if (cd "$work/unit" && systemd-analyze verify --man=no gongkai-kiosk.service gongkai-kiosk-retry.timer \
  gongkai-kiosk-retry.service) >"$work/verify" 2>&1 && [ ! -s "$work/verify" ]; then ok; else
  bad "systemd-analyze verify: $(cat "$work/verify")"
fi
unit="$root/lib/systemd/system/gongkai-kiosk.service"
for line in Type=notify NotifyAccess=all WatchdogSec=20s Restart=on-failure RestartSec=5 StartLimitBurst=5 \
  OnFailure=gongkai-kiosk-retry.timer User=gongkai TTYPath=/dev/tty1 PAMName=login \
  'ExecStart=/usr/bin/gongkai-kiosk session --data-dir /var/lib/gongkai --config /etc/gongkai/kiosk.json'; do
  grep -qxF "$line" "$unit" && ok || bad "unit lacks $line"
done
grep -qx 'RemainAfterElapse=no' "$root/lib/systemd/system/gongkai-kiosk-retry.timer" && ok ||
  bad "the retry timer stays elapsed: a second failure would never be retried"
# The session's cage command line, for each rotation: no -s (no VT switching), -r per 90°.
for rotation in 0 90 180 270; do
  printf '{"rotation": %s}\n' "$rotation" >"$work/rot.json"
  line=$("$root/usr/bin/gongkai-kiosk" session --config "$work/rot.json" --data-dir "$work/rotdata" --cage /bin/echo 2>/dev/null)
  turns=""
  for _ in $(seq 1 $((rotation / 90))); do turns="$turns -r"; done
  want="-d$turns -- $root/usr/bin/gongkai-kiosk run --data-dir $work/rotdata --config $work/rot.json"
  [ "$line" = "$want" ] && ok || bad "rotation $rotation: cage got \"$line\", want \"$want\""
done

finish package
