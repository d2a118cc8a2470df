/*
 * index.c: the batch index (index.pdf): a title, the totals and the
 * spread of recommendations as bars, then one table row per candidate
 * with a link to the report file (a relative URI, resolved by viewers
 * against the index's own directory).  The table flows over pages with
 * its header row repeated; every page is numbered.  Draws through pdf.h
 * and the text helpers of sections.h, like a report section.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "brand.h"
#include "index.h"
#include "pdf.h"
#include "sections.h"
#include "theme.h"

#ifndef RG_VERSION
#define RG_VERSION "dev"
#endif

#define ROW_H		17.0f
#define HEAD_H		20.0f
#define DASH		"\xe2\x80\x93"		/* – */

/* The table's columns: title, left edge and width as shares of the
 * content width, alignment. */
static const struct col {
	const char	*title;
	float		 x, w;
	enum align	 al;
} cols[] = {
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
static const char *
row_name(const struct index_row *r)
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

	if ((c = strcasecmp(row_name(a), row_name(b))) != 0)
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
put(struct hash *h, const char *s)
{
	/* each field with its length, so "ab","c" differs from "a","bc" */
	char	 len[24];

	snprintf(len, sizeof(len), "%zu:", s != NULL ? strlen(s) : (size_t)0);
	if (hash_update(h, len, strlen(len)) == -1)
		return -1;
	return s != NULL ? hash_update(h, s, strlen(s)) : 0;
}

int
index_digest(const struct index_row *rows, size_t n,
    const struct index_opts *o, char out[HASH_HEX_LEN])
{
	struct hash	*h;
	unsigned char	 b[HASH_LEN];
	char		 num[64];
	size_t		 i;
	int		 bad = 0;

	if ((h = hash_new()) == NULL)
		return -1;
	snprintf(num, sizeof(num), "index 1 sort=%d paper=%d", (int)o->sort,
	    (int)o->paper);
	bad |= put(h, num);
	bad |= put(h, RG_VERSION);
	bad |= put(h, o->date);
	bad |= put(h, o->shard);
	if (o->brand != NULL) {
		bad |= put(h, o->brand->org);
		snprintf(num, sizeof(num), "%d %.4f %.4f %.4f",
		    o->brand->has_accent, o->brand->accent[0],
		    o->brand->accent[1], o->brand->accent[2]);
		bad |= put(h, num);
	}
	for (i = 0; i < n && !bad; i++) {
		bad |= put(h, rows[i].id);
		bad |= put(h, rows[i].path);
		bad |= put(h, rows[i].name);
		bad |= put(h, rows[i].market);
		bad |= put(h, rows[i].seniority);
		bad |= put(h, rows[i].rec);
		bad |= put(h, rows[i].status);
		bad |= put(h, rows[i].output);
		snprintf(num, sizeof(num), "%d %.1f %.1f", rows[i].has_fit,
		    rows[i].fde, rows[i].mlops);
		bad |= put(h, num);
	}
	if (bad) {
		hash_free(h);
		return -1;
	}
	if (hash_final(h, b) == -1)
		return -1;
	hash_hex(b, out);
	return 0;
}

/* ------------------------------------------------------------ drawing */

/* The recommendation ids in the order the totals show them, with the
 * short words of the index's narrow column. */
static const struct {
	enum recommendation	 rec;
	const char		*label;
} rec_words[] = {
	{ REC_FDE,		"FDE" },
	{ REC_MLOPS,		"MLOps" },
	{ REC_EITHER,		"Either role" },
	{ REC_NOT_YET,		"Not yet" },
	{ REC_INSUFFICIENT,	"Too little evidence" },
};
#define NREC	(sizeof(rec_words) / sizeof(rec_words[0]))

/* The row of rec_words[] for a recommendation id, or -1. */
static int
rec_row(const char *rec)
{
	size_t	 k;

	for (k = 0; rec != NULL && k < NREC; k++)
		if (strcmp(rec, recommendation_id(rec_words[k].rec)) == 0)
			return (int)k;
	return -1;
}

static const char *
rec_label(const char *rec)
{
	int	 k;

	if (rec == NULL)
		return DASH;
	return (k = rec_row(rec)) >= 0 ? rec_words[k].label : rec;
}

/* The header row: tagged the first time, an artifact when repeated on
 * a new page. */
static void
head_row(struct rctx *c, int repeat)
{
	float	 y;
	size_t	 i;

	y = pdf_y(c->pdf);
	if (repeat)
		pdf_artifact_begin(c->pdf);
	else
		pdf_tag_begin(c->pdf, TAG_TR_HEAD);
	pdf_rect(c->pdf, c->x0, y, c->w, HEAD_H, &C_NIGHT, NULL, 0);
	for (i = 0; i < NCOLS; i++)
		rc_text(c, cols[i].al == ALIGN_RIGHT ? c->x0 + 6 + c->w *
		    (cols[i].x + cols[i].w) - 12 : c->x0 + 6 + c->w * cols[i].x,
		    y + 13.5f, c->w * cols[i].w - 6, FONT_BOLD, SZ_TINY,
		    C_NIGHT_TEXT, cols[i].al, cols[i].title);
	pdf_advance(c->pdf, HEAD_H);
	if (repeat)
		pdf_artifact_end(c->pdf);
	else
		pdf_tag_end(c->pdf);
}

static void
cell(struct rctx *c, size_t k, float y, enum font f, struct rgb col,
    const char *s)
{
	float	 x;

	x = c->x0 + 6 + c->w * cols[k].x;
	if (cols[k].al == ALIGN_RIGHT)
		x = c->x0 + 6 + c->w * (cols[k].x + cols[k].w) - 12;
	rc_text(c, x, y, c->w * cols[k].w - 6, f, SZ_SMALL, col, cols[k].al,
	    s != NULL && *s != '\0' ? s : DASH);
}

static void
table(struct rctx *c, const struct index_row *rows, size_t n)
{
	const struct index_row	*r;
	char			 a[16], b[16], lk[300];
	float			 y;
	size_t			 i;
	int			 ok;

	pdf_need(c->pdf, HEAD_H + 3 * ROW_H);
	pdf_tag_begin(c->pdf, TAG_TABLE);
	head_row(c, 0);
	for (i = 0; i < n; i++) {
		r = &rows[i];
		if (pdf_need(c->pdf, ROW_H))
			head_row(c, 1);
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
		cell(c, 0, y + 12, ok ? FONT_BOLD : FONT_REGULAR,
		    ok ? c->accent : C_MUTED, row_name(r));
		if (ok) {
			snprintf(lk, sizeof(lk), "Report of %s", row_name(r));
			pdf_link_file(c->pdf, c->x0, y, c->w, ROW_H, r->output,
			    lk);
			pdf_tag_end(c->pdf);
		}
		pdf_tag_end(c->pdf);
		cell(c, 1, y + 12, FONT_REGULAR, C_TEXT, r->market);
		cell(c, 2, y + 12, FONT_REGULAR, C_TEXT, r->seniority);
		snprintf(a, sizeof(a), "%.1f", r->fde);
		snprintf(b, sizeof(b), "%.1f", r->mlops);
		cell(c, 3, y + 12, FONT_BOLD, C_FDE, r->has_fit ? a : NULL);
		cell(c, 4, y + 12, FONT_BOLD, C_MLOPS, r->has_fit ? b : NULL);
		cell(c, 5, y + 12, FONT_REGULAR, C_TEXT, r->has_fit ?
		    rec_label(r->rec) : NULL);
		cell(c, 6, y + 12, FONT_REGULAR, ok ? C_GOOD : C_GAP,
		    r->status);
		pdf_tag_end(c->pdf);
		pdf_advance(c->pdf, ROW_H);
	}
	pdf_tag_end(c->pdf);
	pdf_line(c->pdf, c->x0, pdf_y(c->pdf), c->x1, pdf_y(c->pdf), C_RULE,
	    0.6f);
}

/* The totals and the recommendations as horizontal bars. */
static void
totals(struct rctx *c, const struct index_row *rows, size_t n)
{
	struct rgb	 colr[NREC];
	char		 s[128], alt[512];
	size_t		 o;
	size_t		 i, k, cnt[NREC] = { 0 }, ok = 0, max = 0;
	float		 y, bx, bw, h = NREC * 20 + 36;
	int		 row;

	colr[0] = C_FDE;
	colr[1] = C_MLOPS;
	colr[2] = C_YOU;
	colr[3] = C_FAINT;
	colr[4] = C_GAP;
	for (i = 0; i < n; i++) {
		if (rows[i].output != NULL)
			ok++;
		if (rows[i].has_fit && (row = rec_row(rows[i].rec)) >= 0)
			cnt[row]++;
	}
	for (k = 0; k < NREC; k++)
		if (cnt[k] > max)
			max = cnt[k];
	pdf_need(c->pdf, h + GAP_L);
	y = pdf_y(c->pdf);
	pdf_round_rect(c->pdf, c->x0, y, c->w, h, 8, &C_PANEL);
	/* left: the counts */
	snprintf(s, sizeof(s), "%zu", ok);
	pdf_text(c->pdf, c->x0 + 18, y + 50, FONT_BOLD, SZ_BIG, C_INK,
	    ALIGN_LEFT, s);
	rc_text(c, c->x0 + 18, y + 66, 150, FONT_REGULAR, SZ_SMALL, C_MUTED,
	    ALIGN_LEFT, ok == 1 ? "report in this directory" :
	    "reports in this directory");
	snprintf(s, sizeof(s), "%zu of %zu profile%s without a report", n - ok,
	    n, n == 1 ? "" : "s");
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
		    rec_words[k].label, cnt[k]);
	pdf_figure_begin(c->pdf, alt);
	for (k = 0; k < NREC; k++) {
		float by = y + 30 + k * 20;

		rc_text(c, c->x0 + 180, by + 10, 76, FONT_REGULAR, SZ_SMALL,
		    C_TEXT, ALIGN_LEFT, rec_words[k].label);
		pdf_round_rect(c->pdf, bx, by + 2, bw, 11, 3, &C_PAPER);
		if (cnt[k] > 0)
			pdf_round_rect(c->pdf, bx, by + 2, bw * (float)cnt[k] /
			    (float)max, 11, 3, &colr[k]);
		snprintf(s, sizeof(s), "%zu", cnt[k]);
		pdf_text(c->pdf, bx + bw + 8, by + 10, FONT_BOLD, SZ_SMALL,
		    C_INK, ALIGN_LEFT, s);
	}
	pdf_tag_end(c->pdf);
	pdf_set_y(c->pdf, y + h + GAP_L);
}

