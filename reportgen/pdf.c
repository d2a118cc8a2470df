/*
 * pdf.c: the drawing layer over libharu; see pdf.h.  The only file that
 * includes <hpdf.h>.
 *
 * Fonts: two pre-subset DejaVu Sans faces, Book and Bold (fonts/, made
 * by tools/mkfonts.sh; italic is the Book face slanted) are loaded once
 * per struct pdf and used through
 * single-byte encodings: the Windows code pages 1252, 1250, 1251, 1253,
 * 1254 and 1257, then two encodings of our own ("RG-X1", "RG-X2") that
 * hold every other character the fonts have (the rupee sign, arrows,
 * check marks, the rest of Greek and Cyrillic).  Our encodings write
 * their /Differences with "uniXXXX" glyph names, so viewers and text
 * extraction map them back to Unicode.  Single-byte fonts keep a
 * document small and fast: libharu embeds only the glyphs used.
 *
 * Text is decoded from UTF-8 here and split into runs per (face,
 * encoding); widths come from our own parse of the fonts' hmtx/cmap, in
 * the same 1/1000 em integers libharu writes to /Widths, so measuring
 * and wrapping match the drawn text exactly and never touch libharu.
 *
 * Coordinates: callers use the top-left origin with y down; every call
 * into libharu flips y (HPDF y = page height - y).
 *
 * Errors: the libharu error handler records the first error in the
 * struct pdf (no longjmp); afterwards every call returns at once and
 * pdf_end fails.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <hpdf.h>
#include <zlib.h>

#include "image.h"
#include "pdf.h"

#define A4_W		595.28f
#define A4_H		841.89f
#define LETTER_W	612.0f
#define LETTER_H	792.0f
#define MARGIN_SIDE	48.0f
#define MARGIN_TOP	64.0f	/* below the header band */
#define MARGIN_BOTTOM	56.0f	/* above the footer */

#define NENC_MAX	10	/* code pages + our extra encodings */
#define EXTRA_FIRST	0x21	/* our encodings: 0x20 stays the space */
#define OUTLINE_FIRST	0x80	/* outline encoding: ASCII, then ours */
#define NALPHA		8	/* translucent fill states per document */
#ifndef CONTENT_ZLEVEL
#define CONTENT_ZLEVEL	6	/* deflate level of page content */
#endif
#ifndef FONT_ZLEVEL
#define FONT_ZLEVEL	1	/* of the embedded font subsets */
#endif

/* Two faces: FONT_ITALIC draws the regular face slanted (DejaVu Sans
 * Oblique is the regular design slanted by 11 degrees, with the same
 * advance widths), which keeps a third font file out of every document. */
#define NFACE		2
#define SLANT		0.1944f		/* tan(11 degrees) */
#define SLANT_S		"0.1944"
static const char *const face_files[NFACE] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
};

static int
face_of(enum font f)
{
	return f == FONT_BOLD ? 1 : 0;
}

/* The code pages, in order of preference for a new run. */
static const char *const code_pages[] = {
	"CP1252", "CP1250", "CP1251", "CP1253", "CP1254", "CP1257"
};
#define NCODE_PAGES	(int)(sizeof(code_pages) / sizeof(code_pages[0]))

/* One font file: libharu's name for it and its advance widths. */
struct face {
	const char	*hname;		/* owned by libharu */
	int16_t		*adv;		/* 1/1000 em per code point, -1 none */
	uint32_t	 nadv;
};

/* One single-byte encoding as we use it. */
struct enc {
	char		 name[32];
	uint16_t	 uni[256];	/* code -> code point, 0 unused */
};

struct pdf {
	HPDF_Doc	 doc;
	struct face	 face[NFACE];
	struct enc	 enc[NENC_MAX];
	HPDF_Encoder	 hpdf_enc[NENC_MAX];
	int		 nenc;
	uint16_t	 winansi[256];
	uint32_t	 maxcp;		/* tables below cover cp < maxcp */
	uint8_t		*rev;		/* [enc * maxcp + cp] -> code, 0 none */

	/* per document */
	struct diag	*d;
	const char	*diag_path;
	HPDF_Encoder	 olenc;		/* outline/info encoding */
	int		 olnext;	/* next free code in it */
	HPDF_Font	 font[NFACE][NENC_MAX];
	uint8_t		 used[NENC_MAX][256];	/* codes shown */
	uint8_t		 marked[NFACE][NENC_MAX][256];	/* told libharu */
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
	HPDF_Font	 cur_font;
	float		 cur_size;
	int		 have_fill, have_stroke, have_lw, dashed;
	struct rgb	 fill, stroke;
	float		 lw;

	/* page content is deflated here (deflate_pages) */
	z_stream	 z, zf;		/* content, fonts */
	int		 z_ok;
	unsigned char	*zbuf;
	size_t		 zcap;

	/* the first libharu error */
	int		 failed;
	int		 reading;	/* pdf_end: STREAM_EOF is expected */
	HPDF_STATUS	 err, err_detail;
	char		 errbuf[64];
};

/* ------------------------------------------------------------ errors */

/* libharu's emergency reserve (see hpdf_alloc below): per process. */
static unsigned char	*reserve;
static size_t		 reserve_used;
static int		 reserve_hit;


static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct pdf	*p = arg;

	if (p->reading && code == HPDF_STREAM_EOF)
		return;
	if (p->failed)
		return;
	p->failed = 1;
	p->err = code;
	p->err_detail = detail;
	snprintf(p->errbuf, sizeof(p->errbuf), "error 0x%04X (detail %u)",
	    (unsigned)code, (unsigned)detail);
}

/* A libharu call made from here failed without going through on_error
 * (its internal functions only record the error in the document):
 * record it, so that the document fails instead of coming out short. */
static void
lib_failed(struct pdf *p)
{
	HPDF_STATUS	 e = p->doc != NULL ? HPDF_GetError(p->doc) : 0;

	on_error(e != HPDF_OK ? e : HPDF_FAILD_TO_ALLOC_MEM,
	    p->doc != NULL ? HPDF_GetErrorDetail(p->doc) : 0, p);
}

const char *
pdf_error(const struct pdf *p)
{
	if (p != NULL && !p->failed && reserve_hit)
		return "out of memory (libharu)";
	return p != NULL && p->failed ? p->errbuf : NULL;
}

/*
 * libharu 2.3.0 does not check every allocation it makes: when malloc
 * returns NULL inside HPDF_AddPage or while it saves a font descriptor, it
 * crashes (tests/t_allocfail.sh).  So its memory comes through these two
 * functions: when malloc fails, the request is served from a reserve set
 * aside when the first renderer is made, and the failure is noted; the
 * next LIVE() check turns the note into the document's error, so the
 * document fails with "out of memory" instead of the process crashing.
 * libharu's allocator takes no user pointer, so the reserve and the note
 * are per process: the one deliberate global of this file.  The reserve
 * is never reused (a block from it may belong to a font kept across
 * documents); once spent, allocation failures reach libharu again.
 */
#define RESERVE_SIZE	(2u * 1024 * 1024)

static void *
hpdf_alloc(HPDF_UINT size)
{
	void	*m;
	size_t	 n;

	if ((m = malloc(size)) != NULL || size == 0)
		return m;
	reserve_hit = 1;
	n = ((size_t)size + 15) & ~(size_t)15;
	if (reserve == NULL || RESERVE_SIZE - reserve_used < n)
		return NULL;
	m = reserve + reserve_used;
	reserve_used += n;
	return m;
}

static void
hpdf_free(void *m)
{
	if (reserve != NULL && (unsigned char *)m >= reserve &&
	    (unsigned char *)m < reserve + RESERVE_SIZE)
		return;
	free(m);
}

/* The document is usable: no error so far, and libharu has not had to
 * fall back on the reserve since the last check. */
static int
live(struct pdf *p)
{
	if (p == NULL || p->doc == NULL)
		return 0;
	if (reserve_hit) {
		reserve_hit = 0;
		on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
	}
	return !p->failed;
}

#define LIVE(p)		live(p)
#define PAGE(p)		(LIVE(p) && (p)->page != NULL)

/* ------------------------------------------------------------ UTF-8 */

/* Decodes one code point at s (n bytes left); returns its length, or 0
 * with *cp = 0xFFFD for an invalid or truncated sequence (the caller
 * then skips one byte).  Overlongs, surrogates and > U+10FFFF are
 * invalid. */
static int
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	 c;
	int		 len, i;

	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

/* Next code point of a string for layout: control characters other than
 * tab and line breaks are dropped (returned as 0), tab becomes a space.
 * *bad is set for invalid UTF-8 (returned as U+FFFD, one byte). */
static int
text_next(const char *s, size_t n, uint32_t *cp, int *bad)
{
	int	 len;

	len = utf8_next((const unsigned char *)s, n, cp);
	*bad = len == 0;
	if (len == 0)
		return 1;
	if (*cp == '\t')
		*cp = ' ';
	else if (*cp == '\n' || *cp == '\r')
		;
	else if (*cp < 0x20 || (*cp >= 0x7F && *cp < 0xA0))
		*cp = 0;
	return len;
}

