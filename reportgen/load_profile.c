/*
 * load_profile.c: the loader, and candidate profile -> struct profile.
 *
 * loader_new() compiles schemas/candidate.xsd once and loads the market
 * data; both are read-only afterwards and shared by every profile_load()
 * (and by the batch workers after fork).  A profile is read (xmlsafe.c),
 * its root checked, validated against the compiled schema, then walked
 * into a struct profile on its own arena.  What the schema cannot say is
 * checked during the walk, each message with the line it concerns:
 * positions that end before they start, skill dimensions and statements
 * the market data does not define (errors), keywords no dimension knows
 * (warnings: the profile is still valid).
 *
 * Out of memory during the walk (xs_attr/xs_text, see xmlsafe.h) is said
 * once at SEV_FATAL and rejects the profile; until the walk ends, a value
 * that could not be copied reads as absent, so every attribute read here
 * handles NULL.  A command can tell that rejection from an invalid file
 * by the diag's worst severity (SEV_FATAL: EX_OSERR rather than
 * EX_DATAERR).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load.h"
#include "xmlsafe.h"

#define NS_CANDIDATE	"urn:reportgen:candidate:1"
#define YEAR_MIN	1900
#define YEAR_MAX	2100

typedef struct _xmlNode node;

struct loader {
	struct xs_schema *schema;	/* candidate.xsd, compiled */
	struct market	*market;
	int		 verbose;	/* personal values in messages */
	struct ym	 today;		/* the report date: no later dates */
};

/* One walk: the profile being built, its market, its messages. */
struct pwalk {
	const struct market *mk;
	struct profile	*p;
	struct xs_msgs	*msgs;
	struct ym	 today;
};

static char *
join(const char *a, const char *b)
{
	size_t	 na = strlen(a), nb = strlen(b);
	char	*s;

	if ((s = malloc(na + nb + 2)) == NULL)
		return NULL;
	memcpy(s, a, na);
	s[na] = '/';
	memcpy(s + na + 1, b, nb + 1);
	return s;
}

/*
 * The report date until a command sets its own: the month of
 * $SOURCE_DATE_EPOCH, else of now, in UTC (report_date()'s rule without
 * --date; batch and validate have no other).  Civil from days by
 * arithmetic (H. Hinnant's algorithm): gmtime_r would read
 * /etc/localtime, a file validate has no business opening.
 */
static struct ym
today_utc(void)
{
	struct ym	 ym = { YEAR_MAX, 12 };
	const char	*env;
	char		*end;
	long long	 t, z, era, doe, yoe, doy, mp;

	if ((env = getenv("SOURCE_DATE_EPOCH")) != NULL && *env != '\0') {
		errno = 0;
		t = strtoll(env, &end, 10);
		if (errno != 0 || *end != '\0' || t < 0)
			return ym;	/* a bad value: no date is refused */
	} else if ((t = (long long)time(NULL)) < 0)
		return ym;
	z = t / 86400 + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	ym.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	ym.year = (int)(yoe + era * 400 + (ym.month <= 2));
	return ym;
}

struct loader *
loader_new(const char *datadir, const char *market_path, struct diag *d)
{
	struct loader	*l;
	char		*cxsd = NULL, *mxsd = NULL, *mxml = NULL;

	xs_init();
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (cxsd = join(datadir, "schemas/candidate.xsd")) == NULL ||
	    (mxsd = join(datadir, "schemas/market.xsd")) == NULL ||
	    (market_path == NULL &&
	    (mxml = join(datadir, "data/market.xml")) == NULL)) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		goto fail;
	}
	if ((l->schema = xs_schema_load(cxsd, d)) == NULL)
		goto fail;
	if ((l->market = market_load(mxsd, market_path != NULL ?
	    market_path : mxml, d)) == NULL)
		goto fail;
	loader_set_date(l, today_utc());
	free(cxsd);
	free(mxsd);
	free(mxml);
	return l;
fail:
	free(cxsd);
	free(mxsd);
	free(mxml);
	loader_free(l);
	return NULL;
}

void
loader_free(struct loader *l)
{
	if (l == NULL)
		return;
	xs_schema_free(l->schema);
	market_free(l->market);
	free(l);
}

