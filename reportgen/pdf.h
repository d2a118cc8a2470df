/*
 * pdf.h: the drawing layer, the one way to libharu.  Its rooms (pdf.c,
 * pdf_font.c, pdf_text.c, pdf_draw.c, pdf_tag.c, pdf_deflate.c,
 * pdf_objstm.c, pdf_haru.c; see pdf_private.h) are the only files that
 * include <hpdf.h>; sections draw and tag through these calls.
 *
 * Coordinates are PDF points with the origin at the TOP-left of the page
 * and y growing downwards (the layer flips them).  Text calls take UTF-8,
 * split into runs per single-byte encoding of the embedded subset fonts
 * (Western, Central European, Cyrillic, Greek and a custom one for the
 * rupee sign and typographic symbols), so any Latin, Greek or Cyrillic
 * name renders and extracts correctly.  A character no font has is drawn
 * as the documented fallback ("?") and reported once per document with
 * diag().
 *
 * A struct pdf is made once per process or worker and reused for many
 * documents (HPDF_NewDoc keeps the loaded fonts).  libharu errors are
 * recorded, not jumped from: after a failure every call is a no-op and
 * pdf_error() tells the first error.
 */
#ifndef REPORTGEN_PDF_H
#define REPORTGEN_PDF_H

#include <stddef.h>
#include <time.h>

#include "diag.h"

enum paper { PAPER_A4, PAPER_LETTER };

enum font {
	FONT_REGULAR,
	FONT_BOLD,
	FONT_ITALIC,
	FONT__N
};

struct rgb {
	float	r, g, b;	/* 0..1 */
};

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* Document information; no personal data beyond the name in the title. */
struct pdf_info {
	const char	*title;
	const char	*subject;
	const char	*creator;
	const char	*author;	/* who prepared it; NULL: "reportgen" */
	time_t		 date;		/* creation and modification date */
	enum paper	 paper;
	const char	*diag_path;	/* the profile, for messages */
};

struct pdf;

/* Loads fonts from fontdir once.  NULL with a message when a font file is
 * missing or broken. */
struct pdf	*pdf_new(const char *fontdir, struct diag *d);
void		 pdf_free(struct pdf *);

/* Starts a new document (no page yet). */
int		 pdf_begin(struct pdf *, const struct pdf_info *, struct diag *d);
/* Serialises the document into a malloc'd buffer.  0 or -1. */
int		 pdf_end(struct pdf *, unsigned char **buf, size_t *len);
/* The first libharu error of this document as "error 0x1234 (detail)",
 * or NULL while none happened. */
const char	*pdf_error(const struct pdf *);

/* ------------------------------------------------------------ pages */

/* Page geometry: the content box is inside the margins. */
float	pdf_left(const struct pdf *);		/* left margin x */
float	pdf_right(const struct pdf *);		/* right margin x */
float	pdf_top(const struct pdf *);		/* first content y */
float	pdf_bottom(const struct pdf *);	/* last content y */

/* Adds a page and moves the cursor to pdf_top(). */
void	pdf_add_page(struct pdf *);
int	pdf_page_count(const struct pdf *);
/* Makes page n (1-based) the one drawn on, e.g. for footers at the end. */
void	pdf_goto_page(struct pdf *, int n);

/* The flow cursor: sections place content at pdf_y() and advance it. */
float	pdf_y(const struct pdf *);
void	pdf_set_y(struct pdf *, float y);
void	pdf_advance(struct pdf *, float dy);
/* The one place that breaks pages: when less than h remains above the
 * bottom margin, a new page starts.  Returns 1 when it broke. */
int	pdf_need(struct pdf *, float h);

/* Bookmark (outline entry) at the current page and cursor.  level 0 is a
 * top entry, 1 a child of the last top entry. */
void	pdf_bookmark(struct pdf *, int level, const char *utf8);

/* ------------------------------------------------------------ text */

/* Width in points of utf8 in font at size (exact, from glyph widths). */
float	pdf_measure(struct pdf *, enum font, float size, const char *utf8);
/* Draws one line with its baseline at y; x is the left, centre or right
 * edge per align.  No wrapping: callers that may overflow use pdf_wrap. */
void	pdf_text(struct pdf *, float x, float y, enum font, float size,
	    struct rgb, enum align, const char *utf8);

/* Breaks utf8 into lines no wider than width, at spaces and after hyphens
 * and slashes; a word wider than the line is broken between characters
 * (with a hyphen where it fits).  Calls line() for each line, in order,
 * with a NUL-terminated copy.  Returns the number of lines. */
