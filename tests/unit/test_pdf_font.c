/*
 * test_pdf_font.c: the TrueType parser (pdf_font.c) on hostile fonts.
 * The font files come from --data-dir, which may point anywhere, so
 * face_parse() must be safe on any bytes: offsets near 4 GiB that wrap
 * in 32-bit arithmetic, truncated files, tables past the end, and a font
 * without the '?' every missing character is drawn as.
 *
 * The fonts are built here byte by byte (ttf_build), except one: the
 * shipped DejaVu Sans with its cmap offsets patched, given to pdf_new()
 * as a whole renderer would get it.  The reproducers of fuzz/fuzz_font.c
 * (tests/repro/fuzz_font-*) are replayed here, through face_parse() and
 * pdf_new(), as t_repro.sh replays the profile ones.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pdf_private.h"

/* A small font: glyphs 1..NG-1 for U+0020..U+0020+NG-2 in one cmap
 * format 4 segment, advance 500 + gid units of 1000 per em. */
#define NG		60
#define FIRST		0x20
#define T_HEAD		0
#define T_HHEA		1
#define T_MAXP		2
#define T_HMTX		3
#define T_CMAP		4
#define T_POST		5	/* not read by us, only copied by libharu */
#define NTAB		6

struct ttf {
	unsigned char	 b[4096];
	size_t		 len;
	size_t		 dir[NTAB];	/* offset of each directory entry */
	size_t		 off[NTAB];	/* offset of each table */
	size_t		 rec;		/* the cmap encoding record */
	size_t		 sub;		/* the format 4 subtable */
};

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xFFFF);
}

/* Builds the small font; last is the last code point mapped. */
static void
ttf_build(struct ttf *t, unsigned last)
{
	static const char *const tags[NTAB] = {
		"head", "hhea", "maxp", "hmtx", "cmap", "post"
	};
	static const size_t lens[NTAB] = {
		54, 36, 6, NG * 4, 12 + 16 + 4 * 4, 32
	};
	unsigned char	*s;
	size_t		 at;
	int		 i;

	memset(t, 0, sizeof(*t));
	put32(t->b, 0x00010000);
	put16(t->b + 4, NTAB);
	at = 12 + NTAB * 16;
	for (i = 0; i < NTAB; i++) {
		t->dir[i] = 12 + (size_t)i * 16;
		t->off[i] = at;
		memcpy(t->b + t->dir[i], tags[i], 4);
		put32(t->b + t->dir[i] + 8, (uint32_t)at);
		put32(t->b + t->dir[i] + 12, (uint32_t)lens[i]);
		at += (lens[i] + 3) & ~(size_t)3;
	}
	t->len = at;
	put16(t->b + t->off[T_HEAD] + 18, 1000);	/* unitsPerEm */
	put16(t->b + t->off[T_HHEA] + 34, NG);		/* numberOfHMetrics */
	put16(t->b + t->off[T_MAXP] + 4, NG);		/* numGlyphs */
	for (i = 0; i < NG; i++)
		put16(t->b + t->off[T_HMTX] + i * 4, 500 + (unsigned)i);
	/* cmap: one record (3, 1) -> a format 4 subtable of two segments,
	 * FIRST..last and the 0xFFFF terminator */
	s = t->b + t->off[T_CMAP];
	put16(s + 2, 1);
	t->rec = t->off[T_CMAP] + 4;
	put16(s + 4, 3);
	put16(s + 6, 1);
	put32(s + 8, 12);
	t->sub = t->off[T_CMAP] + 12;
	s = t->b + t->sub;
	put16(s, 4);
	put16(s + 2, 16 + 4 * 4);
	put16(s + 6, 4);			/* segCountX2 */
	put16(s + 14, last);			/* endCode */
	put16(s + 16, 0xFFFF);
	put16(s + 20, FIRST);			/* startCode */
	put16(s + 22, 0xFFFF);
	put16(s + 24, (1 - FIRST) & 0xFFFF);	/* idDelta: gid = cp - 31 */
	put16(s + 26, 1);
	/* idRangeOffset 0, 0 */
}

