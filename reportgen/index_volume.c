/*
 * index_volume.c: the index of a cohort too large for one table
 * (above index_volume_rows(), 1,000 unless RG_INDEX_VOLUME_ROWS says
 * otherwise for tests).  The table is cut into volumes, index.001.pdf,
 * ...: each is drawn and handed to put() as soon as its rows are in
 * (index.c's index_add calls index_volume_flush), with links to the
 * overview and to the volumes either side.  At close, index.pdf is the
 * overview: the totals, the contents (one linked line per volume with the
 * range it covers) and the cohort page, with medians from the totals
 * since the rows are gone by then.  Draws with index.c's document and
 * table helpers (index_private.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brand.h"
#include "index.h"
#include "index_private.h"
#include "pdf.h"
#include "sections.h"
#include "theme.h"

size_t
index_volume_rows(const struct index_opts *o)
{
	const char	*e;
	char		*end;
	unsigned long	 v;

	if (o != NULL && o->volume_rows > 0)
		return o->volume_rows;
	/* tests cut small cohorts into volumes */
	if ((e = getenv("RG_INDEX_VOLUME_ROWS")) != NULL && *e != '\0') {
		v = strtoul(e, &end, 10);
		if (*end == '\0' && v > 0 && v < 10000000)
			return (size_t)v;
	}
	return INDEX_VOLUME_ROWS;
}

size_t
index_volume_count(const struct index_opts *o, size_t total)
{
	size_t	 v = index_volume_rows(o);

	return total > v ? (total + v - 1) / v : 0;
}

/* The order of the table, in words. */
static const char *
sort_words(enum index_sort s)
{
	return s == INDEX_SORT_FDE ? "by Forward Deployed Engineer fit, "
	    "highest first" : s == INDEX_SORT_MLOPS ? "by MLOps Engineer fit, "
	    "highest first" : "by name";
}

/* A name as the contents show it: with the fit the order is by. */
static char *
range_end(const struct index_row *r, enum index_sort s)
{
	char	 buf[300];

	if (s == INDEX_SORT_NAME || !r->has_fit)
		snprintf(buf, sizeof(buf), "%s", index_row_name(r));
	else
		snprintf(buf, sizeof(buf), "%.1f  %s", s == INDEX_SORT_FDE ?
		    r->fde : r->mlops, index_row_name(r));
	return strdup(buf);
}

/* A link in a line of links: text at x, tagged, to file. */
static float
nav_link(struct rctx *c, float x, float y, const char *text,
    const char *file, const char *contents)
{
	float	 tw = pdf_measure(c->pdf, FONT_BOLD, SZ_SMALL, text);

	pdf_tag_begin(c->pdf, TAG_LINK);
	rc_text(c, x, y + 12, tw + 2, FONT_BOLD, SZ_SMALL, c->accent,
	    ALIGN_LEFT, text);
	pdf_link_file(c->pdf, x, y, tw, ROW_H, file, contents);
	pdf_tag_end(c->pdf);
	return x + tw + 24;
}

/* Draws the buffered rows as volume number w->made + 1 and puts it. */
int
index_volume_flush(struct index_writer *w)
{
	struct render_opts	 ro;
	struct rctx		 c;
	struct vol		*v;
	char			 name[INDEX_VOLUME_NAME_MAX];
	char			 other[INDEX_VOLUME_NAME_MAX];
	char			 a[32], b[32], t[32], h1[128], s[512];
	char			 title[160], ct[160];
	float			 x, y;
	size_t			 k = w->made + 1, i;
	int			 rc;

	if (w->nrows == 0)
		return 0;
	v = &w->vols[w->made];
	v->from = w->added - w->nrows + 1;
	v->to = w->added;
	if ((v->first = range_end(&w->rows[0], w->o->sort)) == NULL ||
	    (v->last = range_end(&w->rows[w->nrows - 1], w->o->sort)) ==
	    NULL) {
		diag(w->d, SEV_FATAL, NULL, 0, "out of memory");
		return -1;
	}
	snprintf(name, sizeof(name), INDEX_VOLUME_FMT, k);
	snprintf(h1, sizeof(h1), "Candidates %s to %s",
	    index_count(a, sizeof(a), v->from),
	    index_count(b, sizeof(b), v->to));
	snprintf(title, sizeof(title), "Career reports: index, volume %zu of "
	    "%zu", k, w->nvols);
	if (index_doc_begin(w, &c, &ro, title, name, h1) == NULL)
		return -1;
	snprintf(s, sizeof(s), "Volume %zu of %zu of the index of %s "
	    "candidates  \xc2\xb7  %s%s%s  \xc2\xb7  updated %s%s%s", k,
	    w->nvols, index_count(t, sizeof(t), w->total),
	    sort_words(w->o->sort),
	    w->o->brand != NULL ? "  \xc2\xb7  " : "",
	    w->o->brand != NULL ? w->o->brand->org : "",
	    w->o->date != NULL ? w->o->date : DASH,
	    w->o->shard != NULL ? "  \xc2\xb7  shard " : "",
	    w->o->shard != NULL ? w->o->shard : "");
	index_doc_title(&c, h1, s);
	/* where it sits: the overview, the volumes either side */
	y = pdf_y(c.pdf) - ROW_H + 4;
	pdf_tag_begin(c.pdf, TAG_P);
	x = nav_link(&c, c.x0, y, "Overview and contents (" INDEX_NAME ")",
	    INDEX_NAME, "The overview of the index, with its contents");
	if (k > 1) {
		snprintf(other, sizeof(other), INDEX_VOLUME_FMT, k - 1);
		snprintf(ct, sizeof(ct), "Volume %zu of the index", k - 1);
		x = nav_link(&c, x, y, "Previous volume", other, ct);
	}
	if (k < w->nvols) {
		snprintf(other, sizeof(other), INDEX_VOLUME_FMT, k + 1);
		snprintf(ct, sizeof(ct), "Volume %zu of the index", k + 1);
		(void)nav_link(&c, x, y, "Next volume", other, ct);
	}
	pdf_tag_end(c.pdf);
	pdf_advance(c.pdf, GAP_M);
	index_table(&c, w->rows, w->nrows);
	rc = index_doc_end(w, &c, name, "Confidential: candidates' names and "
	    "results. Each name links to its report in this directory.");
	for (i = 0; i < w->nrows; i++)
		free(w->blk[i]);
	w->nrows = 0;
	w->made++;
	return rc;
}