int	pdf_wrap(struct pdf *, enum font, float size, float width,
	    const char *utf8,
	    void (*line)(void *ctx, const char *text, int n), void *ctx);

/* A wrapped paragraph in the flow: starts at pdf_y(), breaks pages as
 * needed (via pdf_need), advances the cursor.  Returns lines drawn. */
int	pdf_paragraph(struct pdf *, float x, float width, enum font,
	    float size, float leading, struct rgb, const char *utf8);

/* The same text wrapped into a box that does not flow: at most max_lines
 * lines, the last one ended with an ellipsis when cut.  Returns the
 * height used. */
float	pdf_text_box(struct pdf *, float x, float y, float width, enum font,
	    float size, float leading, struct rgb, int max_lines,
	    const char *utf8);

/* ------------------------------------------------------------ shapes */

void	pdf_rect(struct pdf *, float x, float y, float w, float h,
	    const struct rgb *fill, const struct rgb *stroke, float line_w);
void	pdf_round_rect(struct pdf *, float x, float y, float w, float h,
	    float radius, const struct rgb *fill);
void	pdf_line(struct pdf *, float x0, float y0, float x1, float y1,
	    struct rgb, float line_w);
void	pdf_dashed_line(struct pdf *, float x0, float y0, float x1, float y1,
	    struct rgb, float line_w);
/* Closed polygon through n points (xs[i], ys[i]); fill and/or stroke may
 * be NULL; fill_alpha < 1 draws it translucent. */
void	pdf_polygon(struct pdf *, const float *xs, const float *ys, int n,
	    const struct rgb *fill, float fill_alpha, const struct rgb *stroke,
	    float line_w);
void	pdf_circle(struct pdf *, float cx, float cy, float r,
	    const struct rgb *fill, const struct rgb *stroke, float line_w);
/* Arc of a ring from angle a0 to a1 (degrees, 0 = up, clockwise), for
 * gauges. */
void	pdf_arc(struct pdf *, float cx, float cy, float r, float a0, float a1,
	    struct rgb, float line_w);

/* ------------------------------------------------------------ images */

struct image;

/* An image (image.h: decoded PNG or a JPEG) drawn in the box x, y
 * (top-left), w, h; embedded once per document and reused.  0 or -1. */
int	pdf_image(struct pdf *, const struct image *, float x, float y,
	    float w, float h);

/* A link annotation over a rectangle to a relative file (index.pdf),
 * tagged as a Link element (with the annotation) in the current element;
 * contents says in words where it goes. */
void	pdf_link_file(struct pdf *, float x, float y, float w, float h,
	    const char *relpath, const char *contents);

/* ------------------------------------------------------------ tags */

/*
 * The structure tree (tagged PDF, pdf_tag.c).  Every document has a
 * Document element; elements opened with pdf_tag_begin() nest in the
 * innermost open one until pdf_tag_end().  What is drawn goes to the
 * innermost element as marked content: text always, shapes and images
 * only inside a Figure (elsewhere they are decoration: artifacts).  Text
 * drawn straight into a grouping element (Document, Sect, L, LI, TR)
 * gets an element of its own (P, LI, LBody, TD; TH with column scope in
 * a TAG_TR_HEAD row).  Between
 * pdf_artifact_begin() and _end() everything is an artifact (running
 * headers, footers).  Opening and closing must pair up per document.
 */
enum tag {
	TAG_DOCUMENT, TAG_SECT, TAG_DIV, TAG_H1, TAG_H2, TAG_H3, TAG_P,
	TAG_L, TAG_LI, TAG_LBL, TAG_LBODY,
	TAG_TABLE, TAG_TR, TAG_TR_HEAD, TAG_TH, TAG_TH_ROW, TAG_TD,
	TAG_FIGURE, TAG_CAPTION, TAG_LINK, TAG_SPAN,
	TAG__N
};

void	pdf_tag_begin(struct pdf *, enum tag);
void	pdf_tag_end(struct pdf *);
/* A Figure whose alternative text (UTF-8) says what it shows. */
void	pdf_figure_begin(struct pdf *, const char *alt);
/* The innermost open element's language, a BCP 47 tag ("el"), for text
 * in another language than the document's (en); NULL or "": none. */
void	pdf_tag_lang(struct pdf *, const char *lang);
void	pdf_artifact_begin(struct pdf *);
void	pdf_artifact_end(struct pdf *);

#endif
