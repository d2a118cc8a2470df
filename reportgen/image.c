/*
 * image.c: logo files (PNG, JPEG) made ready for the PDF layer; see
 * image.h.  The one place that includes <png.h>.
 *
 * PNG goes through libpng's simplified API (png_image_*), which does the
 * expansions (palette, gray, tRNS, bit depths), undoes interlacing and
 * composites alpha onto the background we give (in linear light, as it
 * should be), all in one call, and reports errors in image.message
 * rather than by longjmp into our frames.
 * The dimensions are checked against IMAGE_MAX_SIDE after the header is
 * read and before any pixel memory is allocated.
 *
 * JPEG is not decoded (libharu embeds it as it is).  Its markers are
 * walked the way libharu walks them, so a file accepted here is one
 * libharu can place: segments from SOI up to the first frame header, each
 * 0xFF, a marker and a length.  Only baseline, extended and progressive
 * Huffman frames (SOF0..SOF2), 8-bit, with 1 or 3 components are
 * accepted; CMYK is refused because libharu assumes Adobe's inverted
 * CMYK, which other encoders do not write.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>

#include "image.h"
#include "readfile.h"

static const unsigned char png_magic[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

void
image_free(struct image *im)
{
	if (im == NULL)
		return;
	free(im->data);
	memset(im, 0, sizeof(*im));
}

/* ----------------------------------------------------------------- PNG */

static int
load_png(const char *path, const unsigned char *buf, size_t len,
    struct image *im, struct diag *d)
{
	png_image	 pi;
	png_color	 white = { 255, 255, 255 };
	unsigned char	*px;
	size_t		 size;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&pi, buf, len)) {
		diag(d, SEV_ERROR, path, 0, "not a readable PNG image: %s",
		    pi.message);
		png_image_free(&pi);
		return -1;
	}
	if (pi.width == 0 || pi.height == 0 || pi.width > IMAGE_MAX_SIDE ||
	    pi.height > IMAGE_MAX_SIDE) {
		diag(d, SEV_ERROR, path, 0, "PNG image is %ux%u pixels; the "
		    "limit is %dx%d", (unsigned int)pi.width,
		    (unsigned int)pi.height, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
		png_image_free(&pi);
		return -1;
	}
	im->had_alpha = (pi.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	/* IHDR is the first chunk (libpng has checked): its bit depth is
	 * byte 24 of the file. */
	im->was_16bit = len > 24 && buf[24] == 16;
	/* 8-bit sRGB out; alpha (from the file or tRNS) composited onto
	 * white.  The buffer starts white as well, so nothing depends on
	 * which of the two libpng uses. */
	pi.format = PNG_FORMAT_RGB;
	/* Without this, libpng takes a 16-bit file that has no gAMA or sRGB
	 * chunk for linear light, and its colours come out washed out; every
	 * viewer shows such a file as sRGB.  (begin_read sets the flags, so
	 * this comes after it.) */
	pi.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
	size = PNG_IMAGE_SIZE(pi);
	if ((px = malloc(size)) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory for a %ux%u image",
		    (unsigned int)pi.width, (unsigned int)pi.height);
		png_image_free(&pi);
		return -1;
	}
	memset(px, 0xff, size);
	if (!png_image_finish_read(&pi, &white, px, /*row_stride*/ 0,
	    /*colormap*/ NULL)) {
		diag(d, SEV_ERROR, path, 0, "cannot decode the PNG image: %s",
		    pi.message);
		png_image_free(&pi);
		free(px);
		return -1;
	}
	im->kind = IMAGE_RGB;
	im->width = pi.width;
	im->height = pi.height;
	im->components = 3;
	im->data = px;
	im->len = size;
	png_image_free(&pi);
	return 0;
}

/* ---------------------------------------------------------------- JPEG */