/* The overview of a cohort in volumes: totals, contents, cohort page
 * (medians to 0.1, from the totals). */
int
index_overview(struct index_writer *w)
{
	static const struct col vcols[] = {
		{ "Volume",	0.00f, 0.13f, ALIGN_LEFT },
		{ "Candidates",	0.13f, 0.21f, ALIGN_LEFT },
		{ "From",	0.34f, 0.33f, ALIGN_LEFT },
		{ "To",		0.67f, 0.33f, ALIGN_LEFT },
	};
	struct render_opts	 ro;
	struct rctx		 c;
	const struct vol	*v;
	double			 med[ROLE__N] = { 0, 0 };
	char			 s[512], a[32], b[32], t[32], name[64];
	char			 lk[160];
	size_t			 i, k, nf = w->tot.nfit;
	float			 y;

	if (index_pdf_begin(w, &c, &ro, /*big*/ 1) == NULL)
		return -1;
	snprintf(s, sizeof(s), "The candidates, in %zu volumes", w->made);
	rc_heading(&c, s, HEAD_H + 3 * ROW_H + 30);
	snprintf(s, sizeof(s), "The table of the %s candidates is cut into "
	    "volumes of %s rows, %s; each line below links to its volume, a "
	    "PDF in this directory.  summary.csv lists every candidate in "
	    "one file.", index_count(t, sizeof(t), w->total),
	    index_count(a, sizeof(a), w->vrows), sort_words(w->o->sort));
	rc_para(&c, FONT_REGULAR, SZ_SMALL, 12, C_TEXT, s);
	pdf_tag_begin(c.pdf, TAG_TABLE);
	index_head_row(&c, vcols, 4, 0);
	for (i = 0; i < w->made; i++) {
		v = &w->vols[i];
		if (pdf_need(c.pdf, ROW_H))
			index_head_row(&c, vcols, 4, 1);
		y = pdf_y(c.pdf);
		if (i % 2 == 1)
			pdf_rect(c.pdf, c.x0, y, c.w, ROW_H, &C_PANEL, NULL,
			    0);
		snprintf(name, sizeof(name), INDEX_VOLUME_FMT, i + 1);
		snprintf(s, sizeof(s), "%s %s %s",
		    index_count(a, sizeof(a), v->from), DASH,
		    index_count(b, sizeof(b), v->to));
		snprintf(lk, sizeof(lk), "Volume %zu of the index: candidates "
		    "%s to %s", i + 1, a, b);
		pdf_tag_begin(c.pdf, TAG_TR);
		pdf_tag_begin(c.pdf, TAG_TD);
		pdf_tag_begin(c.pdf, TAG_LINK);
		snprintf(t, sizeof(t), "Volume %zu", i + 1);
		index_cell(&c, vcols, 0, y + 12, FONT_BOLD, c.accent, t);
		pdf_link_file(c.pdf, c.x0, y, c.w, ROW_H, name, lk);
		pdf_tag_end(c.pdf);
		pdf_tag_end(c.pdf);
		index_cell(&c, vcols, 1, y + 12, FONT_REGULAR, C_TEXT, s);
		index_cell(&c, vcols, 2, y + 12, FONT_REGULAR, C_TEXT,
		    v->first);
		index_cell(&c, vcols, 3, y + 12, FONT_REGULAR, C_TEXT,
		    v->last);
		pdf_tag_end(c.pdf);
		pdf_advance(c.pdf, ROW_H);
	}
	pdf_tag_end(c.pdf);
	pdf_line(c.pdf, c.x0, pdf_y(c.pdf), c.x1, pdf_y(c.pdf), C_RULE, 0.6f);
	if (w->o->market != NULL && nf > 0) {
		for (k = 0; k < ROLE__N; k++)
			med[k] = nf % 2 ?
			    index_fine_at(&w->tot, (int)k, nf / 2) :
			    (index_fine_at(&w->tot, (int)k, nf / 2 - 1) +
			    index_fine_at(&w->tot, (int)k, nf / 2)) / 2;
		index_cohort(&c, w->o->market, &w->tot, med, 1);
	}
	return index_doc_end(w, &c, INDEX_NAME, "Confidential: candidates' "
	    "names and results. Each volume links to its file in this "
	    "directory.");
}
