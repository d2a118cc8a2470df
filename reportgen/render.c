/*
 * render.c: assessment -> PDF.  Owns the section table (the report's
 * order), the running header and footer drawn once every page exists, and
 * the small layout helpers the sections share (sections.h).  Draws only
 * through pdf.h; <hpdf.h> stays in the pdf*.c rooms.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brand.h"
#include "fmt.h"
#include "pdf.h"
#include "report.h"
#include "sections.h"
#include "theme.h"

#ifndef RG_VERSION
#define RG_VERSION "dev"
#endif

#define ELLIPSIS	"\xe2\x80\xa6"

/* The report, in order.  Adding a section is one sect_*.c file and one
 * line here. */
static const struct section sections[] = {
	{ "Summary",              sect_summary, 1, NULL },
	{ "Progress",             sect_progress, 1, sect_progress_wanted },
	{ "Skills profile",       sect_skills,  1, NULL },
	{ "The two roles",        sect_roles,   1, NULL },
	{ "Compensation",         sect_comp,    1, NULL },
	{ "Market outlook",       sect_outlook, 0, NULL },
	{ "Transition plan",      sect_plan,    1, NULL },
	{ "How this was scored",  sect_method,  0, NULL },
};

struct renderer {
	struct pdf	*pdf;
	double		 serialise;	/* seconds, last pdf_end */
};

