/*
 * pdf_private.h: what the rooms of the drawing layer share, and nothing
 * outside them includes (the sections see pdf.h only).
 *
 *	pdf.c          the document and its pages: make, begin, end, errors,
 *	               libharu's memory, the flow cursor, bookmarks
 *	pdf_font.c     TrueType parsing (advance widths per code point),
 *	               font subsets, and the single-byte encodings the text
 *	               is shown in
 *	pdf_text.c     UTF-8 text: decoding, measuring, wrapping, paragraphs,
 *	               text boxes, and showing it run by run
 *	pdf_draw.c     the content-stream writer, graphics state, shapes,
 *	               images and links
 *	pdf_deflate.c  every stream we deflate (libdeflate)
 *	pdf_objstm.c   the serialised document's small objects packed into
 *	               an object stream with a cross-reference stream
 *	pdf_haru.c     every use of libharu 2.3.0's private structures
 *	pdf_tag.c      the structure tree and marked content (tagged PDF),
 *	               the catalog's entries
 *	pdf_tagw.c     the tree written into the object stream, XMP
 *	               metadata, ToUnicode maps
 *
 * libharu's public types appear here (struct pdf holds them); its private
 * structures are touched in pdf_haru.c only, through the haru_*() calls
 * at the end of this file.  <libdeflate.h> stays in pdf_deflate.c.
 */
#ifndef REPORTGEN_PDF_PRIVATE_H
#define REPORTGEN_PDF_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <hpdf.h>

#include "pdf.h"

#define MARGIN_SIDE	48.0f
#define MARGIN_TOP	64.0f	/* below the header band */
#define MARGIN_BOTTOM	56.0f	/* above the footer */

#define NENC_MAX	10	/* code pages + our extra encodings */
#define OUTLINE_ENC	"RG-OUTLINE"	/* outline and information encoding */
#define OUTLINE_FIRST	0x80	/* in it: ASCII, then ours */
#define NALPHA		8	/* translucent fill states per document */

/* Two faces: FONT_ITALIC draws the regular face slanted (DejaVu Sans
 * Oblique is the regular design slanted by 11 degrees, with the same
 * advance widths), which keeps a third font file out of every document. */
#define NFACE		2
#define SLANT_S		".1944"	/* tan(11 degrees) */

/* One font file: libharu's name for it and its advance widths. */
struct face {
	const char	*hname;		/* owned by libharu */
	HPDF_FontDef	 def;		/* libharu's, for its glyph flags */
	int16_t		*adv;		/* 1/1000 em per code point, -1 none */
	uint16_t	*gid;		/* glyph per code point, 0 none */
	uint32_t	 nadv;		/* code points in adv and gid */
	uint16_t	*cps;		/* the BMP code points with a glyph, */
	uint32_t	 ncps;		/* ascending (face_subset's cmap) */
	unsigned char	*file;		/* the font file (face_subset) */
	size_t		 nfile;
};

/* One single-byte encoding as we use it (its code -> code point table
 * is libharu's; which code shows a code point is in struct pdf's rev). */
struct enc {
	char		 name[32];
};

struct deflater;
struct shape;
struct cidset;

#define SAVE_RESERVE	(128u * 1024)	/* first block of struct pdf's save */

#define TAG_DEPTH	24	/* open structure elements at most */
#define TU_KEEP		4	/* ToUnicode maps kept per encoding */

/*
 * The structure tree (pdf_tag.c) is kept in these arrays, not as libharu
 * objects, and written straight into the object stream by pdf_objstm.c:
 * as libharu dicts and arrays it cost half again a report's instructions
 * (docs/performance.md).
 */
struct sel {			/* a structure element */
	uint8_t		 t;		/* enum tag */
	int		 parent;	/* element index, -1: the root */
	int		 pg;		/* page index of /Pg, -1 none yet */
	int		 alt;		/* offset in alts of its Alt, -1 */
	int		 lang;		/* offset in alts of its Lang, -1 */
};
enum { KID_MCID, KID_EL, KID_OBJR };
struct skid {			/* a kid of element el, in order */
	int		 el, kind;
	int		 v;		/* MCID, element, annotation's object */
	int		 pg;		/* page index (MCID, OBJR) */
};
struct smc {			/* an MCID of page pg, in order: its element */
	int		 pg, el;
};
struct skey {			/* a ParentTree key: a page's or a link's */
	int		 key, page;	/* page index, or -1 for a link */
	int		 el;		/* the link's element */
};

