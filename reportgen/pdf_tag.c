/*
 * pdf_tag.c: what makes a report readable by everyone (issue 16): the
 * structure tree of a tagged PDF, the marked content that ties the page
 * contents to it, ToUnicode maps for the fonts, and the document-level
 * entries PDF/UA asks for (/Lang, /MarkInfo, /ViewerPreferences
 * /DisplayDocTitle, an XMP metadata stream matching the Info dictionary).
 *
 * This room builds the tree while the document is drawn, in plain arrays
 * of struct pdf (elements, their kids in order, the MCIDs of each page,
 * the ParentTree keys), and marks the page content; pdf_tagw.c writes
 * it (tag_objects, straight into the object stream pdf_objstm.c makes:
 * as libharu dicts and arrays it cost half again a report's
 * instructions, docs/performance.md), and makes the XMP packet and the
 * ToUnicode maps.  The catalog's entries, the XMP stream and the
 * ToUnicode streams are libharu objects (a few per document).
 *
 *   - Each drawing call of pdf_text.c and pdf_draw.c asks mc_begin() how
 *     its operators are marked: "/Tag <</MCID n>>BDC" with the element
 *     the MCID belongs to, or "/Artifact BMC"; "EMC" closes it when
 *     something else is drawn or the page changes (mc_flush).  What is
 *     drawn in a row for one element on one page (a paragraph's lines, a
 *     Figure's shapes and text) is one sequence, and consecutive
 *     artifacts share one (see mc_begin).
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
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"

/* Standard structure types (PDF 1.7, 14.8.4), per enum tag. */
const char *const tag_names[TAG__N] = {
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

/* utf8[0..n) as UTF-16BE after a byte order mark into b, which holds
 * 2 + 4 n bytes (a text string, PDF 1.7, 7.9.2.2); invalid sequences as
 * U+FFFD, NULs left out.  The bytes written. */
size_t
text_utf16(const char *utf8, size_t n, unsigned char *b)
{
	size_t		 i = 0, o = 0;
	uint32_t	 cp;
	int		 bad;

	b[o++] = 0xFE;
	b[o++] = 0xFF;
	while (i < n) {
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
	return o;
}

/* A libharu text string object for utf8 (an annotation's Contents): as
 * is when ASCII, else UTF-16BE with a byte order mark, in hex. */
static void *
text_obj(struct pdf *p, const char *utf8)
{
	unsigned char	*b;
	size_t		 n = strlen(utf8), i, o;
	void		*obj;

	for (i = 0; i < n && (unsigned char)utf8[i] < 0x80; i++)
		;
	if (i == n)
		return HPDF_String_New(haru_mmgr(p), utf8, NULL);
	if ((b = malloc(4 * n + 2)) == NULL)
		return NULL;
	o = text_utf16(utf8, n, b);
	obj = HPDF_Binary_New(haru_mmgr(p), b, (HPDF_UINT)o);
	free(b);
	return obj;
}

/* ------------------------------------------------------------ arrays */

/* Room for one more of n items of size sz in *a (capacity *cap); 0, or
 * -1 with the document's error set. */
static int
grow(struct pdf *p, void **a, size_t *cap, size_t n, size_t sz)
{
	void	*na;
	size_t	 c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	if ((na = realloc(*a, c * sz)) == NULL) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return -1;
	}
	*a = na;
	*cap = c;
	return 0;
}

static int
kid_add(struct pdf *p, int el, int kind, int v, int pg)
{
	struct skid	*k;

	if (grow(p, (void **)&p->kid, &p->kidcap, p->nkid, sizeof(*k)) == -1)
		return -1;
	k = &p->kid[p->nkid++];
	k->el = el;
	k->kind = kind;
	k->v = v;
	k->pg = pg;
	return 0;
}

/* ------------------------------------------------------------ elements */

/* A new element of type t, the last kid of element parent (-1: the
 * root); its index, or -1 (the document's error set). */
static int
el_new(struct pdf *p, int parent, int t)
{
	struct sel	*e;
	int		 i = (int)p->nel;

	if (grow(p, (void **)&p->el, &p->elcap, p->nel, sizeof(*e)) == -1)
		return -1;
	if (parent >= 0 && kid_add(p, parent, KID_EL, i, -1) == -1)
		return -1;
	e = &p->el[p->nel++];
	e->t = (uint8_t)t;
	e->parent = parent;
	e->pg = -1;
	e->alt = e->lang = -1;
	return i;
}

static int
top_t(const struct pdf *p)
{
	return p->el[p->st[p->depth - 1]].t;
}

void
pdf_tag_begin(struct pdf *p, enum tag t)
{
	int	 e;

	if (!LIVE(p) || !p->tagging)
		return;
	if (p->depth == 0 || p->depth >= TAG_DEPTH || p->deep > 0 ||
	    (unsigned)t >= TAG__N) {
		p->deep++;
		return;
	}
	if ((e = el_new(p, p->st[p->depth - 1], t)) == -1)
		return;
	p->st[p->depth++] = e;
	if (t == TAG_FIGURE)
		p->nfig++;
}

void
pdf_tag_end(struct pdf *p)
{
	if (p == NULL)
		return;
	if (p->deep > 0)
		p->deep--;
	else if (p->depth > 1) {
		if (p->el[p->st[p->depth - 1]].t == TAG_FIGURE)
			p->nfig--;
		p->depth--;
	}
}

/* S kept in the document's string pool (alts): its offset, -1. */
static int
pool_add(struct pdf *p, const char *s)
{
	size_t	 n = strlen(s) + 1, at;

	while (p->altn + n > p->altcap)
		if (grow(p, (void **)&p->alts, &p->altcap, p->altcap,
		    1) == -1)
			return -1;
	memcpy(p->alts + p->altn, s, n);
	at = p->altn;
	p->altn += n;
	return (int)at;
}

void
pdf_figure_begin(struct pdf *p, const char *alt)
{
	pdf_tag_begin(p, TAG_FIGURE);
	if (!LIVE(p) || !p->tagging || p->deep > 0 || p->depth < 2 ||
	    top_t(p) != TAG_FIGURE || alt == NULL)
		return;
	p->el[p->st[p->depth - 1]].alt = pool_add(p, alt);
}

void
pdf_tag_lang(struct pdf *p, const char *lang)
{
	if (!LIVE(p) || !p->tagging || p->deep > 0 || p->depth < 2 ||
	    lang == NULL || *lang == '\0')
		return;
	p->el[p->st[p->depth - 1]].lang = pool_add(p, lang);
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

/* The element index of the open Figure, or -1. */
static int
in_figure(const struct pdf *p)
{
	int	 i;

	if (p->nfig == 0)
		return -1;
	for (i = p->depth - 1; i > 0; i--)
		if (p->el[p->st[i]].t == TAG_FIGURE)
			return p->st[i];
	return -1;
}

int
tag_auto_begin(struct pdf *p)
{
	int	 t;

	if (!LIVE(p) || !p->tagging || p->artifact || p->deep ||
	    p->depth == 0 || in_figure(p) != -1)
		return 0;
	if ((t = auto_child(top_t(p))) == -1)
		return 0;
	pdf_tag_begin(p, (enum tag)t);
	return 1;
}

/* The next MCID of the current page, a kid of element e.  -1 when
 * memory failed. */
static int
mcid_add(struct pdf *p, int e)
{
	int	 id;

	if (grow(p, (void **)&p->mc, &p->mccap, p->nmc, sizeof(*p->mc)) == -1)
		return -1;
	id = p->mcnext[p->cur]++;
	if (p->el[e].pg == -1)
		p->el[e].pg = p->cur;
	if (kid_add(p, e, KID_MCID, id, p->cur) == -1)
		return -1;
	p->mc[p->nmc].pg = p->cur;
	p->mc[p->nmc++].el = e;
	return id;
}

/* n in decimal at o. */
static void
ops_int(struct ops *o, unsigned n)
{
	char	 t[12];
	int	 i = 0;

	if (o->n + 12 >= sizeof(o->b))
		return;
	do {
		t[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	while (i > 0)
		o->b[o->n++] = t[--i];
}

/* Closes the open text object (pdf_text.c leaves it open after its
 * text, for a separator: see there). */
static void
bt_close(struct pdf *p, struct ops *o)
{
	if (p->bt_open)
		ops_op(o, "ET");
	p->bt_open = 0;
}

/* Closes the open sequence, and the text object in it first. */
static void
mc_close(struct pdf *p, struct ops *o)
{
	bt_close(p, o);
	if (p->mc_open)
		ops_op(o, "EMC");
	p->mc_open = 0;
}

/*
 * One marked-content sequence per element and page for as long as what
 * is drawn stays in it: an element's text drawn in a row (a paragraph's
 * lines, a cell's lines, a list item's name and level) is one sequence,
 * and so are a Figure's shapes and text on one page; consecutive
 * artifacts share one ("/Artifact BMC").  Shaped text (MC_TEXT_ALONE)
 * has a sequence of its own.  A sequence holds whole text objects (BT
 * ... ET) and never spans q/Q: the calls that save the graphics state
 * restore it before they return.
 *
 * Readers join the text of one sequence without a break ("against71.2"),
 * so the text layer keeps the texts of one sequence apart with spaces
 * (pdf_text.c, draw_text).
 */
int
mc_begin(struct pdf *p, struct ops *o, int kind)
{
	size_t	 tl;
	int	 e, t, id, fig, text = kind != MC_SHAPE;

	if (p->artifact || !p->tagging || p->depth == 0 || p->cur < 0 ||
	    (size_t)p->cur >= p->mcncap)
		goto artifact;
	if ((e = in_figure(p)) != -1)
		fig = 1;
	else {
		if (!text)
			goto artifact;
		fig = 0;
		e = p->st[p->depth - 1];
		if (p->deep == 0 && (t = auto_child(p->el[e].t)) != -1) {
			/* one element for this text alone */
			if ((e = el_new(p, e, t)) == -1)
				goto artifact;
		}
	}
	if (p->mc_open == 2 && p->mc_el == e && p->mc_page == p->cur &&
	    !(text && p->mc_shut) && (fig || kind == MC_TEXT)) {
		if (!text)
			bt_close(p, o);
		return text;
	}
	mc_close(p, o);
	if ((id = mcid_add(p, e)) == -1)
		goto artifact;
	/* "/Tag<</MCID n>>BDC\n" in one go */
	tl = strlen(tag_names[p->el[e].t]);
	if (o->n + tl + 40 < sizeof(o->b)) {
		o->b[o->n++] = '/';
		memcpy(o->b + o->n, tag_names[p->el[e].t], tl);
		o->n += tl;
		memcpy(o->b + o->n, "<</MCID ", 8);
		o->n += 8;
		ops_int(o, (unsigned)id);
		memcpy(o->b + o->n, ">>BDC\n", 6);
		o->n += 6;
	}
	p->mc_open = 2;
	p->mc_el = e;
	p->mc_page = p->cur;
	p->mc_fig = fig;
	p->mc_shut = 0;
	p->txt_sep = 0;
	return 0;
artifact:
	if (p->mc_open == 1 && p->mc_page == p->cur) {
		if (!text)
			bt_close(p, o);
		return 0;
	}
	mc_close(p, o);
	ops_op(o, "/Artifact BMC");
	p->mc_open = 1;
	p->mc_page = p->cur;
	p->mc_fig = p->mc_shut = 0;
	p->txt_sep = 0;
	return 0;
}

void
mc_flush(struct pdf *p)
{
	struct ops	 o;

	o.n = 0;
	mc_close(p, &o);
	ops_flush(p, &o);
}

void
tag_link(struct pdf *p, HPDF_Annotation an, const char *contents)
{
	struct skey	*k;
	void		*s;
	int		 e;

	if (contents != NULL && (s = text_obj(p, contents)) != NULL)
		HPDF_Dict_Add(an, "Contents", s);
	if (!p->tagging || p->depth == 0 || p->deep || p->artifact)
		return;
	/* the open Link element (its text drawn in it), else one of its own */
	e = p->st[p->depth - 1];
	if (p->el[e].t != TAG_LINK && (e = el_new(p, e, TAG_LINK)) == -1)
		return;
	if (p->el[e].pg == -1)
		p->el[e].pg = p->cur;
	if (kid_add(p, e, KID_OBJR, (int)haru_obj_id(an), p->cur) == -1 ||
	    grow(p, (void **)&p->key, &p->keycap, p->nkeys, sizeof(*k)) == -1)
		return;
	k = &p->key[p->nkeys++];
	k->key = p->nkey;
	k->page = -1;
	k->el = e;
	HPDF_Dict_AddNumber(an, "StructParent", p->nkey++);
}

/* ------------------------------------------------------------ pages */

void
tag_page_added(struct pdf *p)
{
	struct skey	*k;

	if (!p->tagging || p->cur < 0)
		return;
	while ((size_t)p->cur >= p->mcncap)
		if (grow(p, (void **)&p->mcnext, &p->mcncap, p->mcncap,
		    sizeof(*p->mcnext)) == -1)
			return;
	if (grow(p, (void **)&p->key, &p->keycap, p->nkeys, sizeof(*k)) == -1)
		return;
	p->mcnext[p->cur] = 0;
	k = &p->key[p->nkeys++];
	k->key = p->nkey;
	k->page = p->cur;
	k->el = -1;
	HPDF_Dict_AddNumber(p->page, "StructParents", p->nkey++);
	HPDF_Dict_AddName(p->page, "Tabs", "S");
}

/* ------------------------------------------------------------ document */

int
tag_doc_begin(struct pdf *p, const struct pdf_info *info)
{
	HPDF_MMgr	 mm = haru_mmgr(p);
	HPDF_Dict	 cat = haru_catalog(p), mark, vp, xmp, root;
	char		 buf[4096];
	size_t		 n;

	p->tagging = 0;
	p->depth = p->deep = p->artifact = p->nfig = 0;
	p->mc_open = 0;
	p->bt_open = p->txt_sep = 0;
	p->nkey = 0;
	p->nel = p->nkid = p->nmc = p->nkeys = p->altn = 0;
	p->root_id = 0;

	HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, "en", NULL));
	if ((mark = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Dict_Add(cat, "MarkInfo", mark) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) != HPDF_OK)
		return -1;
	if ((vp = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Dict_Add(cat, "ViewerPreferences", vp) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
		return -1;
	n = tag_xmp(buf, sizeof(buf), info, info->author != NULL ?
	    info->author : "reportgen");
	/* deflated now, by us (pdf_deflate.c), not by libharu's zlib */
	if ((xmp = haru_stream_new(p, buf, n, /*deflate*/ 1)) == NULL ||
	    deflate_stream(p, xmp) == -1 ||
	    HPDF_Dict_AddName(xmp, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(xmp, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Dict_Add(cat, "Metadata", xmp) != HPDF_OK)
		return -1;
	/* The StructTreeRoot: an empty dict that holds its object number
	 * for the catalog; tag_objects writes it in its place. */
	if ((root = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), root) != HPDF_OK ||
	    HPDF_Dict_Add(cat, "StructTreeRoot", root) != HPDF_OK)
		return -1;
	p->root_id = haru_obj_id(root);
	p->tagging = 1;
	if ((p->st[0] = el_new(p, -1, TAG_DOCUMENT)) == -1)
		return -1;
	p->depth = 1;
	return 0;
}

void
tag_free(struct pdf *p)
{
	int	 i;

	free(p->el);
	free(p->kid);
	free(p->mc);
	free(p->key);
	free(p->mcnext);
	free(p->alts);
	for (i = 0; i < NENC_MAX * TU_KEEP; i++)
		free(p->tu[i / TU_KEEP][i % TU_KEEP].z);
}
