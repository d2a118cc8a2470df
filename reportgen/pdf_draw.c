/*
 * pdf_draw.c: the content-stream writer and what it draws: numbers and
 * operators gathered in a buffer and appended to the page's content
 * stream, the graphics state cache (colours, line width, dash, font),
 * shapes (rectangles, lines, polygons, circles, arcs), images and links.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "pdf_private.h"

/* ------------------------------------------------------------ operators */

/*
 * Content operators are written straight into the page's content stream
 * instead of through HPDF_Page_SetRGBFill(), _LineTo(), _ShowText() and
 * the like: each of those clears a 512-byte buffer a byte at a time and
 * prints every number with five decimals, which was a quarter of the
 * instructions of a report (docs/performance.md).  Numbers are written
 * with at most two decimals (1/7200 inch) for lengths and three for
 * colour components, which also makes the streams a fifth smaller.
 * libharu's graphics mode is never changed by these writes (it stays in
 * "page description"), so its own calls that remain (q/Q, gs, arcs,
 * images, dashes) still accept the page.  struct ops is in
 * pdf_private.h.
 */

/* v rounded to 1/scale (scale 100: a length; 1000: a colour
 * component; no other), without trailing zeros or a leading one (".42"), and a
 * space.  Always inlined with
 * a constant scale, so the divisions are multiplications: a report
 * writes some 12,000 numbers (docs/performance.md). */
static inline void
ops_num(struct ops *o, float v, const long scale)
{
	char	*b, tmp[24];
	long	 n, ip, fp, d;
	float	 x, r;
	int	 i = 0;

	if (o->n + 24 >= sizeof(o->b))
		return;
	b = o->b + o->n;
	x = v * (float)scale;
	if (fabsf(x) < 1e9f) {
		/* lroundf without the call: the part cut off by the
		 * truncation is exact, so halves go away from zero */
		n = (long)x;
		r = x - (float)n;
		if (r >= 0.5f)
			n++;
		else if (r <= -0.5f)
			n--;
	} else
		n = lroundf(x);
	if (n < 0) {
		*b++ = '-';
		n = -n;
	}
	ip = n / scale;
	fp = n % scale;
	if (ip == 0 && fp != 0)
		;	/* ".5", "-.25": PDF numbers need no leading zero */
	else if (ip < 10)
		*b++ = (char)('0' + ip);
	else if (ip < 100) {
		*b++ = (char)('0' + ip / 10);
		*b++ = (char)('0' + ip % 10);
	} else if (ip < 1000) {
		*b++ = (char)('0' + ip / 100);
		*b++ = (char)('0' + ip / 10 % 10);
		*b++ = (char)('0' + ip % 10);
	} else {
		do {
			tmp[i++] = (char)('0' + ip % 10);
			ip /= 10;
		} while (ip > 0);
		while (i > 0)
			*b++ = tmp[--i];
	}
	if (fp != 0) {
		/* the digits of fp, the last ones only when not zero:
		 * all written, then the trailing zeros stepped back over
		 * (a loop of divisions was a third of the cost) */
		b[0] = '.';
		if (scale == 100) {
			b[1] = (char)('0' + fp / 10);
			b[2] = (char)('0' + fp % 10);
			b += fp % 10 != 0 ? 3 : 2;
		} else {
			d = fp / 10;
			b[1] = (char)('0' + fp / 100);
			b[2] = (char)('0' + d % 10);
			b[3] = (char)('0' + fp % 10);
			b += fp % 10 != 0 ? 4 : d % 10 != 0 ? 3 : 2;
		}
	}
	*b++ = ' ';
	o->n = (size_t)(b - o->b);
}

/* A length or coordinate (0.01 pt). */
void
ops_len(struct ops *o, float v)
{
	ops_num(o, v, 100);
}

/* x y, with y flipped to PDF's bottom-up space. */
static void
ops_xy(struct ops *o, const struct pdf *p, float x, float y)
{
	ops_len(o, x);
	ops_len(o, p->h - y);
}

/* A point already in PDF space and its operator (m, l). */
static void
ops_pt(struct ops *o, float x, float y, const char *op)
{
	ops_len(o, x);
	ops_len(o, y);
	ops_op(o, op);
}

