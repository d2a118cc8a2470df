/*
 * pdf_cid.c: the fonts of shaped text in the document (issue 18): one
 * Type0 font per fallback font file used, /Encoding /Identity-H over a
 * CIDFontType2 descendant whose CIDs are the font's glyph ids, so that
 * the content stream shows the glyphs HarfBuzz chose (libharu's own
 * UTF-8 CID fonts cannot address glyphs, and cost ~10 ms each).
 *
 * CIDs are handed out per document, one per (glyph, characters) pair
 * in the order first shown: the same glyph drawn for different text
 * (a vowel sign in two clusters, a ligature) gets a CID for each, so the
 * ToUnicode map can give every one back exactly.  The first glyph of a
 * shaping cluster (in the order drawn) carries the cluster's characters,
 * the cluster's other glyphs a CID with none; the carrier of a cluster of
 * several glyphs gets the whole cluster's advance as its width (a CID of
 * its own), so that text extraction spreads the characters over the
 * cluster and finds no gap in the word.  Text extraction (poppler,
 * pdf.js) reads right-to-left text in the order drawn and reverses it
 * itself, so a right-to-left cluster's characters are stored reversed.
 *
 * The Type0 dict is made on first use (the page's resources need it);
 * the rest at the end of the document, when the glyphs are known:
 *   - the font file subset to those glyphs by hb-subset (no hinting, no
 *     layout tables: the glyphs are shaped already), as /FontFile2;
 *   - /CIDToGIDMap: CID -> glyph id in the subset;
 *   - /W, the widths per CID, 1/1000 em;
 *   - /ToUnicode: CID -> its characters.
 * All of it libharu objects written by libharu and packed by
 * pdf_objstm.c, streams deflated by pdf_deflate.c's zlib state.  Only
 * HarfBuzz's subsetter is used here, beside pdf_shape.c.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_hb.h"

#include "pdf_shape.h"

/* A CID: its glyph and characters; CID k is map[k - 1]. */
struct cmapent {
	uint32_t	 gid;
	int32_t		 w;		/* in /W, 1/1000 em */
	uint32_t	 off, len;	/* in the pool */
	uint32_t	 hash;
};

#define CID_MAX		0xFFFF

struct cfont {
	HPDF_Dict	 type0;		/* NULL: not used in this document */
	uint8_t		*used;		/* bit per glyph */
	uint32_t	 nglyph;
	struct cmapent	*map;
	size_t		 nmap, mapcap;
	uint32_t	*tab;		/* hash -> CID, 0 empty */
	size_t		 tabcap;
};

struct cidset {
	struct cfont	 f[SHAPE_FONTS];
	hb_face_t	*src[SHAPE_FONTS];	/* what is subset, kept */
	char		*pool;
	size_t		 npool, poolcap;
};

static struct cidset *
cidset(struct pdf *p)
{
	if (p->cid == NULL)
		p->cid = calloc(1, sizeof(struct cidset));
	return p->cid;
}

void
cid_doc_begin(struct pdf *p)
{
	struct cidset	*c = p->cid;
	int		 i;

	if (c == NULL)
		return;
	for (i = 0; i < SHAPE_FONTS; i++) {
		c->f[i].type0 = NULL;
		c->f[i].nmap = 0;
		if (c->f[i].used != NULL)
			memset(c->f[i].used, 0, (c->f[i].nglyph + 7) / 8);
		if (c->f[i].tab != NULL)
			memset(c->f[i].tab, 0, c->f[i].tabcap *
			    sizeof(*c->f[i].tab));
	}
	c->npool = 0;
}

void
cid_free(struct pdf *p)
{
	struct cidset	*c = p->cid;
	int		 i;

	if (c == NULL)
		return;
	for (i = 0; i < SHAPE_FONTS; i++) {
		free(c->f[i].used);
		free(c->f[i].map);
		free(c->f[i].tab);
		if (c->src[i] != NULL)
			HB.hb_face_destroy(c->src[i]);
	}
	free(c->pool);
	free(c);
	p->cid = NULL;
}

