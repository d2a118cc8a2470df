/*
 * cpus.c: the CPUs this process may use; see cpus.h.
 *
 * Read once, in the parent, before the batch forks.  Every failure
 * (no /proc, cgroup v1, an odd file) falls back to the next source: the
 * affinity mask, then sysconf, then 1.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE		/* sched_getaffinity(2), CPU_COUNT */
#endif
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpus.h"

#define CPUS_MAX	256	/* -j's default never goes above this */

int
cpus_parse_max(const char *text)
{
	char		*end;
	long long	 quota, period, n;

	while (*text == ' ' || *text == '\t')
		text++;
	if (strncmp(text, "max", 3) == 0 && (text[3] == ' ' ||
	    text[3] == '\n' || text[3] == '\0'))
		return 0;
	errno = 0;
	quota = strtoll(text, &end, 10);
	if (errno != 0 || end == text || *end != ' ' || quota <= 0)
		return -1;
	text = end + 1;
	period = strtoll(text, &end, 10);
	if (errno != 0 || end == text || (*end != '\n' && *end != '\0') ||
	    period <= 0)
		return -1;
	n = quota / period + (quota % period != 0);
	return n > CPUS_MAX ? CPUS_MAX : (int)n;
}

/* The first line of a small file, or -1. */
static int
read_line(const char *path, char *buf, size_t sz)
{
	FILE	*f;
	int	 ok;

	if ((f = fopen(path, "re")) == NULL)
		return -1;
	ok = fgets(buf, (int)sz, f) != NULL;
	fclose(f);
	return ok ? 0 : -1;
}

int
cpus_cgroup_limit(const char *proc_cgroup, const char *sysfs_root)
{
	FILE	*f;
	char	 line[4096], cg[4096], path[8192], max[128], *slash;
	int	 n, best = 0;

	if ((f = fopen(proc_cgroup, "re")) == NULL)
		return 0;
	cg[0] = '\0';
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "0::", 3) == 0) {	/* the v2 hierarchy */
			line[strcspn(line, "\n")] = '\0';
			snprintf(cg, sizeof(cg), "%s", line + 3);
			break;
		}
	fclose(f);
	if (cg[0] != '/')
		return 0;
	/* From the process's cgroup up to the root: each level's quota
	 * applies; the smallest wins.  The root has no cpu.max. */
	for (;;) {
		if ((size_t)snprintf(path, sizeof(path), "%s%s/cpu.max",
		    sysfs_root, strcmp(cg, "/") == 0 ? "" : cg) <
		    sizeof(path) && read_line(path, max, sizeof(max)) == 0 &&
		    (n = cpus_parse_max(max)) > 0 && (best == 0 || n < best))
			best = n;
		if (strcmp(cg, "/") == 0 || (slash = strrchr(cg, '/')) == NULL)
			break;
		if (slash == cg)
			cg[1] = '\0';
		else
			*slash = '\0';
	}
	return best;
}

int
cpus_available(void)
{
	long	 n = -1;
	int	 q;

#if defined(__linux__) && defined(CPU_COUNT)
	cpu_set_t	 set;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
#endif
	if (n < 1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	q = cpus_cgroup_limit("/proc/self/cgroup", "/sys/fs/cgroup");
	if (q > 0 && q < n)
		n = q;
	return n > CPUS_MAX ? CPUS_MAX : (int)n;
}
