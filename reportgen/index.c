/*
 * index.c: the batch index (index.pdf): a title, the totals and the
 * spread of recommendations as bars, then one table row per candidate
 * with a link to the report file (a relative URI, resolved by viewers
 * against the index's own directory).  The table flows over pages with
 * its header row repeated; every page is numbered.  Rows arrive one at
 * a time (index_open/add/close); above a volume's worth the table goes
 * into volumes (index.001.pdf, ...) listed by an overview, both drawn by
 * index_volume.c with the document and table helpers here.  Last, the
 * cohort page, drawn by index_cohort.c from totals counted here as the
 * rows go by.  Draws through pdf.h and the text helpers of sections.h,
 * like a report section.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "brand.h"
#include "index.h"
#include "index_private.h"
#include "pdf.h"
#include "sections.h"
#include "theme.h"
#include "words.h"

#ifndef RG_VERSION
#define RG_VERSION "dev"
#endif

/* The table's columns (struct col, index_private.h). */
static const struct col cols[] = {
	{ "Candidate",		0.00f, 0.31f, ALIGN_LEFT },
	{ "Market",		0.32f, 0.08f, ALIGN_LEFT },
	{ "Seniority",		0.40f, 0.11f, ALIGN_LEFT },
	{ "FDE",		0.51f, 0.08f, ALIGN_RIGHT },
	{ "MLOps",		0.60f, 0.08f, ALIGN_RIGHT },
	{ "Recommendation",	0.71f, 0.17f, ALIGN_LEFT },
	{ "Status",		0.88f, 0.12f, ALIGN_LEFT },
};
#define NCOLS	(sizeof(cols) / sizeof(cols[0]))

/* ------------------------------------------------------------ order */

/* The name, else the id, else the input's file name. */
const char *
index_row_name(const struct index_row *r)
{
	const char	*s;

	if (r->name != NULL)
		return r->name;
	if (r->id != NULL)
		return r->id;
	if (r->path == NULL)
		return "";
	return (s = strrchr(r->path, '/')) != NULL && s[1] != '\0' ? s + 1 :
	    r->path;
}

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

static int
cmp_name(const struct index_row *a, const struct index_row *b)
{
	int	 c;

	if ((c = strcasecmp(index_row_name(a), index_row_name(b))) != 0)
		return c;
	if ((c = cmp_str(a->id, b->id)) != 0)
		return c;
	return cmp_str(a->path, b->path);
}