HPDF_Font
cid_font(struct pdf *p, int sf)
{
	struct cidset	*c;
	struct cfont	*f;
	HPDF_Dict	 d;

	if ((c = cidset(p)) == NULL || sf < 0 || sf >= SHAPE_FONTS) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return NULL;
	}
	f = &c->f[sf];
	if (f->type0 != NULL)
		return f->type0;
	if (f->used == NULL) {
		f->nglyph = HB.hb_face_get_glyph_count(shape_face(p, sf));
		if ((f->used = calloc((f->nglyph + 7) / 8, 1)) == NULL) {
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return NULL;
		}
	}
	if ((d = HPDF_Dict_New(haru_mmgr(p))) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), d) != HPDF_OK ||
	    HPDF_Dict_AddName(d, "Type", "Font") != HPDF_OK ||
	    HPDF_Dict_AddName(d, "Subtype", "Type0") != HPDF_OK ||
	    HPDF_Dict_AddName(d, "Encoding", "Identity-H") != HPDF_OK) {
		pdf_lib_failed(p);
		return NULL;
	}
	f->type0 = d;
	return d;
}

int
cid_width(const struct pdf *p, int sf, uint32_t gid)
{
	double	 w;

	w = (double)HB.hb_font_get_glyph_h_advance(shape_font(p, sf), gid) *
	    1000.0 / shape_upem(p, sf);
	return (int)(w + 0.5);
}

static uint32_t
ent_hash(uint32_t gid, int w, const char *text, size_t n)
{
	uint32_t	 h = 2166136261u ^ gid;
	size_t		 i;

	h *= 16777619u;
	h ^= (uint32_t)w;
	h *= 16777619u;
	for (i = 0; i < n; i++) {
		h ^= (unsigned char)text[i];
		h *= 16777619u;
	}
	return h;
}

/* Doubles the hash table of f (it holds CIDs, the entries stay). */
static int
tab_grow(struct cfont *f)
{
	uint32_t	*t;
	size_t		 cap = f->tabcap ? f->tabcap * 2 : 256, i, k;

	if ((t = calloc(cap, sizeof(*t))) == NULL)
		return -1;
	for (i = 0; i < f->nmap; i++) {
		for (k = f->map[i].hash & (cap - 1); t[k] != 0;
		    k = (k + 1) & (cap - 1))
			;
		t[k] = (uint32_t)i + 1;
	}
	free(f->tab);
	f->tab = t;
	f->tabcap = cap;
	return 0;
}

unsigned
cid_use(struct pdf *p, int sf, uint32_t gid, int w, const char *text,
    size_t n)
{
	struct cidset	*c = p->cid;
	struct cfont	*f;
	struct cmapent	*e, *nm;
	char		*np;
	size_t		 cap, k;
	uint32_t	 h;

	if (c == NULL || (f = &c->f[sf])->used == NULL || gid >= f->nglyph)
		return 0;
	h = ent_hash(gid, w, text, n);
	if (f->nmap * 2 >= f->tabcap && tab_grow(f) == -1)
		goto nomem;
	for (k = h & (f->tabcap - 1); f->tab[k] != 0;
	    k = (k + 1) & (f->tabcap - 1)) {
		e = &f->map[f->tab[k] - 1];
		if (e->hash == h && e->gid == gid && e->w == w && e->len == n &&
		    (n == 0 || memcmp(c->pool + e->off, text, n) == 0))
			return f->tab[k];
	}
	if (f->nmap == CID_MAX)
		return 0;		/* drawn as .notdef */
	if (f->nmap == f->mapcap) {
		cap = f->mapcap ? f->mapcap * 2 : 32;
		if ((nm = realloc(f->map, cap * sizeof(*nm))) == NULL)
			goto nomem;
		f->map = nm;
		f->mapcap = cap;
	}
	if (c->npool + n > c->poolcap) {
		cap = c->poolcap ? c->poolcap * 2 : 1024;
		while (cap < c->npool + n)
			cap *= 2;
		if ((np = realloc(c->pool, cap)) == NULL)
			goto nomem;
		c->pool = np;
		c->poolcap = cap;
	}
	if (n > 0)
		memcpy(c->pool + c->npool, text, n);
	e = &f->map[f->nmap];
	e->gid = gid;
	e->w = w;
	e->off = (uint32_t)c->npool;
	e->len = (uint32_t)n;
	e->hash = h;
	c->npool += n;
	f->tab[k] = (uint32_t)++f->nmap;
	f->used[gid / 8] |= (uint8_t)(1 << gid % 8);
	return (unsigned)f->nmap;
nomem:
	pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
	return 0;
}