/* ------------------------------------------------------------ fonts */

static uint32_t
be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static unsigned
be16(const unsigned char *b)
{
	return (unsigned)b[0] << 8 | b[1];
}

/* Finds a table in a TrueType file; NULL when missing or out of range. */
static const unsigned char *
ttf_table(const unsigned char *f, size_t n, const char *tag, size_t *len)
{
	unsigned	 i, ntab;
	uint32_t	 off, l;

	if (n < 12)
		return NULL;
	ntab = be16(f + 4);
	if (12 + (size_t)ntab * 16 > n)
		return NULL;
	for (i = 0; i < ntab; i++) {
		if (memcmp(f + 12 + i * 16, tag, 4) != 0)
			continue;
		off = be32(f + 12 + i * 16 + 8);
		l = be32(f + 12 + i * 16 + 12);
		if (off > n || l > n - off)
			return NULL;
		*len = l;
		return f + off;
	}
	return NULL;
}

/* Reads the advance widths per BMP code point from a TrueType file, as
 * libharu computes them (advance * 1000 / unitsPerEm, truncated).  0 on
 * success. */
static int
face_parse(struct face *fc, const unsigned char *f, size_t n)
{
	const unsigned char	*head, *hhea, *hmtx, *maxp, *cmap, *sub = NULL;
	size_t			 lhead, lhhea, lhmtx, lmaxp, lcmap, lsub = 0;
	unsigned		 upem, nhm, ng, nsub, i, seg, segx2;
	unsigned		 end, start, ro, g, gid, aw;
	int			 delta;
	uint32_t		 cp, off, maxcp = 0;

	if ((head = ttf_table(f, n, "head", &lhead)) == NULL || lhead < 54 ||
	    (hhea = ttf_table(f, n, "hhea", &lhhea)) == NULL || lhhea < 36 ||
	    (hmtx = ttf_table(f, n, "hmtx", &lhmtx)) == NULL ||
	    (maxp = ttf_table(f, n, "maxp", &lmaxp)) == NULL || lmaxp < 6 ||
	    (cmap = ttf_table(f, n, "cmap", &lcmap)) == NULL || lcmap < 4)
		return -1;
	upem = be16(head + 18);
	nhm = be16(hhea + 34);
	ng = be16(maxp + 4);
	if (upem == 0 || nhm == 0 || (size_t)nhm * 4 > lhmtx)
		return -1;
	nsub = be16(cmap + 2);
	for (i = 0; i < nsub && 4 + (size_t)i * 8 + 8 <= lcmap; i++) {
		unsigned pid = be16(cmap + 4 + i * 8);
		unsigned eid = be16(cmap + 4 + i * 8 + 2);

		off = be32(cmap + 4 + i * 8 + 4);
		if (off + 4 > lcmap || be16(cmap + off) != 4)
			continue;
		if ((pid == 3 && eid == 1) || (pid == 0 && sub == NULL)) {
			sub = cmap + off;
			lsub = be16(cmap + off + 2);
			if (off + lsub > lcmap)
				return -1;
		}
	}
	if (sub == NULL || lsub < 16)
		return -1;
	segx2 = be16(sub + 6);
	if (16 + (size_t)segx2 * 4 > lsub)
		return -1;
	/* First pass: the largest code point mapped. */
	for (seg = 0; seg < segx2 / 2; seg++) {
		end = be16(sub + 14 + seg * 2);
		if (end != 0xFFFF && end + 1 > maxcp)
			maxcp = end + 1;
	}
	if ((fc->adv = malloc(maxcp * sizeof(*fc->adv))) == NULL)
		return -1;
	fc->nadv = maxcp;
	for (cp = 0; cp < maxcp; cp++)
		fc->adv[cp] = -1;
	for (seg = 0; seg < segx2 / 2; seg++) {
		end = be16(sub + 14 + seg * 2);
		start = be16(sub + 16 + segx2 + seg * 2);
		delta = (int16_t)be16(sub + 16 + segx2 * 2 + seg * 2);
		ro = be16(sub + 16 + segx2 * 3 + seg * 2);
		for (cp = start; cp <= end && cp < maxcp; cp++) {
			if (ro == 0)
				gid = (cp + delta) & 0xFFFF;
			else {
				size_t at = 16 + (size_t)segx2 * 3 + seg * 2 +
				    ro + (cp - start) * 2;
				if (at + 2 > lsub)
					continue;
				g = be16(sub + at);
				gid = g == 0 ? 0 : (g + delta) & 0xFFFF;
			}
			if (gid == 0 || gid >= ng)
				continue;
			aw = be16(hmtx + (gid < nhm ? gid : nhm - 1) * 4);
			fc->adv[cp] = (int16_t)((uint32_t)aw * 1000 / upem);
		}
	}
	return 0;
}

static int
face_has(const struct face *fc, uint32_t cp)
{
	return cp < fc->nadv && fc->adv[cp] >= 0;
}

static int
read_file(const char *path, unsigned char **buf, size_t *len)
{
	FILE		*f;
	unsigned char	*b = NULL, *nb;
	size_t		 n = 0, cap = 0, r;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(b, cap)) == NULL) {
				free(b);
				fclose(f);
				errno = ENOMEM;
				return -1;
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(b);
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	*buf = b;
	*len = n;
	return 0;
}

/* Our attribute record for every encoder a font uses: libharu's own
 * record first (libharu sees only that), then what enc_write needs. */
struct encattr {
	HPDF_BasicEncoderAttr_Rec	 base;
	struct pdf			*p;
	int				 ei;
};

static void
enc_free(HPDF_Encoder e)
{
	free(e->attr);
	e->attr = NULL;
}

/* Writes a font's /Encoding: WinAnsi as the base and /Differences only
 * for the codes this document used that differ from WinAnsi, with
 * libharu's glyph name where it has one, else "uniXXXX" (the rupee sign,
 * arrows, most Cyrillic letters outside CP1251).  libharu's own writer
 * lists every difference of the code page in every document. */
static HPDF_STATUS
enc_write(HPDF_Encoder e, HPDF_Stream out)
{
	struct encattr	*a = e->attr;
	struct pdf	*p = a->p;
	const char	*name;
	HPDF_STATUS	 ret;
	char		 buf[48];
	int		 i, last = -2, any = 0;

	for (i = a->base.first_char; i <= a->base.last_char; i++)
		if (p->used[a->ei][i] &&
		    a->base.unicode_map[i] != p->winansi[i])
			any = 1;
	if (!any)
		return HPDF_Stream_WriteStr(out,
		    "/Encoding /WinAnsiEncoding\012");
	ret = HPDF_Stream_WriteStr(out, "/Encoding <<\012/Type /Encoding\012"
	    "/BaseEncoding /WinAnsiEncoding\012/Differences [");
	for (i = a->base.first_char; ret == HPDF_OK &&
	    i <= a->base.last_char; i++) {
		if (!p->used[a->ei][i] ||
		    a->base.unicode_map[i] == p->winansi[i])
			continue;
		name = HPDF_UnicodeToGryphName(a->base.unicode_map[i]);
		if (i != last + 1)
			snprintf(buf, sizeof(buf), "%d ", i);
		else
			buf[0] = '\0';
		if (strcmp(name, ".notdef") == 0)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "/uni%04X ", (unsigned)a->base.unicode_map[i]);
		else
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "/%s ", name);
		ret = HPDF_Stream_WriteStr(out, buf);
		last = i;
	}
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(out, "]\012>>\012");
	return ret;
}

/* Gives encoder e our attribute record and writer. */
static int
enc_adopt(struct pdf *p, HPDF_Encoder e, int ei)
{
	struct encattr	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	memcpy(&a->base, e->attr, sizeof(a->base));
	if (e->free_fn != NULL)
		e->free_fn(e);
	a->p = p;
	a->ei = ei;
	e->attr = a;
	e->write_fn = enc_write;
	e->free_fn = enc_free;
	return 0;
}

/* A single-byte encoder of our own, registered with the libharu handle
 * (it lives as long as the handle).  NULL on failure. */
static HPDF_Encoder
extra_enc_new(struct pdf *p, const char *name, int ei)
{
	HPDF_Encoder		 e;
	HPDF_BasicEncoderAttr	 a;

	if ((e = HPDF_BasicEncoder_New(p->doc->mmgr,
	    HPDF_ENCODING_WIN_ANSI)) == NULL)
		return NULL;
	snprintf(e->name, sizeof(e->name), "%s", name);
	if (enc_adopt(p, e, ei) == -1) {
		HPDF_Encoder_Free(e);
		return NULL;
	}
	a = (HPDF_BasicEncoderAttr)e->attr;
	a->has_differences = HPDF_TRUE;
	if (HPDF_Doc_RegisterEncoder(p->doc, e) != HPDF_OK) {
		HPDF_Encoder_Free(e);
		return NULL;
	}
	return e;
}

