/*
 * test_image.c: image_load(): PNGs of every colour type come out as 8-bit
 * RGB with transparency flattened onto white (the example logo is 16-bit
 * RGBA), interlaced PNGs are undone, JPEG frame headers are checked and
 * the bytes kept, the kind comes from the bytes and not the name, and
 * every refusal is a message naming the file.
 *
 * The small PNGs are written here with zlib (filter 0 rows, one IDAT), so
 * each test shows the exact pixels it feeds in.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "testutil.h"

#include "image.h"

struct fx {
	char		 dir[256];
	char		 path[320];
	struct diag	 d;
	struct image	 im;
};

static int
setup(void **state)
{
	struct fx	*fx;

	fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof(fx->dir), "rgimg");
	diag_init(&fx->d, NULL);
	fx->d.keep = 1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	image_free(&fx->im);
	tu_rmtree(fx->dir);
	diag_free(&fx->d);
	free(fx);
	return 0;
}

/* ------------------------------------------------------- PNG writing */

struct buf {
	unsigned char	*p;
	size_t		 n;
};

static void
put(struct buf *b, const void *s, size_t n)
{
	b->p = realloc(b->p, b->n + n);
	assert_non_null(b->p);
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char	 x[4] = { v >> 24, v >> 16 & 0xff, v >> 8 & 0xff,
	    v & 0xff };

	put(b, x, 4);
}

static void
chunk(struct buf *b, const char *type, const unsigned char *data, size_t n)
{
	uLong	 crc;

	put32(b, (uint32_t)n);
	put(b, type, 4);
	if (n > 0)
		put(b, data, n);
	crc = crc32(0, (const Bytef *)type, 4);
	if (n > 0)
		crc = crc32(crc, data, (uInt)n);
	put32(b, (uint32_t)crc);
}

/* A PNG of w x h; raw is the filtered scanline data (filter bytes
 * included); plte/trns optional. */
static struct buf
png(uint32_t w, uint32_t h, int depth, int ctype, int interlace,
    const unsigned char *raw, size_t rawlen, const unsigned char *plte,
    size_t nplte, const unsigned char *trns, size_t ntrns)
{
	static const unsigned char magic[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	struct buf	 b = { NULL, 0 };
	unsigned char	 ihdr[13], *z;
	uLongf		 zn = compressBound(rawlen);

	put(&b, magic, 8);
	ihdr[0] = w >> 24; ihdr[1] = w >> 16; ihdr[2] = w >> 8; ihdr[3] = w;
	ihdr[4] = h >> 24; ihdr[5] = h >> 16; ihdr[6] = h >> 8; ihdr[7] = h;
	ihdr[8] = depth;
	ihdr[9] = ctype;
	ihdr[10] = ihdr[11] = 0;
	ihdr[12] = interlace;
	chunk(&b, "IHDR", ihdr, 13);
	if (plte != NULL)
		chunk(&b, "PLTE", plte, nplte);
	if (trns != NULL)
		chunk(&b, "tRNS", trns, ntrns);
	z = malloc(zn);
	assert_non_null(z);
	assert_int_equal(compress(z, &zn, raw, rawlen), Z_OK);
	chunk(&b, "IDAT", z, zn);
	free(z);
	chunk(&b, "IEND", NULL, 0);
	return b;
}

static const char *
write_file(struct fx *fx, const char *name, const void *p, size_t n)
{
	FILE	*f;

	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, name);
	assert_non_null(f = fopen(fx->path, "wb"));
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return fx->path;
}

static void
assert_px(const struct image *im, unsigned x, unsigned y, int r, int g,
    int b)
{
	const unsigned char	*p = im->data + ((size_t)y * im->width + x) * 3;

	if (p[0] != r || p[1] != g || p[2] != b)
		fail_msg("pixel (%u,%u) is %d,%d,%d; expected %d,%d,%d", x, y,
		    p[0], p[1], p[2], r, g, b);
}

/* -------------------------------------------------------------- tests */