static void
footers(struct rctx *c)
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
		    C_FAINT, ALIGN_LEFT, "Confidential: candidates' names and "
		    "results. Each name links to its report in this "
		    "directory.");
	}
	pdf_artifact_end(c->pdf);
}

int
index_render(const char *datadir, const struct index_row *rows, size_t n,
    const struct index_opts *o, unsigned char **out, size_t *len,
    struct diag *d)
{
	struct render_opts	 ro;
	struct pdf_info		 info;
	struct rctx		 c;
	struct pdf		*pdf;
	char			 fontdir[4096], s[512];
	const char		*err;
	int			 rc = -1;

	*out = NULL;
	*len = 0;
	if ((size_t)snprintf(fontdir, sizeof(fontdir), "%s/fonts", datadir) >=
	    sizeof(fontdir)) {
		diag(d, SEV_FATAL, datadir, 0, "data directory path too long");
		return -1;
	}
	if ((pdf = pdf_new(fontdir, d)) == NULL)
		return -1;
	memset(&ro, 0, sizeof(ro));
	ro.paper = o->paper;
	ro.date = o->date_t;
	ro.brand = o->brand;
	memset(&info, 0, sizeof(info));
	info.title = "Career reports: index";
	info.subject = "Index of FDE and MLOps career reports";
	info.creator = "reportgen " RG_VERSION;
	info.date = o->date_t;
	info.paper = o->paper;
	info.diag_path = INDEX_NAME;
	if (pdf_begin(pdf, &info, d) == -1)
		goto out;
	memset(&c, 0, sizeof(c));
	c.pdf = pdf;
	c.opts = &ro;
	c.brand = o->brand;
	c.accent = C_FDE;
	if (o->brand != NULL && o->brand->has_accent) {
		c.accent.r = o->brand->accent[0];
		c.accent.g = o->brand->accent[1];
		c.accent.b = o->brand->accent[2];
	}
	c.x0 = pdf_left(pdf);
	c.x1 = pdf_right(pdf);
	c.w = c.x1 - c.x0;
	pdf_add_page(pdf);
	pdf_bookmark(pdf, 0, "Index");

