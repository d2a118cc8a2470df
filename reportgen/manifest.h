/*
 * manifest.h: what the last batch run into an output directory made, so
 * an incremental run can skip what has not changed.  The batch keeps it
 * in DIR/state.db now (state.h), a row per struct mentry; this file reads
 * DIR/manifest.json (+ manifest.journal) that an older reportgen wrote,
 * which the batch imports once, and merge-summaries reads beside an older
 * shard's summary.  Nothing writes it any more: the writer left with
 * the move to state.db, and tests/unit/test_manifest.c writes the
 * files an older reportgen wrote itself.  jansson lives in manifest.c
 * only for this file.
 *
 * One entry per input path: the hashes that decide whether the report is
 * current (input, market data, fonts + schemas, tool version, options),
 * the output and its hash, and the last assessment summary for the id.
 * Strings and arrays are malloc'd and owned by the manifest;
 * manifest_free() releases everything.
 *
 * Format 2 (the last) keeps the last assessment's effective levels as a
 * JSON object ({"cloud": 3}) and its plan as an array
 * ([{"dim": "cloud"}, {"area": "end_to_end"}]).  Format 1 kept them as
 * "cloud=3,..." strings: such a manifest is read the same (converted,
 * values checked).
 */
#ifndef REPORTGEN_MANIFEST_H
#define REPORTGEN_MANIFEST_H

#include <stddef.h>

#include "diag.h"

#define MANIFEST_NAME	"manifest.json"

struct mentry {
	char	*path;		/* input, as given on the command line */
	char	*id;		/* NULL when the profile never loaded */
	char	*status;	/* "ok", "invalid", "other-shard" */
	char	*input_sha256;
	char	*market_sha256;
	char	*assets_sha256;	/* fonts + schemas */
	char	*tool;		/* version that made it */
	char	*options;	/* rendering options, e.g. "paper=a4" */
	char	*output;	/* "<id>.pdf", NULL when none */
	char	*output_sha256;
	char	*output_stat;	/* "size:mtime.ns:inode" when it was hashed */
	char	*name;		/* for summary.csv; not logged */
	char	*recommendation;
	char	*seniority;
	char	*date;		/* YYYY-MM-DD the assessment was made on */
	char	*message;	/* why invalid */
	char	*market;	/* "US", "IN"; for the index */
	/* What summary.csv and index.pdf say of it after the last run:
	 * "ok", "invalid", "failed", "pending", ..., "other-shard", or
	 * "gone" (its input is no longer among the inputs).  The run state
	 * only (state.h); never in manifest.json. */
	char	*outcome;
	double	 fde, mlops;
	int	 has_fit;	/* fde, mlops, recommendation are set */
	/* The last assessment's effective levels and plan, for the progress
	 * page; has_levels / has_plan 0 when not known (older manifests). */
	struct mlevel {
		char	*dim;
		int	 level;
	}	*levels;
	size_t	 nlevels;
	struct mplan {
		char	*id;
		int	 area;		/* 1: an area id, 0: a dimension id */
	}	*plan;
	size_t	 nplan;
	int	 has_levels, has_plan;
};

struct manifest {
	struct mentry	*v;	/* sorted by path after manifest_sort() */
	size_t		 n, cap;
	char		*shard;	/* "K/N" the directory holds, NULL: all */
	char		*index_sha256;	/* what index.pdf was made from */
	char		*index_output_sha256;	/* index.pdf as written */
	int		 format;	/* as read, 1 or 2 (0: none); -1 after
					 * a journal was replayed */
};

void	manifest_init(struct manifest *);
void	manifest_free(struct manifest *);

/* Reads path into m (initialised here).  A missing file gives an empty
 * manifest silently; an unreadable, corrupt or foreign one gives an empty
 * manifest and a warning in d.  Never fails otherwise: returns 0 when the
 * file was used, -1 when the manifest is empty because of a problem. */
int	manifest_load(struct manifest *, const char *path, struct diag *);

/*
 * The journal, DIR/manifest.journal: the entries of the reports a run of
 * an older reportgen had finished, appended as it went (one JSON object
 * a line, after a header line {"journal": 2, "shard": "K/N"}), so a run
 * killed before it wrote manifest.json lost at most what was in flight.
 * The batch replays it over the manifest it loaded before importing both.
 */
#define MANIFEST_JOURNAL	"manifest.journal"

/* Replays the journal at path over m (loaded by manifest_load): each
 * entry replaces the one of its path.  A last line cut short (the run
 * was killed while writing it) is ignored; a journal made for another
 * shard, or garbled before its last line, is ignored with a warning.
 * Returns the number of entries replayed (m is then marked for a
 * rewrite), 0 when there is no journal. */
size_t	manifest_replay(struct manifest *, const char *path, struct diag *);

/* The entry for an input path, or NULL. */
const struct mentry *manifest_find(const struct manifest *, const char *path);

/* A deep copy of e into c (free with mentry_free); 0 or -1
 * (allocation, nothing then left to free). */
int	mentry_copy(struct mentry *c, const struct mentry *e);

/* Appends a deep copy of e; 0 or -1 (allocation). */
int	manifest_add(struct manifest *, const struct mentry *e);

void	mentry_free(struct mentry *);

struct market;
struct prev_assessment;
struct assessment;

/* The last assessment in e as the progress section reads it, with the
 * dimensions and areas looked up in m (what m no longer has is left
 * out).  Older manifests without levels or plan give has_levels or
 * has_plan 0.  -1 when e holds no assessment. */
int	mentry_previous(const struct mentry *e, const struct market *m,
	    struct prev_assessment *out);

/* The levels and plan of e from effective levels by dimension index and
 * plan items (dim >= 0, or -1 - area); malloc'd into e (free with
 * mentry_free).  0 or -1 (allocation). */
int	manifest_format_assessment(const struct market *m,
	    const signed char *levels, int ndims, const short *plan,
	    int nplan, struct mentry *e);

/* Makes dst show src's levels and plan (borrowed: dst must only be read,
 * as manifest_add does, while src lives). */
void	mentry_borrow_assessment(struct mentry *dst,
	    const struct mentry *src);

#endif