static void
small_font_parses_with_its_widths(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	assert_int_equal(face_parse(&fc, t.b, t.len), 0);
	assert_true(face_has(&fc, 'A'));
	assert_int_equal(fc.adv['A'], 500 + ('A' - FIRST + 1));
	assert_int_equal(fc.adv['?'], 500 + ('?' - FIRST + 1));
	assert_false(face_has(&fc, 0x1F));
	assert_false(face_has(&fc, 0x20AC));
	face_free(&fc);
}

/* The cmap encoding record's subtable offset near 4 GiB: off + 4 wraps
 * in 32 bits to less than the cmap's length, and the old check let the
 * parser read 4 GiB past the buffer (a crash).  Each value must be
 * refused, without a read outside the font. */
static void
cmap_offset_near_4gib_is_refused(void **state)
{
	static const uint32_t	 offs[] = {
		0xFFFFFFFFu, 0xFFFFFFFEu, 0xFFFFFFFDu, 0xFFFFFFFCu,
		0xFFFFFFF0u, 0x80000000u
	};
	struct ttf		 t;
	struct face		 fc = { 0 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		ttf_build(&t, FIRST + NG - 2);
		put32(t.b + t.rec + 4, offs[i]);
		assert_int_equal(face_parse(&fc, t.b, t.len), -1);
		assert_null(fc.adv);
	}
}

/* The subtable's own length reaching past the cmap table. */
static void
cmap_subtable_longer_than_cmap_is_refused(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.sub + 2, 0xFFFF);
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.sub + 6, 0xFFFE);		/* segCountX2 */
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
}

/* A table directory entry whose offset or length runs past the file,
 * also where offset + length wraps in 32 bits. */
static void
table_past_the_end_is_refused(void **state)
{
	static const uint32_t	 bad[][2] = {
		{ 0xFFFFFFF0u, 0x20 }, { 0x10, 0xFFFFFFF8u },
		{ 0xFFFFFFFFu, 1 }, { 100, 4000 }
	};
	struct ttf		 t;
	struct face		 fc = { 0 };
	size_t			 i;
	int			 k;

	(void)state;
	for (k = 0; k < NTAB; k++)
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			ttf_build(&t, FIRST + NG - 2);
			put32(t.b + t.dir[k] + 8, bad[i][0]);
			put32(t.b + t.dir[k] + 12, bad[i][1]);
			assert_int_equal(face_parse(&fc, t.b, t.len), -1);
		}
}

/* libharu 2.3.0 sizes its metrics array by numGlyphs and fills
 * numberOfHMetrics entries: more metrics than glyphs overflowed its heap
 * block.  No glyphs at all: it marks glyph 0 of an empty array. */
static void
more_metrics_than_glyphs_is_refused(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.off[T_MAXP] + 4, NG - 1);
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.off[T_MAXP] + 4, 0);
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
	/* fewer metrics than glyphs is normal (the last one repeats) */
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.off[T_HHEA] + 34, 2);
	assert_int_equal(face_parse(&fc, t.b, t.len), 0);
	assert_int_equal(fc.adv['A'], 501);
	face_free(&fc);
}

/* A table we do not read but libharu copies, stated longer than the
 * file: libharu loops on the stated length. */
static void
any_table_past_the_end_is_refused(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	assert_int_equal(face_parse(&fc, t.b, t.len), 0);
	face_free(&fc);
	put32(t.b + t.dir[T_POST] + 12, 0xFFFF0000u);
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
}

/* libharu's glyph lookup stops at the segment ending at 0xFFFF and reads
 * past its arrays without one. */
static void
cmap_without_end_segment_is_refused(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.sub + 16, 0xFFFE);
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
}

/* The subtable read is the one libharu reads: the first (3, 1) record of
 * format 4.  Another platform's alone is not enough. */
static void
only_a_3_1_format_4_cmap_is_used(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.rec, 0);			/* (0, 1): Unicode */
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.rec + 2, 10);		/* (3, 10): UCS-4 */
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
}

/* Every truncation of a good font: refused, never read past the end
 * (the ASan build of this test checks the reads). */
static void
truncated_font_is_refused(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };
	unsigned char	*copy;
	size_t		 n;

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	for (n = 0; n < t.len; n++) {
		/* exactly n bytes on the heap, so a read past is caught */
		copy = malloc(n > 0 ? n : 1);
		assert_non_null(copy);
		memcpy(copy, t.b, n);
		assert_int_equal(face_parse(&fc, copy, n), -1);
		free(copy);
	}
}

