/*
 * report.h: assessment -> PDF bytes.  The renderer is the only way to
 * libharu (pdf.c holds <hpdf.h>; the sect_*.c files draw through pdf.h).
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

enum paper { PAPER_A4, PAPER_LETTER };

struct render_opts {
	enum paper	 paper;
	time_t		 date;		/* shown on the report, and the PDF dates */
	const char	*prepared_by;	/* NULL: neutral default */
};

struct renderer;

struct renderer	*renderer_new(const char *datadir, struct diag *d);
void		 renderer_free(struct renderer *);

/* Renders one report into a malloc'd buffer (*pdf, *len).  Returns 0, or
 * -1 with the reason in d (section name and libharu error code). */
int		 render_report(struct renderer *, const struct assessment *,
		    const struct render_opts *, unsigned char **pdf,
		    size_t *len, struct diag *d);

#endif
