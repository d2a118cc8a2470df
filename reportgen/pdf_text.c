/*
 * pdf_text.c: UTF-8 text in the drawing layer: decoding, measuring and
 * showing it (pdf_text, draw_text), which splits it into runs per (face,
 * encoding) as pdf_font.c places each character.  Wrapping it into lines
 * (pdf_wrap, pdf_paragraph, pdf_text_box) is pdf_wrap.c.
 *
 * Widths are integer sums of the glyph widths from pdf_font.c, the same
 * numbers libharu writes to /Widths, so what is measured is what is drawn.
 * A character no font has is drawn as '?' and reported once per document.
 *
 * Text with a character the DejaVu subsets lack (issue 18) goes through
 * pdf_shape.c: the line is cut into runs in visual order; DejaVu runs are
 * shown as above, the others as glyphs of a Type0 font (pdf_cid.c) placed
 * where HarfBuzz put them, in the marked content of the text as before.
 * Text without such a character never takes that path: its bytes are
 * those it always had.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"
#include "pdf_shape.h"

/* ------------------------------------------------------------ UTF-8 */

/* Decodes one code point at s (n bytes left); returns its length, or 0
 * with *cp = 0xFFFD for an invalid or truncated sequence (the caller
 * then skips one byte).  Overlongs, surrogates and > U+10FFFF are
 * invalid. */
static int
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	 c;
	int		 len, i;

	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

/* Next code point of a string for layout: control characters other than
 * tab and line breaks are dropped (returned as 0), tab becomes a space.
 * *bad is set for invalid UTF-8 (returned as U+FFFD, one byte). */
int
text_next(const char *s, size_t n, uint32_t *cp, int *bad)
{
	int	 len;

	if (n > 0 && s[0] >= 0x20 && s[0] < 0x7F) {	/* printable ASCII */
		*cp = (uint32_t)s[0];
		*bad = 0;
		return 1;
	}
	len = utf8_next((const unsigned char *)s, n, cp);
	*bad = len == 0;
	if (len == 0)
		return 1;
	if (*cp == '\t')
		*cp = ' ';
	else if (*cp == '\n' || *cp == '\r')
		;
	else if (*cp < 0x20 || (*cp >= 0x7F && *cp < 0xA0))
		*cp = 0;
	return len;
}

/* ------------------------------------------------------------ measure */

/* The width of utf8[0..n) in points. */
static float
measure_n(struct pdf *p, enum font f, float size, const char *utf8, size_t n)
{
	size_t		 i = 0;
	uint32_t	 cp;
	long		 w = 0;
	int		 bad;

	if (!ascii_only(utf8, n) && shape_needed(p, f, utf8, n)) {
		struct shaped	 s;

		memset(&s, 0, sizeof(s));
		if (shape_line(p, f, utf8, n, &s) == -1)
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		for (i = 0; i < s.nr; i++)
			w += s.r[i].w;
		shaped_free(&s);
		return (float)w * size / 1000.0f;
	}
	while (i < n) {
		i += next_cp(utf8 + i, n - i, &cp, &bad);
		w += width_of(p, f, cp);
	}
	return (float)w * size / 1000.0f;
}

float
pdf_measure(struct pdf *p, enum font f, float size, const char *utf8)
{
	if (p == NULL || utf8 == NULL || (unsigned)f >= FONT__N)
		return 0;
	return measure_n(p, f, size, utf8, strlen(utf8));
}

/* Reports a character the fonts lack, once per document. */
static void
warn_missing(struct pdf *p, uint32_t cp, int bad)
{
	char		 u[5];
	uint32_t	*nw;
	size_t		 i, cap;

	if (bad) {
		if (!p->warned_utf8 && p->d != NULL)
			diag(p->d, SEV_WARNING, p->diag_path, 0,
			    "text is not valid UTF-8; shown as '?'");
		p->warned_utf8 = 1;
		return;
	}
	for (i = 0; i < p->nwarned; i++)
		if (p->warned[i] == cp)
			return;
	if (p->nwarned == p->warncap) {
		cap = p->warncap ? p->warncap * 2 : 8;
		if ((nw = realloc(p->warned, cap * sizeof(*nw))) == NULL)
			return;
		p->warned = nw;
		p->warncap = cap;
	}
	p->warned[p->nwarned++] = cp;
	if (p->d == NULL)
		return;
	if (cp < 0x80) {
		u[0] = (char)cp;
		u[1] = '\0';
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		u[2] = '\0';
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		u[3] = '\0';
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		u[4] = '\0';
	}
	diag(p->d, SEV_WARNING, p->diag_path, 0,
	    "character U+%04X '%s' is not in the report fonts; shown as '?'",
	    (unsigned)cp, u);
}

