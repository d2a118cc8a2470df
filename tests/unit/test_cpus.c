/*
 * test_cpus.c: the default -j: cgroup v2 cpu.max is read as CPUs rounded
 * up, "max" is no limit, the tightest level of the cgroup tree wins, and
 * the result is never below 1.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "cpus.h"

static void
max_without_quota_is_no_limit(void **state)
{
	(void)state;
	assert_int_equal(cpus_parse_max("max 100000\n"), 0);
	assert_int_equal(cpus_parse_max("max 100000"), 0);
	assert_int_equal(cpus_parse_max("max"), 0);
}

static void
quota_is_rounded_up(void **state)
{
	(void)state;
	assert_int_equal(cpus_parse_max("150000 100000\n"), 2);
	assert_int_equal(cpus_parse_max("50000 100000\n"), 1);
	assert_int_equal(cpus_parse_max("1000 100000\n"), 1);
	assert_int_equal(cpus_parse_max("200000 100000\n"), 2);
	assert_int_equal(cpus_parse_max("200001 100000"), 3);
}

static void
malformed_cpu_max_is_refused(void **state)
{
	(void)state;
	assert_int_equal(cpus_parse_max(""), -1);
	assert_int_equal(cpus_parse_max("100000"), -1);
	assert_int_equal(cpus_parse_max("x 100000"), -1);
	assert_int_equal(cpus_parse_max("0 100000"), -1);
	assert_int_equal(cpus_parse_max("-5 100000"), -1);
	assert_int_equal(cpus_parse_max("150000 0"), -1);
	assert_int_equal(cpus_parse_max("150000 100000 7"), -1);
	assert_int_equal(cpus_parse_max("maximum 100000"), -1);
}

static void
put(const char *dir, const char *name, const char *text)
{
	char	 path[1024];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void
tightest_cgroup_level_wins(void **state)
{
	char	 dir[256], sub[512];

	(void)state;
	tu_tmpdir(dir, sizeof(dir), "rgcpus");
	snprintf(sub, sizeof(sub), "%s/kubepods", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/kubepods/pod1", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	put(dir, "self-cgroup", "0::/kubepods/pod1\n");
	put(dir, "kubepods/cpu.max", "300000 100000\n");
	put(dir, "kubepods/pod1/cpu.max", "max 100000\n");
	assert_int_equal(cpus_cgroup_limit(sub, dir), 0);	/* no file */
	snprintf(sub, sizeof(sub), "%s/self-cgroup", dir);
	assert_int_equal(cpus_cgroup_limit(sub, dir), 3);
	put(dir, "kubepods/pod1/cpu.max", "150000 100000\n");
	assert_int_equal(cpus_cgroup_limit(sub, dir), 2);
	/* cgroup v1 only (no "0::" line): no limit read */
	put(dir, "self-cgroup", "4:cpu:/kubepods/pod1\n");
	assert_int_equal(cpus_cgroup_limit(sub, dir), 0);
	tu_rmtree(dir);
}

static void
available_is_at_least_one(void **state)
{
	(void)state;
	assert_true(cpus_available() >= 1);
	assert_true(cpus_available() <= 256);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(max_without_quota_is_no_limit),
		cmocka_unit_test(quota_is_rounded_up),
		cmocka_unit_test(malformed_cpu_max_is_refused),
		cmocka_unit_test(tightest_cgroup_level_wins),
		cmocka_unit_test(available_is_at_least_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
