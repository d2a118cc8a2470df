/*
 * sect_comp.c: compensation.  The published bands for the candidate's
 * market as a seniority x role table (the candidate's row highlighted)
 * and as a range chart, the pay basis of each role stated where the
 * numbers are, the implied change from current pay, the other market in
 * a smaller table, other published figures, and every band's source.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
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

static const char *
basis_words(enum basis b)
{
	return b == BASIS_TOTAL ? "total compensation" : b == BASIS_BASE ?
	    "base salary" : "pay (base or total not stated)";
}

static const char *
market_words(enum mkt k)
{
	return k == MKT_US ? "United States" : "India";
}

/* The seniority x role table for market k; big for the candidate's. */
static void
grid(struct rctx *c, enum mkt k, int big)
{
	struct pdf		*pdf = c->pdf;
	const struct market	*m = c->m;
	const struct band	*b;
	float			 rh = big ? 26 : 17, fs = big ? SZ_BODY : SZ_SMALL;
	float			 c1 = c->x0 + (big ? 150 : 130), cw, y, x;
	char			 s[96];
	int			 sen, r, mine;

	cw = (c->x1 - c1) / 2;
	pdf_need(pdf, 22 + SEN__N * rh);
	y = pdf_y(pdf);
	rc_text(c, c->x0, y + 10, c1 - c->x0, FONT_BOLD, SZ_TINY, C_MUTED,
	    ALIGN_LEFT, "SENIORITY");
	for (r = 0; r < ROLE__N; r++) {
		x = c1 + r * cw + 8;
		rc_text(c, x, y + 10, cw - 12, FONT_BOLD, big ? SZ_SMALL :
		    SZ_TINY, role_color((enum role)r), ALIGN_LEFT,
		    m->roles[r].name);
		if (big)
			rc_text(c, x, y + 20, cw - 12, FONT_REGULAR, SZ_TINY,
			    C_MUTED, ALIGN_LEFT,
			    basis_words(m->roles[r].pay_basis));
	}
	y += big ? 26 : 16;
	pdf_line(pdf, c->x0, y, c->x1, y, C_RULE, 0.8f);
	for (sen = 0; sen < SEN__N; sen++) {
		mine = big && sen == (int)c->a->seniority;
		if (mine)
			pdf_rect(pdf, c->x0, y, c->w, rh, &C_HILITE, NULL, 0);
		rc_text(c, c->x0 + 6, y + rh / 2 + fs / 3, c1 - c->x0 - 44,
		    mine ? FONT_BOLD : FONT_REGULAR, fs, C_INK, ALIGN_LEFT,
		    m->seniority_name[sen]);
		if (mine)
			rc_text(c, c1 - 6, y + rh / 2 + SZ_TINY / 3, 40,
			    FONT_BOLD, SZ_TINY, C_YOU, ALIGN_RIGHT, "YOU");
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
			if (b->basis != m->roles[r].pay_basis) {
				strncat(s, b->basis == BASIS_TOTAL ?
				    " (total)" : " (base)",
				    sizeof(s) - strlen(s) - 1);
			}
			rc_text(c, x, y + rh / 2 + fs / 3, cw - 12,
			    mine ? FONT_BOLD : FONT_REGULAR, big ? 11 : fs,
			    mine ? role_color((enum role)r) : C_TEXT,
			    ALIGN_LEFT, s);
		}
		y += rh;
		pdf_line(pdf, c->x0, y, c->x1, y, C_RULE, 0.4f);
	}
	pdf_set_y(pdf, y + GAP_M);
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
	char			 s[64];
	struct rgb		 col;

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
	if (c->p->has_comp && c->p->comp_currency == cur &&
	    c->p->comp_amount > hi)
		hi = c->p->comp_amount;
	step = nice_step(hi);
	hi = (hi / step + 1) * step;

	rc_heading(c, "Ranges at a glance", 60);
	h = rows * (2 * CH_BAR + 14) + 30;
	pdf_need(pdf, h);
	y0 = y = pdf_y(pdf);
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
			rc_text(c, tail + 4, y + CH_BAR - 1.5f,
			    c->x1 - tail - 4, FONT_BOLD, SZ_TINY, col,
			    ALIGN_LEFT, s);
		}
		y += 10;
	}
	/* the candidate's pay today */
	if (c->p->has_comp && c->p->comp_currency == cur) {
		x0 = ax + aw * (float)c->p->comp_amount / (float)hi;
		pdf_dashed_line(pdf, x0, y0, x0, y0 + h - 18, C_YOU, 1);
		fmt_money(s, sizeof(s), cur, c->p->comp_amount);
		pdf_round_rect(pdf, x0 - 30, y0 - 12, 60, 10, 5, &C_YOU);
		rc_text(c, x0, y0 - 4.5f, 58, FONT_BOLD, 6, C_PAPER,
		    ALIGN_CENTER, "you today");
	}
	pdf_set_y(pdf, y0 + h + GAP_S);
}

