/*
 * testutil.h: what the unit tests that need files share: a fresh
 * temporary directory, and removing it again.  Header-only, static, so
 * each test program stays one file plus this.
 */
#ifndef REPORTGEN_TESTUTIL_H
#define REPORTGEN_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

/* A new directory $TMPDIR/NAME.XXXXXX (or under /tmp); asserts. */
static void
tu_tmpdir(char *dir, size_t size, const char *name)
{
	const char	*t = getenv("TMPDIR");

	snprintf(dir, size, "%s/%s.XXXXXX", t != NULL && *t != '\0' ? t :
	    "/tmp", name);
	assert_non_null(mkdtemp(dir));
}

/* Removes dir and all in it; a failure is reported, not fatal. */
static void
tu_rmtree(const char *dir)
{
	char	 cmd[1024];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

#endif