/* ------------------------------------------------------------ the end */

static int
used(const struct cfont *f, uint32_t g)
{
	return (f->used[g / 8] >> (g % 8)) & 1;
}

/* A stream of ours, deflated as pdf_tag.c's ToUnicode maps are. */
static HPDF_Dict
stream(struct pdf *p, const void *b, size_t n)
{
	HPDF_Dict	 s;

	if ((s = haru_stream_new(p, b, n, /*deflate*/ 0)) == NULL ||
	    deflate_stream(p, s) == -1)
		return NULL;
	return s;
}

/* Appends UTF-16BE hex of n bytes of UTF-8 to o. */
static void
hex_utf16(struct obuf *o, const char *s, size_t n)
{
	char		 h[16];
	size_t		 i = 0;
	uint32_t	 cp;
	int		 bad;

	while (i < n) {
		i += text_next(s + i, n - i, &cp, &bad);
		if (bad)
			cp = 0xFFFD;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			snprintf(h, sizeof(h), "%04X%04X",
			    (unsigned)(0xD800 + (cp >> 10)),
			    (unsigned)(0xDC00 + (cp & 0x3FF)));
		} else
			snprintf(h, sizeof(h), "%04X", (unsigned)cp);
		obuf_str(o, h);
	}
}

static HPDF_Dict
to_unicode(struct pdf *p, struct cfont *f)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n";
	struct obuf	 o = { NULL, 0, 0, 0 };
	struct cidset	*c = p->cid;
	HPDF_Dict	 s = NULL;
	char		 h[32];
	size_t		 i, k, n = 0, left;

	for (i = 0; i < f->nmap; i++)
		n += f->map[i].len > 0;
	obuf_str(&o, head);
	for (i = 0, k = 0; i < f->nmap; i++) {
		if (f->map[i].len == 0)
			continue;
		if (k % 100 == 0) {
			left = n - k;
			snprintf(h, sizeof(h), "%zu beginbfchar\n",
			    left < 100 ? left : 100);
			obuf_str(&o, h);
		}
		snprintf(h, sizeof(h), "<%04X> <", (unsigned)(i + 1));
		obuf_str(&o, h);
		hex_utf16(&o, c->pool + f->map[i].off, f->map[i].len);
		obuf_str(&o, ">\n");
		if (k % 100 == 99 || k == n - 1)
			obuf_str(&o, "endbfchar\n");
		k++;
	}
	obuf_str(&o, tail);
	if (!o.err)
		s = stream(p, o.b, o.n);
	free(o.b);
	return s;
}

/* "ABCDEF+": the subset tag, from the glyphs (the same glyphs, the same
 * tag: output stays reproducible). */
static void
subset_tag(const struct cfont *f, char tag[8])
{
	uint32_t	 h = 2166136261u, g;
	int		 i;

	for (g = 0; g < f->nglyph; g++)
		if (used(f, g)) {
			h ^= g;
			h *= 16777619u;
		}
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '+';
	tag[7] = '\0';
}

