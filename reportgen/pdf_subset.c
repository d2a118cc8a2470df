/*
 * pdf_subset.c: the font program a document embeds, cut from a face to
 * the glyphs the document drew (face_subset), and kept per renderer by
 * glyph set so a batch worker cuts and deflates each distinct set once
 * (font_program).  pdf_font.c loads and parses the faces; pdf_haru.c
 * hands the result to libharu's font dict when it is written.  The face's
 * bytes were checked by face_parse(), but every read here is still
 * bounds-checked: the files come from --data-dir.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"

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

/* The bytes of one component record of a composite glyph with these
 * flags (TrueType glyf): flags and glyph id, its arguments (words or
 * bytes), then a scale, an x and y scale, or a 2x2 matrix, if any. */
static size_t
component_size(unsigned flags)
{
	size_t	 n = 4 + (flags & 0x0001 ? 4 : 2);

	if (flags & 0x0008)
		n += 2;
	else if (flags & 0x0040)
		n += 4;
	else if (flags & 0x0080)
		n += 8;
	return n;
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
		at += component_size(flags);
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
				at += component_size(flags);
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