/* A growable buffer of bytes. */
struct obuf {
	unsigned char	*b;
	size_t		 n, cap;
	int		 err;
};

/* A deflated font program kept by font_program() (pdf_subset.c) for the
 * next document that uses the same glyphs of the same face. */
struct fprog {
	uint32_t	 hash;		/* of face, tag and bits */
	int		 face;
	unsigned	 n;		/* glyphs of the face */
	char		 tag[7];	/* the subset tag, as given */
	uint8_t		*bits;		/* the glyphs used, n bits */
	unsigned char	*z;		/* the deflated subset */
	size_t		 zn, length1;
};

#define FPROG_MAX	1024	/* font programs kept per renderer */

/* A colour's components as the content stream has them ("r g b "),
 * kept by pdf_draw.c's ops_rgb. */
struct rgbtext {
	struct rgb	 c;
	uint8_t		 n;
	char		 s[24];
};

#define RGBT_KEEP	16	/* colours kept per renderer */
#define FNAME_KEEP	8	/* font names kept per page */

struct pdf {
	HPDF_Doc	 doc;
	struct face	 face[NFACE];
	struct enc	 enc[NENC_MAX];
	HPDF_Encoder	 hpdf_enc[NENC_MAX];
	int		 nenc;
	uint16_t	 winansi[256];
	uint32_t	 maxcp;		/* tables below cover cp < maxcp */
	uint8_t		*rev;		/* [enc * maxcp + cp] -> code, 0 none */
	/* cp_width and face_for of each style for cp < 128, made once by
	 * fonts_load: the text layer's per-character lookups for ASCII */
	int16_t		 asc_w[FONT__N][128];
	int8_t		 asc_face[FONT__N][128];
	/* per byte, its code in an encoding for style f's own face
	 * (pdf_text.c's asc_codes, made on first use) */
	uint8_t		 asc_code[FONT__N][NENC_MAX][256];
	uint8_t		 asc_code_made[FONT__N][NENC_MAX];

	/* per document */
	struct diag	*d;
	const char	*diag_path;
	HPDF_Encoder	 olenc;		/* outline/info encoding */
	uint16_t	 oluni[256];	/* its codes from OUTLINE_FIRST */
	int		 olnext;	/* next free code in it */
	HPDF_Font	 font[NFACE][NENC_MAX];
	uint8_t		 used[NENC_MAX][256];	/* codes shown */
	uint8_t		 marked[NFACE][NENC_MAX][256];	/* told libharu:
					 * 1 + pdf_text.c's esc[], 0 not */
	HPDF_ExtGState	 alpha[NALPHA];
	float		 alpha_v[NALPHA];
	int		 nalpha;
	HPDF_Page	*pages;
	int		 npages, pagecap, cur;
	HPDF_Page	 page;
	float		 w, h, y;
	HPDF_Outline	 last_top;
	uint32_t	*warned;	/* characters reported this document */
	size_t		 nwarned, warncap;
	int		 warned_utf8;
	const struct image *img_src;	/* pdf_image: loaded this document */
	HPDF_Image	 img;

	/* graphics state of the current page, to skip repeated setters */
	HPDF_Font	 fname_font[FNAME_KEEP];	/* its fonts ... */
	const char	*fname[FNAME_KEEP];	/* ... their names ("F1") */
	int		 nfname;
	HPDF_Font	 cur_font;
	float		 cur_size;
	int		 have_fill, have_stroke, have_lw, dashed;
	int		 round_cap;	/* 1 J set (dots), else 0 J */
	struct rgb	 fill, stroke;
	float		 lw;
	struct rgbtext	 rgbt[RGBT_KEEP];	/* per process: ops_rgb */
	int		 nrgbt, rgbt_next;

	struct deflater	*zd;		/* pdf_deflate.c */
	struct obuf	 save;		/* the document as libharu saves it */
	struct obuf	 subset;	/* a font subset being made */
	struct fprog	 fprog[FPROG_MAX];	/* kept across documents */
	int		 nfprog, fprog_next;	/* in use; replaced next */
	unsigned long	 fprog_hits, fprog_misses;
	struct shape	*shape;		/* pdf_shape.c: fallback fonts */
	struct cidset	*cid;		/* pdf_cid.c: their fonts, per document */

