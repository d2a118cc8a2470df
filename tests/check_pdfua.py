#!/usr/bin/env python3
"""check_pdfua.py PDF...: the machine-checkable rules of PDF/UA-1 that
reportgen's output must meet (issue 16), read from `qpdf --json` output.
There is no veraPDF here; these are the Matterhorn Protocol checkpoints a
script can decide without judgement:

  catalog   /Lang set (11-001..006), /MarkInfo /Marked true (01-002),
            /ViewerPreferences /DisplayDocTitle true (07-002), an XMP
            metadata stream with a dc:title (06-001, 06-003, 07-001)
            equal to the Info /Title, a /StructTreeRoot (01-001)
  content   every text and painting operator of every page inside marked
            content with an MCID or inside an /Artifact (01-003, 01-004);
            every MCID found in the page's ParentTree entry, pointing at
            an element whose /K holds that MCID (the tree and the content
            agree); MCIDs unique per page; marked-content sequences and
            text objects (BT/ET) nest, never overlap (ISO 32000-1, 14.6)
  structure headings: the first is H1 and none skips a level (14-002,
            14-003); every Figure has /Alt text (13-004); every Table has
            a TH (15-003 in spirit) and every TH a /Scope; TR holds only
            TH/TD, LI only Lbl/LBody, L only LI (09-004); an element's
            /Lang, where there is one, is a language tag (11-006)
  links     every Link annotation has /Contents (28-004? 28-010: we
            check Contents), a /StructParent whose ParentTree entry is a
            Link element holding an OBJR to it (28-011); pages with
            annotations have /Tabs /S (26-001)
  fonts     every font embedded (31-001) with a /ToUnicode map (31-006,
            31-027)

Prints one line per failure, "PDF: rule: detail", and exits 1 when any
rule failed, 0 when all held, 2 when a file could not be read.  With
--alt, also each Figure's alternative text ("alt: ...") and each
element's language ("lang: H1 el").
"""
import base64
import json
import re
import subprocess
import sys

PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S",
         "s", "sh", "Do", "BI"}
