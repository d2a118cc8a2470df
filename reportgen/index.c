/*
 * index.c: the batch index (index.pdf): a title, the totals and the
 * spread of recommendations as bars, then one table row per candidate
 * with a link to the report file (a relative URI, resolved by viewers
 * against the index's own directory).  The table flows over pages with
 * its header row repeated; every page is numbered.  Last, the cohort
 * page (issue 13): fits spread per role, shared gaps, shared plan steps.  Draws through pdf.h
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
#include "words.h"

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
	snprintf(num, sizeof(num), "index 2 sort=%d paper=%d", (int)o->sort,
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
		bad |= put(h, rows[i].levels);
		bad |= put(h, rows[i].plan);
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

/* The recommendations in the order the totals show them; their words
 * come from words.c, the one table of recommendation words. */
static const enum recommendation rec_order[] = {
	REC_FDE, REC_MLOPS, REC_EITHER, REC_NOT_YET, REC_INSUFFICIENT
};
#define NREC	(sizeof(rec_order) / sizeof(rec_order[0]))

/* The row of rec_order[] for a recommendation id, or -1. */
static int
rec_row(const char *rec)
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
	return (k = rec_row(rec)) >= 0 ? words_rec_short(rec_order[k]) : rec;
}

static void
head_row(struct rctx *c)
{
	float	 y;
	size_t	 i;

	y = pdf_y(c->pdf);
	pdf_rect(c->pdf, c->x0, y, c->w, HEAD_H, &C_NIGHT, NULL, 0);
	for (i = 0; i < NCOLS; i++)
		rc_text(c, cols[i].al == ALIGN_RIGHT ? c->x0 + 6 + c->w *
		    (cols[i].x + cols[i].w) - 12 : c->x0 + 6 + c->w * cols[i].x,
		    y + 13.5f, c->w * cols[i].w - 6, FONT_BOLD, SZ_TINY,
		    C_NIGHT_TEXT, cols[i].al, cols[i].title);
	pdf_advance(c->pdf, HEAD_H);
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
	char			 a[16], b[16];
	float			 y;
	size_t			 i;
	int			 ok;

	pdf_need(c->pdf, HEAD_H + 3 * ROW_H);
	head_row(c);
	for (i = 0; i < n; i++) {
		r = &rows[i];
		if (pdf_need(c->pdf, ROW_H))
			head_row(c);
		y = pdf_y(c->pdf);
		if (i % 2 == 1)
			pdf_rect(c->pdf, c->x0, y, c->w, ROW_H, &C_PANEL,
			    NULL, 0);
		ok = r->output != NULL;
		cell(c, 0, y + 12, ok ? FONT_BOLD : FONT_REGULAR,
		    ok ? c->accent : C_MUTED, row_name(r));
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
		if (ok)
			pdf_link_file(c->pdf, c->x0, y, c->w, ROW_H, r->output);
		pdf_advance(c->pdf, ROW_H);
	}
	pdf_line(c->pdf, c->x0, pdf_y(c->pdf), c->x1, pdf_y(c->pdf), C_RULE,
	    0.6f);
}

/* The totals and the recommendations as horizontal bars. */
static void
totals(struct rctx *c, const struct index_row *rows, size_t n)
{
	struct rgb	 colr[NREC];
	char		 s[128];
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
	rc_text(c, c->x0 + 180, y + 20, c->w - 200, FONT_BOLD, SZ_TINY,
	    C_MUTED, ALIGN_LEFT, "RECOMMENDATIONS");
	for (k = 0; k < NREC; k++) {
		float by = y + 30 + k * 20;

		rc_text(c, c->x0 + 180, by + 10, 76, FONT_REGULAR, SZ_SMALL,
		    C_TEXT, ALIGN_LEFT, words_rec_short(rec_order[k]));
		pdf_round_rect(c->pdf, bx, by + 2, bw, 11, 3, &C_PAPER);
		if (cnt[k] > 0)
			pdf_round_rect(c->pdf, bx, by + 2, bw * (float)cnt[k] /
			    (float)max, 11, 3, &colr[k]);
		snprintf(s, sizeof(s), "%zu", cnt[k]);
		pdf_text(c->pdf, bx + bw + 8, by + 10, FONT_BOLD, SZ_SMALL,
		    C_INK, ALIGN_LEFT, s);
	}
	pdf_set_y(c->pdf, y + h + GAP_L);
}

