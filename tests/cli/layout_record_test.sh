#!/usr/bin/env bash
# `screenshot --layout FILE.json`: the record of what the frame drew, checked against the PNG of the
# same frame (layout_check.py): fields, boxes inside the output, QR codes where their dark modules
# are and decoding to the recorded url, the em measured from glyph pitch, text and background
# colours from the pixels. A kiosk page (with its QR panel) and the information screen, landscape
# and portrait. Then the checker is shown records that lie (em, colour, url, a box moved) and must
# reject each: the checks can fail.
# Usage: layout_record_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
sync_demo || fatal "demo sync: $(tail -2 "$work/err")"
at=2026-11-28T10:00:00+08:00
layout_check=$src/tests/cli/layout_check.py

layout_shot kiosk-landscape 1920x1080 --show disclosure:hbx-2018-0003
layout_shot kiosk-portrait 1080x1920 --show disclosure:hbx-2018-0003 --elder
layout_shot kiosk-search 1920x1080 --show search --elder # the on-screen keyboard's keys are targets
layout_shot display-landscape 1920x1080
layout_shot display-portrait 1080x1920 --group hall-portrait

layout_shot kiosk-search-typing 1080x1920 --show search:政务 --elder # results above the keyboard
layout_shot kiosk-search-small 1366x768 --show search:政务 --elder    # beside it, on a small TV

# 长辈模式's numbers, measured on what was drawn (the record, checked against the pixels above):
# every Chinese text has a CJK em of at least 40 px and every target is at least 120 × 120 px on a
# 1080-line screen, scaled with the output's short side. A target cut by the bottom of the output
# (a tile scrolled half into view) is measured where it is whole.
elder_numbers() { # elder_numbers NAME
    /usr/bin/python3 - "$work/$1.json" <<'EOF'
import json, sys
record = json.load(open(sys.argv[1]))
width, height = record["size"]
scale = min(width, height) / 1080
wrong = [f'text "{t["text"]}" em {t["em_px"]}' for t in record["texts"]
         if any("\u4e00" <= c <= "\u9fff" for c in t["text"]) and t["em_px"] < 40 * scale - 0.5]
wrong += [f'target "{t["label"]}" {t["box"][2]}x{t["box"][3]}' for t in record["targets"]
          if min(t["box"][2], t["box"][3]) < 120 * scale - 0.5 and t["box"][1] + t["box"][3] < height - 1]
print("; ".join(wrong[:6]))
sys.exit(1 if wrong else 0)
EOF
}
for name in kiosk-portrait kiosk-search kiosk-search-typing kiosk-search-small; do
    elder_numbers "$name" >"$work/check" 2>&1 && ok || bad "$name: below elder mode's numbers: $(cat "$work/check")"
done
elder_numbers kiosk-landscape >/dev/null 2>&1 && bad "the elder check passed a page not in elder mode" || ok

# Each page and screen above has a QR code; the kiosk page names its buttons.
for name in kiosk-landscape kiosk-portrait display-landscape display-portrait; do
    /usr/bin/python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["qr"] else 1)' \
        "$work/$name.json" && ok || bad "$name: no QR code recorded"
done
/usr/bin/python3 - "$work/kiosk-landscape.json" <<'EOF' && ok || bad "kiosk page: the top bar's buttons are not recorded"
import json, sys
labels = [t["label"] for t in json.load(open(sys.argv[1]))["targets"]]
sys.exit(0 if "‹ 返回" in labels and "首页" in labels else 1)
EOF

# A record that lies is rejected: each of these edits must make the checker fail.
lie() { # lie NAME PYTHON-EXPRESSION-ON-r: the edited record of kiosk-landscape must fail
    /usr/bin/python3 - "$work/kiosk-landscape.json" "$work/lie.json" "$2" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
    if "$layout_check" "$work/kiosk-landscape.png" "$work/lie.json" --targets >"$work/check" 2>&1; then
        bad "the checker accepted a record with $1"
    else
        ok
    fi
}
lie "every em 2 px too large" 'for t in r["texts"]: t["em_px"] += 2'
lie "a wrong text colour" 'for t in r["texts"]: t["color"] = "#808080"'
lie "a wrong background" 'for t in r["texts"]: t["background"] = "#00ff00" if t["background"] != "#00ff00" else "#ff0000"'
lie "a QR code's wrong url" 'r["qr"][0]["url"] += "x"'
lie "a QR box beside the code" 'r["qr"][0]["box"][0] -= r["qr"][0]["box"][2] / 2'
lie "a text box outside the output" 'r["texts"][0]["box"][0] = r["size"][0] - 1'

finish "layout record"
