#!/usr/bin/env bash
# Fails when a message the program translates (tr("…") or trn("…", "…", n), config/i18n.h) has no
# Chinese translation in assets/locale/zh_CN.po, or when a translation loses a placeholder ("{0}")
# of its msgid: xgettext extracts every msgid of config/, sync/, display/ and kiosk/, msgcmp finds
# the untranslated or fuzzy ones, and the placeholders are compared entry by entry.
# Usage: check-messages.sh (from the source dir)
set -euo pipefail
export LC_ALL=C.UTF-8 # xgettext and msgcmp read and write UTF-8
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
po=assets/locale/zh_CN.po
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t sources < <(find config sync display kiosk \( -name '*.cpp' -o -name '*.h' \) | sort)
xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr --keyword=trn:1,2 --keyword=trLater --no-location \
  -o "$work/messages.pot" "${sources[@]}"
[ -s "$work/messages.pot" ] || { echo "xgettext found no tr()/trn() messages" >&2; exit 1; }
echo "$(($(grep -c '^msgid "' "$work/messages.pot") - 1)) messages in the sources"

msgfmt --check -o /dev/null "$po"
# Untranslated and fuzzy entries of the .po do not count: each is reported as missing.
if ! msgcmp "$po" "$work/messages.pot" 2>"$work/msgcmp"; then
  grep -v '^msgcmp: found' "$work/msgcmp" >&2
  echo "FAILED: messages above have no translation in $po" >&2
  exit 1
fi

# Every "{i}" of a msgid (or msgid_plural) must be in each of its translations.
python3 - "$po" <<'PY'
import re, subprocess, sys
out = subprocess.run(["msgcat", "--no-wrap", "--no-location", sys.argv[1]], capture_output=True, text=True, check=True).stdout
def unquote(lines):
    return "".join(bytes(l[l.index('"') + 1:l.rindex('"')], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") for l in lines)
bad = 0
for entry in out.split("\n\n"):
    fields = {}
    key = None
    for line in entry.splitlines():
        m = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d+\])?) "', line)
        if m:
            key = m.group(1)
            fields[key] = [line]
        elif line.startswith('"') and key:
            fields[key].append(line)
    if "msgid" not in fields or not unquote(fields["msgid"]):
        continue
    wanted = set(re.findall(r"\{\d+\}", unquote(fields["msgid"]) + unquote(fields.get("msgid_plural", []))))
    for k, v in fields.items():
        if k.startswith("msgstr"):
            got = set(re.findall(r"\{\d+\}", unquote(v)))
            if got != wanted:
                print(f"FAILED: placeholders {sorted(got)} in {k} of {unquote(fields['msgid'])!r}, want {sorted(wanted)}")
                bad += 1
sys.exit(1 if bad else 0)
PY
echo "every message has a Chinese translation"
