/*
 * sect_comp.c: compensation.  The bands for the candidate's market as a
 * seniority x role table (the candidate's row highlighted) and as a range
 * chart, the pay basis of each role stated where the numbers are, where
 * current pay stands against each band (paytext.c writes the sentences),
 * the other market in a smaller table, other published figures, and
 * every band's source and the data's date.  Estimates are marked "est."
 * and never called published; a band with a scope carries a footnote.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paytext.h"
#include "sections.h"
#include "theme.h"

static const struct band *
find_band(const struct market *m, enum mkt k, enum role r, enum seniority s)
{
	int	 i;

	for (i = 0; i < m->nbands; i++)
		if (m->bands[i].market == k && m->bands[i].role == r &&
		    m->bands[i].seniority == s)
			return &m->bands[i];
	return NULL;
}

/* Short words for a column's basis, under the role's name. */
static const char *
basis_words(enum basis b)
{
	return b == BASIS_TOTAL ? "total compensation" : b == BASIS_BASE ?
	    "base salary" : "base or total not stated";
}

static const char *
market_words(enum mkt k)
{
	return k == MKT_US ? "United States" : "India";
}

/* Whether band i is the first of market k's bands to name its scope. */
static int
scope_first(const struct market *m, enum mkt k, int i)
{
	int	 j;

	for (j = 0; j < i; j++)
		if (m->bands[j].market == k && m->bands[j].scope != NULL &&
		    strcmp(m->bands[j].scope, m->bands[i].scope) == 0)
			return 0;
	return 1;
}

/* The footnote mark of band b's scope in market k: one "*" for the first
 * scope the market's bands name, two for the second, ...; "" without. */
static const char *
scope_mark(const struct market *m, enum mkt k, const struct band *b)
{
	static const char	 stars[] = "********";
	int			 i, n = 0;

	if (b->scope == NULL)
		return "";
	for (i = 0; i < m->nbands; i++) {
		if (m->bands[i].market != k || m->bands[i].scope == NULL ||
		    !scope_first(m, k, i))
			continue;
		if (n < (int)sizeof(stars) - 1)
			n++;
		if (strcmp(m->bands[i].scope, b->scope) == 0)
			break;
	}
	return stars + (sizeof(stars) - 1 - n);
}

/* One small muted line under a table. */
static void
footnote(struct rctx *c, const char *s)
{
	pdf_need(c->pdf, LEAD_TINY);
	pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_TINY, LEAD_TINY,
	    C_MUTED, s);
}