static int
cmp_fit(const struct index_row *a, const struct index_row *b, int fde)
{
	double	 x, y;

	if (a->has_fit != b->has_fit)
		return a->has_fit ? -1 : 1;
	if (a->has_fit) {
		x = fde ? a->fde : a->mlops;
		y = fde ? b->fde : b->mlops;
		if (x != y)
			return x > y ? -1 : 1;
	}
	return cmp_name(a, b);
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int cmp_by_name(const void *a, const void *b)
{ return cmp_name(a, b); }
static int cmp_by_fde(const void *a, const void *b)
{ return cmp_fit(a, b, 1); }
static int cmp_by_mlops(const void *a, const void *b)
{ return cmp_fit(a, b, 0); }

void
index_sort_rows(struct index_row *rows, size_t n, enum index_sort s)
{
	if (n < 2)
		return;
	qsort(rows, n, sizeof(*rows), s == INDEX_SORT_FDE ? cmp_by_fde :
	    s == INDEX_SORT_MLOPS ? cmp_by_mlops : cmp_by_name);
}

/* ------------------------------------------------------------ digest */

static int
hash_field(struct hash *h, const char *s)
{
	/* each field with its length, so "ab","c" differs from "a","bc" */
	char	 len[24];

	snprintf(len, sizeof(len), "%zu:", s != NULL ? strlen(s) : (size_t)0);
	if (hash_update(h, len, strlen(len)) == -1)
		return -1;
	return s != NULL ? hash_update(h, s, strlen(s)) : 0;
}

struct index_digest {
	struct hash	*h;
	int		 bad;
};

struct index_digest *
index_digest_open(const struct index_opts *o, size_t total)
{
	struct index_digest	*g;
	char			 num[64];
	size_t			 v = index_volume_rows(o);

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return NULL;
	if ((g->h = hash_new()) == NULL) {
		free(g);
		return NULL;
	}
	snprintf(num, sizeof(num), "index 2 sort=%d paper=%d", (int)o->sort,
	    (int)o->paper);
	g->bad |= hash_field(g->h, num);
	g->bad |= hash_field(g->h, RG_VERSION);
	g->bad |= hash_field(g->h, o->date);
	g->bad |= hash_field(g->h, o->shard);
	if (o->brand != NULL) {
		g->bad |= hash_field(g->h, o->brand->org);
		snprintf(num, sizeof(num), "%d %.4f %.4f %.4f",
		    o->brand->has_accent, o->brand->accent[0],
		    o->brand->accent[1], o->brand->accent[2]);
		g->bad |= hash_field(g->h, num);
	}
	/* volumes: their size and the count shape every file (one index
	 * keeps the digest it always had) */
	if (total > v) {
		snprintf(num, sizeof(num), "volumes of %zu, %zu rows", v,
		    total);
		g->bad |= hash_field(g->h, num);
	}
	return g;
}

int
index_digest_add(struct index_digest *g, const struct index_row *r)
{
	char	 num[64];

	if (g->bad)
		return -1;
	g->bad |= hash_field(g->h, r->id);
	g->bad |= hash_field(g->h, r->path);
	g->bad |= hash_field(g->h, r->name);
	g->bad |= hash_field(g->h, r->market);
	g->bad |= hash_field(g->h, r->seniority);
	g->bad |= hash_field(g->h, r->rec);
	g->bad |= hash_field(g->h, r->status);
	g->bad |= hash_field(g->h, r->output);
	snprintf(num, sizeof(num), "%d %.1f %.1f", r->has_fit, r->fde,
	    r->mlops);
	g->bad |= hash_field(g->h, num);
	g->bad |= hash_field(g->h, r->levels);
	g->bad |= hash_field(g->h, r->plan);
	return g->bad ? -1 : 0;
}

int
index_digest_close(struct index_digest *g, char out[HASH_HEX_LEN])
{
	unsigned char	 b[HASH_LEN];
	int		 rc = -1;

	if (g == NULL)
		return -1;
	if (g->bad)
		hash_free(g->h);
	else if (hash_final(g->h, b) == 0) {	/* frees the context */
		hash_hex(b, out);
		rc = 0;
	}
	free(g);
	return rc;
}

/* ------------------------------------------------------------ drawing */

/* The recommendations in the order the totals show them; their words
 * come from words.c, the one table of recommendation words. */
static const enum recommendation rec_order[] = {
	REC_FDE, REC_MLOPS, REC_EITHER, REC_NOT_YET, REC_INSUFFICIENT
};
_Static_assert(sizeof(rec_order) / sizeof(rec_order[0]) == NREC,
    "NREC (index_private.h) is the length of rec_order");

/* The row of rec_order[] for a recommendation id, or -1. */
int
index_rec_row(const char *rec)
{
	size_t	 k;

	for (k = 0; rec != NULL && k < NREC; k++)
		if (strcmp(rec, recommendation_id(rec_order[k])) == 0)
			return (int)k;
	return -1;
}

static const char *
rec_label(const char *rec)
{
	int	 k;

	if (rec == NULL)
		return DASH;
	return (k = index_rec_row(rec)) >= 0 ? words_rec_short(rec_order[k]) : rec;
}

/* 50000 -> "50,000" */
const char *
index_count(char *buf, size_t size, size_t n)
{
	char	 t[32];
	size_t	 i, len, o = 0;

	len = (size_t)snprintf(t, sizeof(t), "%zu", n);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = t[i];
	}
	buf[o] = '\0';
	return buf;
}

