/*
 * pdf_deflate.c: every stream reportgen deflates, compressed here with
 * libdeflate rather than by libharu (which sets up zlib afresh for every
 * stream, a quarter MB allocated and a hash table cleared each time, at
 * a level we cannot choose).  libdeflate compresses a whole buffer in one
 * call, which is what every stream of ours is, and at the same ratio
 * costs a third to a half of zlib's instructions (docs/performance.md,
 * "Speed (issue 17)", has the levels measured):
 *
 *   - page content at CONTENT_LEVEL (1: libdeflate's fast matchfinder;
 *     over 20 reports, against 6, 2.69 M instructions less a report
 *     (18.84 -> 16.15 M, -14%) for 1.48 kB more (43.4 -> 44.9 kB,
 *     +3.4%); levels 2 to 5 save only 0.30-1.04 M for 0.13-1.25 kB);
 *   - the embedded font subsets and the ToUnicode CMaps at FONT_LEVEL
 *     (1: glyph data hardly compresses; 2 saves 0.37 KB for 0.6 M);
 *   - the object and xref streams of pdf_objstm.c at OBJSTM_LEVEL (1:
 *     libdeflate's fast path, 1.1 M for ~40 KB of dict text where 5
 *     takes 2.65 M and is 1.2 KB smaller; the tagged report's extra
 *     instructions are the target furthest from reach, its size has
 *     room, issue 16).
 *
 * The output is the zlib format (RFC 1950), which /FlateDecode reads, and
 * deterministic: the same bytes in give the same bytes out.
 *
 * The compressors (one per level in use) and the buffers live as long as
 * the struct pdf.  The streams are reached and swapped through
 * pdf_haru.c; this file is the only one that includes <libdeflate.h>.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "pdf_private.h"

#ifndef CONTENT_LEVEL
#define CONTENT_LEVEL	1	/* libdeflate level of page content */
#endif
#ifndef FONT_LEVEL
#define FONT_LEVEL	1	/* of the font subsets and ToUnicode maps */
#endif
#ifndef OBJSTM_LEVEL
#define OBJSTM_LEVEL	1	/* of the object and xref streams */
#endif

enum { ZC_CONTENT, ZC_FONT, ZC_OBJSTM, ZC_N };

struct deflater {
	struct libdeflate_compressor *c[ZC_N];
	unsigned char	*in, *out;	/* gathered chunks; the result */
	size_t		 incap, outcap;
};

struct deflater *
deflater_new(void)
{
	static const int	 level[ZC_N] = {
		CONTENT_LEVEL, FONT_LEVEL, OBJSTM_LEVEL
	};
	struct deflater		*zd;
	int			 i;

	if ((zd = calloc(1, sizeof(*zd))) == NULL)
		return NULL;
	/* one compressor per level: streams of the same level share it
	 * (a compressor is 60 KB to some hundreds, faulted in page by page) */
	for (i = 0; i < ZC_N; i++) {
		int	 j;

		for (j = 0; j < i && level[j] != level[i]; j++)
			;
		zd->c[i] = j < i ? zd->c[j] :
		    libdeflate_alloc_compressor(level[i]);
		if (zd->c[i] == NULL) {
			deflater_free(zd);
			return NULL;
		}
	}
	return zd;
}

void
deflater_free(struct deflater *zd)
{
	int	 i;

	if (zd == NULL)
		return;
	for (i = 0; i < ZC_N; i++) {
		int	 j;

		for (j = 0; j < i && zd->c[j] != zd->c[i]; j++)
			;
		if (zd->c[i] != NULL && j == i)	/* not shared with one freed */
			libdeflate_free_compressor(zd->c[i]);
	}
	free(zd->in);
	free(zd->out);
	free(zd);
}

/* *b has room for at least n bytes (cap in *cap).  0 or -1. */
static int
room(unsigned char **b, size_t *cap, size_t n)
{
	unsigned char	*nb;

	if (n <= *cap)
		return 0;
	if ((nb = realloc(*b, n)) == NULL)
		return -1;
	*b = nb;
	*cap = n;
	return 0;
}

/* Compresses n bytes at in with compressor ci into zd->out: its length,
 * or 0 when memory failed. */
static size_t
compress(struct deflater *zd, int ci, const void *in, size_t n)
{
	struct libdeflate_compressor	*c = zd->c[ci];

	if (room(&zd->out, &zd->outcap,
	    libdeflate_zlib_compress_bound(c, n)) == -1)
		return 0;
	return libdeflate_zlib_compress(c, in, n, zd->out, zd->outcap);
}

/* Deflates a stream dict's data with compressor ci and hands libharu the
 * result as a stream without a filter of its own.  A stream libharu
 * would not deflate in memory is left to it.  A stream of one chunk is
 * compressed where it is; more are gathered first (libdeflate takes one
 * buffer). */
static int
deflate_dict(struct deflater *zd, int ci, HPDF_Dict d)
{
	const unsigned char	*chunk, *in;
	size_t			 size, clen, at = 0, zn;
	unsigned		 n, i;

	if (!haru_stream_ours(d))
		return 0;	/* libharu's as before */
	size = haru_stream_size(d);
	n = haru_stream_nchunks(d);
	if (n == 1) {
		if ((in = haru_stream_chunk(d, 0, &clen)) == NULL ||
		    clen != size)
			return -1;
	} else {
		if (room(&zd->in, &zd->incap, size) == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if ((chunk = haru_stream_chunk(d, i, &clen)) == NULL ||
			    clen > size - at)
				return -1;
			memcpy(zd->in + at, chunk, clen);
			at += clen;
		}
		if (at != size)
			return -1;
		in = zd->in;
	}
	if ((zn = compress(zd, ci, in, size)) == 0)
		return -1;
	return haru_stream_replace(d, zd->out, zn);
}

int
deflate_pages(struct pdf *p)
{
	int	 i;

	for (i = 0; i < p->npages; i++)
		if (deflate_dict(p->zd, ZC_CONTENT,
		    haru_page_contents(p->pages[i])) == -1)
			return -1;
	return 0;
}

int
deflate_stream(struct pdf *p, HPDF_Dict d)
{
	return deflate_dict(p->zd, ZC_FONT, d);
}

int
deflate_mem(struct pdf *p, const void *in, size_t n,
    const unsigned char **out, size_t *outn)
{
	size_t	 zn;

	if ((zn = compress(p->zd, ZC_OBJSTM, in, n)) == 0)
		return -1;
	*out = p->zd->out;
	*outn = zn;
	return 0;
}

int
deflate_font_mem(struct pdf *p, const void *in, size_t n,
    const unsigned char **out, size_t *outn)
{
	size_t	 zn;

	if ((zn = compress(p->zd, ZC_FONT, in, n)) == 0)
		return -1;
	*out = p->zd->out;
	*outn = zn;
	return 0;
}