/* ------------------------------------------------------------ cohort */

/*
 * The cohort page: what a coach needs to plan group sessions.  How the
 * fits are spread (a histogram per role), the gaps most candidates share
 * (level after evidence below what the role requires) and the plan items
 * most plans hold.  Levels and plans come from the rows ("cloud=3,..."
 * and "dim:cloud,area:end_to_end", as the manifest keeps them); the
 * names and requirements from the market data.
 */

#define BINS		10
#define TOP_GAPS	5
#define TOP_PLAN	8

/* The level of dimension id in "a=3,b=2"; 0 when absent. */
static int
level_of(const char *levels, const char *id)
{
	const char	*p = levels;
	size_t		 n = strlen(id);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, id, n) == 0 && p[n] == '=')
			return atoi(p + n + 1);
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return 0;
}

/* Does plan hold the item kind:id ("dim", "cloud")? */
static int
in_plan(const char *plan, const char *kind, const char *id)
{
	const char	*p = plan;
	size_t		 k = strlen(kind), n = strlen(id);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, kind, k) == 0 && p[k] == ':' &&
		    strncmp(p + k + 1, id, n) == 0 &&
		    (p[k + 1 + n] == ',' || p[k + 1 + n] == '\0'))
			return 1;
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One role's histogram of fits, in a panel at x, y of w by h. */
static void
spread(struct rctx *c, float x, float y, float w, float h, const char *title,
    struct rgb col, double *v, size_t nv, double min_fit)
{
	size_t	 cnt[BINS] = { 0 }, i, max = 1, above = 0;
	float	 cx = x + 14, cw = w - 28, top = y + 40, base = y + h - 34;
	float	 bw = cw / BINS;
	char	 s[96];
	int	 b;

	pdf_round_rect(c->pdf, x, y, w, h, 8, &C_PANEL);
	rc_text(c, x + 14, y + 20, w - 28, FONT_BOLD, SZ_SMALL, col,
	    ALIGN_LEFT, title);
	for (i = 0; i < nv; i++) {
		b = (int)(v[i] / (100.0 / BINS));
		b = b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
		if (++cnt[b] > max)
			max = cnt[b];
		above += v[i] >= min_fit;
	}
	for (b = 0; b < BINS; b++) {
		float	 bh = (base - top - 10) * (float)cnt[b] / (float)max;

		if (cnt[b] == 0)
			continue;
		pdf_rect(c->pdf, cx + b * bw + 1.5f, base - bh, bw - 3, bh,
		    &col, NULL, 0);
		snprintf(s, sizeof(s), "%zu", cnt[b]);
		pdf_text(c->pdf, cx + b * bw + bw / 2, base - bh - 3,
		    FONT_REGULAR, SZ_TINY, C_TEXT, ALIGN_CENTER, s);
	}
	pdf_line(c->pdf, cx, base, cx + cw, base, C_FAINT, 0.6f);
	for (b = 0; b <= BINS; b += BINS / 2) {
		snprintf(s, sizeof(s), "%d", b * (100 / BINS));
		pdf_text(c->pdf, cx + b * bw, base + 10, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_CENTER, s);
	}
	if (nv > 0) {
		qsort(v, nv, sizeof(*v), cmp_double);
		snprintf(s, sizeof(s), "median %.0f  \xc2\xb7  %zu of %zu at "
		    "%.0f or more", nv % 2 ? v[nv / 2] : (v[nv / 2 - 1] +
		    v[nv / 2]) / 2, above, nv, min_fit);
		rc_text(c, x + 14, y + h - 10, w - 28, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_LEFT, s);
	}
}