/* The example logo: 16-bit RGBA, transparent corners, opaque centre. */
static void
example_logo_is_flattened_to_8bit_rgb_on_white(void **state)
{
	struct fx	*fx = *state;

	assert_int_equal(image_load("data/logo-example.png", &fx->im,
	    &fx->d), 0);
	assert_int_equal(fx->im.kind, IMAGE_RGB);
	assert_int_equal(fx->im.width, 96);
	assert_int_equal(fx->im.height, 96);
	assert_int_equal(fx->im.len, 96 * 96 * 3);
	assert_true(fx->im.had_alpha);
	assert_true(fx->im.was_16bit);
	assert_px(&fx->im, 0, 0, 255, 255, 255);	/* transparent */
	assert_px(&fx->im, 48, 48, 0x0F, 0x17, 0x2A);	/* the dot */
	assert_px(&fx->im, 48, 48 - 37, 0x1F, 0x6F, 0xB2);	/* the ring */
	assert_int_equal(fx->d.worst, SEV_OK);
}

static void
rgba8_half_transparent_blends_with_white(void **state)
{
	struct fx	*fx = *state;
	/* 2x1: opaque red, then black at alpha 0. */
	unsigned char	 raw[] = { 0, 255, 0, 0, 255, 0, 0, 0, 0 };
	struct buf	 b = png(2, 1, 8, 6, 0, raw, sizeof(raw), NULL, 0,
	    NULL, 0);

	assert_int_equal(image_load_mem("t.png", b.p, b.n, &fx->im, &fx->d),
	    0);
	assert_true(fx->im.had_alpha);
	assert_false(fx->im.was_16bit);
	assert_px(&fx->im, 0, 0, 255, 0, 0);
	assert_px(&fx->im, 1, 0, 255, 255, 255);
	free(b.p);
}

static void
gray_is_expanded_to_rgb(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 raw[] = { 0, 0x00, 0x80, 0xff };
	struct buf	 b = png(3, 1, 8, 0, 0, raw, sizeof(raw), NULL, 0,
	    NULL, 0);

	assert_int_equal(image_load_mem("g.png", b.p, b.n, &fx->im, &fx->d),
	    0);
	assert_int_equal(fx->im.width, 3);
	assert_false(fx->im.had_alpha);
	assert_px(&fx->im, 0, 0, 0, 0, 0);
	assert_px(&fx->im, 1, 0, 0x80, 0x80, 0x80);
	assert_px(&fx->im, 2, 0, 255, 255, 255);
	free(b.p);
}

static void
palette_with_trns_flattens_the_transparent_index(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 plte[] = { 0, 0, 255, 0, 128, 0 };	/* blue, green */
	unsigned char	 trns[] = { 0 };	/* index 0 fully transparent */
	unsigned char	 raw[] = { 0, 0, 1 };	/* 2x1, 8-bit indices */
	struct buf	 b = png(2, 1, 8, 3, 0, raw, sizeof(raw), plte,
	    sizeof(plte), trns, sizeof(trns));

	assert_int_equal(image_load_mem("p.png", b.p, b.n, &fx->im, &fx->d),
	    0);
	assert_true(fx->im.had_alpha);
	assert_px(&fx->im, 0, 0, 255, 255, 255);
	assert_px(&fx->im, 1, 0, 0, 128, 0);
	free(b.p);
}

/* Adam7: the pixel at (x, y) has the value x + 10 * y (gray). */
static void
interlaced_png_is_deinterlaced(void **state)
{
	static const int xs[] = { 0, 4, 0, 2, 0, 1, 0 };
	static const int ys[] = { 0, 0, 4, 0, 2, 0, 1 };
	static const int dx[] = { 8, 8, 4, 4, 2, 2, 1 };
	static const int dy[] = { 8, 8, 8, 4, 4, 2, 2 };
	struct fx	*fx = *state;
	unsigned char	 raw[256];
	size_t		 n = 0;
	int		 pass, x, y, w = 5, h = 5;
	struct buf	 b;

	for (pass = 0; pass < 7; pass++) {
		if (xs[pass] >= w || ys[pass] >= h)
			continue;	/* an empty pass has no rows */
		for (y = ys[pass]; y < h; y += dy[pass]) {
			raw[n++] = 0;
			for (x = xs[pass]; x < w; x += dx[pass])
				raw[n++] = (unsigned char)(x + 10 * y);
		}
	}
	b = png(w, h, 8, 0, 1, raw, n, NULL, 0, NULL, 0);
	assert_int_equal(image_load_mem("i.png", b.p, b.n, &fx->im, &fx->d),
	    0);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			assert_px(&fx->im, x, y, x + 10 * y, x + 10 * y,
			    x + 10 * y);
	free(b.p);
}

