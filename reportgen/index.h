/*
 * index.h: DIR/index.pdf of a batch, one table of every candidate with a
 * link to each report, the totals and the spread of recommendations.
 * Drawn through pdf.h (index.c never sees libharu); batch_out.c hands
 * the rows over one at a time, decides whether anything changed and
 * writes the files.  A large cohort's table is cut into volumes.
 */
#ifndef REPORTGEN_INDEX_H
#define REPORTGEN_INDEX_H

#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "hash.h"
#include "report.h"

#define INDEX_NAME	"index.pdf"
#define INDEX_BASENAME	"index"		/* no profile may take this id */

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
	const char	*date;		/* of the assessment, YYYY-MM-DD: not
					 * shown, the caller dates the index
					 * by the newest; NULL */
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
	size_t		 volume_rows;	/* 0: index_volume_rows() */
};

/* Sorts rows as the index shows them: by name (then id), or by the FDE
 * or MLOps fit, highest first (then name, then id); rows without a fit
 * last. */
void	index_sort_rows(struct index_row *, size_t n, enum index_sort);

/*
 * The index is written as a stream: rows come one at a time in the order
 * shown (index_sort_rows, or ORDER BY in a database), and the writer
 * keeps at most one volume's rows (copies) plus running totals.
 *
 * Up to opts->volume_rows candidates (INDEX_VOLUME_ROWS when 0) the index
 * is one file, index.pdf: totals, the table of every candidate, the
 * cohort page.  Above, the table is cut into volumes of that many rows,
 * INDEX_VOLUME_FMT (index.001.pdf, ...; a report is "<id>.pdf" and an id
 * holds no dot, so the names cannot meet), each handed to put() as it
 * fills; index_close() then hands over index.pdf: totals, the contents
 * (one linked line per volume with the range it covers) and the cohort
 * page.  put() receives the name and the bytes; 0, or -1 to fail.
 */
#define INDEX_VOLUME_ROWS	1000
#define INDEX_VOLUME_FMT	"index.%03zu.pdf"
#define INDEX_VOLUME_NAME_MAX	32

struct index_writer;
typedef int	(*index_put_fn)(void *arg, const char *name,
		    const unsigned char *pdf, size_t len);

/* total_rows: how many rows will come (the ranges say "of N"; a
 * different count at close is an error).  o and the strings it points
 * to must live until index_close().  NULL with the reason in d. */
struct index_writer *index_open(const char *datadir,
	    const struct index_opts *o, size_t total_rows, index_put_fn put,
	    void *arg, struct diag *d);
/* 0, or -1 (a volume failed to draw or put() refused): the writer
 * then only waits for index_close(). */
int	index_add(struct index_writer *, const struct index_row *);
/* Draws and puts index.pdf, frees the writer.  0 or -1. */
int	index_close(struct index_writer *);
/* How many volumes total_rows make under o (0: one index.pdf). */
size_t	index_volume_count(const struct index_opts *o, size_t total_rows);
/* The rows per volume that o means (opts, else RG_INDEX_VOLUME_ROWS in
 * the environment, for tests, else INDEX_VOLUME_ROWS). */
size_t	index_volume_rows(const struct index_opts *o);

/* SHA-256 (hex) of everything the index shows, row by row in order:
 * equal digests mean an equal index (and equal volumes).  NULL or the
 * digest; -1 on failure (the digest is freed then). */
struct index_digest *index_digest_open(const struct index_opts *,
	    size_t total_rows);
int	index_digest_add(struct index_digest *, const struct index_row *);
int	index_digest_close(struct index_digest *, char out[HASH_HEX_LEN]);

#endif
