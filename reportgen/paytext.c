/*
 * paytext.c: pay in words; see paytext.h for the rules every sentence
 * keeps.  The comparison itself is score.c's (score_compare_pay); this
 * file only says it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paytext.h"

/* vsnprintf that reports what it really wrote. */
static size_t
say(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static size_t
say(char *buf, size_t n, const char *fmt, ...)
{
	va_list	 ap;
	int	 r;

	if (n == 0)
		return 0;
	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	if (r < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)r >= n ? n - 1 : (size_t)r;
}

/* Appends to buf, which holds a string already. */
static size_t
add(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static size_t
add(char *buf, size_t n, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 len = strlen(buf);
	int	 r;

	if (len + 1 >= n)
		return len;
	va_start(ap, fmt);
	r = vsnprintf(buf + len, n - len, fmt, ap);
	va_end(ap);
	if (r < 0)
		return len;
	return len + (size_t)r >= n ? n - 1 : len + (size_t)r;
}

const char *
pay_basis_words(enum basis b)
{
	switch (b) {
	case BASIS_TOTAL:
		return "total compensation";
	case BASIS_BASE:
		return "base salary";
	default:
		return "pay (the source does not say base or total)";
	}
}

int
pay_market_basis(const struct market *m, enum mkt k, enum role r)
{
	int	 i, basis = -1;

	for (i = 0; i < m->nbands; i++) {
		if (m->bands[i].market != k || m->bands[i].role != r)
			continue;
		if (basis == -1)
			basis = (int)m->bands[i].basis;
		else if (basis != (int)m->bands[i].basis)
			return BASIS_UNSTATED;
	}
	return basis;
}

size_t
pay_band_words(char *buf, size_t n, const struct band *b)
{
	char	 rng[64];
	int	 paren = 0;

	fmt_range(rng, sizeof(rng), b->currency, b->min, b->max,
	    b->open_ended);
	if (b->basis == BASIS_UNSTATED)
		say(buf, n, "%s", rng);
	else
		say(buf, n, "%s %s", rng, pay_basis_words(b->basis));
	if (b->kind == KIND_ESTIMATE)
		add(buf, n, "%sour estimate", paren++ ? "; " : " (");
	if (b->basis == BASIS_UNSTATED)
		add(buf, n, "%sbase or total not stated", paren++ ? "; " : " (");
	if (b->scope != NULL)
		add(buf, n, "%s%s", paren++ ? "; " : " (", b->scope);
	if (paren)
		add(buf, n, ")");
	return strlen(buf);
}

static const char *
level_name(const struct assessment *a)
{
	const char	*s = a->market->seniority_name[a->seniority];

	return s != NULL ? s : seniority_id(a->seniority);
}

/* " at your level", unless the band is one figure for a wider scope
 * (the India FDE figure covers every level: its scope says so). */
static const char *
at_level(const struct band *b)
{
	return b->scope != NULL ? "" : " at your level";
}

size_t
pay_level_sentence(char *buf, size_t n, const struct assessment *a,
    enum role r)
{
	const struct band	*b = a->bands[r];
	const char		*who = a->market->roles[r].short_name;
	char			 w[320];

	if (b == NULL)
		return say(buf, n, "The article gives no %s pay figure for "
		    "your level (%s).", who, level_name(a));
	pay_band_words(w, sizeof(w), b);
	if (b->kind == KIND_ESTIMATE)
		return say(buf, n, "%s at your level: %s; the article gives "
		    "no figure for this level.", who, w);
	return say(buf, n, "%s%s: %s.", who, at_level(b), w);
}

size_t
pay_levels_sentence(char *buf, size_t n, const struct assessment *a)
{
	char	 one[400];

	if (a->bands[ROLE_FDE] == NULL && a->bands[ROLE_MLOPS] == NULL)
		return say(buf, n, "The article gives no pay figure for your "
		    "level (%s) in either role.", level_name(a));
	pay_level_sentence(buf, n, a, ROLE_FDE);
	pay_level_sentence(one, sizeof(one), a, ROLE_MLOPS);
	return add(buf, n, " %s", one);
}

/* "+$20K to +$80K (+10% to +40%)": from the band's floor to its top. */
static void
span(char *buf, size_t n, const struct profile *p, long low, long high)
{
	char	 lo[48], hi[48], pl[24], ph[24];

	fmt_change(lo, sizeof(lo), p->comp_currency, low);
	fmt_change(hi, sizeof(hi), p->comp_currency, high);
	if (p->comp_amount > 0) {
		fmt_signed_percent(pl, sizeof(pl), (double)low /
		    (double)p->comp_amount);
		fmt_signed_percent(ph, sizeof(ph), (double)high /
		    (double)p->comp_amount);
		say(buf, n, "%s at its floor to %s at its top (%s to %s)", lo,
		    hi, pl, ph);
	} else
		say(buf, n, "%s at its floor to %s at its top", lo, hi);
}

/* "+$85K (+40%)". */
static void
change(char *buf, size_t n, const struct profile *p, long delta)
{
	char	 d[48], pc[24];

	fmt_change(d, sizeof(d), p->comp_currency, delta);
	if (p->comp_amount > 0) {
		fmt_signed_percent(pc, sizeof(pc), (double)delta /
		    (double)p->comp_amount);
		say(buf, n, "%s (%s)", d, pc);
	} else
		say(buf, n, "%s", d);
}

/* Different bases: say what can still be said.  Total compensation is
 * base plus equity, so a base above a total band's top is above it in
 * total too, and a total under a base band's floor is under it in base
 * too; nothing else follows. */
static void
different_basis(char *buf, size_t n, const struct profile *p,
    const struct band *b)
{
	char	 top[48], floor[48];

	if (b->basis == BASIS_UNSTATED) {
		add(buf, n, " As the article does not say whether it is base "
		    "salary or total compensation, your %s is not set above "
		    "or below it.", pay_basis_words(p->comp_basis));
		return;
	}
	add(buf, n, " Your figure is %s and the band is %s, so the two are "
	    "not set side by side.", pay_basis_words(p->comp_basis),
	    pay_basis_words(b->basis));
	if (p->comp_basis == BASIS_BASE && b->basis == BASIS_TOTAL &&
	    !b->open_ended && b->max > 0 && p->comp_amount > b->max) {
		fmt_money(top, sizeof(top), b->currency, b->max);
		add(buf, n, " What can be said: your base salary alone is "
		    "above the band's top (%s), so your total compensation "
		    "is too.", top);
	} else if (p->comp_basis == BASIS_TOTAL && b->basis == BASIS_BASE &&
	    p->comp_amount < b->min) {
		fmt_money(floor, sizeof(floor), b->currency, b->min);
		add(buf, n, " What can be said: your total compensation is "
		    "below the band's floor (%s), so your base salary is "
		    "too.", floor);
	} else
		add(buf, n, " To compare, set the band against your own %s.",
		    pay_basis_words(b->basis));
}

size_t
pay_compare_sentence(char *buf, size_t n, const struct assessment *a,
    enum role r)
{
	const struct profile	*p = a->profile;
	const struct pay_change	*c = &a->pay[r];
	const struct band	*b = a->bands[r];
	const char		*who = a->market->roles[r].name;
	char			 w[320], x[160], fl[48], top[48];

	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (!p->has_comp)
		return 0;
	if (b == NULL)
		return say(buf, n, "%s: the article gives no figure for your "
		    "level (%s), so there is nothing to set your pay "
		    "against.", who, level_name(a));
	pay_band_words(w, sizeof(w), b);
	if (c->cmp == CMP_NOT_COMPARABLE)
		return say(buf, n, "%s%s: %s. Your pay is in %s and the band "
		    "in %s, so they are not compared.", who, at_level(b), w,
		    currency_id(p->comp_currency), currency_id(b->currency));
	say(buf, n, "%s%s: %s.", who, at_level(b), w);
	fmt_money(fl, sizeof(fl), b->currency, b->min);
	fmt_money(top, sizeof(top), b->currency, b->max);
	switch (c->cmp) {
	case CMP_DIFFERENT_BASIS:
		different_basis(buf, n, p, b);
		break;
	case CMP_BELOW:
		if (c->open_ended && b->max > 0) {
			span(x, sizeof(x), p, c->low, c->high);
			add(buf, n, " Your pay is below the band: %s, and more "
			    "beyond its top, as the band is open-ended.", x);
		} else if (c->open_ended) {
			change(x, sizeof(x), p, c->low);
			add(buf, n, " Your pay is below the band: reaching its "
			    "floor (%s) would mean %s or more, as the band is "
			    "open-ended.", fl, x);
		} else {
			span(x, sizeof(x), p, c->low, c->high);
			add(buf, n, " Your pay is below the band: %s.", x);
		}
		break;
	case CMP_WITHIN:
		span(x, sizeof(x), p, c->low, c->high);
		add(buf, n, " Your pay is within the band: %s.", x);
		break;
	case CMP_AT_OR_ABOVE_FLOOR:
		if (b->max > 0 && p->comp_amount <= b->max) {
			change(x, sizeof(x), p, c->high);
			add(buf, n, " Your pay is within the band, which is "
			    "open at the top: %s to its published top (%s), "
			    "and more beyond it.", x, top);
		} else
			add(buf, n, " Your pay is at or above the band's floor "
			    "(%s). The band is open-ended, with no top, so it "
			    "cannot say how far above the floor pay at this "
			    "level goes.", fl);
		break;
	case CMP_ABOVE:
		fmt_money(x, sizeof(x), p->comp_currency, -c->high);
		if (p->comp_amount > 0) {
			fmt_percent(fl, sizeof(fl), (double)-c->high /
			    (double)p->comp_amount);
			add(buf, n, " Your pay is above the top of the band "
			    "(%s) by %s, %s of your pay.", top, x, fl);
		} else
			add(buf, n, " Your pay is above the top of the band "
			    "(%s) by %s.", top, x);
		break;
	default:
		break;
	}
	return strlen(buf);
}

size_t
pay_as_of_sentence(char *buf, size_t n, const struct market *m,
    struct ym today)
{
	char	 d[32];

	fmt_iso_date(d, sizeof(d), m->as_of);
	if (market_stale(m, today))
		return say(buf, n, "Figures as of %s. This report is dated more "
		    "than 12 months later: the figures may be out of date.", d);
	return say(buf, n, "Figures as of %s.", d);
}
