/*
 * load_market.c: data/market.xml -> struct market.
 *
 * The document is read and validated against schemas/market.xsd by
 * xmlsafe.c, then walked once by load_market_walk.c, which checks what
 * the schema cannot say.  Any error makes the market unusable: the tool
 * cannot score without it.  Also the questions later stages ask of a
 * loaded market: is it stale, which dimension does a keyword name.
 *
 * The shipped pair (data/market.xml and schemas/market.xsd as built, the
 * Makefile checks that one validates against the other) is not validated
 * again at run time: compiling the schema and validating cost 10 M
 * instructions, a quarter of one render (issue 17).  Only those exact
 * bytes are spared it, both files compared whole with the copies built
 * in; any other market file, or the shipped one with a changed schema, is
 * validated as before.  The walk does not rely on validation for values
 * (see load_market_walk.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load.h"
#include "load_private.h"
#include "xmlsafe.h"

#define NS_MARKET	"urn:reportgen:market:1"

typedef struct _xmlNode node;

#ifdef RG_SHIPPED_MARKET
/* The shipped files' bytes, from the Makefile (-DRG_SHIPPED_MARKET=path of
 * data/market.xml, -DRG_SHIPPED_XSD=path of schemas/market.xsd). */
extern const char	rg_shipped_market[], rg_shipped_market_end[];
extern const char	rg_shipped_xsd[], rg_shipped_xsd_end[];
__asm__(".section .rodata\n"
    ".balign 16\n"
    "rg_shipped_market:\n.incbin \"" RG_SHIPPED_MARKET "\"\n"
    "rg_shipped_market_end:\n"
    "rg_shipped_xsd:\n.incbin \"" RG_SHIPPED_XSD "\"\n"
    "rg_shipped_xsd_end:\n"
    ".previous\n");

/* buf is the shipped market data and xsd_path the shipped schema, byte
 * for byte. */
static int
shipped(const char *xsd_path, const char *buf, size_t len)
{
	size_t		 mlen = (size_t)(rg_shipped_market_end - rg_shipped_market);
	size_t		 xlen = (size_t)(rg_shipped_xsd_end - rg_shipped_xsd);
	char		*xsd = NULL;
	size_t		 n;
	struct diag	 quiet;	/* a schema we cannot read: said by
				 * xs_schema_load, not here */
	int		 same;

	if (len != mlen || memcmp(buf, rg_shipped_market, len) != 0)
		return 0;
	diag_init(&quiet, NULL);
	same = xs_read(xsd_path, xlen, &xsd, &n, &quiet, NULL) == 0 &&
	    n == xlen && memcmp(xsd, rg_shipped_xsd, n) == 0;
	free(xsd);		/* NULL when it could not be read */
	diag_free(&quiet);
	return same;
}
#else
static int
shipped(const char *xsd_path, const char *buf, size_t len)
{
	(void)xsd_path, (void)buf, (void)len;
	return 0;
}
#endif

struct market *
market_load_mem(const char *xsd_path, const char *path, const char *buf,
    size_t len, struct diag *d)
{
	struct xs_schema	*schema = NULL;
	struct xs_msgs		 msgs;
	struct _xmlDoc		*doc = NULL;
	struct arena		*a = NULL;
	struct market		*m = NULL;
	node			*root;
	const char		*ns;
	int			 known;

	xs_msgs_init(&msgs, d, path);
	if (len > MARKET_MAX_BYTES) {
		xs_msg(&msgs, SEV_ERROR, 0, "file is too large: %zu bytes, "
		    "the limit is %d", len, MARKET_MAX_BYTES);
		goto out;
	}
	if (!(known = shipped(xsd_path, buf, len)) &&
	    (schema = xs_schema_load(xsd_path, d)) == NULL)
		goto out;
	if ((doc = xs_parse(buf, len, &msgs)) == NULL)
		goto out;
	root = xs_root(doc);
	ns = xs_ns(root);
	if (!xs_is(root, "market") || ns == NULL ||
	    strcmp(ns, NS_MARKET) != 0) {
		xs_msg(&msgs, SEV_ERROR, xs_line(root), "root element must "
		    "be 'market' in namespace " NS_MARKET);
		goto out;
	}
	if (!known && xs_validate(schema, doc, &msgs) == -1)
		goto out;
	if ((a = arena_new()) == NULL || (m = arena_alloc(a,
	    sizeof(*m))) == NULL || (m->path = arena_strdup(a, path))
	    == NULL) {
		xs_oom(&msgs, 0);
		goto out;
	}
	m->arena = a;
	a = NULL;
	market_walk(m, &msgs, root);
	if (msgs.errors > 0) {
		market_free(m);
		m = NULL;
	}
out:
	xs_msgs_end(&msgs);
	arena_free(a);
	xs_doc_free(doc);
	xs_schema_free(schema);
	return m;
}

struct market *
market_load(const char *xsd_path, const char *xml_path, struct diag *d)
{
	struct market	*m;
	char		*buf;
	size_t		 len;

	if (xs_read(xml_path, MARKET_MAX_BYTES, &buf, &len, d, NULL) == -1)
		return NULL;
	m = market_load_mem(xsd_path, xml_path, buf, len, d);
	free(buf);
	return m;
}

void
market_free(struct market *m)
{
	if (m != NULL)
		arena_free(m->arena);
}

int
market_warn_stale(const struct market *m, struct ym today, struct diag *d)
{
	if (!market_stale(m, today))
		return 0;
	diag(d, SEV_WARNING, m->path, 0, "the market data is as of %s, more "
	    "than 12 months before %04d-%02d: its figures may be out of date",
	    m->as_of, today.year, today.month);
	return 1;
}

/* Keywords compare case-insensitively (ASCII), trimmed, against each
 * dimension's synonyms, id and name. */
int
market_match_keyword(const struct market *m, const char *kw)
{
	size_t	 n;
	int	 i, j;

	if (m == NULL || kw == NULL)
		return -1;
	while (*kw == ' ' || *kw == '\t' || *kw == '\n' || *kw == '\r')
		kw++;
	n = strlen(kw);
	while (n > 0 && (kw[n - 1] == ' ' || kw[n - 1] == '\t' ||
	    kw[n - 1] == '\n' || kw[n - 1] == '\r'))
		n--;
	if (n == 0)
		return -1;
	for (i = 0; i < m->ndims; i++) {
		for (j = 0; j < m->dims[i].nsynonyms; j++)
			if (strlen(m->dims[i].synonyms[j]) == n &&
			    strncasecmp(m->dims[i].synonyms[j], kw, n) == 0)
				return i;
		if ((strlen(m->dims[i].id) == n &&
		    strncasecmp(m->dims[i].id, kw, n) == 0) ||
		    (m->dims[i].name != NULL && strlen(m->dims[i].name) == n &&
		    strncasecmp(m->dims[i].name, kw, n) == 0))
			return i;
	}
	return -1;
}
