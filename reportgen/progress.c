/*
 * progress.c: the live line `[ 512/1000] 48.2/s ETA 10s 3 failed` on a
 * terminal's stderr, redrawn at most ten times a second.  Nothing of the
 * kind is written when stderr is not a terminal or with --quiet.
 */
#include <stdio.h>
#include <time.h>

#include "progress.h"

#define REDRAW_INTERVAL	0.1	/* seconds */

double
now_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
progress_init(struct progress *p, size_t total, int enabled)
{
	p->enabled = enabled;
	p->shown = 0;
	p->total = total;
	p->start = now_seconds();
	p->last = 0;
}

void
progress_draw(struct progress *p, size_t done, size_t failed, int force)
{
	double	 now, rate, eta;
	int	 w;

	if (!p->enabled)
		return;
	now = now_seconds();
	if (!force && now - p->last < REDRAW_INTERVAL)
		return;
	p->last = now;
	rate = now > p->start ? (double)done / (now - p->start) : 0;
	eta = rate > 0 ? (double)(p->total - done) / rate : 0;
	w = snprintf(NULL, 0, "%zu", p->total);	/* align done under it */
	fprintf(stderr, "\r\033[K[%*zu/%zu] %.1f/s ETA %.0fs", w, done,
	    p->total, rate, eta);
	if (failed > 0)
		fprintf(stderr, " %zu failed", failed);
	fflush(stderr);
	p->shown = 1;
}

void
progress_clear(struct progress *p)
{
	if (!p->enabled || !p->shown)
		return;
	fputs("\r\033[K", stderr);
	p->shown = 0;
}
