/*
 * load_brand.c: the --brand file -> struct brand; see brand.h and
 * schemas/brand.xsd.
 *
 * The same path as a profile: xs_read() (regular file, size cap), the
 * root element and namespace checked, xs_parse() (no DOCTYPE, no
 * network), xs_validate() against schemas/brand.xsd, then a walk into
 * plain strings on the brand's arena.  The schema compiles once per call:
 * a brand is loaded once per run, so nothing is cached.
 *
 * The logo path (relative, by the schema) is resolved against the brand
 * file's directory and loaded with image_load(); a missing or unusable
 * logo fails the whole brand, with a message naming the logo file and the
 * line of the brand file that names it.  A report is never made without
 * the logo its brand asks for.
 *
 * Out of memory while copying a value (xs_text, see xmlsafe.h) is said
 * once at SEV_FATAL and fails the brand; such a value reads as "" until
 * the walk ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brand.h"
#include "xmlsafe.h"

#define NS_BRAND	"urn:reportgen:brand:1"

typedef struct _xmlNode node;

/* "dir/of/brand.xml" + "logo.png" -> "dir/of/logo.png"; "b.xml" -> "./". */
static char *
resolve(struct arena *a, const char *brand_path, const char *rel)
{
	const char	*slash = strrchr(brand_path, '/');
	size_t		 dl, rl = strlen(rel);
	char		*s;

	if (slash == NULL)
		return arena_strdup(a, rel);
	dl = (size_t)(slash - brand_path) + 1;
	if ((s = arena_alloc(a, dl + rl + 1)) == NULL)
		return NULL;
	memcpy(s, brand_path, dl);
	memcpy(s + dl, rel, rl + 1);
	return s;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 0;
}

/* "#RRGGBB" (checked by the schema) -> three floats in 0..1; anything
 * else (a value lost to out of memory) leaves rgb alone. */
static void
parse_colour(const char *s, float rgb[3])
{
	int	 i;

	if (s[0] != '#' || strlen(s) != 7)
		return;
	for (i = 0; i < 3; i++)
		rgb[i] = (float)(hexval(s[1 + 2 * i]) * 16 +
		    hexval(s[2 + 2 * i])) / 255.0f;
}

static void
read_coach(struct brand *b, node *c, struct xs_msgs *m)
{
	node	*n;

	for (n = xs_first(c); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "name"))
			b->coach = xs_text(m, b->arena, n);
		else if (xs_is(n, "email"))
			b->email = xs_text(m, b->arena, n);
		else if (xs_is(n, "phone"))
			b->phone = xs_text(m, b->arena, n);
		else if (xs_is(n, "url"))
			b->url = xs_text(m, b->arena, n);
	}
}

/* Walk the validated tree; -1 when the logo cannot be used. */
static int
build(struct brand *b, node *root, struct xs_msgs *m)
{
	node		*n, *logo = NULL;
	const char	*s;

	for (n = xs_first(root); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "organisation"))
			b->org = xs_text(m, b->arena, n);
		else if (xs_is(n, "coach"))
			read_coach(b, n, m);
		else if (xs_is(n, "accent")) {
			parse_colour(xs_text(m, b->arena, n), b->accent);
			b->has_accent = 1;
		} else if (xs_is(n, "logo"))
			logo = n;
		else if (xs_is(n, "footer"))
			b->footer = xs_text(m, b->arena, n);
	}
	if (m->oom)
		return -1;
	if (logo == NULL)
		return 0;
	s = xs_text(m, b->arena, logo);
	if (m->oom || (s = resolve(b->arena, b->path, s)) == NULL) {
		xs_oom(m, xs_line(logo));
		return -1;
	}
	if (image_load(s, &b->logo, m->d) == -1) {
		xs_msg(m, SEV_ERROR, xs_line(logo), "the logo '%s' cannot be "
		    "used (see above); fix or remove the <logo> element", s);
		return -1;
	}
	b->logo_path = s;
	return 0;
}

static char *
schema_path(const char *datadir)
{
	static const char	 rel[] = "/schemas/brand.xsd";
	size_t			 n = strlen(datadir);
	char			*s;

	if ((s = malloc(n + sizeof(rel))) == NULL)
		return NULL;
	memcpy(s, datadir, n);
	memcpy(s + n, rel, sizeof(rel));
	return s;
}

struct brand *
brand_load_mem(const char *datadir, const char *path, const char *buf,
    size_t len, struct diag *d)
{
	struct xs_msgs		 msgs;
	struct xs_schema	*schema = NULL;
	struct _xmlDoc		*doc = NULL;
	struct arena		*a = NULL;
	struct brand		*b = NULL;
	node			*root;
	const char		*ns;
	char			*xsd;

	xs_init();
	xs_msgs_init(&msgs, d, path);
	if ((xsd = schema_path(datadir)) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		return NULL;
	}
	schema = xs_schema_load(xsd, d);
	free(xsd);
	if (schema == NULL)
		return NULL;
	if (len > BRAND_MAX_BYTES) {
		xs_msg(&msgs, SEV_ERROR, 0, "file is too large: %zu bytes, "
		    "the limit is %d", len, BRAND_MAX_BYTES);
		goto out;
	}
	if ((doc = xs_parse(buf, len, &msgs)) == NULL)
		goto out;
	root = xs_root(doc);
	ns = xs_ns(root);
	if (!xs_is(root, "brand") || ns == NULL || strcmp(ns, NS_BRAND) != 0) {
		xs_msg(&msgs, SEV_ERROR, xs_line(root), "root element must "
		    "be 'brand' in namespace " NS_BRAND " (found '%s'%s%s)",
		    xs_name(root), ns != NULL ? " in namespace " :
		    " in no namespace", ns != NULL ? ns : "");
		goto out;
	}
	if (xs_validate(schema, doc, &msgs) == -1)
		goto out;
	if ((a = arena_new()) == NULL || (b = arena_alloc(a,
	    sizeof(*b))) == NULL || (b->path = arena_strdup(a, path)) ==
	    NULL) {
		arena_free(a);
		b = NULL;
		xs_oom(&msgs, 0);
		goto out;
	}
	b->arena = a;
	if (build(b, root, &msgs) == -1 || b->org == NULL ||
	    msgs.errors > 0) {
		brand_free(b);
		b = NULL;
	}
out:
	xs_msgs_end(&msgs);
	xs_doc_free(doc);
	xs_schema_free(schema);
	return b;
}

struct brand *
brand_load(const char *datadir, const char *path, struct diag *d,
    int *unreadable)
{
	struct brand	*b;
	char		*buf;
	size_t		 len;

	if (xs_read(path, BRAND_MAX_BYTES, &buf, &len, d, unreadable) == -1)
		return NULL;
	b = brand_load_mem(datadir, path, buf, len, d);
	free(buf);
	return b;
}

void
brand_free(struct brand *b)
{
	if (b == NULL)
		return;
	image_free(&b->logo);
	arena_free(b->arena);
}
