/*
 * test_csv.c: summary.csv against CSV (formula) injection: a text cell
 * starting with = + - @, a tab or a CR gets a leading single quote and is
 * quoted (OWASP); numbers, negative ones included, stay numbers; the
 * rule is idempotent, so merge-summaries can re-write a summary.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "summary.h"

#define HEADER	"path,id,name,fde,mlops,recommendation,seniority,status," \
		"output,message\r\n"

/* The CSV of one row whose name cell is name and fde cell is fde. */
static char *
row(const char *name, const char *fde)
{
	struct summary_row	 r;
	size_t			 len;
	char			*csv;

	memset(&r, 0, sizeof(r));
	r.f[0] = "in/a.xml";
	r.f[1] = "a";
	r.f[2] = name;
	r.f[3] = fde;
	assert_non_null(csv = summary_csv(&r, 1, &len));
	assert_int_equal(len, strlen(csv));
	assert_memory_equal(csv, HEADER, strlen(HEADER));
	return csv;
}

static void
expect(const char *name, const char *fde, const char *want)
{
	char	*csv = row(name, fde);

	assert_string_equal(csv + strlen(HEADER), want);
	free(csv);
}

static void
formula_cells_get_a_quote_and_are_quoted(void **state)
{
	(void)state;
	expect("=HYPERLINK(\"http://x\",\"click\")", "61.2",
	    "in/a.xml,a,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\","
	    "61.2,,,,,,\r\n");
	expect("=1+2", NULL, "in/a.xml,a,\"'=1+2\",,,,,,,\r\n");
	expect("+1+2", NULL, "in/a.xml,a,\"'+1+2\",,,,,,,\r\n");
	expect("-1+2", NULL, "in/a.xml,a,\"'-1+2\",,,,,,,\r\n");
	expect("@SUM(A1)", NULL, "in/a.xml,a,\"'@SUM(A1)\",,,,,,,\r\n");
	expect("\t=1", NULL, "in/a.xml,a,\"'\t=1\",,,,,,,\r\n");
	expect("\r=1", NULL, "in/a.xml,a,\"'\r=1\",,,,,,,\r\n");
	expect("-", NULL, "in/a.xml,a,\"'-\",,,,,,,\r\n");
}

static void
numbers_and_plain_text_are_unchanged(void **state)
{
	(void)state;
	expect("Ana = Lee", "-3.5", "in/a.xml,a,Ana = Lee,-3.5,,,,,,\r\n");
	expect("", "-12", "in/a.xml,a,,-12,,,,,,\r\n");
	expect("O'Brien", "0", "in/a.xml,a,O'Brien,0,,,,,,\r\n");
	/* not numbers: neutralised */
	expect("-1.", NULL, "in/a.xml,a,\"'-1.\",,,,,,,\r\n");
	expect("-1e5", NULL, "in/a.xml,a,\"'-1e5\",,,,,,,\r\n");
}

static void
neutralised_cell_is_not_quoted_twice(void **state)
{
	(void)state;
	/* what merge-summaries reads back from a neutralised summary */
	expect("'=1+2", NULL, "in/a.xml,a,\"'=1+2\",,,,,,,\r\n");
	expect("'-1", NULL, "in/a.xml,a,'-1,,,,,,,\r\n");
}

static void
every_column_is_covered(void **state)
{
	struct summary_row	 r;
	size_t			 len, i;
	char			*csv;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < SUMMARY_NCOLS; i++)
		r.f[i] = "@x";
	assert_non_null(csv = summary_csv(&r, 1, &len));
	assert_string_equal(csv + strlen(HEADER), "\"'@x\",\"'@x\",\"'@x\","
	    "\"'@x\",\"'@x\",\"'@x\",\"'@x\",\"'@x\",\"'@x\",\"'@x\"\r\n");
	free(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formula_cells_get_a_quote_and_are_quoted),
		cmocka_unit_test(numbers_and_plain_text_are_unchanged),
		cmocka_unit_test(neutralised_cell_is_not_quoted_twice),
		cmocka_unit_test(every_column_is_covered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