void
loader_set_date(struct loader *l, struct ym today)
{
	if (l != NULL)
		l->today = today;
}

void
loader_set_verbose(struct loader *l, int verbose)
{
	if (l != NULL)
		l->verbose = verbose;
}

const struct market *
loader_market(const struct loader *l)
{
	return l == NULL ? NULL : l->market;
}

/* ---------------------------------------------------------------- walk */

static const char *
attr(struct pwalk *w, node *n, const char *name)
{
	return xs_attr(w->msgs, w->p->arena, n, name);
}

static const char *
text(struct pwalk *w, node *n)
{
	return xs_text(w->msgs, w->p->arena, n);
}

static enum role_family
family_of(const char *s)
{
	static const char *const names[] = { "mlops", "ml-engineering",
	    "software", "data-science", "data-engineering", "devops",
	    "solutions", "fde", "other" };
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum role_family)i;
	return FAM_OTHER;
}

/* xs:gYearMonth, "2021-03" (a time zone may follow). */
static int
read_ym(struct pwalk *w, node *n, struct ym *ym)
{
	const char	*s = text(w, n);
	char		*end;
	long		 y, mo;

	y = strtol(s, &end, 10);
	mo = *end == '-' ? strtol(end + 1, NULL, 10) : 0;
	if (y < YEAR_MIN || y > YEAR_MAX) {
		xs_msg(w->msgs, SEV_ERROR, xs_line(n), "element '%s': year "
		    "%ld is outside %d..%d", xs_name(n), y, YEAR_MIN,
		    YEAR_MAX);
		return -1;
	}
	ym->year = (int)y;
	ym->month = (int)mo;
	return 0;
}

static int
ym_before(struct ym a, struct ym b)
{
	return a.year < b.year || (a.year == b.year && a.month < b.month);
}

/* Is cp a space or an invisible format character (no glyph of its own):
 * U+00A0, U+2000-U+200F, U+202A-U+202F, U+3000, U+FEFF, ...? */
static int
blank_cp(uint32_t cp)
{
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
	    cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 ||
	    cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) ||
	    (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
	    cp == 0x2800 || cp == 0x3000 || cp == 0x3164 || cp == 0xFEFF ||
	    cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8);
}

/* The first code point of s that is not blank_cp(), 0 when there is
 * none; *first is the first code point of s.  s is valid UTF-8 (the
 * parser checked it). */
static uint32_t
first_visible(const char *s, uint32_t *first)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 cp;
	int			 n, i;

	*first = 0;
	while (*u != '\0') {
		n = *u < 0x80 ? 0 : *u < 0xE0 ? 1 : *u < 0xF0 ? 2 : 3;
		cp = n == 0 ? *u : n == 1 ? *u & 0x1F : n == 2 ? *u & 0x0F :
		    *u & 0x07;
		for (i = 1; i <= n && (u[i] & 0xC0) == 0x80; i++)
			cp = cp << 6 | (u[i] & 0x3F);
		u += i;
		if (*first == 0)
			*first = cp;
		if (!blank_cp(cp))
			return cp;
	}
	return 0;
}

static void
read_identity(struct pwalk *w, node *id)
{
	struct profile	*p = w->p;
	node		*n;
	const char	*s;
	uint32_t	 first;

	p->id = attr(w, id, "id");
	for (n = xs_first(id); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "name")) {
			p->name = text(w, n);
			p->name_lang = attr(w, n, "lang");
			/* The schema's \S lets U+00A0 and its kind pass: a
			 * report for nobody. */
			if (*p->name != '\0' && first_visible(p->name,
			    &first) == 0)
				xs_msg(w->msgs, SEV_ERROR, xs_line(n),
				    "element 'name' has no visible character, "
				    "only spaces or invisible characters such "
				    "as U+%04X: give the candidate's name",
				    (unsigned)first);
		} else if (xs_is(n, "email"))
			p->email = text(w, n);
		else if (xs_is(n, "country")) {
			s = text(w, n);
			strncpy(p->country, s, sizeof(p->country) - 1);
		} else if (xs_is(n, "market"))
			p->market = strcmp(text(w, n), "IN") == 0 ? MKT_IN :
			    MKT_US;
	}
}

