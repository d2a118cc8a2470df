/*
 * xmlsafe.c: reading untrusted XML with libxml2; see xmlsafe.h.
 *
 * The defences, in the order a document meets them:
 *
 *  - open(O_RDONLY|O_CLOEXEC|O_NONBLOCK), so a FIFO cannot block us, then
 *    fstat(): only regular files, and no larger than the caller's cap
 *    (checked before reading; the read also stops one byte past the cap
 *    in case the file grows meanwhile);
 *  - the parse is from memory: libxml2 does not decompress a memory
 *    buffer, so a gzip file is just bytes that are not XML;
 *  - options XML_PARSE_NONET | XML_PARSE_NOCDATA only: never NOENT,
 *    DTDLOAD, DTDATTR, HUGE or XINCLUDE (so the default depth limit of
 *    256 and the size limits stay in force);
 *  - the SAX internalSubset/externalSubset handlers of our parser context
 *    report "DOCTYPE is not allowed" and stop the parser, which happens
 *    before the internal subset is read: no entity is ever declared, so
 *    none can be expanded (XXE, billion laughs, quadratic blow-up);
 *  - xs_init() installs a process-wide external entity loader that
 *    refuses everything.  It is the one process-wide libxml2 setting we
 *    make; it means the schemas are read by xs_read() too, never by URL;
 *  - before the parse, a linear scan of the bytes (attrs_ok()) refuses a
 *    start tag with more than XS_MAX_ATTRS attributes: libxml2 compares
 *    each new attribute with all earlier ones, so 60 000 attributes in
 *    600 KB cost seconds of CPU before any handler of ours could object.
 *
 * Messages: libxml2 reports through structured error handlers bound to
 * the document's struct xs_msgs (parser: sax->serror, schema:
 * xmlSchemaSetValidStructuredErrors).  Many libxml2 paths ignore the
 * context (encoding errors, and most "Memory allocation failed" reports,
 * which come from tree.c, buf.c and xmlstring.c), so during a parse, a
 * schema compile and a validation the global structured and generic
 * handlers are pointed at the same xs_msgs too (hooks_on/hooks_off) and
 * restored afterwards.
 *
 * Out of memory is never the file's fault and never a reason to go on
 * with a piece of the document missing: libxml2 keeps parsing after some
 * allocation failures and returns a tree without the node it could not
 * make, so xs_parse() also checks ctxt->errNo, and xs_attr()/xs_text()
 * copy values without libxml2's allocator (a NULL from
 * xmlNodeGetContent() would look like an empty value).  Each path ends in
 * xs_oom(): one "out of memory" at SEV_FATAL.
 *
 * Personal data: libxml2's validation messages quote the rejected value.
 * For the elements that hold personal data (personal[] below) tidy()
 * replaces such values with <redacted> unless m->verbose.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "xmlsafe.h"

#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA)

#if LIBXML_VERSION >= 21200
typedef const xmlError *xs_error_t;
#else
typedef xmlErrorPtr xs_error_t;
#endif

struct xs_schema {
	xmlDocPtr	 doc;		/* the schema document, kept alive */
	xmlSchemaPtr	 schema;
};

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
	tidy(e->message != NULL ? e->message : "unknown XML error", msg,
	    sizeof(msg), m->verbose);
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
static void
parser_error(void *ctx, xs_error_t e)
{
	xmlParserCtxtPtr	 ctxt = ctx;

	if (ctxt != NULL && ctxt->_private != NULL)
		report(ctxt->_private, e);
}

/* Schema errors and the global safety net: ctx is the xs_msgs. */
static void
msgs_error(void *ctx, xs_error_t e)
{
	report(ctx, e);
}

/*
 * The process-wide handlers, pointed at one document's messages while
 * libxml2 works on it.  The generic handler receives printf-style
 * fragments (a message may come in several calls): they are gathered,
 * and said as one message when the libxml2 call returns.
 */
struct hooks {
	struct xs_msgs		*m;
	xmlStructuredErrorFunc	 sfn;
	void			*sctx;
	xmlGenericErrorFunc	 gfn;
	void			*gctx;
	char			 text[256];
	size_t			 len;
};

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

static void
hooks_on(struct hooks *h, struct xs_msgs *m)
{
	memset(h, 0, sizeof(*h));
	h->m = m;
	h->sfn = xmlStructuredError;
	h->sctx = xmlStructuredErrorContext;
	h->gfn = xmlGenericError;
	h->gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(m, msgs_error);
	xmlSetGenericErrorFunc(h, generic_error);
}

