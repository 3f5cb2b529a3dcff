#!/usr/bin/env bash
# `gongkai-kiosk config check` from the outside, on the config files an installer really writes
# wrong: every problem as FILE: key: message with its exit code (0 valid, warnings allowed;
# 1 problems; 2 unreadable). Then the last good copy with the real program: a good config is
# kept beside it, a bad one makes the screen (screenshot, the headless face of `run`) carry on with
# the last good copy or the defaults and log every problem, and the other commands stop.
# Usage: config_check_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
cfg="$work/kiosk.json"
pin_hash='pbkdf2-sha256$200000$00112233445566778899aabbccddeeff$0011223344556677889900112233445566778899001122334455667788990011'

# expect_check NAME EXIT_CODE FILE LINE...: `config check FILE` exits EXIT_CODE and prints exactly
# these lines (stdout and stderr together, in order).
expect_check() {
  local name=$1 code=$2 file=$3
  shift 3
  "$bin" config check "$file" >"$work/out" 2>&1
  local rc=$?
  local want
  want=$(printf '%s\n' "$@")
  if [ "$rc" -ne "$code" ] || [ "$(cat "$work/out")" != "$want" ]; then
    bad "$name: exit $rc (want $code); got:
$(cat "$work/out")
want:
$want"
  else
    ok
  fi
}

"$bin" --help | grep -q "^  config " && ok || bad "--help lists config"
"$bin" config --help | grep -q "^Usage: gongkai-kiosk config check \[FILE\]" && ok || bad "config --help"
"$bin" config >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -q "say check" "$work/err" && ok || bad "config without an action is a usage error"

printf '{"portal": "https://gk.example.gov.cn/feed/", "screen_group": "hall-main", "staff_pin_hash": "%s"}\n' \
  "$pin_hash" >"$cfg"
expect_check "a good config" 0 "$cfg" "kiosk.json: ok, 0 warnings"

printf '{"portal": "https://gk.example.gov.cn/feed/", "colour": "red", "tls": {"ca_fil": "/x"}}\n' >"$cfg"
expect_check "unknown keys are warnings" 0 "$cfg" \
  'kiosk.json: colour: unknown key, ignored' \
  'kiosk.json: tls.ca_fil: unknown key, ignored (did you mean "ca_file"?)' \
  "kiosk.json: ok, 2 warnings"

printf '{"portal": "http://gk.example.gov.cn/feed/"}\n' >"$cfg"
expect_check "http:// without allow_insecure_http" 1 "$cfg" \
  'kiosk.json: portal: plain http:// is refused unless tls.allow_insecure_http is true, got "http://gk.example.gov.cn/feed/"' \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"
printf '{"portal": "http://gk.example.gov.cn/feed/", "tls": {"allow_insecure_http": true}}\n' >"$cfg"
expect_check "http:// with allow_insecure_http" 0 "$cfg" "kiosk.json: ok, 0 warnings"

printf '{"rotation": 45}\n' >"$cfg"
expect_check "a rotation that is not a quarter turn" 1 "$cfg" \
  'kiosk.json: rotation: must be 0, 90, 180 or 270 (degrees clockwise), got 45' \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"
printf '{"rotation": 270}\n' >"$cfg"
expect_check "a portrait panel" 0 "$cfg" "kiosk.json: ok, 0 warnings"

printf '{"staff_pin_hash": "1234"}\n' >"$cfg"
expect_check "a PIN instead of its hash" 1 "$cfg" \
  'kiosk.json: staff_pin_hash: must be "pbkdf2-sha256$<iterations>$<salt: 32–128 hex digits>$<hash: 64 hex digits>" as printed by `gongkai-kiosk staff pin-hash` (or empty for no staff panel): it has 1 $-separated fields, not 4' \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"

printf '{"sync_interval_s": 5, "idle_timeout_s": "120", "elder_default": "yes", "mode": "Kiosk"}\n' >"$cfg"
expect_check "out-of-range numbers and wrong types" 1 "$cfg" \
  'kiosk.json: mode: must be "display" or "kiosk", got "Kiosk"' \
  'kiosk.json: sync_interval_s: must be a whole number ≥ 30, got 5' \
  'kiosk.json: idle_timeout_s: must be a whole number ≥ 10, got "120"' \
  'kiosk.json: elder_default: must be true or false, got "yes"' \
  "kiosk.json: 4 errors, 0 warnings; a screen would run on its last good config"

printf '{"sync_interval_s": 864000}\n' >"$cfg"
expect_check "a sync interval of ten days" 1 "$cfg" \
  'kiosk.json: sync_interval_s: must be at most 604800, got 864000' \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"

printf '[{"portal": "https://gk.example.gov.cn/feed/"}]\n' >"$cfg"
expect_check "a list instead of an object" 1 "$cfg" \
  'kiosk.json: must be a JSON object ({ … }), got an array' \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"

printf '{\n  "portal": "https://gk.example.gov.cn/feed/",\n  "mode": "kiosk",\n}\n' >"$cfg"
expect_check "a trailing comma" 1 "$cfg" \
  "kiosk.json: line 4, column 1: syntax error: unexpected '}'; expected string literal" \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"

printf '{"tls": {"ca_file": "%s/missing-ca.pem"}}\n' "$work" >"$cfg"
expect_check "a CA file that is not there" 1 "$cfg" \
  "kiosk.json: tls.ca_file: $work/missing-ca.pem: no such file" \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"