	/* tagging (pdf_tag.c), per document; arrays kept across documents */
	int		 tagging;	/* a document is being tagged */
	int		 st[TAG_DEPTH];	/* open elements (indices in el) */
	int		 depth, deep;	/* open; opened beyond TAG_DEPTH */
	int		 nfig;		/* open Figures among them */
	int		 artifact;	/* inside pdf_artifact_begin */
	int		 mc_open;	/* 0, 1 an artifact, 2 mc_el's MCID */
	int		 mc_el, mc_page;	/* ... on this page */
	int		 mc_fig;	/* ... is a Figure's */
	int		 mc_shut;	/* ... takes no more text */
	int		 nkey;		/* next ParentTree key */
	unsigned long	 root_id;	/* the StructTreeRoot's object */
	struct sel	*el;
	struct skid	*kid;
	struct smc	*mc;
	struct skey	*key;
	int		*mcnext;	/* per page: next MCID */
	char		*alts;
	size_t		 nel, elcap, nkid, kidcap, nmc, mccap, nkeys, keycap;
	size_t		 mcncap, altn, altcap;
	/* per process: each encoding's last ToUnicode maps (pdf_tag.c) */
	struct tumap {
		uint8_t		 key[256];	/* the codes it maps */
		unsigned char	*z;		/* deflated */
		size_t		 n;
	}		 tu[NENC_MAX][TU_KEEP];
	int		 tunext[NENC_MAX];	/* the one to replace next */

	/* the last text shown (pdf_text.c), its text object left open for
	 * a separator (closed by pdf_tag.c, where it nests in the marked
	 * content) */
	int		 bt_open;	/* BT written, ET not yet */
	int		 txt_sep;	/* it ends in no space */
	enum font	 txt_f;		/* its style and size */
	float		 txt_size;

	/* the first libharu error */
	int		 failed;
	char		 errbuf[64];
};

/* ------------------------------------------------------------ pdf.c */

/* libharu's error handler: records the first error of the document. */
void	pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *pdf);
/* A libharu call failed without going through the handler: record it. */
void	pdf_lib_failed(struct pdf *);
/* The document is usable (no error so far, libharu's reserve untouched
 * since the last check). */
int	pdf_live(struct pdf *);

#define LIVE(p)		pdf_live(p)
#define PAGE(p)		(LIVE(p) && (p)->page != NULL)

/* ------------------------------------------------------------ pdf_font.c */

/* Reads the advance widths per BMP code point of a TrueType file in
 * memory (n bytes), as libharu computes them.  0, or -1 when the file
 * is not a usable font; fc->adv is then NULL.  Safe on any bytes. */
int	face_parse(struct face *fc, const unsigned char *f, size_t n);
/* TrueType reading shared with pdf_subset.c: big-endian integers, the
 * table directory (its entries checked to lie within the file; their
 * number, or -1) and one table of it (NULL when missing). */
uint32_t be32(const unsigned char *);
unsigned be16(const unsigned char *);
int	ttf_directory(const unsigned char *f, size_t n);
const unsigned char *ttf_table(const unsigned char *f, int ntab,
	    const char *tag, size_t *len);
void	face_free(struct face *);
/* Reads, parses and hands libharu the font files in fontdir, then builds
 * the encodings.  0, or -1 with a message in d. */
int	fonts_load(struct pdf *, const char *fontdir, struct diag *d);
void	fonts_free(struct pdf *);
/* The font program cut to the glyphs flagged in used[0..n) and
 * numbered anew (see pdf_subset.c), into o; *length1 its size.  0 or -1. */
int	face_subset(const struct face *, const uint8_t *used, unsigned n,
	    struct obuf *o, size_t *length1);

/* The deflated font program of face f cut to the glyphs flagged in
 * used[0..n) (face_subset, then deflated), from the renderer's cache when
 * a document before used the same glyphs: *z (valid until the next
 * call), *zn, *length1 the subset's size.  0 or -1. */
int	font_program(struct pdf *, int f, const uint8_t *used, unsigned n,
	    const char tag[7], const unsigned char **z, size_t *zn,
	    size_t *length1);
void	font_programs_free(struct pdf *);

/* Inline: the text layer asks these for every character it measures or
 * shows (some 100,000 calls a report). */

/* The face has a glyph for cp. */
static inline int
face_has(const struct face *fc, uint32_t cp)
{
	return cp < fc->nadv && fc->adv[cp] >= 0;
}

