/*
 * test_pdf_shape.c: the rooms of text the DejaVu subsets lack (issue 18):
 * font discovery from a fallback list (pdf_fontfind.c), which lines take
 * the shaping path and how a line is cut into runs in visual order
 * (pdf_shape.c), and the CIDs handed out for shaped glyphs (pdf_cid.c).
 *
 * The shaping tests use the Debian fonts the shipped fonts/fallback.conf
 * names (fonts-noto-core, fonts-wqy-microhei: runtime packages, installed
 * by make deps); without them they fail, saying so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "pdf_shape.h"
#include "testutil.h"

#define DATE	1780000000

struct fx {
	struct diag	 d;
	struct pdf	*p;
	struct shaped	 s;
};

static int
setup(void **state)
{
	struct fx	*fx;
	struct stat	 st;

	if (stat("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
	    &st) != 0)
		fail_msg("fonts-noto-core is not installed (make deps)");
	fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	diag_init(&fx->d, NULL);
	fx->d.keep = 1;
	fx->p = pdf_new("fonts", &fx->d);
	assert_non_null(fx->p);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	shaped_free(&fx->s);
	pdf_free(fx->p);
	diag_free(&fx->d);
	free(fx);
	return 0;
}

static void
shape(struct fx *fx, enum font f, const char *utf8)
{
	assert_int_equal(shape_line(fx->p, f, utf8, strlen(utf8), &fx->s), 0);
}

/* ------------------------------------------------------------ fontfind */

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
fontfind_searches_the_listed_directories_in_order(void **state)
{
	struct fontfind	*ff;
	char		 dir[256], path[512], want[512], conf[1024];
	const char	*got;
	int		 index = -1;

	(void)state;
	tu_tmpdir(dir, sizeof(dir), "test_fontfind");
	snprintf(path, sizeof(path), "%s/a", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/b", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/b/Deva-R.ttf", dir);
	write_file(path, "x");
	snprintf(want, sizeof(want), "%s", path);
	snprintf(path, sizeof(path), "%s/b/cjk.ttc", dir);
	write_file(path, "x");
	snprintf(conf, sizeof(conf), "# comment\ndir %s/a\ndir %s/b\n"
	    "Deva Deva-R.ttf Deva-B.ttf\nHani cjk.ttc:2 cjk.ttc:3\n"
	    "Taml ../b/Deva-R.ttf x\n", dir, dir);
	snprintf(path, sizeof(path), "%s/fallback.conf", dir);
	write_file(path, conf);

	assert_non_null(ff = fontfind_new(dir));
	got = fontfind_lookup(ff, "Deva", 0, &index);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(index, 0);
	/* the bold file is in no directory */
	assert_null(fontfind_lookup(ff, "Deva", 1, &index));
	got = fontfind_lookup(ff, "Hani", 1, &index);
	assert_non_null(got);
	assert_int_equal(index, 3);
	/* names only: a path in the list is not followed */
	assert_null(fontfind_lookup(ff, "Taml", 0, &index));
	assert_null(fontfind_lookup(ff, "Arab", 0, &index));
	fontfind_free(ff);
	tu_rmtree(dir);
}

static void
fontfind_without_a_list_finds_nothing(void **state)
{
	struct fontfind	*ff;
	int		 index;

	(void)state;
	assert_non_null(ff = fontfind_new("no/such/dir"));
	assert_null(fontfind_lookup(ff, "Deva", 0, &index));
	fontfind_free(ff);
}

/* ------------------------------------------------------------ shape */

static void
latin_greek_cyrillic_take_the_single_byte_path(void **state)
{
	struct fx	*fx = *state;
	const char	*t = "Zoë Łęcka · Ελένη · Олена Їжак — “₹45 L”";

	assert_int_equal(shape_needed(fx->p, FONT_REGULAR, t, strlen(t)), 0);
	assert_int_equal(shape_needed(fx->p, FONT_BOLD, t, strlen(t)), 0);
}

