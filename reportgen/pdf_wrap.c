/*
 * pdf_wrap.c: text broken into lines for a width: pdf_wrap (the lines,
 * to a callback), pdf_paragraph (drawn line by line down the page) and
 * pdf_text_box (at most so many lines, the last one cut with an
 * ellipsis).  Where a line may break is wrap_lines' comment (spaces,
 * after a hyphen, slash or dash, between CJK characters; a word wider
 * than the line cut with a hyphen).  Widths are pdf_text.c's, so a line
 * is drawn exactly as wide as it was measured; draw_text draws each line
 * in one marked-content sequence with the lines before it (pdf_tag.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"
#include "pdf_shape.h"

/* One character of a string being wrapped. */
struct wch {
	uint32_t	 cp;
	int		 w;		/* 1/1000 em */
	size_t		 off, len;	/* bytes in the source */
};

/* What the wrapper hands each line: its text (len bytes, NUL-terminated),
 * spaced when it broke at a space (or a line break) with text after it,
 * and its 0-based index. */
typedef void wrap_fn(void *ctx, const char *text, size_t len, int spaced,
    int n);

static void
emit_line(struct pdf *p, const char *src, const struct wch *c, int from,
    int to, int hyphen, int spaced, char **buf, size_t *cap, int n,
    wrap_fn *line, void *ctx)
{
	size_t	 len = 0, need;
	char	*nb;

	/* drop trailing spaces */
	while (to > from && (c[to - 1].cp == ' ' || c[to - 1].cp == '\n'))
		to--;
	if (to > from)
		len = c[to - 1].off + c[to - 1].len - c[from].off;
	need = len + 2;
	if (need > *cap) {
		if ((nb = realloc(*buf, need)) == NULL) {
			/* a line left out would be a different report */
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return;
		}
		*buf = nb;
		*cap = need;
	}
	if (len > 0)
		memcpy(*buf, src + c[from].off, len);
	if (hyphen)
		(*buf)[len++] = '-';
	(*buf)[len] = '\0';
	line(ctx, *buf, len, spaced, n);
}

/* The widths of c (nc characters of utf8) as the shaped text draws
 * them: a cluster's advance on its first character, 0 on the others and
 * on dropped format characters.  0 or -1. */
static int
wrap_shaped(struct pdf *p, enum font f, const char *utf8, size_t n,
    struct wch *c, int nc)
{
	struct shaped	 s;
	int		*at;
	size_t		 i, k;
	int		 j;

	memset(&s, 0, sizeof(s));
	if ((at = malloc((n + 1) * sizeof(*at))) == NULL)
		return -1;
	if (shape_line(p, f, utf8, n, &s) == -1) {
		free(at);
		shaped_free(&s);
		return -1;
	}
	for (i = 0; i <= n; i++)
		at[i] = -1;
	for (j = 0; j < nc; j++) {
		at[c[j].off] = j;
		if (c[j].cp != '\n' && face_for(p, f, c[j].cp) == -1 &&
		    shape_dropped(c[j].cp))
			c[j].w = 0;
	}
	for (i = 0; i < s.nr; i++) {
		if (s.r[i].sf < 0)
			continue;	/* cp_width already */
		for (k = s.r[i].off; k < s.r[i].off + s.r[i].len; k++)
			if (at[k] >= 0)
				c[at[k]].w = 0;
		for (k = 0; k < s.r[i].ng; k++)
			if (at[s.g[s.r[i].g0 + k].cl] >= 0)
				c[at[s.g[s.r[i].g0 + k].cl]].w +=
				    s.g[s.r[i].g0 + k].adv;
	}
	free(at);
	shaped_free(&s);
	return 0;
}

/* pdf_wrap's work, each line to line() (see wrap_fn).  Breaks at
 * spaces (dropped at the break), after '-', '/', en and em dashes (kept
 * on the line), and at '\n'; a word wider than the line is cut between
 * characters with a hyphen when one fits.  Widths are integer sums of
 * the glyph widths, compared against width exactly. */