/* A labelled bar: label, a bar for n of total, the count in words. */
static void
bar_row(struct rctx *c, float x, float y, float w, float lshare,
    const char *label, size_t n, size_t total, struct rgb col,
    const char *words)
{
	float	 lw = w * lshare, bx = x + lw + 6, bw = w * 0.22f;

	rc_text(c, x, y + 9, lw, FONT_REGULAR, SZ_SMALL, C_TEXT, ALIGN_LEFT,
	    label);
	pdf_round_rect(c->pdf, bx, y + 1, bw, 10, 3, &C_PANEL);
	if (n > 0 && total > 0)
		pdf_round_rect(c->pdf, bx, y + 1, bw * (float)n / (float)total,
		    10, 3, &col);
	rc_text(c, bx + bw + 6, y + 9, w - lw - bw - 12, FONT_REGULAR,
	    SZ_TINY, C_MUTED, ALIGN_LEFT, words);
}

struct tally {
	int	 what;		/* dimension index, or -1 - area index */
	size_t	 n;
	double	 sum;		/* levels short, for gaps */
};

static int
cmp_tally(const void *a, const void *b)
{
	const struct tally	*x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	if (x->sum != y->sum)
		return x->sum < y->sum ? 1 : -1;
	return x->what - y->what;
}

/* The gaps most candidates share for role r, in a column at x of w. */
static void
gaps(struct rctx *c, const struct market *m, enum role r, float x, float y,
    float w, const struct index_row *rows, size_t n, size_t nknown)
{
	struct tally	 t[MAX_DIMS];
	char		 s[96];
	size_t		 i;
	int		 d, k = 0, lv, req;

	for (d = 0; d < m->ndims; d++) {
		t[k].what = d;
		t[k].n = 0;
		t[k].sum = 0;
		if ((req = m->dims[d].req[r].level) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (!rows[i].has_fit || rows[i].levels == NULL)
				continue;
			if ((lv = level_of(rows[i].levels, m->dims[d].id)) <
			    req) {
				t[k].n++;
				t[k].sum += req - lv;
			}
		}
		if (t[k].n > 0)
			k++;
	}
	qsort(t, (size_t)k, sizeof(*t), cmp_tally);
	rc_text(c, x, y + 4, w, FONT_BOLD, SZ_SMALL, r == ROLE_FDE ? C_FDE :
	    C_MLOPS, ALIGN_LEFT, r == ROLE_FDE ? "For Forward Deployed "
	    "Engineer" : "For MLOps Engineer");
	if (k == 0)
		rc_text(c, x, y + 22, w, FONT_ITALIC, SZ_SMALL, C_MUTED,
		    ALIGN_LEFT, "No gap: everyone meets every requirement.");
	for (d = 0; d < k && d < TOP_GAPS; d++) {
		snprintf(s, sizeof(s), "%zu of %zu, %.1f below", t[d].n,
		    nknown, t[d].sum / (double)t[d].n);
		bar_row(c, x, y + 12 + d * 18, w, 0.36f,
		    m->dims[t[d].what].short_name != NULL ?
		    m->dims[t[d].what].short_name : m->dims[t[d].what].name,
		    t[d].n, nknown, r == ROLE_FDE ? C_FDE : C_MLOPS, s);
	}
}

