/*
 * words.h: counted nouns, and the report's sentences that carry counts.
 *
 * Every sentence that puts a number before a noun builds that pair here:
 * count_noun(buf, size, 3, "pipeline", "pipelines") -> "3 pipelines".
 * Whole counts use count_noun; amounts that may have a decimal (hours,
 * years, points) use count_noun_d, which prints at most one decimal and
 * drops a trailing ".0" ("1 hour", "2.5 hours", "0 hours").  Only exactly
 * 1 takes the singular.  Every function returns buf, always
 * NUL-terminated (cut when too small).
 *
 * The words_*() functions are the templates that carry a count or a
 * choice, shared by the PDF sections and `score --format text`; each is
 * listed with its condition in docs/report.md and rendered with 0, 1 and
 * 2 of its counted things by tests/unit/test_words.c.
 */
#ifndef REPORTGEN_WORDS_H
#define REPORTGEN_WORDS_H

#include <stddef.h>

#include "model.h"

const char	*count_noun(char *buf, size_t size, long n, const char *one,
		    const char *many);
const char	*count_noun_d(char *buf, size_t size, double n,
		    const char *one, const char *many);
/* Just the noun for n: "hour" or "hours", as count_noun_d would pick. */
const char	*noun_for(double n, const char *one, const char *many);

/* The recommendation in words, one table for every output: "Forward
 * Deployed Engineer", "MLOps Engineer", "either role", "not yet", "too
 * little evidence to judge". */
const char	*words_rec(const struct market *, enum recommendation);
/* The same, short, for a narrow column (index.pdf): "FDE", "MLOps",
 * "Either role", "Not yet", "Too little evidence". */
const char	*words_rec_short(enum recommendation);

/* Page 1's headline: the recommendation and, for "not yet" and too
 * little evidence, the real reason. */
const char	*words_headline(char *, size_t, const struct assessment *);

/* The plan in one sentence: steps, hours, weeks at hours a week; the
 * floor on hours a week and a plan longer than the market's limit are
 * said as such.  "" never: with no steps it says so. */
const char	*words_plan(char *, size_t, const struct assessment *);

/* "The plan follows your stated target, ..." when the plan's role is
 * the stated target and the recommendation names the other role; ""
 * otherwise. */
const char	*words_plan_note(char *, size_t, const struct assessment *);

/* A phase on the timeline: "2 items, 30 h". */
const char	*words_phase(char *, size_t, int nitems, double hours);
/* A plan item's size: "gap 2 levels · 60 h", or "experience area · 90
 * h" for an area (gap 0). */
const char	*words_item(char *, size_t, int gap, double hours);
/* A gap on page 1: "Level 2, FDE needs 5: 3 levels to go". */
const char	*words_to_go(char *, size_t, int level, const char *role,
		    int need, int gap);
/* What a position owned: "2 pipelines, 1 deployment" (zeros left out;
 * "" when all are zero). */
const char	*words_owned(char *, size_t, int pipelines, int deployments,
		    int workshops);
/* A change in fit points: "+1 point", "-2.5 points", "no change". */
const char	*words_points_change(char *, size_t, double delta);
/* The method page's line for a dimension: "claimed 4, held 3 (cap 3),
 * 1.5 points" or "not rated, inferred 3, 2 points". */
const char	*words_dim_points(char *, size_t, const struct dim_result *);

#endif
