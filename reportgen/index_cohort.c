/*
 * index_cohort.c: the cohort page of index.pdf (issue 13), and the totals
 * it is drawn from, counted as the rows go by (index.c calls
 * index_totals_add for every row and index_cohort at the end).  Draws
 * through pdf.h and the text helpers of sections.h, like index.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_private.h"
#include "pdf.h"
#include "sections.h"
#include "theme.h"
#include "words.h"

/*
 * The cohort page: what a coach needs to plan group sessions.  How the
 * fits are spread (a histogram per role), the gaps most candidates share
 * (level after evidence below what the role requires) and the plan items
 * most plans hold.  Levels and plans come from the rows ("cloud=3,..."
 * and "dim:cloud,area:end_to_end", as the manifest keeps them), counted
 * into struct totals as they go by; the names and requirements from the
 * market data.
 */

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

/* Counts one row into t (m: the market, NULL: no cohort page). */
void
index_totals_add(struct totals *t, const struct market *m,
    const struct index_row *r)
{
	double	 v;
	int	 row, k, b, d, a, lv, req;
	long	 f;

	t->n++;
	if (r->output != NULL)
		t->ok++;
	if (r->has_fit && (row = index_rec_row(r->rec)) >= 0)
		t->rec[row]++;
	if (!r->has_fit)
		return;
	t->nfit++;
	t->nknown += r->levels != NULL;
	t->nplan += r->plan != NULL && r->plan[0] != '\0';
	for (k = 0; k < ROLE__N; k++) {
		v = k == ROLE_FDE ? r->fde : r->mlops;
		b = (int)(v / (100.0 / BINS));
		t->bins[k][b < 0 ? 0 : b >= BINS ? BINS - 1 : b]++;
		t->above[k] += m != NULL && v >= m->min_fit;
		f = lround(v * 10);
		t->fine[k][f < 0 ? 0 : f >= FINE ? FINE - 1 : f]++;
	}
	if (m == NULL)
		return;
	for (d = 0; d < m->ndims && r->levels != NULL; d++)
		for (k = 0; k < ROLE__N; k++)
			if ((req = m->dims[d].req[k].level) > 0 &&
			    (lv = level_of(r->levels, m->dims[d].id)) < req) {
				t->gap_n[k][d]++;
				t->gap_sum[k][d] += req - lv;
			}
	for (d = 0; d < m->ndims && r->plan != NULL; d++)
		t->plan_n[d] += in_plan(r->plan, "dim", m->dims[d].id);
	for (a = 0; a < m->nareas && r->plan != NULL; a++)
		t->plan_n[MAX_DIMS + a] += in_plan(r->plan, "area",
		    m->areas[a].id);
}

/* The value of rank i (from 0) among role k's fits, to 0.1. */
double
index_fine_at(const struct totals *t, int k, size_t i)
{
	size_t	 f, seen = 0;

	for (f = 0; f < FINE; f++)
		if ((seen += t->fine[k][f]) > i)
			break;
	return (double)f / 10.0;
}

