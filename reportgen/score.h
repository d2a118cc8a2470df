/*
 * score.h: profile + market -> assessment.  Pure: no I/O, no library
 * types, deterministic.  The formulas are in docs/scoring.md.
 */
#ifndef REPORTGEN_SCORE_H
#define REPORTGEN_SCORE_H

#include <stdio.h>

#include "model.h"

/* Fills *a; never fails on a validated profile.  today is the date the
 * assessment is made on (current positions count up to it): passing it in
 * keeps the scorer free of the clock, so the same inputs always give the
 * same output. */
void	score_assess(const struct profile *, const struct market *,
	    struct ym today, struct assessment *a);

/* v rounded to 0.1, half away from zero, no "-0": the one rounding of
 * fits, points, deltas and evidence points.  Every output prints the
 * value it returns as it is, so JSON, text and PDF show the same digits. */
double	score_round1(double v);

/* Whether a playbook area's condition holds for the profile (no
 * customer-facing position, no end-to-end deployment, too few production
 * years): what opens an area in the plan, also asked by the progress page. */
int	score_trigger_holds(const struct profile *, const struct market *,
	    enum trigger);

/* Current pay against band b (NULL: none) into *c: the change to the
 * band's ends and the comparison kind (model.h, enum comparison). */
void	score_compare_pay(const struct profile *, const struct band *b,
	    struct pay_change *c);

/* The assessment as one JSON object (stable key order), malloc'd; NULL on
 * allocation failure.  jansson is confined to score_json.c. */
char	*score_json(const struct assessment *);
/* The assessment in plain words, for `reportgen score --format text`. */
void	 score_print_text(FILE *, const struct assessment *);

#endif
