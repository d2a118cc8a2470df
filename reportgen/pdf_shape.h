/*
 * pdf_shape.h: text the shipped DejaVu subsets cannot draw (issue 18),
 * shared by the rooms of the drawing layer that handle it:
 *
 *	pdf_fontfind.c  which font file draws a script: fonts/fallback.conf,
 *	                a list of directories and file names (no library)
 *	pdf_shape.c     a line of text cut into runs, in visual order:
 *	                FriBidi for direction, HarfBuzz for the glyphs of
 *	                the runs the DejaVu fast path cannot draw
 *	pdf_cid.c       those glyphs' fonts in the document: Type0 fonts
 *	                (Identity-H, CIDFontType2), subset by hb-subset, with
 *	                /W and a ToUnicode map from the shaping clusters
 *
 * A line whose every character the DejaVu subsets have never gets here
 * (shape_needed() is 0): its bytes are those of the single-byte path.
 * HarfBuzz and FriBidi types stay in pdf_shape.c and pdf_cid.c.
 */
#ifndef REPORTGEN_PDF_SHAPE_H
#define REPORTGEN_PDF_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "pdf_private.h"

/* ------------------------------------------------------------ pdf_fontfind.c */

struct fontfind;

#define SHAPE_FONTS	32	/* fallback font files per struct pdf */

/* Font discovery over the list in fontdir/fallback.conf, read on the
 * first lookup.  NULL only when memory failed. */
struct fontfind	*fontfind_new(const char *fontdir);
void		 fontfind_free(struct fontfind *);
/* The file drawing ISO 15924 script tag (e.g. "Deva") in the bold face
 * (bold 1) or the regular one, and its index in a collection; NULL when
 * the list has no such script or its file is in no directory. */
const char	*fontfind_lookup(struct fontfind *, const char *tag, int bold,
		    int *index);

/* ------------------------------------------------------------ pdf_shape.c */

/* One glyph as drawn: 1/1000 em; cl is the byte offset (in the line) of
 * the first character of its cluster, clen the cluster's bytes. */
struct sglyph {
	uint32_t	 gid;
	int32_t		 adv, dx, dy;
	uint32_t	 cl, clen;
};

/* A run of a line, in visual order. */
struct srun {
	int		 sf;		/* fallback font, -1: the DejaVu path */
	int		 rtl;		/* odd bidi level */
	size_t		 off, len;	/* bytes of the line (logical) */
	size_t		 g0, ng;	/* glyphs (sf >= 0) */
	long		 w;		/* 1/1000 em */
};

struct shaped {
	struct srun	*r;
	size_t		 nr, rcap;
	struct sglyph	*g;
	size_t		 ng, gcap;
	int		 rtl;		/* the paragraph direction */
};

/* Per struct pdf: the font list and the fonts loaded (a cache kept for
 * the life of the struct pdf, across documents).  0 or -1. */
int	shape_init(struct pdf *, const char *fontdir);
void	shape_free(struct pdf *);
/* utf8 (n bytes) has a character the DejaVu path cannot draw: one no
 * face has, a combining mark or a format character. */
int	shape_needed(const struct pdf *, enum font, const char *utf8,
	    size_t n);
/* Cuts a line into runs (visual order) and shapes those of the fallback
 * fonts.  Characters that no font has are left in DejaVu runs (drawn as
 * '?'); format characters outside shaped runs are dropped (see
 * shape_dropped).  0 or -1 (memory). */
int	shape_line(struct pdf *, enum font, const char *utf8, size_t n,
	    struct shaped *);
void	shaped_free(struct shaped *);
/* The first strong character of utf8 is right-to-left. */
int	shape_rtl(const char *utf8, size_t n);
/* cp is a format or variation character that is drawn as nothing. */
int	shape_dropped(uint32_t cp);
/* A line may break after CJK character cp, followed by next (0: none). */
int	shape_cjk_break(uint32_t cp, uint32_t next);
/* cp's mirror in right-to-left text, or cp. */
uint32_t shape_mirror(uint32_t cp);

struct hb_face_t;
struct hb_font_t;
/* A fallback font's HarfBuzz face and font (units: its units per em). */
struct hb_face_t *shape_face(const struct pdf *, int sf);
struct hb_font_t *shape_font(const struct pdf *, int sf);
unsigned	 shape_upem(const struct pdf *, int sf);

/* ------------------------------------------------------------ pdf_cid.c */

/* Per document: forget the fonts of the last one; write this one's. */
void	cid_doc_begin(struct pdf *);
/* Before tag_doc_end: subsets, widths and ToUnicode of the fonts used.
 * 0, or -1 with the error recorded. */
int	cid_doc_end(struct pdf *);
void	cid_free(struct pdf *);
/* Forgets what was made from the fonts (pdf_shape.c drops them after a
 * memory failure). */
void	cid_forget(struct pdf *);
/* The document's Type0 font for fallback font sf (made on first use), or
 * NULL with the error recorded. */
HPDF_Font cid_font(struct pdf *, int sf);
/* The CID that shows glyph gid of font sf with width w in /W (1/1000
 * em) for text (n bytes of UTF-8: the characters it stands for, n 0 for
 * none), given on first use; 0 (.notdef) when CIDs or memory ran out. */
unsigned cid_use(struct pdf *, int sf, uint32_t gid, int w,
	    const char *text, size_t n);
/* Glyph gid's width in /W, 1/1000 em. */
int	cid_width(const struct pdf *, int sf, uint32_t gid);

#endif
