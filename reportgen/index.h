/*
 * index.h: DIR/index.pdf of a batch, one table of every candidate with a
 * link to each report, the totals and the spread of recommendations.
 * Drawn through pdf.h (index.c never sees libharu); batch.c gathers the
 * rows, decides whether anything changed and writes the file.
 */
#ifndef REPORTGEN_INDEX_H
#define REPORTGEN_INDEX_H

#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "hash.h"
#include "report.h"

#define INDEX_NAME	"index.pdf"

enum index_sort { INDEX_SORT_NAME, INDEX_SORT_FDE, INDEX_SORT_MLOPS };

/* One candidate; strings are borrowed, NULL prints as a dash. */
struct index_row {
	const char	*id;		/* NULL when the profile never loaded */
	const char	*path;		/* the input, shown when no name */
	const char	*name;
	const char	*market;	/* "US", "IN" */
	const char	*seniority;
	const char	*rec;		/* recommendation id */
	const char	*status;	/* "ok", "invalid", ... */
	const char	*output;	/* "<id>.pdf" to link, NULL: no report */
	int		 has_fit;
	double		 fde, mlops;
	const char	*levels;	/* "cloud=3,..." after evidence; NULL */
	const char	*plan;		/* "dim:cloud,area:x,..."; NULL */
};

struct index_opts {
	enum index_sort	 sort;
	enum paper	 paper;
	const char	*date;		/* YYYY-MM-DD shown ("updated") */
	time_t		 date_t;	/* the PDF's dates */
	const struct brand *brand;	/* NULL: unbranded */
	const char	*shard;		/* "K/N" or NULL */
	const struct market *market;	/* names, requirements for the
					 * cohort page; NULL: no such page */
};

/* Sorts rows as the index shows them: by name (then id), or by the FDE
 * or MLOps fit, highest first (then name, then id); rows without a fit
 * last. */
void	index_sort_rows(struct index_row *, size_t n, enum index_sort);

/* SHA-256 (hex) of everything the index shows, in order: equal digests
 * mean an equal index.  0 or -1. */
int	index_digest(const struct index_row *, size_t n,
	    const struct index_opts *, char out[HASH_HEX_LEN]);

/* The index as PDF bytes (malloc'd) from sorted rows; fonts from
 * DATADIR/fonts.  0, or -1 with the reason in d. */
int	index_render(const char *datadir, const struct index_row *, size_t n,
	    const struct index_opts *, unsigned char **pdf, size_t *len,
	    struct diag *d);

#endif
