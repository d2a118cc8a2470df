/*
 * inputs.h: turning FILE|DIR arguments into a sorted list of profile paths.
 * Directories are searched (recursively) for regular files named *.xml;
 * anything else (symlinks, FIFOs, a directory named x.xml, unreadable
 * entries) is skipped with a message.
 */
#ifndef REPORTGEN_INPUTS_H
#define REPORTGEN_INPUTS_H

#include <stddef.h>

#include "diag.h"

struct inputs {
	char	**paths;	/* malloc'd, sorted, each malloc'd */
	size_t	  n, cap;
};

/* 0 on success (possibly with skipped entries reported as warnings);
 * -1 when an argument cannot be read at all (reported, status 66). */
int	inputs_collect(struct inputs *, char *const args[], int nargs,
	    struct diag *d);
void	inputs_free(struct inputs *);

#endif
