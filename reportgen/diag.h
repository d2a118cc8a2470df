/*
 * diag.h: every message the tool prints goes through diag().
 *
 * Messages read "path:line: severity: text" (line omitted when 0; an
 * SEV_INFO message has no severity word: "path: text").  A struct diag
 * remembers the worst severity seen, so the command can turn it into an
 * exit status, and can also keep the messages in a buffer (the batch
 * workers send them to the parent; the regression runner diffs them).
 * No global state: each command or worker owns its struct diag.
 *
 * What is printed cannot forge a line or turn the terminal: the path and
 * the text are escaped (diag_escape) before they are written or kept.
 * With json set, each message is one JSON object on a line, with an
 * RFC 3339 timestamp.
 */
#ifndef REPORTGEN_DIAG_H
#define REPORTGEN_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum severity {
	SEV_OK = 0,
	SEV_NOTE,	/* informational; only with --verbose */
	SEV_INFO,	/* what the run did (a report removed); not --quiet */
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
	int		 json;		/* print JSON lines (--log-format json) */
};

void	diag_init(struct diag *, FILE *out);
void	diag_reset(struct diag *);	/* worst = OK, buffer emptied */
void	diag_free(struct diag *);
void	diag(struct diag *, enum severity, const char *path, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	vdiag(struct diag *, enum severity, const char *path, int line,
	    const char *fmt, va_list) __attribute__((format(printf, 5, 0)));

/*
 * Copies in to out (outsz bytes, always NUL-terminated, cut on a
 * character boundary) with what a terminal or a log reader could be
 * fooled by escaped: C0 controls and DEL as \xNN, C1 controls and the
 * bidirectional controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069) as
 * \uNNNN, and bytes that are not UTF-8 as \xNN.  Returns out.
 */
char	*diag_escape(const char *in, char *out, size_t outsz);

/* The current time as RFC 3339 UTC with milliseconds, for log lines:
 * "2026-11-30T04:05:06.789Z" (buf of at least 25 bytes). */
char	*diag_timestamp(char *buf, size_t size);

#endif
