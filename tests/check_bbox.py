#!/usr/bin/env python3
"""check_bbox.py: every word of a PDF lies inside the page minus a margin,
and no two words on a page overlap.  Reads `pdftotext -bbox` XHTML.

usage: check_bbox.py MARGIN FILE.html [NAME]; exit 1 with a list on failure.
"""
import re
import sys

margin = float(sys.argv[1])
html = open(sys.argv[2], encoding="utf-8").read()
name = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
bad = []
page_re = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
word_re = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')
for pno, (w, h, body) in enumerate(page_re.findall(html), 1):
    w, h = float(w), float(h)
    words = [(float(a), float(b), float(c), float(d), t)
             for a, b, c, d, t in word_re.findall(body)]
    for x0, y0, x1, y1, t in words:
        if x0 < margin or y0 < margin or x1 > w - margin or y1 > h - margin:
            bad.append("%s p%d: '%s' at (%.1f,%.1f)-(%.1f,%.1f) outside "
                       "the %g pt margin" % (name, pno, t, x0, y0, x1, y1, margin))
    # overlapping words: boxes shrunk by 1 pt must not intersect
    words.sort()
    for i, (ax0, ay0, ax1, ay1, at) in enumerate(words):
        for bx0, by0, bx1, by1, bt in words[i + 1:]:
            if bx0 >= ax1 - 1:
                break
            if min(ax1, bx1) - max(ax0, bx0) > 1 and \
               min(ay1, by1) - max(ay0, by0) > 1:
                bad.append("%s p%d: '%s' overlaps '%s'" % (name, pno, at, bt))
for b in bad[:40]:
    print(b)
sys.exit(1 if bad else 0)
