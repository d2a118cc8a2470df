/*
 * pdf_tag.c: what makes a report readable by everyone (issue 16): the
 * structure tree of a tagged PDF, the marked content that ties the page
 * contents to it, ToUnicode maps for the fonts, and the document-level
 * entries PDF/UA asks for (/Lang, /MarkInfo, /ViewerPreferences
 * /DisplayDocTitle, an XMP metadata stream matching the Info dictionary).
 *
 * The tree is built while the document is drawn, with libharu's exported
 * object layer (hpdf_objects.h: dicts, arrays, the xref); pdf_haru.c
 * hands over the document's memory manager, xref and catalog.
 *
 *   - Each drawing call of pdf_text.c and pdf_draw.c asks mc_begin() how
 *     its operators are marked: "/Tag <</MCID n>> BDC ... EMC" with the
 *     element the MCID belongs to, or "/Artifact BMC ... EMC".  One
 *     marked-content sequence per call, so a sequence never spans a page
 *     or interleaves with q/Q.
 *   - Text goes to the innermost open element; shapes and images are
 *     artifacts unless a Figure is open (decoration is not content).
 *   - Each page has a ParentTree entry (an array: MCID -> element) keyed
 *     by its /StructParents; each link annotation one keyed by its
 *     /StructParent, pointing at its Link element.  Keys are handed out
 *     in increasing order, so /Nums is sorted as it is built.
 *
 * Everything is deterministic (no dates but the document's), so output
 * stays byte-identical across runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_private.h"

/* Standard structure types (PDF 1.7, 14.8.4), per enum tag. */
static const char *const tag_names[TAG__N] = {
	"Document", "Sect", "Div", "H1", "H2", "H3", "P",
	"L", "LI", "Lbl", "LBody",
	"Table", "TR", "TR", "TH", "TH", "TD",
	"Figure", "Caption", "Link", "Span"
};

/* The element text drawn straight into a grouping element gets; -1:
 * the text belongs to the element itself. */
static int
auto_child(int t)
{
	switch (t) {
	case TAG_DOCUMENT:
	case TAG_SECT:
	case TAG_DIV:
	case TAG_TABLE:
		return TAG_P;
	case TAG_L:
		return TAG_LI;
	case TAG_LI:
		return TAG_LBODY;
	case TAG_TR:
		return TAG_TD;
	case TAG_TR_HEAD:
		return TAG_TH;
	default:
		return -1;
	}
}

/* ------------------------------------------------------------ strings */

/* A text string object for utf8: as is when ASCII, else UTF-16BE with a
 * byte order mark (PDF 1.7, 7.9.2.2), written in hex. */
static void *
text_obj(struct pdf *p, const char *utf8)
{
	unsigned char	*b;
	size_t		 n = strlen(utf8), i = 0, o = 0;
	uint32_t	 cp;
	void		*obj;
	int		 bad, ascii = 1;

	for (i = 0; i < n; i++)
		if ((unsigned char)utf8[i] >= 0x80)
			ascii = 0;
	if (ascii)
		return HPDF_String_New(haru_mmgr(p), utf8, NULL);
	if ((b = malloc(4 * n + 2)) == NULL)
		return NULL;
	b[o++] = 0xFE;
	b[o++] = 0xFF;
	for (i = 0; i < n; ) {
		i += text_next(utf8 + i, n - i, &cp, &bad);
		if (bad)
			cp = 0xFFFD;
		if (cp == 0)
			continue;
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			b[o++] = (unsigned char)(0xD8 | (cp >> 18));
			b[o++] = (unsigned char)(cp >> 10);
			b[o++] = (unsigned char)(0xDC | ((cp >> 8) & 3));
			b[o++] = (unsigned char)cp;
		} else {
			b[o++] = (unsigned char)(cp >> 8);
			b[o++] = (unsigned char)cp;
		}
	}
	obj = HPDF_Binary_New(haru_mmgr(p), b, (HPDF_UINT)o);
	free(b);
	return obj;
}

/* ------------------------------------------------------------ elements */

/* A new element of type t, the last kid of the open element at index
 * parent; NULL on failure (recorded). */
static HPDF_Dict
el_new(struct pdf *p, int parent, int t, HPDF_Array *k)
{
	HPDF_MMgr	 mm = haru_mmgr(p);
	HPDF_Dict	 e, a;

	*k = NULL;
	if ((e = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), e) != HPDF_OK)
		return NULL;
	/* no /Type: optional, and 17 bytes of each of some hundred */
	HPDF_Dict_AddName(e, "S", tag_names[t]);
	HPDF_Dict_Add(e, "P", p->st[parent].e);
	if ((*k = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Dict_Add(e, "K", *k) != HPDF_OK) {
		*k = NULL;
		return NULL;
	}
	if (t == TAG_TH || t == TAG_TH_ROW) {
		if ((a = HPDF_Dict_New(mm)) == NULL ||
		    HPDF_Dict_Add(e, "A", a) != HPDF_OK)
			return NULL;
		HPDF_Dict_AddName(a, "O", "Table");
		HPDF_Dict_AddName(a, "Scope", t == TAG_TH ? "Column" : "Row");
	}
	HPDF_Array_Add(p->st[parent].k, e);
	return e;
}

