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
static int
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
static const unsigned char *
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

/* ------------------------------------------------------------ subsets */

/*
 * A subset holds the seven tables a PDF reader needs of an embedded
 * TrueType program (PDF 1.7, 9.9: glyf, head, hhea, hmtx, loca, maxp, and
 * the cmap a nonsymbolic font is read through), in the order of their
 * tags, each padded to four bytes.  name, post and OS/2 are left out:
 * the PDF names the font and gives its metrics in the font dict and
 * descriptor, and the glyph names come from the encoding.  The shipped
 * fonts have no hinting, so cvt, fpgm and prep are empty or nothing.
 */
static const char subset_tags[][5] = {
	"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"
};
#define NSUBSET		(int)(sizeof(subset_tags) / sizeof(subset_tags[0]))

static void
put16(struct obuf *o, unsigned v)
{
	unsigned char	 b[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	obuf_put(o, b, 2);
}

static void
put32(struct obuf *o, uint32_t v)
{
	unsigned char	 b[4] = { (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };

	obuf_put(o, b, 4);
}

static void
set16(unsigned char *b, unsigned v)
{
	b[0] = (unsigned char)(v >> 8);
	b[1] = (unsigned char)v;
}

static void
set32(unsigned char *b, uint32_t v)
{
	set16(b, v >> 16);
	set16(b + 2, v & 0xFFFF);
}

/* The sum of n bytes (n a multiple of 4) as big-endian 32-bit words. */
static uint32_t
word_sum(const unsigned char *b, size_t n)
{
	uint32_t	 s = 0;
	size_t		 i;

	for (i = 0; i + 4 <= n; i += 4)
		s += be32(b + i);
	return s;
}

/* The offset and end in glyf of glyph g (loca short or long); 0, or -1
 * when they are out of order or past glyf. */
static int
glyph_span(const unsigned char *loca, int short_loca, unsigned g,
    size_t lglyf, size_t *g0, size_t *g1)
{
	*g0 = short_loca ? 2u * be16(loca + 2 * g) : be32(loca + 4 * g);
	*g1 = short_loca ? 2u * be16(loca + 2 * g + 2) : be32(loca + 4 * g + 4);
	return *g1 < *g0 || *g1 > lglyf ? -1 : 0;
}

/* Appends glyph data b (len bytes) to o with the glyph ids of a
 * composite's components renumbered by map[] (n entries; a component
 * not kept becomes glyph 0).  0, or -1 for a composite that runs past
 * its data. */
static int
put_glyph(struct obuf *o, const unsigned char *b, size_t len,
    const uint16_t *map, unsigned n)
{
	size_t		 at, base = o->n;
	unsigned	 flags, g;

	obuf_put(o, b, len);
	if (len < 10 || (int16_t)be16(b) >= 0 || o->err)
		return 0;		/* empty or simple */
	for (at = 10;;) {
		if (len - at < 4)
			return -1;
		flags = be16(b + at);
		g = be16(b + at + 2);
		set16(o->b + base + at + 2, g < n ? map[g] : 0);
		at += 4 + (flags & 0x0001 ? 4 : 2);
		if (flags & 0x0008)
			at += 2;
		else if (flags & 0x0040)
			at += 4;
		else if (flags & 0x0080)
			at += 8;
		if (!(flags & 0x0020))
			return 0;
		if (at > len)
			return -1;
	}
}

/* Flags in keep[] (n glyphs) the components of every composite glyph
 * kept, and theirs in turn: libharu flags a composite's own components
 * only, so a glyph such as U+0407 (a composite of Idieresis, itself I
 * and a dieresis) lost its dots.  Each pass flags what the kept
 * composites name; passes stop when nothing changes (a composite nests
 * a few levels at most; cycles end too, since flags only grow). */
static void
keep_components(uint8_t *keep, unsigned n, const unsigned char *loca,
    int short_loca, const unsigned char *glyf, size_t lglyf)
{
	const unsigned char	*b;
	size_t			 g0, g1, at, len;
	unsigned		 i, flags, g, pass;
	int			 more = 1;

	for (pass = 0; more && pass < 16; pass++) {
		more = 0;
		for (i = 0; i < n; i++) {
			if (!keep[i] || glyph_span(loca, short_loca, i, lglyf,
			    &g0, &g1) == -1 || g1 - g0 < 10 ||
			    (int16_t)be16(glyf + g0) >= 0)
				continue;
			b = glyf + g0;
			len = g1 - g0;
			for (at = 10; len - at >= 4;) {
				flags = be16(b + at);
				g = be16(b + at + 2);
				if (g < n && !keep[g]) {
					keep[g] = 1;
					more = 1;
				}
				at += 4 + (flags & 0x0001 ? 4 : 2);
				if (flags & 0x0008)
					at += 2;
				else if (flags & 0x0040)
					at += 4;
				else if (flags & 0x0080)
					at += 8;
				if (!(flags & 0x0020) || at > len)
					break;
			}
		}
	}
}

/* A (3, 1) format 4 cmap of the code points of fc whose glyph is kept,
 * to their new ids (map[]), appended to o. */
static void
put_cmap(struct obuf *o, const struct face *fc, const uint16_t *map,
    unsigned n)
{
	uint16_t	*seg = NULL;	/* start, end, delta per segment */
	unsigned	 nseg = 0, cap = 0, i, pow2, sel;
	uint32_t	 cp, k;
	unsigned	 g, ng;

	for (k = 0; k < fc->ncps; k++) {
		cp = fc->cps[k];
		g = fc->gid[cp];
		if (g == 0 || g >= n || map[g] == 0)
			continue;
		ng = map[g];
		if (nseg > 0 && (uint32_t)seg[3 * nseg - 2] + 1 == cp &&
		    (uint16_t)(seg[3 * nseg - 3] + seg[3 * nseg - 1] +
		    (cp - seg[3 * nseg - 3])) == ng) {
			seg[3 * nseg - 2] = (uint16_t)cp;
			continue;
		}
		if (nseg + 1 >= cap) {
			uint16_t	*ns;

			cap = cap ? cap * 2 : 64;
			if ((ns = realloc(seg, cap * 3 * sizeof(*seg))) == NULL) {
				free(seg);
				o->err = 1;
				return;
			}
			seg = ns;
		}
		seg[3 * nseg] = (uint16_t)cp;
		seg[3 * nseg + 1] = (uint16_t)cp;
		seg[3 * nseg + 2] = (uint16_t)(ng - cp);
		nseg++;
	}
	if (nseg + 1 > cap) {
		uint16_t	*ns;

		if ((ns = realloc(seg, (nseg + 1) * 3 * sizeof(*seg))) == NULL) {
			free(seg);
			o->err = 1;
			return;
		}
		seg = ns;
	}
	seg[3 * nseg] = 0xFFFF;		/* the end segment, to glyph 0 */
	seg[3 * nseg + 1] = 0xFFFF;
	seg[3 * nseg + 2] = 1;
	nseg++;
	for (pow2 = 1, sel = 0; pow2 * 2 <= nseg; pow2 *= 2, sel++)
		;
	put16(o, 0);			/* version */
	put16(o, 1);			/* one subtable */
	put16(o, 3);
	put16(o, 1);
	put32(o, 12);
	put16(o, 4);			/* format 4 */
	put16(o, 16 + 8 * nseg);	/* length */
	put16(o, 0);			/* language */
	put16(o, 2 * nseg);
	put16(o, 2 * pow2);
	put16(o, sel);
	put16(o, 2 * nseg - 2 * pow2);
	for (i = 0; i < nseg; i++)
		put16(o, seg[3 * i + 1]);
	put16(o, 0);			/* reservedPad */
	for (i = 0; i < nseg; i++)
		put16(o, seg[3 * i]);
	for (i = 0; i < nseg; i++)
		put16(o, seg[3 * i + 2]);
	for (i = 0; i < nseg; i++)
		put16(o, 0);		/* idRangeOffset */
	free(seg);
}

/*
 * The font program of face fc cut to the glyphs flagged in used[0..n)
 * (n the font's number of glyphs; glyph 0 is always kept), numbered anew
 * in their order: glyph ids are the font's business, a simple TrueType
 * font in PDF reaches its glyphs by code -> glyph name -> Unicode ->
 * (3, 1) cmap, and the cmap written here maps every code point of a
 * kept glyph to its new id.  So hmtx and loca have an entry per glyph
 * kept, not per glyph of the face (they were 5 KB of the 12 KB of a
 * subset), and composite glyphs' components are renumbered.  The
 * subset is appended to o (emptied first); *length1 is its size.  0, or
 * -1 when the font lacks what the subset needs or memory failed.
 */
int
face_subset(const struct face *fc, const uint8_t *used, unsigned n,
    struct obuf *o, size_t *length1)
{
	const unsigned char	*f = fc->file, *head, *hhea, *hmtx, *loca;
	const unsigned char	*glyf, *maxp;
	size_t			 nf = fc->nfile, lhead, lhhea, lhmtx, lloca;
	size_t			 lglyf, lmaxp, start[NSUBSET], tlen[NSUBSET];
	size_t			 at, g0, g1, adj = 0;
	uint16_t		*map = NULL;
	uint8_t			*keep = NULL;
	unsigned		 i, k, nkept, ntab, nhm, entry;
	int			 short_loca;
	uint32_t		 sum;

	o->n = 0;
	o->err = 0;
	if (f == NULL || fc->gid == NULL || fc->cps == NULL || n == 0 ||
	    n > 0xFFFF ||
	    ttf_directory(f, nf) < 0)
		return -1;
	ntab = be16(f + 4);
	if ((head = ttf_table(f, (int)ntab, "head", &lhead)) == NULL ||
	    lhead < 54 ||
	    (hhea = ttf_table(f, (int)ntab, "hhea", &lhhea)) == NULL ||
	    lhhea < 36 ||
	    (hmtx = ttf_table(f, (int)ntab, "hmtx", &lhmtx)) == NULL ||
	    (maxp = ttf_table(f, (int)ntab, "maxp", &lmaxp)) == NULL ||
	    lmaxp < 6 ||
	    (loca = ttf_table(f, (int)ntab, "loca", &lloca)) == NULL ||
	    (glyf = ttf_table(f, (int)ntab, "glyf", &lglyf)) == NULL)
		return -1;
	short_loca = be16(head + 50) == 0;
	nhm = be16(hhea + 34);
	if (lloca < (size_t)(n + 1) * (short_loca ? 2 : 4) || nhm == 0 ||
	    nhm > n || lhmtx < (size_t)nhm * 4 + (size_t)(n - nhm) * 2)
		return -1;
	/* the glyphs kept: those flagged, glyph 0, and the components of
	 * composites; old id -> new id (0 for a glyph left out) */
	if ((map = calloc(n, sizeof(*map))) == NULL ||
	    (keep = malloc(n)) == NULL) {
		free(map);
		return -1;
	}
	memcpy(keep, used, n);
	keep[0] = 1;
	keep_components(keep, n, loca, short_loca, glyf, lglyf);
	used = keep;
	for (i = 1, nkept = 1; i < n; i++)
		if (used[i])
			map[i] = (uint16_t)nkept++;

	/* the offset table; the directory is filled in at the end */
	put32(o, 0x00010000);
	put16(o, NSUBSET);
	put16(o, 64);			/* searchRange for 7 tables */
	put16(o, 2);			/* entrySelector */
	put16(o, NSUBSET * 16 - 64);	/* rangeShift */
	for (i = 0; i < 16 * NSUBSET; i++)
		obuf_put(o, "", 1);
	for (k = 0; k < NSUBSET; k++) {
		start[k] = o->n;
		switch (subset_tags[k][0] << 8 | subset_tags[k][2]) {
		case 'c' << 8 | 'a':	/* cmap */
			put_cmap(o, fc, map, n);
			break;
		case 'g' << 8 | 'y':	/* glyf */
			for (i = 0; i < n; i++) {
				if (i != 0 && !used[i])
					continue;
				if (glyph_span(loca, short_loca, i, lglyf,
				    &g0, &g1) == -1 ||
				    put_glyph(o, glyf + g0, g1 - g0, map,
				    n) == -1)
					goto fail;
			}
			break;
		case 'h' << 8 | 'a':	/* head */
			adj = o->n + 8;
			obuf_put(o, head, 8);
			put32(o, 0);
			obuf_put(o, head + 12, 42);
			break;
		case 'h' << 8 | 'e':	/* hhea */
			obuf_put(o, hhea, 34);
			put16(o, nkept);
			obuf_put(o, hhea + 36, lhhea - 36);
			break;
		case 'h' << 8 | 't':	/* hmtx: a long metric per glyph */
			for (i = 0; i < n; i++) {
				if (i != 0 && !used[i])
					continue;
				entry = i < nhm ? i : nhm - 1;
				obuf_put(o, hmtx + (size_t)entry * 4, 2);
				obuf_put(o, i < nhm ? hmtx + (size_t)i * 4 + 2 :
				    hmtx + (size_t)nhm * 4 +
				    (size_t)(i - nhm) * 2, 2);
			}
			break;
		case 'l' << 8 | 'c':	/* loca */
			at = 0;
			for (i = 0; i <= n; i++) {
				if (i < n && i != 0 && !used[i])
					continue;
				if (short_loca)
					put16(o, (unsigned)(at / 2));
				else
					put32(o, (uint32_t)at);
				if (i < n) {
					(void)glyph_span(loca, short_loca, i,
					    lglyf, &g0, &g1);
					at += g1 - g0;
				}
			}
			break;
		case 'm' << 8 | 'x':	/* maxp */
			obuf_put(o, maxp, 4);
			put16(o, nkept);
			obuf_put(o, maxp + 6, lmaxp - 6);
			break;
		}
		tlen[k] = o->n - start[k];
		while (o->n % 4 != 0)
			obuf_put(o, "", 1);
	}
	if (o->err)
		goto fail;

	/* the directory, then checkSumAdjustment over the whole file */
	for (k = 0; k < NSUBSET; k++) {
		unsigned char	*e = o->b + 12 + 16 * k;

		memcpy(e, subset_tags[k], 4);
		set32(e + 4, word_sum(o->b + start[k], (tlen[k] + 3) & ~3u));
		set32(e + 8, (uint32_t)start[k]);
		set32(e + 12, (uint32_t)tlen[k]);
	}
	sum = 0xB1B0AFBAu - word_sum(o->b, o->n);
	set32(o->b + adj, sum);
	*length1 = o->n;
	free(map);
	free(keep);
	return 0;
fail:
	free(map);
	free(keep);
	return -1;
}

/* ------------------------------------------------------------ cache */

/*
 * A batch worker renders document after document with one struct pdf,
 * and many of them use the same glyphs of a face (the template's text and
 * a name in Latin letters): the subset and its deflating, ~0.6 M
 * instructions a face, are then done once.  The key is the exact set of
 * glyphs (and face and tag), so a hit gives the bytes a miss would make:
 * the document is the same either way.  At most FPROG_MAX programs are
 * kept (~6 KB each); when full, they are replaced in turn.
 */

/* FNV-1a over the flags as bits, with the face and tag; the bits into
 * bits (n bits) when not NULL. */
static uint32_t
fprog_key(int f, const uint8_t *used, unsigned n, const char tag[7],
    uint8_t *bits)
{
	uint32_t	 h = 2166136261u;
	unsigned	 i, nb = (n + 7) / 8;
	uint8_t		 byte;

	h = (h ^ (uint32_t)f) * 16777619u;
	for (i = 0; i < 7; i++)
		h = (h ^ (uint8_t)tag[i]) * 16777619u;
	for (i = 0; i < nb; i++) {
		unsigned	 j;

		byte = 0;
		for (j = 0; j < 8 && i * 8 + j < n; j++)
			if (used[i * 8 + j])
				byte |= (uint8_t)(1u << j);
		if (bits != NULL)
			bits[i] = byte;
		h = (h ^ byte) * 16777619u;
	}
	return h;
}

int
font_program(struct pdf *p, int f, const uint8_t *used, unsigned n,
    const char tag[7], const unsigned char **z, size_t *zn, size_t *length1)
{
	uint8_t		 bits[1024];
	struct fprog	*e;
	const unsigned char *out;
	size_t		 outn;
	uint32_t	 h;
	unsigned	 nb = (n + 7) / 8;
	int		 i;

	if (nb > sizeof(bits)) {		/* a large font: no cache */
		if (face_subset(&p->face[f], used, n, &p->subset,
		    length1) == -1 ||
		    deflate_font_mem(p, p->subset.b, p->subset.n, z, zn) == -1)
			return -1;
		return 0;
	}
	h = fprog_key(f, used, n, tag, bits);
	for (i = 0; i < p->nfprog; i++) {
		e = &p->fprog[i];
		if (e->hash == h && e->face == f && e->n == n &&
		    memcmp(e->tag, tag, 7) == 0 &&
		    memcmp(e->bits, bits, nb) == 0) {
			p->fprog_hits++;
			*z = e->z;
			*zn = e->zn;
			*length1 = e->length1;
			return 0;
		}
	}
	p->fprog_misses++;
	if (face_subset(&p->face[f], used, n, &p->subset, length1) == -1 ||
	    deflate_font_mem(p, p->subset.b, p->subset.n, &out, &outn) == -1)
		return -1;
	*z = out;
	*zn = outn;
	/* keep it; a failure to keep costs only the next document's time */
	if (p->nfprog < FPROG_MAX)
		e = &p->fprog[p->nfprog];
	else {
		e = &p->fprog[p->fprog_next];
		p->fprog_next = (p->fprog_next + 1) % FPROG_MAX;
		free(e->bits);
		free(e->z);
		memset(e, 0, sizeof(*e));
	}
	if ((e->bits = malloc(nb)) == NULL ||
	    (e->z = malloc(outn)) == NULL) {
		free(e->bits);
		memset(e, 0, sizeof(*e));
		return 0;
	}
	memcpy(e->bits, bits, nb);
	memcpy(e->z, out, outn);
	e->hash = h;
	e->face = f;
	e->n = n;
	memcpy(e->tag, tag, 7);
	e->zn = outn;
	e->length1 = *length1;
	if (e == &p->fprog[p->nfprog])
		p->nfprog++;
	return 0;
}

void
font_programs_free(struct pdf *p)
{
	int	 i;

	for (i = 0; i < p->nfprog; i++) {
		free(p->fprog[i].bits);
		free(p->fprog[i].z);
	}
	p->nfprog = p->fprog_next = 0;
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
