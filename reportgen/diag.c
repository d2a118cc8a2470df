/*
 * diag.c: the one diagnostic function, and the escaping every message
 * goes through; see diag.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"

static const char *const names[] = {
	"ok", "note", "info", "warning", "error", "fatal"
};

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

/* Length of the UTF-8 sequence at s (1-4) and its code point, or 0 when
 * the bytes there are not well-formed UTF-8. */
static size_t
utf8_seq(const unsigned char *s, unsigned *cp)
{
	size_t		 n, i;
	unsigned	 c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
bidi_control(unsigned c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
diag_escape(const char *in, char *out, size_t outsz)
{
	const unsigned char	*s = (const unsigned char *)in;
	char			 esc[12];
	size_t			 o = 0, n, k;
	unsigned		 c;

	if (outsz == 0)
		return out;
	while (in != NULL && *s != '\0') {
		n = utf8_seq(s, &c);
		if (n == 0) {
			snprintf(esc, sizeof(esc), "\\x%02x", *s);
			n = 1;
		} else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02x", c);
		else if ((c >= 0x80 && c <= 0x9f) || bidi_control(c))
			snprintf(esc, sizeof(esc), "\\u%04x", c);
		else {
			if (o + n >= outsz)
				break;
			memcpy(out + o, s, n);
			o += n;
			s += n;
			continue;
		}
		k = strlen(esc);
		if (o + k >= outsz)
			break;
		memcpy(out + o, esc, k);
		o += k;
		s += n;
	}
	out[o] = '\0';
	return out;
}

char *
diag_timestamp(char *buf, size_t size)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 s[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%03ldZ", s, ts.tv_nsec / 1000000L);
	return buf;
}

/* Appends s as a JSON string body; s is escaped already, so only the
 * quote and the backslash remain to be escaped. */
static size_t
json_str(char *out, size_t o, size_t size, const char *s)
{
	for (; *s != '\0' && o + 3 < size; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o] = '\0';
	return o;
}

void
vdiag(struct diag *d, enum severity sev, const char *path, int line,
    const char *fmt, va_list ap)
{
	char	 raw[1024], text[1200], epath[1200], msg[2800], ts[32];
	size_t	 n;

	if (sev > d->worst)
		d->worst = sev;
	d->count[sev]++;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	diag_escape(raw, text, sizeof(text));
	if (path != NULL)
		diag_escape(path, epath, sizeof(epath));
	if (d->json && d->out != NULL && sev >= d->min_print) {
		n = (size_t)snprintf(msg, sizeof(msg), "{\"time\":\"%s\","
		    "\"severity\":\"%s\"", diag_timestamp(ts, sizeof(ts)),
		    names[sev]);
		if (path != NULL) {
			n += (size_t)snprintf(msg + n, sizeof(msg) - n,
			    ",\"path\":\"");
			n = json_str(msg, n, sizeof(msg) - 40, epath);
			n += (size_t)snprintf(msg + n, sizeof(msg) - n, "\"");
		}
		if (line > 0)
			n += (size_t)snprintf(msg + n, sizeof(msg) - n,
			    ",\"line\":%d", line);
		n += (size_t)snprintf(msg + n, sizeof(msg) - n,
		    ",\"message\":\"");
		n = json_str(msg, n, sizeof(msg) - 4, text);
		snprintf(msg + n, sizeof(msg) - n, "\"}\n");
		fputs(msg, d->out);
		if (!d->keep)
			return;
	}
	if (path == NULL)
		snprintf(msg, sizeof(msg), "reportgen: %s: %s\n", names[sev],
		    text);
	else if (sev == SEV_INFO)
		snprintf(msg, sizeof(msg), "%s: %s\n", epath, text);
	else if (line > 0)
		snprintf(msg, sizeof(msg), "%s:%d: %s: %s\n", epath, line,
		    names[sev], text);
	else
		snprintf(msg, sizeof(msg), "%s: %s: %s\n", epath, names[sev],
		    text);
	n = strlen(msg);
	if (d->keep)
		keep(d, msg, n);
	if (!d->json && d->out != NULL && sev >= d->min_print)
		fputs(msg, d->out);
}

void
diag(struct diag *d, enum severity sev, const char *path, int line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag(d, sev, path, line, fmt, ap);
	va_end(ap);
}
