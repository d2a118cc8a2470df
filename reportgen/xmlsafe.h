/*
 * xmlsafe.h: reading untrusted XML, for load_*.c only.
 *
 * This header names libxml2's structs by their tags (struct _xmlDoc,
 * struct _xmlNode) without including libxml2, so the rule "libxml2 is
 * included by xmlsafe.c and load_*.c only" holds for headers too.
 *
 * The defences (see xmlsafe.c): files are opened without blocking and
 * must be regular, their size is capped before reading, the parser works
 * from memory (no decompression, no network), any DOCTYPE stops the parse
 * before an entity can be declared, and a process-wide external entity
 * loader refuses every URL, and a start tag with more than
 * XS_MAX_ATTRS attributes is refused before libxml2 sees it (its
 * duplicate check is quadratic).  Every message, from libxml2 or from the
 * loaders, goes out through xs_msg(): tidied, made printable, capped per
 * document, and with the values of personal-data elements (name, email,
 * notes, ...) replaced by '...' unless the document's messages are
 * verbose.
 *
 * Out of memory: libxml2 reports it in several ways (structured, generic,
 * errNo, a NULL result); xmlsafe.c catches each during a parse, a schema
 * compile and a validation, and xs_attr()/xs_text() tell it from an
 * absent value.  Each sets m->oom and says "out of memory" once, at
 * SEV_FATAL: the document is rejected, never read with a piece missing.
 */
#ifndef REPORTGEN_XMLSAFE_H
#define REPORTGEN_XMLSAFE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define XS_MAX_MESSAGES	20	/* per document; the rest are counted */
#define XS_MAX_ATTRS	64	/* per start tag; market.xml uses 11 at most */

struct _xmlDoc;
struct _xmlNode;
struct xs_schema;

/* The messages of one document: where they go and how many went. */
struct xs_msgs {
	struct diag	*d;
	const char	*path;
	int		 shown;
	int		 hidden;
	int		 errors;	/* errors reported, shown or not */
	int		 stopped;	/* the parser was halted on purpose */
	int		 oom;		/* out of memory: said once, fatal */
	int		 internal;	/* libxml2 failed inside (not the file) */
	int		 lastwarn;	/* libxml2 code of the last warning */
	int		 verbose;	/* show personal-data values in messages */
	char		 said[160];	/* what the last schema message was
					 * about: one mistake, one message */
};

void	xs_msgs_init(struct xs_msgs *, struct diag *, const char *path);
void	xs_msg(struct xs_msgs *, enum severity, int line, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
void	xs_msgs_end(struct xs_msgs *);	/* "N more errors not shown" */
/* Out of memory while reading the document at line: the first call says
 * so (SEV_FATAL) and sets m->oom; later ones are silent. */
void	xs_oom(struct xs_msgs *, int line);

/* Once per process: refuse every external entity.  Idempotent. */
void	xs_init(void);

/* Read a regular file of at most max bytes into a malloc'd buffer (NUL
 * terminated) with readfile().  -1 with a message; *unreadable is set
 * when the file could not be read at all (as opposed to being too large
 * or memory running out). */
int	xs_read(const char *path, size_t max, char **buf, size_t *len,
	    struct diag *, int *unreadable);

/* Parse a document from memory.  NULL when it is not well-formed, has a
 * DOCTYPE, a start tag with more than XS_MAX_ATTRS attributes, or could
 * not be read whole (out of memory: m->oom); the reasons are in m. */
struct _xmlDoc	*xs_parse(const char *buf, size_t len, struct xs_msgs *m);
void		 xs_doc_free(struct _xmlDoc *);

/* Compile a schema file (read and parsed as above).  NULL on failure. */
struct xs_schema *xs_schema_load(const char *xsd_path, struct diag *);
void		 xs_schema_free(struct xs_schema *);

/* Validate; 0 when valid, -1 with the reasons in m (m->oom or
 * m->internal set when the failure is not the document's). */
int	xs_validate(const struct xs_schema *, struct _xmlDoc *,
	    struct xs_msgs *m);

/* Walking a validated tree. */
struct _xmlNode	*xs_root(struct _xmlDoc *);
struct _xmlNode	*xs_first(struct _xmlNode *);	/* first element child */
struct _xmlNode	*xs_next(struct _xmlNode *);	/* next element sibling */
int		 xs_is(const struct _xmlNode *, const char *name);
const char	*xs_name(const struct _xmlNode *);
const char	*xs_ns(const struct _xmlNode *);	/* NULL when none */
int		 xs_line(const struct _xmlNode *);
/* Attribute / text content, whitespace-trimmed, copied into the arena
 * without calling libxml2's allocator.  xs_attr returns NULL when the
 * attribute is absent, and also when the arena is out of memory: then
 * xs_oom(m) has been called, so the walk goes on (with NULL handled as
 * absent) and the caller rejects the document on m->errors.  xs_text
 * never returns NULL: "" when out of memory, again with xs_oom(m). */
const char	*xs_attr(struct xs_msgs *, struct arena *, struct _xmlNode *,
		    const char *name);
const char	*xs_text(struct xs_msgs *, struct arena *, struct _xmlNode *);

/* Values the schema has already checked: a NULL (absent) value gives the
 * default. */
double		 xs_num(const char *, double dflt);
long		 xs_long(const char *, long dflt);
int		 xs_bool(const char *, int dflt);

/* Make text safe to print: control characters, invalid UTF-8 and the
 * invisible or direction-changing code points become escapes.  Returns
 * out. */
char	*xs_printable(const char *in, char *out, size_t outsz);

#endif