/* The seniority x role table for market k; big for the candidate's. */
static void
grid(struct rctx *c, enum mkt k, int big)
{
	struct pdf		*pdf = c->pdf;
	const struct market	*m = c->m;
	const struct band	*b;
	float			 rh = big ? 26 : 17, fs = big ? SZ_BODY : SZ_SMALL;
	float			 c1 = c->x0 + (big ? 186 : 140), cw, y, x;
	char			 s[96];
	int			 sen, r, mine, basis, est = 0, i;

	cw = (c->x1 - c1) / 2;
	pdf_need(pdf, 30 + SEN__N * rh);
	y = pdf_y(pdf);
	pdf_tag_begin(pdf, TAG_TABLE);
	pdf_tag_begin(pdf, TAG_TR_HEAD);
	rc_text(c, c->x0, y + 10, c1 - c->x0, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "SENIORITY");
	for (r = 0; r < ROLE__N; r++) {
		x = c1 + r * cw + 8;
		pdf_tag_begin(pdf, TAG_TH);
		rc_text(c, x, y + 10, cw - 12, FONT_BOLD, big ? SZ_SMALL :
		    SZ_TINY, role_color((enum role)r), ALIGN_LEFT,
		    m->roles[r].name);
		basis = pay_market_basis(m, k, (enum role)r);
		if (basis >= 0)
			rc_text(c, x, y + (big ? 20 : 18), cw - 12,
			    FONT_REGULAR, big ? SZ_TINY : 6, C_MUTED,
			    ALIGN_LEFT, basis_words((enum basis)basis));
		pdf_tag_end(pdf);
	}
	pdf_tag_end(pdf);
	y += big ? 26 : 23;
	pdf_line(pdf, c->x0, y, c->x1, y, C_RULE, 0.8f);
	for (sen = 0; sen < SEN__N; sen++) {
		mine = big && sen == (int)c->a->seniority;
		if (mine)
			pdf_rect(pdf, c->x0, y, c->w, rh, &C_HILITE, NULL, 0);
		pdf_tag_begin(pdf, TAG_TR);
		pdf_tag_begin(pdf, TAG_TH_ROW);
		/* the seniority's words; the row marked YOU leaves it room */
		rc_text(c, c->x0 + 6, y + rh / 2 + fs / 3, c1 - c->x0 -
		    (mine ? 44 : 10), mine ? FONT_BOLD : FONT_REGULAR, fs,
		    C_INK, ALIGN_LEFT,
		    m->seniority_name[sen]);
		if (mine)
			rc_text(c, c1 - 6, y + rh / 2 + SZ_TINY / 3, 40,
			    FONT_BOLD, SZ_TINY, C_YOU, ALIGN_RIGHT, "YOU");
		pdf_tag_end(pdf);
		for (r = 0; r < ROLE__N; r++) {
			x = c1 + r * cw + 8;
			b = find_band(m, k, (enum role)r, (enum seniority)sen);
			if (b == NULL) {
				rc_text(c, x, y + rh / 2 + fs / 3, cw - 12,
				    FONT_ITALIC, fs - 1, C_FAINT, ALIGN_LEFT,
				    "no published figure");
				continue;
			}
			fmt_range(s, sizeof(s), b->currency, b->min, b->max,
			    b->open_ended);
			basis = pay_market_basis(m, k, (enum role)r);
			if ((int)b->basis != basis)
				strncat(s, b->basis == BASIS_TOTAL ? " (total)" :
				    b->basis == BASIS_BASE ? " (base)" :
				    " (basis not stated)",
				    sizeof(s) - strlen(s) - 1);
			if (b->kind == KIND_ESTIMATE) {
				strncat(s, " est.", sizeof(s) - strlen(s) - 1);
				est = 1;
			}
			if (b->scope != NULL)
				snprintf(s + strlen(s), sizeof(s) - strlen(s),
				    " %s", scope_mark(m, k, b));
			rc_text(c, x, y + rh / 2 + fs / 3, cw - 12,
			    mine ? FONT_BOLD : FONT_REGULAR, big ? 11 : fs,
			    mine ? role_color((enum role)r) : C_TEXT,
			    ALIGN_LEFT, s);
		}
		pdf_tag_end(pdf);
		y += rh;
		pdf_line(pdf, c->x0, y, c->x1, y, C_RULE, 0.4f);
	}
	pdf_tag_end(pdf);
	pdf_set_y(pdf, y + 4);
	/* what the marks in the cells mean */
	if (est)
		footnote(c, "est.: our estimate from what the article says; it "
		    "gives no figure for that level.");
	for (i = 0; i < m->nbands; i++) {
		char	 f[300];

		b = &m->bands[i];
		if (b->market != k || b->scope == NULL || !scope_first(m, k, i))
			continue;
		snprintf(f, sizeof(f), "%s %s: %s.", scope_mark(m, k, b),
		    m->roles[b->role].short_name, b->scope);
		footnote(c, f);
	}
	pdf_advance(pdf, GAP_M - 4);
}

/* A round step for the chart's axis. */
static long
nice_step(long span)
{
	long	 steps[] = { 1, 2, 5 }, base = 1, s;
	int	 i;

	for (;;) {
		for (i = 0; i < 3; i++) {
			s = steps[i] * base;
			if (span / s <= 6)
				return s;
		}
		if (base > 100000000L)
			return base * 10;
		base *= 10;
	}
}

#define CH_LABEL	120.0f
#define CH_BAR		9.0f
#define CH_YOU		14.0f	/* the row above the chart for "you today" */

/* The candidate's pay on the chart's axis (0..hi from ax, aw wide): a
 * dashed line and a label with the figure in the row above the chart.
 * Past the axis end it is clamped there, with an arrow pointing on. */
static void
you_today(struct rctx *c, enum currency cur, long hi, float ax, float aw,
    float y0, float h)
{
	struct pdf	*pdf = c->pdf;
	char		 fig[48], s[96];
	float		 x, tw, lx;
	int		 off = c->p->comp_amount > hi;

	fmt_money(fig, sizeof(fig), cur, c->p->comp_amount);
	snprintf(s, sizeof(s), off ? "you today: %s, off the chart "
	    "\xe2\x86\x92" : "you today: %s", fig);
	x = off ? c->x1 : ax + aw * (float)c->p->comp_amount / (float)hi;
	/* off the chart: the label alone, at the right end, pointing on */
	if (!off)
		pdf_dashed_line(pdf, x, y0, x, y0 + h - 18, C_YOU, 1);
	tw = pdf_measure(pdf, FONT_BOLD, 6, s) + 10;
	/* centred on the line, kept inside the content box */
	lx = off ? x - tw : x - tw / 2;
	if (lx + tw > c->x1)
		lx = c->x1 - tw;
	if (lx < c->x0)
		lx = c->x0;
	pdf_round_rect(pdf, lx, y0 - CH_YOU + 1, tw, 10, 5, &C_YOU);
	rc_text(c, lx + tw / 2, y0 - CH_YOU + 7.5f, tw - 2, FONT_BOLD, 6,
	    C_PAPER, ALIGN_CENTER, s);
}