printf 'not a certificate\n' >"$work/ca.pem"
printf '{"tls": {"ca_file": "ca.pem", "pinned_pubkey": "sha256//abc"}}\n' >"$cfg"
expect_check "a relative CA file and a short pin" 1 "$cfg" \
  'kiosk.json: tls.ca_file: must be an absolute path (the screen does not start in this directory), got "ca.pem"' \
  "kiosk.json: tls.pinned_pubkey: must be sha256// and the 44-character base64 SHA-256 of the server's public key (several joined by ;), or a key file" \
  "kiosk.json: 2 errors, 0 warnings; a screen would run on its last good config"
printf '{"tls": {"ca_file": "%s/ca.pem"}}\n' "$work" >"$cfg"
expect_check "a CA file that is no certificate" 1 "$cfg" \
  "kiosk.json: tls.ca_file: $work/ca.pem: has no PEM certificate (-----BEGIN CERTIFICATE-----)" \
  "kiosk.json: 1 error, 0 warnings; a screen would run on its last good config"

head -c $((5 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$work/huge.json"
expect_check "a 5 MB file" 2 "$work/huge.json" \
  "gongkai-kiosk config check: $work/huge.json: file is 5.0 MiB; a config may be at most 256 KiB"
expect_check "a missing file" 2 "$work/nowhere.json" "gongkai-kiosk config check: $work/nowhere.json: no such file"
expect_check "a directory" 2 "$work" "gongkai-kiosk config check: $work: is a directory, not a config"

# In the staff's language (config/i18n.h): under zh_CN every problem and the counts are Chinese
# (one plural form), the file label and the key paths as written; "1 warning" in English.
printf '{"sync_interval_s": 5, "colour": "red", "mode": "Kiosk"}\n' >"$cfg"
LANG=zh_CN.UTF-8 expect_check "problems in zh_CN" 1 "$cfg" \
  'kiosk.json: mode: 必须是 "display" 或 "kiosk"，实际为 "Kiosk"' \
  'kiosk.json: sync_interval_s: 必须是 ≥ 30 的整数，实际为 5' \
  'kiosk.json: colour: 未知的键，已忽略' \
  "kiosk.json: 2 个错误，1 个警告；屏幕将使用上次的有效配置运行"
printf '{"portal": "https://gk.example.gov.cn/feed/", "colour": "red"}\n' >"$cfg"
LANG=zh_CN.UTF-8 expect_check "a good config in zh_CN" 0 "$cfg" 'kiosk.json: colour: 未知的键，已忽略' "kiosk.json: 正常，1 个警告"
LANG=C expect_check "a good config in English: 1 warning" 0 "$cfg" 'kiosk.json: colour: unknown key, ignored' \
  "kiosk.json: ok, 1 warning"
LANG=zh_CN.UTF-8 expect_check "a missing file in zh_CN" 2 "$work/nowhere.json" \
  "gongkai-kiosk config check: $work/nowhere.json: 文件不存在"
LANG=zh_CN.UTF-8 "$bin" config --help | grep -q "^用法：gongkai-kiosk config check \[FILE\]" && ok || bad "config --help in zh_CN"

# The last good copy, with the real program. The demo portal as the feed; screenshots at a fixed time.

at=2026-11-27T10:00:00+08:00
sync_demo && ok || bad "sync the demo: $(cat "$work/err")"
shot() { "$bin" screenshot --out "$work/shot.png" --config "$cfg" --data-dir "$data" --at "$at" >"$work/out" 2>"$work/err"; }
rm -f "$cfg.last-good"
printf '{"screen_group": "hall-portrait", "mode": "kiosk"}\n' >"$cfg"
cp "$cfg" "$work/good.json"
shot && ok || bad "screenshot with a good config: $(cat "$work/err")"
cmp -s "$cfg.last-good" "$work/good.json" && ok || bad "a good config is kept as kiosk.json.last-good beside it"
[ ! -s "$work/err" ] && ok || bad "a good config logs nothing: $(cat "$work/err")"

printf '{"screen_group": "hall portrait", "mode": "kiosk"}\n' >"$cfg"
shot && ok || bad "screenshot with a bad config still renders: $(cat "$work/err")"
grep -Fxq "gongkai-kiosk screenshot: error: config $cfg has problems; running on the last good copy $cfg.last-good" \
  "$work/err" && ok || bad "the log says the last good copy is used: $(cat "$work/err")"
grep -Fq "gongkai-kiosk screenshot: warning: $cfg: screen_group: must be a name such as" "$work/err" && ok ||
  bad "the log has the problem: $(cat "$work/err")"
cmp -s "$cfg.last-good" "$work/good.json" && ok || bad "a bad config never replaces the last good copy"
# Under systemd (JOURNAL_STREAM names stderr) each line starts with its syslog priority instead.
: >"$work/journal"
JOURNAL_STREAM=$(stat -c '%d:%i' "$work/journal") "$bin" screenshot --out "$work/shot.png" --config "$cfg" \
  --data-dir "$data" --at "$at" 2>>"$work/journal" >/dev/null
grep -Fxq "<3>config $cfg has problems; running on the last good copy $cfg.last-good" "$work/journal" &&
  grep -Fq "<4>$cfg: screen_group: must be a name such as" "$work/journal" && ok ||
  bad "journald priorities: $(cat "$work/journal")"
"$bin" status --config "$cfg" --data-dir "$data" >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -Fq "gongkai-kiosk status: $cfg: screen_group: must be a name" "$work/err" && ok ||
  bad "status stops on a bad config: $(cat "$work/err")"

rm -f "$cfg.last-good"
shot && ok || bad "screenshot with a bad config and no last good copy: $(cat "$work/err")"
grep -Fq "has problems and there is no last good copy; running on its valid keys and the defaults for the rest" \
  "$work/err" && ok || bad "the log says the defaults are used: $(cat "$work/err")"
[ ! -e "$cfg.last-good" ] && ok || bad "a bad config is never kept as the last good copy"

finish
