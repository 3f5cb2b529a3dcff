#!/usr/bin/env bash
# Compares two directories rendered by render-screens.sh, picture by picture (decoded pixels, so
# a PNG encoder's choices do not count). Prints each screen that differs, and how many pixels.
# Usage: compare-screens.sh BEFORE_DIR AFTER_DIR   (exit 0: identical, 1: differences)
set -eu
exec /usr/bin/python3 - "$1" "$2" <<'PY'
import os, sys
from PIL import Image, ImageChops
before, after = sys.argv[1], sys.argv[2]
names = sorted(set(os.listdir(before)) | set(os.listdir(after)))
differ = 0
for name in names:
    a, b = os.path.join(before, name), os.path.join(after, name)
    if not (os.path.exists(a) and os.path.exists(b)):
        print(f"{name}: only in {'before' if os.path.exists(a) else 'after'}")
        differ += 1
        continue
    ia, ib = Image.open(a).convert("RGBA"), Image.open(b).convert("RGBA")
    if ia.size != ib.size:
        print(f"{name}: {ia.size} before, {ib.size} after")
        differ += 1
        continue
    diff = ImageChops.difference(ia, ib)
    if diff.getbbox():
        changed = sum(1 for p in diff.getdata() if p != (0, 0, 0, 0))
        print(f"{name}: {changed} pixels differ, within {diff.getbbox()}")
        differ += 1
print(f"compare-screens: {len(names)} screens, {differ} differ")
sys.exit(1 if differ else 0)
PY