/* ------------------------------------------------------------ show */

/* How show_run writes a code in a string: 0 as is, 1 after a
 * backslash, 2 as a backslash and three octal digits (not printable
 * ASCII). */
static const uint8_t esc[256] = {
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* 00 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* 10 */
	0,0,0,0,0,0,0,0,1,1,0,0,0,0,0,0,	/* 20 */
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,	/* 30 */
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,	/* 40 */
	0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,	/* 50 */
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,	/* 60 */
	0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,	/* 70 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* 80 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* 90 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* A0 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* B0 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* C0 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* D0 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* E0 */
	2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,	/* F0 */
};

/* One run "(codes) Tj" in font (fc, ei).  Each code is measured once
 * per document through libharu, which marks its glyph for the subset
 * and its width for /Widths, as HPDF_Page_ShowText would; p->marked
 * then holds 1 + its esc[] kind, so a code seen before takes one load. */
static void
show_run(struct pdf *p, struct ops *o, int fc, int ei, float size,
    const char *codes, size_t n)
{
	HPDF_Font	 font;
	uint8_t		*mk = p->marked[fc][ei];
	HPDF_BYTE	 c;
	char		*restrict b;
	size_t		 i;
	unsigned	 m;

	/* after an error libharu's objects may be half made: no more
	 * calls into it (a run of text follows another) */
	if (!PAGE(p))
		return;
	if ((font = p->font[fc][ei]) == NULL &&
	    (font = haru_font_get(p, fc, ei)) == NULL) {
		pdf_lib_failed(p);
		return;
	}
	set_font(p, o, font, size);
	if (o->n + 4 * n + 8 >= sizeof(o->b))
		ops_flush(p, o);
	/* through a restrict pointer: a store through o->b could
	 * otherwise change o->n, codes or mk, reloaded per byte */
	b = o->b + o->n;
	*b++ = '(';
	for (i = 0; i < n; i++) {
		c = (HPDF_BYTE)codes[i];
		if ((m = mk[c]) == 1) {		/* the usual case */
			*b++ = (char)c;
			continue;
		}
		if (m == 0) {
			HPDF_BYTE	 one = c;	/* c stays in a register */

			mk[c] = m = (uint8_t)(1 + esc[c]);
			(void)HPDF_Font_TextWidth(font, &one, 1);
		}
		switch (m) {
		case 1:
			*b++ = (char)c;
			break;
		case 2:
			*b++ = '\\';
			*b++ = (char)c;
			break;
		default:
			*b++ = '\\';
			*b++ = (char)('0' + (c >> 6));
			*b++ = (char)('0' + ((c >> 3) & 7));
			*b++ = (char)('0' + (c & 7));
			break;
		}
	}
	*b++ = ')';
	o->n = (size_t)(b - o->b);
	ops_op(o, " Tj");
}

/* Per byte, the code of encoding ei that shows it in style f with f's
 * own face: printable ASCII the face draws and ei has, else 0 (then
 * show_fast's general case).  Made on first use, kept per process (the
 * encodings and faces are). */
static const uint8_t *
asc_codes(struct pdf *p, enum font f, int ei)
{
	uint8_t	*t = p->asc_code[f][ei];
	int	 c;

	if (p->maxcp < 128)
		return NULL;
	if (!p->asc_code_made[f][ei]) {
		for (c = 0x20; c < 0x7F; c++)
			if (p->asc_face[f][c] == face_of(f))
				t[c] = p->rev[(size_t)ei * p->maxcp + c];
		p->asc_code_made[f][ei] = 1;
	}
	return t;
}

