#!/usr/bin/env python3
"""Generate a large, valid portal feed (gongkai-feed/1) for benchmarks and list/search work.

    generate-feed.py OUT_DIR [--disclosures 10000] [--guides 1000] [--notices 500] [--seed 1]
    generate-feed.py OUT_DIR --touch-notice     # change exactly one notice of an existing feed

The feed is a fictional county portal (青溪县, URLs under *.qingxi.example.gov.cn, which address
nothing real) with the shapes of assets/demo-portal/: the catalogue of the demo, disclosure items
of county departments and townships (varied titles, 发布机构, 文号 such as 青政发〔2026〕12号,
索引号, bodies with paragraphs, lists and tables, a few chart images and PDF attachments),
service guides with materials, steps and FAQ, notices with validity windows, and one playlist.
The same arguments always give byte-identical files. A few items are messy the way real data is
(索引号 without prefix, 发布日期 before 成文日期, an unknown category code), none is invalid.

--touch-notice rewrites one notice (the newest) of OUT_DIR and republishes: only notices.json
and manifest.json change. Hashes and sizes are always filled by feed-manifest.py.
Standard library only.
"""
import argparse
import datetime
import hashlib
import json
import os
import random
import struct
import subprocess
import sys
import zlib

TOOLS = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(TOOLS, "..", "demo-portal", "catalog.json")
sys.path.insert(0, TOOLS)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import feed_vocabulary as V  # noqa: E402  (the word lists, next to this script)

GENERATED_AT = "2026-11-27T08:00:00+08:00"
TODAY = datetime.date(2026, 11, 27)
WWW = "https://www.qingxi.example.gov.cn"
MOBILE = "https://m.qingxi.example.gov.cn"


def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# -- attachments: small real files, hashed here so feed-manifest.py never rewrites a collection --

def png_chart(values, colour):
    """A 480x270 bar chart (one colour, grey axis) as PNG bytes."""
    width, height, top = 480, 270, max(values)
    bar = (width - 40) // len(values)
    heights = [int(v * (height - 40) / top) for v in values]
    rows = []
    for y in range(height):
        row = bytearray(b"\xff\xff\xff" * width)
        for i, h in enumerate(heights):
            if height - 20 - h <= y < height - 20:
                x0 = 20 + i * bar + 4
                row[x0 * 3:(x0 + bar - 8) * 3] = bytes(colour) * (bar - 8)
        if y == height - 20:
            row[60:(width - 20) * 3] = b"\x60\x60\x60" * (width - 40)
        rows.append(b"\x00" + bytes(row))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def pdf_document(label):
    """A one-page PDF whose only text is an ASCII label."""
    stream = f"BT /F1 14 Tf 72 760 Td ({label}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class Files:
    """Attachment files written under OUT_DIR, described as feed attachment objects."""

    def __init__(self, root):
        self.root = root

    def add(self, href, data, name, mime):
        write(os.path.join(self.root, *href.split("/")), data)
        return {"name": name, "href": href, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                "type": mime, "url": f"{MOBILE}/{href}"}

    def pdf(self, href, name):
        return self.add(href, pdf_document(href), name, "application/pdf")

    def chart(self, href, name, rng):
        values = [rng.randint(20, 100) for _ in range(rng.randint(4, 10))]
        colour = rng.choice([(0x2f, 0x6f, 0xb5), (0xc0, 0x39, 0x2b), (0x27, 0xae, 0x60), (0xd3, 0x8b, 0x1b)])
        return self.add(href, png_chart(values, colour), name, "image/png")


# -- text ------------------------------------------------------------------------------------