	pdf_rect(pdf, c.x0, pdf_y(pdf), 28, 3, &c.accent, NULL, 0);
	pdf_advance(pdf, 8 + SZ_H1);
	pdf_tag_begin(pdf, TAG_H1);
	rc_text(&c, c.x0, pdf_y(pdf), c.w, FONT_BOLD, SZ_H1, C_INK,
	    ALIGN_LEFT, "Career reports");
	pdf_tag_end(pdf);
	pdf_advance(pdf, GAP_M + 4);
	snprintf(s, sizeof(s), "%s%s%zu candidate%s  \xc2\xb7  updated %s%s%s",
	    o->brand != NULL ? o->brand->org : "",
	    o->brand != NULL ? "  \xc2\xb7  " : "", n, n == 1 ? "" : "s",
	    o->date != NULL ? o->date : DASH,
	    o->shard != NULL ? "  \xc2\xb7  shard " : "",
	    o->shard != NULL ? o->shard : "");
	rc_text(&c, c.x0, pdf_y(pdf), c.w, FONT_REGULAR, SZ_LEAD, C_MUTED,
	    ALIGN_LEFT, s);
	pdf_advance(pdf, GAP_L);
	totals(&c, rows, n);
	table(&c, rows, n);
	footers(&c);
	if ((err = pdf_error(pdf)) != NULL) {
		diag(d, SEV_ERROR, INDEX_NAME, 0, "drawing the index: %s",
		    err);
		goto out;
	}
	if (pdf_end(pdf, out, len) == -1) {
		diag(d, SEV_ERROR, INDEX_NAME, 0, "writing the index failed");
		goto out;
	}
	rc = 0;
out:
	pdf_free(pdf);
	return rc;
}