/* Restore the handlers; a generic message counts as an error (out of
 * memory when it says so).  Returns -1 when there was one. */
static int
hooks_off(struct hooks *h)
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

/* ------------------------------------------------------------ defences */

static xmlParserInputPtr
refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
xs_init(void)
{
	static int	 done;

	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

/* Any DOCTYPE: record it at its line and stop before its subset. */
static void
refuse_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xs_msgs		*m = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	if (!m->stopped)
		xs_msg(m, SEV_ERROR, ctxt->input != NULL ? ctxt->input->line :
		    0, "DOCTYPE is not allowed (entities and external DTDs "
		    "are refused)");
	m->stopped = 1;
	xmlStopParser(ctxt);
}

static xmlParserInputPtr
refuse_resolve(void *ctx, const xmlChar *pub, const xmlChar *sys)
{
	(void)ctx;
	(void)pub;
	(void)sys;
	return NULL;
}

int
xs_read(const char *path, size_t max, char **bufp, size_t *lenp,
    struct diag *d, int *unreadable)
{
	struct stat	 st;
	char		*buf = NULL;
	size_t		 len = 0;
	ssize_t		 r;
	int		 fd, err;

	*bufp = NULL;
	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		err = errno;
		goto unreadable;
	}
	if (fstat(fd, &st) == -1) {
		err = errno;
		goto unreadable;
	}
	if (!S_ISREG(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		diag(d, SEV_ERROR, path, 0, "cannot read: %s",
		    err == EISDIR ? strerror(err) : "not a regular file");
		if (unreadable != NULL)
			*unreadable = 1;
		return -1;
	}
	if ((unsigned long long)st.st_size > max)
		goto toolarge;
	/* One byte more than the cap, to notice a file that grew. */
	if ((buf = malloc(max + 2)) == NULL) {
		err = errno;
		goto unreadable;
	}
	for (;;) {
		r = read(fd, buf + len, max + 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			err = errno;
			goto unreadable;
		}
		if (r == 0)
			break;
		len += r;
		if (len > max)
			goto toolarge;
	}
	close(fd);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;

toolarge:
	diag(d, SEV_ERROR, path, 0, "file is too large: %llu bytes, the "
	    "limit is %zu", len > max ? (unsigned long long)len :
	    (unsigned long long)st.st_size, max);
	free(buf);
	close(fd);
	return -1;
unreadable:
	diag(d, SEV_ERROR, path, 0, "cannot read: %s", strerror(err));
	free(buf);
	if (fd != -1)
		close(fd);
	if (unreadable != NULL)
		*unreadable = 1;
	return -1;
}

/* Skip to the end of the markup that starts at p (comment, CDATA, PI,
 * end tag or declaration): past the first occurrence of end, counting
 * lines.  Returns the position after it, or e. */
static const char *
skip_to(const char *p, const char *e, const char *end, int *line)
{
	size_t	 n = strlen(end);

	for (; p < e; p++) {
		if (*p == '\n')
			(*line)++;
		if (*p == end[0] && (size_t)(e - p) >= n &&
		    memcmp(p, end, n) == 0)
			return p + n;
	}
	return e;
}

/*
 * A linear scan for start tags with more than XS_MAX_ATTRS attributes,
 * which libxml2 would check for duplicates pairwise.  Conservative: it
 * counts '=' outside quotes between '<' and '>' (an '=' that is not an
 * attribute makes the document ill-formed anyway), skips comments, CDATA
 * sections, processing instructions, end tags and declarations, and is
 * done in one pass.  -1 with a message when a tag has too many.
 */
