/*
 * pdf_font.c: the fonts and the single-byte encodings text is shown in.
 *
 * Two pre-subset DejaVu Sans faces, Book and Bold (fonts/, made by
 * tools/mkfonts.sh; italic is the Book face slanted) are loaded once per
 * struct pdf and used through single-byte encodings: the Windows code
 * pages 1252, 1250, 1251, 1253, 1254 and 1257, then two encodings of our
 * own ("RG-X1", "RG-X2") that hold every other character the fonts have
 * (the rupee sign, arrows, check marks, the rest of Greek and Cyrillic).
 * Our encodings write their /Differences with "uniXXXX" glyph names, so
 * viewers and text extraction map them back to Unicode.  Single-byte
 * fonts keep a document small and fast: libharu embeds only the glyphs
 * used.
 *
 * Widths come from our own parse of the fonts' hmtx/cmap, in the same
 * 1/1000 em integers libharu writes to /Widths, so measuring and
 * wrapping match the drawn text exactly and never touch libharu.  The
 * font files come from --data-dir, which may point anywhere: the parser
 * must be safe on any bytes (fuzz/fuzz_font.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"
#include "readfile.h"

#define FONT_MAX_BYTES	(8 * 1024 * 1024)	/* a whole font file, read once */

#define EXTRA_FIRST	0x21	/* our encodings: 0x20 stays the space */

static const char *const face_files[NFACE] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
};

/* The code pages, in order of preference for a new run. */
static const char *const code_pages[] = {
	"CP1252", "CP1250", "CP1251", "CP1253", "CP1254", "CP1257"
};
#define NCODE_PAGES	(int)(sizeof(code_pages) / sizeof(code_pages[0]))

/* ------------------------------------------------------------ TrueType */

uint32_t
be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

unsigned
be16(const unsigned char *b)
{
	return (unsigned)b[0] << 8 | b[1];
}

/*
 * Every bounds check below is written so that it cannot wrap: offsets and
 * lengths come from the file (32 bits), and "off + 4 > len" is true for
 * off = 0xFFFFFFFC in 32-bit arithmetic, which once let a crafted cmap
 * send the parser 4 GiB past the buffer.  fits() compares a length with
 * what is left after the offset instead of adding them.
 *
 * The same bytes then go to libharu 2.3.0's own TrueType loader, which
 * trusts more than it should.  So a font is refused here unless it also
 * meets what that loader assumes (fuzz/fuzz_font.c found the first):
 *   - numberOfHMetrics <= numGlyphs: libharu sizes its metrics array by
 *     numGlyphs and fills numberOfHMetrics entries (a heap overflow);
 *   - numGlyphs >= 1: it marks glyph 0 in an array of numGlyphs;
 *   - every table of the directory lies within the file: it copies each
 *     one, looping on the stated length when the data runs out;
 *   - the cmap it reads is the first (3, 1) record of format 4, and that
 *     subtable has the 0xFFFF end segment its lookup stops at.
 * We read the same subtable, so the widths we measure are libharu's.
 */

/* len bytes at off lie within n bytes. */
static int
fits(size_t n, size_t off, size_t len)
{
	return off <= n && len <= n - off;
}

/* The table directory: its entries, each within the file.  The number
 * of tables, or -1. */
int
ttf_directory(const unsigned char *f, size_t n)
{
	const unsigned char	*e;
	unsigned		 i, ntab;

	if (n < 12)
		return -1;
	ntab = be16(f + 4);
	if (!fits(n, 12, (size_t)ntab * 16))
		return -1;
	for (i = 0; i < ntab; i++) {
		e = f + 12 + (size_t)i * 16;
		if (!fits(n, be32(e + 8), be32(e + 12)))
			return -1;
	}
	return (int)ntab;
}

/* Finds a table in a TrueType file whose directory ttf_directory()
 * checked; NULL when missing. */
const unsigned char *
ttf_table(const unsigned char *f, int ntab, const char *tag, size_t *len)
{
	const unsigned char	*e;
	int			 i;

	for (i = 0; i < ntab; i++) {
		e = f + 12 + (size_t)i * 16;
		if (memcmp(e, tag, 4) != 0)
			continue;
		*len = be32(e + 12);
		return f + be32(e + 8);
	}
	return NULL;
}

/* Reads the advance widths per BMP code point from a TrueType file, as
 * libharu computes them (advance * 1000 / unitsPerEm, truncated).  0 on
 * success; -1 for a file we cannot use (see above), also one without a
 * '?' (what every missing character is drawn as). */