/* The face drawing style f (0 regular, 1 bold). */
static inline int
face_of(enum font f)
{
	return f == FONT_BOLD ? 1 : 0;
}

/* The face that draws cp in style f: f's own, else the regular one; -1
 * when no face has it. */
static inline int
face_for(const struct pdf *p, enum font f, uint32_t cp)
{
	if (face_has(&p->face[face_of(f)], cp))
		return face_of(f);
	if (face_has(&p->face[0], cp))
		return 0;
	return -1;
}

/* Width of cp in 1/1000 em as drawn in style f: '?' for a character no
 * face has, 0 for a dropped control character. */
static inline int
cp_width(const struct pdf *p, enum font f, uint32_t cp)
{
	int	 fc;

	if (cp == 0)
		return 0;
	if (cp == '\n' || cp == '\r')
		cp = ' ';
	if ((fc = face_for(p, f, cp)) == -1)
		return p->face[face_of(f)].adv['?'];
	return p->face[fc].adv[cp];
}
/* cp_place's other cases (pdf_font.c). */
void	cp_place_any(struct pdf *, enum font, uint32_t cp, int prefer,
	    int *fc, int *ei, int *code);

/* The (face, encoding, code) that draws cp in style f, preferring
 * encoding prefer (-1: none).  Inline for the usual case, a character
 * the preferred encoding has. */
static inline void
cp_place(struct pdf *p, enum font f, uint32_t cp, int prefer, int *fc,
    int *ei, int *code)
{
	int	 c;

	if (prefer >= 0 && cp < p->maxcp &&
	    (c = p->rev[(size_t)prefer * p->maxcp + cp]) != 0 &&
	    (*fc = face_for(p, f, cp)) != -1) {
		*ei = prefer;
		*code = c;
		return;
	}
	cp_place_any(p, f, cp, prefer, fc, ei, code);
}

/* ------------------------------------------------------------ pdf_text.c */

/* Next code point for layout: see pdf_text.c.  Returns bytes used. */
int	text_next(const char *s, size_t n, uint32_t *cp, int *bad);
/* Draws utf8[0..n) at (x, y) (the baseline, from the top) in one
 * marked-content sequence with the text before it when they belong to
 * one element; spaced: a wrapped line that broke at a space (the space
 * is shown after it, for text extraction); glue: a line that continues
 * a word broken after a hyphen.  pdf_wrap.c draws its lines with it. */
void	draw_text(struct pdf *, float x, float y, enum font, float size,
	    struct rgb, enum align, const char *utf8, size_t n, int spaced,
	    int glue);

/* text_next with printable ASCII, most of a report's text, decoded in
 * place (n > 0). */
static inline int
next_cp(const char *s, size_t n, uint32_t *cp, int *bad)
{
	if ((unsigned char)s[0] - 0x20u < 0x5Fu) {
		*cp = (unsigned char)s[0];
		*bad = 0;
		return 1;
	}
	return text_next(s, n, cp, bad);
}

/* No byte of s[0..n) above 0x7F: then shape_needed is 0 (the faces
 * have all of ASCII), found eight bytes at a time. */
static inline int
ascii_only(const char *s, size_t n)
{
	uint64_t	 w, acc = 0;
	size_t		 i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return (acc & 0x8080808080808080ULL) == 0;
}

/* cp_width with ASCII from the table fonts_load made. */
static inline int
width_of(const struct pdf *p, enum font f, uint32_t cp)
{
	return cp < 128 ? p->asc_w[f][cp] : cp_width(p, f, cp);
}

/* ------------------------------------------------------------ pdf_draw.c */

/* Content operators gathered before they go into the page's stream. */
struct ops {
	char	 b[1536];
	size_t	 n;
};

void	ops_len(struct ops *, float);

/* Inline, as the strings are literals: their length is then known at
 * compile time (some 3,000 operators a report). */

/* Text as is (no separator). */
static inline void
ops_str(struct ops *o, const char *t)
{
	size_t	 l = strlen(t);

	if (o->n + l >= sizeof(o->b))
		return;
	memcpy(o->b + o->n, t, l);
	o->n += l;
}