static void
basis_note(struct rctx *c)
{
	const struct market	*m = c->m;
	char			 s[512];

	if (m->roles[ROLE_FDE].pay_basis == m->roles[ROLE_MLOPS].pay_basis)
		snprintf(s, sizeof(s), "Both roles' figures are %s.",
		    basis_words(m->roles[ROLE_FDE].pay_basis));
	else
		snprintf(s, sizeof(s), "%s figures are %s; %s figures are "
		    "%s. The two are not directly comparable: total "
		    "compensation includes equity and bonus on top of base "
		    "salary.", m->roles[ROLE_FDE].short_name,
		    basis_words(m->roles[ROLE_FDE].pay_basis),
		    m->roles[ROLE_MLOPS].short_name,
		    basis_words(m->roles[ROLE_MLOPS].pay_basis));
	pdf_need(c->pdf, 40);
	pdf_rect(c->pdf, c->x0, pdf_y(c->pdf), 2.5f, rc_height(c, FONT_BOLD,
	    SZ_SMALL, c->w - 12, LEAD_SMALL, s), &C_MLOPS, NULL, 0);
	pdf_paragraph(c->pdf, c->x0 + 10, c->w - 12, FONT_BOLD, SZ_SMALL,
	    LEAD_SMALL, C_TEXT, s);
	pdf_advance(c->pdf, GAP_M);
}

/* delta as a signed share of base: "+12%", "-33%". */
static void
signed_pct(char *buf, size_t n, long delta, long base)
{
	char	 p[16];

	fmt_percent(p, sizeof(p), (double)delta / (double)base);
	snprintf(buf, n, "%s%s", p[0] != '-' && strcmp(p, "0%") != 0 ?
	    "+" : "", p);
}

/* What moving would mean against the candidate's current pay. */
static void
current_pay(struct rctx *c)
{
	const struct profile	*p = c->p;
	const struct assessment	*a = c->a;
	const struct pay_change	*pc;
	const struct band	*b;
	char			 s[800], now[48], lo[48], hi[48], pl[24], ph[24];
	char			 band[64], pct[80];
	int			 r, open;

	if (!p->has_comp)
		return;
	rc_heading(c, "Against your current pay", 50);
	fmt_money(now, sizeof(now), p->comp_currency, p->comp_amount);
	snprintf(s, sizeof(s), "You earn %s a year (%s). The change below "
	    "is the published band for your level minus your pay.", now,
	    basis_words(p->comp_basis));
	rc_para(c, FONT_REGULAR, SZ_BODY, LEAD_BODY, C_TEXT, s);
	for (r = 0; r < ROLE__N; r++) {
		pc = &a->pay[r];
		b = a->bands[r];
		if (!pc->valid || b == NULL) {
			snprintf(s, sizeof(s), "%s: no comparison (no "
			    "published band at your level in your currency).",
			    c->m->roles[r].name);
		} else {
			open = pc->open_ended && pc->high == 0;
			fmt_range(band, sizeof(band), b->currency, b->min,
			    b->max, b->open_ended);
			fmt_change(lo, sizeof(lo), p->comp_currency, pc->low);
			fmt_change(hi, sizeof(hi), p->comp_currency, pc->high);
			pct[0] = '\0';
			if (p->comp_amount > 0) {
				signed_pct(pl, sizeof(pl), pc->low,
				    p->comp_amount);
				signed_pct(ph, sizeof(ph), pc->high,
				    p->comp_amount);
				if (open)
					snprintf(pct, sizeof(pct), " (%s or "
					    "more)", pl);
				else
					snprintf(pct, sizeof(pct),
					    " (%s to %s)", pl, ph);
			}
			if (open)
				snprintf(s, sizeof(s), "%s at your level, %s "
				    "%s: %s or more%s.", c->m->roles[r].name,
				    band, basis_words(b->basis), lo, pct);
			else
				snprintf(s, sizeof(s), "%s at your level, %s "
				    "%s: %s to %s%s%s.", c->m->roles[r].name,
				    band, basis_words(b->basis), lo, hi, pct,
				    pc->open_ended ? ", more at the open "
				    "end" : "");
			if (!open && !pc->open_ended && pc->high < 0)
				strncat(s, " Your pay is already above the top "
				    "of this band.", sizeof(s) - strlen(s) - 1);
			else if (pc->low > 0)
				strncat(s, " The whole band is above your pay.",
				    sizeof(s) - strlen(s) - 1);
			if (!pc->same_basis)
				snprintf(s + strlen(s), sizeof(s) - strlen(s),
				    " Caution: your figure is %s and the band "
				    "is %s, so this is not like for like.",
				    basis_words(p->comp_basis),
				    basis_words(b->basis));
		}
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
		snprintf(s, sizeof(s), "%s: %s %s (for: %s, %s; source: %s).",
		    rf->label != NULL ? rf->label : "", rng,
		    basis_words(rf->basis), rf->job != NULL ? rf->job : "",
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
		snprintf(s, sizeof(s), "%s, %s: %s (source: %s)",
		    m->roles[b->role].short_name, m->seniority_name[b->seniority],
		    b->note != NULL ? b->note : "no note",
		    rc_source(c, b->source));
		pdf_need(c->pdf, LEAD_TINY);
		pdf_paragraph(c->pdf, c->x0, c->w, FONT_REGULAR, SZ_TINY,
		    LEAD_TINY, C_MUTED, s);
	}
	snprintf(s, sizeof(s), "Figures as of %s. Published ranges are "
	    "guides, not offers: pay varies with company, location and "
	    "negotiation.", m->as_of);
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

	snprintf(s, sizeof(s), "Published pay for both roles in the %s "
	    "market, by seniority. Your level is highlighted.",
	    market_words(c->p->market));
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