void
pdf_tag_begin(struct pdf *p, enum tag t)
{
	struct tagel	*el;

	if (!LIVE(p) || p->st_root == NULL)
		return;
	if (p->depth == 0 || p->depth >= TAG_DEPTH || (unsigned)t >= TAG__N) {
		p->deep++;
		return;
	}
	el = &p->st[p->depth];
	if ((el->e = el_new(p, p->depth - 1, t, &el->k)) == NULL) {
		pdf_lib_failed(p);
		return;
	}
	el->t = t;
	el->pg = -1;
	p->depth++;
}

void
pdf_tag_end(struct pdf *p)
{
	if (p == NULL)
		return;
	if (p->deep > 0)
		p->deep--;
	else if (p->depth > 1)
		p->depth--;
}

void
pdf_figure_begin(struct pdf *p, const char *alt)
{
	void	*s;

	pdf_tag_begin(p, TAG_FIGURE);
	if (!LIVE(p) || p->deep > 0 || p->depth < 2 ||
	    p->st[p->depth - 1].t != TAG_FIGURE || alt == NULL)
		return;
	if ((s = text_obj(p, alt)) == NULL ||
	    HPDF_Dict_Add(p->st[p->depth - 1].e, "Alt", s) != HPDF_OK)
		pdf_lib_failed(p);
}

void
pdf_artifact_begin(struct pdf *p)
{
	if (p != NULL)
		p->artifact++;
}

void
pdf_artifact_end(struct pdf *p)
{
	if (p != NULL && p->artifact > 0)
		p->artifact--;
}

/* The index of the open Figure, or -1. */
static int
in_figure(const struct pdf *p)
{
	int	 i;

	for (i = p->depth - 1; i > 0; i--)
		if (p->st[i].t == TAG_FIGURE)
			return i;
	return -1;
}

int
tag_auto_begin(struct pdf *p)
{
	int	 t;

	if (!LIVE(p) || p->st_root == NULL || p->artifact || p->deep ||
	    p->depth == 0 || in_figure(p) != -1)
		return 0;
	if ((t = auto_child(p->st[p->depth - 1].t)) == -1)
		return 0;
	pdf_tag_begin(p, (enum tag)t);
	return 1;
}

/* The next MCID of the current page, for element el (its /Pg on first
 * use; an MCR dict for content on another page than its /Pg). */
static int
mcid_add(struct pdf *p, struct tagel *el)
{
	struct pagetag	*pt = &p->pt[p->cur];
	HPDF_Dict	 mcr;
	int		 id = pt->mcid++;

	if (el->pg == -1) {
		HPDF_Dict_Add(el->e, "Pg", p->page);
		el->pg = p->cur;
	}
	if (el->pg == p->cur)
		HPDF_Array_AddNumber(el->k, id);
	else if ((mcr = HPDF_Dict_New(haru_mmgr(p))) != NULL) {
		HPDF_Dict_AddName(mcr, "Type", "MCR");
		HPDF_Dict_Add(mcr, "Pg", p->page);
		HPDF_Dict_AddNumber(mcr, "MCID", id);
		HPDF_Array_Add(el->k, mcr);
	}
	HPDF_Array_Add(pt->arr, el->e);
	return id;
}

void
mc_begin(struct pdf *p, struct ops *o, int text)
{
	struct tagel	 one, *el;
	char		 buf[64];
	int		 f, t;

	if (p->artifact || p->st_root == NULL || p->depth == 0 ||
	    p->cur < 0 || p->cur >= p->ptcap || p->pt[p->cur].arr == NULL) {
		ops_op(o, "/Artifact BMC");
		return;
	}
	if ((f = in_figure(p)) != -1)
		el = &p->st[f];
	else if (!text) {
		ops_op(o, "/Artifact BMC");
		return;
	} else if (p->deep == 0 &&
	    (t = auto_child(p->st[p->depth - 1].t)) != -1) {
		/* one element for this text alone */
		if ((one.e = el_new(p, p->depth - 1, t, &one.k)) == NULL) {
			pdf_lib_failed(p);
			ops_op(o, "/Artifact BMC");
			return;
		}
		one.t = t;
		one.pg = -1;
		el = &one;
	} else
		el = &p->st[p->depth - 1];
	snprintf(buf, sizeof(buf), "/%s <</MCID %d>> BDC",
	    tag_names[el->t], mcid_add(p, el));
	ops_op(o, buf);
}

