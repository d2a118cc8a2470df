/*
 * progress.h: the live progress line of `reportgen batch` on a terminal
 * (progress.c), and the monotonic clock the batch times itself with.
 * Types only for its callers: nothing here knows about jobs or workers.
 */
#ifndef REPORTGEN_PROGRESS_H
#define REPORTGEN_PROGRESS_H

#include <stddef.h>

struct progress {
	int		 enabled;	/* stderr is a terminal, not --quiet */
	int		 shown;		/* a line is on screen */
	size_t		 total;
	double		 start, last;
};

double	now_seconds(void);	/* monotonic */
void	progress_init(struct progress *, size_t total, int enabled);
void	progress_draw(struct progress *, size_t done, size_t failed,
	    int force);
void	progress_clear(struct progress *);	/* before other output */

#endif
