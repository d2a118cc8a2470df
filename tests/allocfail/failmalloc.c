/*
 * failmalloc.c: an LD_PRELOAD shim that makes one allocation fail, for
 * tests/t_allocfail.sh.
 *
 *	FAILMALLOC_N=n        the n-th allocation (1-based, counted over
 *	                      malloc, calloc, realloc, the aligned allocators
 *	                      and everything in libc, libxml2, libharu, zlib
 *	                      that calls them) returns NULL with ENOMEM;
 *	                      every other one succeeds.  0 or unset: none.
 *	FAILMALLOC_AFTER=1    fail the n-th and every later one (a machine
 *	                      that stays out of memory).
 *	FAILMALLOC_COUNT=file at exit, write the number of allocations made
 *	                      to file (to learn the range of n).
 *	FAILMALLOC_BT=1       on SIGSEGV, SIGBUS or SIGABRT print a raw
 *	                      backtrace to stderr (addr2line can read it),
 *	                      then die of the same signal.
 *
 * Counting starts when the shim is initialised (before main), so the
 * same n is the same call from run to run: reportgen is single-threaded
 * and deterministic for a given input and --date.  The real allocators
 * are glibc's __libc_* entry points, so no dlsym() (which allocates) is
 * needed.  free() is not wrapped.
 *
 * Why a shim and not ASan: ASan and valgrind bring their own allocator
 * and cannot be preloaded under; this shim runs over the ordinary build
 * (crash, exit status, messages, no PDF), and t_allocfail.sh runs a
 * sample of the same n under valgrind, whose malloc replacement sits
 * beneath the shim's __libc_* calls, for the leak side.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void	*__libc_malloc(size_t);
void	*__libc_calloc(size_t, size_t);
void	*__libc_realloc(void *, size_t);
void	*__libc_memalign(size_t, size_t);

void	*malloc(size_t);
void	*calloc(size_t, size_t);
void	*realloc(void *, size_t);
void	*memalign(size_t, size_t);
void	*aligned_alloc(size_t, size_t);
int	 posix_memalign(void **, size_t, size_t);
void	*valloc(size_t);

static unsigned long	 count;		/* allocations so far */
static unsigned long	 fail_at;	/* 0: never */
static int		 fail_after;
static int		 ready;

static unsigned long
env_ul(const char *name)
{
	const char	*s = getenv(name);

	return s != NULL ? strtoul(s, NULL, 10) : 0;
}

/* The crash report: backtrace_symbols_fd() does not allocate. */
static void
fm_crash(int sig)
{
	void	*pc[64];
	int	 n;
	static const char head[] = "failmalloc: fatal signal, backtrace:\n";

	n = backtrace(pc, 64);
	if (write(2, head, sizeof(head) - 1) < 0) {
		/* nothing to be done */
	}
	backtrace_symbols_fd(pc, n, 2);
	signal(sig, SIG_DFL);
	raise(sig);
}

__attribute__((constructor)) static void
fm_init(void)
{
	void	*pc[2];

	fail_at = env_ul("FAILMALLOC_N");
	fail_after = env_ul("FAILMALLOC_AFTER") != 0;
	if (env_ul("FAILMALLOC_BT")) {
		backtrace(pc, 2);	/* loads libgcc now, not in the handler */
		signal(SIGSEGV, fm_crash);
		signal(SIGBUS, fm_crash);
		signal(SIGABRT, fm_crash);
	}
	ready = 1;
}

/* Write the count with write(2): no stdio, no allocation. */
__attribute__((destructor)) static void
fm_fini(void)
{
	const char	*path = getenv("FAILMALLOC_COUNT");
	char		 buf[32];
	int		 fd, n;

	if (path == NULL || *path == '\0')
		return;
	n = snprintf(buf, sizeof(buf), "%lu\n", count);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		return;
	if (write(fd, buf, (size_t)n) != n) {
		/* nothing to be done in a destructor */
	}
	close(fd);
}

/* Is this allocation the one (or one of those) to fail? */
static int
fail_now(void)
{
	if (!ready)
		return 0;
	count++;
	if (fail_at == 0)
		return 0;
	if (count == fail_at || (fail_after && count > fail_at)) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *
malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t nmemb, size_t n)
{
	return fail_now() ? NULL : __libc_calloc(nmemb, n);
}

void *
realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees; it is not an allocation to fail. */
	if (p != NULL && n == 0)
		return __libc_realloc(p, n);
	return fail_now() ? NULL : __libc_realloc(p, n);
}

void *
memalign(size_t align, size_t n)
{
	return fail_now() ? NULL : __libc_memalign(align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	return fail_now() ? NULL : __libc_memalign(align, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	void	*p;

	if (fail_now())
		return ENOMEM;
	if ((p = __libc_memalign(align, n)) == NULL)
		return ENOMEM;
	*out = p;
	return 0;
}

void *
valloc(size_t n)
{
	return fail_now() ? NULL : __libc_memalign((size_t)sysconf(_SC_PAGESIZE),
	    n);
}