void
mc_end(struct ops *o)
{
	ops_op(o, "EMC");
}

void
tag_link(struct pdf *p, HPDF_Annotation an, const char *contents)
{
	struct tagel	 link;
	HPDF_Dict	 objr;
	void		*s;

	if (contents != NULL && (s = text_obj(p, contents)) != NULL)
		HPDF_Dict_Add(an, "Contents", s);
	if (p->st_root == NULL || p->depth == 0 || p->deep || p->artifact)
		return;
	/* the open Link element (its text drawn in it), else one of its own */
	if (p->st[p->depth - 1].t == TAG_LINK)
		link = p->st[p->depth - 1];
	else if ((link.e = el_new(p, p->depth - 1, TAG_LINK, &link.k)) ==
	    NULL) {
		pdf_lib_failed(p);
		return;
	}
	if ((objr = HPDF_Dict_New(haru_mmgr(p))) == NULL) {
		pdf_lib_failed(p);
		return;
	}
	HPDF_Dict_AddName(objr, "Type", "OBJR");
	HPDF_Dict_Add(objr, "Pg", p->page);
	HPDF_Dict_Add(objr, "Obj", an);
	HPDF_Array_Add(link.k, objr);
	HPDF_Dict_AddNumber(an, "StructParent", p->st_key);
	HPDF_Array_AddNumber(p->st_nums, p->st_key++);
	HPDF_Array_Add(p->st_nums, link.e);
}

/* ------------------------------------------------------------ pages */

void
tag_page_added(struct pdf *p)
{
	struct pagetag	*np;
	HPDF_Array	 arr;
	int		 cap;

	if (p->st_root == NULL || p->cur < 0)
		return;
	if (p->cur >= p->ptcap) {
		cap = p->ptcap ? p->ptcap * 2 : 8;
		while (cap <= p->cur)
			cap *= 2;
		if ((np = realloc(p->pt, cap * sizeof(*np))) == NULL) {
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return;
		}
		memset(np + p->ptcap, 0, (cap - p->ptcap) * sizeof(*np));
		p->pt = np;
		p->ptcap = cap;
	}
	if ((arr = HPDF_Array_New(haru_mmgr(p))) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), arr) != HPDF_OK) {
		pdf_lib_failed(p);
		return;
	}
	p->pt[p->cur].arr = arr;
	p->pt[p->cur].mcid = 0;
	HPDF_Dict_AddNumber(p->page, "StructParents", p->st_key);
	HPDF_Dict_AddName(p->page, "Tabs", "S");
	HPDF_Array_AddNumber(p->st_nums, p->st_key++);
	HPDF_Array_Add(p->st_nums, arr);
}

/* ------------------------------------------------------------ document */

/* s appended to b (at *o, capacity sz) with XML's five characters
 * escaped. */
static void
xml_put(char *b, size_t sz, size_t *o, const char *s)
{
	const char	*r;
	size_t		 l;

	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': r = "&amp;"; break;
		case '<': r = "&lt;"; break;
		case '>': r = "&gt;"; break;
		case '"': r = "&quot;"; break;
		case '\'': r = "&apos;"; break;
		default: r = NULL; break;
		}
		l = r != NULL ? strlen(r) : 1;
		if (*o + l >= sz)
			return;
		if (r != NULL)
			memcpy(b + *o, r, l);
		else
			b[*o] = *s;
		*o += l;
	}
	b[*o] = '\0';
}