int
face_parse(struct face *fc, const unsigned char *f, size_t n)
{
	const unsigned char	*head, *hhea, *hmtx, *maxp, *cmap, *sub = NULL;
	const unsigned char	*rec;
	size_t			 lhead, lhhea, lhmtx, lmaxp, lcmap, lsub = 0;
	size_t			 at;
	unsigned		 upem, nhm, ng, nsub, i, seg, segx2;
	unsigned		 end, start, ro, g, gid, aw;
	int			 ntab, delta, last = 0;
	uint32_t		 cp, off, maxcp = 0;

	fc->adv = NULL;
	fc->gid = NULL;
	fc->cps = NULL;
	fc->nadv = fc->ncps = 0;
	if ((ntab = ttf_directory(f, n)) == -1 ||
	    (head = ttf_table(f, ntab, "head", &lhead)) == NULL || lhead < 54 ||
	    (hhea = ttf_table(f, ntab, "hhea", &lhhea)) == NULL || lhhea < 36 ||
	    (hmtx = ttf_table(f, ntab, "hmtx", &lhmtx)) == NULL ||
	    (maxp = ttf_table(f, ntab, "maxp", &lmaxp)) == NULL || lmaxp < 6 ||
	    (cmap = ttf_table(f, ntab, "cmap", &lcmap)) == NULL || lcmap < 4)
		return -1;
	upem = be16(head + 18);
	nhm = be16(hhea + 34);
	ng = be16(maxp + 4);
	if (upem == 0 || nhm == 0 || nhm > ng ||
	    !fits(lhmtx, 0, (size_t)nhm * 4))
		return -1;
	/* the first (3, 1) record of format 4, as libharu chooses */
	nsub = be16(cmap + 2);
	for (i = 0; i < nsub && fits(lcmap, 4 + (size_t)i * 8, 8); i++) {
		rec = cmap + 4 + (size_t)i * 8;
		off = be32(rec + 4);
		if (be16(rec) != 3 || be16(rec + 2) != 1 ||
		    !fits(lcmap, off, 4) || be16(cmap + off) != 4)
			continue;
		sub = cmap + off;
		lsub = be16(cmap + off + 2);
		if (!fits(lcmap, off, lsub))
			return -1;
		break;
	}
	/* the header, then four arrays of segx2 bytes (and a pad) */
	if (sub == NULL || lsub < 16)
		return -1;
	segx2 = be16(sub + 6);
	if (!fits(lsub, 16, (size_t)segx2 * 4))
		return -1;
	/* First pass: the largest code point mapped, and the end segment. */
	for (seg = 0; seg < segx2 / 2; seg++) {
		end = be16(sub + 14 + seg * 2);
		if (end == 0xFFFF)
			last = 1;
		else if (end + 1 > maxcp)
			maxcp = end + 1;
	}
	if (!last || maxcp <= '?' ||
	    (fc->adv = malloc(maxcp * sizeof(*fc->adv))) == NULL)
		return -1;
	if ((fc->gid = calloc(maxcp, sizeof(*fc->gid))) == NULL) {
		face_free(fc);
		return -1;
	}
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
				/* idRangeOffset counts from its own slot */
				at = 16 + (size_t)segx2 * 3 + seg * 2 + ro +
				    (size_t)(cp - start) * 2;
				if (!fits(lsub, at, 2))
					continue;
				g = be16(sub + at);
				gid = g == 0 ? 0 : (g + delta) & 0xFFFF;
			}
			if (gid == 0 || gid >= ng)
				continue;
			aw = be16(hmtx + (size_t)(gid < nhm ? gid : nhm - 1) * 4);
			fc->adv[cp] = (int16_t)((uint32_t)aw * 1000 / upem);
			fc->gid[cp] = (uint16_t)gid;
		}
	}
	if (!face_has(fc, '?')) {
		face_free(fc);
		return -1;
	}
	/* the code points with a glyph, for the subsets' cmaps */
	for (cp = 0, fc->ncps = 0; cp < maxcp && cp < 0xFFFF; cp++)
		fc->ncps += fc->gid[cp] != 0;
	if ((fc->cps = malloc((fc->ncps + 1) * sizeof(*fc->cps))) == NULL) {
		face_free(fc);
		return -1;
	}
	for (cp = 0, i = 0; cp < maxcp && cp < 0xFFFF; cp++)
		if (fc->gid[cp] != 0)
			fc->cps[i++] = (uint16_t)cp;
	return 0;
}

void
face_free(struct face *fc)
{
	free(fc->adv);
	fc->adv = NULL;
	free(fc->gid);
	fc->gid = NULL;
	fc->nadv = 0;
	free(fc->cps);
	fc->cps = NULL;
	fc->ncps = 0;
	free(fc->file);
	fc->file = NULL;
	fc->nfile = 0;
}

/* ------------------------------------------------------------ encodings */

/* Sets code -> cp in our encoding ei (libharu's encoder e and our
 * tables). */
static void
enc_assign(struct pdf *p, HPDF_Encoder e, int ei, int code, uint32_t cp)
{
	haru_enc_assign(e, code, cp);
	p->rev[(size_t)ei * p->maxcp + cp] = (uint8_t)code;
}

/* Builds the encoding tables: the code pages as libharu defines them,
 * then our encodings for every remaining character of the fonts. */
