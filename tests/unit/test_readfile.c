/*
 * test_readfile.c: readfile(), the one whole-file reader: the cap is
 * enforced (before reading, and on a file longer than fstat said),
 * only regular files are read, a FIFO does not block, the caller's check
 * runs before any byte is read, and each failure has its sysexits code.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <cmocka.h>

#include "readfile.h"

struct fx {
	char		 dir[64], path[128];
	struct diag	 d;
};

static int
setup(void **state)
{
	struct fx	*fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/rgrf.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/f", fx->dir);
	diag_init(&fx->d, NULL);
	fx->d.keep = 1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;
	char		 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	if (system(cmd) != 0)
		return -1;
	diag_free(&fx->d);
	free(fx);
	return 0;
}

static void
put(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
reads_the_whole_file_nul_terminated(void **state)
{
	struct fx		*fx = *state;
	struct readfile		 rf = { 16, 0, NULL, NULL };
	char			*buf;
	size_t			 len;

	put(fx->path, "0123456789abcdef");
	assert_int_equal(readfile(fx->path, &rf, &buf, &len, &fx->d), 0);
	assert_int_equal(len, 16);
	assert_string_equal(buf, "0123456789abcdef");
	readfile_free(buf, len, RF_SCRUB);
	put(fx->path, "");
	assert_int_equal(readfile(fx->path, &rf, &buf, &len, &fx->d), 0);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	readfile_free(buf, len, 0);
}

static void
a_file_over_the_cap_is_dataerr(void **state)
{
	struct fx		*fx = *state;
	struct readfile		 rf = { 15, 0, "the thing", NULL };
	char			*buf;
	size_t			 len;

	put(fx->path, "0123456789abcdef");
	assert_int_equal(readfile(fx->path, &rf, &buf, &len, &fx->d),
	    EX_DATAERR);
	assert_null(buf);
	assert_non_null(strstr(fx->d.buf, "error: the thing is too large: "
	    "16 bytes, the limit is 15"));
}

static void
a_file_longer_than_fstat_said_is_still_capped(void **state)
{
	struct fx		*fx = *state;
	struct readfile		 rf = { 100, 0, NULL, NULL };
	char			*buf;
	size_t			 len;

	/* /proc files say 0 bytes and hold more */
	if (access("/proc/self/status", R_OK) != 0) {
		if (getenv("CI") != NULL)
			fail_msg("/proc/self/status is needed");
		skip();
	}
	assert_int_equal(readfile("/proc/self/status", &rf, &buf, &len,
	    &fx->d), EX_DATAERR);
	assert_non_null(strstr(fx->d.buf, "file is too large: 101 bytes, "
	    "the limit is 100"));
}

static void
directories_fifos_and_missing_files_are_noinput(void **state)
{
	struct fx		*fx = *state;
	struct readfile		 rf = { 100, 0, NULL, NULL };
	char			*buf;
	size_t			 len;

	assert_int_equal(readfile(fx->dir, &rf, &buf, &len, &fx->d),
	    EX_NOINPUT);
	assert_int_equal(mkfifo(fx->path, 0600), 0);
	/* would block forever without O_NONBLOCK: no writer */
	assert_int_equal(readfile(fx->path, &rf, &buf, &len, &fx->d),
	    EX_NOINPUT);
	assert_non_null(strstr(fx->d.buf, "cannot read: not a regular "
	    "file"));
	assert_int_equal(readfile("/no/such/file", &rf, &buf, &len, &fx->d),
	    EX_NOINPUT);
}

static int	 checked;

static int
refuse_all(const char *path, const struct stat *st, struct diag *d)
{
	(void)st;
	checked++;
	diag(d, SEV_ERROR, path, 0, "refused");
	return EX_DATAERR;
}

static void
the_callers_check_runs_on_the_open_file(void **state)
{
	struct fx		*fx = *state;
	struct readfile		 rf = { 100, RF_SCRUB, NULL, refuse_all };
	char			*buf;
	size_t			 len;

	put(fx->path, "secret");
	checked = 0;
	assert_int_equal(readfile(fx->path, &rf, &buf, &len, &fx->d),
	    EX_DATAERR);
	assert_int_equal(checked, 1);
	assert_null(buf);
}

static void
nofollow_refuses_a_symlink(void **state)
{
	struct fx		*fx = *state;
	struct readfile		 rf = { 100, RF_NOFOLLOW, NULL, NULL };
	char			 link[160], *buf;
	size_t			 len;

	put(fx->path, "x");
	snprintf(link, sizeof(link), "%s/l", fx->dir);
	assert_int_equal(symlink(fx->path, link), 0);
	assert_int_equal(readfile(link, &rf, &buf, &len, &fx->d),
	    EX_NOINPUT);
	rf.flags = 0;
	assert_int_equal(readfile(link, &rf, &buf, &len, &fx->d), 0);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    reads_the_whole_file_nul_terminated, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_file_over_the_cap_is_dataerr, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_file_longer_than_fstat_said_is_still_capped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    directories_fifos_and_missing_files_are_noinput, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    the_callers_check_runs_on_the_open_file, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    nofollow_refuses_a_symlink, setup, teardown),
	};

	return cmocka_run_group_tests_name("readfile", tests, NULL, NULL);
}