def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def person(rng):
    if rng.random() < 0.01:
        return rng.choice(V.RARE_NAMES)
    given = rng.choice(V.GIVEN) + (rng.choice(V.GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(V.SURNAMES) + given


def fill(template, rng, ctx):
    """Fill {slots} of a title or sentence template from the context and the word lists."""
    values = dict(ctx)
    values.setdefault("topic", rng.choice(V.TOPICS))
    values.setdefault("village", rng.choice(V.VILLAGES))
    values.setdefault("project", rng.choice(V.VILLAGES) + rng.choice(V.PROJECTS))
    values.setdefault("month", rng.randint(1, 12))
    values.setdefault("q", "一二三四"[rng.randrange(4)])
    values.setdefault("batch", rng.randint(1, 12))
    values.setdefault("name", person(rng))
    values.setdefault("n", rng.randint(2, 30))
    values.setdefault("road", rng.choice(V.ROADS))
    values.setdefault("town", rng.choice(V.TOWN_NAMES))
    values.setdefault("day", rng.randint(1, 28))
    values.setdefault("k", rng.randint(1, 300))
    return template.format(**values)


def table(rng, columns, rows):
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def name_list_table(rng, village_count):
    rows = []
    for i in range(1, village_count + 1):
        rows.append([i, rng.choice(V.VILLAGES), person(rng), rng.randint(1, 5), f"{rng.randint(300, 2400)}.00"])
    return table(rng, ["序号", "村（社区）", "户主姓名", "保障人数", "月保障金额（元）"], rows)


def money_table(rng):
    rows, total = [], 0.0
    for item in rng.sample(V.BUDGET_LINES, rng.randint(4, 8)):
        amount = rng.randint(2000, 400000) / 100
        total += amount
        rows.append([item, f"{amount:,.2f}", f"{rng.uniform(-8, 12):+.1f}"])
    rows.append(["合计", f"{total:,.2f}", ""])
    return table(rng, ["科目名称", "金额（万元）", "增减（%）"], rows)


def body_html(rng, ctx, kind, image=None):
    parts = [f"<p>{fill(rng.choice(V.OPENINGS), rng, ctx)}</p>"]
    headings = sorted(rng.sample(range(len(V.HEADINGS)), rng.randint(2, 4)))  # in the usual order
    for n, heading in enumerate(V.HEADINGS[h] for h in headings):
        parts.append(f"<h2>{'一二三四'[n]}、{heading}</h2>")
        for _ in range(rng.randint(1, 2)):
            parts.append("<p>" + "".join(fill(s, rng, ctx) for s in rng.sample(V.SENTENCES, rng.randint(2, 3)))
                         + "</p>")
        if rng.random() < 0.35:
            tag = rng.choice(["ul", "ol"])
            items = "".join(f"<li>{fill(s, rng, ctx)}</li>" for s in rng.sample(V.SENTENCES, rng.randint(2, 4)))
            parts.append(f"<{tag}>{items}</{tag}>")
    if kind == "money":
        parts.append(f"<p>表1 {ctx['year']}年收支情况（单位：万元）</p>" + money_table(rng))
    elif kind == "names":
        parts.append("<p>具体名单如下：</p>" + name_list_table(rng, rng.randint(3, 12)))
    if image:
        parts.append(f"<p><img src=\"{image['href']}\" alt=\"{image['name'][:-4]}\"></p>")
    parts.append(f"<p>{ctx['org']}</p><p>{cn_date(ctx['date'])}</p>")
    return "".join(parts)


# -- collections -------------------------------------------------------------------------------

def leaf_codes():
    with open(CATALOG, encoding="utf-8") as f:
        catalog = json.load(f)
    return catalog, [c["code"] for top in catalog["categories"] for c in top.get("children", [])]


def publisher_for(rng, code):
    """(publisher, 文号 prefix, the area it speaks for: township or 青溪县) for a catalogue code."""
    dept = V.DEPARTMENT_FOR_CATEGORY.get(code[:2])
    roll = rng.random()
    if roll < 0.45:
        town, short = rng.choice(V.TOWNS)
        return f"青溪县{town}人民政府", rng.choice([f"{short}政", f"{short}政办", f"{short}委"]), town
    if roll < 0.75 and dept:
        name, short = dept
        return f"青溪县{name}", f"青{short}", "青溪县"
    return "青溪县人民政府", rng.choice(["青政", "青政文", "青政办", "青溪政发", "青政综"]), "青溪县"


def disclosures(rng, count, codes, files):
    items, titles, serials = [], {}, {}
    years = list(range(2016, 2027))
    weights = [1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 9]
    for n in range(count):
        code = rng.choice(codes)
        year = rng.choices(years, weights)[0]
        written = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        written = min(written, TODAY - datetime.timedelta(days=3))
        published = written + datetime.timedelta(days=rng.choice([0, 0, 1, 2, 3, 5, 7]))
        if rng.random() < 0.003:
            published = written - datetime.timedelta(days=1)  # real data: 发布日期 before 成文日期
        publisher, prefix, area = publisher_for(rng, code)
        org = V.org_code(publisher)
        ctx = {"org": publisher, "short": area, "year": year, "year2": year + 4, "date": written}
        title = ""
        for attempt in range(20):
            title = fill(rng.choice(V.TITLES[code]), rng, ctx)
            if title not in titles:
                break
            ctx["batch"] = attempt + 2
        if title in titles:  # a document every office publishes: a revision of it
            title += f"（{year}年{written.month}月修订）"
            title += f"（第{ctx['batch']}版）" if title in titles else ""
        titles[title] = True
        seq = serials[(org, year)] = serials.get((org, year), 0) + 1
        doc_no = ""
        if prefix and code[:2] in ("02", "03", "09", "10", "11") and rng.random() < 0.8:
            doc_no = f"{prefix}〔{year}〕{seq}号"
        index_no = f"{org}/{year}-{seq:05d}" if rng.random() > 0.005 else f"{year}-{seq:05d}"
        item_id = f"qx-{year}-{n + 1:05d}"
        attachments, image = [], None
        if code in ("0401", "0402", "0404") and rng.random() < 0.08:
            image = files.chart(f"att/xxgk/{item_id}-chart.png", f"{title[:20]}图表.png", rng)
            attachments.append(image)
        if rng.random() < 0.04:
            attachments.append(files.pdf(f"att/xxgk/{item_id}.pdf", f"{title[:24]}.pdf"))
        kind = "money" if code[:2] == "04" else "names" if code[:2] == "06" else "text"
        keywords = rng.sample(V.TOPICS, rng.randint(1, 3))
        items.append({
            "id": item_id, "index_no": index_no, "title": title,
            "category": code if rng.random() > 0.003 else "9901", "publisher": publisher, "doc_no": doc_no,
            "written_date": written.isoformat(), "published_date": published.isoformat(),
            "effective_date": published.isoformat() if doc_no and rng.random() < 0.5 else "",
            "expiry_date": "", "validity": ("有效" if year >= 2021 else rng.choice(["有效", "失效", "废止"]))
            if doc_no else "",
            "keywords": keywords,
            "summary": fill(rng.choice(V.SUMMARIES), rng, ctx),
            "body_html": body_html(rng, ctx, kind, image),
            "attachments": attachments,
            "related": [f"disclosure:{items[rng.randrange(len(items))]['id']}"] if items and rng.random() < 0.1
            else [],
            "url": f"{WWW}/xxgk/{item_id}.html", "mobile_url": f"{MOBILE}/xxgk/{item_id}",
            "updated_at": f"{published.isoformat()}T{rng.randint(8, 17):02d}:{rng.randrange(60):02d}:00+08:00"})
    return items


def guides(rng, count, files):
    combos = [(m, town, variant) for m in V.MATTERS for town in (V.TOWN_NAMES if m[3] == "town" else ["县级"])
              for variant in m[5]]
    rng.shuffle(combos)
    templates = {}
    items = []
    for n in range(count):
        (name, kind, dept, level, days, variants, materials), town, variant = combos[n % len(combos)]
        if n >= len(combos):  # more guides than distinct matters: numbered copies
            variant = (variant + "，" if variant else "") + f"第{n // len(combos) + 1}批"
        where = f"{town}便民服务中心" if level == "town" else "青溪县行政服务中心"
        department = f"{town}{dept}" if level == "town" else f"青溪县{dept}"
        legal, promised = days
        if name not in templates and rng.random() < 0.5:
            templates[name] = files.pdf(f"att/bszn/m{len(templates) + 1:03d}.pdf", f"{name}申请表.pdf")
        chosen = ["居民身份证"] + rng.sample(materials, min(len(materials), rng.randint(1, 4)))
        mats = [{"name": m, "form": rng.choice(["原件", "复印件", "原件及复印件"]), "copies": rng.choice([1, 1, 2]),
                 "required": i < 2 or rng.random() < 0.7, "source": "申请人自备", "note": "", "template": None}
                for i, m in enumerate(chosen)]
        if name in templates:
            mats.append({"name": f"《{name}申请表》", "form": "原件", "copies": 1, "required": True,
                         "source": "窗口领取或在线下载", "note": "申请人签字（按手印）", "template": templates[name]})
        full = name + (f"（{variant}）" if variant else "")
        ctx = {"org": department, "topic": name, "year": 2026, "date": TODAY}
        item_id = f"g-{n + 1:04d}"
        items.append({
            "id": item_id, "code": f"{V.org_code(town)}{V.KIND_DIGIT[kind]}000{n + 117001:06d}", "name": full,
            "kind": kind, "department": department,
            "basis": f"《{rng.choice(V.LAWS)}》第{rng.randint(2, 60)}条。",
            "conditions": fill(rng.choice(V.CONDITIONS), rng, ctx),
            "handling": "即办件" if promised == 0 else "承诺件", "materials": mats,
            "steps": [{"name": s, "description": fill(rng.choice(V.SENTENCES), rng, ctx), "days": d}
                      for s, d in zip(["申请受理", "审核", "办结"], [1, max(0, promised - 1), 0])],
            "legal_days": legal, "promised_days": promised, "visits": rng.choice([0, 1, 1, 1, 2]),
            "online": rng.random() < 0.7,
            "fees": [] if rng.random() < 0.9 else [{"name": "工本费", "amount": rng.choice([5, 10, 20]),
                                                    "basis": "省物价局核定标准"}],
            "fee_note": "不收费", "location": f"{where}{rng.randint(1, 12)}号窗口",
            "hours": "周一至周五 8:00-12:00，14:30-17:30（法定节假日除外）",
            "consult_phone": f"0598-36{rng.randint(10000, 99999)}", "complaint_phone": "12345",
            "online_url": f"{WWW}/zwfw/{item_id}.html", "mobile_url": f"{MOBILE}/bszn/{item_id}",
            "faq": [{"q": fill(q, rng, ctx), "a": fill(a, rng, ctx)} for q, a in rng.sample(V.FAQ, 2)],
            "updated_at": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T09:00:00+08:00"})
    return items


def notices(rng, count, files):
    items = []
    start = TODAY - datetime.timedelta(days=3 * count // 2)
    for n in range(count):
        published = start + datetime.timedelta(days=(3 * n) // 2 + rng.randint(0, 1))
        published = min(published, TODAY)
        level = rng.choices(["normal", "important", "urgent"], [80, 17, 3])[0]
        town = rng.choice(V.TOWN_NAMES)
        org = f"青溪县{town}人民政府" if rng.random() < 0.7 else "青溪县人民政府"
        ctx = {"org": org, "year": published.year, "next_year": published.year + 1, "date": published, "town": town,
               "month": published.month, "day": published.day}
        templates = V.URGENT_NOTICES if level == "urgent" else V.NOTICES
        if level != "urgent" and published.month in V.HOLIDAY_NOTICES and rng.random() < 0.2:
            templates = V.HOLIDAY_NOTICES[published.month]
        title = fill(rng.choice(templates), rng, ctx)
        valid_from = published if level != "urgent" else published + datetime.timedelta(days=1)
        days = rng.randint(1, 3) if level == "urgent" or "计划停" in title else rng.choice([7, 14, 30, 60, 90, 180])
        item_id = f"n-{published.year}-{n + 1:04d}"
        image = None
        if rng.random() < 0.03:
            image = files.chart(f"att/tzgg/{item_id}.png", f"{title[:16]}示意图.png", rng)
        items.append({
            "id": item_id, "title": title, "body_html": body_html(rng, ctx, "text"), "level": level,
            "publisher": org, "published_date": published.isoformat(),
            "valid_from": f"{valid_from.isoformat()}T{'18' if level == 'urgent' else '00'}:00:00+08:00",
            "valid_until": f"{(valid_from + datetime.timedelta(days=days)).isoformat()}T00:00:00+08:00",
            "image": image, "mobile_url": f"{MOBILE}/tzgg/{item_id}",
            "updated_at": f"{published.isoformat()}T09:00:00+08:00"})
    items.reverse()  # newest first, as portals list them
    return items


def playlist(notice_items, guide_items, disclosure_items):
    current = [n for n in notice_items if n["level"] != "urgent"][:6]
    items = [{"ref": f"notice:{n['id']}", "duration_s": 20} for n in current]
    items += [{"ref": f"guide:{g['id']}", "duration_s": 25} for g in guide_items[:4]]
    items += [{"ref": f"disclosure:{d['id']}", "duration_s": 30} for d in disclosure_items[-3:]]
    items.append({"text": {"title": "温馨提示", "body": "请按号排队，文明办事。"}, "duration_s": 10})
    return {"name": "县行政服务中心大厅主屏", "orientation": "landscape", "default_duration_s": 15, "items": items,
            "ticker": [{"text": "12345政务服务便民热线 7×24小时为您服务", "schedule": None}]}


def manifest():
    return {"format": "gongkai-feed/1", "generated_at": GENERATED_AT,
            "site": {"name": "青溪县人民政府", "portal_url": f"{WWW}/", "mobile_url": f"{MOBILE}/",
                     "hotline": "12345", "disclosure_guide_url": f"{MOBILE}/xxgk/guide",
                     "apply_url": f"{MOBILE}/xxgk/apply"},
            "files": {k: {"href": f"{k}.json", "sha256": "", "bytes": 0}
                      for k in ("catalog", "disclosures", "guides", "notices")},
            "playlists": {"hall-main": {"href": "playlists/hall-main.json", "sha256": "", "bytes": 0}}}


def fill_manifest(out):
    subprocess.run([sys.executable, os.path.join(TOOLS, "feed-manifest.py"), "--quiet", out], check=True)


def generate(args):
    rng = random.Random(args.seed)
    files = Files(args.out_dir)
    catalog, codes = leaf_codes()
    d_items = disclosures(rng, args.disclosures, codes, files)
    g_items = guides(rng, args.guides, files)
    n_items = notices(rng, args.notices, files)
    write(os.path.join(args.out_dir, "catalog.json"), compact(catalog))
    write(os.path.join(args.out_dir, "disclosures.json"), compact({"items": d_items}))
    write(os.path.join(args.out_dir, "guides.json"), compact({"items": g_items}))
    write(os.path.join(args.out_dir, "notices.json"), compact({"items": n_items}))
    write(os.path.join(args.out_dir, "playlists", "hall-main.json"), compact(playlist(n_items, g_items, d_items)))
    write(os.path.join(args.out_dir, "manifest.json"), json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n")
    fill_manifest(args.out_dir)


def touch_notice(out):
    """A new publish whose only change is the newest notice (title, body, updated_at)."""
    with open(os.path.join(out, "notices.json"), encoding="utf-8") as f:
        doc = json.load(f)
    notice = doc["items"][0]
    revision = notice["title"].count("（更正）") + 1
    notice["title"] += "（更正）"
    notice["body_html"] = f"<p>（第{revision}次更正）</p>" + notice["body_html"]
    notice["updated_at"] = GENERATED_AT
    write(os.path.join(out, "notices.json"), compact(doc))
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        man = json.load(f)
    stamp = datetime.datetime.fromisoformat(man["generated_at"]) + datetime.timedelta(minutes=1)
    man["generated_at"] = stamp.isoformat()
    write(os.path.join(out, "manifest.json"), json.dumps(man, ensure_ascii=False, indent=2) + "\n")
    fill_manifest(out)
    return notice["id"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--disclosures", type=int, default=10000)
    ap.add_argument("--guides", type=int, default=1000)
    ap.add_argument("--notices", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--touch-notice", action="store_true",
                    help="change the newest notice of the feed in OUT_DIR and republish (nothing else changes)")
    args = ap.parse_args()
    if args.touch_notice:
        print(f"generate-feed: changed notice {touch_notice(args.out_dir)} in {args.out_dir}")
        return 0
    generate(args)
    print(f"generate-feed: {args.disclosures} disclosures, {args.guides} guides, {args.notices} notices "
          f"in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
