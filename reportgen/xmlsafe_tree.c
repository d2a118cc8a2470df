/*
 * xmlsafe_tree.c: walking a validated tree for the loaders (load_*.c):
 * element children and siblings, names, lines, and attribute and text
 * values copied into the caller's arena without libxml2's allocator (so
 * out of memory is told from an absent value), and the schema-checked
 * numbers and booleans.
 */
#include <stdlib.h>
#include <string.h>

#include "xmlsafe_private.h"

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
