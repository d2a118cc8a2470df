/*
 * xmlsafe_msg.c: the messages of the XML loader.  Everything libxml2 or a
 * loader says about a document goes out through xs_msg(): tidied (our
 * namespaces dropped, libxml2's wording made plainer), made printable,
 * capped per document (XS_MAX_MESSAGES), and with the values of
 * personal-data elements redacted unless the document's messages are
 * verbose.  Also the handlers pointed at a document while libxml2 works
 * on it (xs_hooks_on/off): libxml2's reports, out of memory included,
 * all land here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmlsafe_private.h"

/* Elements whose values are personal data: never quoted in a message
 * unless verbose (candidate.xsd and brand.xsd). */
static const char *const personal[] = {
	"name", "email", "phone", "notes", "summary", "current-title",
	"title", "organisation",
};

/* Our own namespaces, dropped from libxml2's "{ns}name" in messages. */
static const char *const own_ns[] = {
	"{urn:reportgen:candidate:1}",
	"{urn:reportgen:market:1}",
	"{urn:reportgen:brand:1}",
};

/* ------------------------------------------------------------ messages */

void
xs_msgs_init(struct xs_msgs *m, struct diag *d, const char *path)
{
	memset(m, 0, sizeof(*m));
	m->d = d;
	m->path = path;
}

/* Length of the UTF-8 sequence at s (1..4), or 0 when it is invalid. */
static size_t
utf8_len(const unsigned char *s, unsigned int *cp)
{
	size_t		 n, i;
	unsigned int	 c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Code points that reorder or hide text on a terminal. */
static int
invisible(unsigned int c)
{
	return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xfeff || c == 0x061c ||
	    (c >= 0x80 && c < 0xa0);
}

char *
xs_printable(const char *in, char *out, size_t outsz)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 o = 0, n;
	unsigned int		 c;
	char			 esc[16];

	if (outsz == 0)
		return out;
	while (*s != '\0') {
		n = utf8_len(s, &c);
		if (n == 0)
			snprintf(esc, sizeof(esc), "\\x%02X", *s);
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02X", c);
		else if (invisible(c))
			snprintf(esc, sizeof(esc), "<U+%04X>", c);
		else
			esc[0] = '\0';
		if (esc[0] != '\0') {
			if (o + strlen(esc) >= outsz)
				break;
			memcpy(out + o, esc, strlen(esc));
			o += strlen(esc);
			s += n == 0 ? 1 : n;
			continue;
		}
		if (o + n >= outsz)
			break;
		memcpy(out + o, s, n);
		o += n;
		s += n;
	}
	out[o] = '\0';
	return out;
}

void
xs_msg(struct xs_msgs *m, enum severity sev, int line, const char *fmt, ...)
{
	char	 raw[2048], safe[1024];
	va_list	 ap;

	if (sev >= SEV_ERROR)
		m->errors++;
	/* After "out of memory", what follows is its echo (a value read as
	 * absent, a parse cut short): counted, not said. */
	if (m->oom)
		return;
	if (m->shown >= XS_MAX_MESSAGES) {
		/* Not printed, but counted as diag() would have. */
		m->hidden++;
		if (sev > m->d->worst)
			m->d->worst = sev;
		m->d->count[sev]++;
		return;
	}
	m->shown++;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	xs_printable(raw, safe, sizeof(safe));
	diag(m->d, sev, m->path, line, "%s", safe);
}

void
xs_oom(struct xs_msgs *m, int line)
{
	if (m->oom)
		return;
	xs_msg(m, SEV_FATAL, line, "out of memory");
	m->oom = 1;
}

void
xs_msgs_end(struct xs_msgs *m)
{
	enum severity	 sev = m->errors > 0 ? SEV_ERROR : SEV_WARNING;

	if (m->hidden > 0) {
		diag(m->d, sev, m->path, 0, "%d more message%s not shown",
		    m->hidden, m->hidden == 1 ? "" : "s");
		m->d->count[sev]--;	/* the hidden ones were counted */
	}
	m->hidden = 0;
}

