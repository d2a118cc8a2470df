/*
 * pdf_deflate.c: the deflate hook.  Page content and the embedded font
 * subsets are compressed here rather than by libharu, which sets up zlib
 * afresh for every stream (a quarter MB allocated and a hash table
 * cleared each time) at a level we cannot choose: page content at
 * CONTENT_ZLEVEL (5: 0.39 M instructions a report fewer than 6 for
 * 0.17 KB; 4 saves 0.7 M more but adds 0.7 KB); the embedded font
 * subsets at FONT_ZLEVEL (1: binary glyph data gains almost nothing
 * from lazy matching, 0.4 KB for 4 M instructions), and the ToUnicode
 * CMaps with them (smaller than at 6, and cheaper); the object and xref
 * streams of pdf_objstm.c at OBJSTM_ZLEVEL (3: the structure tree's
 * repetitive dict text 5% smaller than at 1, 7 KB over the 16 samples,
 * for 0.5 M instructions a report; 4 saves 10 KB more for 0.7 M more).
 * docs/performance.md has the figures.
 *
 * Three zlib states and one output buffer live as long as the struct pdf
 * and are reset per stream.  The streams are reached and swapped through
 * pdf_haru.c; this file is the only one that includes <zlib.h>.
 */
#include <stdint.h>
#include <stdlib.h>

#include <zlib.h>

#include "pdf_private.h"

#ifndef CONTENT_ZLEVEL
#define CONTENT_ZLEVEL	5	/* deflate level of page content */
#endif
#ifndef FONT_ZLEVEL
#define FONT_ZLEVEL	1	/* of the embedded font subsets */
#endif
#ifndef OBJSTM_ZLEVEL
#define OBJSTM_ZLEVEL	3	/* of the object and xref streams */
#endif

struct deflater {
	z_stream	 z, zf, zm;	/* content, fonts, deflate_mem */
	unsigned char	*buf;
	size_t		 cap;
};

struct deflater *
deflater_new(void)
{
	struct deflater	*zd;

	if ((zd = calloc(1, sizeof(*zd))) == NULL)
		return NULL;
	if (deflateInit(&zd->z, CONTENT_ZLEVEL) != Z_OK) {
		free(zd);
		return NULL;
	}
	if (deflateInit(&zd->zf, FONT_ZLEVEL) != Z_OK) {
		deflateEnd(&zd->z);
		free(zd);
		return NULL;
	}
	if (deflateInit(&zd->zm, OBJSTM_ZLEVEL) != Z_OK) {
		deflateEnd(&zd->zf);
		deflateEnd(&zd->z);
		free(zd);
		return NULL;
	}
	return zd;
}

void
deflater_free(struct deflater *zd)
{
	if (zd == NULL)
		return;
	deflateEnd(&zd->z);
	deflateEnd(&zd->zf);
	deflateEnd(&zd->zm);
	free(zd->buf);
	free(zd);
}

/* Deflates a stream dict's data with z (reset, kept for the life of the
 * deflater) and hands libharu the result as a stream without a filter of
 * its own.  A stream libharu would not deflate in memory is left to it. */
static int
deflate_dict(struct deflater *zd, z_stream *z, HPDF_Dict d)
{
	const unsigned char	*chunk;
	unsigned char		*nb;
	size_t			 need, clen;
	unsigned		 n, i;

	if (!haru_stream_ours(d))
		return 0;	/* libharu's as before */
	need = deflateBound(z, haru_stream_size(d)) + 64;
	if (need > zd->cap) {
		if ((nb = realloc(zd->buf, need)) == NULL)
			return -1;
		zd->buf = nb;
		zd->cap = need;
	}
	if (deflateReset(z) != Z_OK)
		return -1;
	z->next_out = zd->buf;
	z->avail_out = (uInt)zd->cap;
	n = haru_stream_nchunks(d);
	for (i = 0; i < n; i++) {
		if ((chunk = haru_stream_chunk(d, i, &clen)) == NULL)
			return -1;
		z->next_in = (unsigned char *)chunk;
		z->avail_in = (uInt)clen;
		if (deflate(z, Z_NO_FLUSH) != Z_OK || z->avail_in != 0)
			return -1;
	}
	z->next_in = NULL;
	z->avail_in = 0;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		return -1;
	return haru_stream_replace(d, zd->buf, z->total_out);
}

int
deflate_pages(struct pdf *p)
{
	int	 i;

	for (i = 0; i < p->npages; i++)
		if (deflate_dict(p->zd, &p->zd->z,
		    haru_page_contents(p->pages[i])) == -1)
			return -1;
	return 0;
}

int
deflate_stream(struct pdf *p, HPDF_Dict d)
{
	return deflate_dict(p->zd, &p->zd->zf, d);
}

int
deflate_mem(struct pdf *p, const void *in, size_t n,
    const unsigned char **out, size_t *outn)
{
	struct deflater	*zd = p->zd;
	z_stream	*z = &zd->zm;	/* OBJSTM_ZLEVEL: see the top */
	unsigned char	*nb;
	size_t		 need;

	need = deflateBound(z, n) + 64;
	if (need > zd->cap) {
		if ((nb = realloc(zd->buf, need)) == NULL)
			return -1;
		zd->buf = nb;
		zd->cap = need;
	}
	if (deflateReset(z) != Z_OK)
		return -1;
	z->next_in = (unsigned char *)(uintptr_t)in;
	z->avail_in = (uInt)n;
	z->next_out = zd->buf;
	z->avail_out = (uInt)zd->cap;
	if (deflate(z, Z_FINISH) != Z_STREAM_END)
		return -1;
	*out = zd->buf;
	*outn = z->total_out;
	return 0;
}

int
deflate_font_file(struct pdf *p, HPDF_Dict data)
{
	return deflate_dict(p->zd, &p->zd->zf, data);
}