/* An operator and its line end. */
static inline void
ops_op(struct ops *o, const char *op)
{
	size_t	 l = strlen(op);

	if (o->n + l + 1 >= sizeof(o->b))
		return;
	memcpy(o->b + o->n, op, l);
	o->n += l;
	o->b[o->n++] = '\n';
}
void	ops_flush(struct pdf *, struct ops *);
void	set_fill(struct pdf *, struct ops *, struct rgb);
void	set_font(struct pdf *, struct ops *, HPDF_Font, float size);
/* Forget the cached graphics state (new page, switch of page, image). */
void	invalidate_state(struct pdf *);

/* ------------------------------------------------------------ pdf_tag.c */

/* A document begun: the catalog's /Lang, /MarkInfo, /ViewerPreferences
 * and XMP /Metadata; the Document element.  0 or -1. */
int	tag_doc_begin(struct pdf *, const struct pdf_info *);
/* A page added: its ParentTree key as /StructParents, and /Tabs. */
void	tag_page_added(struct pdf *);
void	tag_free(struct pdf *);
/* Marked content for one drawing operation about to go into o: opens a
 * sequence (the MCID of the element it belongs to, or an artifact) for
 * graphics (MC_SHAPE) or text (MC_TEXT; MC_TEXT_ALONE: text that has a
 * sequence of its own, as shaped text does), or keeps the open one when
 * it is the same; closes the open text object (ET) unless text follows
 * in the same sequence.  Returns 1 when text continues a sequence (it
 * may need a separator: pdf_text.c).  mc_flush closes the open text
 * object and sequence (before the page changes, and at the end). */
enum { MC_SHAPE, MC_TEXT, MC_TEXT_ALONE };
int	mc_begin(struct pdf *, struct ops *, int kind);
void	mc_flush(struct pdf *);
/* Text about to be drawn in several pdf_text calls (a paragraph, a text
 * box): when the innermost element is a grouping one, a P for them all;
 * 1 when one was opened (close it with pdf_tag_end). */
int	tag_auto_begin(struct pdf *);
/* utf8[0..n) as a text string in UTF-16BE with its byte order mark,
 * into b (room for 2 + 4 n bytes); the bytes written. */
size_t	text_utf16(const char *utf8, size_t n, unsigned char *b);
/* A link annotation just made: its Link element, OBJR and Contents. */
void	tag_link(struct pdf *, HPDF_Annotation, const char *contents);
/* Standard structure type names (PDF 1.7, 14.8.4), per enum tag. */
extern const char *const tag_names[TAG__N];

/* ------------------------------------------------------------ pdf_tagw.c */

/* The XMP packet (ISO 16684-1) with what the Info dictionary says, into
 * b (sz bytes); its length. */
size_t	tag_xmp(char *b, size_t sz, const struct pdf_info *,
	    const char *author);
/* Before saving: ToUnicode maps for the fonts used. */
void	tag_doc_end(struct pdf *);
/* The tree as PDF objects for an object stream: the StructTreeRoot
 * first (as object root_id, reserved in libharu's table), then the
 * elements and each page's ParentTree array numbered from first; each
 * one's value appended to body and "num offset " to hdr.  Returns how
 * many (the root included), or -1 when memory failed. */
long	tag_objects(struct pdf *, unsigned long first, struct obuf *hdr,
	    struct obuf *body);
/* About how many bytes tag_objects will write (to make room once). */
size_t	tag_bytes(const struct pdf *);

/* ------------------------------------------------------------ pdf_objstm.c */

/* libharu's serialised document (malloc'd) rewritten with its objects
 * other than streams, and the structure tree, in one object stream and a
 * cross-reference stream.  0 (also when left as it was), or -1 (memory).
 */
int	objstm_pack(struct pdf *, unsigned char **buf, size_t *len);
/* Appends to a growable buffer (its err set when memory failed). */
void	obuf_grow_put(struct obuf *, const void *, size_t);

/* Inline: tag_objects makes some 4,000 of these calls a report. */
static inline void
obuf_put(struct obuf *o, const void *s, size_t n)
{
	if (o->n + n <= o->cap && n > 0) {
		memcpy(o->b + o->n, s, n);
		o->n += n;
	} else
		obuf_grow_put(o, s, n);
}

static inline void
obuf_str(struct obuf *o, const char *s)
{
	obuf_put(o, s, strlen(s));
}
void	obuf_num(struct obuf *, unsigned long);
/* Room for n more bytes at o.  0, or -1 (o->err set). */
int	obuf_reserve(struct obuf *, size_t);