/* A Bezier curve in PDF space. */
static void
ops_curve(struct ops *o, float x1, float y1, float x2, float y2, float x3,
    float y3)
{
	ops_len(o, x1);
	ops_len(o, y1);
	ops_len(o, x2);
	ops_len(o, y2);
	ops_len(o, x3);
	ops_len(o, y3);
	ops_op(o, "c");
}

/* The colour's three components and op.  A report's colours are its
 * theme's few, each set some hundred times: their components are
 * formatted once and kept per process (p->rgbt, the last RGBT_KEEP),
 * then copied. */
static void
ops_rgb(struct pdf *p, struct ops *o, struct rgb c, const char *op)
{
	struct rgbtext	*t;
	size_t		 at;
	int		 i;

	/* as ops_num, which writes nothing without room for 24 bytes:
	 * with less, no copy and nothing kept */
	if (o->n + 3 * 24 >= sizeof(o->b)) {
		ops_num(o, c.r, 1000);
		ops_num(o, c.g, 1000);
		ops_num(o, c.b, 1000);
		ops_op(o, op);
		return;
	}
	for (i = 0; i < p->nrgbt; i++) {
		t = &p->rgbt[i];
		if (t->c.r == c.r && t->c.g == c.g && t->c.b == c.b) {
			memcpy(o->b + o->n, t->s, t->n);
			o->n += t->n;
			ops_op(o, op);
			return;
		}
	}
	at = o->n;
	ops_num(o, c.r, 1000);
	ops_num(o, c.g, 1000);
	ops_num(o, c.b, 1000);
	if (o->n - at <= sizeof(t->s)) {
		if (p->nrgbt < RGBT_KEEP)
			i = p->nrgbt++;
		else {
			i = p->rgbt_next;
			p->rgbt_next = (p->rgbt_next + 1) % RGBT_KEEP;
		}
		t = &p->rgbt[i];
		t->c = c;
		t->n = (uint8_t)(o->n - at);
		memcpy(t->s, o->b + at, t->n);
	}
	ops_op(o, op);
}

/* Appends the buffer to the current page's content stream. */
void
ops_flush(struct pdf *p, struct ops *o)
{
	if (o->n > 0 && PAGE(p) &&
	    haru_page_write(p->page, o->b, o->n) != HPDF_OK)
		pdf_lib_failed(p);
	o->n = 0;
}

/* ------------------------------------------------------------ state */
/* "/Fn size Tf" when font or size changed (the font joins the page's
 * resources on first use). */
void
set_font(struct pdf *p, struct ops *o, HPDF_Font font, float size)
{
	const char	*name = NULL;
	size_t		 l;
	int		 i;

	if (font == p->cur_font && size == p->cur_size)
		return;
	/* the page's name of the font: libharu's lookup (200
	 * instructions) once per page and font */
	for (i = 0; i < p->nfname; i++)
		if (p->fname_font[i] == font) {
			name = p->fname[i];
			break;
		}
	if (name == NULL) {
		if ((name = haru_local_font_name(p->page, font)) == NULL) {
			pdf_lib_failed(p);
			return;
		}
		if (p->nfname < FNAME_KEEP) {
			p->fname_font[p->nfname] = font;
			p->fname[p->nfname++] = name;
		}
	}
	l = strlen(name);
	if (o->n + l + 2 >= sizeof(o->b))
		return;
	o->b[o->n++] = '/';
	memcpy(o->b + o->n, name, l);
	o->n += l;
	o->b[o->n++] = ' ';
	ops_len(o, size);
	ops_op(o, "Tf");
	p->cur_font = font;
	p->cur_size = size;
}

void
set_fill(struct pdf *p, struct ops *o, struct rgb c)
{
	if (p->have_fill && c.r == p->fill.r && c.g == p->fill.g &&
	    c.b == p->fill.b)
		return;
	ops_rgb(p, o, c, "rg");
	p->fill = c;
	p->have_fill = 1;
}

/* The stroke colour, width, dash and line cap (round: 1, for dots),
 * each written only when it differs from what is set. */
