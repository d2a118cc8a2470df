/*
 * test_pdf.c: the drawing layer: wrapping and measuring, multi-script
 * documents, the missing-character fallback, reproducible output and
 * page breaks.  With PDF_TEST_OUT set to a directory, the multi-script
 * document is also written there as scripts.pdf (tests/t_pdf.sh checks
 * it with pdftotext, pdffonts and qpdf).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf.h"
#include "pdf_private.h"

#define DATE	1780000000	/* 2026-05-28 */

static const struct rgb INK = { 0.1f, 0.1f, 0.15f };

struct fx {
	struct diag	 d;
	struct pdf	*p;
};

static int
setup(void **state)
{
	struct fx	*fx;

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

	pdf_free(fx->p);
	diag_free(&fx->d);
	free(fx);
	return 0;
}

static void
begin(struct fx *fx, time_t date)
{
	struct pdf_info	 in = {
		.title = "Report: Αλέξανδρος Дмитрий", .subject = "test",
		.creator = "test_pdf", .date = date, .paper = PAPER_A4,
		.diag_path = "profile.xml"
	};

	assert_int_equal(pdf_begin(fx->p, &in, &fx->d), 0);
}

/* Collects wrapped lines. */
struct lines {
	char	 text[64][256];
	int	 n;
};

static void
collect(void *ctx, const char *text, int n)
{
	struct lines	*l = ctx;

	assert_int_equal(n, l->n);
	assert_true(l->n < 64);
	snprintf(l->text[l->n++], sizeof(l->text[0]), "%s", text);
}

