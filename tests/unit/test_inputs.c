/*
 * test_inputs.c: FILE|DIR arguments -> sorted profile paths (inputs.h).
 * Each test builds a small tree under a temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inputs.h"

static char		 root[64];
static struct diag	 D;
static struct inputs	 IN;

static void
touch(const char *rel)
{
	char	 p[256];
	int	 fd;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd != -1);
	close(fd);
}

static void
dir(const char *rel)
{
	char	 p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/rg-test-inputs.XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	diag_init(&D, NULL);
	D.keep = 1;
	memset(&IN, 0, sizeof(IN));
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	inputs_free(&IN);
	diag_free(&D);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static int
collect(const char *arg)
{
	char	*args[1];

	args[0] = (char *)arg;
	return inputs_collect(&IN, args, 1, &D);
}

static void
directory_walk_is_recursive_and_sorted(void **state)
{
	char	 want[256];

	(void)state;
	dir("b");
	touch("b/z.xml");
	touch("c.xml");
	touch("a.xml");
	touch("README");
	assert_int_equal(collect(root), 0);
	assert_int_equal(IN.n, 3);
	snprintf(want, sizeof(want), "%s/a.xml", root);
	assert_string_equal(IN.paths[0], want);
	snprintf(want, sizeof(want), "%s/b/z.xml", root);
	assert_string_equal(IN.paths[1], want);
	snprintf(want, sizeof(want), "%s/c.xml", root);
	assert_string_equal(IN.paths[2], want);
	assert_int_equal(D.count[SEV_WARNING], 0);
}

static void
symlink_fifo_and_xml_directory_are_skipped_with_warnings(void **state)
{
	char	 p[256];

	(void)state;
	touch("a.xml");
	dir("d.xml");
	snprintf(p, sizeof(p), "%s/f.xml", root);
	assert_int_equal(mkfifo(p, 0644), 0);
	snprintf(p, sizeof(p), "%s/l.xml", root);
	assert_int_equal(symlink("a.xml", p), 0);
	assert_int_equal(collect(root), 0);
	assert_int_equal(IN.n, 1);
	assert_int_equal(D.count[SEV_WARNING], 3);
	assert_non_null(strstr(D.buf, "d.xml: warning: skipped: a directory"));
	assert_non_null(strstr(D.buf, "f.xml: warning: skipped: not a "
	    "regular file (a FIFO)"));
	assert_non_null(strstr(D.buf, "l.xml: warning: skipped: symbolic "
	    "link"));
}

static void
missing_argument_is_an_error(void **state)
{
	char	 p[256];

	(void)state;
	snprintf(p, sizeof(p), "%s/none.xml", root);
	assert_int_equal(collect(p), -1);
	assert_int_equal(IN.n, 0);
	assert_int_equal(D.worst, SEV_ERROR);
}

static void
file_argument_is_taken_whatever_its_name(void **state)
{
	char	 p[256];

	(void)state;
	touch("profile.txt");
	snprintf(p, sizeof(p), "%s/profile.txt", root);
	assert_int_equal(collect(p), 0);
	assert_int_equal(IN.n, 1);
	assert_string_equal(IN.paths[0], p);
}

static void
repeated_paths_are_taken_once(void **state)
{
	char	 p[256], *args[2];

	(void)state;
	touch("a.xml");
	snprintf(p, sizeof(p), "%s/a.xml", root);
	args[0] = args[1] = p;
	assert_int_equal(inputs_collect(&IN, args, 2, &D), 0);
	assert_int_equal(IN.n, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    directory_walk_is_recursive_and_sorted, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    symlink_fifo_and_xml_directory_are_skipped_with_warnings,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(missing_argument_is_an_error,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    file_argument_is_taken_whatever_its_name, setup, teardown),
		cmocka_unit_test_setup_teardown(repeated_paths_are_taken_once,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
