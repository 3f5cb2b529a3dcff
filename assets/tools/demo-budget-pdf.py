#!/usr/bin/python3
"""Writes the demo portal's PDF attachment: 白沙镇2026年财政预算公开表.pdf (two A4 pages: the
general budget's expenditure by function as a table, then notes), with cairo (Debian's
python3-cairo) and Noto Sans CJK, so that the kiosk's PDF reader has a real Chinese document to
show offline. The figures add up to the 4,327.50 万元 the item's text states.

Usage: demo-budget-pdf.py OUT.pdf    (then run feed-manifest.py to refresh hashes and sizes)
"""
import sys

import cairo

ROWS = [("一般公共服务支出", "812.40"), ("公共安全支出", "96.00"), ("教育支出", "410.20"),
        ("社会保障和就业支出", "1,035.60"), ("卫生健康支出", "388.70"), ("农林水支出", "1,120.30"),
        ("城乡社区支出", "312.50"), ("其他支出", "151.80"), ("合计", "4,327.50")]
NOTES = ["说明：", "1. 本表为白沙镇2026年一般公共预算支出按功能分类的预算数。",
         "2. 农林水支出主要用于高标准农田建设、农村饮水安全和防汛抗旱。",
         "3. 社会保障和就业支出含城乡居民养老保险补助和高龄老人津贴。",
         "4. 本预算已经白沙镇第十九届人民代表大会第三次会议审议批准。",
         "如对本表有疑问，请咨询白沙镇财政所，电话 0598-3627110。"]


def text(ctx, x, y, s, size, bold=False):
    ctx.select_font_face("Noto Sans CJK SC", cairo.FONT_SLANT_NORMAL,
                         cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL)
    ctx.set_font_size(size)
    ctx.move_to(x, y)
    ctx.show_text(s)


def right(ctx, x, y, s, size, bold=False):
    ctx.select_font_face("Noto Sans CJK SC", cairo.FONT_SLANT_NORMAL,
                         cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL)
    ctx.set_font_size(size)
    ctx.move_to(x - ctx.text_extents(s).x_advance, y)
    ctx.show_text(s)


def main():
    surface = cairo.PDFSurface(sys.argv[1], 595, 842)
    surface.set_metadata(cairo.PDF_METADATA_TITLE, "白沙镇2026年财政预算公开表")
    ctx = cairo.Context(surface)
    ctx.set_source_rgb(0, 0, 0)
    text(ctx, 120, 90, "白沙镇2026年一般公共预算支出表", 22, bold=True)
    right(ctx, 535, 125, "单位：万元", 11)
    top, row_h, left, mid, end = 140, 34, 60, 380, 535
    ctx.set_line_width(1)
    for i in range(len(ROWS) + 2):
        ctx.move_to(left, top + i * row_h)
        ctx.line_to(end, top + i * row_h)
    for x in (left, mid, end):
        ctx.move_to(x, top)
        ctx.line_to(x, top + (len(ROWS) + 1) * row_h)
    ctx.stroke()
    text(ctx, left + 12, top + 23, "项目", 13, bold=True)
    right(ctx, end - 12, top + 23, "预算数", 13, bold=True)
    for i, (name, amount) in enumerate(ROWS):
        y = top + (i + 1) * row_h + 23
        text(ctx, left + 12, y, name, 13, bold=name == "合计")
        right(ctx, end - 12, y, amount, 13, bold=name == "合计")
    text(ctx, 60, 800, "白沙镇财政所　2026年2月9日", 11)
    ctx.show_page()
    text(ctx, 60, 90, "白沙镇2026年一般公共预算支出表（续）", 18, bold=True)
    for i, line in enumerate(NOTES):
        text(ctx, 60, 140 + 32 * i, line, 13, bold=i == 0)
    ctx.show_page()
    surface.finish()


if __name__ == "__main__":
    main()