/* Shows utf8[0..n) from the current text position (inside BT/ET), run
 * by run, in the DejaVu faces; with tail, a space after it. */
static void
show_fast(struct pdf *p, struct ops *ops, enum font f, float size,
    const char *utf8, size_t n, int tail)
{
	char		 buf[256];
	const int8_t	*af = p->asc_face[f];
	const uint8_t	*rev = NULL;	/* the run's codes for ASCII */
	uint8_t		*used = NULL;	/* ... and those shown */
	size_t		 i = 0, o = 0;
	uint32_t	 cp;
	unsigned char	 k;		/* not code: its address is taken */
	int		 bad, fc, ei, code, rf = -1, re = -1;

	for (;;) {
		/* Most characters: printable ASCII that the run's face
		 * draws and its encoding has, added to the run as they
		 * come (the general case below would do the same). */
		if (rev != NULL)
			while (i < n && (k = rev[(unsigned char)utf8[i]]) !=
			    0 && o + 1 < sizeof(buf)) {
				used[k] = 1;
				buf[o++] = (char)k;
				i++;
			}
		if (i < n)
			i += next_cp(utf8 + i, n - i, &cp, &bad);
		else if (tail) {
			cp = ' ';
			bad = tail = 0;
		} else
			break;
		if (cp == 0)
			continue;
		if (cp == '\n' || cp == '\r')
			cp = ' ';
		if (cp < 128 && !bad && rf != -1 && cp < p->maxcp &&
		    (fc = af[cp]) != -1 &&
		    (code = p->rev[(size_t)re * p->maxcp + cp]) != 0) {
			/* cp_place's usual case, an ASCII character the
			 * run's encoding has, its face from the table */
			ei = re;
		} else {
			if (bad || face_for(p, f, cp) == -1) {
				warn_missing(p, cp, bad);
				cp = '?';
			}
			cp_place(p, f, cp, rf == -1 ? -1 : re, &fc, &ei,
			    &code);
		}
		if (o > 0 && (fc != rf || ei != re || o + 1 >= sizeof(buf))) {
			show_run(p, ops, rf, re, size, buf, o);
			o = 0;
		}
		if (ei != re || fc != rf) {
			rev = fc == face_of(f) ? asc_codes(p, f, ei) : NULL;
			used = p->used[ei];
		}
		rf = fc;
		re = ei;
		p->used[ei][code] = 1;
		buf[o++] = (char)code;
	}
	if (o > 0 && !p->failed)
		show_run(p, ops, rf, re, size, buf, o);
}

/* Where a shaped line's text is, relative to its start, in 1/1000 em:
 * the pen (where the next glyph goes), the text position and the line
 * matrix's origin (Td moves from it); a TJ array may be open. */
struct pen {
	long	 x, cx, ox, oy;
	int	 arr;
};

static void
ops_int(struct ops *o, long v)
{
	o->n += (size_t)snprintf(o->b + o->n, sizeof(o->b) - o->n, "%ld ", v);
}

/* Moves the text position to (x, y): in the TJ array along the line,
 * with Td off it (a mark above or below its base). */
static void
pen_move(struct ops *o, struct pen *pn, float size, long x, long y)
{
	if (y != pn->oy) {
		if (pn->arr)
			ops_op(o, "]TJ");
		pn->arr = 0;
		ops_len(o, (float)(x - pn->ox) * size / 1000.0f);
		ops_len(o, (float)(y - pn->oy) * size / 1000.0f);
		ops_op(o, "Td");
		pn->ox = pn->cx = x;
		pn->oy = y;
	} else if (x != pn->cx) {
		if (!pn->arr)
			ops_str(o, "[");
		pn->arr = 1;
		ops_int(o, pn->cx - x);
		pn->cx = x;
	}
}

/* n bytes of UTF-8 at s with their characters in reverse, into b (n
 * bytes). */
static size_t
utf8_reverse(const char *s, size_t n, char *b)
{
	size_t	 i = 0, len;

	while (i < n) {
		len = 1;
		while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
			len++;
		memcpy(b + n - i - len, s + i, len);
		i += len;
	}
	return n;
}