/* Sets code -> cp in encoder e and in our tables. */
static void
enc_assign(struct pdf *p, HPDF_Encoder e, int ei, int code, uint32_t cp)
{
	HPDF_BasicEncoderAttr	 a = (HPDF_BasicEncoderAttr)e->attr;

	a->unicode_map[code] = (HPDF_UNICODE)cp;
	a->differences[code] = 1;
	p->enc[ei].uni[code] = (uint16_t)cp;
	p->rev[(size_t)ei * p->maxcp + cp] = (uint8_t)code;
}

/* Builds the encoding tables: the code pages as libharu defines them,
 * then our encodings for every remaining character of the fonts. */
static int
encodings_init(struct pdf *p)
{
	HPDF_Encoder		 e = NULL;
	HPDF_BasicEncoderAttr	 a;
	uint32_t		 cp;
	int			 i, ei, code = 0, f;

	if ((e = HPDF_GetEncoder(p->doc, HPDF_ENCODING_WIN_ANSI)) == NULL)
		return -1;
	a = (HPDF_BasicEncoderAttr)e->attr;
	for (i = 0; i < 256; i++)
		p->winansi[i] = a->unicode_map[i];
	e = NULL;
	p->maxcp = 0;
	for (f = 0; f < NFACE; f++)
		if (p->face[f].nadv > p->maxcp)
			p->maxcp = p->face[f].nadv;
	if ((p->rev = calloc((size_t)NENC_MAX * p->maxcp, 1)) == NULL)
		return -1;
	for (ei = 0; ei < NCODE_PAGES; ei++) {
		if ((e = HPDF_GetEncoder(p->doc, code_pages[ei])) == NULL ||
		    enc_adopt(p, e, ei) == -1)
			return -1;
		p->hpdf_enc[ei] = e;
		a = (HPDF_BasicEncoderAttr)e->attr;
		snprintf(p->enc[ei].name, sizeof(p->enc[ei].name), "%s",
		    code_pages[ei]);
		for (i = 0x20; i <= 0xFF; i++) {
			cp = a->unicode_map[i];
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
			    cp >= p->maxcp || !face_has(&p->face[0], cp))
				continue;
			if (p->rev[(size_t)ei * p->maxcp + cp] != 0)
				continue;	/* keep the first code */
			p->enc[ei].uni[i] = (uint16_t)cp;
			p->rev[(size_t)ei * p->maxcp + cp] = (uint8_t)i;
		}
	}
	p->nenc = NCODE_PAGES;
	for (cp = 0x21; cp < p->maxcp; cp++) {
		for (ei = 0; ei < NCODE_PAGES; ei++)
			if (p->rev[(size_t)ei * p->maxcp + cp] != 0)
				break;
		if (ei < NCODE_PAGES || !face_has(&p->face[0], cp))
			continue;
		if (e == NULL || code > 0xFF || p->nenc == NCODE_PAGES) {
			if (p->nenc == NENC_MAX)
				break;		/* cannot happen with our fonts */
			snprintf(p->enc[p->nenc].name,
			    sizeof(p->enc[p->nenc].name), "RG-X%d",
			    p->nenc - NCODE_PAGES + 1);
			if ((e = extra_enc_new(p, p->enc[p->nenc].name,
			    p->nenc)) == NULL)
				return -1;
			p->hpdf_enc[p->nenc] = e;
			p->enc[p->nenc].uni[0x20] = 0x20;
			p->rev[(size_t)p->nenc * p->maxcp + 0x20] = 0x20;
			p->nenc++;
			code = EXTRA_FIRST;
		}
		enc_assign(p, e, p->nenc - 1, code++, cp);
	}
	/* The outline and document-information encoding: ASCII, then codes
	 * handed out per document as titles need them (pdf_begin resets). */
	if ((p->olenc = HPDF_BasicEncoder_New(p->doc->mmgr,
	    HPDF_ENCODING_WIN_ANSI)) == NULL)
		return -1;
	snprintf(p->olenc->name, sizeof(p->olenc->name), "RG-OUTLINE");
	if (HPDF_Doc_RegisterEncoder(p->doc, p->olenc) != HPDF_OK)
		return -1;
	return 0;
}

/* Hands a font file to libharu from memory, as HPDF_LoadTTFontFromFile
 * would from the file, but libharu then reads the glyphs for each
 * document from memory instead of a seek and read(2) per glyph.  The
 * subset tags are fixed per face (HPDFAA+, HPDFAB+, HPDFAC+).  Returns
 * libharu's name for the font, or NULL. */
static const char *
face_load(struct pdf *p, int f, const unsigned char *buf, size_t len)
{
	HPDF_Stream	 s;
	HPDF_FontDef	 def;
	char		 tag[7];

	if ((s = HPDF_MemStream_New(p->doc->mmgr, 65536)) == NULL)
		return NULL;
	if (HPDF_Stream_Write(s, buf, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		return NULL;
	}
	/* the fontdef owns the stream from here, also on failure */
	if ((def = HPDF_TTFontDef_Load(p->doc->mmgr, s, HPDF_TRUE)) == NULL)
		return NULL;
	snprintf(tag, sizeof(tag), "HPDFA%c", 'A' + f);
	HPDF_TTFontDef_SetTagName(def, tag);
	if (HPDF_Doc_RegisterFontDef(p->doc, def) != HPDF_OK)
		return NULL;	/* libharu freed def */
	return def->base_font;
}

struct pdf *
pdf_new(const char *fontdir, struct diag *d)
{
	struct pdf	*p;
	char		 path[4096];
	unsigned char	*buf;
	size_t		 len;
	int		 f;

#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD)
	/* Per process, on purpose: every document allocates and frees a
	 * few hundred KB (libharu's streams, zlib's state).  With glibc's
	 * defaults the heap is trimmed after each document and faulted in
	 * again for the next, which doubled the time per document (5 ms vs
	 * 2.5 ms measured, docs/fonts.md).  Keep up to 32 MB. */
	mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		return NULL;
	}
	p->cur = -1;
	if (reserve == NULL && (reserve = malloc(RESERVE_SIZE)) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		free(p);
		return NULL;
	}
	if ((p->doc = HPDF_NewEx(on_error, hpdf_alloc, hpdf_free, 0, p)) ==
	    NULL) {
		diag(d, SEV_FATAL, NULL, 0, "libharu: cannot create a document");
		free(p);
		return NULL;
	}
	if (deflateInit(&p->z, CONTENT_ZLEVEL) != Z_OK) {
		diag(d, SEV_FATAL, NULL, 0, "zlib: cannot set up compression");
		goto fail;
	}
	if (deflateInit(&p->zf, FONT_ZLEVEL) != Z_OK) {
		deflateEnd(&p->z);
		diag(d, SEV_FATAL, NULL, 0, "zlib: cannot set up compression");
		goto fail;
	}
	p->z_ok = 1;
	for (f = 0; f < NFACE; f++) {
		snprintf(path, sizeof(path), "%s/%s", fontdir, face_files[f]);
		if (read_file(path, &buf, &len) == -1) {
			diag(d, SEV_FATAL, path, 0, "cannot read font: %s",
			    strerror(errno));
			goto fail;
		}
		if (face_parse(&p->face[f], buf, len) == -1) {
			free(buf);
			diag(d, SEV_FATAL, path, 0, "not a usable TrueType "
			    "font (no head/hhea/hmtx/maxp/cmap format 4)");
			goto fail;
		}
		p->face[f].hname = face_load(p, f, buf, len);
		free(buf);
		if (p->face[f].hname == NULL || p->failed) {
			diag(d, SEV_FATAL, path, 0, "libharu cannot load the "
			    "font: %s", p->failed ? p->errbuf : "out of memory");
			goto fail;
		}
	}
	if (encodings_init(p) == -1 || p->failed) {
		diag(d, SEV_FATAL, NULL, 0, "libharu: cannot set up the font "
		    "encodings: %s", p->failed ? p->errbuf : "out of memory");
		goto fail;
	}
	return p;
fail:
	pdf_free(p);
	return NULL;
}

void
pdf_free(struct pdf *p)
{
	int	 f;

	if (p == NULL)
		return;
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	if (p->z_ok) {
		deflateEnd(&p->z);
		deflateEnd(&p->zf);
	}
	free(p->zbuf);
	for (f = 0; f < NFACE; f++)
		free(p->face[f].adv);
	free(p->rev);
	free(p->pages);
	free(p->warned);
	free(p);
}

/* ------------------------------------------------------------ document */

static void
set_date(struct pdf *p, HPDF_InfoType type, time_t t)
{
	struct tm	 tm;
	HPDF_Date	 dt;

	if (gmtime_r(&t, &tm) == NULL)
		return;
	memset(&dt, 0, sizeof(dt));
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	dt.hour = tm.tm_hour;
	dt.minutes = tm.tm_min;
	dt.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
	dt.ind = 'Z';
	HPDF_SetInfoDateAttr(p->doc, type, dt);
}

static void invalidate_state(struct pdf *);
static int ol_encode(struct pdf *, const char *, char *, size_t);

static void
set_info(struct pdf *p, HPDF_InfoType type, const char *utf8)
{
	char	 buf[1024];

	if (utf8 == NULL || *utf8 == '\0')
		return;
	ol_encode(p, utf8, buf, sizeof(buf));
	HPDF_SetInfoAttr(p->doc, type, buf);
}

