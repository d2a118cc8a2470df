/*
 * paytext.h: pay in words, one place for every sentence about salary
 * bands and current pay (the report's compensation page and summary,
 * and `score --format text`).
 *
 * Each sentence is written for its case: a template is never filled with
 * a placeholder such as "no published figure".  An estimate (band kind
 * "estimate") is never called published; a figure with no stated basis
 * is never called base salary or total compensation; a band with a
 * scope (India FDE: one figure for global remote roles) says so; pay is
 * set above or below a band only like for like (score.c's comparison).
 * Pure functions into a caller's buffer (always NUL-terminated,
 * truncated when too small); each returns the length it wrote.
 */
#ifndef REPORTGEN_PAYTEXT_H
#define REPORTGEN_PAYTEXT_H

#include <stddef.h>

#include "model.h"

/* "total compensation", "base salary", "pay (base or total not said)". */
const char	*pay_basis_words(enum basis);

/* The basis every band of role r in market k has, or BASIS_UNSTATED
 * when they differ or say none; -1 when the market has no band. */
int		 pay_market_basis(const struct market *, enum mkt, enum role);

/* A band with its basis and, where they apply, its kind and scope:
 * "$160K–$220K total compensation", "₹30–40L (our estimate; base or
 * total not stated)". */
size_t	pay_band_words(char *, size_t, const struct band *);

/* One role's pay at the candidate's level, as a sentence for the
 * summary: "FDE at your level: $300K+ total compensation." or "The
 * article gives no FDE pay figure for your level (Junior)." */
size_t	pay_level_sentence(char *, size_t, const struct assessment *,
	    enum role);

/* Both roles' pay at the candidate's level, for the summary's "pay"
 * lines: the two sentences above, or one when neither role has a
 * figure ("The article gives no pay figure for your level (Junior) in
 * either role.").  sect_summary.c should say pay with this. */
size_t	pay_levels_sentence(char *, size_t, const struct assessment *);

/* Current pay against role r's band at the candidate's level, as the
 * comparison kind (assessment->pay[r].cmp) says; "" when the profile
 * gives no current pay. */
size_t	pay_compare_sentence(char *, size_t, const struct assessment *,
	    enum role);

/* "Figures as of 12 May 2026." and, when the assessment's date is more
 * than 12 months later (market_stale), that they may be out of date. */
size_t	pay_as_of_sentence(char *, size_t, const struct market *,
	    struct ym today);

#endif