/* A run of the DejaVu path inside a shaped line: its characters (dropped
 * format characters left out), reversed and mirrored when right to
 * left. */
static void
show_fast_run(struct pdf *p, struct ops *o, enum font f, float size,
    const char *utf8, const struct srun *r, struct pen *pn)
{
	uint32_t	*cps, cp;
	char		*b;
	size_t		 i = r->off, end = r->off + r->len, k, nc = 0, bn = 0;
	int		 bad, len, j;

	if ((cps = malloc((r->len + 1) * sizeof(*cps))) == NULL ||
	    (b = malloc(r->len * 4 + 1)) == NULL) {
		free(cps);
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return;
	}
	while (i < end) {
		len = text_next(utf8 + i, end - i, &cp, &bad);
		if (bad)
			cps[nc++] = 0xFFFD;	/* drawn as '?' */
		else if (cp != 0 && !(face_for(p, f, cp) == -1 &&
		    shape_dropped(cp)))
			cps[nc++] = r->rtl ? shape_mirror(cp) : cp;
		i += (size_t)len;
	}
	for (k = 0; k < nc; k++) {
		cp = cps[r->rtl ? nc - 1 - k : k];
		if (cp < 0x80)
			b[bn++] = (char)cp;
		else {
			len = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
			b[bn] = (char)(len == 2 ? 0xC0 | cp >> 6 : len == 3 ?
			    0xE0 | cp >> 12 : 0xF0 | cp >> 18);
			for (j = 1; j < len; j++)
				b[bn + j] = (char)(0x80 | (cp >> (6 *
				    (len - 1 - j)) & 0x3F));
			bn += (size_t)len;
		}
	}
	b[bn] = '\0';
	if (bn > 0)
		show_fast(p, o, f, size, b, bn, /*tail*/ 0);
	pn->x += r->w;
	pn->cx += r->w;
	free(b);
	free(cps);
}

/* A shaped run: its glyphs where HarfBuzz put them, each as the CID
 * pdf_cid.c gives it for its characters: the first glyph drawn of a
 * cluster stands for the cluster (reversed when right to left, the order
 * text extraction reads it in), the cluster's other glyphs for none. */
static void
show_cid_run(struct pdf *p, struct ops *o, float size, const char *utf8,
    const struct shaped *s, const struct srun *r, struct pen *pn)
{
	const struct sglyph	*g;
	HPDF_Font		 font;
	char			 small[64], *rev = small;
	const char		*t;
	size_t			 i, j, k, n;
	unsigned		 cid;
	int			 w;

	if ((font = cid_font(p, r->sf)) == NULL)
		return;
	if (r->rtl && r->len > sizeof(small) &&
	    (rev = malloc(r->len)) == NULL) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return;
	}
	set_font(p, o, font, size);
	for (i = 0; i < r->ng; i++) {
		g = &s->g[r->g0 + i];
		t = NULL;
		n = 0;
		w = cid_width(p, r->sf, g->gid);
		if (i == 0 || g[-1].cl != g->cl) {
			t = utf8 + g->cl;
			n = g->clen;
			if (r->rtl)
				t = rev, n = utf8_reverse(utf8 + g->cl, n, rev);
			for (k = i + 1; k < r->ng && g[k - i].cl == g->cl; k++)
				;
			if (k > i + 1)		/* the cluster's carrier */
				for (w = 0, j = i; j < k; j++)
					w += s->g[r->g0 + j].adv;
		}
		cid = cid_use(p, r->sf, g->gid, w, t, n);
		if (o->n + 64 >= sizeof(o->b))
			ops_flush(p, o);
		pen_move(o, pn, size, pn->x + g->dx, g->dy);
		if (!pn->arr)
			ops_str(o, "[");
		pn->arr = 1;
		o->n += (size_t)snprintf(o->b + o->n, sizeof(o->b) - o->n,
		    "<%04X>", cid);
		pn->cx += w;
		pn->x += g->adv;
	}
	if (o->n + 64 >= sizeof(o->b))
		ops_flush(p, o);
	pen_move(o, pn, size, pn->x, 0);
	if (pn->arr)
		ops_op(o, "]TJ");
	pn->arr = 0;
	if (rev != small)
		free(rev);
}