static int
attrs_ok(const char *buf, size_t len, struct xs_msgs *m)
{
	const char	*p = buf, *e = buf + len, *name;
	size_t		 nlen;
	int		 line = 1, tagline, n;
	char		 q;

	while (p < e) {
		if (*p != '<') {
			if (*p++ == '\n')
				line++;
			continue;
		}
		if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = skip_to(p + 4, e, "-->", &line);
			continue;
		}
		if (e - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			p = skip_to(p + 9, e, "]]>", &line);
			continue;
		}
		if (e - p >= 2 && p[1] == '?') {
			p = skip_to(p + 2, e, "?>", &line);
			continue;
		}
		if (e - p >= 2 && (p[1] == '/' || p[1] == '!')) {
			p = skip_to(p + 2, e, ">", &line);
			continue;
		}
		/* A start tag. */
		tagline = line;
		name = ++p;
		while (p < e && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '\r' && *p != '>' && *p != '/')
			p++;
		nlen = (size_t)(p - name);
		for (n = 0, q = '\0'; p < e; p++) {
			if (*p == '\n')
				line++;
			if (q != '\0') {
				if (*p == q)
					q = '\0';
			} else if (*p == '"' || *p == '\'')
				q = *p;
			else if (*p == '=')
				n++;
			else if (*p == '>' || *p == '<')
				break;
		}
		if (n > XS_MAX_ATTRS) {
			xs_msg(m, SEV_ERROR, tagline, "element '%.*s' has more "
			    "than %d attributes", nlen > 40 ? 40 : (int)nlen,
			    name, XS_MAX_ATTRS);
			return -1;
		}
		if (p < e && *p == '>')
			p++;
	}
	return 0;
}

struct _xmlDoc *
xs_parse(const char *buf, size_t len, struct xs_msgs *m)
{
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc;
	struct hooks		 h;
	int			 before = m->errors, wellformed, errno_, gen;

	xs_init();
	if (len > INT_MAX) {
		xs_msg(m, SEV_ERROR, 0, "file is too large");
		return NULL;
	}
	if (len >= 2 && (unsigned char)buf[0] == 0x1f &&
	    (unsigned char)buf[1] == 0x8b) {
		xs_msg(m, SEV_ERROR, 0, "file is gzip-compressed; "
		    "compressed files are not read");
		return NULL;
	}
	if (attrs_ok(buf, len, m) == -1)
		return NULL;
	hooks_on(&h, m);
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		hooks_off(&h);
		xs_oom(m, 0);
		return NULL;
	}
	ctxt->_private = m;
	ctxt->sax->internalSubset = refuse_subset;
	ctxt->sax->externalSubset = refuse_subset;
	ctxt->sax->resolveEntity = refuse_resolve;
	ctxt->sax->serror = parser_error;

	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
	    PARSE_OPTIONS);
	wellformed = ctxt->wellFormed;
	errno_ = ctxt->errNo;
	xmlFreeParserCtxt(ctxt);
	gen = hooks_off(&h);
	if (errno_ == XML_ERR_NO_MEMORY)
		xs_oom(m, 0);
	/* errNo also keeps the code of a warning (a namespace URI that is
	 * not absolute, say): that one alone does not reject the file. */
	if (doc != NULL && wellformed && !m->stopped && !m->oom &&
	    gen == 0 && m->errors == before &&
	    (errno_ == XML_ERR_OK || errno_ == m->lastwarn) &&
	    xmlDocGetRootElement(doc) != NULL)
		return doc;
	if (m->errors == before)
		xs_msg(m, SEV_ERROR, 0, "not well-formed XML");
	xmlFreeDoc(doc);
	return NULL;
}

void
xs_doc_free(struct _xmlDoc *doc)
{
	xmlFreeDoc(doc);
}

struct xs_schema *
xs_schema_load(const char *path, struct diag *d)
{
	struct xs_schema	*s;
	struct xs_msgs		 m;
	struct hooks		 h;
	xmlSchemaParserCtxtPtr	 pctxt;
	char			*buf;
	size_t			 len;

	xs_init();
	if (xs_read(path, 4 * 1024 * 1024, &buf, &len, d, NULL) == -1)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		free(buf);
		diag(d, SEV_FATAL, path, 0, "out of memory");
		return NULL;
	}
	/* The schemas are ours: their messages are shown whole. */
	xs_msgs_init(&m, d, path);
	m.verbose = 1;
	s->doc = xs_parse(buf, len, &m);
	free(buf);
	if (s->doc == NULL)
		goto fail;
	hooks_on(&h, &m);
	if ((pctxt = xmlSchemaNewDocParserCtxt(s->doc)) == NULL) {
		hooks_off(&h);
		xs_oom(&m, 0);
		goto fail;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, msgs_error, &m);
	s->schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	hooks_off(&h);
	if (s->schema == NULL || m.errors > 0) {
		if (m.errors == 0)
			xs_msg(&m, SEV_ERROR, 0, "cannot compile the schema");
		goto fail;
	}
	xs_msgs_end(&m);
	return s;
fail:
	xs_msgs_end(&m);
	xs_schema_free(s);
	return NULL;
}

void
xs_schema_free(struct xs_schema *s)
{
	if (s == NULL)
		return;
	xmlSchemaFree(s->schema);
	xmlFreeDoc(s->doc);
	free(s);
}