static double
mono(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
render_last_serialise(const struct renderer *r)
{
	return r->serialise;
}

struct renderer *
renderer_new(const char *datadir, struct diag *d)
{
	struct renderer	*r;
	char		 fontdir[4096];
	int		 n;

	n = snprintf(fontdir, sizeof(fontdir), "%s/fonts", datadir);
	if (n < 0 || (size_t)n >= sizeof(fontdir)) {
		diag(d, SEV_FATAL, datadir, 0, "data directory path too long");
		return NULL;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		return NULL;
	}
	if ((r->pdf = pdf_new(fontdir, d)) == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

void
renderer_free(struct renderer *r)
{
	if (r == NULL)
		return;
	pdf_free(r->pdf);
	free(r);
}

/* The running header (from page 2; page 1 carries its own cover band)
 * and the footer on every page, drawn in the margins once the page count
 * is known. */
static void
decorate(struct rctx *c)
{
	struct pdf	*pdf = c->pdf;
	char		 buf[256], page[64];
	float		 top, bot, half, right, lw;
	int		 i, n;

	n = pdf_page_count(pdf);
	top = pdf_top(pdf);
	bot = pdf_bottom(pdf);
	half = c->w / 2 - 12;
	pdf_artifact_begin(pdf);
	for (i = 1; i <= n; i++) {
		pdf_goto_page(pdf, i);
		if (i > 1) {
			rc_text(c, c->x0, top - 16, half, FONT_BOLD, SZ_SMALL,
			    C_MUTED, ALIGN_LEFT, c->p->name);
			right = c->x1;
			if (c->brand != NULL && c->brand->logo_path != NULL) {
				/* a small logo at the right end */
				lw = 14.0f * c->brand->logo.width /
				    c->brand->logo.height;
				if (lw > 42)
					lw = 42;
				pdf_image(pdf, &c->brand->logo, c->x1 - lw,
				    top - 28, lw, 14);
				right = c->x1 - lw - 6;
			}
			if (c->brand != NULL)
				snprintf(buf, sizeof(buf), "%s  \xc2\xb7  "
				    "Career report", c->brand->org);
			else
				snprintf(buf, sizeof(buf), "Career report");
			rc_text(c, right, top - 16, half - (c->x1 - right),
			    FONT_REGULAR, SZ_SMALL, C_FAINT, ALIGN_RIGHT, buf);
			pdf_line(pdf, c->x0, top - 10, c->x1, top - 10,
			    C_RULE, 0.6f);
		}
		pdf_line(pdf, c->x0, bot + 10, c->x1, bot + 10, C_RULE, 0.6f);
		snprintf(page, sizeof(page), "Page %d of %d", i, n);
		pdf_text(pdf, c->x1, bot + 22, FONT_REGULAR, SZ_TINY, C_MUTED,
		    ALIGN_RIGHT, page);
		/* profile id centred, confidentiality line left */
		rc_text(c, c->x0 + c->w / 2 + 40, bot + 22, 120, FONT_REGULAR,
		    SZ_TINY, C_FAINT, ALIGN_CENTER, c->p->id);
		if (c->brand != NULL && c->brand->footer != NULL)
			snprintf(buf, sizeof(buf), "%s", c->brand->footer);
		else
			snprintf(buf, sizeof(buf), "Confidential, not a "
			    "hiring decision. Prepared for %s.", c->p->name);
		rc_text(c, c->x0, bot + 22, c->w / 2 - 30, FONT_ITALIC,
		    SZ_TINY, C_FAINT, ALIGN_LEFT, buf);
	}
	pdf_artifact_end(pdf);
}

/*
 * s (UTF-8, checked by the parser) appended to buf for the PDF's
 * metadata, without what a viewer's title bar or a file manager would
 * act on: C0 and C1 controls, and the bidirectional overrides,
 * embeddings, isolates and marks (U+202E would show "gpj.exe" as
 * "exe.jpg").  Line and paragraph separators become spaces.  A code
 * point is never cut at the end of buf.
 */
static void
meta_append(char *buf, size_t sz, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 o = strlen(buf);
	uint32_t		 cp;
	int			 n, i;

	while (*u != '\0') {
		n = *u < 0x80 ? 1 : *u < 0xE0 ? 2 : *u < 0xF0 ? 3 : 4;
		cp = n == 1 ? *u : n == 2 ? *u & 0x1Fu : n == 3 ? *u & 0x0Fu :
		    *u & 0x07u;
		for (i = 1; i < n && (u[i] & 0xC0) == 0x80; i++)
			cp = cp << 6 | (u[i] & 0x3Fu);
		n = i;
		if (cp == 0x2028 || cp == 0x2029 || cp == '\t' ||
		    cp == '\n' || cp == '\r') {
			u += n;
			if (o + 1 < sz)
				buf[o++] = ' ';
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
		    cp == 0x200E || cp == 0x200F ||
		    (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			u += n;
			continue;
		}
		if (o + (size_t)n >= sz)
			break;
		memcpy(buf + o, u, (size_t)n);
		o += (size_t)n;
		u += n;
	}
	buf[o] = '\0';
}

int
render_report(struct renderer *r, const struct assessment *a,
    const struct render_opts *o, unsigned char **out, size_t *len,
    struct diag *d)
{
	struct rctx	 c;
	struct pdf_info	 info;
	char		 title[256], author[256], prep[256];
	const char	*err;
	size_t		 i;
	int		 n;

	*out = NULL;
	*len = 0;
	memset(&c, 0, sizeof(c));
	c.pdf = r->pdf;
	c.a = a;
	c.p = a->profile;
	c.m = a->market;
	c.opts = o;
	c.brand = o->brand;
	c.accent = C_FDE;
	if (c.brand != NULL && c.brand->has_accent) {
		c.accent.r = c.brand->accent[0];
		c.accent.g = c.brand->accent[1];
		c.accent.b = c.brand->accent[2];
	}
	fmt_date(c.date, sizeof(c.date), o->date);

	snprintf(title, sizeof(title), "Career report: ");
	meta_append(title, sizeof(title), c.p->name);
	memset(&info, 0, sizeof(info));
	info.title = title;
	info.subject = "FDE and MLOps fit assessment";
	info.creator = "reportgen " RG_VERSION;
	author[0] = '\0';
	meta_append(author, sizeof(author), rc_prepared_by(&c, prep,
	    sizeof(prep)));
	info.author = author;
	info.date = o->date;
	info.paper = o->paper;
	info.diag_path = c.p->path;
	if (pdf_begin(c.pdf, &info, d) == -1)
		return -1;
	c.x0 = pdf_left(c.pdf);
	c.x1 = pdf_right(c.pdf);
	c.w = c.x1 - c.x0;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		if (sections[i].wanted != NULL && !sections[i].wanted(&c))
			continue;
		if (i == 0 || (sections[i].new_page &&
		    pdf_y(c.pdf) > pdf_top(c.pdf) + 1))
			pdf_add_page(c.pdf);
		else if (!sections[i].new_page)
			pdf_need(c.pdf, 200);
		pdf_bookmark(c.pdf, 0, sections[i].name);
		pdf_tag_begin(c.pdf, TAG_SECT);
		sections[i].draw(&c);
		pdf_tag_end(c.pdf);
		if ((err = pdf_error(c.pdf)) != NULL) {
			diag(d, SEV_ERROR, c.p->path, 0, "section '%s': %s",
			    sections[i].name, err);
			return -1;
		}
	}
	decorate(&c);
	if ((err = pdf_error(c.pdf)) != NULL) {
		diag(d, SEV_ERROR, c.p->path, 0, "page header and footer: %s",
		    err);
		return -1;
	}
	r->serialise = mono();
	n = pdf_end(c.pdf, out, len);
	r->serialise = mono() - r->serialise;
	if (n == -1) {
		if ((err = pdf_error(c.pdf)) != NULL)
			diag(d, SEV_ERROR, c.p->path, 0, "writing the PDF: %s",
			    err);
		else
			diag(d, SEV_ERROR, c.p->path, 0,
			    "writing the PDF failed");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------ shared helpers */

struct rgb
role_color(enum role r)
{
	return r == ROLE_FDE ? C_FDE : C_MLOPS;
}

struct rgb
role_tint(enum role r)
{
	return r == ROLE_FDE ? C_FDE_TINT : C_MLOPS_TINT;
}

struct rgb
role_wash(enum role r)
{
	return r == ROLE_FDE ? C_FDE_WASH : C_MLOPS_WASH;
}

const char *
rc_prepared_by(const struct rctx *c, char *buf, size_t bufsz)
{
	const struct brand	*b = c->brand;

	if (b != NULL && b->coach != NULL)
		snprintf(buf, bufsz, "%s, %s", b->coach, b->org);
	else if (b != NULL)
		snprintf(buf, bufsz, "%s", b->org);
	else
		snprintf(buf, bufsz, "%s", c->opts->prepared_by != NULL ?
		    c->opts->prepared_by : "reportgen");
	return buf;
}

static void
count_line(void *ctx, const char *text, int n)
{
	(void)ctx;
	(void)text;
	(void)n;
}

int
rc_lines(struct rctx *c, enum font f, float size, float width,
    const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	return pdf_wrap(c->pdf, f, size, width, s, count_line, NULL);
}

float
rc_height(struct rctx *c, enum font f, float size, float width,
    float leading, const char *s)
{
	return rc_lines(c, f, size, width, s) * leading;
}

const char *
rc_fit(struct rctx *c, enum font f, float size, float maxw, const char *s,
    char *buf, size_t bufsz)
{
	size_t	 len, lo, hi, mid, cut;
	float	 ew;

	if (s == NULL)
		s = "";
	len = strlen(s);
	if (len < bufsz && pdf_measure(c->pdf, f, size, s) <= maxw) {
		memcpy(buf, s, len + 1);
		return buf;
	}
	ew = pdf_measure(c->pdf, f, size, ELLIPSIS);
	if (bufsz < sizeof(ELLIPSIS) + 1 || ew > maxw) {
		if (bufsz > 0)
			buf[0] = '\0';
		return buf;
	}
	if (len > bufsz - sizeof(ELLIPSIS))
		len = bufsz - sizeof(ELLIPSIS);
	/* the longest prefix, on a character boundary, that fits with the
	 * ellipsis: binary search over byte lengths */
	lo = 0;
	hi = len;
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80)
			mid--;
		if (mid == lo) {
			/* no boundary in (lo, hi]: step to the next one */
			mid = lo + 1;
			while (mid < hi &&
			    ((unsigned char)s[mid] & 0xC0) == 0x80)
				mid++;
			if (mid > hi)
				break;
		}
		memcpy(buf, s, mid);
		buf[mid] = '\0';
		if (pdf_measure(c->pdf, f, size, buf) + ew <= maxw)
			lo = mid;
		else
			hi = mid - 1;
	}
	cut = lo;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	memcpy(buf, s, cut);
	memcpy(buf + cut, ELLIPSIS, sizeof(ELLIPSIS));
	return buf;
}

void
rc_text(struct rctx *c, float x, float y, float maxw, enum font f,
    float size, struct rgb col, enum align al, const char *s)
{
	char	 buf[1024];

	if (s == NULL || *s == '\0')
		return;
	pdf_text(c->pdf, x, y, f, size, col, al,
	    rc_fit(c, f, size, maxw, s, buf, sizeof(buf)));
}

void
rc_title(struct rctx *c, const char *title, const char *lede)
{
	float	 h;

	h = 8 + SZ_H1 + GAP_M;
	if (lede != NULL)
		h += rc_height(c, FONT_REGULAR, SZ_LEAD, c->w, 15, lede);
	pdf_need(c->pdf, h + 80);
	pdf_rect(c->pdf, c->x0, pdf_y(c->pdf), 28, 3, &c->accent, NULL, 0);
	pdf_advance(c->pdf, 8 + SZ_H1);
	pdf_tag_begin(c->pdf, TAG_H1);
	rc_text(c, c->x0, pdf_y(c->pdf), c->w, FONT_BOLD, SZ_H1, C_INK,
	    ALIGN_LEFT, title);
	pdf_tag_end(c->pdf);
	pdf_advance(c->pdf, GAP_M);
	if (lede != NULL) {
		pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_LEAD, 15,
		    C_MUTED, lede);
		pdf_advance(c->pdf, GAP_S);
	}
	pdf_advance(c->pdf, GAP_S);
}

void
rc_heading(struct rctx *c, const char *title, float keep)
{
	pdf_need(c->pdf, SZ_H2 + 10 + keep);
	pdf_advance(c->pdf, SZ_H2);
	pdf_tag_begin(c->pdf, TAG_H2);
	rc_text(c, c->x0, pdf_y(c->pdf), c->w, FONT_BOLD, SZ_H2, C_INK,
	    ALIGN_LEFT, title);
	pdf_tag_end(c->pdf);
	pdf_advance(c->pdf, 10);
}

void
rc_para(struct rctx *c, enum font f, float size, float leading,
    struct rgb col, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	pdf_paragraph(c->pdf, c->x0, c->w, f, size, leading, col, s);
	pdf_advance(c->pdf, GAP_S);
}

void
rc_pips(struct rctx *c, float x, float y, int level, int max,
    struct rgb on, float r)
{
	char	 alt[64];
	int	 i;

	snprintf(alt, sizeof(alt), "Level %d of %d", level, max);
	pdf_figure_begin(c->pdf, alt);
	for (i = 0; i < max; i++) {
		if (i < level)
			pdf_circle(c->pdf, x + r + i * r * 2.7f, y, r, &on,
			    NULL, 0);
		else
			pdf_circle(c->pdf, x + r + i * r * 2.7f, y, r,
			    &C_PAPER, &C_RULE, 0.8f);
	}
	pdf_tag_end(c->pdf);
}

const char *
rc_dim_name(const struct rctx *c, int dim, int short_form)
{
	const struct dimension	*dm;

	if (dim < 0 || dim >= c->m->ndims)
		return "";
	dm = &c->m->dims[dim];
	if (short_form && dm->short_name != NULL)
		return dm->short_name;
	return dm->name;
}

const char *
rc_source(const struct rctx *c, int source)
{
	if (source < 0 || source >= c->m->nsources)
		return "";
	return c->m->sources[source].publisher;
}