static int
valid_utf8(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	int			 k;

	while (*u) {
		if (*u < 0x80)
			k = 0;
		else if ((*u & 0xE0) == 0xC0)
			k = 1;
		else if ((*u & 0xF0) == 0xE0)
			k = 2;
		else if ((*u & 0xF8) == 0xF0)
			k = 3;
		else
			return 0;
		for (u++; k > 0; k--, u++)
			if ((*u & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

static void
wrap_breaks_at_spaces(void **state)
{
	struct fx	*fx = *state;
	struct lines	 l = { .n = 0 };
	float		 w;

	w = pdf_measure(fx->p, FONT_REGULAR, 10, "alpha beta");
	assert_int_equal(pdf_wrap(fx->p, FONT_REGULAR, 10, w,
	    "alpha beta  beta alpha", collect, &l), 2);
	assert_string_equal(l.text[0], "alpha beta");
	assert_string_equal(l.text[1], "beta alpha");
	/* after hyphens and slashes too */
	l.n = 0;
	w = pdf_measure(fx->p, FONT_REGULAR, 10, "long-");
	assert_int_equal(pdf_wrap(fx->p, FONT_REGULAR, 10, w, "long-term",
	    collect, &l), 2);
	assert_string_equal(l.text[0], "long-");
	assert_string_equal(l.text[1], "term");
}

static void
wrap_splits_an_overlong_word_with_hyphens(void **state)
{
	struct fx	*fx = *state;
	struct lines	 l = { .n = 0 };
	const char	*word = "Supercalifragilisticexpialidocious";
	char		 joined[256] = "";
	float		 w = 60;
	int		 i, n;
	size_t		 len;

	n = pdf_wrap(fx->p, FONT_BOLD, 10, w, word, collect, &l);
	assert_true(n > 2);
	for (i = 0; i < n; i++) {
		assert_true(pdf_measure(fx->p, FONT_BOLD, 10, l.text[i]) <= w);
		len = strlen(l.text[i]);
		if (i < n - 1) {
			assert_int_equal(l.text[i][len - 1], '-');
			l.text[i][len - 1] = '\0';
		}
		strcat(joined, l.text[i]);
	}
	assert_string_equal(joined, word);
}

static void
wrap_never_splits_a_utf8_sequence(void **state)
{
	struct fx	*fx = *state;
	struct lines	 l = { .n = 0 };
	int		 i, n;

	n = pdf_wrap(fx->p, FONT_REGULAR, 12, 25,
	    "ЖЖЖЖЖЖЖЖЖЖЖЖ ₹₹₹₹₹₹₹ ΑλέξανδροςΑλέξανδρος", collect, &l);
	assert_true(n > 3);
	for (i = 0; i < n; i++) {
		assert_true(valid_utf8(l.text[i]));
		assert_true(strlen(l.text[i]) > 0);
	}
}

/*
 * Printable ASCII is wrapped by its own loop (pdf_wrap.c, wrap_ascii);
 * the same text with a control character in front (dropped, never part
 * of a line) takes the general one.  Their lines must be the same, over
 * texts with spaces, hyphens, slashes and words wider than the line.
 */
static void
wrap_of_ascii_matches_the_general_path(void **state)
{
	static const char *const words[] = { "a", "of", "Wide", "pay-band",
	    "MLOps/FDE", "iii", "Supercalifragilistic", "--", "/", "x-y-z",
	    "WWWWWWWWWWWW" };
	struct fx	*fx = *state;
	struct lines	*a, *b;
	char		 text[200], ctl[202];
	unsigned	 seed = 1, r;
	int		 t, na, nb, i;
	float		 w;

	a = malloc(sizeof(*a));
	b = malloc(sizeof(*b));
	assert_non_null(a);
	assert_non_null(b);
	for (t = 0; t < 400; t++) {
		text[0] = '\0';
		while (strlen(text) < 90) {
			seed = seed * 1103515245u + 12345u;
			r = seed >> 16;
			strcat(text, words[r % (sizeof(words) /
			    sizeof(words[0]))]);
			strcat(text, r % 7 == 0 ? "  " : " ");
		}
		if (t % 3 == 0)
			text[strlen(text) - 1] = '\0';	/* no space last */
		snprintf(ctl, sizeof(ctl), "\x01%s", text);
		w = 30.0f + (float)(t % 37) * 7.5f;
		a->n = b->n = 0;
		na = pdf_wrap(fx->p, t % 2 ? FONT_BOLD : FONT_REGULAR, 10, w,
		    text, collect, a);
		nb = pdf_wrap(fx->p, t % 2 ? FONT_BOLD : FONT_REGULAR, 10, w,
		    ctl, collect, b);
		assert_int_equal(na, nb);
		assert_true(na > 0);
		for (i = 0; i < na; i++)
			assert_string_equal(a->text[i], b->text[i]);
	}
	free(a);
	free(b);
}

static void
measure_is_additive(void **state)
{
	struct fx	*fx = *state;
	float		 a, b, ab;

	a = pdf_measure(fx->p, FONT_REGULAR, 11, "Łukasz ₹25–60L ");
	b = pdf_measure(fx->p, FONT_REGULAR, 11, "Дмитрий Αλέξανδρος");
	ab = pdf_measure(fx->p, FONT_REGULAR, 11,
	    "Łukasz ₹25–60L Дмитрий Αλέξανδρος");
	assert_true(a > 0 && b > 0);
	assert_float_equal(a + b, ab, 1e-3);
	/* bold is wider, italic has the regular widths */
	assert_true(pdf_measure(fx->p, FONT_BOLD, 11, "Wójcik") >
	    pdf_measure(fx->p, FONT_REGULAR, 11, "Wójcik"));
	assert_float_equal(pdf_measure(fx->p, FONT_ITALIC, 11, "Wójcik"),
	    pdf_measure(fx->p, FONT_REGULAR, 11, "Wójcik"), 1e-4);
}

/* A document with every script and more than one page. */
static void
draw_scripts(struct fx *fx)
{
	static const char *const names[] = {
		"Łukasz Wójcik", "Zoë Ó Briain", "Αλέξανδρος", "Дмитрий",
		"Олена", "₹25–60L"
	};
	float	 xs[] = { 100, 200, 150 }, ys[] = { 500, 500, 600 };
	size_t	 i;
	int	 k;

	pdf_need(fx->p, 10);
	pdf_bookmark(fx->p, 0, "Summary");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		pdf_need(fx->p, 20);
		pdf_text(fx->p, pdf_left(fx->p), pdf_y(fx->p) + 14,
		    i % 2 ? FONT_BOLD : FONT_REGULAR, 12, INK, ALIGN_LEFT,
		    names[i]);
		pdf_advance(fx->p, 20);
	}
	pdf_bookmark(fx->p, 1, "Ολένα — names");
	pdf_polygon(fx->p, xs, ys, 3, &INK, 0.3f, NULL, 0);
	pdf_arc(fx->p, 300, 500, 40, 0, 200, INK, 4);
	for (k = 0; k < 30; k++)
		pdf_paragraph(fx->p, pdf_left(fx->p),
		    pdf_right(fx->p) - pdf_left(fx->p), FONT_ITALIC, 10, 14,
		    INK, "Forward Deployed Engineers ship systems with "
		    "customers; MLOps engineers run the model platform. "
		    "Ranges: $160K–$220K, ₹25–60L ✓ → ≥ ½.");
	pdf_bookmark(fx->p, 0, "Skills");
	pdf_text_box(fx->p, pdf_left(fx->p), pdf_y(fx->p), 100, FONT_REGULAR,
	    9, 12, INK, 2, "A text box far too long for two short lines of "
	    "this narrow width");
	pdf_link_file(fx->p, 100, 700, 80, 14, "index.pdf",
	    "the index");
}

static void
multi_script_document_serialises(void **state)
{
	struct fx	*fx = *state;
	unsigned char	*buf;
	size_t		 len;
	const char	*out;
	char		 path[512];
	FILE		*f;

	begin(fx, DATE);
	draw_scripts(fx);
	assert_true(pdf_page_count(fx->p) > 1);
	assert_int_equal(pdf_end(fx->p, &buf, &len), 0);
	assert_null(pdf_error(fx->p));
	assert_true(len > 1000);
	assert_memory_equal(buf, "%PDF-", 5);
	assert_int_equal(fx->d.count[SEV_WARNING], 0);
	if ((out = getenv("PDF_TEST_OUT")) != NULL) {
		snprintf(path, sizeof(path), "%s/scripts.pdf", out);
		assert_non_null(f = fopen(path, "wb"));
		assert_int_equal(fwrite(buf, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
	free(buf);
}

static void
unknown_character_is_shown_as_question_mark_and_reported_once(void **state)
{
	struct fx	*fx = *state;
	unsigned char	*buf;
	size_t		 len;

	begin(fx, DATE);
	pdf_need(fx->p, 10);
	pdf_text(fx->p, 50, 100, FONT_REGULAR, 10, INK, ALIGN_LEFT, "a🂡b");
	pdf_text(fx->p, 50, 120, FONT_BOLD, 10, INK, ALIGN_LEFT, "🂡 again");
	assert_float_equal(pdf_measure(fx->p, FONT_REGULAR, 10, "🂡"),
	    pdf_measure(fx->p, FONT_REGULAR, 10, "?"), 1e-4);
	assert_int_equal(fx->d.count[SEV_WARNING], 1);
	assert_non_null(strstr(fx->d.buf, "profile.xml: warning: character "
	    "U+1F0A1 '🂡' is not in the report fonts; shown as '?'"));
	assert_int_equal(pdf_end(fx->p, &buf, &len), 0);
	free(buf);
	/* once per document: a new document reports it again */
	begin(fx, DATE);
	pdf_need(fx->p, 10);
	pdf_text(fx->p, 50, 100, FONT_REGULAR, 10, INK, ALIGN_LEFT, "🂡");
	assert_int_equal(fx->d.count[SEV_WARNING], 2);
	/* invalid UTF-8 is a '?' too, with its own warning */
	pdf_text(fx->p, 50, 120, FONT_REGULAR, 10, INK, ALIGN_LEFT,
	    "bad \xff\xfe byte");
	assert_int_equal(fx->d.count[SEV_WARNING], 3);
	assert_int_equal(pdf_end(fx->p, &buf, &len), 0);
	free(buf);
}

static void
same_content_and_date_give_identical_bytes(void **state)
{
	struct fx	*fx = *state;
	unsigned char	*a, *b, *c;
	size_t		 la, lb, lc;

	begin(fx, DATE);
	draw_scripts(fx);
	assert_int_equal(pdf_end(fx->p, &a, &la), 0);
	/* a different document in between must not leak into the next */
	begin(fx, DATE);
	pdf_need(fx->p, 10);
	pdf_text(fx->p, 50, 100, FONT_BOLD, 10, INK, ALIGN_LEFT,
	    "Ѣ ϐ ĉ ✗ other glyphs");
	assert_int_equal(pdf_end(fx->p, &c, &lc), 0);
	free(c);
	begin(fx, DATE);
	draw_scripts(fx);
	assert_int_equal(pdf_end(fx->p, &b, &lb), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(b);
	begin(fx, DATE + 86400);
	draw_scripts(fx);
	assert_int_equal(pdf_end(fx->p, &c, &lc), 0);
	assert_true(la != lc || memcmp(a, c, la) != 0);
	free(a);
	free(c);
}

static void
need_breaks_the_page_only_when_full(void **state)
{
	struct fx	*fx = *state;
	unsigned char	*buf;
	size_t		 len;

	begin(fx, DATE);
	assert_int_equal(pdf_page_count(fx->p), 0);
	assert_int_equal(pdf_need(fx->p, 10), 1);	/* first page */
	assert_int_equal(pdf_page_count(fx->p), 1);
	assert_int_equal(pdf_need(fx->p, 100), 0);
	pdf_set_y(fx->p, pdf_bottom(fx->p) - 50);
	assert_int_equal(pdf_need(fx->p, 40), 0);
	assert_int_equal(pdf_need(fx->p, 60), 1);
	assert_int_equal(pdf_page_count(fx->p), 2);
	assert_float_equal(pdf_y(fx->p), pdf_top(fx->p), 1e-4);
	/* taller than a page at the top: placed, no empty page */
	assert_int_equal(pdf_need(fx->p, 5000), 0);
	pdf_goto_page(fx->p, 1);
	pdf_text(fx->p, pdf_right(fx->p), pdf_bottom(fx->p) + 20,
	    FONT_REGULAR, 8, INK, ALIGN_RIGHT, "Page 1 of 2");
	assert_int_equal(pdf_end(fx->p, &buf, &len), 0);
	free(buf);
}

static void
text_box_cuts_with_an_ellipsis(void **state)
{
	struct fx	*fx = *state;
	unsigned char	*buf;
	size_t		 len;
	float		 h;

	begin(fx, DATE);
	pdf_need(fx->p, 10);
	h = pdf_text_box(fx->p, 50, 100, 80, FONT_REGULAR, 9, 12, INK, 2,
	    "one two three four five six seven eight nine ten eleven");
	assert_float_equal(h, 24, 1e-4);
	h = pdf_text_box(fx->p, 50, 200, 300, FONT_REGULAR, 9, 12, INK, 3,
	    "short");
	assert_float_equal(h, 12, 1e-4);
	assert_int_equal(pdf_end(fx->p, &buf, &len), 0);
	free(buf);
}

/* libharu's objects come from pdf_haru.c's slabs (malloc'd alone under
 * ASan): blocks of every size class and over it, freed and taken again,
 * never overlap, keep what was written in them and are aligned. */
static void
haru_pool_blocks_do_not_overlap(void **state)
{
	enum { N = 3000 };
	static unsigned char	*b[N];
	size_t			 i, j, sz;
	unsigned char		 want;

	(void)state;
	for (i = 0; i < N; i++) {
		sz = i % 600;
		assert_non_null(b[i] = haru_mem_alloc(sz));
		memset(b[i], (int)(i & 0xff), sz);
	}
	for (i = 0; i < N; i += 2)
		haru_mem_free(b[i]);
	for (i = 0; i < N; i += 2) {
		sz = i % 600;
		assert_non_null(b[i] = haru_mem_alloc(sz));
		memset(b[i], (int)((i + 7) & 0xff), sz);
	}
	for (i = 0; i < N; i++) {
		want = (unsigned char)((i % 2 == 0 ? i + 7 : i) & 0xff);
		assert_int_equal((uintptr_t)b[i] % _Alignof(max_align_t), 0);
		for (j = 0; j < i % 600; j++)
			if (b[i][j] != want)
				fail_msg("block %zu byte %zu: %u, not %u", i, j,
				    b[i][j], want);
	}
	for (i = 0; i < N; i++)
		haru_mem_free(b[i]);
}

static void
missing_font_directory_fails_with_a_message(void **state)
{
	struct diag	 d;

	(void)state;
	diag_init(&d, NULL);
	d.keep = 1;
	assert_null(pdf_new("no/such/dir", &d));
	assert_non_null(strstr(d.buf, "no/such/dir/DejaVuSans.ttf"));
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(wrap_breaks_at_spaces,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    wrap_splits_an_overlong_word_with_hyphens, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    wrap_never_splits_a_utf8_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    wrap_of_ascii_matches_the_general_path, setup, teardown),
		cmocka_unit_test_setup_teardown(measure_is_additive,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    multi_script_document_serialises, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    unknown_character_is_shown_as_question_mark_and_reported_once,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    same_content_and_date_give_identical_bytes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    need_breaks_the_page_only_when_full, setup, teardown),
		cmocka_unit_test_setup_teardown(text_box_cuts_with_an_ellipsis,
		    setup, teardown),
		cmocka_unit_test(haru_pool_blocks_do_not_overlap),
		cmocka_unit_test(missing_font_directory_fails_with_a_message),
	};

	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
