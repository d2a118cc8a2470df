/*
 * load.h: reading XML.  libxml2 is included by load_*.c and xmlsafe.c
 * only; nothing past this interface sees a libxml2 type.
 *
 * A loader holds the compiled candidate schema and the market data.  It
 * is built once per process (before the batch forks its workers) and is
 * read-only afterwards.
 */
#ifndef REPORTGEN_LOAD_H
#define REPORTGEN_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#define PROFILE_MAX_BYTES	(1024 * 1024)	/* a profile larger is rejected */
#define MARKET_MAX_BYTES	(4 * 1024 * 1024)

struct loader;

/* datadir holds schemas/ and data/market.xml; market_path, when not NULL,
 * replaces data/market.xml.  NULL on failure, with messages in d. */
struct loader	*loader_new(const char *datadir, const char *market_path,
		    struct diag *d);
void		 loader_free(struct loader *);
/* Verbose: messages may quote the values of personal-data elements
 * (name, email, notes, ...), which are otherwise shown as <redacted>. */
void		 loader_set_verbose(struct loader *, int verbose);
const struct market *loader_market(const struct loader *);
/* The report date: a position may not start after it (an error), and
 * one that ends after it is taken to end there (a warning).  Until set,
 * the current month in UTC. */
void		 loader_set_date(struct loader *, struct ym today);

/* Read, validate, check, build.  NULL when the profile is rejected (the
 * reasons are in d, each as path:line: message) or cannot be read (then
 * *unreadable is set when not NULL, for exit status 66).  When memory ran
 * out (or libxml2 failed inside) the message is SEV_FATAL: d->worst tells
 * it from an invalid file, for EX_OSERR rather than EX_DATAERR. */
struct profile	*profile_load(const struct loader *, const char *path,
		    struct diag *d, int *unreadable);
/* The same from standard input (`validate -`), named PROFILE_STDIN in
 * messages. */
#define PROFILE_STDIN	"<stdin>"
struct profile	*profile_load_stdin(const struct loader *, struct diag *d,
		    int *unreadable);
/* The same from memory (fuzzing, tests); path is used in messages only. */
struct profile	*profile_load_mem(const struct loader *, const char *path,
		    const char *buf, size_t len, struct diag *d);
void		 profile_free(struct profile *);

/* Load and validate market data against schemas/market.xsd. */
struct market	*market_load(const char *xsd_path, const char *xml_path,
		    struct diag *d);
struct market	*market_load_mem(const char *xsd_path, const char *path,
		    const char *buf, size_t len, struct diag *d);
void		 market_free(struct market *);

/* When the market data is stale on `today` (market_stale, model.h), one
 * warning through diag naming the data's date and the report's; returns
 * whether it warned.  render and score call it once; batch once a run. */
int		 market_warn_stale(const struct market *, struct ym today,
		    struct diag *);

/* The dimension a free-form keyword maps to through the synonyms, or -1. */
int		 market_match_keyword(const struct market *, const char *kw);

#endif