/* The header row: tagged the first time, an artifact when repeated on
 * a new page. */
void
index_head_row(struct rctx *c, const struct col *cl, size_t ncl,
    int repeat)
{
	float	 y;
	size_t	 i;

	y = pdf_y(c->pdf);
	if (repeat)
		pdf_artifact_begin(c->pdf);
	else
		pdf_tag_begin(c->pdf, TAG_TR_HEAD);
	pdf_rect(c->pdf, c->x0, y, c->w, HEAD_H, &C_NIGHT, NULL, 0);
	for (i = 0; i < ncl; i++)
		rc_text(c, cl[i].al == ALIGN_RIGHT ? c->x0 + 6 + c->w *
		    (cl[i].x + cl[i].w) - 12 : c->x0 + 6 + c->w * cl[i].x,
		    y + 13.5f, c->w * cl[i].w - 6, FONT_BOLD, SZ_TINY,
		    C_NIGHT_TEXT, cl[i].al, cl[i].title);
	pdf_advance(c->pdf, HEAD_H);
	if (repeat)
		pdf_artifact_end(c->pdf);
	else
		pdf_tag_end(c->pdf);
}

/* Cell k of a row at baseline y; NULL or "" shows a dash. */
void
index_cell(struct rctx *c, const struct col *cl, size_t k, float y,
    enum font f, struct rgb col, const char *s)
{
	float	 x;

	x = c->x0 + 6 + c->w * cl[k].x;
	if (cl[k].al == ALIGN_RIGHT)
		x = c->x0 + 6 + c->w * (cl[k].x + cl[k].w) - 12;
	rc_text(c, x, y, c->w * cl[k].w - 6, f, SZ_SMALL, col, cl[k].al,
	    s != NULL && *s != '\0' ? s : DASH);
}

/* The table of candidates: rows, each linked to its report. */
void
index_table(struct rctx *c, const struct index_row *rows, size_t n)
{
	const struct index_row	*r;
	char			 a[16], b[16], lk[300];
	float			 y;
	size_t			 i;
	int			 ok;

	pdf_need(c->pdf, HEAD_H + 3 * ROW_H);
	pdf_tag_begin(c->pdf, TAG_TABLE);
	index_head_row(c, cols, NCOLS, 0);
	for (i = 0; i < n; i++) {
		r = &rows[i];
		if (pdf_need(c->pdf, ROW_H))
			index_head_row(c, cols, NCOLS, 1);
		y = pdf_y(c->pdf);
		if (i % 2 == 1)
			pdf_rect(c->pdf, c->x0, y, c->w, ROW_H, &C_PANEL,
			    NULL, 0);
		ok = r->output != NULL;
		pdf_tag_begin(c->pdf, TAG_TR);
		/* the name's cell holds the link to the report */
		pdf_tag_begin(c->pdf, TAG_TD);
		if (ok)
			pdf_tag_begin(c->pdf, TAG_LINK);
		index_cell(c, cols, 0, y + 12, ok ? FONT_BOLD : FONT_REGULAR,
		    ok ? c->accent : C_MUTED, index_row_name(r));
		if (ok) {
			snprintf(lk, sizeof(lk), "Report of %s",
			    index_row_name(r));
			pdf_link_file(c->pdf, c->x0, y, c->w, ROW_H, r->output,
			    lk);
			pdf_tag_end(c->pdf);
		}
		pdf_tag_end(c->pdf);
		index_cell(c, cols, 1, y + 12, FONT_REGULAR, C_TEXT,
		    r->market);
		index_cell(c, cols, 2, y + 12, FONT_REGULAR, C_TEXT,
		    r->seniority);
		snprintf(a, sizeof(a), "%.1f", r->fde);
		snprintf(b, sizeof(b), "%.1f", r->mlops);
		index_cell(c, cols, 3, y + 12, FONT_BOLD, C_FDE,
		    r->has_fit ? a : NULL);
		index_cell(c, cols, 4, y + 12, FONT_BOLD, C_MLOPS,
		    r->has_fit ? b : NULL);
		index_cell(c, cols, 5, y + 12, FONT_REGULAR, C_TEXT,
		    r->has_fit ? rec_label(r->rec) : NULL);
		index_cell(c, cols, 6, y + 12, FONT_REGULAR,
		    ok ? C_GOOD : C_GAP, r->status);
		pdf_tag_end(c->pdf);
		pdf_advance(c->pdf, ROW_H);
	}
	pdf_tag_end(c->pdf);
	pdf_line(c->pdf, c->x0, pdf_y(c->pdf), c->x1, pdf_y(c->pdf), C_RULE,
	    0.6f);
}

