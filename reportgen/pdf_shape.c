/*
 * pdf_shape.c: a line of text the DejaVu subsets cannot draw alone, cut
 * into runs and shaped (issue 18).  The only room of HarfBuzz shaping
 * and of FriBidi.
 *
 * Each character goes to the DejaVu single-byte path when a face has it
 * (as every character did before), else to the fallback font of its
 * script (pdf_fontfind.c): a combining mark and a character of the
 * common script to the font of the character before it when that font
 * has it (a mark after a DejaVu letter takes the letter along, to the
 * Latin fallback, so that U+0323 sits on its base); format characters
 * (ZWJ, ZWNJ, variation selectors) go with the shaped run they are in,
 * and are dropped elsewhere.  A character no font has stays on the
 * DejaVu path, which draws '?' and warns, as before.
 *
 * Direction: when the line has a right-to-left character, FriBidi gives
 * each character its level (the paragraph direction from the first
 * strong character) and the runs are put in visual order by rule L2.
 * HarfBuzz shapes each fallback run in its direction; its glyphs come out
 * in visual order with clusters as byte offsets in the line.
 *
 * The fonts are loaded once per struct pdf (mapped files) and kept for
 * the documents that follow: a batch worker loads each at most once.
 *
 * Memory: HarfBuzz and FriBidi do not say when an allocation failed (a
 * font whose tables could not be loaded just has no glyphs), but every
 * failing malloc sets errno to ENOMEM.  So errno is cleared before each
 * call that may load a font or its tables, and looked at right after
 * (oom()): ENOMEM fails the document (no report with '?' in place of a
 * name), and the fonts are dropped, to be loaded afresh, since HarfBuzz
 * keeps a table it failed to load as empty.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_hb.h"

#include "pdf_shape.h"

#define SF_MAX		SHAPE_FONTS
#define SCRIPT_CACHE	16
#define LINE_CACHE	32	/* lines shaped lately: a name is drawn on
				 * every page, and render.c's rc_fit measures
				 * the same prefixes of it on each */

struct sfont {
	char		*path;
	int		 index;
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;		/* NULL: the file is not a usable font */
	unsigned	 upem;
};

/* A character of the line being cut. */
enum { CH_FAST, CH_SHAPE, CH_DROP };
struct sch {
	uint32_t	 cp;
	uint32_t	 off, len;
	int		 kind;
	int		 sf;
	FriBidiLevel	 lev;
};

/* A line shaped lately, and how. */
struct sline {
	char		*text;		/* NULL: empty slot */
	size_t		 n;
	int		 f;
	struct shaped	 s;
};

struct shape {
	struct fontfind	*ff;
	struct sline	 line[LINE_CACHE];
	int		 nextline;	/* the slot to fill next */
	struct sfont	 sf[SF_MAX];
	int		 nsf;
	struct {			/* script + bold -> font, recent */
		hb_script_t	 s;
		int		 bold, sf;
	}		 sc[SCRIPT_CACHE];
	int		 nsc;
	hb_buffer_t	*buf;
	hb_language_t	 lang;
	int		 nomem;		/* a memory failure in this line */
	/* scratch of shape_line */
	struct sch	*ch;
	FriBidiChar	*u;
	FriBidiCharType	*ty;
	FriBidiBracketType *bt;
	FriBidiLevel	*lv;
	size_t		 chcap;
};

/* Notes a memory failure of the call just made (errno is looked at
 * at once: a later stat() of a font directory would overwrite it). */
static int
oom(struct shape *s)
{
	if (errno == ENOMEM)
		s->nomem = 1;
	return s->nomem;
}

int
shape_init(struct pdf *p, const char *fontdir)
{
	struct shape	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return -1;
	if ((s->ff = fontfind_new(fontdir)) == NULL) {
		free(s);
		return -1;
	}
	p->shape = s;
	return 0;
}

void
shape_free(struct pdf *p)
{
	struct shape	*s = p->shape;
	int		 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsf; i++) {
		HB.hb_font_destroy(s->sf[i].font);
		HB.hb_face_destroy(s->sf[i].face);
		HB.hb_blob_destroy(s->sf[i].blob);
		free(s->sf[i].path);
	}
	if (s->buf != NULL)
		HB.hb_buffer_destroy(s->buf);
	for (i = 0; i < LINE_CACHE; i++) {
		free(s->line[i].text);
		shaped_free(&s->line[i].s);
	}
	fontfind_free(s->ff);
	free(s->ch);
	free(s->u);
	free(s->ty);
	free(s->bt);
	free(s->lv);
	free(s);
	p->shape = NULL;
}

