/*
 * index_private.h: what index.c (the writer: tables, volumes, overview)
 * and index_cohort.c (the cohort page) share: the running totals kept
 * as the rows go by, and the few helpers both draw with.
 */
#ifndef REPORTGEN_INDEX_PRIVATE_H
#define REPORTGEN_INDEX_PRIVATE_H

#include <stddef.h>

#include "index.h"
#include "sections.h"

#define DASH		"\xe2\x80\x93"		/* – */
#define NREC		5	/* recommendations shown (index.c rec_order) */

#define BINS		10
#define FINE		1001	/* fits to 0.1, 0 to 100: the median */
#define TOP_GAPS	5
#define TOP_PLAN	8

/*
 * What the totals and the cohort page show, kept as the rows go by, so
 * that the overview of a cohort in volumes needs none of its rows: the
 * counts, each role's histogram of fits (and one to 0.1 for the median),
 * the gaps per role and dimension, the plan items.
 */
struct totals {
	size_t	 n, ok, rec[NREC];
	size_t	 nfit, nknown, nplan;
	size_t	 bins[ROLE__N][BINS], above[ROLE__N];
	size_t	 fine[ROLE__N][FINE];
	size_t	 gap_n[ROLE__N][MAX_DIMS];
	double	 gap_sum[ROLE__N][MAX_DIMS];
	size_t	 plan_n[MAX_DIMS + MAX_AREAS];	/* dims, then areas */
};

/* index.c */
int		 index_rec_row(const char *rec);	/* row of rec_order, -1 */
const char	*index_count(char *, size_t, size_t n);	/* "50,000" */

/* index_cohort.c */
void		 index_totals_add(struct totals *, const struct market *,
		    const struct index_row *);
double		 index_fine_at(const struct totals *, int role, size_t i);
void		 index_cohort(struct rctx *, const struct market *,
		    const struct totals *, const double med[ROLE__N], int big);

#endif