/* An idRangeOffset pointing past the subtable (and the file): not read;
 * those characters have no glyph, so here none has. */
static void
range_offset_past_subtable_is_not_read(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	put16(t.b + t.sub + 24, 0);
	put16(t.b + t.sub + 28, 0xFFFE);	/* idRangeOffset[0] */
	/* with no glyph at all, '?' is missing too: refused */
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
	assert_null(fc.adv);
}

/* '?' is what every missing character is drawn as (its width measured
 * from the font): a font without it is not usable.  Before, a font
 * mapping nothing from '?' up had a width table shorter than '?' and
 * measuring a missing character read past it. */
static void
font_without_question_mark_is_refused(void **state)
{
	struct ttf	 t;
	struct face	 fc = { 0 };

	(void)state;
	ttf_build(&t, '9');
	assert_int_equal(face_parse(&fc, t.b, t.len), -1);
	assert_null(fc.adv);
}

/* Writes n bytes as both faces of data directory dir. */
static void
write_faces(const char *dir, const unsigned char *b, size_t n)
{
	static const char *const names[] = {
		"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
	};
	char	 path[256];
	FILE	*f;
	int	 k;

	for (k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(b, 1, n, f), n);
		assert_int_equal(fclose(f), 0);
	}
}

static void
remove_faces(const char *dir)
{
	char	 path[256];

	snprintf(path, sizeof(path), "%s/DejaVuSans.ttf", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/DejaVuSans-Bold.ttf", dir);
	unlink(path);
	rmdir(dir);
}

/* Every fuzz reproducer: face_parse() refuses it or keeps its promises,
 * and pdf_new() refuses it with a message or makes a renderer; nothing
 * crashes (under ASan: nothing is read out of bounds). */
static void
fuzz_reproducers_are_harmless(void **state)
{
	char		 dir[] = "/tmp/rg-font.XXXXXX";
	glob_t		 g;
	struct face	 fc;
	struct diag	 d;
	struct pdf	*p;
	unsigned char	*b;
	FILE		*f;
	long		 n;
	size_t		 i;

	(void)state;
	assert_int_equal(glob("tests/repro/fuzz_font-*", 0, NULL, &g), 0);
	/* at least the hand-made one (cmap-offset-wrap): never vacuous */
	assert_true(g.gl_pathc >= 1);
	for (i = 0; i < g.gl_pathc; i++) {
		f = fopen(g.gl_pathv[i], "rb");
		assert_non_null(f);
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		n = ftell(f);
		rewind(f);
		b = malloc(n > 0 ? (size_t)n : 1);
		assert_non_null(b);
		assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		if (face_parse(&fc, b, (size_t)n) == 0) {
			assert_true(face_has(&fc, '?'));
			face_free(&fc);
		} else
			assert_null(fc.adv);
		assert_non_null(mkdtemp(strcpy(dir, "/tmp/rg-font.XXXXXX")));
		write_faces(dir, b, (size_t)n);
		diag_init(&d, NULL);
		d.keep = 1;
		if ((p = pdf_new(dir, &d)) == NULL)
			assert_non_null(d.buf);
		pdf_free(p);
		diag_free(&d);
		remove_faces(dir);
		free(b);
	}
	globfree(&g);
}

/* The offset of table tag in a font file (the test's own fonts only). */
static uint32_t
table_off(const unsigned char *b, long n, const char *tag)
{
	unsigned	 i, ntab = (unsigned)b[4] << 8 | b[5];
	uint32_t	 off;

	for (i = 0; i < ntab; i++)
		if (memcmp(b + 12 + i * 16, tag, 4) == 0) {
			off = (uint32_t)b[12 + i * 16 + 8] << 24 |
			    (uint32_t)b[12 + i * 16 + 9] << 16 |
			    (uint32_t)b[12 + i * 16 + 10] << 8 |
			    b[12 + i * 16 + 11];
			assert_true(off > 0 && off + 8 < (uint32_t)n);
			return off;
		}
	fail_msg("no %s table", tag);
	return 0;
}

/* Both shipped faces, changed by patch(), in a data directory of their
 * own, given to pdf_new() as --data-dir would: it must refuse them with
 * the message about a usable font (and not crash). */
static void
renderer_refuses(void (*patch)(unsigned char *, long))
{
	static const char *const names[] = {
		"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
	};
	char		 dir[] = "/tmp/rg-font.XXXXXX", path[256], src[256];
	unsigned char	*b;
	struct diag	 d;
	struct pdf	*p;
	FILE		*f;
	long		 n;
	unsigned	 k;

	assert_non_null(mkdtemp(dir));
	for (k = 0; k < 2; k++) {
		snprintf(src, sizeof(src), "fonts/%s", names[k]);
		f = fopen(src, "rb");
		assert_non_null(f);
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		n = ftell(f);
		rewind(f);
		b = malloc((size_t)n);
		assert_non_null(b);
		assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		patch(b, n);
		snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(b, 1, (size_t)n, f), (size_t)n);
		assert_int_equal(fclose(f), 0);
		free(b);
	}
	diag_init(&d, NULL);
	d.keep = 1;
	p = pdf_new(dir, &d);
	pdf_free(p);
	remove_faces(dir);
	assert_null(p);
	assert_non_null(d.buf);
	assert_non_null(strstr(d.buf, "not a usable TrueType font"));
	diag_free(&d);
}