struct hb_face_t *
shape_face(const struct pdf *p, int sf)
{
	return p->shape->sf[sf].face;
}

struct hb_font_t *
shape_font(const struct pdf *p, int sf)
{
	return p->shape->sf[sf].font;
}

unsigned
shape_upem(const struct pdf *p, int sf)
{
	return p->shape->sf[sf].upem;
}

/* ------------------------------------------------------------ fonts */

/* The fallback font of file path (index in a collection), loaded on
 * first use; -1 when it is not usable. */
static int
sfont_load(struct shape *s, const char *path, int index)
{
	struct sfont	*f;
	int		 i;

	for (i = 0; i < s->nsf; i++)
		if (s->sf[i].index == index && strcmp(s->sf[i].path, path) == 0)
			return s->sf[i].font != NULL ? i : -1;
	if (s->nsf == SF_MAX)
		return -1;
	f = &s->sf[s->nsf];
	memset(f, 0, sizeof(*f));
	if ((f->path = strdup(path)) == NULL)
		return -1;
	f->index = index;
	s->nsf++;
	errno = 0;
	if ((f->blob = HB.hb_blob_create_from_file_or_fail(path)) == NULL) {
		oom(s);
		return -1;
	}
	f->face = HB.hb_face_create(f->blob, (unsigned)index);
	if (HB.hb_face_get_glyph_count(f->face) == 0 ||
	    (f->upem = HB.hb_face_get_upem(f->face)) == 0) {
		oom(s);
		return -1;
	}
	f->font = HB.hb_font_create(f->face);
	if (oom(s)) {
		HB.hb_font_destroy(f->font);
		f->font = NULL;
		return -1;
	}
	return s->nsf - 1;
}

/* The fallback font of script sc in the bold or regular face, -1 none. */
static int
sfont_for(struct shape *s, hb_script_t sc, int bold)
{
	const char	*path;
	char		 tag[5];
	int		 i, index, sf = -1;

	for (i = 0; i < s->nsc; i++)
		if (s->sc[i].s == sc && s->sc[i].bold == bold)
			return s->sc[i].sf;
	HB.hb_tag_to_string(HB.hb_script_to_iso15924_tag(sc), tag);
	tag[4] = '\0';
	errno = 0;
	path = fontfind_lookup(s->ff, tag, bold, &index);
	if (oom(s))
		return -1;		/* shape_line fails the line */
	if (path != NULL)
		sf = sfont_load(s, path, index);
	if (s->nomem)
		return -1;
	if (s->nsc < SCRIPT_CACHE) {
		s->sc[s->nsc].s = sc;
		s->sc[s->nsc].bold = bold;
		s->sc[s->nsc].sf = sf;
		s->nsc++;
	}
	return sf;
}

/* Font sf has cp (its cmap is loaded on the first call: a memory
 * failure there is noted). */
static int
sfont_has(struct shape *s, int sf, uint32_t cp)
{
	hb_codepoint_t	 g;
	int		 has;

	if (sf < 0)
		return 0;
	errno = 0;
	has = HB.hb_font_get_nominal_glyph(s->sf[sf].font, cp, &g);
	oom(s);
	return has;
}

/* ------------------------------------------------------------ characters */

int
shape_dropped(uint32_t cp)
{
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
	    (cp >= 0x180B && cp <= 0x180F) || cp == 0x034F)
		return 1;		/* variation selectors, CGJ */
	if (hb_open() == -1)
		return 0;		/* no HarfBuzz: drawn as '?' */
	return HB.hb_unicode_general_category(HB.hb_unicode_funcs_get_default(),
	    cp) == HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

static int
is_mark(uint32_t cp)
{
	switch (HB.hb_unicode_general_category(HB.hb_unicode_funcs_get_default(),
	    cp)) {
	case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
		return 1;
	default:
		return 0;
	}
}

/* A line may break after CJK character cp unless next is punctuation
 * that closes (a line does not start with it). */
int
shape_cjk_break(uint32_t cp, uint32_t next)
{
	static const char closing[] = ".,;:!?)]}%";

	if (!((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 &&
	    cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF)))
		return 0;
	if (next != 0 && next < 0x80 && strchr(closing, (int)next) != NULL)
		return 0;
	switch (next) {
	case 0x3001: case 0x3002: case 0x3009: case 0x300B: case 0x300D:
	case 0x300F: case 0x3011: case 0x30FC: case 0xFF01: case 0xFF09:
	case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B: case 0xFF1F:
		return 0;
	default:
		return 1;
	}
}