static void
stroke_state(struct pdf *p, struct ops *o, struct rgb c, float lw,
    int dashed, int round)
{
	if (p->round_cap != round) {
		ops_op(o, round ? "1 J" : "0 J");
		p->round_cap = round;
	}
	if (!p->have_stroke || c.r != p->stroke.r || c.g != p->stroke.g ||
	    c.b != p->stroke.b) {
		ops_rgb(p, o, c, "RG");
		p->stroke = c;
		p->have_stroke = 1;
	}
	if (!p->have_lw || lw != p->lw) {
		ops_len(o, lw);
		ops_op(o, "w");
		p->lw = lw;
		p->have_lw = 1;
	}
	if (dashed != p->dashed) {
		ops_op(o, dashed ? "[3 2] 0 d" : "[] 0 d");
		p->dashed = dashed;
	}
}

static void
set_stroke(struct pdf *p, struct ops *o, struct rgb c, float lw, int dashed)
{
	stroke_state(p, o, c, lw, dashed, /*round*/ 0);
}

/* A new page or a switch of page: libharu's graphics state there is the
 * page's own, so forget what we last set. */
void
invalidate_state(struct pdf *p)
{
	p->cur_font = NULL;
	p->cur_size = 0;
	p->nfname = 0;		/* font names are the page's */
	p->have_fill = p->have_stroke = p->have_lw = 0;
	p->dashed = 0;		/* a dash never outlives its line */
	/* not known (a page switched to ends as it ended): written
	 * before the next stroke; pdf_add_page knows a new page's */
	p->round_cap = -1;
}

/* ------------------------------------------------------------ shapes */

/* Fills and/or strokes the current path. */
static void
paint(struct pdf *p, struct ops *o, const struct rgb *fill,
    const struct rgb *stroke, float lw)
{
	if (fill != NULL)
		set_fill(p, o, *fill);
	if (stroke != NULL)
		set_stroke(p, o, *stroke, lw, 0);
	if (fill != NULL && stroke != NULL)
		ops_op(o, "B");
	else if (fill != NULL)
		ops_op(o, "f");
	else if (stroke != NULL)
		ops_op(o, "S");
	else
		ops_op(o, "n");
	ops_flush(p, o);
}

void
pdf_rect(struct pdf *p, float x, float y, float w, float h,
    const struct rgb *fill, const struct rgb *stroke, float line_w)
{
	struct ops	 o;

	if (!PAGE(p) || (fill == NULL && stroke == NULL))
		return;
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	if (stroke != NULL)
		set_stroke(p, &o, *stroke, line_w, 0);
	if (fill != NULL)
		set_fill(p, &o, *fill);
	ops_len(&o, x);
	ops_len(&o, p->h - y - h);
	ops_len(&o, w);
	ops_len(&o, h);
	ops_op(&o, "re");
	paint(p, &o, fill, stroke, line_w);
}

void
pdf_round_rect(struct pdf *p, float x, float y, float w, float h,
    float r, const struct rgb *fill)
{
	const float	 k = 0.5523f;	/* Bezier quarter circle */
	struct ops	 o;
	float		 x0, y0, x1, y1;

	if (!PAGE(p) || fill == NULL)
		return;
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (r <= 0) {
		pdf_rect(p, x, y, w, h, fill, NULL, 0);
		return;
	}
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	set_fill(p, &o, *fill);
	/* in PDF space: y0 bottom, y1 top */
	x0 = x;
	x1 = x + w;
	y0 = p->h - y - h;
	y1 = p->h - y;
	ops_pt(&o, x0 + r, y0, "m");
	ops_pt(&o, x1 - r, y0, "l");
	ops_curve(&o, x1 - r + k * r, y0, x1, y0 + r - k * r, x1, y0 + r);
	ops_pt(&o, x1, y1 - r, "l");
	ops_curve(&o, x1, y1 - r + k * r, x1 - r + k * r, y1, x1 - r, y1);
	ops_pt(&o, x0 + r, y1, "l");
	ops_curve(&o, x0 + r - k * r, y1, x0, y1 - r + k * r, x0, y1 - r);
	ops_pt(&o, x0, y0 + r, "l");
	ops_curve(&o, x0, y0 + r - k * r, x0 + r - k * r, y0, x0 + r, y0);
	ops_op(&o, "h");
	ops_op(&o, "f");
	ops_flush(p, &o);
}

static void
line_common(struct pdf *p, float x0, float y0, float x1, float y1,
    struct rgb c, float lw, int dashed)
{
	struct ops	 o;

