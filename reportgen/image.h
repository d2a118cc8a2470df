/*
 * image.h: a logo file made ready for the PDF layer.  libpng is included
 * by image.c only.
 *
 * The kind is found from the magic bytes, never from the file name.
 *
 *  - PNG is decoded here, because libharu 2.3.0 mishandles PNGs with an
 *    alpha channel and 16-bit ones: the result is always 8-bit RGB, the
 *    alpha (or tRNS) composited onto white, palette and gray expanded,
 *    16-bit reduced, interlacing undone.  pdf_draw.c embeds it with
 *    HPDF_LoadRawImageFromMem(doc, data, width, height, HPDF_CS_DEVICE_RGB,
 *    8).
 *  - JPEG is kept as it is (libharu embeds it as DCT with
 *    HPDF_LoadJpegImageFromMem); its frame header is checked here so that
 *    what libharu would refuse, or a viewer could not show, is refused
 *    with a message first.
 *
 * Size caps bound the memory a hostile or careless file can claim.
 */
#ifndef REPORTGEN_IMAGE_H
#define REPORTGEN_IMAGE_H

#include <stddef.h>

#include "diag.h"

#define IMAGE_MAX_BYTES	(8 * 1024 * 1024)	/* the file */
#define IMAGE_MAX_SIDE	4096			/* pixels, each way */

enum image_kind {
	IMAGE_RGB,	/* data: width * height * 3 bytes, rows top-down */
	IMAGE_JPEG	/* data: the JPEG file, unchanged */
};

struct image {
	enum image_kind	 kind;
	unsigned int	 width, height;
	int		 components;	/* JPEG: 1 (gray) or 3; RGB: 3 */
	int		 had_alpha;	/* PNG: alpha or tRNS was flattened */
	int		 was_16bit;	/* PNG: 16 bits per sample reduced */
	unsigned char	*data;		/* malloc'd; image_free() */
	size_t		 len;
};

/* Read and prepare path.  0, or -1 with a message naming path in d (the
 * image is then empty and image_free() is harmless). */
int	image_load(const char *path, struct image *, struct diag *d);

/* The same from memory; path is used in messages only. */
int	image_load_mem(const char *path, const unsigned char *buf,
	    size_t len, struct image *, struct diag *d);

void	image_free(struct image *);

#endif