static unsigned int
be16(const unsigned char *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static int
load_jpeg(const char *path, const unsigned char *buf, size_t len,
    struct image *im, struct diag *d)
{
	size_t		 o = 2, seg;
	unsigned int	 m, w, h, prec, nc;

	for (;;) {
		if (len - o < 4) {
			diag(d, SEV_ERROR, path, 0, "JPEG image ends before "
			    "its frame header");
			return -1;
		}
		if (buf[o] != 0xff) {
			diag(d, SEV_ERROR, path, 0, "JPEG image is malformed "
			    "at byte %zu (expected a marker)", o);
			return -1;
		}
		m = buf[o + 1];
		if (m == 0xd8 || m == 0xd9 || m == 0xda || m == 0x01 ||
		    m == 0xff || (m >= 0xd0 && m <= 0xd7)) {
			diag(d, SEV_ERROR, path, 0, "JPEG image has marker "
			    "0xFF%02X before its frame header", m);
			return -1;
		}
		seg = be16(buf + o + 2);
		if (seg < 2 || seg > len - o - 2) {
			diag(d, SEV_ERROR, path, 0, "JPEG segment at byte %zu "
			    "has a bad length", o);
			return -1;
		}
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc)
			break;
		o += 2 + seg;
	}
	if (m > 0xc2) {
		diag(d, SEV_ERROR, path, 0, "JPEG image uses an unsupported "
		    "coding (SOF%u); use baseline or progressive JPEG",
		    m - 0xc0);
		return -1;
	}
	if (seg < 8) {
		diag(d, SEV_ERROR, path, 0, "JPEG frame header is too short");
		return -1;
	}
	prec = buf[o + 4];
	h = be16(buf + o + 5);
	w = be16(buf + o + 7);
	nc = buf[o + 9];
	if (prec != 8) {
		diag(d, SEV_ERROR, path, 0, "JPEG image has %u bits per "
		    "sample; only 8 is supported", prec);
		return -1;
	}
	if (nc != 1 && nc != 3) {
		diag(d, SEV_ERROR, path, 0, "JPEG image has %u colour "
		    "components; only gray (1) and RGB (3) are supported%s",
		    nc, nc == 4 ? " (convert CMYK to RGB)" : "");
		return -1;
	}
	if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		diag(d, SEV_ERROR, path, 0, "JPEG image is %ux%u pixels; the "
		    "limit is %dx%d", w, h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
		return -1;
	}
	if ((im->data = malloc(len)) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		return -1;
	}
	memcpy(im->data, buf, len);
	im->len = len;
	im->kind = IMAGE_JPEG;
	im->width = w;
	im->height = h;
	im->components = (int)nc;
	return 0;
}

/* -------------------------------------------------------------- public */

int
image_load_mem(const char *path, const unsigned char *buf, size_t len,
    struct image *im, struct diag *d)
{
	memset(im, 0, sizeof(*im));
	if (len > IMAGE_MAX_BYTES) {
		diag(d, SEV_ERROR, path, 0, "image file is too large: %zu "
		    "bytes, the limit is %d", len, IMAGE_MAX_BYTES);
		return -1;
	}
	if (len >= sizeof(png_magic) &&
	    memcmp(buf, png_magic, sizeof(png_magic)) == 0)
		return load_png(path, buf, len, im, d);
	if (len >= 3 && buf[0] == 0xff && buf[1] == 0xd8 && buf[2] == 0xff)
		return load_jpeg(path, buf, len, im, d);
	diag(d, SEV_ERROR, path, 0, "not a PNG or JPEG image (the logo must "
	    "be one of these)");
	return -1;
}


int
image_load(const char *path, struct image *im, struct diag *d)
{
	static const struct readfile rf = { IMAGE_MAX_BYTES, 0, "the image",
	    NULL };
	char		*buf;
	size_t		 len;
	int		 rc;

	memset(im, 0, sizeof(*im));
	if (readfile(path, &rf, &buf, &len, d) != 0)
		return -1;
	rc = image_load_mem(path, (unsigned char *)buf, len, im, d);
	free(buf);
	return rc;
}
