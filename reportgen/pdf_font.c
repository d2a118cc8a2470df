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
	fc->nadv = 0;
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
		}
	}
	if (!face_has(fc, '?')) {
		face_free(fc);
		return -1;
	}
	return 0;
}

void
face_free(struct face *fc)
{
	free(fc->adv);
	fc->adv = NULL;
	fc->nadv = 0;
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

/* The 13 tables libharu 2.3.0 writes into every subset, in its order. */
static const char subset_tags[13][5] = {
	"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
	"loca", "maxp", "name", "post", "prep"
};
#define SUBSET_BASE	(12 + 16 * 13)	/* offset table and directory */

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

/* The sum of n bytes as big-endian 32-bit words; with pad, a last
 * partial word counts with zeros after it, else it does not count. */
static uint32_t
word_sum(const unsigned char *b, size_t n, int pad)
{
	uint32_t	 s = 0;
	size_t		 i;

	for (i = 0; i + 4 <= n; i += 4)
		s += be32(b + i);
	if (pad && i < n) {
		unsigned char	 t[4] = { 0, 0, 0, 0 };

		memcpy(t, b + i, n - i);
		s += be32(t);
	}
	return s;
}

/*
 * The hmtx table of font f with the entries of glyphs not flagged in
 * used[0..n) zeroed, appended to o: the same size and layout (its
 * numberOfHMetrics long metrics, then the left side bearings).  0, or -1
 * when the font lacks hhea or hmtx or they disagree.
 */
static int
subset_hmtx(struct obuf *o, const unsigned char *f, unsigned ntab,
    const uint8_t *used, unsigned n)
{
	static const unsigned char	 zero[4];
	const unsigned char		*hhea, *hmtx;
	size_t				 lhhea, lhmtx, at, w;
	unsigned			 nhm, i;

	if ((hhea = ttf_table(f, (int)ntab, "hhea", &lhhea)) == NULL ||
	    lhhea < 36 ||
	    (hmtx = ttf_table(f, (int)ntab, "hmtx", &lhmtx)) == NULL)
		return -1;
	nhm = be16(hhea + 34);
	if (nhm == 0 || nhm > n)
		return -1;
	for (i = 0, at = 0; at < lhmtx; i++, at += w) {
		w = i < nhm ? 4 : 2;
		if (at + w > lhmtx)
			w = lhmtx - at;
		obuf_put(o, i < n && used[i] ? hmtx + at : zero, w);
	}
	return 0;
}

/*
 * The font program of face fc cut to the glyphs flagged in used[0..n),
 * n the font's number of glyphs, with the subset tag (6 letters and
 * '+') in front of its family and full names: byte for byte what
 * libharu 2.3.0's HPDF_TTFontDef_SaveFontData writes from the same
 * flags, except that the hmtx entries of the glyphs left out are zero
 * (subset_hmtx; the table checksums and checkSumAdjustment follow).
 * That writer reads and
 * writes the font four bytes at a time through its memory streams and
 * costs 3.2 M instructions a report; this one copies whole tables and
 * glyphs.  Its quirks, kept on purpose: the 13 tables are concatenated
 * without padding; a table the font lacks is written empty; the offset
 * table keeps the font's own searchRange, entrySelector and rangeShift;
 * checkSumAdjustment is 0xB1B0AFBA minus the sum of the tables' whole
 * words only (not the directory's, not a last partial word).
 * The subset is appended to o (emptied first); *length1 is its size.
 * 0, or -1 when the font lacks what the subset needs (loca, head, name
 * in range) or memory failed.
 */
int
face_subset(const struct face *fc, const uint8_t *used, unsigned n,
    const char tag[7], struct obuf *o, size_t *length1)
{
	const unsigned char	*f = fc->file, *t, *head, *loca, *glyf, *name;
	const unsigned char	*rec, *strs;
	size_t			 nf = fc->nfile, len, lhead, lloca, lglyf, lname;
	size_t			 start[13], tlen[13], at, adj = 0, g0, g1;
	unsigned		 i, k, cnt, sofs, nid, pid, nlen, ntab;
	int			 short_loca;
	unsigned char		 tag2[14];
	struct obuf		 strings = { 0 };
	uint32_t		 sum;

	o->n = 0;
	o->err = 0;
	if (f == NULL || ttf_directory(f, nf) < 0)
		return -1;
	ntab = be16(f + 4);
	if ((head = ttf_table(f, (int)ntab, "head", &lhead)) == NULL ||
	    lhead < 54 ||
	    (loca = ttf_table(f, (int)ntab, "loca", &lloca)) == NULL ||
	    (glyf = ttf_table(f, (int)ntab, "glyf", &lglyf)) == NULL ||
	    (name = ttf_table(f, (int)ntab, "name", &lname)) == NULL ||
	    lname < 6)
		return -1;
	short_loca = be16(head + 50) == 0;
	if (lloca < (size_t)(n + 1) * (short_loca ? 2 : 4))
		return -1;
	for (i = 0; i < 7; i++) {
		tag2[i * 2] = 0;
		tag2[i * 2 + 1] = (unsigned char)tag[i];
	}

	/* the offset table; the directory is filled in at the end */
	put32(o, be32(f));
	put16(o, 13);
	obuf_put(o, f + 6, 6);
	for (i = 0; i < 13 * 16; i++)
		obuf_put(o, "", 1);
	for (k = 0; k < 13; k++) {
		start[k] = o->n;
		if (strcmp(subset_tags[k], "head") == 0) {
			adj = o->n + 8;
			obuf_put(o, head, 8);
			put32(o, 0);
			obuf_put(o, head + 12, 42);
		} else if (strcmp(subset_tags[k], "glyf") == 0) {
			for (i = 0; i < n; i++) {
				if (!used[i])
					continue;
				g0 = short_loca ? 2u * be16(loca + 2 * i) :
				    be32(loca + 4 * i);
				g1 = short_loca ? 2u * be16(loca + 2 * i + 2) :
				    be32(loca + 4 * i + 4);
				if (g1 < g0 || g1 > lglyf)
					goto fail;
				obuf_put(o, glyf + g0, g1 - g0);
			}
		} else if (strcmp(subset_tags[k], "loca") == 0) {
			/* each glyph's offset in the new glyf: the size of
			 * the glyphs before it that are kept */
			at = 0;
			for (i = 0; i <= n; i++) {
				if (short_loca)
					put16(o, (unsigned)(at / 2));
				else
					put32(o, (uint32_t)at);
				if (i < n && used[i])
					at += short_loca ?
					    2u * (be16(loca + 2 * i + 2) -
					    be16(loca + 2 * i)) :
					    be32(loca + 4 * i + 4) -
					    be32(loca + 4 * i);
			}
		} else if (strcmp(subset_tags[k], "hmtx") == 0) {
			/* the metrics of the kept glyphs; zeros for the
			 * others (PDF readers take advances from /Widths):
			 * 1.5 KB less of each compressed subset */
			if (subset_hmtx(o, f, ntab, used, n) < 0)
				goto fail;
		} else if (strcmp(subset_tags[k], "name") == 0) {
			/* the records with the tag before names 1 and 4,
			 * then their strings, one copy per record */
			cnt = be16(name + 2);
			sofs = be16(name + 4);
			if (!fits(lname, 6, (size_t)cnt * 12))
				goto fail;
			obuf_put(o, name, 6);
			strings.n = 0;
			for (i = 0; i < cnt; i++) {
				rec = name + 6 + (size_t)i * 12;
				pid = be16(rec);
				nid = be16(rec + 6);
				nlen = be16(rec + 8);
				if (!fits(lname, (size_t)sofs + be16(rec + 10),
				    nlen))
					goto fail;
				strs = name + sofs + be16(rec + 10);
				at = strings.n;
				if (nid == 1 || nid == 4) {
					if (pid == 0 || pid == 3) {
						obuf_put(&strings, tag2, 14);
						nlen += 14;
					} else {
						obuf_put(&strings, tag, 7);
						nlen += 7;
					}
				}
				obuf_put(o, rec, 8);
				put16(o, nlen & 0xFFFF);
				put16(o, (unsigned)(at & 0xFFFF));
				obuf_put(&strings, strs, be16(rec + 8));
			}
			if (strings.err)
				goto fail;
			obuf_put(o, strings.b, strings.n);
		} else if ((t = ttf_table(f, (int)ntab, subset_tags[k],
		    &len)) != NULL)
			obuf_put(o, t, len);
		tlen[k] = o->n - start[k];
	}
	if (o->err)
		goto fail;

	/* the directory, then checkSumAdjustment */
	for (k = 0; k < 13; k++) {
		unsigned char	*e = o->b + 12 + 16 * k;
		uint32_t	 v[3];

		v[0] = word_sum(o->b + start[k], tlen[k], 1);
		v[1] = (uint32_t)start[k];
		v[2] = (uint32_t)tlen[k];
		memcpy(e, subset_tags[k], 4);
		for (i = 0; i < 3; i++) {
			e[4 + 4 * i] = (unsigned char)(v[i] >> 24);
			e[5 + 4 * i] = (unsigned char)(v[i] >> 16);
			e[6 + 4 * i] = (unsigned char)(v[i] >> 8);
			e[7 + 4 * i] = (unsigned char)v[i];
		}
	}
	sum = 0xB1B0AFBAu - word_sum(o->b + SUBSET_BASE, o->n - SUBSET_BASE, 0);
	o->b[adj] = (unsigned char)(sum >> 24);
	o->b[adj + 1] = (unsigned char)(sum >> 16);
	o->b[adj + 2] = (unsigned char)(sum >> 8);
	o->b[adj + 3] = (unsigned char)sum;
	*length1 = o->n;
	free(strings.b);
	return 0;
fail:
	free(strings.b);
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
		if (face_subset(&p->face[f], used, n, tag, &p->subset,
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
	if (face_subset(&p->face[f], used, n, tag, &p->subset, length1) == -1 ||
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