static void
patch_cmap_offsets(unsigned char *b, long n)
{
	uint32_t	 cmap = table_off(b, n, "cmap");
	unsigned	 i, nsub = (unsigned)b[cmap + 2] << 8 | b[cmap + 3];

	assert_true(nsub > 0);
	for (i = 0; i < nsub; i++)
		put32(b + cmap + 4 + i * 8 + 4, 0xFFFFFFFCu);
}

static void
patch_num_glyphs(unsigned char *b, long n)
{
	put16(b + table_off(b, n, "maxp") + 4, 40);
}

/* The cmap record offsets at 0xFFFFFFFC: before, SIGSEGV in the parser
 * (`render --data-dir` exited 139). */
static void
renderer_refuses_wrapping_cmap_offset(void **state)
{
	(void)state;
	renderer_refuses(patch_cmap_offsets);
}

/* numGlyphs 40 under 838 metrics: before, our parser took it and
 * libharu's loader wrote past its 160-byte metrics block (valgrind:
 * "Invalid write" in HPDF_TTFontDef_Load), the heap corruption
 * fuzz_font's render stage ran into. */
static void
renderer_refuses_metrics_past_glyphs(void **state)
{
	(void)state;
	renderer_refuses(patch_num_glyphs);
}

/* A shipped face read whole. */
static unsigned char *
shipped(const char *name, size_t *len)
{
	char		 src[256];
	unsigned char	*b;
	FILE		*f;
	long		 n;

	snprintf(src, sizeof(src), "fonts/%s", name);
	f = fopen(src, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

static uint32_t
get32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/* Sum of big-endian words; a last partial word padded with zeros when
 * pad, else left out (as libharu's checkSumAdjustment leaves it). */
static uint32_t
sum32(const unsigned char *b, size_t n, int pad)
{
	unsigned char	 t[4] = { 0, 0, 0, 0 };
	uint32_t	 s = 0;
	size_t		 i;

	for (i = 0; i + 4 <= n; i += 4)
		s += get32(b + i);
	if (pad && i < n) {
		memcpy(t, b + i, n - i);
		s += get32(t);
	}
	return s;
}

/* The table tag of font w (n bytes), or NULL; *len its length. */
static const unsigned char *
table_of(const unsigned char *w, size_t n, const char *tag, size_t *len)
{
	unsigned	 i, ntab = (unsigned)w[4] << 8 | w[5];

	for (i = 0; i < ntab; i++) {
		const unsigned char	*e = w + 12 + 16 * i;

		if (memcmp(e, tag, 4) != 0)
			continue;
		assert_true(get32(e + 8) + get32(e + 12) <= n);
		*len = get32(e + 12);
		return w + get32(e + 8);
	}
	return NULL;
}

/* The glyph data of glyph g of font w: its bytes and length. */
static const unsigned char *
glyph_of(const unsigned char *w, size_t n, unsigned g, size_t *len)
{
	const unsigned char	*head, *loca, *glyf;
	size_t			 l, g0, g1;

	head = table_of(w, n, "head", &l);
	loca = table_of(w, n, "loca", &l);
	glyf = table_of(w, n, "glyf", &l);
	assert_true(head != NULL && loca != NULL && glyf != NULL);
	if (head[51] == 0) {
		g0 = 2u * ((unsigned)loca[2 * g] << 8 | loca[2 * g + 1]);
		g1 = 2u * ((unsigned)loca[2 * g + 2] << 8 | loca[2 * g + 3]);
	} else {
		g0 = get32(loca + 4 * g);
		g1 = get32(loca + 4 * g + 4);
	}
	assert_true(g0 <= g1 && g1 <= l);
	*len = g1 - g0;
	return glyf + g0;
}

/* Every component of glyph g of font w, at any depth, has an outline:
 * a glyph of ten bytes or more (a component without one is drawn as
 * nothing, or as .notdef's box when it became glyph 0). */
static void
components_have_outlines(const unsigned char *w, size_t n, unsigned g,
    int depth)
{
	const unsigned char	*b;
	size_t			 len, at;
	unsigned		 flags, c;

	b = glyph_of(w, n, g, &len);
	assert_true(len >= 10);
	if ((b[0] & 0x80) == 0)
		return;			/* simple */
	assert_true(depth < 8);
	for (at = 10;; ) {
		assert_true(at + 4 <= len);
		flags = (unsigned)b[at] << 8 | b[at + 1];
		c = (unsigned)b[at + 2] << 8 | b[at + 3];
		assert_int_not_equal(c, 0);
		components_have_outlines(w, n, c, depth + 1);
		at += 4 + (flags & 0x0001 ? 4 : 2);
		at += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 :
		    flags & 0x0080 ? 8 : 0;
		if (!(flags & 0x0020))
			break;
	}
}

/* The glyphs of code points [lo, hi] marked as a document marks them
 * (libharu's HPDF_TTFontDef_GetCharWidth, which also flags the parts of
 * composite glyphs, one level deep); then face_subset() must give a font
 * of the seven tables a PDF reader needs (no name, post, OS/2), with
 * sound checksums, in which every one of those code points has the
 * advance and the outline it has in the face, through the subset's own
 * cmap and glyph ids, and the components of every composite are kept
 * (nested ones too: U+0407 is Idieresis, which is I and a dieresis). */
static void
subset_keeps_the_glyphs(const char *file, const uint32_t (*ranges)[2],
    int nranges)
{
	static const char *const tags[] = {
		"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"
	};
	HPDF_Doc		 doc;
	HPDF_Stream		 in;
	HPDF_FontDef		 def;
	HPDF_TTFontDefAttr	 ta;
	struct face		 fc, sub;
	struct obuf		 o = { 0 };
	const unsigned char	*head, *go, *gn;
	unsigned char		*b;
	size_t			 len, length1 = 0, l, lo, ln;
	unsigned		 i, ntab, kept = 0;
	uint32_t		 cp;
	int			 r;

	b = shipped(file, &len);
	memset(&fc, 0, sizeof(fc));
	assert_int_equal(face_parse(&fc, b, len), 0);
	fc.file = b;
	fc.nfile = len;
	doc = HPDF_New(NULL, NULL);
	assert_non_null(doc);
	in = HPDF_MemStream_New(doc->mmgr, 65536);
	assert_int_equal(HPDF_Stream_Write(in, b, (HPDF_UINT)len), HPDF_OK);
	def = HPDF_TTFontDef_Load(doc->mmgr, in, HPDF_TRUE);
	assert_non_null(def);
	ta = def->attr;
	for (r = 0; r < nranges; r++)
		for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++)
			(void)HPDF_TTFontDef_GetCharWidth(def, (HPDF_UINT16)cp);
	for (i = 0; i < ta->num_glyphs; i++)
		kept += ta->glyph_tbl.flgs[i] != 0;
	assert_int_equal(face_subset(&fc, ta->glyph_tbl.flgs, ta->num_glyphs,
	    &o, &length1), 0);
	assert_int_equal(length1, o.n);
	assert_int_equal(o.n % 4, 0);

	/* the tables, in order, with their checksums, and the file's */
	ntab = (unsigned)o.b[4] << 8 | o.b[5];
	assert_int_equal(ntab, 7);
	for (i = 0; i < ntab; i++) {
		const unsigned char	*e = o.b + 12 + 16 * i;

		uint32_t		 want;

		assert_memory_equal(e, tags[i], 4);
		want = sum32(o.b + get32(e + 8), get32(e + 12), 1);
		if (memcmp(e, "head", 4) == 0)	/* without the adjustment */
			want -= get32(o.b + get32(e + 8) + 8);
		assert_int_equal(get32(e + 4), want);
	}
	assert_null(table_of(o.b, o.n, "name", &l));
	assert_null(table_of(o.b, o.n, "post", &l));
	assert_null(table_of(o.b, o.n, "OS/2", &l));
	assert_int_equal(sum32(o.b, o.n, 0), 0xB1B0AFBAu);
	head = table_of(o.b, o.n, "head", &l);
	assert_non_null(head);

	/* glyphs numbered anew: at least those flagged, none of the rest
	 * (but components), and each code point's advance and outline */
	assert_true(((unsigned)table_of(o.b, o.n, "maxp", &l)[4] << 8 |
	    table_of(o.b, o.n, "maxp", &l)[5]) >= kept);
	if (nranges == 0) {
		assert_int_equal(table_of(o.b, o.n, "maxp", &l)[5], 1);
		goto out;
	}
	memset(&sub, 0, sizeof(sub));
	assert_int_equal(face_parse(&sub, o.b, o.n), 0);
	for (r = 0; r < nranges; r++)
		for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
			if (cp >= fc.nadv || fc.gid[cp] == 0)
				continue;
			assert_true(cp < sub.nadv);
			assert_int_equal(sub.adv[cp], fc.adv[cp]);
			assert_int_not_equal(sub.gid[cp], 0);
			go = glyph_of(b, len, fc.gid[cp], &lo);
			gn = glyph_of(o.b, o.n, sub.gid[cp], &ln);
			assert_int_equal(ln, lo);
			if (lo >= 10 && (go[0] & 0x80) == 0)
				assert_memory_equal(gn, go, lo);
			else if (lo >= 10)
				components_have_outlines(o.b, o.n,
				    sub.gid[cp], 0);
		}
	face_free(&sub);
out:
	HPDF_FontDef_Free(def);
	HPDF_Free(doc);
	free(o.b);
	fc.file = NULL;
	face_free(&fc);
	free(b);
}