/* The totals and the recommendations as horizontal bars; big: counts
 * with thousands separators, in the words that fit them. */
static void
totals(struct rctx *c, const struct totals *t, int big)
{
	struct rgb	 colr[NREC];
	char		 s[128], alt[512], a[32], b[32];
	size_t		 o;
	size_t		 k, max = 0, n = t->n, ok = t->ok;
	float		 y, bx, bw, h = NREC * 20 + 36;

	colr[0] = C_FDE;
	colr[1] = C_MLOPS;
	colr[2] = C_YOU;
	colr[3] = C_FAINT;
	colr[4] = C_GAP;
	for (k = 0; k < NREC; k++)
		if (t->rec[k] > max)
			max = t->rec[k];
	pdf_need(c->pdf, h + GAP_L);
	y = pdf_y(c->pdf);
	pdf_round_rect(c->pdf, c->x0, y, c->w, h, 8, &C_PANEL);
	/* left: the counts */
	if (big)
		index_count(s, sizeof(s), ok);
	else
		snprintf(s, sizeof(s), "%zu", ok);
	pdf_text(c->pdf, c->x0 + 18, y + 50, FONT_BOLD, SZ_BIG, C_INK,
	    ALIGN_LEFT, s);
	rc_text(c, c->x0 + 18, y + 66, 150, FONT_REGULAR, SZ_SMALL, C_MUTED,
	    ALIGN_LEFT, ok == 1 ? "report in this directory" :
	    "reports in this directory");
	if (big)
		snprintf(s, sizeof(s), "%s of %s without a report",
		    index_count(a, sizeof(a), n - ok), index_count(b, sizeof(b), n));
	else
		snprintf(s, sizeof(s), "%zu of %zu profile%s without a report",
		    n - ok, n, n == 1 ? "" : "s");
	rc_text(c, c->x0 + 18, y + 84, 150, FONT_REGULAR, SZ_SMALL,
	    n - ok > 0 ? C_GAP : C_MUTED, ALIGN_LEFT, s);
	/* right: recommendations */
	bx = c->x0 + 260;
	bw = c->x1 - 18 - 30 - bx;
	pdf_tag_begin(c->pdf, TAG_H2);
	rc_text(c, c->x0 + 180, y + 20, c->w - 200, FONT_BOLD, SZ_TINY,
	    C_MUTED, ALIGN_LEFT, "RECOMMENDATIONS");
	pdf_tag_end(c->pdf);
	/* the bars in words */
	for (o = 0, k = 0; k < NREC && o < sizeof(alt); k++)
		o += (size_t)snprintf(alt + o, sizeof(alt) - o, "%s%s: %zu",
		    k == 0 ? "Bar chart of the recommendations: " : "; ",
		    words_rec_short(rec_order[k]), t->rec[k]);
	pdf_figure_begin(c->pdf, alt);
	for (k = 0; k < NREC; k++) {
		float by = y + 30 + k * 20;

		rc_text(c, c->x0 + 180, by + 10, 76, FONT_REGULAR, SZ_SMALL,
		    C_TEXT, ALIGN_LEFT, words_rec_short(rec_order[k]));
		pdf_round_rect(c->pdf, bx, by + 2, bw, 11, 3, &C_PAPER);
		if (t->rec[k] > 0)
			pdf_round_rect(c->pdf, bx, by + 2, bw *
			    (float)t->rec[k] / (float)max, 11, 3, &colr[k]);
		if (big)
			index_count(s, sizeof(s), t->rec[k]);
		else
			snprintf(s, sizeof(s), "%zu", t->rec[k]);
		pdf_text(c->pdf, bx + bw + 8, by + 10, FONT_BOLD, SZ_SMALL,
		    C_INK, ALIGN_LEFT, s);
	}
	pdf_tag_end(c->pdf);
	pdf_set_y(c->pdf, y + h + GAP_L);
}

