#!/usr/bin/python3
"""What a person would see on a grabbed screen, for the installed-path tests (cage_test.sh).

Debian's python3 with python3-pil (installed by packaging/install-deps.sh). Subcommands, each
printing one line and exiting 0 when the check holds, 1 when it does not:

  fills GRAB                 the picture fills the output: no black band of rows or columns (the
                             old bug: half the output black, the layout pushed off the bottom)
  matches GRAB REF           the grab shows the same layout as REF (the program's own screenshot
                             at the same size and time): compared in 16x16 px blocks by mean
                             colour, at most --max-blocks (default 8 %) may differ; the ticker
                             and the clock move, the rest must be where REF has it
  scales A B                 A, resized to B's size, shows B's layout (as `matches`): the screen
                             scales with the output, type and touch targets included
  changed A B X0 Y0 X1 Y1    two grabs differ inside the box given as fractions of the size
                             (e.g. the header's clock: 0.5 0 1 0.12)
  tile REF                   prints "X Y", the centre of the first red tile below the header on a
                             kiosk home page (the 政府信息公开目录 tile), for a tap
  xwd FILE X Y W H OUT       crops Xvfb's -fbdir framebuffer (XWD, 32 bits per pixel) to a PNG
  ink PNG X0 Y0 X1 Y1        the box (fractions of the size) looks like a printed page: mostly
                             white paper (at least half) with dark ink on it (at least 0.3 %)
  video A B                  a video of solid red, green and blue seconds plays in both grabs: in
                             each, one of those colours (within 40 of it per channel) covers at
                             least 3 % of the picture, and it is not the same colour in A and B
  colour PNG NAME            as `video`, for one picture that shows NAME (red, green or blue)
"""
import struct
import sys

from PIL import Image, ImageChops

BLOCK = 16


def load(path):
    return Image.open(path).convert("RGB")


def fills(path):
    img = load(path)
    w, h = img.size
    gray = img.convert("L")
    px = gray.load()

    def dark_run(length, count, at):
        best = run = 0
        for i in range(count):
            dark = all(at(i, j) < 8 for j in range(0, length, 4))
            run = run + 1 if dark else 0
            best = max(best, run)
        return best

    rows = dark_run(w, h, lambda y, x: px[x, y])
    cols = dark_run(h, w, lambda x, y: px[x, y])
    ok = rows <= 2 and cols <= 2
    print(f"fills: {w}x{h}, longest black band {rows} rows, {cols} columns")
    return ok