/* Shows utf8[0..n), which needs shaping (a character the DejaVu subsets
 * lack), from the current text position, run by run as pdf_shape.c cuts
 * it.  The text position and line matrix are then where the runs left
 * them. */
static void
show_shaped(struct pdf *p, struct ops *o, enum font f, float size,
    const char *utf8, size_t n)
{
	struct shaped	 s;
	struct pen	 pn;
	size_t		 i;

	memset(&s, 0, sizeof(s));
	memset(&pn, 0, sizeof(pn));
	if (shape_line(p, f, utf8, n, &s) == -1) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		shaped_free(&s);
		return;
	}
	for (i = 0; i < s.nr && PAGE(p); i++) {
		if (s.r[i].sf < 0)
			show_fast_run(p, o, f, size, utf8, &s.r[i], &pn);
		else
			show_cid_run(p, o, size, utf8, &s, &s.r[i], &pn);
	}
	shaped_free(&s);
}

/*
 * Draws utf8[0..n) as pdf_text does; spaced: a line of wrapped text that
 * broke at a space (the space is shown after it, invisible); glue: a
 * line that goes on from the one before (a word cut at a hyphen or a
 * slash): no separator between them.
 *
 * The texts of one marked-content sequence (mc_begin) are read as one
 * string: readers join them without a break.  So they are kept apart by
 * spaces, as word processors do: a wrapped line keeps the space it broke
 * at, text in a Figure ends with one, and text that follows text of its
 * sequence ending in no space (a list item's name, then its level) gets
 * one shown at the end of the text before, where a trailing space would
 * be; that text object is left open for it.  Each text has a text object
 * of its own (BT ... ET) at its absolute position, as before: relative
 * moves (Td from the line before) would add up rounding in the reader
 * and move words of pdftotext -layout (docs/performance.md).  Text
 * extraction by position drops spaces at a line's end: it reads as
 * before.
 */
void
draw_text(struct pdf *p, float x, float y, enum font f, float size,
    struct rgb c, enum align al, const char *utf8, size_t n, int spaced,
    int glue)
{
	struct ops	 o;
	int		 shaped, tail;

	if (!PAGE(p) || n == 0 || (unsigned)f >= FONT__N)
		return;
	shaped = !ascii_only(utf8, n) && shape_needed(p, f, utf8, n);
	if (al != ALIGN_LEFT) {
		float w = measure_n(p, f, size, utf8, n);
		x -= al == ALIGN_CENTER ? w / 2 : w;
	}
	o.n = 0;
	if (mc_begin(p, &o, shaped ? MC_TEXT_ALONE : MC_TEXT) &&
	    p->txt_sep && !glue && utf8[0] != ' ' && p->bt_open)
		show_fast(p, &o, p->txt_f, p->txt_size, " ", 1, /*tail*/ 0);
	if (p->bt_open)
		ops_op(&o, "ET");
	set_fill(p, &o, c);
	ops_op(&o, "BT");
	p->bt_open = 1;
	if (f == FONT_ITALIC)
		ops_str(&o, "1 0 " SLANT_S " 1 ");
	ops_len(&o, x);
	ops_len(&o, p->h - y);
	ops_op(&o, f == FONT_ITALIC ? "Tm" : "Td");
	tail = !shaped && (spaced || p->mc_fig) && utf8[n - 1] != ' ';
	if (shaped) {
		show_shaped(p, &o, f, size, utf8, n);
		p->mc_shut = 1;
	} else
		show_fast(p, &o, f, size, utf8, n, tail);
	p->txt_sep = !tail && utf8[n - 1] != ' ';
	p->txt_f = f;
	p->txt_size = size;
	ops_flush(p, &o);
}

void
pdf_text(struct pdf *p, float x, float y, enum font f, float size,
    struct rgb c, enum align al, const char *utf8)
{
	if (utf8 != NULL)
		draw_text(p, x, y, f, size, c, al, utf8, strlen(utf8),
		    /*spaced*/ 0, /*glue*/ 0);
}