uint32_t
shape_mirror(uint32_t cp)
{
	FriBidiChar	 m;

	if (hb_open() == -1)
		return cp;
	return HB.fribidi_get_mirror_char(cp, &m) ? m : cp;
}

int
shape_needed(const struct pdf *p, enum font f, const char *utf8, size_t n)
{
	const unsigned char	*s = (const unsigned char *)utf8;
	size_t			 i = 0;
	uint32_t		 cp;
	int			 bad;

	while (i < n) {
		if (s[i] < 0x80) {	/* ASCII: the faces have it all */
			i++;
			continue;
		}
		i += text_next(utf8 + i, n - i, &cp, &bad);
		if (!bad && cp != 0 && face_for(p, f, cp) == -1)
			return 1;
	}
	return 0;
}

/* cp's bidi type, with the explicit embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069) made neutral: a profile's text is shown in
 * the order its letters give, and "Ana<RLO>gpj.exe" does not read as
 * "Anaexe.jpg" (tests/t_metadata.sh asks the same of the metadata). */
static FriBidiCharType
bidi_type(uint32_t cp)
{
	FriBidiCharType	 t = HB.fribidi_get_bidi_type(cp);

	if (FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t))
		return FRIBIDI_TYPE_BN;
	return t;
}

/* The first strong character's direction, as FriBidi finds it. */
int
shape_rtl(const char *utf8, size_t n)
{
	size_t		 i = 0;
	uint32_t	 cp;
	int		 bad;
	FriBidiCharType	 t;

	if (hb_open() == -1)
		return 0;		/* no FriBidi: no shaped line either */
	while (i < n) {
		i += text_next(utf8 + i, n - i, &cp, &bad);
		t = bidi_type(cp);
		if (FRIBIDI_IS_LETTER(t) || FRIBIDI_IS_STRONG(t))
			return FRIBIDI_IS_RTL(t);
	}
	return 0;
}

/* ------------------------------------------------------------ cutting */

static int
scratch(struct shape *s, size_t n)
{
	size_t	 cap;

	if (n <= s->chcap)
		return 0;
	cap = n < 64 ? 64 : n;
	free(s->ch);
	free(s->u);
	free(s->ty);
	free(s->bt);
	free(s->lv);
	s->ch = malloc(cap * sizeof(*s->ch));
	s->u = malloc(cap * sizeof(*s->u));
	s->ty = malloc(cap * sizeof(*s->ty));
	s->bt = malloc(cap * sizeof(*s->bt));
	s->lv = malloc(cap * sizeof(*s->lv));
	if (s->ch == NULL || s->u == NULL || s->ty == NULL || s->bt == NULL ||
	    s->lv == NULL) {
		s->chcap = 0;
		return -1;
	}
	s->chcap = cap;
	return 0;
}

/* Decides the font of each character (see the top of the file). */
static void
classify(struct pdf *p, struct shape *s, enum font f, size_t nch)
{
	hb_unicode_funcs_t	*uf = HB.hb_unicode_funcs_get_default();
	struct sch		*c, *prev;
	hb_script_t		 sc;
	size_t			 i;
	int			 bold = face_of(f), sf;

	for (i = 0; i < nch; i++) {
		c = &s->ch[i];
		prev = i > 0 ? &s->ch[i - 1] : NULL;
		c->sf = -1;
		if (c->kind != CH_SHAPE)	/* FAST, or DROP (controls) */
			continue;
		if (shape_dropped(c->cp)) {
			if (prev != NULL && prev->kind == CH_SHAPE)
				c->sf = prev->sf;
			else
				c->kind = CH_DROP;
			continue;
		}
		sc = HB.hb_unicode_script(uf, c->cp);
		if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ||
		    is_mark(c->cp)) {
			if (prev != NULL && prev->kind == CH_SHAPE &&
			    sfont_has(s, prev->sf, c->cp)) {
				c->sf = prev->sf;
				continue;
			}
			if (is_mark(c->cp) && prev != NULL &&
			    prev->kind == CH_FAST && prev->cp > ' ') {
				/* the base letter goes with its mark */
				sc = HB.hb_unicode_script(uf, prev->cp);
				if (sc == HB_SCRIPT_COMMON ||
				    sc == HB_SCRIPT_INHERITED)
					sc = HB_SCRIPT_LATIN;
				sf = sfont_for(s, sc, bold);
				if (sfont_has(s, sf, prev->cp) &&
				    sfont_has(s, sf, c->cp)) {
					prev->kind = CH_SHAPE;
					prev->sf = sf;
					c->sf = sf;
					continue;
				}
			}
			if (sc == HB_SCRIPT_INHERITED)
				sc = HB_SCRIPT_COMMON;
		}
		sf = sfont_for(s, sc, bold);
		if (!sfont_has(s, sf, c->cp) && sc != HB_SCRIPT_COMMON) {
			sf = sfont_for(s, HB_SCRIPT_COMMON, bold);
		}
		if (sfont_has(s, sf, c->cp))
			c->sf = sf;
		else
			c->kind = CH_FAST;	/* '?' and the warning */
	}
	(void)p;
}