static void
footers(struct rctx *c, const char *note)
{
	char	 s[64];
	float	 bot = pdf_bottom(c->pdf);
	int	 i, n = pdf_page_count(c->pdf);

	pdf_artifact_begin(c->pdf);
	for (i = 1; i <= n; i++) {
		pdf_goto_page(c->pdf, i);
		pdf_line(c->pdf, c->x0, bot + 10, c->x1, bot + 10, C_RULE,
		    0.6f);
		snprintf(s, sizeof(s), "Page %d of %d", i, n);
		pdf_text(c->pdf, c->x1, bot + 22, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_RIGHT, s);
		rc_text(c, c->x0, bot + 22, c->w - 80, FONT_ITALIC, SZ_TINY,
		    C_FAINT, ALIGN_LEFT, note);
	}
	pdf_artifact_end(c->pdf);
}

/* ------------------------------------------------------------ writer */

/* The document's start: PDF info, the first page, its bookmark. */
struct pdf *
index_doc_begin(struct index_writer *w, struct rctx *c,
    struct render_opts *ro, const char *title, const char *name,
    const char *bookmark)
{
	struct pdf_info	 info;
	struct pdf	*pdf;
	char		 fontdir[4096];
	const struct index_opts *o = w->o;

	if ((size_t)snprintf(fontdir, sizeof(fontdir), "%s/fonts",
	    w->datadir) >= sizeof(fontdir)) {
		diag(w->d, SEV_FATAL, w->datadir, 0, "data directory path too "
		    "long");
		return NULL;
	}
	if ((pdf = pdf_new(fontdir, w->d)) == NULL)
		return NULL;
	memset(ro, 0, sizeof(*ro));
	ro->paper = o->paper;
	ro->date = o->date_t;
	ro->brand = o->brand;
	memset(&info, 0, sizeof(info));
	info.title = title;
	info.subject = "Index of FDE and MLOps career reports";
	info.creator = "reportgen " RG_VERSION;
	info.date = o->date_t;
	info.paper = o->paper;
	info.diag_path = name;
	if (pdf_begin(pdf, &info, w->d) == -1) {
		pdf_free(pdf);
		return NULL;
	}
	memset(c, 0, sizeof(*c));
	c->pdf = pdf;
	c->opts = ro;
	c->brand = o->brand;
	c->accent = C_FDE;
	if (o->brand != NULL && o->brand->has_accent) {
		c->accent.r = o->brand->accent[0];
		c->accent.g = o->brand->accent[1];
		c->accent.b = o->brand->accent[2];
	}
	c->x0 = pdf_left(pdf);
	c->x1 = pdf_right(pdf);
	c->w = c->x1 - c->x0;
	pdf_add_page(pdf);
	pdf_bookmark(pdf, 0, bookmark);
	return pdf;
}