int
pdf_begin(struct pdf *p, const struct pdf_info *info, struct diag *d)
{
	HPDF_BasicEncoderAttr	 a;
	int			 i;

	if (p == NULL || p->doc == NULL)
		return -1;
	p->failed = 0;
	p->err = p->err_detail = 0;
	p->errbuf[0] = '\0';
	if (HPDF_NewDoc(p->doc) != HPDF_OK) {
		lib_failed(p);
		diag(d, SEV_ERROR, info->diag_path, 0, "libharu cannot start "
		    "a document: %s", p->errbuf);
		return -1;
	}
	p->d = d;
	p->diag_path = info->diag_path;
	memset(p->font, 0, sizeof(p->font));
	memset(p->used, 0, sizeof(p->used));
	memset(p->marked, 0, sizeof(p->marked));
	p->nalpha = 0;
	p->npages = 0;
	p->cur = -1;
	p->page = NULL;
	p->last_top = NULL;
	p->nwarned = 0;
	p->warned_utf8 = 0;
	p->img_src = NULL;
	p->img = NULL;
	if (info->paper == PAPER_LETTER) {
		p->w = LETTER_W;
		p->h = LETTER_H;
	} else {
		p->w = A4_W;
		p->h = A4_H;
	}
	p->y = MARGIN_TOP;
	invalidate_state(p);

	/* Reset the outline encoding to ASCII only. */
	a = (HPDF_BasicEncoderAttr)p->olenc->attr;
	memset(a->unicode_map, 0, sizeof(a->unicode_map));
	memset(a->differences, 0, sizeof(a->differences));
	for (i = 0x20; i < 0x7F; i++)
		a->unicode_map[i] = (HPDF_UNICODE)i;
	p->olnext = OUTLINE_FIRST;

	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_SetCurrentEncoder(p->doc, p->olenc->name);
	set_info(p, HPDF_INFO_TITLE, info->title);
	set_info(p, HPDF_INFO_SUBJECT, info->subject);
	set_info(p, HPDF_INFO_CREATOR, info->creator);
	set_date(p, HPDF_INFO_CREATION_DATE, info->date);
	set_date(p, HPDF_INFO_MOD_DATE, info->date);
	if (p->failed) {
		diag(d, SEV_ERROR, info->diag_path, 0, "libharu cannot start "
		    "a document: %s", p->errbuf);
		return -1;
	}
	return 0;
}

/* Shrinks each font's /Widths to the codes this document used (on), or
 * puts the encoders' full range back for the next document (off). */
static void
narrow_widths(struct pdf *p, int on)
{
	HPDF_BasicEncoderAttr	 a;
	int			 ei, f, lo, hi;

	for (ei = 0; ei < p->nenc; ei++) {
		a = (HPDF_BasicEncoderAttr)p->hpdf_enc[ei]->attr;
		lo = 0x20;
		hi = 0xFF;
		if (on) {
			for (lo = 0x20; lo < 0xFF && !p->used[ei][lo]; lo++)
				;
			for (hi = 0xFF; hi > lo && !p->used[ei][hi]; hi--)
				;
		}
		a->first_char = (HPDF_BYTE)lo;
		a->last_char = (HPDF_BYTE)hi;
		if (!on)
			continue;
		for (f = 0; f < NFACE; f++) {
			if (p->font[f][ei] == NULL)
				continue;
			HPDF_Dict_AddNumber(p->font[f][ei], "FirstChar", lo);
			HPDF_Dict_AddNumber(p->font[f][ei], "LastChar", hi);
		}
	}
}

/* Dict write hook of a content stream deflated by deflate_pages(). */
static HPDF_STATUS
flate_name(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Deflates a stream dict's data with z (reset, kept for the life of
 * the struct pdf) and hands libharu the result as a stream without a
 * filter of its own; flate_name writes the /Filter. */
static int
deflate_dict(struct pdf *p, z_stream *z, HPDF_Dict d)
{
	HPDF_BYTE	*chunk;
	HPDF_UINT	 clen, nb, b;
	unsigned char	*nz;
	size_t		 need;

	if (d == NULL || d->stream == NULL || d->write_fn != NULL ||
	    d->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    d->stream->type != HPDF_STREAM_MEMORY)
		return 0;	/* libharu's as before */
	need = deflateBound(z, d->stream->size) + 64;
	if (need > p->zcap) {
		if ((nz = realloc(p->zbuf, need)) == NULL)
			return -1;
		p->zbuf = nz;
		p->zcap = need;
	}
	if (deflateReset(z) != Z_OK)
		return -1;
	z->next_out = p->zbuf;
	z->avail_out = (uInt)p->zcap;
	nb = HPDF_MemStream_GetBufCount(d->stream);
	for (b = 0; b < nb; b++) {
		if ((chunk = HPDF_MemStream_GetBufPtr(d->stream, b, &clen)) ==
		    NULL)
			return -1;
		z->next_in = chunk;
		z->avail_in = clen;
		if (deflate(z, Z_NO_FLUSH) != Z_OK || z->avail_in != 0)
			return -1;
	}
	z->next_in = NULL;
	z->avail_in = 0;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		return -1;
	HPDF_MemStream_FreeData(d->stream);
	if (HPDF_Stream_Write(d->stream, p->zbuf, (HPDF_UINT)z->total_out) !=
	    HPDF_OK)
		return -1;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = flate_name;
	return 0;
}

/*
 * Compression is done here rather than by libharu, which sets up zlib
 * afresh for every stream (a quarter MB allocated and a hash table
 * cleared each time) at a level we cannot choose: page content at
 * CONTENT_ZLEVEL (6: level 1 saved 0.4 M instructions a report but
 * added 2.5 KB), the embedded font subsets at FONT_ZLEVEL (1: binary
 * glyph data gains almost nothing from lazy matching, 0.4 KB for 4 M
 * instructions).  docs/performance.md has the figures.
 */
static int
deflate_pages(struct pdf *p)
{
	int	 i;

	for (i = 0; i < p->npages; i++)
		if (deflate_dict(p, &p->z,
		    ((HPDF_PageAttr)p->pages[i]->attr)->contents) == -1)
			return -1;
	return 0;
}

/* A font dict's after-write hook.  libharu makes the font file stream
 * (FontFile2, the subset) in the font's before-write hook and writes it
 * after the font, so here it is complete and not yet written.  Several
 * fonts share a face's descriptor: the first deflates it. */
static HPDF_STATUS
font_written(HPDF_Dict font)
{
	struct pdf	*p = font->error->user_data;
	HPDF_FontAttr	 fa = font->attr;
	HPDF_Dict	 data;

	if (fa == NULL || fa->fontdef == NULL ||
	    fa->fontdef->descriptor == NULL)
		return HPDF_OK;
	data = HPDF_Dict_GetItem(fa->fontdef->descriptor, "FontFile2",
	    HPDF_OCLASS_DICT);
	if (data != NULL && deflate_dict(p, &p->zf, data) == -1)
		return HPDF_ZLIB_ERROR;
	return HPDF_OK;
}

int
pdf_end(struct pdf *p, unsigned char **buf, size_t *len)
{
	HPDF_UINT32	 size, got;
	HPDF_STATUS	 ret;
	unsigned char	*b;

	*buf = NULL;
	*len = 0;
	if (!LIVE(p))
		return -1;
	if (p->npages == 0)
		pdf_add_page(p);
	if (deflate_pages(p) == -1) {
		on_error(HPDF_ZLIB_ERROR, 0, p);
		return -1;
	}
	narrow_widths(p, 1);
	ret = HPDF_SaveToStream(p->doc);
	narrow_widths(p, 0);
	if (ret != HPDF_OK || !LIVE(p))
		return -1;
	size = HPDF_GetStreamSize(p->doc);
	if (size == 0 || (b = malloc(size)) == NULL)
		return -1;
	got = size;
	p->reading = 1;
	HPDF_ResetStream(p->doc);
	HPDF_ReadFromStream(p->doc, b, &got);
	p->reading = 0;
	if (p->failed || got != size) {
		free(b);
		return -1;
	}
	*buf = b;
	*len = size;
	return 0;
}

/* ------------------------------------------------------------ pages */

float pdf_page_width(const struct pdf *p) { return p->w; }
float pdf_page_height(const struct pdf *p) { return p->h; }
float pdf_left(const struct pdf *p) { (void)p; return MARGIN_SIDE; }
float pdf_right(const struct pdf *p) { return p->w - MARGIN_SIDE; }
float pdf_top(const struct pdf *p) { (void)p; return MARGIN_TOP; }
float pdf_bottom(const struct pdf *p) { return p->h - MARGIN_BOTTOM; }

/* A new page or a switch of page: libharu's graphics state there is the
 * page's own, so forget what we last set. */
static void
invalidate_state(struct pdf *p)
{
	p->cur_font = NULL;
	p->cur_size = 0;
	p->have_fill = p->have_stroke = p->have_lw = 0;
	p->dashed = 0;
}

