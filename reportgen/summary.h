/*
 * summary.h: summary.csv, one row per profile (summary.c), written by the
 * batch and joined across shards by `reportgen merge-summaries`.
 */
#ifndef REPORTGEN_SUMMARY_H
#define REPORTGEN_SUMMARY_H

#include <stddef.h>

#define SUMMARY_NCOLS	10
#define SUMMARY_MAX_BYTES	(1024UL * 1024 * 1024)	/* merge-summaries */
extern const char *const summary_columns[SUMMARY_NCOLS];

/* One row: path, id, name, fde, mlops, recommendation, seniority,
 * status, output, message (NULL prints as empty). */
struct summary_row {
	const char	*f[SUMMARY_NCOLS];
};

/* The whole CSV with its header row, CRLF line ends; malloc'd. */
char	*summary_csv(const struct summary_row *, size_t n, size_t *len);

#endif