/* A few libxml2 messages that speak of libxml2 rather than the file. */
static void
reword(char *msg, size_t sz)
{
	static const char utf8[] =
	    "input is not proper UTF-8, indicate encoding !; Bytes: ";
	static const char depth[] = "excessive depth in document: ";
	char	 tmp[1024];

	if (strncmp(msg, utf8, sizeof(utf8) - 1) == 0) {
		snprintf(tmp, sizeof(tmp), "input is not valid UTF-8 "
		    "(bytes %s)", msg + sizeof(utf8) - 1);
		snprintf(msg, sz, "%s", tmp);
	} else if (strncmp(msg, depth, sizeof(depth) - 1) == 0)
		snprintf(msg, sz, "elements are nested more than %d levels "
		    "deep", atoi(msg + sizeof(depth) - 1));
}

/* Does the message concern an element holding personal data?  libxml2's
 * validation messages start "Element 'name'" (our namespace dropped). */
static int
about_personal(const char *flat)
{
	const char	*p, *q;
	size_t		 i;

	if (strncmp(flat, "Element '", 9) != 0 &&
	    strncmp(flat, "element '", 9) != 0)
		return 0;
	p = flat + 9;
	if ((q = strchr(p, '\'')) == NULL)
		return 0;
	for (i = 0; i < sizeof(personal) / sizeof(personal[0]); i++)
		if (strlen(personal[i]) == (size_t)(q - p) &&
		    strncmp(p, personal[i], q - p) == 0)
			return 1;
	return 0;
}

/* In a message about personal data, the quoted strings that may stay:
 * names of elements, attributes, facets and types, patterns, lengths.
 * Any other one (the value) is redacted. */
static int
quote_kept(const char *flat, const char *quote)
{
	static const char *const kept[] = { "element ", "Element ",
	    "attribute ", "[facet ", "pattern ", "type ", "length of " };
	size_t	 i, k, before = (size_t)(quote - flat);

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		k = strlen(kept[i]);
		if (before >= k && strncmp(quote - k, kept[i], k) == 0)
			return 1;
	}
	return 0;
}

/*
 * libxml2's message, made ours: one line, our namespaces dropped, the
 * first word in lower case ("Element 'x'" -> "element 'x'"), quoted
 * values longer than a line cut short, the values of personal-data
 * elements redacted unless verbose, and a few rewordings.
 */