	if (!PAGE(p))
		return;
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	set_stroke(p, &o, c, lw, dashed);
	ops_xy(&o, p, x0, y0);
	ops_op(&o, "m");
	ops_xy(&o, p, x1, y1);
	ops_op(&o, "l");
	ops_op(&o, "S");
	/* The dash is turned off again at once (one dashed line a
	 * report): a page switched back to (pdf_goto_page) then never
	 * ends dashed, and invalidate_state may take it as off. */
	if (dashed)
		set_stroke(p, &o, c, lw, 0);
	ops_flush(p, &o);
}

void
pdf_line(struct pdf *p, float x0, float y0, float x1, float y1,
    struct rgb c, float lw)
{
	line_common(p, x0, y0, x1, y1, c, lw, 0);
}

void
pdf_dashed_line(struct pdf *p, float x0, float y0, float x1, float y1,
    struct rgb c, float lw)
{
	line_common(p, x0, y0, x1, y1, c, lw, 1);
}

/* The ExtGState for a fill alpha, one per value per document. */
static HPDF_ExtGState
alpha_state(struct pdf *p, float a)
{
	HPDF_ExtGState	 gs;
	int		 i;

	for (i = 0; i < p->nalpha; i++)
		if (p->alpha_v[i] == a)
			return p->alpha[i];
	if ((gs = HPDF_CreateExtGState(p->doc)) == NULL)
		return NULL;
	HPDF_ExtGState_SetAlphaFill(gs, a);
	if (p->nalpha < NALPHA) {
		p->alpha[p->nalpha] = gs;
		p->alpha_v[p->nalpha++] = a;
	}
	return gs;
}

void
pdf_polygon(struct pdf *p, const float *xs, const float *ys, int n,
    const struct rgb *fill, float fill_alpha, const struct rgb *stroke,
    float lw)
{
	HPDF_ExtGState	 gs;
	struct ops	 o;
	int		 i;

	if (!PAGE(p) || n < 2 || (fill == NULL && stroke == NULL))
		return;
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	ops_flush(p, &o);
	if (fill != NULL && fill_alpha < 1) {
		/* The translucent fill in its own saved state, so the
		 * cached colours stay true after the restore. */
		if (fill_alpha < 0)
			fill_alpha = 0;
		fill_alpha = roundf(fill_alpha * 100) / 100;
		if ((gs = alpha_state(p, fill_alpha)) == NULL)
			return;
		HPDF_Page_GSave(p->page);
		HPDF_Page_SetExtGState(p->page, gs);
		ops_rgb(p, &o, *fill, "rg");
		for (i = 0; i < n; i++) {
			ops_xy(&o, p, xs[i], ys[i]);
			ops_op(&o, i == 0 ? "m" : "l");
		}
		ops_op(&o, "h");
		ops_op(&o, "f");
		ops_flush(p, &o);
		HPDF_Page_GRestore(p->page);
		fill = NULL;
		if (stroke == NULL)
			return;
	}
	if (stroke != NULL)
		set_stroke(p, &o, *stroke, lw, 0);
	if (fill != NULL)
		set_fill(p, &o, *fill);
	for (i = 0; i < n; i++) {
		if (o.n > sizeof(o.b) - 64)
			ops_flush(p, &o);
		ops_xy(&o, p, xs[i], ys[i]);
		ops_op(&o, i == 0 ? "m" : "l");
	}
	ops_op(&o, "h");
	paint(p, &o, fill, stroke, lw);
}

/* A disc of diameter d at (x, y) in PDF space: a zero-length line with
 * round caps, colour and width through the state cache, so a run of
 * bullets of one colour is "x y m x y l S" each. */
static void
dot(struct pdf *p, struct ops *o, float x, float y, float d, struct rgb c)
{
	stroke_state(p, o, c, d, /*dashed*/ 0, /*round*/ 1);
	ops_pt(o, x, y, "m");
	ops_pt(o, x, y, "l");
	ops_op(o, "S");
}

