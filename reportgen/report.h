/*
 * report.h: assessment -> PDF bytes.  The renderer is the only way to
 * libharu (the pdf*.c files hold <hpdf.h>; the sect_*.c files draw
 * through pdf.h).
 *
 * A renderer is made once per process or worker: it loads the fonts once
 * and reuses one libharu handle for many documents.
 */
#ifndef REPORTGEN_REPORT_H
#define REPORTGEN_REPORT_H

#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "model.h"
#include "pdf.h"	/* enum paper */

struct brand;

#define PREV_MAX_PLAN	(MAX_DIMS + MAX_AREAS)

/* The assessment of the last report for the same id, as a batch manifest
 * keeps it (manifest.c), for the "Progress since your last report"
 * section.  Dimensions and areas are indices into the current market;
 * what the current market does not know any more is left out. */
struct prev_assessment {
	char		 date[16];	/* YYYY-MM-DD of the last report */
	double		 fit[ROLE__N];
	int		 rec;		/* enum recommendation, -1 unknown */
	int		 has_levels;	/* level[] is known */
	int		 level[MAX_DIMS];	/* effective, -1 unknown */
	int		 has_plan;	/* plan items are known */
	int		 plan_dim[PREV_MAX_PLAN];	/* -1 for an area */
	int		 plan_area[PREV_MAX_PLAN];	/* -1 for a dimension */
	int		 nplan;
};

struct render_opts {
	enum paper	 paper;
	time_t		 date;		/* shown on the report, and the PDF dates */
	const char	*prepared_by;	/* NULL: neutral default */
	const struct brand *brand;	/* NULL: neutral default */
	const struct prev_assessment *previous;	/* NULL: no progress page */
};

struct renderer;

struct renderer	*renderer_new(const char *datadir, struct diag *d);
void		 renderer_free(struct renderer *);

/* Renders one report into a malloc'd buffer (*pdf, *len).  Returns 0, or
 * -1 with the reason in d (section name and libharu error code). */
int		 render_report(struct renderer *, const struct assessment *,
		    const struct render_opts *, unsigned char **pdf,
		    size_t *len, struct diag *d);

/* Seconds the last render_report() spent serialising the PDF (fonts,
 * compression); the rest of its time was layout.  For the batch's
 * per-stage timing (issue 6). */
double		 render_last_serialise(const struct renderer *);

#endif
