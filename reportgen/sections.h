/*
 * sections.h: the report's sections and what they share.
 *
 * The report is the table sections[] in render.c, drawn in order; each
 * entry is one sect_*.c file.  A section draws through pdf.h at pdf_y(),
 * asks pdf_need(h) before each block of height h (the only place pages
 * break) and advances the cursor past what it drew.  Sections only read
 * the assessment; they never fail: libharu errors are recorded by pdf.c
 * and checked by render.c after each section.
 *
 * The helpers below (render.c) keep every string inside its box: rc_fit
 * truncates one line with an ellipsis by measuring, rc_lines counts how
 * many lines a wrap takes so a block can ask pdf_need() for its height
 * before drawing.
 */
#ifndef REPORTGEN_SECTIONS_H
#define REPORTGEN_SECTIONS_H

#include "model.h"
#include "pdf.h"
#include "report.h"

/* What every section sees. */
struct rctx {
	struct pdf		*pdf;
	const struct assessment	*a;
	const struct profile	*p;
	const struct market	*m;
	const struct render_opts *opts;
	char			 date[32];	/* "1 June 2026" */
	float			 x0, x1, w;	/* content box: left, right, width */
	const struct brand	*brand;		/* NULL: unbranded */
	struct rgb		 accent;	/* brand accent, else the default */
};

struct section {
	const char	*name;		/* bookmark and error messages */
	void		(*draw)(struct rctx *);
	int		 new_page;	/* start on a fresh page */
	/* NULL: always drawn; else the section is left out (no page, no
	 * bookmark) when this returns 0. */
	int		(*wanted)(const struct rctx *);
};

void	sect_summary(struct rctx *);
void	sect_progress(struct rctx *);
int	sect_progress_wanted(const struct rctx *);
void	sect_skills(struct rctx *);
void	sect_roles(struct rctx *);
void	sect_comp(struct rctx *);
void	sect_outlook(struct rctx *);
void	sect_plan(struct rctx *);
void	sect_method(struct rctx *);

/* ------------------------------------------------ shared helpers */

/* The role's colour, its light tint and its wash (lightest). */
struct rgb	 role_color(enum role);
struct rgb	 role_tint(enum role);
struct rgb	 role_wash(enum role);

/* "Prepared by" line for the cover: coach and organisation of the brand,
 * else --prepared-by, else "reportgen"; into buf. */
const char *rc_prepared_by(const struct rctx *, char *buf, size_t bufsz);

/* Lines utf8 takes when wrapped to width (0 for NULL or ""). */
int	 rc_lines(struct rctx *, enum font, float size, float width,
	    const char *utf8);
/* Height of a wrapped block: lines x leading. */
float	 rc_height(struct rctx *, enum font, float size, float width,
	    float leading, const char *utf8);
/* utf8 cut to fit maxw (whole characters, then "…"), into buf. */
const char *rc_fit(struct rctx *, enum font, float size, float maxw,
	    const char *utf8, char *buf, size_t bufsz);
/* One line, truncated to maxw when wider. */
void	 rc_text(struct rctx *, float x, float y, float maxw, enum font,
	    float size, struct rgb, enum align, const char *utf8);
/* A section title with a short accent bar, and a lede paragraph. */
void	 rc_title(struct rctx *, const char *title, const char *lede);
/* A sub-heading kept with at least `keep` points of what follows. */
void	 rc_heading(struct rctx *, const char *title, float keep);
/* A wrapped paragraph in the flow with a space after. */
void	 rc_para(struct rctx *, enum font, float size, float leading,
	    struct rgb, const char *utf8);
/* Filled/empty pips for a level 0..max, left edge x, centre line y; a
 * Figure whose Alt says the level in words. */
void	 rc_pips(struct rctx *, float x, float y, int level, int max,
	    struct rgb on, float r);
/* Dimension name as printed (short name when the full one is long). */
const char *rc_dim_name(const struct rctx *, int dim, int short_form);
/* The source's publisher, for captions; "" when out of range. */
const char *rc_source(const struct rctx *, int source);

#endif