static int
wrap_lines(struct pdf *p, enum font f, float size, float width,
    const char *utf8, wrap_fn *line, void *ctx)
{
	struct wch	*c;
	char		*buf = NULL;
	size_t		 n, i = 0, cap = 0;
	long		 lim, w;
	int		 nc = 0, start, brk, k, nl = 0, bad, hyw, len;
	int		 shaped = 0;
	uint32_t	 cp;

	if (p == NULL || utf8 == NULL || (unsigned)f >= FONT__N || size <= 0)
		return 0;
	n = strlen(utf8);
	if ((c = malloc((n + 1) * sizeof(*c))) == NULL) {	/* read below nc only */
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return 0;
	}
	while (i < n) {
		len = next_cp(utf8 + i, n - i, &cp, &bad);
		if (cp != 0) {
			if (cp == '\r')
				cp = '\n';
			c[nc].cp = cp;
			c[nc].w = cp == '\n' ? 0 : width_of(p, f, cp);
			c[nc].off = i;
			c[nc].len = len;
			nc++;
			/* shape_needed's test, made on the way */
			if (cp >= 0x80 && !bad && face_for(p, f, cp) == -1)
				shaped = 1;
		}
		i += len;
	}
	if (shaped && wrap_shaped(p, f, utf8, n, c, nc) == -1) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		free(c);
		return 0;
	}
	/* tolerance for a width that came from pdf_measure (float) */
	lim = (long)floor((double)width * 1000.0 / size + 0.01);
	hyw = cp_width(p, f, '-');
	start = 0;
	while (start < nc) {
		/* skip leading spaces of a line */
		while (start < nc && c[start].cp == ' ')
			start++;
		if (start == nc)
			break;
		w = 0;
		brk = -1;	/* the line may end before index brk */
		for (k = start; k < nc; k++) {
			if (c[k].cp == '\n')
				break;
			if (c[k].cp != ' ' && w + c[k].w > lim)
				break;
			w += c[k].w;
			if (c[k].cp == ' ')
				brk = k;
			else if (c[k].cp < 0x80 ? c[k].cp == '-' ||
			    c[k].cp == '/' : c[k].cp == 0x2013 ||
			    c[k].cp == 0x2014 || (c[k].cp >= 0x2E80 &&
			    shape_cjk_break(c[k].cp, k + 1 < nc ?
			    c[k + 1].cp : 0)))
				brk = k + 1;
		}
		if (k == nc || c[k].cp == '\n') {
			emit_line(p, utf8, c, start, k, 0, /*spaced*/ k < nc,
			    &buf, &cap, nl++, line, ctx);
			start = k + 1;
			continue;
		}
		if (brk > start) {
			emit_line(p, utf8, c, start, brk, 0,
			    /*spaced*/ c[brk].cp == ' ', &buf, &cap, nl++,
			    line, ctx);
			start = brk;
			continue;
		}
		/* One word wider than the line: cut it, with a hyphen
		 * where one fits; at least one character per line. */
		w = 0;
		for (k = start; k < nc && w + c[k].w + hyw <= lim; k++)
			w += c[k].w;
		if (k > start) {
			emit_line(p, utf8, c, start, k, 1, 0, &buf, &cap,
			    nl++, line, ctx);
			start = k;
		} else {
			emit_line(p, utf8, c, start, start + 1, 0, 0, &buf,
			    &cap, nl++, line, ctx);
			start++;
		}
	}
	free(buf);
	free(c);
	return nl;
}

struct wrap_cb {
	void	(*line)(void *, const char *, int);
	void	*ctx;
};

static void
wrap_cb_line(void *ctx, const char *text, size_t len, int spaced, int n)
{
	struct wrap_cb	*cb = ctx;

	(void)len;
	(void)spaced;
	if (cb->line != NULL)
		cb->line(cb->ctx, text, n);
}

/* See pdf.h: line() gets each line without the space it broke at. */
int
pdf_wrap(struct pdf *p, enum font f, float size, float width,
    const char *utf8, void (*line)(void *ctx, const char *text, int n),
    void *ctx)
{
	struct wrap_cb	 cb;

	cb.line = line;
	cb.ctx = ctx;
	return wrap_lines(p, f, size, width, utf8, wrap_cb_line, &cb);
}

/* The baseline of a line box of height leading whose top is at y: the
 * cap height (0.73 em in DejaVu Sans) centred in the box. */
static float
baseline(float y, float size, float leading)
{
	return y + (leading + 0.73f * size) / 2;
}

struct para {
	struct pdf	*p;
	float		 x, width, size, leading;
	int		 rtl;		/* right to left: lines flush right */
	enum font	 f;
	struct rgb	 c;
	int		 n;
};