/* ------------------------------------------------------------ pdf_deflate.c */

struct deflater	*deflater_new(void);
void		 deflater_free(struct deflater *);
/* Deflates every page's content stream of the document.  0 or -1. */
int		 deflate_pages(struct pdf *);
/* Deflates a stream of ours (a ToUnicode map) at the font subsets'
 * level.  0 or -1. */
int		 deflate_stream(struct pdf *, HPDF_Dict);
/* Deflates n bytes at the font subsets' level into the deflater's
 * buffer (*out, valid until its next use).  0 or -1. */
int		 deflate_font_mem(struct pdf *, const void *in, size_t n,
		    const unsigned char **out, size_t *outn);
/* Deflates n bytes at OBJSTM_LEVEL; *out is the deflater's buffer,
 * valid until its next use.  0 or -1. */
int		 deflate_mem(struct pdf *, const void *in, size_t n,
		    const unsigned char **out, size_t *outn);


/* ------------------------------------------------------------ pdf_haru.c */

/* libharu's memory (pdf.c's allocator for it): n bytes, or NULL; a block
 * from haru_mem_alloc given back (NULL: nothing). */
void		*haru_mem_alloc(size_t n);
void		 haru_mem_free(void *);

/* Fonts: a TrueType file handed to libharu from memory (its name, or
 * NULL); a (face, encoding) font of the document, made on first use. */
const char	*haru_face_load(struct pdf *, int face, const unsigned char *,
		    size_t);
HPDF_Font	 haru_font_get(struct pdf *, int face, int ei);
/* The page's resource name of font ("F1"), or NULL. */
const char	*haru_local_font_name(HPDF_Page, HPDF_Font);

/* Encodings: an encoder's code -> Unicode table; takes a libharu encoder
 * over as our encoding ei (our /Encoding writer); a new encoder of our own
 * registered with the handle; code -> cp in an encoder of ours. */
void		 haru_enc_unicode(HPDF_Encoder, uint16_t map[256]);
int		 haru_enc_adopt(struct pdf *, HPDF_Encoder, int ei);
HPDF_Encoder	 haru_extra_enc_new(struct pdf *, const char *name, int ei);
void		 haru_enc_assign(HPDF_Encoder, int code, uint32_t cp);
/* The outline and document-information encoding: made once, reset to
 * ASCII per document, a code given a character as titles need it. */
HPDF_Encoder	 haru_outline_enc_new(struct pdf *);
void		 haru_outline_enc_reset(HPDF_Encoder);
void		 haru_outline_enc_set(HPDF_Encoder, int code, uint32_t cp);
/* Each font's /Widths cut to the codes this document used (on), or the
 * encoders' full range back (off). */
void		 haru_narrow_widths(struct pdf *, int on);

/* The document serialised by libharu: *buf (malloc'd) and *len.  HPDF_OK
 * or an error. */
HPDF_STATUS	 haru_save(struct pdf *, unsigned char **buf, size_t *len);
/* Appends n bytes to a page's content stream.  HPDF_OK or an error. */
HPDF_STATUS	 haru_page_write(HPDF_Page, const void *, size_t);

/* Streams we deflate ourselves: the page's content stream dict; whether
 * a stream dict is one libharu would deflate in memory (we take it over);
 * its size, chunks, and its data replaced by our deflated bytes (libharu
 * then writes them as they are, under /Filter /FlateDecode). */
HPDF_Dict	 haru_page_contents(HPDF_Page);
int		 haru_stream_ours(HPDF_Dict);
size_t		 haru_stream_size(HPDF_Dict);
unsigned	 haru_stream_nchunks(HPDF_Dict);
const unsigned char *haru_stream_chunk(HPDF_Dict, unsigned i, size_t *len);
int		 haru_stream_replace(HPDF_Dict, const unsigned char *, size_t);

/* The object layer: the document's memory manager, cross-reference table
 * and catalog; an object's number; a new indirect stream holding n bytes
 * of data (deflated by libharu when deflate is 1). */
HPDF_MMgr	 haru_mmgr(struct pdf *);
HPDF_Xref	 haru_xref(struct pdf *);
HPDF_Dict	 haru_catalog(struct pdf *);
unsigned long	 haru_obj_id(const void *obj);
HPDF_Dict	 haru_stream_new(struct pdf *, const void *data, size_t n,
		    int deflate);

#endif