static void
other_scripts_and_format_characters_take_the_shaping_path(void **state)
{
	struct fx	*fx = *state;
	static const char *const t[] = {
		"प्रिया", "王", "محمد", "a\xe2\x80\x8d" "b", "e\xcc\xa3"
	};
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(shape_needed(fx->p, FONT_REGULAR, t[i],
		    strlen(t[i])), 1);
}

static void
format_characters_are_dropped_marks_are_not(void **state)
{
	(void)state;
	assert_true(shape_dropped(0x200D));	/* ZWJ */
	assert_true(shape_dropped(0x200C));	/* ZWNJ */
	assert_true(shape_dropped(0xFE0F));	/* VS16 */
	assert_true(shape_dropped(0xE0100));	/* VS17 */
	assert_false(shape_dropped(0x0323));	/* a combining mark */
	assert_false(shape_dropped('a'));
}

static void
a_conjunct_is_fewer_glyphs_than_characters(void **state)
{
	struct fx	*fx = *state;

	shape(fx, FONT_BOLD, "प्रि");	/* 4 characters */
	assert_int_equal(fx->s.nr, 1);
	assert_true(fx->s.r[0].sf >= 0);
	assert_true(fx->s.r[0].ng < 4);
	assert_true(fx->s.r[0].w > 0);
	/* one cluster: every glyph points at its first byte */
	assert_int_equal(fx->s.g[0].cl, 0);
	assert_int_equal(fx->s.g[0].clen, strlen("प्रि"));
}

static void
a_mark_after_a_dejavu_letter_takes_the_letter_along(void **state)
{
	struct fx	*fx = *state;

	shape(fx, FONT_REGULAR, "Ne\xcc\xa3t");	/* e + U+0323 */
	assert_int_equal(fx->s.nr, 3);
	assert_int_equal(fx->s.r[0].sf, -1);	/* N */
	assert_true(fx->s.r[1].sf >= 0);	/* e + dot below */
	assert_int_equal(fx->s.r[1].off, 1);
	assert_int_equal(fx->s.r[1].len, 3);
	assert_int_equal(fx->s.r[2].sf, -1);	/* t */
}

static void
a_zwj_between_latin_letters_is_dropped(void **state)
{
	struct fx	*fx = *state;
	long		 w = 0;
	size_t		 i;

	shape(fx, FONT_REGULAR, "a\xe2\x80\x8d" "b");
	for (i = 0; i < fx->s.nr; i++) {
		assert_int_equal(fx->s.r[i].sf, -1);
		w += fx->s.r[i].w;
	}
	assert_int_equal(w, cp_width(fx->p, FONT_REGULAR, 'a') +
	    cp_width(fx->p, FONT_REGULAR, 'b'));
}

static void
arabic_inside_latin_is_one_right_to_left_run(void **state)
{
	struct fx	*fx = *state;
	const char	*t = "Dr محمد";

	shape(fx, FONT_REGULAR, t);
	assert_int_equal(fx->s.rtl, 0);
	assert_int_equal(fx->s.nr, 2);
	assert_int_equal(fx->s.r[0].sf, -1);	/* "Dr " first, on the left */
	assert_int_equal(fx->s.r[1].rtl, 1);
	/* glyphs in visual order: the last letter's cluster first */
	assert_true(fx->s.g[fx->s.r[1].g0].cl >
	    fx->s.g[fx->s.r[1].g0 + fx->s.r[1].ng - 1].cl);
}

static void
a_right_to_left_paragraph_puts_latin_on_the_left(void **state)
{
	struct fx	*fx = *state;
	const char	*t = "שלום MLOps";

	assert_true(shape_rtl(t, strlen(t)));
	shape(fx, FONT_REGULAR, t);
	assert_int_equal(fx->s.rtl, 1);
	/* visual order: "MLOps" (left), the space, then the Hebrew */
	assert_int_equal(fx->s.r[0].sf, -1);
	assert_int_equal(fx->s.r[0].off, strlen("שלום "));
	assert_true(fx->s.r[fx->s.nr - 1].sf >= 0);
	assert_int_equal(fx->s.r[fx->s.nr - 1].off, 0);
	assert_false(shape_rtl("MLOps שלום", strlen("MLOps שלום")));
}