/* Levels per character: 0 unless the line has right-to-left text. */
static int
levels(struct shape *s, size_t nch, int *rtl)
{
	FriBidiParType	 base = FRIBIDI_PAR_ON;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < nch; i++) {
		s->u[i] = s->ch[i].cp;
		s->ty[i] = bidi_type(s->ch[i].cp);
		if (FRIBIDI_IS_RTL(s->ty[i]))
			any = 1;
	}
	*rtl = 0;
	if (!any) {
		for (i = 0; i < nch; i++)
			s->ch[i].lev = 0;
		return 0;
	}
	errno = 0;
	HB.fribidi_get_bracket_types(s->u, (FriBidiStrIndex)nch, s->ty, s->bt);
	if (HB.fribidi_get_par_embedding_levels_ex(s->ty, s->bt,
	    (FriBidiStrIndex)nch, &base, s->lv) == 0 || oom(s))
		return -1;
	for (i = 0; i < nch; i++)
		s->ch[i].lev = s->lv[i];
	*rtl = FRIBIDI_IS_RTL(base);
	return 0;
}

static struct srun *
run_add(struct shaped *o)
{
	struct srun	*nr;
	size_t		 cap;

	if (o->nr == o->rcap) {
		cap = o->rcap ? o->rcap * 2 : 8;
		if ((nr = realloc(o->r, cap * sizeof(*nr))) == NULL)
			return NULL;
		o->r = nr;
		o->rcap = cap;
	}
	memset(&o->r[o->nr], 0, sizeof(o->r[0]));
	return &o->r[o->nr++];
}

static int
glyphs_reserve(struct shaped *o, size_t more)
{
	struct sglyph	*ng;
	size_t		 cap;

	if (o->ng + more <= o->gcap)
		return 0;
	cap = o->gcap ? o->gcap * 2 : 64;
	while (cap < o->ng + more)
		cap *= 2;
	if ((ng = realloc(o->g, cap * sizeof(*ng))) == NULL)
		return -1;
	o->g = ng;
	o->gcap = cap;
	return 0;
}

/* 1/1000 em of v font units. */
static int32_t
em(int32_t v, unsigned upem)
{
	double	 x = (double)v * 1000.0 / upem;

	return (int32_t)(x < 0 ? x - 0.5 : x + 0.5);
}

/* Shapes run r (font r->sf) of the line into o's glyphs. */
static int
shape_run(struct shape *s, const char *utf8, size_t n, struct srun *r,
    struct shaped *o)
{
	hb_glyph_info_t		*gi;
	hb_glyph_position_t	*gp;
	struct sfont		*f = &s->sf[r->sf];
	unsigned		 ng, i, j;
	uint32_t		 c, end;

