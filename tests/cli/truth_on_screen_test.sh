#!/usr/bin/env bash
# What the screen says is true, read from what was drawn: content unlike the demo (a guide that
# gives only its name, a notice valid from next week, an item in a category the catalog does not
# have, an unusable mobile_url and a body link to a foreign host, an urgent notice in force) is
# published, synced and drawn with `screenshot --layout`, and each record (checked against its PNG
# by layout_check.py) is read for invented facts, QR codes and their captions, the urgent banner on
# every face, the information screen's type size and every text's contrast.
# Usage: truth_on_screen_test.sh PATH/TO/gongkai-kiosk SOURCE_DIR
. "$(dirname "$0")/lib.sh"
at=2026-11-28T10:00:00+08:00
portal=$work/portal
cp -r "$src/assets/demo-portal" "$portal"
/usr/bin/python3 - "$portal" <<'EOF'
import json, sys
portal = sys.argv[1]
def edit(name, change):
    path = f"{portal}/{name}.json"
    doc = json.load(open(path))
    change(doc["items"])
    json.dump(doc, open(path, "w"), ensure_ascii=False)
edit("guides", lambda items: items.append({"id": "g-bare", "name": "临时救助申请"}))
edit("notices", lambda items: items.extend([
    {"id": "n-future", "title": "关于冬季征兵体检安排的通知", "level": "normal", "published_date": "2026-11-27",
     "valid_from": "2026-12-05T00:00:00+08:00", "valid_until": "2026-12-20T00:00:00+08:00",
     "body_html": "<p>体检时间和地点另行通知。</p>"},
    {"id": "n-cold", "title": "关于寒潮大风天气的紧急通知", "level": "urgent", "published_date": "2026-11-28",
     "valid_from": "2026-11-28T06:00:00+08:00", "valid_until": "2026-11-29T06:00:00+08:00",
     "body_html": "<p>请减少外出，注意防寒保暖。</p>"}]))
edit("disclosures", lambda items: items.append(
    {"id": "x-odd", "title": "白沙镇候鸟保护宣传材料", "category": "9999", "published_date": "2026-11-20",
     "mobile_url": "javascript:alert(1)",
     "body_html": '<p>宣传材料见<a href="https://evil.example.com/birds">候鸟保护专题</a>。</p>'}))
EOF
/usr/bin/python3 "$src/assets/tools/feed-manifest.py" "$portal" >/dev/null
"$bin" sync --once --portal "$portal" --data-dir "$data" >"$work/out" 2>"$work/err" ||
    fatal "sync of the edited portal: $(tail -2 "$work/err")"

# check_record NAME PYTHON: runs PYTHON with `r` (the record), `texts` (all drawn texts joined
# by newlines) and `fail(message)`; returns 1 when fail was called (what it said in $work/check).
check_record() {
    /usr/bin/python3 - "$work/$1.json" "$2" >"$work/check" 2>&1 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
texts = "\n".join(t["text"] for t in r["texts"])
problems = []
def fail(message): problems.append(message)
exec(sys.argv[2])
print("; ".join(problems))
sys.exit(1 if problems else 0)
EOF
}
record() { check_record "$1" "$2" && ok || bad "$1: $(cat "$work/check")"; }
must_fail() { check_record "$1" "$2" && bad "$1: a check passed a record that lies" || ok; }

for size in 1920x1080 1080x1920; do
    # A guide that gives only its name: no fee, no place and hours, no online service claimed.
    layout_shot "bare-guide-$size" "$size" --show guide:g-bare
    record "bare-guide-$size" '
