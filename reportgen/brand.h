/*
 * brand.h: the --brand file (schemas/brand.xsd), loaded into plain data.
 *
 * A brand is loaded once per process, before a batch forks its workers,
 * and is read-only afterwards: the renderer takes it as a const pointer
 * (NULL: the neutral, unbranded report).  The strings are UTF-8, checked
 * by the schema (single lines of bounded length); the logo, when there is
 * one, is already decoded (see image.h), so the PDF layer only embeds it.
 */
#ifndef REPORTGEN_BRAND_H
#define REPORTGEN_BRAND_H

#include "arena.h"
#include "diag.h"
#include "image.h"

#define BRAND_MAX_BYTES	(64 * 1024)

struct brand {
	const char	*path;		/* the brand file, for messages */
	const char	*org;		/* always set */
	const char	*coach;		/* NULL when absent, as below */
	const char	*email;
	const char	*phone;
	const char	*url;		/* printed, never fetched */
	const char	*footer;
	int		 has_accent;
	float		 accent[3];	/* r, g, b in 0..1 */
	const char	*logo_path;	/* resolved; NULL: no logo */
	struct image	 logo;		/* valid when logo_path != NULL */
	struct arena	*arena;		/* owns the strings */
};

/* Read path, validate it against DATADIR/schemas/brand.xsd, and load its
 * logo.  NULL with messages in d (a logo that is missing or not a usable
 * PNG or JPEG is an error naming the logo file); *unreadable is set, when
 * not NULL, if the brand file itself could not be read (exit status 66). */
struct brand	*brand_load(const char *datadir, const char *path,
		    struct diag *d, int *unreadable);
/* The same from memory; path is used in messages and its directory to
 * resolve the logo. */
struct brand	*brand_load_mem(const char *datadir, const char *path,
		    const char *buf, size_t len, struct diag *d);
void		 brand_free(struct brand *);

#endif