/* The font's PostScript name, made safe for a PDF name. */
static void
ps_name(hb_face_t *face, char *buf, size_t n)
{
	unsigned	 len = (unsigned)n;
	size_t		 i, o = 0;

	buf[0] = '\0';
	HB.hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, buf);
	for (i = 0; buf[i] != '\0'; i++)
		if ((buf[i] >= 'A' && buf[i] <= 'Z') || (buf[i] >= 'a' &&
		    buf[i] <= 'z') || (buf[i] >= '0' && buf[i] <= '9') ||
		    buf[i] == '-')
			buf[o++] = buf[i];
	buf[o] = '\0';
	if (o == 0)
		snprintf(buf, n, "Font");
}

/* Tables a PDF font file does without: the glyphs are shaped already
 * and CIDToGIDMap finds them, hinting is not used. */
static const hb_tag_t drop[] = {
	HB_TAG('G','S','U','B'), HB_TAG('G','P','O','S'),
	HB_TAG('G','D','E','F'), HB_TAG('B','A','S','E'),
	HB_TAG('J','S','T','F'), HB_TAG('M','A','T','H'),
	HB_TAG('D','S','I','G'), HB_TAG('k','e','r','n'),
	HB_TAG('m','o','r','x'), HB_TAG('G','P','O','S'),
	HB_TAG('V','O','R','G'), HB_TAG('v','h','e','a'),
	HB_TAG('v','m','t','x'), HB_TAG('h','d','m','x'),
	HB_TAG('L','T','S','H'), HB_TAG('V','D','M','X'),
	HB_TAG('g','a','s','p'), HB_TAG('E','B','D','T'),
	HB_TAG('E','B','L','C'), HB_TAG('E','B','S','C'),
	HB_TAG('c','m','a','p'),
};

/* Font sf without the tables above, made once per struct pdf (the
 * tables are shared, not copied): hb-subset's plan reads the whole cmap
 * of the face it is given, 23 M instructions for a CJK font each time,
 * though no character is kept. */
static hb_face_t *
subset_source(struct pdf *p, struct cidset *c, int sf)
{
	hb_face_t	*face = shape_face(p, sf), *b;
	hb_tag_t	 tags[64];
	hb_blob_t	*t;
	unsigned	 n = 64, i, k;

	if (c->src[sf] != NULL)
		return c->src[sf];
	if ((b = HB.hb_face_builder_create()) == NULL)
		return NULL;
	HB.hb_face_get_table_tags(face, 0, &n, tags);
	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(drop) / sizeof(drop[0]); k++)
			if (drop[k] == tags[i])
				break;
		if (k < sizeof(drop) / sizeof(drop[0]))
			continue;
		t = HB.hb_face_reference_table(face, tags[i]);
		HB.hb_face_builder_add_table(b, tags[i], t);
		HB.hb_blob_destroy(t);
	}
	return c->src[sf] = b;
}