/* The title block: an accent bar, h1 and a line below it. */
void
index_doc_title(struct rctx *c, const char *h1, const char *line)
{
	struct pdf	*pdf = c->pdf;

	pdf_rect(pdf, c->x0, pdf_y(pdf), 28, 3, &c->accent, NULL, 0);
	pdf_advance(pdf, 8 + SZ_H1);
	pdf_tag_begin(pdf, TAG_H1);
	rc_text(c, c->x0, pdf_y(pdf), c->w, FONT_BOLD, SZ_H1, C_INK,
	    ALIGN_LEFT, h1);
	pdf_tag_end(pdf);
	pdf_advance(pdf, GAP_M + 4);
	rc_text(c, c->x0, pdf_y(pdf), c->w, FONT_REGULAR, SZ_LEAD, C_MUTED,
	    ALIGN_LEFT, line);
	pdf_advance(pdf, GAP_L);
}

/* "Org  ·  50,000 candidates  ·  updated D  ·  shard K/N" (big: with
 * the thousands separated) */
static void
subline(const struct index_writer *w, char *s, size_t size, int big)
{
	const struct index_opts	*o = w->o;
	char			 n[32];

	if (big)
		index_count(n, sizeof(n), w->total);
	else
		snprintf(n, sizeof(n), "%zu", w->total);
	snprintf(s, size, "%s%s%s candidate%s  \xc2\xb7  updated %s%s%s",
	    o->brand != NULL ? o->brand->org : "",
	    o->brand != NULL ? "  \xc2\xb7  " : "", n,
	    w->total == 1 ? "" : "s", o->date != NULL ? o->date : DASH,
	    o->shard != NULL ? "  \xc2\xb7  shard " : "",
	    o->shard != NULL ? o->shard : "");
}

/* Footers, the bytes, put().  Frees pdf.  0 or -1. */
int
index_doc_end(struct index_writer *w, struct rctx *c, const char *name,
    const char *note)
{
	unsigned char	*out = NULL;
	const char	*err;
	size_t		 len = 0;
	int		 rc = -1;

	footers(c, note);
	if ((err = pdf_error(c->pdf)) != NULL)
		diag(w->d, SEV_ERROR, name, 0, "drawing the index: %s", err);
	else if (pdf_end(c->pdf, &out, &len) == -1)
		diag(w->d, SEV_ERROR, name, 0, "writing the index failed");
	else
		rc = w->put(w->arg, name, out, len);
	free(out);
	pdf_free(c->pdf);
	return rc;
}

/* index.pdf begun (the file that is not a volume): its title, the line
 * under it and the totals; big: a cohort in volumes, counts with the
 * thousands separated.  NULL on failure. */
struct pdf *
index_pdf_begin(struct index_writer *w, struct rctx *c,
    struct render_opts *ro, int big)
{
	char	 s[512];

	if (index_doc_begin(w, c, ro, "Career reports: index", INDEX_NAME,
	    "Index") == NULL)
		return NULL;
	subline(w, s, sizeof(s), big);
	index_doc_title(c, "Career reports", s);
	totals(c, &w->tot, big);
	return c->pdf;
}