static void
read_position(struct pwalk *w, node *pn)
{
	struct position	*pos;
	node		*n, *startn = NULL, *endn = NULL;
	int		 ok = 0;

	if (w->p->npositions >= MAX_POSITIONS)
		return;
	pos = &w->p->positions[w->p->npositions++];
	pos->line = xs_line(pn);
	pos->customer_facing = xs_bool(attr(w, pn, "customer-facing"), 0);
	pos->current = 1;
	for (n = xs_first(pn); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "title"))
			pos->title = text(w, n);
		else if (xs_is(n, "organisation"))
			pos->organisation = text(w, n);
		else if (xs_is(n, "start")) {
			startn = n;
			ok = read_ym(w, n, &pos->start) == 0;
		}
		else if (xs_is(n, "end")) {
			endn = n;
			pos->current = 0;
			if (read_ym(w, n, &pos->end) == -1)
				ok = 0;
		} else if (xs_is(n, "owned")) {
			pos->pipelines = (int)xs_long(attr(w, n, "pipelines"),
			    0);
			pos->deployments = (int)xs_long(attr(w, n,
			    "deployments"), 0);
			pos->workshops = (int)xs_long(attr(w, n, "workshops"),
			    0);
			pos->on_call = xs_bool(attr(w, n, "on-call"), 0);
			pos->end_to_end = xs_bool(attr(w, n, "end-to-end"), 0);
		} else if (xs_is(n, "summary"))
			pos->summary = text(w, n);
	}
	if (ok && endn != NULL && ym_before(pos->end, pos->start)) {
		xs_msg(w->msgs, SEV_ERROR, xs_line(endn), "position '%s' ends "
		    "(%04d-%02d) before it starts (%04d-%02d)",
		    pos->title != NULL ? pos->title : "",
		    pos->end.year, pos->end.month, pos->start.year,
		    pos->start.month);
		return;
	}
	if (!ok)
		return;
	/* Nobody has worked in the future: a start after the report date
	 * is an error.  An end after it (a contract's planned end) is only
	 * a warning, and the position is taken to run to the report date,
	 * as a current one does: experience is never counted ahead. */
	if (ym_before(w->today, pos->start))
		xs_msg(w->msgs, SEV_ERROR, xs_line(startn), "position '%s' starts "
		    "(%04d-%02d) after the report date (%04d-%02d)",
		    pos->title != NULL ? pos->title : "", pos->start.year,
		    pos->start.month, w->today.year, w->today.month);
	else if (endn != NULL && ym_before(w->today, pos->end)) {
		xs_msg(w->msgs, SEV_WARNING, xs_line(endn), "position '%s' "
		    "ends (%04d-%02d) after the report date (%04d-%02d); it "
		    "counts up to the report date", pos->title != NULL ?
		    pos->title : "", pos->end.year, pos->end.month,
		    w->today.year, w->today.month);
		pos->end = w->today;
	}
}

static void
read_experience(struct pwalk *w, node *ex)
{
	struct profile	*p = w->p;
	node		*n, *c;

	p->production_years = xs_num(attr(w, ex, "production-years"), 0);
	for (n = xs_first(ex); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "current-title"))
			p->current_title = text(w, n);
		else if (xs_is(n, "role-family"))
			p->family = family_of(text(w, n));
		else if (xs_is(n, "positions"))
			for (c = xs_first(n); c != NULL; c = xs_next(c))
				read_position(w, c);
	}
}

/* "python_apis, cloud, ..." for messages. */
static void
dim_list(const struct market *mk, char *buf, size_t sz)
{
	size_t	 o = 0;
	int	 i;

	buf[0] = '\0';
	for (i = 0; i < mk->ndims && o < sz; i++)
		o += snprintf(buf + o, sz - o, "%s%s", i ? ", " : "",
		    mk->dims[i].id);
}

static int
statement_index(const struct market *mk, const char *id)
{
	int	 i;

	for (i = 0; i < mk->nstatements; i++)
		if (strcmp(mk->statements[i].id, id) == 0)
			return i;
	return -1;
}