static void
para_line(void *ctx, const char *text, size_t len, int spaced, int n)
{
	struct para	*a = ctx;

	pdf_need(a->p, a->leading);
	draw_text(a->p, a->rtl ? a->x + a->width : a->x, baseline(a->p->y,
	    a->size, a->leading), a->f, a->size, a->c, a->rtl ? ALIGN_RIGHT :
	    ALIGN_LEFT, text, len, spaced, /*glue*/ n > 0);
	a->p->y += a->leading;
	a->n++;
}

int
pdf_paragraph(struct pdf *p, float x, float width, enum font f, float size,
    float leading, struct rgb c, const char *utf8)
{
	struct para	 a;
	int		 tagged;

	if (!LIVE(p))
		return 0;
	tagged = tag_auto_begin(p);
	a.p = p;
	a.x = x;
	a.width = width;
	a.rtl = utf8 != NULL && !ascii_only(utf8, strlen(utf8)) &&
	    shape_needed(p, f, utf8, strlen(utf8)) &&
	    shape_rtl(utf8, strlen(utf8));
	a.size = size;
	a.leading = leading;
	a.f = f;
	a.c = c;
	a.n = 0;
	wrap_lines(p, f, size, width, utf8, para_line, &a);
	if (tagged)
		pdf_tag_end(p);
	return a.n;
}

struct box {
	struct pdf	*p;
	float		 x, y, width, size, leading;
	enum font	 f;
	struct rgb	 c;
	int		 max, n, cut;
	const char	*src;
};

/* Draws the last allowed line with an ellipsis, shortened until it
 * fits. */
static void
box_last(struct box *b, const char *text)
{
	char	*s;
	size_t	 len;

	len = strlen(text);
	if ((s = malloc(len + 4)) == NULL) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, b->p);
		return;
	}
	memcpy(s, text, len + 1);
	for (;;) {
		while (len > 0 && s[len - 1] == ' ')
			len--;
		memcpy(s + len, "\xe2\x80\xa6", 4);
		if (len == 0 || pdf_measure(b->p, b->f, b->size, s) <=
		    b->width)
			break;
		/* drop one whole UTF-8 character */
		do
			len--;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
	}
	draw_text(b->p, b->x, baseline(b->y + b->leading * b->n, b->size,
	    b->leading), b->f, b->size, b->c, ALIGN_LEFT, s, strlen(s),
	    /*spaced*/ 0, /*glue*/ b->n > 0);
	free(s);
}

static void
box_line(void *ctx, const char *text, size_t len, int spaced, int n)
{
	struct box	*b = ctx;

	if (b->n >= b->max) {
		b->cut = 1;
		return;
	}
	if (b->n == b->max - 1) {
		/* kept until we know whether more lines follow */
		free((void *)b->src);
		if ((b->src = strdup(text)) == NULL)
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, b->p);
		b->n++;
		return;
	}
	draw_text(b->p, b->x, baseline(b->y + b->leading * b->n, b->size,
	    b->leading), b->f, b->size, b->c, ALIGN_LEFT, text, len, spaced,
	    /*glue*/ n > 0);
	b->n++;
}

float
pdf_text_box(struct pdf *p, float x, float y, float width, enum font f,
    float size, float leading, struct rgb c, int max_lines,
    const char *utf8)
{
	struct box	 b;
	int		 tagged;

	if (!LIVE(p) || max_lines < 1)
		return 0;
	tagged = tag_auto_begin(p);
	memset(&b, 0, sizeof(b));
	b.p = p;
	b.x = x;
	b.y = y;
	b.width = width;
	b.size = size;
	b.leading = leading;
	b.f = f;
	b.c = c;
	b.max = max_lines;
	wrap_lines(p, f, size, width, utf8, box_line, &b);
	if (b.src != NULL) {
		b.n--;
		if (b.cut)
			box_last(&b, b.src);
		else
			draw_text(p, x, baseline(y + leading * b.n, size,
			    leading), f, size, c, ALIGN_LEFT, b.src,
			    strlen(b.src), /*spaced*/ 0, /*glue*/ b.n > 0);
		b.n++;
		free((void *)b.src);
	}
	if (tagged)
		pdf_tag_end(p);
	return leading * b.n;
}