/* Horizontal range bars per seniority and role, on one axis. */
static void
chart(struct rctx *c)
{
	struct pdf		*pdf = c->pdf;
	const struct market	*m = c->m;
	const struct band	*b;
	enum mkt		 k = c->p->market;
	enum currency		 cur = CUR_USD;
	long			 hi = 0, step, t, end;
	float			 ax, aw, y, y0, h, x0, x1, tail;
	int			 sen, r, rows = 0, i, any;
	char			 s[64], alt[2048];
	struct rgb		 col;
	size_t			 o;

	for (sen = 0; sen < SEN__N; sen++)
		for (any = 0, r = 0; r < ROLE__N; r++)
			if ((b = find_band(m, k, (enum role)r,
			    (enum seniority)sen)) != NULL) {
				cur = b->currency;
				end = b->max > 0 ? b->max : b->min;
				if (b->open_ended)
					end += end / 4;
				if (end > hi)
					hi = end;
				if (!any++)
					rows++;
			}
	if (rows == 0)
		return;
	/* The axis fits the bands only: a pay far off the chart is clamped
	 * to its end with an arrow, never allowed to squash the bars. */
	step = nice_step(hi);
	hi = (hi / step + 1) * step;

	rc_heading(c, "Ranges at a glance", 60);
	/* the chart in words: every band, then the candidate's pay */
	o = (size_t)snprintf(alt, sizeof(alt), "Range chart of published "
	    "pay by seniority and role, %s market.", k == MKT_US ?
	    "United States" : "India");
	for (sen = 0; sen < SEN__N; sen++)
		for (r = 0; r < ROLE__N && o < sizeof(alt); r++) {
			if ((b = find_band(m, k, (enum role)r,
			    (enum seniority)sen)) == NULL)
				continue;
			fmt_range(s, sizeof(s), b->currency, b->min, b->max,
			    b->open_ended);
			o += (size_t)snprintf(alt + o, sizeof(alt) - o,
			    " %s, %s: %s%s.", m->seniority_name[sen],
			    m->roles[r].short_name, s, b->kind ==
			    KIND_ESTIMATE ? " (our estimate)" : "");
		}
	if (c->p->has_comp && c->p->comp_currency == cur &&
	    o < sizeof(alt)) {
		fmt_money(s, sizeof(s), cur, c->p->comp_amount);
		snprintf(alt + o, sizeof(alt) - o, " You today: %s%s.", s,
		    c->p->comp_amount > hi ? ", off the chart" : "");
	}
	h = rows * (2 * CH_BAR + 14) + 30;
	pdf_need(pdf, h + CH_YOU);
	/* a row of its own for the "you today" label, below the heading */
	if (c->p->has_comp && c->p->comp_currency == cur)
		pdf_advance(pdf, CH_YOU);
	y0 = y = pdf_y(pdf);
	pdf_figure_begin(pdf, alt);
	ax = c->x0 + CH_LABEL;
	aw = c->w - CH_LABEL - 60;
	/* grid and axis labels */
	for (t = 0; t <= hi; t += step) {
		x0 = ax + aw * (float)t / (float)hi;
		pdf_line(pdf, x0, y, x0, y + h - 18, C_RULE, 0.5f);
		fmt_money(s, sizeof(s), cur, t);
		pdf_text(pdf, x0, y + h - 8, FONT_REGULAR, SZ_TINY, C_FAINT,
		    ALIGN_CENTER, s);
	}
	y += 6;
	for (sen = 0; sen < SEN__N; sen++) {
		any = 0;
		for (r = 0; r < ROLE__N; r++)
			if (find_band(m, k, (enum role)r,
			    (enum seniority)sen) != NULL)
				any = 1;
		if (!any)
			continue;
		rc_text(c, c->x0, y + CH_BAR + 4, CH_LABEL - 10,
		    sen == (int)c->a->seniority ? FONT_BOLD : FONT_REGULAR,
		    SZ_SMALL, C_INK, ALIGN_LEFT, m->seniority_name[sen]);
		for (r = 0; r < ROLE__N; r++, y += CH_BAR + 2) {
			b = find_band(m, k, (enum role)r, (enum seniority)sen);
			if (b == NULL)
				continue;
			col = role_color((enum role)r);
			x0 = ax + aw * (float)b->min / (float)hi;
			x1 = ax + aw * (float)(b->max > 0 ? b->max : b->min) /
			    (float)hi;
			if (x1 - x0 < 3)
				x1 = x0 + 3;
			pdf_round_rect(pdf, x0, y, x1 - x0, CH_BAR, 2, &col);
			tail = x1;
			if (b->open_ended) {
				/* a fading tail and an arrow head */
				float w4 = (aw * 0.12f) / 4, xs[3], ys[3];

				for (i = 0; i < 4; i++) {
					float px[4] = { tail, tail + w4,
					    tail + w4, tail };
					float py[4] = { y, y, y + CH_BAR,
					    y + CH_BAR };

					pdf_polygon(pdf, px, py, 4, &col,
					    0.55f - i * 0.13f, NULL, 0);
					tail += w4;
				}
				xs[0] = tail; ys[0] = y - 1;
				xs[1] = tail + 5; ys[1] = y + CH_BAR / 2;
				xs[2] = tail; ys[2] = y + CH_BAR + 1;
				pdf_polygon(pdf, xs, ys, 3, &col, 0.35f, NULL,
				    0);
				tail += 5;
			}
			fmt_range(s, sizeof(s), b->currency, b->min, b->max,
			    b->open_ended);
			if (b->kind == KIND_ESTIMATE)
				strncat(s, " est.", sizeof(s) - strlen(s) - 1);
			if (b->scope != NULL)
				snprintf(s + strlen(s), sizeof(s) - strlen(s),
				    " %s", scope_mark(m, k, b));
			rc_text(c, tail + 4, y + CH_BAR - 1.5f,
			    c->x1 - tail - 4, FONT_BOLD, SZ_TINY, col,
			    ALIGN_LEFT, s);
		}
		y += 10;
	}
	if (c->p->has_comp && c->p->comp_currency == cur)
		you_today(c, cur, hi, ax, aw, y0, h);
	pdf_tag_end(pdf);
	pdf_set_y(pdf, y0 + h + GAP_S);
}

