#!/usr/bin/python3
"""Checks a `screenshot --layout` record against the PNG drawn in the same frame.

Debian's python3 with python3-pil and zbarimg (both installed by packaging/install-deps.sh).
Usage: layout_check.py PNG JSON [--targets]. Prints one line per failed check and a summary;
exits 0 when every check holds, 1 otherwise. What it checks:

  - the record has its fields: size [w, h] (= the PNG's), texts (text, box [x, y, w, h], em_px,
    color and background as #rrggbb), targets (label, box), qr (url, box, module_px);
  - every text box and target box lies inside the size; with --targets there is at least one
    target and every target has a label;
  - every QR code: the PNG cut to its box decodes (zbarimg) to its url, its quiet zone is light
    and its corner modules (finder patterns) are dark;
  - the em: for the runs of ideographs, the pitch of the glyphs measured by column ink in the
    PNG is the recorded em_px within 1 px (the longest run must be measurable);
  - colours: in every CJK text of em 18 px or more the inkiest pixel has the recorded color and the commonest
    pixel is the recorded background (each channel within 3).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from PIL import Image

HEX = re.compile(r"^#[0-9a-f]{6}$")
IDEOGRAPHS = re.compile(r"^[\u4e00-\u9fff]+$")
problems = []


def problem(message):
    problems.append(message)


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def distance(a, b):
    return max(abs(x - y) for x, y in zip(a, b))


def is_box(value):
    return isinstance(value, list) and len(value) == 4 and all(isinstance(v, (int, float)) for v in value)


def inside(box, size, what):
    x, y, w, h = box
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > size[0] + 0.01 or y + h > size[1] + 0.01:
        problem(f"{what}: box {box} is not inside {size[0]}x{size[1]}")


def check_fields(record, img):
    for key in ("size", "texts", "targets", "qr"):
        if key not in record:
            problem(f"no '{key}' in the record")
            return False
    if list(record["size"]) != list(img.size):
        problem(f"size {record['size']} is not the PNG's {list(img.size)}")
    if not record["texts"]:
        problem("no texts recorded")
    for t in record["texts"]:
        ok = (
            isinstance(t.get("text"), str)
            and is_box(t.get("box"))
            and isinstance(t.get("em_px"), (int, float))
            and HEX.match(str(t.get("color")))
            and HEX.match(str(t.get("background")))
        )
        if not ok:
            problem(f"text entry lacks a field or has a bad one: {t}")
            return False
    for t in record["targets"]:
        if not isinstance(t.get("label"), str) or not is_box(t.get("box")):
            problem(f"target entry lacks a field: {t}")
            return False
    for q in record["qr"]:
        if not isinstance(q.get("url"), str) or not is_box(q.get("box")) or not isinstance(q.get("module_px"), int):
            problem(f"qr entry lacks a field: {q}")
            return False
    return True


def check_boxes(record, want_targets):
    size = record["size"]
    for t in record["texts"]:
        inside(t["box"], size, f"text {t['text']!r}")
    for t in record["targets"]:
        inside(t["box"], size, f"target {t['label']!r}")
        if want_targets and not t["label"].strip():
            problem(f"target at {t['box']} has no label")
    if want_targets and not record["targets"]:
        problem("no targets recorded")


def decode(img):
    with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as f:
        path = f.name
    try:
        img.save(path)
        run = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else None
    finally:
        os.unlink(path)


def check_qr(record, img):
    gray = img.convert("L")
    for q in record["qr"]:
        x, y, w, h = (int(round(v)) for v in q["box"])
        m, quiet = q["module_px"], q.get("quiet_zone_modules", 4)
        crop = img.crop((x, y, x + w, y + h))
        decoded = decode(crop)
        if decoded != q["url"]:
            problem(f"QR at {q['box']}: decodes to {decoded!r}, recorded {q['url']!r}")
        # The quiet zone (the box's outer ring) is light; the finder patterns' corners are dark.
        ring = [gray.getpixel((x + i, y + quiet * m // 2)) for i in range(w)]
        ring += [gray.getpixel((x + quiet * m // 2, y + i)) for i in range(h)]
        if min(ring) < 128:
            problem(f"QR at {q['box']}: dark pixels in the quiet zone")
        inner = quiet * m + m // 2
        for cx, cy in ((x + inner, y + inner), (x + w - 1 - inner, y + inner), (x + inner, y + h - 1 - inner)):
            if gray.getpixel((cx, cy)) >= 128:
                problem(f"QR at {q['box']}: no dark finder module at ({cx}, {cy})")


def ink_columns(img, t):
    """Per column of the text's box: does any pixel differ clearly from the background?"""
    x, y, w, h = (int(round(v)) for v in t["box"])
    back = rgb(t["background"])
    px = img.load()
    return x, [any(distance(px[cx, cy], back) > 96 for cy in range(y, y + h)) for cx in range(x, x + w)]