static int
encodings_init(struct pdf *p)
{
	HPDF_Encoder	 e = NULL;
	uint16_t	 map[256];
	uint32_t	 cp;
	int		 i, ei, code = 0, f;

	if ((e = HPDF_GetEncoder(p->doc, HPDF_ENCODING_WIN_ANSI)) == NULL)
		return -1;
	haru_enc_unicode(e, p->winansi);
	e = NULL;
	p->maxcp = 0;
	for (f = 0; f < NFACE; f++)
		if (p->face[f].nadv > p->maxcp)
			p->maxcp = p->face[f].nadv;
	if ((p->rev = calloc((size_t)NENC_MAX * p->maxcp, 1)) == NULL)
		return -1;
	for (ei = 0; ei < NCODE_PAGES; ei++) {
		if ((e = HPDF_GetEncoder(p->doc, code_pages[ei])) == NULL ||
		    haru_enc_adopt(p, e, ei) == -1)
			return -1;
		p->hpdf_enc[ei] = e;
		haru_enc_unicode(e, map);
		snprintf(p->enc[ei].name, sizeof(p->enc[ei].name), "%s",
		    code_pages[ei]);
		for (i = 0x20; i <= 0xFF; i++) {
			cp = map[i];
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
			    cp >= p->maxcp || !face_has(&p->face[0], cp))
				continue;
			if (p->rev[(size_t)ei * p->maxcp + cp] != 0)
				continue;	/* keep the first code */
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
			if ((e = haru_extra_enc_new(p, p->enc[p->nenc].name,
			    p->nenc)) == NULL)
				return -1;
			p->hpdf_enc[p->nenc] = e;
			p->rev[(size_t)p->nenc * p->maxcp + 0x20] = 0x20;
			p->nenc++;
			code = EXTRA_FIRST;
		}
		enc_assign(p, e, p->nenc - 1, code++, cp);
	}
	/* The outline and document-information encoding: ASCII, then codes
	 * handed out per document as titles need them (pdf_begin resets). */
	if ((p->olenc = haru_outline_enc_new(p)) == NULL)
		return -1;
	return 0;
}

/* ------------------------------------------------------------ load */

int
fonts_load(struct pdf *p, const char *fontdir, struct diag *d)
{
	/* A font is read whole, like every file, through readfile(); the
	 * shipped subsets are ~40 KB, a full DejaVu under 1 MB. */
	static const struct readfile rf = { FONT_MAX_BYTES, 0, "the font",
	    NULL };
	char		 path[4096];
	char		*buf;
	size_t		 len;
	int		 f;

	for (f = 0; f < NFACE; f++) {
		snprintf(path, sizeof(path), "%s/%s", fontdir, face_files[f]);
		if (readfile(path, &rf, &buf, &len, d) != 0)
			return -1;
		if (face_parse(&p->face[f], (const unsigned char *)buf, len) == -1) {
			free(buf);
			diag(d, SEV_FATAL, path, 0, "not a usable TrueType "
			    "font (it needs head, hhea, hmtx, maxp, a (3,1) "
			    "format 4 cmap and a '?' glyph, all within the "
			    "file)");
			return -1;
		}
		p->face[f].hname = haru_face_load(p, f, (const unsigned char *)buf, len);
		/* kept for face_subset */
		p->face[f].file = (unsigned char *)buf;
		p->face[f].nfile = len;
		if (p->face[f].hname == NULL || p->failed) {
			/* libharu's loader records its error in the document
			 * without calling the handler: fetch it */
			if (!p->failed)
				pdf_lib_failed(p);
			diag(d, SEV_FATAL, path, 0, "libharu cannot load the "
			    "font: %s", p->errbuf);
			return -1;
		}
	}
	if (encodings_init(p) == -1 || p->failed) {
		diag(d, SEV_FATAL, NULL, 0, "libharu: cannot set up the font "
		    "encodings: %s", p->failed ? p->errbuf : "out of memory");
		return -1;
	}
	for (f = 0; f < FONT__N; f++) {
		uint32_t	 cp;

		for (cp = 0; cp < 128; cp++) {
			p->asc_w[f][cp] = (int16_t)cp_width(p, (enum font)f,
			    cp);
			p->asc_face[f][cp] = (int8_t)face_for(p, (enum font)f,
			    cp);
		}
	}
	return 0;
}

void
fonts_free(struct pdf *p)
{
	int	 f;

	for (f = 0; f < NFACE; f++)
		face_free(&p->face[f]);
	free(p->rev);
	p->rev = NULL;
	font_programs_free(p);
}

/* ------------------------------------------------------------ lookups */

/* cp_place (pdf_private.h) when cp is not in the preferred encoding or
 * no face has it: '?' in the style's regular encoding when no face has
 * cp. */
void
cp_place_any(struct pdf *p, enum font f, uint32_t cp, int prefer,
    int *fc, int *ei, int *code)
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