/* What each role's figures are in the candidate's market, and why the
 * two are not compared like for like when their bases differ. */
static void
basis_note(struct rctx *c)
{
	const struct market	*m = c->m;
	enum mkt		 k = c->p->market;
	char			 s[640];
	int			 f, o;

	f = pay_market_basis(m, k, ROLE_FDE);
	o = pay_market_basis(m, k, ROLE_MLOPS);
	if (f < 0 || o < 0)
		return;
	if (f == o && f != BASIS_UNSTATED)
		snprintf(s, sizeof(s), "Both roles' figures are %s.",
		    pay_basis_words((enum basis)f));
	else if (f == BASIS_UNSTATED || o == BASIS_UNSTATED)
		snprintf(s, sizeof(s), "%s figures are %s. For %s the article "
		    "does not say whether its figures are base salary or total "
		    "compensation, so the two roles are not compared like for "
		    "like.", m->roles[f == BASIS_UNSTATED ? ROLE_MLOPS :
		    ROLE_FDE].short_name, pay_basis_words((enum basis)(f ==
		    BASIS_UNSTATED ? o : f)), m->roles[f == BASIS_UNSTATED ?
		    ROLE_FDE : ROLE_MLOPS].short_name);
	else
		snprintf(s, sizeof(s), "%s figures are %s; %s figures are "
		    "%s. The two are not directly comparable: total "
		    "compensation includes equity on top of base salary (the "
		    "article says FDE pay at Palantir, OpenAI and Anthropic "
		    "typically includes meaningful equity).",
		    m->roles[ROLE_FDE].short_name,
		    pay_basis_words((enum basis)f),
		    m->roles[ROLE_MLOPS].short_name,
		    pay_basis_words((enum basis)o));
	pdf_need(c->pdf, 40);
	pdf_rect(c->pdf, c->x0, pdf_y(c->pdf), 2.5f, rc_height(c, FONT_BOLD,
	    SZ_SMALL, c->w - 12, LEAD_SMALL, s), &C_MLOPS, NULL, 0);
	pdf_paragraph(c->pdf, c->x0 + 10, c->w - 12, FONT_BOLD, SZ_SMALL,
	    LEAD_SMALL, C_TEXT, s);
	pdf_advance(c->pdf, GAP_M);
}