def measured_pitch(img, t):
    """The glyph pitch of a run of n ideographs from its column ink. The n - 1 boundaries between
    glyphs are evenly spaced and lie in ink-free columns, except where two glyphs touch: among the
    pitches (and pen positions) that put the most boundaries on ink-free columns, the middle one
    is returned; None when fewer than n - 2 boundaries find a gap."""
    n = len(t["text"])
    _, ink = ink_columns(img, t)
    cols = [i for i, v in enumerate(ink) if v]
    if not cols:
        return None
    first, span = cols[0], cols[-1] + 1 - cols[0]
    best, fits = -1, []
    pitch = span / n
    while pitch <= span / (n - 0.4):
        score, phase = -1, first - 0.25 * pitch
        while phase <= first:
            at = [round(phase + i * pitch) for i in range(1, n)]
            score = max(score, sum(1 for a in at if 0 <= a < len(ink) and not ink[a]))
            phase += 0.25
        if score > best:
            best, fits = score, []
        if score == best:
            fits.append(pitch)
        pitch += 0.02
    if best < n - 2:
        return None
    return (min(fits) + max(fits)) / 2


def check_em(record, img):
    """Every run of 4 or more ideographs whose pitch can be measured has it within 1 px of its
    em_px, and at least one of them can be measured (the longest measurable one is returned: in
    a long run at a small em, glyphs such as 呼吸 touch and leave too few gaps to measure)."""
    runs = [
        t
        for t in record["texts"]
        if IDEOGRAPHS.match(t["text"]) and len(t["text"]) >= 4 and not t.get("clipped") and t["em_px"] >= 16
    ]
    if not runs:
        problem("no run of 4 or more ideographs to measure the em on")
        return None
    runs.sort(key=lambda r: len(r["text"]) * r["em_px"], reverse=True)
    measured = [(t, pitch) for t in runs if (pitch := measured_pitch(img, t)) is not None]
    if not measured:
        problem(f"{runs[0]['text']!r}: no glyph pitch found in the PNG for any run of ideographs")
        return None
    for t, pitch in measured:
        if abs(pitch - t["em_px"]) > 1.0:
            problem(f"{t['text']!r}: glyph pitch in the PNG {pitch:.2f}, recorded em_px {t['em_px']}")
    return measured[0]


def check_colours(record, img):
    px = img.load()
    checked = 0
    for t in record["texts"]:
        cjk = sum(1 for c in t["text"] if "\u4e00" <= c <= "\u9fff")
        if cjk < 2 or t["em_px"] < 18 or t.get("clipped"):
            continue
        x, y, w, h = (int(round(v)) for v in t["box"])
        back, colour = rgb(t["background"]), rgb(t["color"])
        pixels = [px[cx, cy] for cy in range(y, y + h) for cx in range(x, x + w)]
        inkiest = max(pixels, key=lambda p: distance(p, back))
        commonest = max(set(pixels), key=pixels.count)
        if distance(inkiest, colour) > 3:
            problem(f"{t['text']!r}: ink {inkiest} in the PNG, recorded color {t['color']}")
        if distance(commonest, back) > 3:
            problem(f"{t['text']!r}: background {commonest} in the PNG, recorded {t['background']}")
        checked += 1
    if checked == 0:
        problem("no large CJK text to check colours on")
    return checked


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    img = Image.open(argv[1]).convert("RGB")
    with open(argv[2], encoding="utf-8") as f:
        record = json.load(f)
    if check_fields(record, img):
        check_boxes(record, "--targets" in argv)
        check_qr(record, img)
        em = check_em(record, img)
        colours = check_colours(record, img)
    for p in problems:
        print("FAILED: " + p)
    if problems:
        return 1
    t, pitch = em
    print(
        f"ok: {len(record['texts'])} texts, {len(record['targets'])} targets, {len(record['qr'])} QR; "
        f"em of {t['text']!r} {t['em_px']} px (measured {pitch:.2f}); colours of {colours} texts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