HEADING = re.compile(r"^/H([1-6])$")
LANGTAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def load(path):
    out = subprocess.run(
        ["qpdf", "--json", "--json-stream-data=inline",
         "--decode-level=generalized", path],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode not in (0, 3):
        raise RuntimeError(out.stderr.decode(errors="replace").strip())
    return json.loads(out.stdout)


class Doc:
    def __init__(self, path):
        self.path = path
        j = load(path)
        self.objs = j["qpdf"][1]
        self.pages = [p["object"] for p in j["pages"]]
        self.fails = []

    def fail(self, rule, detail):
        self.fails.append("%s: %s: %s" % (self.path, rule, detail))

    def obj(self, ref):
        """The value (a dict for streams: its dict plus "_data")."""
        if not isinstance(ref, str) or not ref.endswith(" R"):
            return ref
        o = self.objs.get("obj:" + ref)
        if o is None:
            return None
        if "stream" in o:
            d = dict(o["stream"]["dict"])
            d["_data"] = base64.b64decode(o["stream"].get("data", ""))
            return d
        return o["value"]

    def get(self, d, key):
        return self.obj(d.get(key)) if isinstance(d, dict) else None


def text(v):
    """A PDF string from qpdf's JSON ("u:..." or "b:hex") as text."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b[:2] == b"\xfe\xff":
            return b[2:].decode("utf-16-be", errors="replace")
        return b.decode("latin-1")
    return None


# ------------------------------------------------------------ content

TOKEN = re.compile(rb"""
    (?P<ws>[\s]+|%[^\r\n]*)
  | (?P<str>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dopen><<) | (?P<dclose>>>)
  | (?P<aopen>\[) | (?P<aclose>\])
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[^\s/\[\]()<>{}%]+)
""", re.X)


def skip_string(data, i):
    """data[i] is '(': the index after the matching ')'."""
    depth = 0
    while i < len(data):
        c = data[i:i + 1]
        if c == b"\\":
            i += 2
            continue
        if c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def operations(data):
    """(operator, operands) for each operator of a content stream;
    operands as bytes tokens (dicts flattened)."""
    i, ops = 0, []
    while i < len(data):
        m = TOKEN.match(data, i)
        if m is None:
            i += 1
            continue
        kind = m.lastgroup
        if kind == "str":
            end = skip_string(data, i)
            ops.append(data[i:end])
            i = end
            continue
        i = m.end()
        if kind == "ws":
            continue
        tok = m.group(kind)
        if kind == "op":
            if tok == b"BI":  # inline image: skip to EI
                j = data.find(b"EI", i)
                i = len(data) if j < 0 else j + 2
            yield tok.decode("latin-1"), ops
            ops = []
        else:
            ops.append(tok)


def check_content(doc, page, pno, ptree):
    data = b""
    cont = page.get("/Contents")
    for ref in cont if isinstance(cont, list) else [cont]:
        s = doc.obj(ref)
        if isinstance(s, dict):
            data += s.get("_data", b"") + b"\n"
    stack = []      # per open sequence: "mcid", "artifact" or "other"
    nest = []       # open sequences ("mc") and text objects ("bt"), in order
    mcids = set()
    bad = overlap = 0
    for op, args in operations(data):
        if op == "BT":
            if "bt" in nest:
                overlap += 1
            nest.append("bt")
        elif op == "ET":
            if not nest or nest[-1] != "bt":
                overlap += 1
            if "bt" in nest:
                del nest[len(nest) - 1 - nest[::-1].index("bt"):]
        if op in ("BDC", "BMC"):
            nest.append("mc")
            tag = args[0].decode("latin-1") if args else ""
            if tag == "/Artifact":
                stack.append("artifact")
            elif op == "BDC" and b"/MCID" in args:
                k = args.index(b"/MCID")
                mcid = int(args[k + 1])
                if mcid in mcids:
                    doc.fail("content", "page %d: MCID %d used twice" %
                             (pno, mcid))
                mcids.add(mcid)
                stack.append("mcid")
                arr = doc.obj(ptree) if ptree is not None else None
                if not isinstance(arr, list) or mcid >= len(arr):
                    doc.fail("content", "page %d: MCID %d not in the "
                             "ParentTree" % (pno, mcid))
                else:
                    el = doc.obj(arr[mcid])
                    if not isinstance(el, dict) or not owns_mcid(
                            doc, el, mcid, page):
                        doc.fail("content", "page %d: MCID %d: its "
                                 "ParentTree element does not hold it" %
                                 (pno, mcid))
            else:
                stack.append("other")
        elif op == "EMC":
            if not nest or nest[-1] != "mc":
                overlap += 1
            if "mc" in nest:
                del nest[len(nest) - 1 - nest[::-1].index("mc"):]
            if not stack:
                doc.fail("content", "page %d: EMC without BMC/BDC" % pno)
            else:
                stack.pop()
        elif op in PAINT:
            if "mcid" not in stack and "artifact" not in stack:
                bad += 1
    if stack:
        doc.fail("content", "page %d: %d marked-content sequence(s) left "
                 "open" % (pno, len(stack)))
    if overlap:
        doc.fail("content", "page %d: %d time(s) a text object and a "
                 "marked-content sequence overlap (BT/ET and BDC/EMC do "
                 "not nest)" % (pno, overlap))
    if bad:
        doc.fail("content", "page %d: %d operator(s) neither tagged nor an "
                 "artifact (Matterhorn 01-003/01-004)" % (pno, bad))


def owns_mcid(doc, el, mcid, page_dict):
    kids = el.get("/K")
    kids = kids if isinstance(kids, list) else [kids]
    for k in kids:
        if k == mcid:
            return True
        kd = doc.obj(k)
        if isinstance(kd, dict) and kd.get("/Type") == "/MCR" and \
                kd.get("/MCID") == mcid:
            return True
    return False


# ------------------------------------------------------------ structure

def walk(doc, ref, parent_s, ctx, depth=0):
    el = doc.obj(ref)
    if not isinstance(el, dict) or depth > 200:
        return
    s = el.get("/S")
    if s is None:
        return
    ctx["count"] += 1
    m = HEADING.match(s)
    if m:
        lvl = int(m.group(1))
        if ctx["last_h"] == 0 and lvl != 1:
            doc.fail("headings", "the first heading is %s, not H1" % s[1:])
        elif lvl > ctx["last_h"] + 1 and ctx["last_h"] > 0:
            doc.fail("headings", "H%d follows H%d: a level skipped "
                     "(14-003)" % (lvl, ctx["last_h"]))
        ctx["last_h"] = lvl
    if s == "/Figure":
        alt = text(el.get("/Alt")) or text(el.get("/ActualText"))
        if not alt or not alt.strip():
            doc.fail("figure", "a Figure without Alt text (13-004)")
        else:
            ctx["alts"].append(alt)
    if "/Lang" in el:
        tag = text(el.get("/Lang"))
        if not tag or not LANGTAG.match(tag):
            doc.fail("structure", "%s with /Lang %r, not a language tag "
                     "(11-006)" % (s[1:], tag))
        else:
            ctx["langs"].append("%s %s" % (s[1:], tag))
    if s == "/Table":
        ctx["tables"].append({"th": 0})
    if s == "/TH":
        if ctx["tables"]:
            ctx["tables"][-1]["th"] += 1
        a = doc.obj(el.get("/A"))
        attrs = a if isinstance(a, list) else [a]
        if not any(isinstance(doc.obj(x), dict) and "/Scope" in doc.obj(x)
                   for x in attrs):
            doc.fail("table", "a TH without /Scope")
    allowed = {"/TR": {"/TH", "/TD"}, "/LI": {"/Lbl", "/LBody"},
               "/L": {"/LI", "/Caption", "/L"},
               "/Table": {"/TR", "/THead", "/TBody", "/TFoot",
                          "/Caption"}}
    if parent_s in allowed and s not in allowed[parent_s]:
        doc.fail("structure", "%s inside %s" % (s[1:], parent_s[1:]))
    kids = el.get("/K")
    for k in kids if isinstance(kids, list) else [kids]:
        kd = doc.obj(k)
        if isinstance(kd, dict) and "/S" in kd:
            walk(doc, k, s, ctx, depth + 1)
    if s == "/Table":
        t = ctx["tables"].pop()
        if t["th"] == 0:
            doc.fail("table", "a Table without a TH header cell")


def check(path, show_alt=False):
    try:
        doc = Doc(path)
    except (RuntimeError, ValueError, OSError) as e:
        print("%s: cannot read: %s" % (path, e))
        return 2
    trailer = doc.objs["trailer"]["value"]
    cat = doc.obj(trailer.get("/Root"))
    info = doc.obj(trailer.get("/Info")) or {}

    lang = text(cat.get("/Lang"))
    if not lang:
        doc.fail("catalog", "no /Lang (11-001)")
    mark = doc.get(cat, "/MarkInfo") or {}
    if mark.get("/Marked") is not True:
        doc.fail("catalog", "/MarkInfo /Marked is not true (01-002)")
    vp = doc.get(cat, "/ViewerPreferences") or {}
    if vp.get("/DisplayDocTitle") is not True:
        doc.fail("catalog", "/DisplayDocTitle is not true (07-002)")
    title = text(info.get("/Title"))
    meta = doc.get(cat, "/Metadata")
    if not isinstance(meta, dict) or "_data" not in meta:
        doc.fail("metadata", "no XMP metadata stream (06-001)")
    else:
        xmp = meta["_data"].decode("utf-8", errors="replace")
        m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
        if not m or not m.group(1).strip():
            doc.fail("metadata", "no dc:title in the XMP (07-001)")
        elif title is not None:
            x = (m.group(1).replace("&lt;", "<").replace("&gt;", ">")
                 .replace("&quot;", '"').replace("&apos;", "'")
                 .replace("&amp;", "&"))
            if x != title:
                doc.fail("metadata", "dc:title %r is not the Info Title "
                         "%r" % (x, title))
    if not title:
        doc.fail("metadata", "no Info /Title")

    root = doc.get(cat, "/StructTreeRoot")
    if not isinstance(root, dict):
        doc.fail("structure", "no StructTreeRoot (01-001): not tagged")
        nums = []
    else:
        pt = doc.get(root, "/ParentTree") or {}
        nums = doc.obj(pt.get("/Nums")) or []
        if "/Kids" in pt:
            doc.fail("structure", "ParentTree with /Kids: not checked")
    ptree = {nums[i]: nums[i + 1] for i in range(0, len(nums) - 1, 2)}

    # content and annotations, page by page
    fonts = {}
    for pno, pref in enumerate(doc.pages, 1):
        page = doc.obj(pref)
        sp = page.get("/StructParents")
        if sp is None:
            doc.fail("content", "page %d has no /StructParents" % pno)
        check_content(doc, page, pno, ptree.get(sp))
        annots = doc.obj(page.get("/Annots")) or []
        if annots and page.get("/Tabs") != "/S":
            doc.fail("links", "page %d has annotations but no /Tabs /S "
                     "(26-001)" % pno)
        for aref in annots:
            an = doc.obj(aref)
            if not isinstance(an, dict) or an.get("/Subtype") != "/Link":
                continue
            if not text(an.get("/Contents")):
                doc.fail("links", "page %d: a link without /Contents" %
                         pno)
            el = doc.obj(ptree.get(an.get("/StructParent")))
            if not isinstance(el, dict) or el.get("/S") != "/Link":
                doc.fail("links", "page %d: a link annotation not in a "
                         "Link element (28-011)" % pno)
                continue
            kids = el.get("/K")
            kids = kids if isinstance(kids, list) else [kids]
            if not any(isinstance(doc.obj(k), dict) and
                       doc.obj(k).get("/Type") == "/OBJR" and
                       doc.obj(k).get("/Obj") == aref for k in kids):
                doc.fail("links", "page %d: the Link element has no OBJR "
                         "for its annotation" % pno)
        res = doc.obj(page.get("/Resources")) or {}
        for name, fref in (doc.obj(res.get("/Font")) or {}).items():
            fonts[fref] = name

    for fref in fonts:
        f = doc.obj(fref)
        if not isinstance(f, dict):
            continue
        base = f.get("/BaseFont", "?")
        if "/ToUnicode" not in f:
            doc.fail("fonts", "%s has no ToUnicode map (31-006)" % base)
        fd = doc.get(f, "/FontDescriptor")
        if f.get("/Subtype") == "/Type0":
            d = doc.obj((doc.obj(f.get("/DescendantFonts")) or [None])[0])
            fd = doc.get(d, "/FontDescriptor")
        if not isinstance(fd, dict) or not any(
                k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            doc.fail("fonts", "%s is not embedded (31-001)" % base)

    ctx = {"last_h": 0, "tables": [], "alts": [], "langs": [], "count": 0}
    if isinstance(root, dict):
        kids = root.get("/K")
        for k in kids if isinstance(kids, list) else [kids]:
            walk(doc, k, None, ctx)
        if ctx["count"] < 2:
            doc.fail("structure", "the structure tree is empty")
    for line in doc.fails:
        print(line)
    if show_alt:
        for a in ctx["alts"]:
            print("alt: " + a)
        for a in ctx["langs"]:
            print("lang: " + a)
    return 1 if doc.fails else 0


def main(argv):
    show_alt = False
    if argv and argv[0] == "--alt":
        show_alt = True
        argv = argv[1:]
    if not argv:
        print("usage: check_pdfua.py [--alt] PDF...", file=sys.stderr)
        return 2
    worst = 0
    for p in argv:
        worst = max(worst, check(p, show_alt))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