static void
bidi_overrides_in_a_profile_reorder_nothing(void **state)
{
	struct fx	*fx = *state;
	const char	*t = "Ana\xe2\x80\xaegpj.exe";	/* U+202E RLO */
	size_t		 i;

	assert_false(shape_rtl(t, strlen(t)));
	shape(fx, FONT_REGULAR, t);
	assert_int_equal(fx->s.rtl, 0);
	for (i = 0; i < fx->s.nr; i++) {
		assert_int_equal(fx->s.r[i].rtl, 0);
		if (i > 0)
			assert_true(fx->s.r[i].off > fx->s.r[i - 1].off);
	}
}

static void
cjk_breaks_between_characters_not_before_a_full_stop(void **state)
{
	(void)state;
	assert_true(shape_cjk_break(0x738B, 0x5C0F));	/* 王小 */
	assert_false(shape_cjk_break(0x738B, 0x3002));	/* 王。 */
	assert_false(shape_cjk_break(0x738B, '.'));
	assert_false(shape_cjk_break('a', 'b'));
}

/* ------------------------------------------------------------ cid */

static void
a_glyph_drawn_for_other_characters_gets_another_cid(void **state)
{
	struct fx	*fx = *state;
	struct pdf_info	 in = { .title = "t", .subject = "s", .creator = "c",
	    .date = DATE, .paper = PAPER_A4, .diag_path = "x.xml" };
	unsigned char	*buf;
	size_t		 len;
	unsigned	 a, b, c, d;

	assert_int_equal(pdf_begin(fx->p, &in, &fx->d), 0);
	shape(fx, FONT_REGULAR, "कि");
	assert_true(fx->s.r[0].sf >= 0);
	assert_non_null(cid_font(fx->p, fx->s.r[0].sf));
	a = cid_use(fx->p, fx->s.r[0].sf, 5, 500, "x", 1);
	b = cid_use(fx->p, fx->s.r[0].sf, 5, 500, "x", 1);
	c = cid_use(fx->p, fx->s.r[0].sf, 5, 500, "y", 1);
	d = cid_use(fx->p, fx->s.r[0].sf, 5, 900, "x", 1);
	assert_int_equal(a, 1);
	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_int_not_equal(a, d);
	assert_int_not_equal(c, d);
	assert_int_equal(cid_use(fx->p, fx->s.r[0].sf, 5, 500, NULL, 0), 4);
	pdf_text(fx->p, 50, 100, FONT_REGULAR, 12, (struct rgb){ 0, 0, 0 },
	    ALIGN_LEFT, "नमस्ते");
	assert_int_equal(pdf_end(fx->p, &buf, &len), 0);
	assert_true(len > 1000);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fontfind_searches_the_listed_directories_in_order),
		cmocka_unit_test(fontfind_without_a_list_finds_nothing),
		cmocka_unit_test_setup_teardown(
		    latin_greek_cyrillic_take_the_single_byte_path, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    other_scripts_and_format_characters_take_the_shaping_path,
		    setup, teardown),
		cmocka_unit_test(format_characters_are_dropped_marks_are_not),
		cmocka_unit_test_setup_teardown(
		    a_conjunct_is_fewer_glyphs_than_characters, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_mark_after_a_dejavu_letter_takes_the_letter_along, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_zwj_between_latin_letters_is_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    arabic_inside_latin_is_one_right_to_left_run, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_right_to_left_paragraph_puts_latin_on_the_left, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    bidi_overrides_in_a_profile_reorder_nothing, setup,
		    teardown),
		cmocka_unit_test(
		    cjk_breaks_between_characters_not_before_a_full_stop),
		cmocka_unit_test_setup_teardown(
		    a_glyph_drawn_for_other_characters_gets_another_cid, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