int
xs_validate(const struct xs_schema *s, struct _xmlDoc *doc,
    struct xs_msgs *m)
{
	xmlSchemaValidCtxtPtr	 v;
	struct hooks		 h;
	int			 rc, gen, before = m->errors;

	hooks_on(&h, m);
	if ((v = xmlSchemaNewValidCtxt(s->schema)) == NULL) {
		hooks_off(&h);
		xs_oom(m, 0);
		return -1;
	}
	xmlSchemaSetValidStructuredErrors(v, msgs_error, m);
	rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	gen = hooks_off(&h);
	if (rc == 0 && gen == 0 && m->errors == before)
		return 0;
	if (rc < 0 && !m->oom && !m->internal) {
		/* -1 is libxml2's own failure, never the document's. */
		m->internal = 1;
		xs_msg(m, SEV_FATAL, 0, "libxml2 internal error in schema "
		    "validation");
	} else if (m->errors == before)
		xs_msg(m, SEV_ERROR, 0, "schema validation failed (%d)", rc);
	return -1;
}

/* ---------------------------------------------------------------- tree */

struct _xmlNode *
xs_root(struct _xmlDoc *doc)
{
	return xmlDocGetRootElement(doc);
}

struct _xmlNode *
xs_next(struct _xmlNode *n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

struct _xmlNode *
xs_first(struct _xmlNode *parent)
{
	xmlNodePtr	 n = parent->children;

	if (n == NULL || n->type == XML_ELEMENT_NODE)
		return n;
	return xs_next(n);
}

int
xs_is(const struct _xmlNode *n, const char *name)
{
	return strcmp((const char *)n->name, name) == 0;
}

const char *
xs_name(const struct _xmlNode *n)
{
	return (const char *)n->name;
}

const char *
xs_ns(const struct _xmlNode *n)
{
	return n->ns != NULL && n->ns->href != NULL ?
	    (const char *)n->ns->href : NULL;
}

int
xs_line(const struct _xmlNode *n)
{
	long	 l = xmlGetLineNo(n);

	return l > 0 && l < INT_MAX ? (int)l : 0;
}

/*
 * The text and CDATA below top (an element or an attribute), starting at
 * its first child, in document order: copied to out when not NULL.
 * Returns the length.  (The parse substitutes character references and
 * the predefined entities, and no other entity exists, so text and CDATA
 * nodes hold all of it, as xmlNodeGetContent() would gather it.)
 */
static size_t
gather(const void *top, xmlNodePtr n, char *out)
{
	size_t	 len = 0, k;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			k = strlen((const char *)n->content);
			if (out != NULL)
				memcpy(out + len, n->content, k);
			len += k;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if ((const void *)n == top)
				return len;
		}
		if (n != NULL)
			n = n->next;
	}
	return len;
}

/* The value of top, trimmed, in the arena; NULL when out of memory. */
static const char *
value(struct arena *a, const void *top, xmlNodePtr first)
{
	size_t	 len = gather(top, first, NULL), b = 0;
	char	*s;

	if ((s = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	gather(top, first, s);
	s[len] = '\0';
	while (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')
		b++;
	while (len > b && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	s[len] = '\0';
	return s + b;
}

const char *
xs_attr(struct xs_msgs *m, struct arena *a, struct _xmlNode *n,
    const char *name)
{
	xmlAttrPtr	 at;
	const char	*s;

	for (at = n->properties; at != NULL; at = at->next)
		if (at->ns == NULL && at->name != NULL &&
		    strcmp((const char *)at->name, name) == 0)
			break;
	if (at == NULL)
		return NULL;
	if ((s = value(a, at, at->children)) == NULL)
		xs_oom(m, xs_line(n));
	return s;
}

const char *
xs_text(struct xs_msgs *m, struct arena *a, struct _xmlNode *n)
{
	const char	*s;

	if ((s = value(a, n, n->children)) == NULL) {
		xs_oom(m, xs_line(n));
		return "";
	}
	return s;
}

double
xs_num(const char *s, double dflt)
{
	return s == NULL || *s == '\0' ? dflt : strtod(s, NULL);
}

long
xs_long(const char *s, long dflt)
{
	return s == NULL || *s == '\0' ? dflt : strtol(s, NULL, 10);
}

int
xs_bool(const char *s, int dflt)
{
	if (s == NULL || *s == '\0')
		return dflt;
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}