static void
cohort(struct rctx *c, const struct market *m, const struct index_row *rows,
    size_t n)
{
	struct tally	 t[MAX_DIMS + MAX_AREAS];
	double		*fde, *mlops;
	size_t		 i, nfit = 0, nknown = 0, nplan = 0;
	float		 y, half = (c->w - 16) / 2;
	char		 s[256];
	int		 d, a, k = 0;

	if ((fde = calloc(n + 1, sizeof(*fde))) == NULL ||
	    (mlops = calloc(n + 1, sizeof(*mlops))) == NULL) {
		free(fde);
		return;		/* the page is left out, the index is not */
	}
	for (i = 0; i < n; i++) {
		if (!rows[i].has_fit)
			continue;
		fde[nfit] = rows[i].fde;
		mlops[nfit++] = rows[i].mlops;
		nknown += rows[i].levels != NULL;
		nplan += rows[i].plan != NULL && rows[i].plan[0] != '\0';
	}
	if (nfit == 0)
		goto out;
	pdf_add_page(c->pdf);
	pdf_bookmark(c->pdf, 0, "The group");
	snprintf(s, sizeof(s), "%zu candidate%s with a score: how their fits "
	    "spread, the gaps most of them share and the plan steps most "
	    "plans hold, to plan group sessions around.", nfit,
	    nfit == 1 ? "" : "s");
	rc_title(c, "The group", s);

	rc_heading(c, "How the fits are spread", 150);
	y = pdf_y(c->pdf);
	spread(c, c->x0, y, half, 140, "Forward Deployed Engineer fit", C_FDE,
	    fde, nfit, m->min_fit);
	spread(c, c->x0 + half + 16, y, half, 140, "MLOps Engineer fit",
	    C_MLOPS, mlops, nfit, m->min_fit);
	pdf_set_y(c->pdf, y + 140 + GAP_M);

	if (nknown > 0) {
		rc_heading(c, "The gaps most candidates share", 24 +
		    TOP_GAPS * 18);
		pdf_advance(c->pdf, 4);
		y = pdf_y(c->pdf);
		gaps(c, m, ROLE_FDE, c->x0, y, half, rows, n, nknown);
		gaps(c, m, ROLE_MLOPS, c->x0 + half + 16, y, half, rows, n,
		    nknown);
		pdf_set_y(c->pdf, y + 20 + TOP_GAPS * 18 + GAP_M);
	}
	if (nplan > 0) {
		for (d = 0; d < m->ndims; d++)
			t[k++] = (struct tally){ d, 0, 0 };
		for (a = 0; a < m->nareas; a++)
			t[k++] = (struct tally){ -1 - a, 0, 0 };
		for (d = 0; d < k; d++)
			for (i = 0; i < n; i++)
				if (rows[i].has_fit && rows[i].plan != NULL &&
				    in_plan(rows[i].plan, t[d].what >= 0 ?
				    "dim" : "area", t[d].what >= 0 ?
				    m->dims[t[d].what].id :
				    m->areas[-1 - t[d].what].id))
					t[d].n++;
		qsort(t, (size_t)k, sizeof(*t), cmp_tally);
		rc_heading(c, "The plan steps most plans share", TOP_PLAN * 18);
		y = pdf_y(c->pdf);
		for (d = 0; d < k && d < TOP_PLAN && t[d].n > 0; d++) {
			const char	*name;
			enum role	 r;

			if (t[d].what >= 0) {
				name = m->dims[t[d].what].name;
				r = ROLE__N;
			} else {
				name = m->areas[-1 - t[d].what].name;
				r = m->areas[-1 - t[d].what].role;
			}
			snprintf(s, sizeof(s), "in %zu of %zu plans%s", t[d].n,
			    nplan, r == ROLE_FDE ? " (FDE)" : r == ROLE_MLOPS ?
			    " (MLOps)" : "");
			bar_row(c, c->x0, y + d * 18, c->w, 0.46f, name, t[d].n,
			    nplan,
			    c->accent, s);
		}
		pdf_set_y(c->pdf, y + d * 18 + GAP_M);
	}
	rc_para(c, FONT_ITALIC, SZ_TINY, 10, C_MUTED, "Levels are those after "
	    "evidence, as each report shows them; a gap is a level below what "
	    "the role requires.  A plan holds the steps for its candidate's "
	    "target role (or the recommended one).");
out:
	free(fde);
	free(mlops);
}

static void
footers(struct rctx *c)
{
	char	 s[64];
	float	 bot = pdf_bottom(c->pdf);
	int	 i, n = pdf_page_count(c->pdf);

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
	rc_text(&c, c.x0, pdf_y(pdf), c.w, FONT_BOLD, SZ_H1, C_INK,
	    ALIGN_LEFT, "Career reports");
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
	if (o->market != NULL)
		cohort(&c, o->market, rows, n);
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
