#!/usr/bin/python3
"""Writes the PDFs the PDF renderer's tests open, into OUT_DIR (made at build time, not committed):

  cjk-3-pages.pdf      three A4 pages of Chinese text, made by cairo with Noto Sans CJK (embedded)
  cjk-not-embedded.pdf one page whose Chinese text names STSong-Light, a standard CJK font the file
                       does not embed: the renderer must substitute a system font (fontconfig)
  truncated.pdf        cjk-3-pages.pdf cut in the middle
  page-tree-loop.pdf   a page tree whose Pages node is its own grandchild
  deflate-bomb.pdf     a page whose content stream inflates from about 0.5 MB to 512 MiB
  10000-pages.pdf      ten thousand pages, each with one line of text
  not-a-pdf.pdf        a text file with a .pdf name
  huge-page.pdf        one page that declares itself 100000 × 100000 points

Usage: make_test_pdfs.py OUT_DIR
"""
import os
import sys
import zlib

import cairo


def cjk_pages(path):
    surface = cairo.PDFSurface(path, 595, 842)
    ctx = cairo.Context(surface)
    lines = ["白沙镇2026年财政预算公开", "一、一般公共预算收支总体情况", "全镇一般公共预算收入总计4,327.50万元。",
             "二、政府性基金预算收支情况", "三、国有资本经营预算收支情况"]
    for page in range(3):
        ctx.select_font_face("Noto Sans CJK SC")
        ctx.set_source_rgb(0, 0, 0)
        ctx.set_font_size(28)
        ctx.move_to(60, 90)
        ctx.show_text(f"第{page + 1}页")
        ctx.set_font_size(20)
        for i, line in enumerate(lines):
            ctx.move_to(60, 160 + 40 * i)
            ctx.show_text(line)
        ctx.rectangle(60, 400, 475, 200)  # a table's frame
        ctx.set_line_width(2)
        ctx.stroke()
        ctx.show_page()
    surface.finish()


def raw_pdf(objects, root=1):
    """A PDF with a correct cross-reference table from {number: body bytes}."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[number]) if number in objects else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(contents, media_box=b"[0 0 595 842]", resources=b"<< >>"):
    return {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Resources " + resources +
               b" /Contents 4 0 R >>",
            4: contents}


def not_embedded():
    objects = one_page(stream(b"BT /F1 64 Tf 72 650 Td <653F5E9C4FE1606F516C5F00> Tj ET"),
                       resources=b"<< /Font << /F1 5 0 R >> >>")
    objects[5] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                  b"/DescendantFonts [6 0 R] >>")
    objects[6] = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
                  b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>")
    objects[7] = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
                  b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>")
    return raw_pdf(objects)


def page_tree_loop():
    return raw_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"})


def deflate_bomb():
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(compressor.compress(chunk) for _ in range(512)) + compressor.flush()
    return raw_pdf(one_page(stream(packed, b"/Filter /FlateDecode")))


def many_pages(count):
    fonts = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               3: stream(b"BT /F1 36 Tf 72 700 Td (Page) Tj ET")}
    kids = []
    for i in range(count):
        number = 4 + i
        kids.append(b"%d 0 R" % number)
        objects[number] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + fonts + \
            b" /Contents 3 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % count
    return raw_pdf(objects)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    valid = os.path.join(out, "cjk-3-pages.pdf")
    cjk_pages(valid)
    with open(valid, "rb") as f:
        whole = f.read()
    files = {
        "cjk-not-embedded.pdf": not_embedded(),
        "truncated.pdf": whole[: len(whole) // 2],
        "page-tree-loop.pdf": page_tree_loop(),
        "deflate-bomb.pdf": deflate_bomb(),
        "10000-pages.pdf": many_pages(10000),
        "not-a-pdf.pdf": "这不是PDF文件，只是名字以 .pdf 结尾。\n".encode() * 100,
        "huge-page.pdf": raw_pdf(one_page(stream(b"0 0 0 rg 0 0 50000 50000 re f"), b"[0 0 100000 100000]")),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
