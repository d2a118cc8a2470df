/*
 * diag.c: the one diagnostic function; see diag.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char *const names[] = {
	"ok", "note", "warning", "error", "fatal"
};

const char *
severity_name(enum severity s)
{
	return names[s];
}

void
diag_init(struct diag *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->min_print = SEV_WARNING;
}

void
diag_reset(struct diag *d)
{
	d->worst = SEV_OK;
	memset(d->count, 0, sizeof(d->count));
	d->len = 0;
	if (d->buf != NULL)
		d->buf[0] = '\0';
}

void
diag_free(struct diag *d)
{
	free(d->buf);
	d->buf = NULL;
	d->len = d->cap = 0;
}

/* Append to the kept buffer; on allocation failure the message is only
 * printed, never lost silently from the stream. */
static void
keep(struct diag *d, const char *msg, size_t n)
{
	char	*p;
	size_t	 cap;

	if (d->len + n + 1 > d->cap) {
		cap = d->cap ? d->cap * 2 : 256;
		while (cap < d->len + n + 1)
			cap *= 2;
		if ((p = realloc(d->buf, cap)) == NULL)
			return;
		d->buf = p;
		d->cap = cap;
	}
	memcpy(d->buf + d->len, msg, n);
	d->len += n;
	d->buf[d->len] = '\0';
}

void
diag(struct diag *d, enum severity sev, const char *path, int line,
    const char *fmt, ...)
{
	char	 msg[1024];
	int	 n, m;
	va_list	 ap;

	if (sev > d->worst)
		d->worst = sev;
	d->count[sev]++;
	if (path == NULL)
		n = snprintf(msg, sizeof(msg), "reportgen: %s: ",
		    names[sev]);
	else if (line > 0)
		n = snprintf(msg, sizeof(msg), "%s:%d: %s: ", path, line,
		    names[sev]);
	else
		n = snprintf(msg, sizeof(msg), "%s: %s: ", path, names[sev]);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	va_start(ap, fmt);
	m = vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	n += m;
	if ((size_t)n > sizeof(msg) - 2)
		n = sizeof(msg) - 2;
	msg[n++] = '\n';
	msg[n] = '\0';
	if (d->keep)
		keep(d, msg, n);
	if (d->out != NULL && sev >= d->min_print)
		fputs(msg, d->out);
}