/* A copy of r in one block of memory (*blk, to free) into *dst. */
static int
row_copy(struct index_row *dst, char **blk, const struct index_row *r)
{
	const char	*src[] = { r->id, r->path, r->name, r->market,
	    r->seniority, r->rec, r->status, r->output, r->levels, r->plan };
	const char	**to[] = { &dst->id, &dst->path, &dst->name,
	    &dst->market, &dst->seniority, &dst->rec, &dst->status,
	    &dst->output, &dst->levels, &dst->plan };
	size_t		 i, n = 0, len;
	char		*p;

	for (i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		n += src[i] != NULL ? strlen(src[i]) + 1 : 0;
	if ((p = *blk = malloc(n + 1)) == NULL)
		return -1;
	*dst = *r;
	for (i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		if (src[i] == NULL)
			continue;
		len = strlen(src[i]) + 1;
		memcpy(p, src[i], len);
		*to[i] = p;
		p += len;
	}
	return 0;
}

struct index_writer *
index_open(const char *datadir, const struct index_opts *o, size_t total,
    index_put_fn put, void *arg, struct diag *d)
{
	struct index_writer	*w;
	size_t			 keep;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		goto oom;
	w->o = o;
	w->total = total;
	w->vrows = index_volume_rows(o);
	w->nvols = index_volume_count(o, total);
	w->put = put;
	w->arg = arg;
	w->d = d;
	keep = total < w->vrows ? total : w->vrows;
	if ((w->datadir = strdup(datadir)) == NULL ||
	    (w->rows = calloc(keep + 1, sizeof(*w->rows))) == NULL ||
	    (w->blk = calloc(keep + 1, sizeof(*w->blk))) == NULL ||
	    (w->vols = calloc(w->nvols + 1, sizeof(*w->vols))) == NULL)
		goto oom;
	return w;
oom:
	diag(d, SEV_FATAL, NULL, 0, "out of memory");
	if (w != NULL) {
		free(w->datadir);
		free(w->rows);
		free(w->blk);
		free(w);
	}
	return NULL;
}

int
index_add(struct index_writer *w, const struct index_row *r)
{
	if (w->failed)
		return -1;
	if (w->added >= w->total) {
		diag(w->d, SEV_ERROR, INDEX_NAME, 0, "more rows than the %zu "
		    "announced", w->total);
		w->failed = 1;
		return -1;
	}
	if (row_copy(&w->rows[w->nrows], &w->blk[w->nrows], r) == -1) {
		diag(w->d, SEV_FATAL, NULL, 0, "out of memory");
		w->failed = 1;
		return -1;
	}
	w->nrows++;
	w->added++;
	index_totals_add(&w->tot, w->o->market, r);
	if (w->nvols > 0 && w->nrows == w->vrows &&
	    index_volume_flush(w) == -1) {
		w->failed = 1;
		return -1;
	}
	return 0;
}

/* The one index.pdf of a cohort that fits: every row, and the cohort
 * page with exact medians. */
static int
close_whole(struct index_writer *w)
{
	struct render_opts	 ro;
	struct rctx		 c;
	double			*v, med[ROLE__N] = { 0, 0 };
	size_t			 i, k, nv;

	if (index_pdf_begin(w, &c, &ro, /*big*/ 0) == NULL)
		return -1;
	index_table(&c, w->rows, w->nrows);
	if (w->o->market != NULL &&
	    (v = calloc(w->nrows + 1, sizeof(*v))) != NULL) {
		for (k = 0; k < ROLE__N; k++) {
			for (nv = 0, i = 0; i < w->nrows; i++)
				if (w->rows[i].has_fit)
					v[nv++] = k == ROLE_FDE ?
					    w->rows[i].fde : w->rows[i].mlops;
			if (nv == 0)
				continue;
			qsort(v, nv, sizeof(*v), cmp_double);
			med[k] = nv % 2 ? v[nv / 2] : (v[nv / 2 - 1] +
			    v[nv / 2]) / 2;
		}
		free(v);
		index_cohort(&c, w->o->market, &w->tot, med, 0);
	}
	return index_doc_end(w, &c, INDEX_NAME, "Confidential: candidates' "
	    "names and results. Each name links to its report in this "
	    "directory.");
}

int
index_close(struct index_writer *w)
{
	size_t	 i;
	int	 rc = -1;

	if (w == NULL)
		return -1;
	if (!w->failed && w->added != w->total)
		diag(w->d, SEV_ERROR, INDEX_NAME, 0, "%zu rows of the %zu "
		    "announced", w->added, w->total);
	else if (!w->failed && w->nvols == 0)
		rc = close_whole(w);
	else if (!w->failed && index_volume_flush(w) == 0)
		rc = index_overview(w);
	for (i = 0; i < w->nrows; i++)
		free(w->blk[i]);
	for (i = 0; i < w->nvols; i++) {
		free(w->vols[i].first);
		free(w->vols[i].last);
	}
	free(w->vols);
	free(w->blk);
	free(w->rows);
	free(w->datadir);
	free(w);
	return rc;
}