def block_means(img):
    w, h = img.size
    small = img.resize((w // BLOCK, h // BLOCK), Image.BOX)
    return small, small.size


def matches(grab_path, ref_path, max_share, scale=False):
    grab, ref = load(grab_path), load(ref_path)
    if scale:
        grab = grab.resize(ref.size, Image.BOX)
    if grab.size != ref.size:
        print(f"matches: sizes differ, grab {grab.size}, reference {ref.size}")
        return False
    a, (bw, bh) = block_means(grab)
    b, _ = block_means(ref)
    diff = ImageChops.difference(a, b).convert("L")
    differing = sum(1 for v in diff.getdata() if v > 24)
    share = differing / (bw * bh)
    print(f"matches: {differing} of {bw * bh} blocks differ ({share:.1%}, at most {max_share:.0%})")
    return share <= max_share


def changed(a_path, b_path, box):
    a, b = load(a_path), load(b_path)
    w, h = a.size
    x0, y0, x1, y1 = (int(round(f * s)) for f, s in zip(box, (w, h, w, h)))
    bbox = ImageChops.difference(a.crop((x0, y0, x1, y1)), b.crop((x0, y0, x1, y1))).getbbox()
    print(f"changed: box {x0},{y0}-{x1},{y1}: {'differs at ' + str(bbox) if bbox else 'identical'}")
    return bbox is not None


def tile(ref_path):
    img = load(ref_path)
    w, h = img.size
    px = img.load()

    def red(x, y):
        r, g, b = px[x, y]
        return r > 140 and g < 60 and b < 60

    y = 0
    while y < h and red(2, y):  # the header: red from edge to edge
        y += 1
    for yy in range(y, h):
        xs = [x for x in range(w) if red(x, yy)]
        if len(xs) < w // 8:  # not a tile's row (text, a hairline)
            continue
        x0, x1 = xs[0], xs[0]
        while x1 + 1 < w and red(x1 + 1, yy):
            x1 += 1
        y1, edge = yy, x0 + (x1 - x0) // 20  # down the tile's left margin, clear of its text
        while y1 + 1 < h and red(edge, y1 + 1):
            y1 += 1
        print(f"{(x0 + x1) // 2} {(yy + y1) // 2}")
        return True
    print("tile: no red tile below the header")
    return False


def xwd(path, x, y, w, h, out):
    with open(path, "rb") as f:
        data = f.read()
    fields = struct.unpack(">25I", data[:100])
    header_size, bpp, bytes_per_line, ncolors = fields[0], fields[11], fields[12], fields[19]
    width, height = fields[4], fields[5]
    if bpp != 32:
        print(f"xwd: {bpp} bits per pixel, want 32")
        return False
    start = header_size + ncolors * 12
    img = Image.frombuffer("RGBX", (width, height), data[start:start + bytes_per_line * height], "raw", "BGRX",
                           bytes_per_line, 1)
    img.convert("RGB").crop((x, y, x + w, y + h)).save(out)
    print(f"xwd: {width}x{height} framebuffer, cropped {w}x{h}+{x}+{y}")
    return True


def ink(path, box):
    img = load(path).convert("L")
    w, h = img.size
    x0, y0, x1, y1 = (int(round(f * s)) for f, s in zip(box, (w, h, w, h)))
    pixels = list(img.crop((x0, y0, x1, y1)).getdata())
    dark = sum(1 for p in pixels if p < 96) / len(pixels)
    paper = sum(1 for p in pixels if p > 245) / len(pixels)
    print(f"ink: box {x0},{y0}-{x1},{y1}: {dark:.2%} dark, {paper:.0%} white")
    return dark >= 0.003 and paper >= 0.5


SOURCE_COLOURS = {"red": (255, 0, 0), "green": (0, 255, 0), "blue": (0, 0, 255)}


def video_colour(path):
    """The source colour that covers at least 3 % of the picture, or None."""
    img = load(path)
    pixels = list(img.getdata())
    shares = {}
    for name, (r, g, b) in SOURCE_COLOURS.items():
        near = sum(1 for (pr, pg, pb) in pixels if abs(pr - r) <= 40 and abs(pg - g) <= 40 and abs(pb - b) <= 40)
        shares[name] = near / len(pixels)
    best = max(shares, key=shares.get)
    print(f"{path}: " + ", ".join(f"{n} {v:.1%}" for n, v in shares.items()))
    return best if shares[best] >= 0.03 else None


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    args = argv[2:]
    if cmd == "fills" and len(args) == 1:
        return fills(args[0])
    if cmd == "matches" and len(args) >= 2:
        share = float(args[3]) if len(args) == 4 and args[2] == "--max-blocks" else 0.08
        return matches(args[0], args[1], share)
    if cmd == "scales" and len(args) == 2:
        return matches(args[0], args[1], 0.08, scale=True)
    if cmd == "changed" and len(args) == 6:
        return changed(args[0], args[1], [float(v) for v in args[2:]])
    if cmd == "tile" and len(args) == 1:
        return tile(args[0])
    if cmd == "ink" and len(args) == 5:
        return ink(args[0], [float(v) for v in args[1:]])
    if cmd == "video" and len(args) == 2:
        a, b = video_colour(args[0]), video_colour(args[1])
        print(f"video: {a} then {b}")
        return a is not None and b is not None and a != b
    if cmd == "colour" and len(args) == 2:
        return video_colour(args[0]) == args[1]
    if cmd == "xwd" and len(args) == 6:
        return xwd(args[0], *(int(v) for v in args[1:5]), args[5])
    print(__doc__)
    return False


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv) else 1)
