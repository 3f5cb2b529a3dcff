#!/usr/bin/env python3
"""Generated inputs for the fuzz targets other than feed_fuzz, too big or too many to commit.

Usage: hostile-seeds.py DEMO_PORTAL_DIR OUT_DIR

Writes two sets per target (html_fuzz, playlist_fuzz, config_fuzz, state_fuzz):
  OUT_DIR/seeds/<target>/    seeds the fuzzing starts from: the demo portal's bodies and playlists,
                             and hostile shapes kept small (deep nesting, wide tables, long runs),
                             since libFuzzer mutates small inputs far faster;
  OUT_DIR/hostile/<target>/  large hostile inputs, up to the 4 MB a target reads, that
                             run-target.sh runs once each (within -timeout and -rss_limit_mb)
                             before the fuzzing: deep nesting past the limits, huge tables, 4 MB
                             bodies, and the inputs of fixed findings.
Removes what it no longer makes there; rewrites a file only when its bytes change.
"""
import json
import os
import sys

MIB = 1024 * 1024


def html(demo):
    seeds = {}
    for collection in ("disclosures", "notices"):
        with open(os.path.join(demo, collection + ".json"), encoding="utf-8") as f:
            for item in json.load(f)["items"]:
                if item.get("body_html"):
                    seeds[f"demo-{item['id']}.html"] = item["body_html"]
    # Nesting of the elements the walker keeps state for (blocks, lists, tables, links, formatting).
    # Each about 16 KB: the fuzz build reads HTML at ~1 MB/s, and these are mutated again and again.
    seeds["deep-div.html"] = "<div>" * 1600 + "深" + "</div>" * 1600
    seeds["deep-list.html"] = "<ul><li>项" * 1200 + "底"
    seeds["deep-ol.html"] = '<ol start="999999"><li value="1000000">' * 400 + "底"
    seeds["deep-table.html"] = "<table><tr><td>格" * 800 + "底"
    seeds["deep-formatting.html"] = "<b><i><u><a href='https://x.example/'>" * 300 + "<p>段" * 300
    seeds["adoption-agency.html"] = "<a href='https://x.example/'><p>" + "<b><div></b>x</div>" * 800
    # Width and length.
    seeds["wide-table.html"] = "<table><tr>" + '<td colspan="50" rowspan="50">格</td>' * 400 + "</tr></table>"
    seeds["tall-table.html"] = "<table>" + '<tr><td rowspan="50" colspan="50">x</td><td>y</td>' * 300 + "</table>"
    paragraph = "<p>第一条　为了规范政府信息公开工作，<b>保障</b>公民 &amp; 法人的知情权。</p>\n"
    seeds["paragraphs.html"] = paragraph * (16 * 1024 // len(paragraph.encode("utf-8")))
    seeds["long-attribute.html"] = ('<p style="' + "color:red;" * 800 + 'display:none">x</p><img alt="' + "图" * 2500 +
                                    '" src="att/x.png">')
    seeds["many-links.html"] = "".join(f'<a href="https://x.example/{i}">链{i}</a>' for i in range(400))
    seeds["unclosed-script.html"] = "<p>前</p><script>" + "</scrip " * 2000
    seeds["unclosed-comment.html"] = "<p>前</p><!--" + "-- >" * 4000
    seeds["references.html"] = "&#x4F60;&nbsp;&amp" * 900
    seeds["lt-flood.html"] = "<" * 16384

    hostile = {}
    # Beyond kMaxBodyDepth: never given to gumbo (counted before parsing), also as "<span/>".
    hostile["deep-div-30000.html"] = "<div>" * 30000 + "深"
    hostile["deep-span-self-closed-30000.html"] = "<span/>" * 30000 + "x"
    hostile["deep-div-20000.html"] = "<div>" * 20000 + "深" + "</div>" * 20000  # gumbo's slow path
    # The largest bodies: 4 MB of text, 4 MB in one comment, 1 MB of paragraphs, a table of 20,000
    # spanning cells (each of these takes 1-3 s in the fuzz build, ~20 times what it takes natively).
    text = "政务公开 open government　\n"
    hostile["text-4mb.html"] = text * (4 * MIB // len(text.encode("utf-8")) - 1)
    hostile["paragraphs-1mb.html"] = paragraph * (MIB // len(paragraph.encode("utf-8")))
    head, tail = "<h1>标题</h1><p>" + text * 100 + "</p><!-- ", " --><p>尾</p>"
    comment = "注释 comment "
    hostile["comment-4mb.html"] = head + comment * ((4 * MIB - len((head + tail).encode("utf-8"))) //
                                                    len(comment.encode("utf-8"))) + tail
    hostile["table-20000-cells.html"] = "<table>" + '<tr><td rowspan="50" colspan="50">x</td><td>y</td>' * 10000 + "</table>"
    hostile["many-links-10000.html"] = "".join(f'<a href="https://x.example/{i}">链{i}</a>' for i in range(10000))
    # The old search-text stripper looked for a ";" after every "&" up to the end of the body: quadratic (11 s
    # for 1 MB). Bodies are read by gumbo alone now; this stays as a hostile input for it.
    hostile["ampersands-2m.html"] = "&" * 2000000
    return seeds, hostile


def playlist(demo):
    seeds = {}
    for name in sorted(os.listdir(os.path.join(demo, "playlists"))):
        with open(os.path.join(demo, "playlists", name), encoding="utf-8") as f:
            seeds["demo-" + name] = f.read()

    def items(n):
        return json.dumps({"items": [{"ref": f"notice:n-{i % 500}", "duration_s": 1 + i % 600,
                                      "schedule": {"weekdays": [1 + i % 7], "times": ["22:00-06:00"],
                                                   "from": "2026-01-01"}} for i in range(n)]},
                          separators=(",", ":"))

    def strings(n):
        return json.dumps({"name": "n" * n, "items": [{"text": {"title": "t" * n, "body": "学习身边榜样。" * (n // 10)}},
                                                      {"ref": "notice:" + "x" * n}], "ticker": [{"text": "滚动" * n}]},
                          ensure_ascii=False)

    seeds["items-300.json"] = items(300)
    seeds["long-strings.json"] = strings(4000)
    # Just under the 1 MiB limit: 9,000 items (the config reader was once quadratic in them).
    hostile = {"items-9000.json": items(9000), "long-strings-900k.json": strings(80000),
               "over-1mib.json": '{"items":[{"ref":"notice:a"}],"name":"' + "x" * MIB + '"}'}
    return seeds, hostile


def config():
    def unknown(n):
        keys = {f"unknown_key_{i}": i for i in range(n)}
        keys["sync_intervall_s"] = 30
        return json.dumps(keys)

    def long_values(n):
        return json.dumps({"portal": "https://" + "a" * n, "screen_group": "g" * n, "device_id": "d" * n,
                           "staff_pin_hash": "$" * n})

    seeds = {"many-unknown-keys.json": unknown(300), "long-values.json": long_values(4000)}
    hostile = {"unknown-keys-4000.json": unknown(4000), "long-values-1mb.json": long_values(250000),
               "long-key.json": json.dumps({"k" * 100000: 1})}
    return seeds, hostile


def state():
    def generation(n):
        return json.dumps({"base_url": "https://zwgk.example.gov.cn/feed/",
                           "manifest_url": "https://zwgk.example.gov.cn/feed/manifest.json", "fetched_at": 1795136400,
                           "objects": [f"{i:064x}" for i in range(n)]}, indent=2)

    def overrides(n):
        return json.dumps({"mode": "display", "raised_urgent": [f"n-{i}" for i in range(n)],
                           "dismissed_urgent": [f"n-{i}" for i in range(n)]})

    seeds = {"generation-300-objects.json": generation(300), "staff-settings-many-ids.json": overrides(300)}
    hostile = {"generation-20000-objects.json": generation(20000), "staff-settings-10000-ids.json": overrides(10000),
               "state-4mb-error.json": json.dumps({"last_error": "e" * (4 * MIB - 100)})}
    return seeds, hostile


def write(directory, files):
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):  # what this script no longer makes
        if name not in files:
            os.remove(os.path.join(directory, name))
    for name, text in files.items():
        data = text.encode("utf-8")
        assert len(data) <= 4 * MIB, name
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                if f.read() == data:
                    continue
        with open(path, "wb") as f:
            f.write(data)


def main():
    demo, out = sys.argv[1], sys.argv[2]
    for target, (seeds, hostile) in {"html_fuzz": html(demo), "playlist_fuzz": playlist(demo), "config_fuzz": config(),
                                     "state_fuzz": state()}.items():
        write(os.path.join(out, "seeds", target), seeds)
        write(os.path.join(out, "hostile", target), hostile)


if __name__ == "__main__":
    main()