/* The XMP packet (ISO 16684-1) with what the Info dictionary says. */
static size_t
xmp_make(char *b, size_t sz, const struct pdf_info *info, const char *author)
{
	struct tm	 tm;
	char		 date[32] = "";
	size_t		 o = 0;
	time_t		 t = info->date;

	if (gmtime_r(&t, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
#define RAW(s)	do { size_t l_ = strlen(s); if (o + l_ < sz) { \
	memcpy(b + o, s, l_ + 1); o += l_; } } while (0)
	RAW("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "<dc:format>application/pdf</dc:format>\n"
	    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_put(b, sz, &o, info->title);
	RAW("</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
	xml_put(b, sz, &o, author);
	RAW("</rdf:li></rdf:Seq></dc:creator>\n");
	if (info->subject != NULL) {
		RAW("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_put(b, sz, &o, info->subject);
		RAW("</rdf:li></rdf:Alt></dc:description>\n");
	}
	RAW("<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag>"
	    "</dc:language>\n<xmp:CreateDate>");
	RAW(date);
	RAW("</xmp:CreateDate>\n<xmp:ModifyDate>");
	RAW(date);
	RAW("</xmp:ModifyDate>\n<xmp:MetadataDate>");
	RAW(date);
	RAW("</xmp:MetadataDate>\n<xmp:CreatorTool>");
	xml_put(b, sz, &o, info->creator);
	RAW("</xmp:CreatorTool>\n<pdf:Producer>Haru Free PDF Library "
	    HPDF_VERSION_TEXT "</pdf:Producer>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"r\"?>");
#undef RAW
	return o;
}

int
tag_doc_begin(struct pdf *p, const struct pdf_info *info)
{
	HPDF_MMgr	 mm = haru_mmgr(p);
	HPDF_Dict	 cat = haru_catalog(p), mark, vp, xmp, pt, doc;
	HPDF_Array	 k;
	char		 buf[4096];
	size_t		 n;

	p->st_root = NULL;
	p->st_nums = NULL;
	p->st_key = 0;
	p->depth = p->deep = p->artifact = 0;
	if (p->pt != NULL)
		memset(p->pt, 0, p->ptcap * sizeof(*p->pt));

	HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, "en", NULL));
	if ((mark = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Dict_Add(cat, "MarkInfo", mark) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) != HPDF_OK)
		return -1;
	if ((vp = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Dict_Add(cat, "ViewerPreferences", vp) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return -1;
	n = xmp_make(buf, sizeof(buf), info, info->author != NULL ?
	    info->author : "reportgen");
	if ((xmp = haru_stream_new(p, buf, n, /*deflate*/ 0)) == NULL ||
	    HPDF_Dict_AddName(xmp, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(xmp, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Dict_Add(cat, "Metadata", xmp) != HPDF_OK)
		return -1;

	if ((p->st_root = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), p->st_root) != HPDF_OK)
		goto fail;
	HPDF_Dict_AddName(p->st_root, "Type", "StructTreeRoot");
	if ((pt = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Dict_Add(p->st_root, "ParentTree", pt) != HPDF_OK ||
	    (p->st_nums = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Dict_Add(pt, "Nums", p->st_nums) != HPDF_OK)
		goto fail;
	if ((doc = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), doc) != HPDF_OK)
		goto fail;
	HPDF_Dict_AddName(doc, "Type", "StructElem");
	HPDF_Dict_AddName(doc, "S", "Document");
	HPDF_Dict_Add(doc, "P", p->st_root);
	if ((k = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Dict_Add(doc, "K", k) != HPDF_OK)
		goto fail;
	HPDF_Dict_Add(p->st_root, "K", doc);
	if (HPDF_Dict_Add(cat, "StructTreeRoot", p->st_root) != HPDF_OK)
		goto fail;
	p->st[0].e = doc;
	p->st[0].k = k;
	p->st[0].t = TAG_DOCUMENT;
	p->st[0].pg = -1;
	p->depth = 1;
	return 0;
fail:
	p->st_root = NULL;
	return -1;
}

/* The ToUnicode CMap of encoding ei: each code this document used, to
 * its character.  Fonts of both faces in ei share it. */
static HPDF_Dict
to_unicode(struct pdf *p, int ei)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n"
	    "endcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n";
	uint16_t	 map[256];
	char		 buf[256 * 16 + 1024];
	int		 c, n, i, o, codes[256];

	haru_enc_unicode(p->hpdf_enc[ei], map);
	for (n = 0, c = 0; c < 256; c++)
		if (p->used[ei][c] && map[c] != 0)
			codes[n++] = c;
	o = snprintf(buf, sizeof(buf), "%s", head);
	for (i = 0; i < n; i++) {
		if (i % 100 == 0)
			o += snprintf(buf + o, sizeof(buf) - o,
			    "%d beginbfchar\n", n - i < 100 ? n - i : 100);
		o += snprintf(buf + o, sizeof(buf) - o, "<%02X> <%04X>\n",
		    codes[i], (unsigned)map[codes[i]]);
		if (i % 100 == 99 || i == n - 1)
			o += snprintf(buf + o, sizeof(buf) - o,
			    "endbfchar\n");
	}
	o += snprintf(buf + o, sizeof(buf) - o, "%s", tail);
	return haru_stream_new(p, buf, (size_t)o, /*deflate*/ 1);
}

void
tag_doc_end(struct pdf *p)
{
	HPDF_Dict	 tu;
	int		 ei, f;

	for (ei = 0; ei < p->nenc; ei++) {
		if (p->font[0][ei] == NULL && p->font[1][ei] == NULL)
			continue;
		if ((tu = to_unicode(p, ei)) == NULL) {
			pdf_lib_failed(p);
			return;
		}
		for (f = 0; f < NFACE; f++)
			if (p->font[f][ei] != NULL)
				HPDF_Dict_Add(p->font[f][ei], "ToUnicode", tu);
	}
	if (p->st_root != NULL)
		HPDF_Dict_AddNumber(p->st_root, "ParentTreeNextKey",
		    p->st_key);
}

void
tag_free(struct pdf *p)
{
	free(p->pt);
	p->pt = NULL;
	p->ptcap = 0;
}