/* One role's histogram of fits, in a panel at x, y of w by h. */
static void
spread(struct rctx *c, float x, float y, float w, float h, const char *title,
    struct rgb col, const struct totals *t, int k, double median,
    double min_fit, int big)
{
	size_t	 i, max = 1, nv = t->nfit;
	float	 cx = x + 14, cw = w - 28, top = y + 40, base = y + h - 34;
	float	 bw = cw / BINS;
	char	 s[96], a[32], b2[32];
	int	 b;

	pdf_round_rect(c->pdf, x, y, w, h, 8, &C_PANEL);
	rc_text(c, x + 14, y + 20, w - 28, FONT_BOLD, SZ_SMALL, col,
	    ALIGN_LEFT, title);
	for (i = 0; i < BINS; i++)
		if (t->bins[k][i] > max)
			max = t->bins[k][i];
	for (b = 0; b < BINS; b++) {
		float	 bh = (base - top - 10) * (float)t->bins[k][b] /
		    (float)max;

		if (t->bins[k][b] == 0)
			continue;
		pdf_rect(c->pdf, cx + b * bw + 1.5f, base - bh, bw - 3, bh,
		    &col, NULL, 0);
		snprintf(s, sizeof(s), "%zu", t->bins[k][b]);
		pdf_text(c->pdf, cx + b * bw + bw / 2, base - bh - 3,
		    FONT_REGULAR, SZ_TINY, C_TEXT, ALIGN_CENTER, s);
	}
	pdf_line(c->pdf, cx, base, cx + cw, base, C_FAINT, 0.6f);
	for (b = 0; b <= BINS; b += BINS / 2) {
		snprintf(s, sizeof(s), "%d", b * (100 / BINS));
		pdf_text(c->pdf, cx + b * bw, base + 10, FONT_REGULAR, SZ_TINY,
		    C_MUTED, ALIGN_CENTER, s);
	}
	if (nv > 0 && big)
		snprintf(s, sizeof(s), "median %.0f  \xc2\xb7  %s of %s at "
		    "%.0f or more", median, index_count(a, sizeof(a), t->above[k]),
		    index_count(b2, sizeof(b2), nv), min_fit);
	else if (nv > 0)
		snprintf(s, sizeof(s), "median %.0f  \xc2\xb7  %zu of %zu at "
		    "%.0f or more", median, t->above[k], nv, min_fit);
	if (nv > 0) {
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
    float w, const struct totals *tot, int big)
{
	struct tally	 t[MAX_DIMS];
	char		 s[96];
	int		 d, k = 0;

	for (d = 0; d < m->ndims; d++) {
		if (m->dims[d].req[r].level <= 0 || tot->gap_n[r][d] == 0)
			continue;
		t[k].what = d;
		t[k].n = tot->gap_n[r][d];
		t[k++].sum = tot->gap_sum[r][d];
	}
	qsort(t, (size_t)k, sizeof(*t), cmp_tally);
	rc_text(c, x, y + 4, w, FONT_BOLD, SZ_SMALL, r == ROLE_FDE ? C_FDE :
	    C_MLOPS, ALIGN_LEFT, r == ROLE_FDE ? "For Forward Deployed "
	    "Engineer" : "For MLOps Engineer");
	if (k == 0)
		rc_text(c, x, y + 22, w, FONT_ITALIC, SZ_SMALL, C_MUTED,
		    ALIGN_LEFT, "No gap: everyone meets every requirement.");
	for (d = 0; d < k && d < TOP_GAPS; d++) {
		if (big)	/* "36,123 of 48,494" would not fit */
			snprintf(s, sizeof(s), "%.0f%%, %.1f below", 100.0 *
			    (double)t[d].n / (double)tot->nknown,
			    t[d].sum / (double)t[d].n);
		else
			snprintf(s, sizeof(s), "%zu of %zu, %.1f below",
			    t[d].n, tot->nknown, t[d].sum / (double)t[d].n);
		bar_row(c, x, y + 12 + d * 18, w, 0.36f,
		    m->dims[t[d].what].short_name != NULL ?
		    m->dims[t[d].what].short_name : m->dims[t[d].what].name,
		    t[d].n, tot->nknown, r == ROLE_FDE ? C_FDE : C_MLOPS, s);
	}
}

/* The cohort page from the totals; median[role]: the median fit; big:
 * shares rather than counts where counts would not fit. */
void
index_cohort(struct rctx *c, const struct market *m, const struct totals *tot,
    const double median[ROLE__N], int big)
{
	struct tally	 t[MAX_DIMS + MAX_AREAS];
	size_t		 nfit = tot->nfit, nplan = tot->nplan;
	float		 y, half = (c->w - 16) / 2;
	char		 s[256], n1[32], n2[32];
	int		 d, a, k = 0;

	if (nfit == 0)
		return;
	if (big)
		index_count(n1, sizeof(n1), nfit);
	else
		snprintf(n1, sizeof(n1), "%zu", nfit);
	pdf_add_page(c->pdf);
	pdf_bookmark(c->pdf, 0, "The group");
	snprintf(s, sizeof(s), "%s candidate%s with a score: how their fits "
	    "spread, the gaps most of them share and the plan steps most "
	    "plans hold, to plan group sessions around.", n1,
	    nfit == 1 ? "" : "s");
	rc_title(c, "The group", s);

	rc_heading(c, "How the fits are spread", 150);
	y = pdf_y(c->pdf);
	spread(c, c->x0, y, half, 140, "Forward Deployed Engineer fit", C_FDE,
	    tot, ROLE_FDE, median[ROLE_FDE], m->min_fit, big);
	spread(c, c->x0 + half + 16, y, half, 140, "MLOps Engineer fit",
	    C_MLOPS, tot, ROLE_MLOPS, median[ROLE_MLOPS], m->min_fit, big);
	pdf_set_y(c->pdf, y + 140 + GAP_M);

	if (tot->nknown > 0) {
		rc_heading(c, "The gaps most candidates share", 24 +
		    TOP_GAPS * 18);
		pdf_advance(c->pdf, 4);
		y = pdf_y(c->pdf);
		gaps(c, m, ROLE_FDE, c->x0, y, half, tot, big);
		gaps(c, m, ROLE_MLOPS, c->x0 + half + 16, y, half, tot, big);
		pdf_set_y(c->pdf, y + 20 + TOP_GAPS * 18 + GAP_M);
	}
	if (nplan > 0) {
		for (d = 0; d < m->ndims; d++)
			t[k++] = (struct tally){ d, tot->plan_n[d], 0 };
		for (a = 0; a < m->nareas; a++)
			t[k++] = (struct tally){ -1 - a,
			    tot->plan_n[MAX_DIMS + a], 0 };
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
			if (big) {
				index_count(n1, sizeof(n1), t[d].n);
				index_count(n2, sizeof(n2), nplan);
			} else {
				snprintf(n1, sizeof(n1), "%zu", t[d].n);
				snprintf(n2, sizeof(n2), "%zu", nplan);
			}
			snprintf(s, sizeof(s), "in %s of %s plans%s", n1, n2,
			    r == ROLE_FDE ? " (FDE)" : r == ROLE_MLOPS ?
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
}