static void
subset_of_no_glyph_is_notdef_alone(void **state)
{
	static const uint32_t	 none[1][2] = { { 1, 0 } };

	(void)state;
	subset_keeps_the_glyphs("DejaVuSans.ttf", none, 0);
}

static void
subset_of_a_report_keeps_its_glyphs(void **state)
{
	/* ASCII, Latin-1 letters (accented ones are composites here),
	 * Greek, Cyrillic, the rupee sign and arrows */
	static const uint32_t	 some[][2] = {
		{ 0x20, 0x7E }, { 0xC0, 0xFF }, { 0x391, 0x3C9 },
		{ 0x410, 0x44F }, { 0x20B9, 0x20B9 }, { 0x2190, 0x2193 },
	};

	(void)state;
	subset_keeps_the_glyphs("DejaVuSans.ttf", some, 6);
	subset_keeps_the_glyphs("DejaVuSans-Bold.ttf", some, 6);
}

/* U+0407 alone: a composite of Idieresis, a composite of I and the
 * dieresis, which libharu does not flag (before, the letter lost its
 * dots; renumbered without it, the dots became .notdef's box). */
static void
subset_keeps_nested_components(void **state)
{
	static const uint32_t	 yi[][2] = { { 0x20, 0x3F }, { 0x407, 0x407 } };

	(void)state;
	subset_keeps_the_glyphs("DejaVuSans.ttf", yi, 2);
	subset_keeps_the_glyphs("DejaVuSans-Bold.ttf", yi, 2);
}

