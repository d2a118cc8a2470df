/*
 * index_private.h: what the three rooms of the index share: index.c (the
 * writer, the document and its table), index_volume.c (the volumes of a
 * large cohort and the overview listing them) and index_cohort.c (the
 * cohort page): the writer's state, the running totals kept as the rows
 * go by, and the helpers they draw with.
 */
#ifndef REPORTGEN_INDEX_PRIVATE_H
#define REPORTGEN_INDEX_PRIVATE_H

#include <stddef.h>

#include "index.h"
#include "sections.h"

#define DASH		"\xe2\x80\x93"		/* – */
#define NREC		5	/* recommendations shown (index.c rec_order) */

#define ROW_H		17.0f	/* a row of a table */
#define HEAD_H		20.0f	/* its header row */

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

/* A volume as the overview lists it. */
struct vol {
	size_t	 from, to;		/* rows, from 1 */
	char	*first, *last;		/* as the contents show them */
};

/* The writer (index.h): at most one volume's rows, copied, and the
 * volumes made so far. */
struct index_writer {
	char			*datadir;
	const struct index_opts	*o;
	size_t			 total, vrows, nvols;
	index_put_fn		 put;
	void			*arg;
	struct diag		*d;
	struct index_row	*rows;	/* copies, at most vrows */
	char			**blk;	/* each row's strings */
	size_t			 nrows, added;
	struct vol		*vols;	/* made so far */
	size_t			 made;
	struct totals		 tot;
	int			 failed;
};

/* A column of a table: title, left edge and width as shares of the
 * content width, alignment. */
struct col {
	const char	*title;
	float		 x, w;
	enum align	 al;
};

/* index.c */
int		 index_rec_row(const char *rec);	/* row of rec_order, -1 */
const char	*index_count(char *, size_t, size_t n);	/* "50,000" */
const char	*index_row_name(const struct index_row *);
void		 index_head_row(struct rctx *, const struct col *, size_t ncl,
		    int repeat);
void		 index_cell(struct rctx *, const struct col *, size_t k,
		    float y, enum font, struct rgb, const char *);
void		 index_table(struct rctx *, const struct index_row *,
		    size_t n);
/* A document of the index begun, its title block, its end (footers,
 * bytes, put(); frees the pdf, 0 or -1); index.pdf begun with its title
 * and totals (big: a cohort in volumes). */
struct pdf	*index_doc_begin(struct index_writer *, struct rctx *,
		    struct render_opts *, const char *title, const char *name,
		    const char *bookmark);
void		 index_doc_title(struct rctx *, const char *h1,
		    const char *line);
int		 index_doc_end(struct index_writer *, struct rctx *,
		    const char *name, const char *note);
struct pdf	*index_pdf_begin(struct index_writer *, struct rctx *,
		    struct render_opts *, int big);

/* index_volume.c: volume number w->made + 1 drawn from the buffered rows
 * and put (0 or -1); the overview, index.pdf of a cohort in volumes. */
int		 index_volume_flush(struct index_writer *);
int		 index_overview(struct index_writer *);

/* index_cohort.c */
void		 index_totals_add(struct totals *, const struct market *,
		    const struct index_row *);
double		 index_fine_at(const struct totals *, int role, size_t i);
void		 index_cohort(struct rctx *, const struct market *,
		    const struct totals *, const double med[ROLE__N], int big);

#endif
