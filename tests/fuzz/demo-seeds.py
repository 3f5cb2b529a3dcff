#!/usr/bin/env python3
"""Seeds for the feed fuzz target from the demo portal: one small document per demo item.

Usage: demo-seeds.py DEMO_PORTAL_DIR OUT_DIR

The demo collections are too large to be good fuzz inputs (libFuzzer mutates small inputs far
faster), so each disclosure, guide and notice becomes its own {"items": [item]} document; the
manifest, the catalogue and the playlists are copied compactly. Writes only into OUT_DIR.
"""
import json
import os
import sys


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def main():
    demo, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    docs = {}
    for name in ("manifest", "catalog"):
        with open(os.path.join(demo, name + ".json"), encoding="utf-8") as f:
            docs[name] = json.load(f)
    for name in sorted(os.listdir(os.path.join(demo, "playlists"))):
        with open(os.path.join(demo, "playlists", name), encoding="utf-8") as f:
            docs["playlist-" + name[:-5]] = json.load(f)
    for collection in ("disclosures", "guides", "notices"):
        with open(os.path.join(demo, collection + ".json"), encoding="utf-8") as f:
            for item in json.load(f)["items"]:
                docs[f"{collection}-{item['id']}"] = {"items": [item]}
    for name, obj in docs.items():
        path = os.path.join(out, name + ".json")
        text = compact(obj)
        if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
