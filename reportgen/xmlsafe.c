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
 *    make; it means the schemas are read by xs_read() too, never by URL.
 *
 * Messages: libxml2 reports through structured error handlers bound to
 * the document's struct xs_msgs (parser: sax->serror, schema:
 * xmlSchemaSetValidStructuredErrors).  As a safety net for the few
 * libxml2 paths that ignore the context (character encoding errors), the
 * global structured handler is pointed at the same xs_msgs during a parse
 * and restored afterwards.
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

/*
 * libxml2's message, made ours: one line, our namespaces dropped, the
 * first word in lower case ("Element 'x'" -> "element 'x'"), quoted
 * values longer than a line cut short, and a few rewordings.
 */
static void
tidy(const char *in, char *out, size_t outsz)
{
	char		 flat[2048];
	const char	*p = in, *q;
	size_t		 o = 0, i, n;

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
	/* After we halted the parser, whatever it says is an echo. */
	if (m->stopped)
		return;
	tidy(e->message != NULL ? e->message : "unknown XML error", msg,
	    sizeof(msg));
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

struct _xmlDoc *
xs_parse(const char *buf, size_t len, struct xs_msgs *m)
{
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc;
	xmlStructuredErrorFunc	 oldfn;
	void			*oldctx;
	int			 before = m->errors, wellformed;

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
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		xs_msg(m, SEV_ERROR, 0, "out of memory");
		return NULL;
	}
	ctxt->_private = m;
	ctxt->sax->internalSubset = refuse_subset;
	ctxt->sax->externalSubset = refuse_subset;
	ctxt->sax->resolveEntity = refuse_resolve;
	ctxt->sax->serror = parser_error;

	oldfn = xmlStructuredError;
	oldctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(m, msgs_error);
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
	    PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(oldctx, oldfn);

	wellformed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	if (doc != NULL && wellformed && !m->stopped && m->errors == before)
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
	xs_msgs_init(&m, d, path);
	s->doc = xs_parse(buf, len, &m);
	free(buf);
	if (s->doc == NULL)
		goto fail;
	if ((pctxt = xmlSchemaNewDocParserCtxt(s->doc)) == NULL) {
		xs_msg(&m, SEV_ERROR, 0, "out of memory");
		goto fail;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, msgs_error, &m);
	s->schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
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
	int			 rc, before = m->errors;

	if ((v = xmlSchemaNewValidCtxt(s->schema)) == NULL) {
		xs_msg(m, SEV_ERROR, 0, "out of memory");
		return -1;
	}
	xmlSchemaSetValidStructuredErrors(v, msgs_error, m);
	rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (rc == 0 && m->errors == before)
		return 0;
	if (m->errors == before)
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

static const char *
trimmed(struct arena *a, const char *s)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(a, s, n);
}

const char *
xs_attr(struct arena *a, struct _xmlNode *n, const char *name)
{
	xmlChar		*v;
	const char	*s;

	if ((v = xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = trimmed(a, (const char *)v);
	xmlFree(v);
	return s;
}

const char *
xs_text(struct arena *a, struct _xmlNode *n)
{
	xmlChar		*v;
	const char	*s;

	if ((v = xmlNodeGetContent(n)) == NULL)
		return arena_strdup(a, "");
	s = trimmed(a, (const char *)v);
	xmlFree(v);
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
