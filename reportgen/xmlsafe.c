/*
 * xmlsafe.c: reading untrusted XML with libxml2; see xmlsafe.h.  This
 * room reads, parses and validates; xmlsafe_msg.c holds the messages
 * and their redaction, xmlsafe_tree.c the walk of a validated tree.
 *
 * The defences, in the order a document meets them:
 *
 *  - readfile() (readfile.c): open(O_RDONLY|O_CLOEXEC|O_NONBLOCK), so a
 *    FIFO cannot block us, then fstat(): only regular files, and no
 *    larger than the caller's cap (checked before reading; the read also
 *    stops one byte past the cap in case the file grows meanwhile);
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
 * For the elements that hold personal data (personal[] in
 * xmlsafe_msg.c) tidy() replaces such values with <redacted> unless
 * m->verbose.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "readfile.h"
#include "xmlsafe_private.h"

#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA)

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

/* The loaders' reader: readfile() with their cap. */
int
xs_read(const char *path, size_t max, char **bufp, size_t *lenp,
    struct diag *d, int *unreadable)
{
	struct readfile	 rf = { max, 0, NULL, NULL };
	int		 rc;

	if ((rc = readfile(path, &rf, bufp, lenp, d)) == 0)
		return 0;
	if (rc == EX_NOINPUT && unreadable != NULL)
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
	xs_hooks_on(&h, m);
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		xs_hooks_off(&h);
		xs_oom(m, 0);
		return NULL;
	}
	ctxt->_private = m;
	ctxt->sax->internalSubset = refuse_subset;
	ctxt->sax->externalSubset = refuse_subset;
	ctxt->sax->resolveEntity = refuse_resolve;
	ctxt->sax->serror = xs_parser_error;

	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
	    PARSE_OPTIONS);
	wellformed = ctxt->wellFormed;
	errno_ = ctxt->errNo;
	xmlFreeParserCtxt(ctxt);
	gen = xs_hooks_off(&h);
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
	xs_hooks_on(&h, &m);
	if ((pctxt = xmlSchemaNewDocParserCtxt(s->doc)) == NULL) {
		xs_hooks_off(&h);
		xs_oom(&m, 0);
		goto fail;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, xs_msgs_error, &m);
	s->schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	xs_hooks_off(&h);
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

	xs_hooks_on(&h, m);
	if ((v = xmlSchemaNewValidCtxt(s->schema)) == NULL) {
		xs_hooks_off(&h);
		xs_oom(m, 0);
		return -1;
	}
	xmlSchemaSetValidStructuredErrors(v, xs_msgs_error, m);
	rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	gen = xs_hooks_off(&h);
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
