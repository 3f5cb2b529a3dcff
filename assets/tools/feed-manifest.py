#!/usr/bin/env python3
"""Fill in (or check) the SHA-256 hashes and byte sizes of a portal feed (gongkai-feed/1).

This is the only way hashes get into the bundled demo feed: nobody types a hash by hand.

Given a feed directory (default: ../demo-portal relative to this script), it

  1. reads manifest.json and every collection (files.*) and playlist (playlists.*) it names;
  2. in those JSON documents, for every object that has an "href" pointing to an existing
     local file (attachments, images, blank-form templates), sets "sha256" and "bytes" from
     that file;
  3. writes each JSON document back, but only if its content changed;
  4. sets files.*.sha256/bytes and playlists.*.sha256/bytes in manifest.json from the
     (possibly rewritten) files, and writes manifest.json if it changed.

With --check nothing is written: every mismatch is listed and the exit status is 1 if there
was any (0 when the feed is consistent).

hrefs are resolved relative to the manifest (as the kiosk does), never outside the feed
directory: an href that is absolute, contains "..", a backslash, a NUL or a percent-encoded
traversal is reported as an error. An href whose file does not exist locally is reported as
a warning and left alone (a real portal may list a document that is only online).

JSON is written as UTF-8, indented by 2, keys in their existing order, non-ASCII unescaped.
Standard library only.
"""
import argparse
import hashlib
import json
import os
import re
import sys
from urllib.parse import unquote

DEFAULT_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                            "..", "demo-portal"))


def unsafe_href(href):
    """Return why an href must not be used, or None if it is a safe relative path."""
    if not isinstance(href, str) or not href:
        return "empty or not a string"
    if "\0" in href or "\\" in href:
        return "contains a NUL or a backslash"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("/"):
        return "is absolute"
    decoded = href
    for _ in range(3):                     # catch %2e%2e, %252e%252e, %5c …
        decoded = unquote(decoded)
    if "\0" in decoded or "\\" in decoded:
        return "contains an encoded NUL or backslash"
    if decoded.startswith("/"):
        return "is absolute once percent-decoded"
    if ".." in decoded.split("/"):
        return "contains a '..' segment"
    return None


def file_facts(path):
    h = hashlib.sha256()
    n = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def set_facts(obj, sha, size):
    """Set sha256/bytes; keep key order, and put new keys right after "href"."""
    if "sha256" in obj and "bytes" in obj:
        obj["sha256"], obj["bytes"] = sha, size
        return
    items = []
    for k, v in obj.items():
        if k in ("sha256", "bytes"):
            continue
        items.append((k, v))
        if k == "href":
            items += [("sha256", sha), ("bytes", size)]
    obj.clear()
    obj.update(items)


class Run:
    def __init__(self, root, check):
        self.root = root
        self.check = check
        self.mismatches = []
        self.errors = []
        self.warnings = []
        self.written = []

    def local(self, href):
        return os.path.join(self.root, *href.split("/"))

    # -- step 1/2: hrefs inside a document ---------------------------------------------
    def fix_hrefs(self, node, doc, where):
        if isinstance(node, dict):
            href = node.get("href")
            if isinstance(href, str):
                why = unsafe_href(href)
                if why:
                    self.errors.append(f"{doc}: {where}.href {href!r} {why}")
                elif not os.path.isfile(self.local(href)):
                    self.warnings.append(f"{doc}: {where}.href {href!r}: no such local file")
                else:
                    sha, size = file_facts(self.local(href))
                    if node.get("sha256") != sha or node.get("bytes") != size:
                        self.mismatches.append(
                            f"{doc}: {where} ({href}): sha256/bytes "
                            f"{str(node.get('sha256'))[:12] or '-'}…/{node.get('bytes')} "
                            f"-> {sha[:12]}…/{size}")
                        set_facts(node, sha, size)
            for k, v in node.items():
                self.fix_hrefs(v, doc, f"{where}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.fix_hrefs(v, doc, f"{where}[{i}]")

    def process_document(self, href):
        path = self.local(href)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        obj = json.loads(text)
        before = json.loads(text)
        self.fix_hrefs(obj, href, "$")
        if obj != before:
            if self.check:
                return dumps(obj).encode("utf-8")   # what the file would become
            with open(path, "w", encoding="utf-8") as f:
                f.write(dumps(obj))
            self.written.append(href)
        with open(path, "rb") as f:
            return f.read()

    # -- step 3/4: the manifest ----------------------------------------------------------
    def run(self):
        mpath = os.path.join(self.root, "manifest.json")
        with open(mpath, encoding="utf-8") as f:
            manifest = json.load(f)
        before = json.loads(json.dumps(manifest))
        for section in ("files", "playlists"):
            for name, entry in (manifest.get(section) or {}).items():
                where = f"manifest.json: {section}.{name}"
                href = entry.get("href") if isinstance(entry, dict) else None
                why = unsafe_href(href)
                if why:
                    self.errors.append(f"{where}.href {href!r} {why}")
                    continue
                if not os.path.isfile(self.local(href)):
                    self.errors.append(f"{where}: {href} does not exist")
                    continue
                data = self.process_document(href)
                sha, size = hashlib.sha256(data).hexdigest(), len(data)
                if entry.get("sha256") != sha or entry.get("bytes") != size:
                    self.mismatches.append(f"{where} ({href}): sha256/bytes "
                                           f"{str(entry.get('sha256'))[:12] or '-'}…/{entry.get('bytes')} "
                                           f"-> {sha[:12]}…/{size}")
                    set_facts(entry, sha, size)
        if manifest != before and not self.check:
            with open(mpath, "w", encoding="utf-8") as f:
                f.write(dumps(manifest))
            self.written.append("manifest.json")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("feed_dir", nargs="?", default=DEFAULT_DIR,
                    help=f"feed directory containing manifest.json (default: {DEFAULT_DIR})")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; list mismatches and exit 1 if there are any")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    args = ap.parse_args(argv)

    root = os.path.abspath(args.feed_dir)
    if not os.path.isfile(os.path.join(root, "manifest.json")):
        print(f"feed-manifest: {root}: no manifest.json", file=sys.stderr)
        return 2
    r = Run(root, args.check)
    try:
        r.run()
    except (OSError, ValueError) as e:     # JSONDecodeError is a ValueError
        print(f"feed-manifest: {e}", file=sys.stderr)
        return 2

    for w in r.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in r.errors:
        print(f"error: {e}", file=sys.stderr)
    if args.check:
        for m in r.mismatches:
            print(f"mismatch: {m}")
        if not args.quiet or r.mismatches:
            print(f"feed-manifest --check: {len(r.mismatches)} mismatch(es), "
                  f"{len(r.errors)} error(s) in {root}")
        return 1 if (r.mismatches or r.errors) else 0
    if not args.quiet:
        for m in r.mismatches:
            print(f"updated: {m}")
        print(f"feed-manifest: wrote {len(r.written)} file(s)"
              + (f" ({', '.join(r.written)})" if r.written else "") + f" in {root}")
    return 1 if r.errors else 0


if __name__ == "__main__":
    sys.exit(main())
