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

/*
 * Most texts are short (some 90 bytes on average, 4,000 a report): their
 * characters and lines live on the stack, and the heap is used only for
 * longer ones (a malloc and free per text and a realloc per line were a
 * sixth of wrap_lines' cost).
 */
#define WRAP_SMALL	320	/* characters in wrap_lines' own array */

/* The buffer a line is copied into: its own bytes, or b malloc'd. */
struct linebuf {
	char	*b;
	size_t	 cap;
	char	 small[256];
};

/* Hands line n, s[0..len) and a hyphen when asked, to line(). */
static void
emit_bytes(struct pdf *p, const char *s, size_t len, int hyphen,
    int spaced, struct linebuf *lb, int n, wrap_fn *line, void *ctx)
{
	size_t	 need = len + 2;
	char	*nb;

	if (need > lb->cap) {
		if ((nb = malloc(need)) == NULL) {
			/* a line left out would be a different report */
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return;
		}
		if (lb->b != lb->small)
			free(lb->b);
		lb->b = nb;
		lb->cap = need;
	}
	if (len > 0)
		memcpy(lb->b, s, len);
	if (hyphen)
		lb->b[len++] = '-';
	lb->b[len] = '\0';
	line(ctx, lb->b, len, spaced, n);
}

/* Characters from..to of c as a line, without its trailing spaces. */
static void
emit_line(struct pdf *p, const char *src, const struct wch *c, int from,
    int to, int hyphen, int spaced, struct linebuf *lb, int n,
    wrap_fn *line, void *ctx)
{
	size_t	 len = 0;

	/* drop trailing spaces */
	while (to > from && (c[to - 1].cp == ' ' || c[to - 1].cp == '\n'))
		to--;
	if (to > from)
		len = c[to - 1].off + c[to - 1].len - c[from].off;
	emit_bytes(p, src + (to > from ? c[from].off : 0), len, hyphen,
	    spaced, lb, n, line, ctx);
}

/* Every byte of s[0..n) is printable ASCII (0x20 to 0x7E), tested
 * eight at a time: a byte below 0x20 borrows into its high bit when
 * 0x20 is taken from it, one above 0x7E carries into it when 1 is
 * added (Bit Twiddling Hacks' hasless and hasmore; a carry or borrow
 * crossing into the next byte comes only from a byte that failed). */
static int
printable_ascii(const char *s, size_t n)
{
	const uint64_t	 ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t	 x, bad = 0;
	size_t		 i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		bad |= ((x - ones * 0x20) & ~x) | (x + ones) | x;
	}
	if ((bad & highs) != 0)
		return 0;
	for (; i < n; i++)
		if ((unsigned char)s[i] - 0x20u >= 0x5Fu)
			return 0;
	return 1;
}

/*
 * wrap_lines for a text of printable ASCII only, most of a report's: the
 * same lines, the same breaks (see wrap_lines: the two loops are one
 * algorithm and change together), read from the bytes themselves, each
 * width from the ASCII table; no array of characters is made, which was
 * two thirds of wrap_lines' cost.  There is no '\n' in such a text.
 */
static int
wrap_ascii(struct pdf *p, const int16_t *aw, long lim, int hyw,
    const char *s, size_t n, wrap_fn *line, void *ctx)
{
	struct linebuf	 lb;
	size_t		 start = 0, brk, k, to;
	unsigned char	 b;
	long		 w;
	int		 nl = 0;

	lb.b = lb.small;
	lb.cap = sizeof(lb.small);
	while (start < n) {
		/* skip leading spaces of a line */
		while (start < n && s[start] == ' ')
			start++;
		if (start == n)
			break;
		w = 0;
		brk = start;	/* none: the line may end before brk */
		for (k = start; k < n; k++) {
			b = (unsigned char)s[k];
			if (b != ' ' && w + aw[b] > lim)
				break;
			w += aw[b];
			if (b == ' ')
				brk = k;
			else if (b == '-' || b == '/')
				brk = k + 1;
		}
		if (k == n)
			to = k;
		else if (brk > start)
			to = brk;
		else {
			/* One word wider than the line: cut it, with a
			 * hyphen where one fits; at least one character
			 * per line. */
			w = 0;
			for (k = start; k < n && w + aw[(unsigned char)s[k]] +
			    hyw <= lim; k++)
				w += aw[(unsigned char)s[k]];
			if (k > start)
				emit_bytes(p, s + start, k - start, 1, 0, &lb,
				    nl++, line, ctx);
			else
				emit_bytes(p, s + start, 1, 0, 0, &lb, nl++,
				    line, ctx);
			start = k > start ? k : start + 1;
			continue;
		}
		/* spaced: broke at a space (never so at the text's end) */
		k = to;
		while (to > start && s[to - 1] == ' ')
			to--;
		emit_bytes(p, s + start, to - start, 0, k < n && s[k] == ' ',
		    &lb, nl++, line, ctx);
		start = k == n ? n : k;
	}
	if (lb.b != lb.small)
		free(lb.b);
	return nl;
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
 * the glyph widths, compared against width exactly.  Text of printable
 * ASCII takes wrap_ascii, the same algorithm over the bytes. */
static int
wrap_lines(struct pdf *p, enum font f, float size, float width,
    const char *utf8, wrap_fn *line, void *ctx)
{
	struct wch	 small[WRAP_SMALL], *c = small;
	struct linebuf	 lb;
	size_t		 n, i = 0;
	long		 lim, w;
	int		 nc = 0, start, brk, k, nl = 0, bad, hyw, len;
	int		 shaped = 0;
	uint32_t	 cp;

	if (p == NULL || utf8 == NULL || (unsigned)f >= FONT__N || size <= 0)
		return 0;
	n = strlen(utf8);
	/* tolerance for a width that came from pdf_measure (float) */
	lim = (long)floor((double)width * 1000.0 / size + 0.01);
	hyw = cp_width(p, f, '-');
	if (printable_ascii(utf8, n))
		return wrap_ascii(p, p->asc_w[f], lim, hyw, utf8, n, line,
		    ctx);
	i = 0;
	if (n + 1 > WRAP_SMALL &&	/* read below nc only */
	    (c = malloc((n + 1) * sizeof(*c))) == NULL) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return 0;
	}
	lb.b = lb.small;
	lb.cap = sizeof(lb.small);
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
		if (c != small)
			free(c);
		return 0;
	}
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
			    &lb, nl++, line, ctx);
			start = k + 1;
			continue;
		}
		if (brk > start) {
			emit_line(p, utf8, c, start, brk, 0,
			    /*spaced*/ c[brk].cp == ' ', &lb, nl++,
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
			emit_line(p, utf8, c, start, k, 1, 0, &lb,
			    nl++, line, ctx);
			start = k;
		} else {
			emit_line(p, utf8, c, start, start + 1, 0, 0, &lb,
			    nl++, line, ctx);
			start++;
		}
	}
	if (lb.b != lb.small)
		free(lb.b);
	if (c != small)
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
