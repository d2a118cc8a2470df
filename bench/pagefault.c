/*
 * pagefault.c: what a fresh anonymous page costs on this machine, for
 * docs/performance.md ("One render process, second pass").  Not built by
 * make:
 *
 *	cc -O2 -o /tmp/pagefault bench/pagefault.c
 *	for m in 0 1 2 3; do /tmp/pagefault $m 512; done
 *
 * MODE: 0 touch each 4 KB page (one fault each), 1 mmap with MAP_POPULATE,
 * 2 madvise(MADV_POPULATE_WRITE), 3 a 2 MB-aligned range marked
 * MADV_HUGEPAGE (one fault per 2 MB when the kernel has a huge page).
 * Prints the microseconds for PAGES pages, written once each.
 */
#define _GNU_SOURCE
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23
#endif
#define HUGE	((size_t)2 << 20)

static double
now_us(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int
main(int argc, char *argv[])
{
	size_t	 len, i;
	char	*p;
	double	 t0;
	int	 mode, flags = MAP_PRIVATE | MAP_ANONYMOUS;

	if (argc != 3) {
		fputs("usage: pagefault MODE PAGES\n", stderr);
		return 64;
	}
	mode = atoi(argv[1]);
	len = (size_t)atol(argv[2]) * 4096;
	t0 = now_us();
	if (mode == 1)
		flags |= MAP_POPULATE;
	if ((p = mmap(NULL, len + (mode == 3 ? HUGE : 0), PROT_READ | PROT_WRITE, flags, -1,
	    0)) == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (mode == 2 && madvise(p, len, MADV_POPULATE_WRITE) == -1)
		perror("madvise");
	if (mode == 3) {
		p = (char *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
		if (madvise(p, len, MADV_HUGEPAGE) == -1)
			perror("madvise");
	}
	for (i = 0; i < len; i += 4096)
		p[i] = 1;
	printf("mode %d: %zu pages in %.0f us\n", mode, len / 4096,
	    now_us() - t0);
	return 0;
}