static void
read_skills(struct pwalk *w, node *sk)
{
	const struct market	*mk = w->mk;
	struct profile		*p = w->p;
	struct skill		*s;
	struct keyword		*k;
	node			*n;
	const char		*id;
	char			 list[400];
	int			 i, dim;

	for (n = xs_first(sk); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "skill") && p->nskills < MAX_DIMS) {
			/* Required by the schema: NULL is out of memory,
			 * already said. */
			if ((id = attr(w, n, "dimension")) == NULL)
				continue;
			for (dim = -1, i = 0; i < mk->ndims; i++)
				if (strcmp(mk->dims[i].id, id) == 0)
					dim = i;
			if (dim == -1) {
				dim_list(mk, list, sizeof(list));
				xs_msg(w->msgs, SEV_ERROR, xs_line(n), "skill "
				    "dimension '%s' is not one of: %s", id,
				    list);
				continue;
			}
			s = &p->skills[p->nskills++];
			s->dim = dim;
			s->level = (int)xs_long(attr(w, n, "level"), 0);
			s->years = xs_num(attr(w, n, "years"), 0);
			s->projects = (int)xs_long(attr(w, n, "projects"), 0);
			s->certifications = (int)xs_long(attr(w, n,
			    "certifications"), 0);
			s->line = xs_line(n);
		} else if (xs_is(n, "keyword") && p->nkeywords < MAX_KEYWORDS) {
			k = &p->keywords[p->nkeywords++];
			k->text = text(w, n);
			k->line = xs_line(n);
			if ((k->dim = market_match_keyword(mk, k->text)) == -1)
				xs_msg(w->msgs, SEV_WARNING, k->line, "keyword "
				    "'%s' is not known to the market data; it "
				    "does not count towards any skill",
				    k->text);
		}
	}
}

static void
read_preferences(struct pwalk *w, node *pr)
{
	const struct market	*mk = w->mk;
	struct profile		*p = w->p;
	struct agreement	*ag;
	node			*n;
	const char		*id;
	char			 list[400];
	size_t			 o;
	int			 i, st;

	p->has_preferences = 1;
	for (n = xs_first(pr); n != NULL; n = xs_next(n)) {
		if (!xs_is(n, "agree") || p->nagreements >= MAX_STATEMENTS)
			continue;
		/* Required by the schema: NULL is out of memory. */
		if ((id = attr(w, n, "statement")) == NULL)
			continue;
		if ((st = statement_index(mk, id)) == -1) {
			list[0] = '\0';
			for (o = 0, i = 0; i < mk->nstatements &&
			    o < sizeof(list); i++)
				o += snprintf(list + o, sizeof(list) - o,
				    "%s%s", i ? ", " : "",
				    mk->statements[i].id);
			xs_msg(w->msgs, SEV_ERROR, xs_line(n), "agree "
			    "statement '%s' is not one of: %s", id, list);
			continue;
		}
		ag = &p->agreements[p->nagreements++];
		ag->statement = st;
		ag->value = (int)xs_long(text(w, n), 0);
		ag->line = xs_line(n);
	}
}

static void
read_goals(struct pwalk *w, node *g)
{
	struct profile	*p = w->p;
	node		*n;
	const char	*s;

	s = attr(w, g, "target");
	p->target = s == NULL ? TARGET_UNDECIDED : strcmp(s, "fde") == 0 ?
	    TARGET_FDE : strcmp(s, "mlops") == 0 ? TARGET_MLOPS :
	    TARGET_UNDECIDED;
	p->hours_per_week = xs_num(attr(w, g, "hours-per-week"), 0);
	for (n = xs_first(g); n != NULL; n = xs_next(n)) {
		if (!xs_is(n, "current-compensation"))
			continue;
		p->has_comp = 1;
		p->comp_amount = xs_long(attr(w, n, "amount"), 0);
		s = attr(w, n, "currency");
		p->comp_currency = s != NULL && strcmp(s, "INR") == 0 ?
		    CUR_INR : CUR_USD;
		s = attr(w, n, "basis");
		p->comp_basis = s != NULL && strcmp(s, "base") == 0 ?
		    BASIS_BASE : BASIS_TOTAL;
	}
}

static void
build(struct pwalk *w, node *root)
{
	node	*n;

	for (n = xs_first(root); n != NULL; n = xs_next(n)) {
		if (xs_is(n, "identity"))
			read_identity(w, n);
		else if (xs_is(n, "experience"))
			read_experience(w, n);
		else if (xs_is(n, "skills"))
			read_skills(w, n);
		else if (xs_is(n, "preferences"))
			read_preferences(w, n);
		else if (xs_is(n, "goals"))
			read_goals(w, n);
		else if (xs_is(n, "notes"))
			w->p->notes = text(w, n);
	}
}