/* Where the candidate's pay stands against each band (paytext.c). */
static void
current_pay(struct rctx *c)
{
	const struct profile	*p = c->p;
	char			 s[1000], now[48];
	int			 r;

	if (!p->has_comp)
		return;
	rc_heading(c, "Against your current pay", 50);
	fmt_money(now, sizeof(now), p->comp_currency, p->comp_amount);
	snprintf(s, sizeof(s), "You earn %s a year (%s). Each line sets the "
	    "band for your level against it.", now,
	    pay_basis_words(p->comp_basis));
	rc_para(c, FONT_REGULAR, SZ_BODY, LEAD_BODY, C_TEXT, s);
	for (r = 0; r < ROLE__N; r++) {
		pay_compare_sentence(s, sizeof(s), c->a, (enum role)r);
		pdf_need(c->pdf, LEAD_BODY);
		pdf_rect(c->pdf, c->x0, pdf_y(c->pdf) + 3.5f, 6, 6,
		    (const struct rgb []){ role_color((enum role)r) }, NULL,
		    0);
		pdf_paragraph(c->pdf, c->x0 + 12, c->w - 12, FONT_REGULAR,
		    SZ_BODY, LEAD_BODY, C_TEXT, s);
		pdf_advance(c->pdf, 3);
	}
	pdf_advance(c->pdf, GAP_M);
}

static void
references(struct rctx *c)
{
	const struct market	*m = c->m;
	const struct reference	*rf;
	char			 s[640], rng[64];
	int			 i, n = 0;

	for (i = 0; i < m->nrefs; i++)
		n++;
	if (n == 0)
		return;
	rc_heading(c, "Other published figures", 30);
	for (i = 0; i < m->nrefs; i++) {
		rf = &m->refs[i];
		fmt_range(rng, sizeof(rng), rf->currency, rf->min, rf->max, 0);
		snprintf(s, sizeof(s), "%s: %s%s%s (job: %s; %s; source: %s).",
		    rf->label != NULL ? rf->label : "", rng,
		    rf->basis == BASIS_UNSTATED ? ", base or total not "
		    "stated" : " ", rf->basis == BASIS_UNSTATED ? "" :
		    pay_basis_words(rf->basis), rf->job != NULL ? rf->job : "",
		    market_words(rf->market), rc_source(c, rf->source));
		pdf_need(c->pdf, LEAD_SMALL);
		pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_SMALL,
		    LEAD_SMALL, C_TEXT, s);
	}
	pdf_advance(c->pdf, GAP_M);
}

/* Each band's note and source for the candidate's market. */
static void
notes(struct rctx *c)
{
	const struct market	*m = c->m;
	const struct band	*b;
	char			 s[900];
	int			 i;

	rc_heading(c, "Where the numbers come from", 30);
	for (i = 0; i < m->nbands; i++) {
		b = &m->bands[i];
		if (b->market != c->p->market)
			continue;
		snprintf(s, sizeof(s), "%s, %s%s: %s (source: %s)",
		    m->roles[b->role].short_name, m->seniority_name[b->seniority],
		    b->kind == KIND_ESTIMATE ? ", our estimate" : "",
		    b->note != NULL ? b->note : "no note",
		    rc_source(c, b->source));
		pdf_need(c->pdf, LEAD_TINY);
		pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_TINY,
		    LEAD_TINY, C_MUTED, s);
	}
	pay_as_of_sentence(s, sizeof(s), m, c->a->today);
	strncat(s, " Ranges are guides, not offers: pay varies with company, "
	    "location and negotiation.", sizeof(s) - strlen(s) - 1);
	pdf_advance(c->pdf, 4);
	pdf_paragraph(c->pdf, c->x0, c->w, FONT_ITALIC, SZ_TINY, LEAD_TINY,
	    C_MUTED, s);
	pdf_advance(c->pdf, GAP_M);
}

void
sect_comp(struct rctx *c)
{
	char	 s[256];
	enum mkt other = c->p->market == MKT_US ? MKT_IN : MKT_US;

	snprintf(s, sizeof(s), "Pay for both roles in the %s market, by "
	    "seniority, from the article; our own estimates are marked. Your "
	    "level is highlighted.", market_words(c->p->market));
	rc_title(c, "Compensation", s);
	grid(c, c->p->market, 1);
	basis_note(c);
	chart(c);
	current_pay(c);
	snprintf(s, sizeof(s), "For comparison: %s", market_words(other));
	rc_heading(c, s, 100);
	grid(c, other, 0);
	references(c);
	notes(c);
}