if "临时救助申请" not in texts: fail("the guide'"'"'s name is not shown")
for invented in ("收费", "不收费", "地点和时间", "办理时限", "在线办理", "网上办理"):
    if invented in texts: fail(f"shows {invented!r}, which the guide does not give")'

    # A notice valid from next week is listed, labelled 未生效 with the day it takes effect, never
    # 已过期. The list is scrolled until its row is in sight.
    found=""
    for scroll in 0 600 1200 1800 2400 end; do
        layout_shot "notices-$size-$scroll" "$size" --show notices --scroll "$scroll"
        check_record "notices-$size-$scroll" '
width, height = r["size"]
if not any(t["text"] == "关于冬季征兵体检安排的通知" and t["box"][1] < height * 0.7 for t in r["texts"]):
    fail("not in sight")' &&
            { found="notices-$size-$scroll"; break; }
    done
    if [ -z "$found" ]; then
        bad "notices at $size: the notice valid from next week is not in the list"
    else
        record "$found" '
lines = sorted(r["texts"], key=lambda t: (t["box"][1], t["box"][0]))
at = next(i for i, t in enumerate(lines) if t["text"] == "关于冬季征兵体检安排的通知")
detail = " ".join(t["text"] for t in lines[at + 1:at + 3])
if "【未生效】2026年12月5日起生效" not in detail: fail(f"its row says {detail!r}")
if "已过期" in detail: fail("labelled 已过期")'
    fi
    layout_shot "future-notice-$size" "$size" --show notice:n-future
    record "future-notice-$size" '
if "已过有效期" in texts or "已过期" in texts: fail("a notice valid from next week says it has expired")
if "未生效" not in texts and "生效" not in texts: fail("the page does not say when the notice takes effect")'

    # An item in a category the catalog does not have is reachable under 其他.
    layout_shot "catalog-$size" "$size" --show catalog
    record "catalog-$size" '
if "其他" not in texts: fail("no 其他 category for items in unknown categories")'

    # QR codes only for http(s); a foreign link is captioned with its domain; an unusable
    # mobile_url falls back to the site's mobile page.
    layout_shot "odd-item-$size" "$size" --show disclosure:x-odd
    record "odd-item-$size" '
urls = [q["url"] for q in r["qr"]]
if not urls: fail("no QR code at all")
for url in urls:
    if not url.startswith(("http://", "https://")): fail(f"a QR code for {url!r}")
if "https://evil.example.com/birds" not in urls: fail(f"the body link has no code: {urls}")
if "外部链接：evil.example.com" not in texts: fail("the foreign link is not captioned 外部链接：evil.example.com")
if not any(u.startswith("https://m.qingxi.example.gov.cn/bsz/") for u in urls):
    fail(f"no fallback to the site mobile page: {urls}")'

    # The urgent notice reaches the resident's pages: a banner that is a target, on any page.
    layout_shot "urgent-on-page-$size" "$size" --show guides
    record "urgent-on-page-$size" '
if "寒潮大风" not in texts: fail("no urgent banner on the guides page")
if not any("寒潮大风" in t["label"] for t in r["targets"]): fail("the banner cannot be tapped")'

    # The information screen (the attract loop) is taken over by it; the ticker and card are
    # readable from 3 m; urgent text is at 7:1.
    layout_shot "urgent-info-$size" "$size" --show attract
    record "urgent-info-$size" '
if "寒潮大风" not in texts: fail("the information screen does not show the urgent notice")'
done

# Contrast from the drawn colours: every text at least 4.5:1, urgent text at least 7:1. The
# information screen's card text at a 32 px em or more on a 1080-line screen (scaled).
contrast='
def luminance(hexcolour):
    channels = [int(hexcolour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
for t in r["texts"]:
    need = 7.0 if "寒潮大风" in t["text"] or "紧急" in t["text"] else 4.5
    got = ratio(t["color"], t["background"])
    if got < need - 0.05: fail("%r at %.2f:1 < %s:1" % (t["text"][:12], got, need))'
for name in bare-guide-1920x1080 odd-item-1920x1080 urgent-on-page-1920x1080 \
    urgent-on-page-1080x1920 urgent-info-1920x1080 urgent-info-1080x1920; do
    record "$name" "$contrast"
done
# The urgent notice stays on the information screen until it expires, so every page of it goes
# round (「1/2」, then 「2/2」 with its body), none left "for the phone"; its body is at 32 px.
for size in 1920x1080 1080x1920; do
    layout_shot "urgent-info-$size-later" "$size" --show attract --at 2026-11-28T10:00:16+08:00
    record "urgent-info-$size" '
if "余下内容请扫码查看" in texts: fail("part of the urgent notice is left for the phone")'
    record "urgent-info-$size-later" '
width, height = r["size"]
scale = min(width, height) / 1080
body = [t for t in r["texts"] if "请减少外出" in t["text"]]
if not body: fail("the urgent notice'"'"'s body never comes round")
for t in body:
    if t["em_px"] < 32 * scale - 0.5: fail("card text at a %s px em" % t["em_px"])'
done

# The checks can fail: records edited to lie must be refused.
/usr/bin/python3 - "$work/bare-guide-1920x1080.json" "$work/lie.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["texts"].append(dict(r["texts"][0], text="收费：不收费"))
r["texts"].append(dict(r["texts"][0], text="寒潮大风", color="#777777", background="#888888"))
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
must_fail lie 'if "不收费" in texts: fail("invented fee")'
must_fail lie "$contrast"
finish