void
pdf_circle(struct pdf *p, float cx, float cy, float r,
    const struct rgb *fill, const struct rgb *stroke, float lw)
{
	const float	 k = 0.5523f * r;	/* Bezier quarter circle */
	struct ops	 o;
	float		 y;

	if (!PAGE(p) || r <= 0 || (fill == NULL && stroke == NULL))
		return;
	y = p->h - cy;
	if (fill != NULL) {
		/* A filled disc is a zero-length line with round caps as
		 * wide as the disc (PDF 1.7, 8.5.3.2): a fifth of the bytes
		 * of four Bezier curves; there are a hundred and more pips
		 * and markers per report.  With an outline, the outline's
		 * colour is the larger disc under the fill's.  The round
		 * cap is cached state like the colour: set once for a run
		 * of dots instead of a q/Q around each (30 bytes), and "0
		 * J" again before the next line (set_stroke). */
		o.n = 0;
		mc_begin(p, &o, /*text*/ 0);
		if (stroke != NULL) {
			dot(p, &o, cx, y, 2 * r + lw, *stroke);
			if (2 * r - lw > 0)
				dot(p, &o, cx, y, 2 * r - lw, *fill);
		} else
			dot(p, &o, cx, y, 2 * r, *fill);
		ops_flush(p, &o);
		return;
	}
	/* from the left, clockwise in PDF space, as HPDF_Page_Circle */
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	set_stroke(p, &o, *stroke, lw, 0);
	ops_pt(&o, cx - r, y, "m");
	ops_curve(&o, cx - r, y + k, cx - k, y + r, cx, y + r);
	ops_curve(&o, cx + k, y + r, cx + r, y + k, cx + r, y);
	ops_curve(&o, cx + r, y - k, cx + k, y - r, cx, y - r);
	ops_curve(&o, cx - k, y - r, cx - r, y - k, cx - r, y);
	paint(p, &o, fill, stroke, lw);
}

void
pdf_arc(struct pdf *p, float cx, float cy, float r, float a0, float a1,
    struct rgb c, float lw)
{
	struct ops	 o;
	float		 t;

	if (!PAGE(p) || r <= 0 || a0 == a1)
		return;
	if (a1 < a0) {
		t = a0;
		a0 = a1;
		a1 = t;
	}
	if (a1 - a0 > 360)
		a1 = a0 + 360;
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	set_stroke(p, &o, c, lw, 0);
	ops_flush(p, &o);
	/* libharu measures arcs from the top, clockwise, as we do. */
	HPDF_Page_Arc(p->page, cx, p->h - cy, r, a0, a1);
	HPDF_Page_Stroke(p->page);
}

/* A URI link annotation with the relative path as the URI (libharu 2.3
 * has no GoToR or Launch action); viewers resolve it against the
 * document's own location.  No border. */
void
pdf_link_file(struct pdf *p, float x, float y, float w, float h,
    const char *relpath, const char *contents)
{
	HPDF_Rect	 rc;
	HPDF_Annotation	 an;

	if (!PAGE(p) || relpath == NULL || *relpath == '\0')
		return;
	rc.left = x;
	rc.right = x + w;
	rc.top = p->h - y;
	rc.bottom = p->h - y - h;
	if ((an = HPDF_Page_CreateURILinkAnnot(p->page, rc, relpath)) == NULL)
		return;
	HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
	tag_link(p, an, contents);
}

/* An image (a logo) in the box x, y, w, h.  The image is embedded once
 * per document: later calls with the same struct image reuse the XObject
 * on every page.  0, or -1 when libharu refused it (recorded as the
 * document's error). */
int
pdf_image(struct pdf *p, const struct image *im, float x, float y, float w,
    float h)
{
	HPDF_Image	 hi;
	struct ops	 o;

	if (!PAGE(p) || im == NULL || im->data == NULL || w <= 0 || h <= 0)
		return -1;
	if (p->img_src != im || p->img == NULL) {
		if (im->kind == IMAGE_RGB)
			hi = HPDF_LoadRawImageFromMem(p->doc, im->data,
			    im->width, im->height, HPDF_CS_DEVICE_RGB, 8);
		else
			hi = HPDF_LoadJpegImageFromMem(p->doc, im->data,
			    (HPDF_UINT)im->len);
		if (hi == NULL)
			return -1;
		p->img_src = im;
		p->img = hi;
	}
	o.n = 0;
	mc_begin(p, &o, /*text*/ 0);
	ops_flush(p, &o);
	HPDF_Page_DrawImage(p->page, p->img, x, p->h - y - h, w, h);
	invalidate_state(p);
	return p->failed ? -1 : 0;
}