static void
kind_comes_from_the_bytes_not_the_name(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 raw[] = { 0, 7, 8, 9 };
	struct buf	 b = png(1, 1, 8, 2, 0, raw, sizeof(raw), NULL, 0,
	    NULL, 0);

	assert_int_equal(image_load(write_file(fx, "logo.jpg", b.p, b.n),
	    &fx->im, &fx->d), 0);
	assert_int_equal(fx->im.kind, IMAGE_RGB);
	assert_px(&fx->im, 0, 0, 7, 8, 9);
	free(b.p);
}

static void
oversized_png_is_refused_before_decoding(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 raw[] = { 0, 0 };
	struct buf	 b = png(IMAGE_MAX_SIDE + 1, 1, 8, 0, 0, raw,
	    sizeof(raw), NULL, 0, NULL, 0);

	assert_int_equal(image_load_mem("big.png", b.p, b.n, &fx->im,
	    &fx->d), -1);
	assert_non_null(strstr(fx->d.buf, "big.png: error: PNG image is "
	    "4097x1 pixels; the limit is 4096x4096"));
	assert_null(fx->im.data);
	free(b.p);
}

static void
truncated_png_is_an_error_naming_the_file(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 raw[] = { 0, 1, 2, 3, 0, 4, 5, 6 };
	struct buf	 b = png(3, 2, 8, 2, 0, raw, sizeof(raw), NULL, 0,
	    NULL, 0);

	/* Cut inside the IDAT. */
	assert_int_equal(image_load_mem("cut.png", b.p, b.n - 20, &fx->im,
	    &fx->d), -1);
	assert_non_null(strstr(fx->d.buf, "cut.png: error: "));
	assert_int_equal(fx->d.worst, SEV_ERROR);
	free(b.p);
}

static void
not_an_image_is_refused(void **state)
{
	struct fx	*fx = *state;
	const char	 text[] = "GIF89a is neither";

	assert_int_equal(image_load(write_file(fx, "logo.png", text,
	    sizeof(text) - 1), &fx->im, &fx->d), -1);
	assert_non_null(strstr(fx->d.buf, "logo.png: error: not a PNG or "
	    "JPEG image"));
}

static void
missing_file_and_directory_are_refused(void **state)
{
	struct fx	*fx = *state;

	assert_int_equal(image_load("data/no-such-logo.png", &fx->im,
	    &fx->d), -1);
	assert_non_null(strstr(fx->d.buf, "data/no-such-logo.png: error: "
	    "cannot read the image: No such file or directory"));
	assert_int_equal(image_load("data", &fx->im, &fx->d), -1);
	assert_non_null(strstr(fx->d.buf, "data: error: cannot read the "
	    "image: Is a directory"));
}

/* ---------------------------------------------------------------- JPEG */

/* SOI, an APP0 segment, then a frame header (marker sof) for w x h with
 * nc components of prec bits, then an EOI. */
static size_t
jpeg(unsigned char *p, int sof, int prec, int w, int h, int nc)
{
	size_t	 n = 0;
	int	 i, len = 8 + 3 * nc;

	p[n++] = 0xff; p[n++] = 0xd8;
	p[n++] = 0xff; p[n++] = 0xe0; p[n++] = 0; p[n++] = 7;
	memcpy(p + n, "JFIF\0", 5); n += 5;
	p[n++] = 0xff; p[n++] = sof; p[n++] = len >> 8; p[n++] = len & 0xff;
	p[n++] = prec;
	p[n++] = h >> 8; p[n++] = h & 0xff;
	p[n++] = w >> 8; p[n++] = w & 0xff;
	p[n++] = nc;
	for (i = 0; i < nc; i++) {
		p[n++] = i + 1; p[n++] = 0x11; p[n++] = 0;
	}
	p[n++] = 0xff; p[n++] = 0xd9;
	return n;
}