/* The subset font file and CID -> new glyph map of f; 0 or -1. */
static int
subset(struct pdf *p, int sf, struct cfont *f, HPDF_Dict *file,
    HPDF_Dict *c2g, size_t *flen)
{
	hb_subset_input_t	*in = NULL;
	hb_face_t		*src;
	hb_subset_plan_t	*plan = NULL;
	hb_face_t		*out = NULL;
	hb_blob_t		*blob = NULL;
	hb_set_t		*gs, *dt;
	const hb_map_t		*m;
	unsigned char		*map = NULL;
	const char		*data;
	unsigned		 len, i;
	uint32_t		 g;
	size_t			 k, ncid = f->nmap + 1;
	int			 rc = -1;

	*file = *c2g = NULL;
	if ((in = HB.hb_subset_input_create_or_fail()) == NULL)
		goto out;
	gs = HB.hb_subset_input_glyph_set(in);
	HB.hb_set_add(gs, 0);
	for (g = 0; g < f->nglyph; g++)
		if (used(f, g))
			HB.hb_set_add(gs, g);
	dt = HB.hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		HB.hb_set_add(dt, drop[i]);
	HB.hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	if ((src = subset_source(p, p->cid, sf)) == NULL ||
	    (plan = HB.hb_subset_plan_create_or_fail(src, in)) == NULL ||
	    (out = HB.hb_subset_plan_execute_or_fail(plan)) == NULL)
		goto out;
	blob = HB.hb_face_reference_blob(out);
	data = HB.hb_blob_get_data(blob, &len);
	if (len == 0 || (*file = stream(p, data, len)) == NULL)
		goto out;
	*flen = len;
	m = HB.hb_subset_plan_old_to_new_glyph_mapping(plan);
	if ((map = calloc(ncid, 2)) == NULL)
		goto out;
	for (k = 1; k < ncid; k++) {
		hb_codepoint_t	 ngid;

		if ((ngid = HB.hb_map_get(m, f->map[k - 1].gid)) ==
		    HB_MAP_VALUE_INVALID)
			ngid = 0;
		map[k * 2] = (unsigned char)(ngid >> 8);
		map[k * 2 + 1] = (unsigned char)ngid;
	}
	if ((*c2g = stream(p, map, ncid * 2)) == NULL)
		goto out;
	rc = 0;
out:
	free(map);
	HB.hb_blob_destroy(blob);
	HB.hb_face_destroy(out);
	HB.hb_subset_plan_destroy(plan);
	HB.hb_subset_input_destroy(in);
	return rc;
}

