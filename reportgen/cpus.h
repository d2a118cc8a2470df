/*
 * cpus.h: how many CPUs this process may use, for the batch's default -j.
 *
 * Not the machine's count (sysconf): the smaller of the CPUs in the
 * process's affinity mask (taskset, cpusets) and the cgroup v2 CPU quota
 * (cpu.max of the process's cgroup and of each cgroup above it, as a
 * container's CPU limit sets it), rounded up, and at least 1.
 */
#ifndef REPORTGEN_CPUS_H
#define REPORTGEN_CPUS_H

/* The CPUs this process may use: 1 or more. */
int	cpus_available(void);

/* The CPUs a cgroup v2 cpu.max line allows: "QUOTA PERIOD" gives
 * QUOTA/PERIOD rounded up ("150000 100000" is 2), at least 1; "max ..."
 * (no limit) gives 0; anything else -1. */
int	cpus_parse_max(const char *text);

/* The tightest cpu.max limit on the cgroup named in proc_cgroup (a
 * /proc/PID/cgroup file; its "0::/PATH" line), looking at PATH and each
 * parent under the cgroup2 mount sysfs_root (/sys/fs/cgroup).  0 when
 * nothing limits or the files are not there (cgroup v1, no cpu
 * controller). */
int	cpus_cgroup_limit(const char *proc_cgroup, const char *sysfs_root);

#endif