static void
jpeg_baseline_and_progressive_are_kept_as_bytes(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 p[64];
	size_t		 n;

	n = jpeg(p, 0xc0, 8, 640, 200, 3);
	assert_int_equal(image_load(write_file(fx, "logo.png", p, n),
	    &fx->im, &fx->d), 0);
	assert_int_equal(fx->im.kind, IMAGE_JPEG);
	assert_int_equal(fx->im.width, 640);
	assert_int_equal(fx->im.height, 200);
	assert_int_equal(fx->im.components, 3);
	assert_int_equal(fx->im.len, n);
	assert_memory_equal(fx->im.data, p, n);
	image_free(&fx->im);

	n = jpeg(p, 0xc2, 8, 16, 16, 1);
	assert_int_equal(image_load_mem("g.jpg", p, n, &fx->im, &fx->d), 0);
	assert_int_equal(fx->im.components, 1);
	assert_int_equal(fx->d.worst, SEV_OK);
}

static void
jpeg_cmyk_12bit_lossless_and_garbage_are_refused(void **state)
{
	struct fx	*fx = *state;
	unsigned char	 p[64];
	size_t		 n;

	n = jpeg(p, 0xc0, 8, 16, 16, 4);
	assert_int_equal(image_load_mem("cmyk.jpg", p, n, &fx->im, &fx->d),
	    -1);
	assert_non_null(strstr(fx->d.buf, "cmyk.jpg: error: JPEG image has "
	    "4 colour components"));
	n = jpeg(p, 0xc1, 12, 16, 16, 3);
	assert_int_equal(image_load_mem("deep.jpg", p, n, &fx->im, &fx->d),
	    -1);
	assert_non_null(strstr(fx->d.buf, "deep.jpg: error: JPEG image has "
	    "12 bits per sample"));
	n = jpeg(p, 0xc3, 8, 16, 16, 3);
	assert_int_equal(image_load_mem("ll.jpg", p, n, &fx->im, &fx->d), -1);
	assert_non_null(strstr(fx->d.buf, "ll.jpg: error: JPEG image uses an "
	    "unsupported coding (SOF3)"));
	n = jpeg(p, 0xc0, 8, 16, 16, 3);
	p[11] = 0x00;		/* the frame header's 0xFF */
	assert_int_equal(image_load_mem("bad.jpg", p, n, &fx->im, &fx->d),
	    -1);
	assert_non_null(strstr(fx->d.buf, "bad.jpg: error: JPEG image is "
	    "malformed at byte 11"));
	/* A segment length running past the end. */
	n = jpeg(p, 0xc0, 8, 16, 16, 3);
	assert_int_equal(image_load_mem("short.jpg", p, 13, &fx->im, &fx->d),
	    -1);
	assert_non_null(strstr(fx->d.buf, "short.jpg: error: JPEG "));
	assert_null(fx->im.data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(example_logo_is_flattened_to_8bit_rgb_on_white),
		T(rgba8_half_transparent_blends_with_white),
		T(gray_is_expanded_to_rgb),
		T(palette_with_trns_flattens_the_transparent_index),
		T(interlaced_png_is_deinterlaced),
		T(kind_comes_from_the_bytes_not_the_name),
		T(oversized_png_is_refused_before_decoding),
		T(truncated_png_is_an_error_naming_the_file),
		T(not_an_image_is_refused),
		T(missing_file_and_directory_are_refused),
		T(jpeg_baseline_and_progressive_are_kept_as_bytes),
		T(jpeg_cmyk_12bit_lossless_and_garbage_are_refused),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