void
pdf_add_page(struct pdf *p)
{
	HPDF_Page	*np;
	HPDF_Page	 pg;
	int		 cap;

	if (!LIVE(p))
		return;
	if (p->npages == p->pagecap) {
		cap = p->pagecap ? p->pagecap * 2 : 8;
		if ((np = realloc(p->pages, cap * sizeof(*np))) == NULL) {
			on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return;
		}
		p->pages = np;
		p->pagecap = cap;
	}
	if ((pg = HPDF_AddPage(p->doc)) == NULL)
		return;
	HPDF_Page_SetWidth(pg, p->w);
	HPDF_Page_SetHeight(pg, p->h);
	p->pages[p->npages] = pg;
	p->cur = p->npages++;
	p->page = pg;
	p->y = MARGIN_TOP;
	invalidate_state(p);
}

int
pdf_page_count(const struct pdf *p)
{
	return p == NULL ? 0 : p->npages;
}

void
pdf_goto_page(struct pdf *p, int n)
{
	if (!LIVE(p) || n < 1 || n > p->npages || n - 1 == p->cur)
		return;
	p->cur = n - 1;
	p->page = p->pages[p->cur];
	invalidate_state(p);
}

float
pdf_y(const struct pdf *p)
{
	return p->y;
}

void
pdf_set_y(struct pdf *p, float y)
{
	p->y = y;
}

void
pdf_advance(struct pdf *p, float dy)
{
	p->y += dy;
}

int
pdf_need(struct pdf *p, float h)
{
	if (!LIVE(p))
		return 0;
	if (p->page == NULL) {
		pdf_add_page(p);
		return 1;
	}
	/* Content taller than a page is placed anyway: breaking again
	 * would only leave empty pages. */
	if (p->y + h <= pdf_bottom(p) || p->y <= MARGIN_TOP)
		return 0;
	/* Breaking from an earlier page (after pdf_goto_page) continues
	 * on the last one or a new one after it. */
	pdf_add_page(p);
	return 1;
}

/* Encodes a UTF-8 title into the outline encoding, giving new codes to
 * characters not seen yet in this document; '?' when all 128 are used.
 * Returns the length. */