static void
tidy(const char *in, char *out, size_t outsz, int verbose)
{
	static const char redacted[] = "<redacted>";
	char		 flat[2048];
	const char	*p = in, *q;
	size_t		 o = 0, i, n;
	int		 redact;

	/* One line, without our namespaces. */
	while (*p != '\0' && o + 3 < sizeof(flat)) {
		for (i = 0; i < sizeof(own_ns) / sizeof(own_ns[0]); i++)
			if (strncmp(p, own_ns[i], strlen(own_ns[i])) == 0)
				break;
		if (i < sizeof(own_ns) / sizeof(own_ns[0])) {
			p += strlen(own_ns[i]);
			continue;
		}
		if (*p == '\n' || *p == '\r') {
			while (*p == '\n' || *p == '\r' || *p == ' ')
				p++;
			if (*p != '\0' && o > 0) {
				flat[o++] = ';';
				flat[o++] = ' ';
			}
			continue;
		}
		flat[o++] = *p++;
	}
	while (o > 0 && (flat[o - 1] == ' ' || flat[o - 1] == '!' ||
	    flat[o - 1] == ',' || flat[o - 1] == '.'))
		o--;
	flat[o] = '\0';
	redact = !verbose && about_personal(flat);

	/* Quoted values: an opening quote follows a space or bracket (so
	 * "couldn't" is no quote).  Long ones are cut to 48 bytes; one that
	 * libxml2 already cut, closing quote and all, is marked as cut. */
	for (p = flat, o = 0; *p != '\0' && o + 8 < outsz; ) {
		if (*p != '\'' || !(p == flat || p[-1] == ' ' || p[-1] == '(' ||
		    p[-1] == '[')) {
			out[o++] = *p++;
			continue;
		}
		q = strchr(p + 1, '\'');
		if (redact && !quote_kept(flat, p)) {
			if (o + sizeof(redacted) >= outsz)
				break;
			memcpy(out + o, redacted, sizeof(redacted) - 1);
			o += sizeof(redacted) - 1;
			if (q == NULL)
				break;
			p = q + 1;
			continue;
		}
		n = q != NULL ? (size_t)(q - p) + 1 : strlen(p);
		if (q != NULL && n <= 66) {
			if (o + n >= outsz)
				break;
			memcpy(out + o, p, n);
			o += n;
			p += n;
			continue;
		}
		if (n > 49)
			n = 49;
		while (n > 1 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
		if (o + n + 5 >= outsz)
			break;
		memcpy(out + o, p, n);
		o += n;
		memcpy(out + o, "...'", 4);
		o += 4;
		if (q == NULL)
			break;
		p = q + 1;
	}
	out[o] = '\0';
	if (out[0] >= 'A' && out[0] <= 'Z' && out[1] >= 'a' && out[1] <= 'z')
		out[0] = out[0] - 'A' + 'a';
	reword(out, outsz);
}

static void
report(struct xs_msgs *m, xs_error_t e)
{
	char	 msg[1024];

	if (e == NULL || e->code == XML_ERR_OK)
		return;
	if (e->code == XML_ERR_NO_MEMORY) {
		xs_oom(m, e->line);
		return;
	}
	/* After we halted the parser, or ran out of memory, whatever it
	 * says is an echo. */
	if (m->stopped || m->oom)
		return;
	/* In a coach's words where xmlsafe_coach.c knows the mistake. */
	switch (xs_coach(e, m->verbose, m->said, sizeof(m->said), msg,
	    sizeof(msg))) {
	case -1:
		return;
	case 0:
		if (xs_coach_parser(e, msg, sizeof(msg))) {
			/* What the parser says after a mistake it cannot
			 * get past (a '<' in a value) is its echo. */
			xs_msg(m, SEV_ERROR, e->line, "%s", msg);
			if (e->level == XML_ERR_FATAL)
				m->stopped = 1;
			return;
		}
		tidy(e->message != NULL ? e->message : "unknown XML error",
		    msg, sizeof(msg), m->verbose);
		break;
	default:
		break;
	}
	if (e->code == XML_SCHEMAV_INTERNAL || e->code == XML_SCHEMAP_INTERNAL) {
		/* libxml2 failed (often an allocation it did not report):
		 * not the document's fault. */
		m->internal = 1;
		xs_msg(m, SEV_FATAL, e->line, "libxml2 %s", msg);
		return;
	}
	if (e->level == XML_ERR_WARNING)
		m->lastwarn = e->code;
	xs_msg(m, e->level == XML_ERR_WARNING ? SEV_WARNING : SEV_ERROR,
	    e->line, "%s", msg);
}

/* Parser errors: ctx is the parser context, whose _private is ours. */
void
xs_parser_error(void *ctx, xs_error_t e)
{
	xmlParserCtxtPtr	 ctxt = ctx;

	if (ctxt != NULL && ctxt->_private != NULL)
		report(ctxt->_private, e);
}

/* Schema errors and the global safety net: ctx is the xs_msgs. */
void
xs_msgs_error(void *ctx, xs_error_t e)
{
	report(ctx, e);
}

static void generic_error(void *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
generic_error(void *ctx, const char *fmt, ...)
{
	struct hooks	*h = ctx;
	va_list		 ap;
	int		 n;

	if (h->len + 1 >= sizeof(h->text))
		return;
	va_start(ap, fmt);
	n = vsnprintf(h->text + h->len, sizeof(h->text) - h->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		h->len += (size_t)n < sizeof(h->text) - h->len ? (size_t)n :
		    sizeof(h->text) - h->len - 1;
}

void
xs_hooks_on(struct hooks *h, struct xs_msgs *m)
{
	memset(h, 0, sizeof(*h));
	h->m = m;
	h->sfn = xmlStructuredError;
	h->sctx = xmlStructuredErrorContext;
	h->gfn = xmlGenericError;
	h->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(m, xs_msgs_error);
	xmlSetGenericErrorFunc(h, generic_error);
}

/* Restore the handlers; a generic message counts as an error (out of
 * memory when it says so).  Returns -1 when there was one. */
int
xs_hooks_off(struct hooks *h)
{
	char	 msg[1024];

	xmlSetStructuredErrorFunc(h->sctx, h->sfn);
	xmlSetGenericErrorFunc(h->gctx, h->gfn);
	if (h->len == 0)
		return 0;
	if (strstr(h->text, "emory") != NULL ||
	    strstr(h->text, "alloc") != NULL)
		xs_oom(h->m, 0);
	else if (!h->m->stopped && !h->m->oom) {
		tidy(h->text, msg, sizeof(msg), h->m->verbose);
		xs_msg(h->m, SEV_ERROR, 0, "%s", msg);
	}
	return -1;
}

