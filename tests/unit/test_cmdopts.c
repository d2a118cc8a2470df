/*
 * test_cmdopts.c: the command line's habits in cmdutil.c (cmd.h):
 * did-you-mean, enumerated values without regard to case, numbers.
 * The messages themselves are checked by tests/t_cli.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char *const cmds[] = { "validate", "score", "render", "batch",
    "merge-summaries", "help", "version", NULL };

static void
typo_finds_the_command(void **state)
{
	(void)state;
	assert_string_equal(did_you_mean("rendr", cmds, (size_t)-1), "render");
	assert_string_equal(did_you_mean("bacth", cmds, (size_t)-1), "batch");
	assert_string_equal(did_you_mean("valdiate", cmds, (size_t)-1),
	    "validate");
	assert_string_equal(did_you_mean("RENDER", cmds, (size_t)-1), "render");
}

static void
prefix_finds_the_command(void **state)
{
	(void)state;
	assert_string_equal(did_you_mean("merge", cmds, (size_t)-1),
	    "merge-summaries");
}

static void
nothing_close_is_no_guess(void **state)
{
	(void)state;
	assert_null(did_you_mean("frobnicate", cmds, (size_t)-1));
	assert_null(did_you_mean("x", cmds, (size_t)-1));
	assert_null(did_you_mean("", cmds, (size_t)-1));
}

static void
only_the_first_n_names_count(void **state)
{
	(void)state;
	assert_null(did_you_mean("batch", cmds, 2));
}

static void
choices_ignore_case(void **state)
{
	(void)state;
	assert_int_equal(opt_choice("t", "--paper", "A4", paper_names), 0);
	assert_int_equal(opt_choice("t", "--paper", "Letter", paper_names), 1);
	assert_int_equal(opt_choice("t", "--format", "JSON", format_names), 1);
	assert_int_equal(opt_choice("t", "--paper", "A5", paper_names), -1);
	assert_int_equal(opt_choice("t", "--paper", "", paper_names), -1);
}

static void
numbers_are_plain_digits_in_range(void **state)
{
	long	 v = 0;

	(void)state;
	assert_int_equal(opt_number("t", "-j", "8", 1, 1024, &v), 0);
	assert_int_equal(v, 8);
	assert_int_equal(opt_number("t", "-j", "abc", 1, 1024, &v), -1);
	assert_int_equal(opt_number("t", "-j", "+3", 1, 1024, &v), -1);
	assert_int_equal(opt_number("t", "-j", " 3", 1, 1024, &v), -1);
	assert_int_equal(opt_number("t", "-j", "0", 1, 1024, &v), -1);
	assert_int_equal(opt_number("t", "-j", "1025", 1, 1024, &v), -1);
	assert_int_equal(opt_number("t", "-j", "99999999999999999999", 1,
	    1024, &v), -1);
	assert_int_equal(v, 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typo_finds_the_command),
		cmocka_unit_test(prefix_finds_the_command),
		cmocka_unit_test(nothing_close_is_no_guess),
		cmocka_unit_test(only_the_first_n_names_count),
		cmocka_unit_test(choices_ignore_case),
		cmocka_unit_test(numbers_are_plain_digits_in_range),
	};

	/* The bad values' messages appear on stderr: t_cli.sh checks them. */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