	if (s->buf == NULL) {
		if ((s->buf = HB.hb_buffer_create()) == NULL ||
		    !HB.hb_buffer_allocation_successful(s->buf))
			return -1;
		s->lang = HB.hb_language_from_string("und", -1);
	}
	HB.hb_buffer_clear_contents(s->buf);
	HB.hb_buffer_set_flags(s->buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
	HB.hb_buffer_add_utf8(s->buf, utf8, (int)n, (unsigned)r->off,
	    (int)r->len);
	HB.hb_buffer_set_direction(s->buf, r->rtl ? HB_DIRECTION_RTL :
	    HB_DIRECTION_LTR);
	HB.hb_buffer_set_language(s->buf, s->lang);
	HB.hb_buffer_guess_segment_properties(s->buf);
	errno = 0;
	HB.hb_shape(f->font, s->buf, NULL, 0);
	if (!HB.hb_buffer_allocation_successful(s->buf) || oom(s))
		return -1;
	gi = HB.hb_buffer_get_glyph_infos(s->buf, &ng);
	gp = HB.hb_buffer_get_glyph_positions(s->buf, &ng);
	if (glyphs_reserve(o, ng) == -1)
		return -1;
	r->g0 = o->ng;
	r->ng = ng;
	r->w = 0;
	for (i = 0; i < ng; i++) {
		struct sglyph *g = &o->g[o->ng++];

		g->gid = gi[i].codepoint;
		g->adv = em(gp[i].x_advance, f->upem);
		g->dx = em(gp[i].x_offset, f->upem);
		g->dy = em(gp[i].y_offset, f->upem);
		g->cl = c = gi[i].cluster;
		end = (uint32_t)(r->off + r->len);
		for (j = 0; j < ng; j++)
			if (gi[j].cluster > c && gi[j].cluster < end)
				end = gi[j].cluster;
		g->clen = end - c;
		r->w += g->adv;
	}
	return 0;
}

/* The DejaVu width of fast run r, as pdf_text.c draws it. */
static long
fast_width(struct pdf *p, enum font f, const char *utf8, const struct srun *r)
{
	size_t		 i = r->off, end = r->off + r->len;
	uint32_t	 cp;
	int		 bad;
	long		 w = 0;

	while (i < end) {
		i += text_next(utf8 + i, end - i, &cp, &bad);
		if (cp == 0 || (!bad && face_for(p, f, cp) == -1 &&
		    shape_dropped(cp)))
			continue;
		w += cp_width(p, f, cp);
	}
	return w;
}

/* Rule L2: runs in visual order. */
static void
reorder(struct shaped *o, const uint8_t *lev)
{
	uint8_t		 hi = 0, lo = 255, l;
	size_t		 i, j, a, b;
	struct srun	 t;
	uint8_t		 tl;
	uint8_t		*lv = (uint8_t *)lev;

	for (i = 0; i < o->nr; i++) {
		if (lv[i] > hi)
			hi = lv[i];
		if ((lv[i] & 1) && lv[i] < lo)
			lo = lv[i];
	}
	for (l = hi; l >= lo && l > 0; l--) {
		for (i = 0; i < o->nr; i = j) {
			if (lv[i] < l) {
				j = i + 1;
				continue;
			}
			for (j = i; j < o->nr && lv[j] >= l; j++)
				;
			for (a = i, b = j - 1; a < b; a++, b--) {
				t = o->r[a];
				o->r[a] = o->r[b];
				o->r[b] = t;
				tl = lv[a];
				lv[a] = lv[b];
				lv[b] = tl;
			}
		}
	}
}

/* Drops the fonts and what was learnt from them (after a memory
 * failure: see the top of the file). */
static void
shape_forget(struct pdf *p, struct shape *s)
{
	int	 i;

	cid_forget(p);
	for (i = 0; i < s->nsf; i++) {
		HB.hb_font_destroy(s->sf[i].font);
		HB.hb_face_destroy(s->sf[i].face);
		HB.hb_blob_destroy(s->sf[i].blob);
		free(s->sf[i].path);
	}
	s->nsf = 0;
	s->nsc = 0;
	for (i = 0; i < LINE_CACHE; i++) {
		free(s->line[i].text);
		s->line[i].text = NULL;
	}
}

/* Copies a shaped line into o (its arrays grown as needed); 0 or -1. */
static int
shaped_copy(struct shaped *o, const struct shaped *from)
{
	struct srun	*nr;
	struct sglyph	*ng;

	if (from->nr > o->rcap) {
		if ((nr = realloc(o->r, from->nr * sizeof(*nr))) == NULL)
			return -1;
		o->r = nr;
		o->rcap = from->nr;
	}
	if (from->ng > o->gcap) {
		if ((ng = realloc(o->g, from->ng * sizeof(*ng))) == NULL)
			return -1;
		o->g = ng;
		o->gcap = from->ng;
	}
	if (from->nr > 0)
		memcpy(o->r, from->r, from->nr * sizeof(*o->r));
	if (from->ng > 0)
		memcpy(o->g, from->g, from->ng * sizeof(*o->g));
	o->nr = from->nr;
	o->ng = from->ng;
	o->rtl = from->rtl;
	return 0;
}

static int	shape_cut(struct pdf *, enum font, const char *, size_t,
		    struct shaped *);

/* A line is shaped once: the last LINE_CACHE lines are kept (per struct
 * pdf: the result depends on the text, the style and the fonts only). */
int
shape_line(struct pdf *p, enum font f, const char *utf8, size_t n,
    struct shaped *o)
{
	struct shape	*s = p->shape;
	struct sline	*l;
	int		 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < LINE_CACHE; i++) {
		l = &s->line[i];
		if (l->text != NULL && l->f == (int)f && l->n == n &&
		    memcmp(l->text, utf8, n) == 0)
			return shaped_copy(o, &l->s);
	}
	s->nomem = 0;
	errno = 0;
	if (shape_cut(p, f, utf8, n, o) == -1 || oom(s)) {
		shape_forget(p, s);
		return -1;
	}
	l = &s->line[s->nextline];
	s->nextline = (s->nextline + 1) % LINE_CACHE;
	free(l->text);
	if ((l->text = malloc(n + 1)) == NULL)
		return 0;		/* not kept: no harm */
	memcpy(l->text, utf8, n);
	l->n = n;
	l->f = (int)f;
	if (shaped_copy(&l->s, o) == -1) {
		free(l->text);
		l->text = NULL;
	}
	return 0;
}