/* /W: "1 [w w ...]", the widths of CIDs 1 to nmap. */
static HPDF_Array
widths(struct pdf *p, const struct cfont *f)
{
	HPDF_MMgr	 mm = haru_mmgr(p);
	HPDF_Array	 w, run;
	size_t		 k;

	if ((w = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Array_AddNumber(w, 1) != HPDF_OK ||
	    (run = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Array_Add(w, run) != HPDF_OK)
		return NULL;
	for (k = 0; k < f->nmap; k++)
		if (HPDF_Array_AddNumber(run, f->map[k].w) != HPDF_OK)
			return NULL;
	return w;
}

/* The box of the glyphs used, 1/1000 em (llx lly urx ury): the subset's
 * /FontBBox, and its /Ascent and /Descent (the whole font's are a third
 * taller in Arabic and Indic fonts, and viewers would take the text for
 * lines taller than it is). */
static void
glyph_box(struct pdf *p, int sf, const struct cfont *f, int box[4])
{
	hb_glyph_extents_t	 e;
	double			 k = 1000.0 / shape_upem(p, sf);
	int			 x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	uint32_t		 g;

	for (g = 0; g < f->nglyph; g++) {
		if (!used(f, g) ||
		    !HB.hb_font_get_glyph_extents(shape_font(p, sf), g, &e))
			continue;
		if (e.x_bearing < x0)
			x0 = e.x_bearing;
		if (e.x_bearing + e.width > x1)
			x1 = e.x_bearing + e.width;
		if (e.y_bearing > y1)
			y1 = e.y_bearing;
		if (e.y_bearing + e.height < y0)
			y0 = e.y_bearing + e.height;
	}
	box[0] = (int)floor(x0 * k);
	box[1] = (int)floor(y0 * k);
	box[2] = (int)ceil(x1 * k);
	box[3] = (int)ceil(y1 * k);
	if (box[3] <= 0)
		box[3] = 1;	/* Ascent is positive */
}

/* The rest of font sf's objects. */
static int
font_end(struct pdf *p, int sf, struct cfont *f)
{
	HPDF_MMgr		 mm = haru_mmgr(p);
	HPDF_Dict		 cid, desc, info, file, c2g, tu;
	HPDF_Array		 arr, bbox, w;
	char			 name[128], base[160], tag[8];
	size_t			 flen = 0;
	int			 asc, dsc, box[4];

	subset_tag(f, tag);
	ps_name(shape_face(p, sf), name, sizeof(name));
	snprintf(base, sizeof(base), "%s%s", tag, name);
	glyph_box(p, sf, f, box);
	asc = box[3];
	dsc = box[1];
	if (subset(p, sf, f, &file, &c2g, &flen) == -1 ||
	    (tu = to_unicode(p, f)) == NULL || (w = widths(p, f)) == NULL)
		return -1;
	if (HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)flen) != HPDF_OK)
		return -1;
	if ((desc = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), desc) != HPDF_OK ||
	    HPDF_Dict_AddName(desc, "Type", "FontDescriptor") != HPDF_OK ||
	    HPDF_Dict_AddName(desc, "FontName", base) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Flags", 4) != HPDF_OK ||
	    (bbox = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Dict_Add(desc, "FontBBox", bbox) != HPDF_OK ||
	    HPDF_Array_AddNumber(bbox, box[0]) != HPDF_OK ||
	    HPDF_Array_AddNumber(bbox, box[1]) != HPDF_OK ||
	    HPDF_Array_AddNumber(bbox, box[2]) != HPDF_OK ||
	    HPDF_Array_AddNumber(bbox, box[3]) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "ItalicAngle", 0) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Ascent", asc) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Descent", dsc) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "CapHeight", asc * 7 / 10) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "StemV", 80) != HPDF_OK ||
	    HPDF_Dict_Add(desc, "FontFile2", file) != HPDF_OK)
		return -1;
	if ((info = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe",
	    NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity",
	    NULL)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(info, "Supplement", 0) != HPDF_OK)
		return -1;
	if ((cid = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(haru_xref(p), cid) != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "Type", "Font") != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2") != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "BaseFont", base) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "CIDSystemInfo", info) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "FontDescriptor", desc) != HPDF_OK ||
	    HPDF_Dict_AddNumber(cid, "DW", 1000) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "W", w) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "CIDToGIDMap", c2g) != HPDF_OK)
		return -1;
	if ((arr = HPDF_Array_New(mm)) == NULL ||
	    HPDF_Array_Add(arr, cid) != HPDF_OK ||
	    HPDF_Dict_AddName(f->type0, "BaseFont", base) != HPDF_OK ||
	    HPDF_Dict_Add(f->type0, "DescendantFonts", arr) != HPDF_OK ||
	    HPDF_Dict_Add(f->type0, "ToUnicode", tu) != HPDF_OK)
		return -1;
	return 0;
}

int
cid_doc_end(struct pdf *p)
{
	struct cidset	*c = p->cid;
	int		 i;

	if (c == NULL)
		return 0;
	errno = 0;	/* HarfBuzz says nothing of a failed allocation */
	for (i = 0; i < SHAPE_FONTS; i++) {
		if (c->f[i].type0 == NULL)
			continue;
		if (font_end(p, i, &c->f[i]) == -1 || errno == ENOMEM) {
			if (errno == ENOMEM) {
				pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
				cid_forget(p);
			} else
				pdf_lib_failed(p);
			return -1;
		}
	}
	return 0;
}

void
cid_forget(struct pdf *p)
{
	struct cidset	*c = p->cid;
	int		 i;

	if (c == NULL)
		return;
	/* The subset sources are left, not destroyed: HarfBuzz 6.0 can
	 * leave a face it was subsetting from inconsistent after a failed
	 * allocation, and hb_face_destroy() then frees an invalid pointer
	 * (tests/t_allocfail.sh over a Devanagari profile found it).  A
	 * leak after a memory failure, rather than a crash. */
	for (i = 0; i < SHAPE_FONTS; i++) {
		c->src[i] = NULL;
		free(c->f[i].used);
		c->f[i].used = NULL;	/* its glyph count is the font's */
	}
}