static int
ol_encode(struct pdf *p, const char *utf8, char *out, size_t outsz)
{
	HPDF_BasicEncoderAttr	 a = (HPDF_BasicEncoderAttr)p->olenc->attr;
	size_t			 n = strlen(utf8), i = 0, o = 0;
	uint32_t		 cp;
	int			 len, bad, c;

	while (i < n && o + 1 < outsz) {
		len = text_next(utf8 + i, n - i, &cp, &bad);
		i += len;
		if (cp == 0)
			continue;
		if (cp == '\n' || cp == '\r')
			cp = ' ';
		if (cp < 0x7F && !bad) {
			out[o++] = (char)cp;
			continue;
		}
		for (c = OUTLINE_FIRST; c < p->olnext; c++)
			if (a->unicode_map[c] == cp)
				break;
		if (c == p->olnext) {
			if (bad || cp > 0xFFFF || p->olnext > 0xFF) {
				out[o++] = '?';
				continue;
			}
			a->unicode_map[c] = (HPDF_UNICODE)cp;
			p->olnext++;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (int)o;
}

void
pdf_bookmark(struct pdf *p, int level, const char *utf8)
{
	HPDF_Outline		 o, parent = NULL;
	HPDF_Destination	 dst;
	char			 buf[512];

	if (LIVE(p) && p->page == NULL)
		pdf_add_page(p);
	if (!PAGE(p) || utf8 == NULL)
		return;
	if (level > 0 && p->last_top != NULL)
		parent = p->last_top;
	ol_encode(p, utf8, buf, sizeof(buf));
	if ((o = HPDF_CreateOutline(p->doc, parent, buf, p->olenc)) == NULL)
		return;
	if ((dst = HPDF_Page_CreateDestination(p->page)) == NULL)
		return;
	/* FitH: libharu 2.3 rejects XYZ with a null (keep) zoom */
	HPDF_Destination_SetFitH(dst, p->h - p->y + 4);
	HPDF_Outline_SetDestination(o, dst);
	if (parent == NULL) {
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		if (p->last_top == NULL)
			HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
		p->last_top = o;
	}
}

/* ------------------------------------------------------------ text */

/* The face that draws cp in style f: f itself, else the regular face;
 * -1 when no face has it. */
static int
face_for(const struct pdf *p, enum font f, uint32_t cp)
{
	if (face_has(&p->face[face_of(f)], cp))
		return face_of(f);
	if (face_has(&p->face[0], cp))
		return 0;
	return -1;
}

/* Width of cp in 1/1000 em as drawn in style f ('?' for a character no
 * face has, 0 for a dropped control character). */
static int
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

float
pdf_measure(struct pdf *p, enum font f, float size, const char *utf8)
{
	size_t		 n, i = 0;
	uint32_t	 cp;
	long		 w = 0;
	int		 bad;

	if (p == NULL || utf8 == NULL || (unsigned)f >= FONT__N)
		return 0;
	n = strlen(utf8);
	while (i < n) {
		i += text_next(utf8 + i, n - i, &cp, &bad);
		w += cp_width(p, f, cp);
	}
	return (float)w * size / 1000.0f;
}

/* Reports a character the fonts lack, once per document. */
static void
warn_missing(struct pdf *p, uint32_t cp, int bad)
{
	char		 u[5];
	uint32_t	*nw;
	size_t		 i, cap;

	if (bad) {
		if (!p->warned_utf8 && p->d != NULL)
			diag(p->d, SEV_WARNING, p->diag_path, 0,
			    "text is not valid UTF-8; shown as '?'");
		p->warned_utf8 = 1;
		return;
	}
	for (i = 0; i < p->nwarned; i++)
		if (p->warned[i] == cp)
			return;
	if (p->nwarned == p->warncap) {
		cap = p->warncap ? p->warncap * 2 : 8;
		if ((nw = realloc(p->warned, cap * sizeof(*nw))) == NULL)
			return;
		p->warned = nw;
		p->warncap = cap;
	}
	p->warned[p->nwarned++] = cp;
	if (p->d == NULL)
		return;
	if (cp < 0x80) {
		u[0] = (char)cp;
		u[1] = '\0';
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		u[2] = '\0';
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		u[3] = '\0';
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		u[4] = '\0';
	}
	diag(p->d, SEV_WARNING, p->diag_path, 0,
	    "character U+%04X '%s' is not in the report fonts; shown as '?'",
	    (unsigned)cp, u);
}

/*
 * Content operators are written straight into the page's content stream
 * instead of through HPDF_Page_SetRGBFill(), _LineTo(), _ShowText() and
 * the like: each of those clears a 512-byte buffer a byte at a time and
 * prints every number with five decimals, which was a quarter of the
 * instructions of a report (docs/performance.md).  Numbers are written
 * with at most two decimals (1/7200 inch) for lengths and three for
 * colour components, which also makes the streams a fifth smaller.
 * libharu's graphics mode is never changed by these writes (it stays in
 * "page description"), so its own calls that remain (q/Q, gs, arcs,
 * images, dashes) still accept the page.
 */
struct ops {
	char	 b[1536];
	size_t	 n;
};

static void
ops_num(struct ops *o, float v, int scale)
{
	char		 tmp[24];
	long		 n, ip, fp;
	int		 i = 0, digits = scale == 1000 ? 3 : 2;

	if (o->n + 24 >= sizeof(o->b))
		return;
	n = lroundf(v * (float)scale);
	if (n < 0) {
		o->b[o->n++] = '-';
		n = -n;
	}
	ip = n / scale;
	fp = n % scale;
	do {
		tmp[i++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (i > 0)
		o->b[o->n++] = tmp[--i];
	if (fp != 0) {
		o->b[o->n++] = '.';
		for (i = digits - 1; i >= 0; i--) {
			tmp[i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		for (i = digits; i > 0 && tmp[i - 1] == '0'; i--)
			;
		memcpy(o->b + o->n, tmp, (size_t)i);
		o->n += (size_t)i;
	}
	o->b[o->n++] = ' ';
}

/* A length or coordinate (0.01 pt). */
static void
ops_len(struct ops *o, float v)
{
	ops_num(o, v, 100);
}

/* Text as is (no separator). */
static void
ops_str(struct ops *o, const char *t)
{
	size_t	 l = strlen(t);

	if (o->n + l >= sizeof(o->b))
		return;
	memcpy(o->b + o->n, t, l);
	o->n += l;
}

/* x y, with y flipped to PDF's bottom-up space. */
static void
ops_xy(struct ops *o, const struct pdf *p, float x, float y)
{
	ops_len(o, x);
	ops_len(o, p->h - y);
}

/* An operator and its line end. */
static void ops_op(struct ops *, const char *);

/* A point already in PDF space and its operator (m, l). */
static void
ops_pt(struct ops *o, float x, float y, const char *op)
{
	ops_len(o, x);
	ops_len(o, y);
	ops_op(o, op);
}

/* A Bezier curve in PDF space. */
static void
ops_curve(struct ops *o, float x1, float y1, float x2, float y2, float x3,
    float y3)
{
	ops_len(o, x1);
	ops_len(o, y1);
	ops_len(o, x2);
	ops_len(o, y2);
	ops_len(o, x3);
	ops_len(o, y3);
	ops_op(o, "c");
}

/* An operator and its line end. */
static void
ops_op(struct ops *o, const char *op)
{
	size_t	 l = strlen(op);

	if (o->n + l + 1 >= sizeof(o->b))
		return;
	memcpy(o->b + o->n, op, l);
	o->n += l;
	o->b[o->n++] = '\n';
}

static void
ops_rgb(struct ops *o, struct rgb c, const char *op)
{
	ops_num(o, c.r, 1000);
	ops_num(o, c.g, 1000);
	ops_num(o, c.b, 1000);
	ops_op(o, op);
}

/* Appends the buffer to the current page's content stream. */
static void
ops_flush(struct pdf *p, struct ops *o)
{
	HPDF_PageAttr	 a;

	if (o->n > 0 && PAGE(p)) {
		a = (HPDF_PageAttr)p->page->attr;
		if (HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)o->b,
		    (HPDF_UINT)o->n) != HPDF_OK)
			lib_failed(p);
	}
	o->n = 0;
}

static HPDF_Font
font_get(struct pdf *p, int fc, int ei)
{
	if (p->font[fc][ei] == NULL) {
		p->font[fc][ei] = HPDF_GetFont(p->doc, p->face[fc].hname,
		    p->enc[ei].name);
		if (p->font[fc][ei] != NULL &&
		    p->font[fc][ei]->after_write_fn == NULL)
			p->font[fc][ei]->after_write_fn = font_written;
	}
	return p->font[fc][ei];
}

/* "/Fn size Tf" when font or size changed (the font joins the page's
 * resources on first use). */
static void
set_font(struct pdf *p, struct ops *o, HPDF_Font font, float size)
{
	const char	*name;
	size_t		 l;

	if (font == p->cur_font && size == p->cur_size)
		return;
	if ((name = HPDF_Page_GetLocalFontName(p->page, font)) == NULL) {
		lib_failed(p);
		return;
	}
	l = strlen(name);
	if (o->n + l + 2 >= sizeof(o->b))
		return;
	o->b[o->n++] = '/';
	memcpy(o->b + o->n, name, l);
	o->n += l;
	o->b[o->n++] = ' ';
	ops_len(o, size);
	ops_op(o, "Tf");
	p->cur_font = font;
	p->cur_size = size;
}

static void
set_fill(struct pdf *p, struct ops *o, struct rgb c)
{
	if (p->have_fill && c.r == p->fill.r && c.g == p->fill.g &&
	    c.b == p->fill.b)
		return;
	ops_rgb(o, c, "rg");
	p->fill = c;
	p->have_fill = 1;
}

static void
set_stroke(struct pdf *p, struct ops *o, struct rgb c, float lw, int dashed)
{
	if (!p->have_stroke || c.r != p->stroke.r || c.g != p->stroke.g ||
	    c.b != p->stroke.b) {
		ops_rgb(o, c, "RG");
		p->stroke = c;
		p->have_stroke = 1;
	}
	if (!p->have_lw || lw != p->lw) {
		ops_len(o, lw);
		ops_op(o, "w");
		p->lw = lw;
		p->have_lw = 1;
	}
	if (dashed != p->dashed) {
		ops_op(o, dashed ? "[3 2] 0 d" : "[] 0 d");
		p->dashed = dashed;
	}
}

/* The (face, encoding, code) that draws cp in style f; '?' in the style's
 * regular encoding when no face has it. */
static void
cp_place(struct pdf *p, enum font f, uint32_t cp, int prefer, int *fc,
    int *ei, int *code)
{
	int	 e;

	if ((*fc = face_for(p, f, cp)) == -1) {
		*fc = face_of(f);
		cp = '?';
	}
	if (prefer >= 0 && cp < p->maxcp &&
	    p->rev[(size_t)prefer * p->maxcp + cp] != 0) {
		*ei = prefer;
		*code = p->rev[(size_t)prefer * p->maxcp + cp];
		return;
	}
	for (e = 0; e < p->nenc; e++)
		if (cp < p->maxcp && p->rev[(size_t)e * p->maxcp + cp] != 0)
			break;
	if (e == p->nenc) {		/* in a face, in no encoding */
		e = 0;
		cp = '?';
	}
	*ei = e;
	*code = p->rev[(size_t)e * p->maxcp + cp];
}

/* One run "(codes) Tj" in font (fc, ei).  Each code is measured once
 * per document through libharu, which marks its glyph for the subset
 * and its width for /Widths, as HPDF_Page_ShowText would. */
static void
show_run(struct pdf *p, struct ops *o, int fc, int ei, float size,
    const char *codes, size_t n)
{
	HPDF_Font	 font;
	HPDF_BYTE	 c;
	size_t		 i;

	/* after an error libharu's objects may be half made: no more
	 * calls into it (a run of text follows another) */
	if (!PAGE(p))
		return;
	if ((font = font_get(p, fc, ei)) == NULL) {
		lib_failed(p);
		return;
	}
	set_font(p, o, font, size);
	for (i = 0; i < n; i++) {
		c = (HPDF_BYTE)codes[i];
		if (!p->marked[fc][ei][c]) {
			p->marked[fc][ei][c] = 1;
			(void)HPDF_Font_TextWidth(font, &c, 1);
		}
	}
	if (o->n + 4 * n + 8 >= sizeof(o->b))
		ops_flush(p, o);
	o->b[o->n++] = '(';
	for (i = 0; i < n; i++) {
		c = (HPDF_BYTE)codes[i];
		if (c < 0x20 || c > 0x7E) {
			o->b[o->n++] = '\\';
			o->b[o->n++] = (char)('0' + (c >> 6));
			o->b[o->n++] = (char)('0' + ((c >> 3) & 7));
			o->b[o->n++] = (char)('0' + (c & 7));
			continue;
		}
		if (c == '(' || c == ')' || c == '\\')
			o->b[o->n++] = '\\';
		o->b[o->n++] = (char)c;
	}
	o->b[o->n++] = ')';
	ops_op(o, " Tj");
}

/* Shows utf8 from the current text position (inside BT/ET), run by
 * run. */
static void
show_runs(struct pdf *p, struct ops *ops, enum font f, float size,
    const char *utf8)
{
	char		 buf[256];
	size_t		 n = strlen(utf8), i = 0, o = 0;
	uint32_t	 cp;
	int		 bad, fc, ei, code, rf = -1, re = -1;

	while (i < n) {
		i += text_next(utf8 + i, n - i, &cp, &bad);
		if (cp == 0)
			continue;
		if (cp == '\n' || cp == '\r')
			cp = ' ';
		if (bad || face_for(p, f, cp) == -1) {
			warn_missing(p, cp, bad);
			cp = '?';
		}
		cp_place(p, f, cp, rf == -1 ? -1 : re, &fc, &ei, &code);
		if (o > 0 && (fc != rf || ei != re || o + 1 >= sizeof(buf))) {
			show_run(p, ops, rf, re, size, buf, o);
			o = 0;
		}
		rf = fc;
		re = ei;
		p->used[ei][code] = 1;
		buf[o++] = (char)code;
	}
	if (o > 0 && !p->failed)
		show_run(p, ops, rf, re, size, buf, o);
}

void
pdf_text(struct pdf *p, float x, float y, enum font f, float size,
    struct rgb c, enum align al, const char *utf8)
{
	struct ops	 o;

	if (!PAGE(p) || utf8 == NULL || *utf8 == '\0' || (unsigned)f >= FONT__N)
		return;
	if (al != ALIGN_LEFT) {
		float w = pdf_measure(p, f, size, utf8);
		x -= al == ALIGN_CENTER ? w / 2 : w;
	}
	o.n = 0;
	set_fill(p, &o, c);
	ops_op(&o, "BT");
	if (f == FONT_ITALIC)
		ops_str(&o, "1 0 " SLANT_S " 1 ");
	ops_len(&o, x);
	ops_len(&o, p->h - y);
	ops_op(&o, f == FONT_ITALIC ? "Tm" : "Td");
	show_runs(p, &o, f, size, utf8);
	ops_op(&o, "ET");
	ops_flush(p, &o);
}

/* One character of a string being wrapped. */
struct wch {
	uint32_t	 cp;
	int		 w;		/* 1/1000 em */
	size_t		 off, len;	/* bytes in the source */
};

static void
emit_line(struct pdf *p, const char *src, const struct wch *c, int from,
    int to, int hyphen, char **buf, size_t *cap, int n,
    void (*line)(void *, const char *, int), void *ctx)
{
	size_t	 len = 0, need;
	char	*nb;

	/* drop trailing spaces */
	while (to > from && (c[to - 1].cp == ' ' || c[to - 1].cp == '\n'))
		to--;
	if (to > from)
		len = c[to - 1].off + c[to - 1].len - c[from].off;
	need = len + 2;
	if (need > *cap) {
		if ((nb = realloc(*buf, need)) == NULL) {
			/* a line left out would be a different report */
			on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return;
		}
		*buf = nb;
		*cap = need;
	}
	if (len > 0)
		memcpy(*buf, src + c[from].off, len);
	if (hyphen)
		(*buf)[len++] = '-';
	(*buf)[len] = '\0';
	if (line != NULL)
		line(ctx, *buf, n);
}

/* See pdf.h.  line() gets each line and its 0-based index.  Breaks at
 * spaces (dropped at the break), after '-', '/', en and em dashes (kept
 * on the line), and at '\n'; a word wider than the line is cut between
 * characters with a hyphen when one fits.  Widths are integer sums of
 * the glyph widths, compared against width exactly. */
int
pdf_wrap(struct pdf *p, enum font f, float size, float width,
    const char *utf8, void (*line)(void *ctx, const char *text, int n),
    void *ctx)
{
	struct wch	*c;
	char		*buf = NULL;
	size_t		 n, i = 0, cap = 0;
	long		 lim, w;
	int		 nc = 0, start, brk, k, nl = 0, bad, hyw, len;
	uint32_t	 cp;

	if (p == NULL || utf8 == NULL || (unsigned)f >= FONT__N || size <= 0)
		return 0;
	n = strlen(utf8);
	if ((c = calloc(n + 1, sizeof(*c))) == NULL) {
		on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		return 0;
	}
	while (i < n) {
		len = text_next(utf8 + i, n - i, &cp, &bad);
		if (cp != 0) {
			if (cp == '\r')
				cp = '\n';
			c[nc].cp = cp;
			c[nc].w = cp == '\n' ? 0 : cp_width(p, f, cp);
			c[nc].off = i;
			c[nc].len = len;
			nc++;
		}
		i += len;
	}
	/* tolerance for a width that came from pdf_measure (float) */
	lim = (long)floor((double)width * 1000.0 / size + 0.01);
	hyw = cp_width(p, f, '-');
	start = 0;
	while (start < nc) {
		/* skip leading spaces of a line */
		while (start < nc && c[start].cp == ' ')
			start++;
		if (start == nc)
			break;
		w = 0;
		brk = -1;	/* the line may end before index brk */
		for (k = start; k < nc; k++) {
			if (c[k].cp == '\n')
				break;
			if (c[k].cp != ' ' && w + c[k].w > lim)
				break;
			w += c[k].w;
			if (c[k].cp == ' ')
				brk = k;
			else if (c[k].cp == '-' || c[k].cp == '/' ||
			    c[k].cp == 0x2013 || c[k].cp == 0x2014)
				brk = k + 1;
		}
		if (k == nc || c[k].cp == '\n') {
			emit_line(p, utf8, c, start, k, 0, &buf, &cap, nl++,
			    line, ctx);
			start = k + 1;
			continue;
		}
		if (brk > start) {
			emit_line(p, utf8, c, start, brk, 0, &buf, &cap, nl++,
			    line, ctx);
			start = brk;
			continue;
		}
		/* One word wider than the line: cut it, with a hyphen
		 * where one fits; at least one character per line. */
		w = 0;
		for (k = start; k < nc && w + c[k].w + hyw <= lim; k++)
			w += c[k].w;
		if (k > start) {
			emit_line(p, utf8, c, start, k, 1, &buf, &cap, nl++,
			    line, ctx);
			start = k;
		} else {
			emit_line(p, utf8, c, start, start + 1, 0, &buf, &cap,
			    nl++, line, ctx);
			start++;
		}
	}
	free(buf);
	free(c);
	return nl;
}

/* The baseline of a line box of height leading whose top is at y: the
 * cap height (0.73 em in DejaVu Sans) centred in the box. */
static float
baseline(float y, float size, float leading)
{
	return y + (leading + 0.73f * size) / 2;
}

struct para {
	struct pdf	*p;
	float		 x, size, leading;
	enum font	 f;
	struct rgb	 c;
	int		 n;
};

static void
para_line(void *ctx, const char *text, int n)
{
	struct para	*a = ctx;

	(void)n;
	pdf_need(a->p, a->leading);
	pdf_text(a->p, a->x, baseline(a->p->y, a->size, a->leading), a->f,
	    a->size, a->c, ALIGN_LEFT, text);
	a->p->y += a->leading;
	a->n++;
}

int
pdf_paragraph(struct pdf *p, float x, float width, enum font f, float size,
    float leading, struct rgb c, const char *utf8)
{
	struct para	 a;

	if (!LIVE(p))
		return 0;
	a.p = p;
	a.x = x;
	a.size = size;
	a.leading = leading;
	a.f = f;
	a.c = c;
	a.n = 0;
	pdf_wrap(p, f, size, width, utf8, para_line, &a);
	return a.n;
}

struct box {
	struct pdf	*p;
	float		 x, y, width, size, leading;
	enum font	 f;
	struct rgb	 c;
	int		 max, n, cut;
	const char	*src;
};

/* Draws the last allowed line with an ellipsis, shortened until it
 * fits. */
static void
box_last(struct box *b, const char *text)
{
	char	*s;
	size_t	 len;

	len = strlen(text);
	if ((s = malloc(len + 4)) == NULL) {
		on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, b->p);
		return;
	}
	memcpy(s, text, len + 1);
	for (;;) {
		while (len > 0 && s[len - 1] == ' ')
			len--;
		memcpy(s + len, "\xe2\x80\xa6", 4);
		if (len == 0 || pdf_measure(b->p, b->f, b->size, s) <=
		    b->width)
			break;
		/* drop one whole UTF-8 character */
		do
			len--;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80);
	}
	pdf_text(b->p, b->x, baseline(b->y + b->leading * b->n, b->size,
	    b->leading), b->f, b->size, b->c, ALIGN_LEFT, s);
	free(s);
}

static void
box_line(void *ctx, const char *text, int n)
{
	struct box	*b = ctx;

	(void)n;
	if (b->n >= b->max) {
		b->cut = 1;
		return;
	}
	if (b->n == b->max - 1) {
		/* kept until we know whether more lines follow */
		free((void *)b->src);
		if ((b->src = strdup(text)) == NULL)
			on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, b->p);
		b->n++;
		return;
	}
	pdf_text(b->p, b->x, baseline(b->y + b->leading * b->n, b->size,
	    b->leading), b->f, b->size, b->c, ALIGN_LEFT, text);
	b->n++;
}

float
pdf_text_box(struct pdf *p, float x, float y, float width, enum font f,
    float size, float leading, struct rgb c, int max_lines,
    const char *utf8)
{
	struct box	 b;

	if (!LIVE(p) || max_lines < 1)
		return 0;
	memset(&b, 0, sizeof(b));
	b.p = p;
	b.x = x;
	b.y = y;
	b.width = width;
	b.size = size;
	b.leading = leading;
	b.f = f;
	b.c = c;
	b.max = max_lines;
	pdf_wrap(p, f, size, width, utf8, box_line, &b);
	if (b.src != NULL) {
		b.n--;
		if (b.cut)
			box_last(&b, b.src);
		else
			pdf_text(p, x, baseline(y + leading * b.n, size,
			    leading), f, size, c, ALIGN_LEFT, b.src);
		b.n++;
		free((void *)b.src);
	}
	return leading * b.n;
}

/* ------------------------------------------------------------ shapes */

/* Fills and/or strokes the current path. */
static void
paint(struct pdf *p, struct ops *o, const struct rgb *fill,
    const struct rgb *stroke, float lw)
{
	if (fill != NULL)
		set_fill(p, o, *fill);
	if (stroke != NULL)
		set_stroke(p, o, *stroke, lw, 0);
	if (fill != NULL && stroke != NULL)
		ops_op(o, "B");
	else if (fill != NULL)
		ops_op(o, "f");
	else if (stroke != NULL)
		ops_op(o, "S");
	else
		ops_op(o, "n");
	ops_flush(p, o);
}

void
pdf_rect(struct pdf *p, float x, float y, float w, float h,
    const struct rgb *fill, const struct rgb *stroke, float line_w)
{
	struct ops	 o;

	if (!PAGE(p) || (fill == NULL && stroke == NULL))
		return;
	o.n = 0;
	if (stroke != NULL)
		set_stroke(p, &o, *stroke, line_w, 0);
	if (fill != NULL)
		set_fill(p, &o, *fill);
	ops_len(&o, x);
	ops_len(&o, p->h - y - h);
	ops_len(&o, w);
	ops_len(&o, h);
	ops_op(&o, "re");
	paint(p, &o, fill, stroke, line_w);
}

void
pdf_round_rect(struct pdf *p, float x, float y, float w, float h,
    float r, const struct rgb *fill)
{
	const float	 k = 0.5523f;	/* Bezier quarter circle */
	struct ops	 o;
	float		 x0, y0, x1, y1;

	if (!PAGE(p) || fill == NULL)
		return;
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (r <= 0) {
		pdf_rect(p, x, y, w, h, fill, NULL, 0);
		return;
	}
	o.n = 0;
	set_fill(p, &o, *fill);
	/* in PDF space: y0 bottom, y1 top */
	x0 = x;
	x1 = x + w;
	y0 = p->h - y - h;
	y1 = p->h - y;
	ops_pt(&o, x0 + r, y0, "m");
	ops_pt(&o, x1 - r, y0, "l");
	ops_curve(&o, x1 - r + k * r, y0, x1, y0 + r - k * r, x1, y0 + r);
	ops_pt(&o, x1, y1 - r, "l");
	ops_curve(&o, x1, y1 - r + k * r, x1 - r + k * r, y1, x1 - r, y1);
	ops_pt(&o, x0 + r, y1, "l");
	ops_curve(&o, x0 + r - k * r, y1, x0, y1 - r + k * r, x0, y1 - r);
	ops_pt(&o, x0, y0 + r, "l");
	ops_curve(&o, x0, y0 + r - k * r, x0 + r - k * r, y0, x0 + r, y0);
	ops_op(&o, "h");
	ops_op(&o, "f");
	ops_flush(p, &o);
}

static void
line_common(struct pdf *p, float x0, float y0, float x1, float y1,
    struct rgb c, float lw, int dashed)
{
	struct ops	 o;

	if (!PAGE(p))
		return;
	o.n = 0;
	set_stroke(p, &o, c, lw, dashed);
	ops_xy(&o, p, x0, y0);
	ops_op(&o, "m");
	ops_xy(&o, p, x1, y1);
	ops_op(&o, "l");
	ops_op(&o, "S");
	ops_flush(p, &o);
}

void
pdf_line(struct pdf *p, float x0, float y0, float x1, float y1,
    struct rgb c, float lw)
{
	line_common(p, x0, y0, x1, y1, c, lw, 0);
}

void
pdf_dashed_line(struct pdf *p, float x0, float y0, float x1, float y1,
    struct rgb c, float lw)
{
	line_common(p, x0, y0, x1, y1, c, lw, 1);
}

/* The ExtGState for a fill alpha, one per value per document. */
static HPDF_ExtGState
alpha_state(struct pdf *p, float a)
{
	HPDF_ExtGState	 gs;
	int		 i;

	for (i = 0; i < p->nalpha; i++)
		if (p->alpha_v[i] == a)
			return p->alpha[i];
	if ((gs = HPDF_CreateExtGState(p->doc)) == NULL)
		return NULL;
	HPDF_ExtGState_SetAlphaFill(gs, a);
	if (p->nalpha < NALPHA) {
		p->alpha[p->nalpha] = gs;
		p->alpha_v[p->nalpha++] = a;
	}
	return gs;
}

void
pdf_polygon(struct pdf *p, const float *xs, const float *ys, int n,
    const struct rgb *fill, float fill_alpha, const struct rgb *stroke,
    float lw)
{
	HPDF_ExtGState	 gs;
	struct ops	 o;
	int		 i;

	if (!PAGE(p) || n < 2 || (fill == NULL && stroke == NULL))
		return;
	o.n = 0;
	if (fill != NULL && fill_alpha < 1) {
		/* The translucent fill in its own saved state, so the
		 * cached colours stay true after the restore. */
		if (fill_alpha < 0)
			fill_alpha = 0;
		fill_alpha = roundf(fill_alpha * 100) / 100;
		if ((gs = alpha_state(p, fill_alpha)) == NULL)
			return;
		HPDF_Page_GSave(p->page);
		HPDF_Page_SetExtGState(p->page, gs);
		ops_rgb(&o, *fill, "rg");
		for (i = 0; i < n; i++) {
			ops_xy(&o, p, xs[i], ys[i]);
			ops_op(&o, i == 0 ? "m" : "l");
		}
		ops_op(&o, "h");
		ops_op(&o, "f");
		ops_flush(p, &o);
		HPDF_Page_GRestore(p->page);
		fill = NULL;
		if (stroke == NULL)
			return;
	}
	if (stroke != NULL)
		set_stroke(p, &o, *stroke, lw, 0);
	if (fill != NULL)
		set_fill(p, &o, *fill);
	for (i = 0; i < n; i++) {
		if (o.n > sizeof(o.b) - 64)
			ops_flush(p, &o);
		ops_xy(&o, p, xs[i], ys[i]);
		ops_op(&o, i == 0 ? "m" : "l");
	}
	ops_op(&o, "h");
	paint(p, &o, fill, stroke, lw);
}

/* A disc of diameter d at (x, y) in PDF space, inside q/Q with round
 * caps set. */
static void
dot(struct ops *o, float x, float y, float d, struct rgb c)
{
	ops_rgb(o, c, "RG");
	ops_len(o, d);
	ops_op(o, "w");
	ops_pt(o, x, y, "m");
	ops_pt(o, x, y, "l");
	ops_op(o, "S");
}

void
pdf_circle(struct pdf *p, float cx, float cy, float r,
    const struct rgb *fill, const struct rgb *stroke, float lw)
{
	const float	 k = 0.5523f * r;	/* Bezier quarter circle */
	struct ops	 o;
	float		 y;

	if (!PAGE(p) || r <= 0 || (fill == NULL && stroke == NULL))
		return;
	y = p->h - cy;
	if (fill != NULL) {
		/* A filled disc is a zero-length line with round caps as
		 * wide as the disc (PDF 1.7, 8.5.3.2): a fifth of the bytes
		 * of four Bezier curves; there are a hundred and more pips
		 * and markers per report.  With an outline, the outline's
		 * colour is the larger disc under the fill's.  In its own
		 * q/Q, so the cached stroke state stays true. */
		o.n = 0;
		ops_op(&o, p->dashed ? "q 1 J [] 0 d" : "q 1 J");
		if (stroke != NULL) {
			dot(&o, cx, y, 2 * r + lw, *stroke);
			if (2 * r - lw > 0)
				dot(&o, cx, y, 2 * r - lw, *fill);
		} else
			dot(&o, cx, y, 2 * r, *fill);
		ops_op(&o, "Q");
		ops_flush(p, &o);
		return;
	}
	/* from the left, clockwise in PDF space, as HPDF_Page_Circle */
	o.n = 0;
	set_stroke(p, &o, *stroke, lw, 0);
	ops_pt(&o, cx - r, y, "m");
	ops_curve(&o, cx - r, y + k, cx - k, y + r, cx, y + r);
	ops_curve(&o, cx + k, y + r, cx + r, y + k, cx + r, y);
	ops_curve(&o, cx + r, y - k, cx + k, y - r, cx, y - r);
	ops_curve(&o, cx - k, y - r, cx - r, y - k, cx - r, y);
	paint(p, &o, fill, stroke, lw);
}

void
pdf_arc(struct pdf *p, float cx, float cy, float r, float a0, float a1,
    struct rgb c, float lw)
{
	struct ops	 o;
	float		 t;

	if (!PAGE(p) || r <= 0 || a0 == a1)
		return;
	if (a1 < a0) {
		t = a0;
		a0 = a1;
		a1 = t;
	}
	if (a1 - a0 > 360)
		a1 = a0 + 360;
	o.n = 0;
	set_stroke(p, &o, c, lw, 0);
	ops_flush(p, &o);
	/* libharu measures arcs from the top, clockwise, as we do. */
	HPDF_Page_Arc(p->page, cx, p->h - cy, r, a0, a1);
	HPDF_Page_Stroke(p->page);
}

/* A URI link annotation with the relative path as the URI (libharu 2.3
 * has no GoToR or Launch action); viewers resolve it against the
 * document's own location.  No border. */
void
pdf_link_file(struct pdf *p, float x, float y, float w, float h,
    const char *relpath)
{
	HPDF_Rect	 rc;
	HPDF_Annotation	 an;

	if (!PAGE(p) || relpath == NULL || *relpath == '\0')
		return;
	rc.left = x;
	rc.right = x + w;
	rc.top = p->h - y;
	rc.bottom = p->h - y - h;
	if ((an = HPDF_Page_CreateURILinkAnnot(p->page, rc, relpath)) == NULL)
		return;
	HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
}

/* An image (a logo) in the box x, y, w, h.  The image is embedded once
 * per document: later calls with the same struct image reuse the XObject
 * on every page.  0, or -1 when libharu refused it (recorded as the
 * document's error). */
int
pdf_image(struct pdf *p, const struct image *im, float x, float y, float w,
    float h)
{
	HPDF_Image	 hi;

	if (!PAGE(p) || im == NULL || im->data == NULL || w <= 0 || h <= 0)
		return -1;
	if (p->img_src != im || p->img == NULL) {
		if (im->kind == IMAGE_RGB)
			hi = HPDF_LoadRawImageFromMem(p->doc, im->data,
			    im->width, im->height, HPDF_CS_DEVICE_RGB, 8);
		else
			hi = HPDF_LoadJpegImageFromMem(p->doc, im->data,
			    (HPDF_UINT)im->len);
		if (hi == NULL)
			return -1;
		p->img_src = im;
		p->img = hi;
	}
	HPDF_Page_DrawImage(p->page, p->img, x, p->h - y - h, w, h);
	invalidate_state(p);
	return p->failed ? -1 : 0;
}
