/*
 * diag.h: every message the tool prints goes through diag().
 *
 * Messages read "path:line: severity: text" (line omitted when 0).  A
 * struct diag remembers the worst severity seen, so the command can turn
 * it into an exit status, and can also keep the messages in a buffer (the
 * batch workers send them to the parent; the regression runner diffs them).
 * No global state: each command or worker owns its struct diag.
 */
#ifndef REPORTGEN_DIAG_H
#define REPORTGEN_DIAG_H

#include <stdio.h>

enum severity {
	SEV_OK = 0,
	SEV_NOTE,	/* informational; only with --verbose */
	SEV_WARNING,	/* the profile is still usable */
	SEV_ERROR,	/* the profile is rejected */
	SEV_FATAL	/* the tool cannot go on (system error) */
};

struct diag {
	FILE		*out;		/* where messages go; NULL: keep only */
	enum severity	 worst;
	enum severity	 min_print;	/* below this, count but do not print */
	int		 count[SEV_FATAL + 1];
	char		*buf;		/* kept messages when keep != 0 */
	size_t		 len, cap;
	int		 keep;
};

void	diag_init(struct diag *, FILE *out);
void	diag_reset(struct diag *);	/* worst = OK, buffer emptied */
void	diag_free(struct diag *);
void	diag(struct diag *, enum severity, const char *path, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
const char *severity_name(enum severity);

#endif