/* -------------------------------------------------------------- public */

struct profile *
profile_load_mem(const struct loader *l, const char *path, const char *buf,
    size_t len, struct diag *d)
{
	struct xs_msgs	 msgs;
	struct _xmlDoc	*doc = NULL;
	struct arena	*a;
	struct profile	*p = NULL;
	struct pwalk	 w;
	node		*root;
	const char	*ns;

	xs_msgs_init(&msgs, d, path);
	msgs.verbose = l->verbose;
	if (len > PROFILE_MAX_BYTES) {
		xs_msg(&msgs, SEV_ERROR, 0, "file is too large: %zu bytes, "
		    "the limit is %d", len, PROFILE_MAX_BYTES);
		goto out;
	}
	if ((doc = xs_parse(buf, len, &msgs)) == NULL)
		goto out;
	root = xs_root(doc);
	ns = xs_ns(root);
	if (!xs_is(root, "profile") || ns == NULL ||
	    strcmp(ns, NS_CANDIDATE) != 0) {
		xs_msg(&msgs, SEV_ERROR, xs_line(root), "root element must "
		    "be 'profile' in namespace " NS_CANDIDATE " (found '%s'%s"
		    "%s)", xs_name(root), ns != NULL ? " in namespace " :
		    " in no namespace", ns != NULL ? ns : "");
		goto out;
	}
	if (xs_validate(l->schema, doc, &msgs) == -1)
		goto out;
	if ((a = arena_new()) == NULL || (p = arena_alloc(a,
	    sizeof(*p))) == NULL || (p->path = arena_strdup(a, path))
	    == NULL) {
		arena_free(a);
		p = NULL;
		xs_oom(&msgs, 0);
		goto out;
	}
	p->arena = a;
	p->target = TARGET_UNDECIDED;
	w.mk = l->market;
	w.p = p;
	w.msgs = &msgs;
	w.today = l->today;
	build(&w, root);
	if (msgs.errors > 0) {
		profile_free(p);
		p = NULL;
	}
out:
	xs_msgs_end(&msgs);
	xs_doc_free(doc);
	return p;
}

struct profile *
profile_load(const struct loader *l, const char *path, struct diag *d,
    int *unreadable)
{
	struct profile	*p;
	char		*buf;
	size_t		 len;

	if (xs_read(path, PROFILE_MAX_BYTES, &buf, &len, d, unreadable) == -1)
		return NULL;
	p = profile_load_mem(l, path, buf, len, d);
	free(buf);
	return p;
}

struct profile *
profile_load_stdin(const struct loader *l, struct diag *d, int *unreadable)
{
	struct profile	*p;
	char		*buf, *nb;
	size_t		 len = 0, cap = 65536;
	ssize_t		 r;

	if ((buf = malloc(cap)) == NULL) {
		diag(d, SEV_FATAL, PROFILE_STDIN, 0, "out of memory");
		return NULL;
	}
	/* Up to one byte more than the cap: the loader then says "too
	 * large" as it does for a file. */
	for (;;) {
		if (len + 1 >= cap && cap <= PROFILE_MAX_BYTES + 1) {
			cap = cap * 2 > PROFILE_MAX_BYTES + 2 ?
			    PROFILE_MAX_BYTES + 2 : cap * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				diag(d, SEV_FATAL, PROFILE_STDIN, 0,
				    "out of memory");
				return NULL;
			}
			buf = nb;
		}
		if (len + 1 >= cap)
			break;		/* over the cap: enough read */
		r = read(STDIN_FILENO, buf + len, cap - 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag(d, SEV_ERROR, PROFILE_STDIN, 0, "cannot read: %s",
			    strerror(errno));
			free(buf);
			if (unreadable != NULL)
				*unreadable = 1;
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	buf[len] = '\0';
	p = profile_load_mem(l, PROFILE_STDIN, buf, len, d);
	free(buf);
	return p;
}

void
profile_free(struct profile *p)
{
	if (p != NULL)
		arena_free(p->arena);
}