static void
subset_of_every_glyph_keeps_them(void **state)
{
	static const uint32_t	 all[1][2] = { { 0x20, 0xFFFD } };

	(void)state;
	subset_keeps_the_glyphs("DejaVuSans-Bold.ttf", all, 1);
}

/* A face without the tables a subset needs is refused, not read past. */
static void
subset_without_loca_is_refused(void **state)
{
	struct face	 fc;
	struct obuf	 o = { 0 };
	uint8_t		 used[NG] = { 1 };
	struct ttf	 t;
	size_t		 length1;

	(void)state;
	ttf_build(&t, FIRST + NG - 2);
	memset(&fc, 0, sizeof(fc));
	fc.file = t.b;
	fc.nfile = t.len;
	assert_int_equal(face_subset(&fc, used, NG, &o, &length1), -1);
	free(o.b);
}

/* The renderer keeps a face's deflated program per set of glyphs: the
 * same glyphs of the same face again are a hit with the same bytes; one
 * glyph more, or the other face, is made anew. */
static void
font_program_is_made_once_per_glyph_set(void **state)
{
	struct diag		 d;
	struct pdf		*p;
	uint8_t			 used[2048] = { 0 };
	const unsigned char	*z;
	unsigned char		*first;
	size_t			 zn, zn1, l1, l2;
	unsigned		 n;

	(void)state;
	diag_init(&d, NULL);
	p = pdf_new("fonts", &d);
	assert_non_null(p);
	n = ((HPDF_TTFontDefAttr)p->face[0].def->attr)->num_glyphs;
	assert_true(n > 40 && n <= sizeof(used));
	used[0] = used[3] = used[36] = 1;
	assert_int_equal(font_program(p, 0, used, n, "HPDFAA+", &z, &zn1,
	    &l1), 0);
	first = malloc(zn1);
	assert_non_null(first);
	memcpy(first, z, zn1);
	assert_int_equal(p->fprog_misses, 1);
	assert_int_equal(font_program(p, 0, used, n, "HPDFAA+", &z, &zn,
	    &l2), 0);
	assert_int_equal(p->fprog_hits, 1);
	assert_int_equal(zn, zn1);
	assert_int_equal(l2, l1);
	assert_memory_equal(z, first, zn);
	used[37] = 1;
	assert_int_equal(font_program(p, 0, used, n, "HPDFAA+", &z, &zn,
	    &l2), 0);
	assert_int_equal(p->fprog_misses, 2);
	assert_true(l2 > l1);
	used[37] = 0;
	n = ((HPDF_TTFontDefAttr)p->face[1].def->attr)->num_glyphs;
	assert_int_equal(font_program(p, 1, used, n, "HPDFAB+", &z, &zn,
	    &l2), 0);
	assert_int_equal(p->fprog_misses, 3);
	assert_int_equal(p->fprog_hits, 1);
	free(first);
	pdf_free(p);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_font_parses_with_its_widths),
		cmocka_unit_test(cmap_offset_near_4gib_is_refused),
		cmocka_unit_test(cmap_subtable_longer_than_cmap_is_refused),
		cmocka_unit_test(table_past_the_end_is_refused),
		cmocka_unit_test(more_metrics_than_glyphs_is_refused),
		cmocka_unit_test(any_table_past_the_end_is_refused),
		cmocka_unit_test(cmap_without_end_segment_is_refused),
		cmocka_unit_test(only_a_3_1_format_4_cmap_is_used),
		cmocka_unit_test(truncated_font_is_refused),
		cmocka_unit_test(range_offset_past_subtable_is_not_read),
		cmocka_unit_test(font_without_question_mark_is_refused),
		cmocka_unit_test(renderer_refuses_wrapping_cmap_offset),
		cmocka_unit_test(renderer_refuses_metrics_past_glyphs),
		cmocka_unit_test(fuzz_reproducers_are_harmless),
		cmocka_unit_test(subset_of_no_glyph_is_notdef_alone),
		cmocka_unit_test(subset_of_a_report_keeps_its_glyphs),
		cmocka_unit_test(subset_keeps_nested_components),
		cmocka_unit_test(subset_of_every_glyph_keeps_them),
		cmocka_unit_test(subset_without_loca_is_refused),
		cmocka_unit_test(font_program_is_made_once_per_glyph_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