/* Cuts and shapes a line (see shape_line). */
static int
shape_cut(struct pdf *p, enum font f, const char *utf8, size_t n,
    struct shaped *o)
{
	struct shape	*s = p->shape;
	struct srun	*r = NULL;
	uint8_t		*lev = NULL;
	size_t		 i = 0, nch = 0, k;
	uint32_t	 cp;
	int		 bad, len, key, rkey = -3, rlev = -1;

	o->nr = 0;
	o->ng = 0;
	o->rtl = 0;
	if (s == NULL || scratch(s, n + 1) == -1)
		return -1;
	while (i < n) {
		len = text_next(utf8 + i, n - i, &cp, &bad);
		s->ch[nch].cp = bad ? 0xFFFD : (cp == '\n' || cp == '\r' ?
		    ' ' : cp);
		s->ch[nch].off = (uint32_t)i;
		s->ch[nch].len = (uint32_t)len;
		if (cp == 0 && !bad)
			s->ch[nch].kind = CH_DROP;
		else if (bad || face_for(p, f, s->ch[nch].cp) != -1)
			s->ch[nch].kind = CH_FAST;
		else
			s->ch[nch].kind = CH_SHAPE;
		nch++;
		i += (size_t)len;
	}
	if (hb_open() == -1) {
		/* No HarfBuzz or FriBidi at run time: what needed them is
		 * drawn as '?' with the warning, as with no fallback font. */
		if (errno == ENOMEM)
			return -1;
		for (k = 0; k < nch; k++) {
			if (s->ch[k].kind == CH_SHAPE)
				s->ch[k].kind = CH_FAST;
			s->ch[k].sf = -1;
			s->ch[k].lev = 0;
		}
	} else {
		classify(p, s, f, nch);
		if (levels(s, nch, &o->rtl) == -1)
			return -1;
	}
	for (k = 0; k < nch; k++) {
		struct sch *c = &s->ch[k];

		if (c->kind == CH_DROP) {
			rkey = -3;	/* a dropped character ends a run */
			continue;
		}
		key = c->kind == CH_SHAPE ? c->sf : -1;
		if (r == NULL || key != rkey || c->lev != rlev) {
			if ((r = run_add(o)) == NULL)
				return -1;
			r->sf = key;
			r->rtl = c->lev & 1;
			r->off = c->off;
			rkey = key;
			rlev = c->lev;
		}
		r->len = c->off + c->len - r->off;
	}
	if (o->nr > 0 && (lev = malloc(o->nr)) == NULL)
		return -1;
	for (k = 0, i = 0; k < nch && i < o->nr; k++)
		if (s->ch[k].off == o->r[i].off)
			lev[i++] = s->ch[k].lev;
	for (i = 0; i < o->nr; i++) {
		r = &o->r[i];
		if (r->sf >= 0) {
			if (shape_run(s, utf8, n, r, o) == -1) {
				free(lev);
				return -1;
			}
		} else
			r->w = fast_width(p, f, utf8, r);
	}
	if (o->rtl || (lev != NULL && memchr(lev, 1, o->nr) != NULL))
		reorder(o, lev);
	else
		for (i = 0; i < o->nr; i++)
			if (lev[i] != 0) {
				reorder(o, lev);
				break;
			}
	free(lev);
	return 0;
}

void
shaped_free(struct shaped *o)
{
	free(o->r);
	free(o->g);
	memset(o, 0, sizeof(*o));
}
