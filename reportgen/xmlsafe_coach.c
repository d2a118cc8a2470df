/*
 * xmlsafe_coach.c: libxml2's messages about a candidate profile, said in
 * a coach's words (issue 13).  libxml2 speaks of facets, atomic types and
 * regular expressions; a coach needs the rule in words, an example, the
 * value that was found and, where one can be guessed, the value meant:
 *
 *   skill level must be 0-5: 0 None, ... 5 Expert; got 'Expert' (did you mean 5?)
 *
 * The rules live in one table, fields[], one row per element or
 * attribute of schemas/candidate.xsd (keep the two in step).  Only
 * documents in the candidate namespace are translated; market and brand
 * files keep libxml2's wording (tidied by xmlsafe_msg.c).  The values of
 * personal-data elements are never quoted unless the messages are
 * verbose, as everywhere in xmlsafe_msg.c.
 *
 * The value meant, where one can be guessed, comes from xmlsafe_guess.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmlsafe_private.h"

#define CANDIDATE_NS	"urn:reportgen:candidate:1"

static const struct field {
	const char	*elem;
	const char	*attr;		/* NULL: the element's text */
	const char	*what;		/* how the coach calls it */
	const char	*rule;		/* "must be ..." */
	enum xs_guess	 guess;		/* xmlsafe_guess.c */
	int		 personal;	/* its value is never quoted */
} fields[] = {
	{ "profile", "version", "profile version",
	    "1 (the version of the profile format)", G_NONE, 0 },
	{ "identity", "id", "profile id",
	    "1-64 ASCII letters, digits, '_' or '-', not starting with '-', "
	    "such as jose-alvarez (it names the report files)", G_ID, 0 },
	{ "name", NULL, "name",
	    "the candidate's name, 1-80 characters with no spaces at either "
	    "end", G_NONE, 1 },
	{ "name", "lang", "name's language",
	    "a language tag such as el, ru, uk or pt-BR: the language the "
	    "name is written in, so that a screen reader says it right",
	    G_NONE, 0 },
	{ "email", NULL, "email",
	    "an e-mail address such as ana@example.com", G_NONE, 1 },
	{ "country", NULL, "country",
	    "a two-letter country code in capitals, such as US, IN or MX",
	    G_ENUM, 0 },
	{ "market", NULL, "market",
	    "US or IN: the job market whose pay and demand the report uses",
	    G_ENUM, 0 },
	{ "experience", "production-years", "production-years",
	    "a number of years 0-60 with at most one decimal, such as 4 or "
	    "2.5 (years of work that ran in production)", G_NUMBER, 0 },
	{ "current-title", NULL, "current-title",
	    "the job title today, 1-120 characters with no spaces at either "
	    "end", G_NONE, 1 },
	{ "role-family", NULL, "role-family",
	    "one of mlops, ml-engineering, software, data-science, "
	    "data-engineering, devops, solutions, fde, other", G_ENUM, 0 },
	{ "title", NULL, "position title",
	    "1-120 characters with no spaces at either end", G_NONE, 1 },
	{ "organisation", NULL, "organisation",
	    "1-120 characters with no spaces at either end", G_NONE, 1 },
	{ "start", NULL, "start",
	    "a year and month such as 2022-09", G_MONTH, 0 },
	{ "end", NULL, "end",
	    "a year and month such as 2024-03 (leave <end> out while the "
	    "position is current)", G_MONTH, 0 },
	{ "position", "customer-facing", "customer-facing",
	    "true or false", G_BOOL, 0 },
	{ "owned", "pipelines", "pipelines owned",
	    "a whole number 0-10000, such as 3", G_NUMBER, 0 },
	{ "owned", "deployments", "deployments owned",
	    "a whole number 0-10000, such as 3", G_NUMBER, 0 },
	{ "owned", "workshops", "workshops run",
	    "a whole number 0-10000, such as 3", G_NUMBER, 0 },
	{ "owned", "on-call", "on-call", "true or false", G_BOOL, 0 },
	{ "owned", "end-to-end", "end-to-end", "true or false", G_BOOL, 0 },
	{ "summary", NULL, "position summary",
	    "at most 600 characters", G_NONE, 1 },
	{ "skill", "dimension", "skill dimension",
	    "a dimension name of the market data in lower case, such as "
	    "python_apis or cloud", G_REF, 0 },
	/* The labels of the scale in data/market.xml. */
	{ "skill", "level", "skill level",
	    "0-5: 0 None, 1 Aware, 2 Familiar, 3 Working knowledge, "
	    "4 Proficient, 5 Expert", G_LEVEL, 0 },
	{ "skill", "years", "skill years",
	    "a number of years 0-60 with at most one decimal, such as 3 or "
	    "1.5", G_NUMBER, 0 },
	{ "skill", "projects", "skill projects",
	    "a whole number 0-10000, such as 2", G_NUMBER, 0 },
	{ "skill", "certifications", "skill certifications",
	    "a whole number 0-10000, such as 1", G_NUMBER, 0 },
	{ "keyword", NULL, "keyword",
	    "a tool or skill of 1-40 characters with no spaces at either "
	    "end, such as kubernetes", G_NONE, 0 },
	{ "agree", NULL, "agreement",
	    "1-5: 1 disagree strongly, 2 disagree, 3 neither, 4 agree, "
	    "5 agree strongly", G_AGREE, 0 },
	{ "agree", "statement", "statement",
	    "a statement id of the market data, such as fde-1", G_REF, 0 },
	{ "goals", "target", "target",
	    "fde, mlops or undecided (the role the candidate aims at)",
	    G_ENUM, 0 },
	{ "goals", "hours-per-week", "hours-per-week",
	    "the hours a week the candidate can give to the plan, 1-80, "
	    "such as 6", G_NUMBER, 0 },
	{ "current-compensation", "amount", "amount",
	    "a whole amount 0-1000000000 in the currency's units, a number "
	    "without separators such as 1600000", G_AMOUNT, 0 },
	{ "current-compensation", "currency", "currency",
	    "USD or INR", G_ENUM, 0 },
	{ "current-compensation", "basis", "basis",
	    "base (salary only) or total (with bonus and equity)", G_ENUM, 0 },
	{ "notes", NULL, "notes", "at most 8000 characters", G_NONE, 1 },
};

/* The parts of each element, in the order the schema wants them, and
 * the most of one that may appear. */
static const struct part {
	const char	*elem;
	const char	*children;	/* in order, for the coach to read */
	const char	*attrs;
} parts[] = {
	{ "profile", "identity, experience, skills, preferences (optional), goals, "
	    "notes (optional)", "version" },
	{ "identity", "name, email (optional), country, market", "id" },
	{ "name", NULL, "lang (optional)" },
	{ "experience", "current-title, role-family, positions (optional)",
	    "production-years" },
	{ "positions", "position (up to 64)", NULL },
	{ "position", "title, organisation, start, end (optional), "
	    "owned (optional), summary (optional)",
	    "customer-facing" },
	{ "owned", NULL, "pipelines, deployments, workshops, on-call, "
	    "end-to-end" },
	{ "skills", "skill (up to 12), then keyword (up to 64)", NULL },
	{ "skill", NULL, "dimension, level, years, projects, certifications" },
	{ "preferences", "agree (up to 16)", NULL },
	{ "agree", NULL, "statement" },
	{ "goals", "current-compensation (optional)", "target, hours-per-week" },
	{ "current-compensation", NULL, "amount, currency, basis" },
};

static const struct most {
	const char	*elem;
	int		 max;
	const char	*why;
} most[] = {
	{ "skill", 12, "one per skill dimension" },
	{ "keyword", 64, "keep the ones that matter" },
	{ "position", 64, "keep the recent ones" },
	{ "agree", 16, "one per statement" },
};

static const struct field *
field_find(const char *elem, const char *attr)
{
	size_t	 i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].elem, elem) == 0 &&
		    (attr == NULL ? fields[i].attr == NULL :
		    fields[i].attr != NULL && strcmp(fields[i].attr, attr) == 0))
			return &fields[i];
	return NULL;
}

static const struct part *
part_find(const char *elem)
{
	size_t	 i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strcmp(parts[i].elem, elem) == 0)
			return &parts[i];
	return NULL;
}

/* Is name an element of the profile format at all? */
static int
known_elem(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].elem, name) == 0)
			return 1;
	return part_find(name) != NULL;
}

/* Edit distance, capped: names of a few letters only. */
static int
distance(const char *a, const char *b)
{
	int	 d[41][41];
	size_t	 i, j, la = strlen(a), lb = strlen(b);

	if (la > 40 || lb > 40)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			int	 c = d[i - 1][j - 1] + (tolower((unsigned char)
			    a[i - 1]) != tolower((unsigned char)b[j - 1]));

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

/* The word of list (", "-separated, words after the first of an item ignored) closest to
 * name, within two edits; NULL when none is. */
static const char *
closest(const char *list, const char *name, char *buf, size_t sz)
{
	const char	*p = list;
	int		 best = 3, dd;
	size_t		 n;
	char		 w[64];

	buf[0] = '\0';
	while (list != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		n = strcspn(p, ",? (");
		if (n == 0 || n >= sizeof(w))
			break;
		memcpy(w, p, n);
		w[n] = '\0';
		p += strcspn(p, ",");
		if ((dd = distance(w, name)) < best && strcmp(w, name) != 0 &&
		    !(strcmp(w, "up") == 0 || strcmp(w, "to") == 0 ||
		    strcmp(w, "then") == 0)) {
			best = dd;
			snprintf(buf, sz, "%s", w);
		}
	}
	return buf[0] != '\0' ? buf : NULL;
}

/* ------------------------------------------------------------- messages */

/* The attribute named in libxml2's "Element 'x', attribute 'y': ...". */
static int
attr_of(const char *msg, char *out, size_t sz)
{
	const char	*p, *q;

	if ((p = strstr(msg, ", attribute '")) == NULL)
		return 0;
	p += strlen(", attribute '");
	if ((q = strchr(p, '\'')) == NULL || (size_t)(q - p) >= sz)
		return 0;
	memcpy(out, p, q - p);
	out[q - p] = '\0';
	return 1;
}

/* The list in "Expected is ( a, b )" / "Expected is one of ( a, b )". */
static int
expected_of(const char *msg, char *out, size_t sz)
{
	const char	*p, *q;
	size_t		 o = 0;

	if ((p = strstr(msg, "Expected is ")) == NULL ||
	    (p = strchr(p, '(')) == NULL || (q = strchr(p, ')')) == NULL)
		return 0;
	for (p++; p < q && o + 1 < sz; p++) {
		if (*p == '{') {	/* a namespace: dropped */
			while (p < q && *p != '}')
				p++;
			continue;
		}
		if (*p == '#')		/* ##other and the like */
			return 0;
		out[o++] = *p;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	p = out;
	while (*p == ' ')
		p++;
	memmove(out, p, strlen(p) + 1);
	return out[0] != '\0';
}

/* The value in question, quoted or redacted. */
static void
quoted(const char *v, int redact, char *out, size_t sz)
{
	if (redact)
		snprintf(out, sz, "<redacted>");
	else if (strlen(v) > 48)
		snprintf(out, sz, "'%.45s...'", v);
	else
		snprintf(out, sz, "'%.48s'", v);
}

static void
value_msg(const struct field *f, xmlNodePtr node, const char *attr,
    xs_error_t e, int verbose, char *out, size_t sz)
{
	char		 val[256], q[80], g[80], extra[128] = "", what[96];
	xmlChar		*x;
	int		 redact = f->personal && !verbose;
	size_t		 vlen;

	x = attr != NULL ? xmlGetProp(node, (const xmlChar *)attr) :
	    xmlNodeGetContent(node);
	snprintf(val, sizeof(val), "%s", x != NULL ? (const char *)x :
	    e->str1 != NULL ? e->str1 : "");
	vlen = x != NULL ? strlen((const char *)x) : strlen(val);
	xmlFree(x);
	quoted(val, redact, q, sizeof(q));
	/* Which skill or statement, when the mistake is not in its name. */
	if ((x = xmlGetProp(node, (const xmlChar *)(xmlStrEqual(node->name,
	    (const xmlChar *)"agree") ? "statement" : "dimension"))) != NULL &&
	    (attr == NULL || (strcmp(attr, "dimension") != 0 &&
	    strcmp(attr, "statement") != 0)) && xmlStrlen(x) <= 32)
		snprintf(what, sizeof(what), "%s of '%s'", f->what,
		    (const char *)x);
	else
		snprintf(what, sizeof(what), "%s", f->what);
	xmlFree(x);
	if (val[0] == '\0' && e->code != XML_SCHEMAV_CVC_MAXLENGTH_VALID) {
		/* Also the placeholders of `reportgen init`. */
		snprintf(out, sz, "%s is empty; it must be %s", what, f->rule);
		return;
	}
	switch (e->code) {
	case XML_SCHEMAV_CVC_MINLENGTH_VALID:
		if (val[0] == '\0') {
			snprintf(out, sz, "%s is empty; it must be %s",
			    what, f->rule);
			return;
		}
		break;
	case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
		snprintf(out, sz, "%s is too long (%s characters); it must "
		    "be %s", what, e->str1 != NULL ? e->str1 : "?",
		    f->rule);
		return;
	case XML_SCHEMAV_CVC_PATTERN_VALID:
		if (f->guess == G_ID && vlen > 64)
			snprintf(extra, sizeof(extra), " (%zu characters "
			    "long)", vlen);
		else if (f->guess != G_ID && val[0] != '\0' && (isspace(
		    (unsigned char)val[0]) || isspace((unsigned char)
		    val[strlen(val) - 1])))
			snprintf(extra, sizeof(extra), " (remove the spaces "
			    "at either end)");
		else if (val[0] == '\0') {
			snprintf(out, sz, "%s is empty; it must be %s",
			    what, f->rule);
			return;
		}
		break;
	default:
		break;
	}
	if (extra[0] == '\0' && !redact && xs_guess(f->guess, val,
	    e->code == XML_SCHEMAV_CVC_ENUMERATION_VALID ? e->str2 : NULL, g,
	    sizeof(g)))
		snprintf(extra, sizeof(extra), " (did you mean %s?)", g);
	snprintf(out, sz, "%s must be %s; got %s%s", what, f->rule, q,
	    extra);
}

/* "Expected is ( market )" as "<market>", "( email, country )" as
 * "<email> or <country>". */
static void
expected_words(const char *list, char *out, size_t sz)
{
	const char	*p = list;
	size_t		 n, o = 0;
	int		 first = 1, r;

	out[0] = '\0';
	while (*p != '\0' && o + 8 < sz) {
		while (*p == ' ' || *p == ',')
			p++;
		n = strcspn(p, ",");
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == 0)
			break;
		r = snprintf(out + o, sz - o, "%s<%.*s>",
		    first ? "" : p[n + strspn(p + n, " ")] == '\0' ? " or " :
		    ", ", (int)n, p);
		if (r < 0 || (size_t)r >= sz - o)
			break;
		o += (size_t)r;
		first = 0;
		p += n;
	}
}

static void
unexpected_msg(xmlNodePtr node, const char *msg, char *out, size_t sz)
{
	const char		*name = (const char *)node->name;
	const char		*parent = node->parent != NULL &&
	    node->parent->type == XML_ELEMENT_NODE ?
	    (const char *)node->parent->name : "profile";
	const struct part	*pp = part_find(parent);
	char			 list[256], words[320], near[64], tail[320];
	xmlNodePtr		 s;
	size_t			 i;
	int			 n = 0;

	tail[0] = '\0';
	if (pp != NULL && pp->children != NULL)
		snprintf(tail, sizeof(tail), "; <%s> holds, in this order: %s",
		    parent, pp->children);
	if (strstr(msg, "Missing child") != NULL) {
		const struct field	*f;

		if (!expected_of(msg, list, sizeof(list)))
			snprintf(list, sizeof(list), "?");
		expected_words(list, words, sizeof(words));
		f = strchr(list, ',') == NULL ? field_find(list, NULL) : NULL;
		snprintf(out, sz, "<%s> is missing %s%s%s%s", name, words,
		    f != NULL ? " (" : "", f != NULL ? f->rule : "",
		    f != NULL ? ")" : "");
		if ((pp = part_find(name)) != NULL && pp->children != NULL)
			snprintf(out + strlen(out), sz - strlen(out),
			    "; <%s> holds, in this order: %s", name,
			    pp->children);
		return;
	}
	for (i = 0; i < sizeof(most) / sizeof(most[0]); i++) {
		if (strcmp(most[i].elem, name) != 0)
			continue;
		for (s = node; s != NULL; s = s->prev)
			if (s->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(s->name, node->name))
				n++;
		if (n > most[i].max) {
			snprintf(out, sz, "a profile holds at most %d <%s> "
			    "(%s); this is number %d", most[i].max, name,
			    most[i].why, n);
			return;
		}
	}
	if (!known_elem(name)) {
		/* A misspelt name: the nearest known child of the parent. */
		if (pp != NULL && pp->children != NULL &&
		    closest(pp->children, name, near, sizeof(near)) != NULL)
			snprintf(out, sz, "<%s> is not part of a profile "
			    "(did you mean <%s>?)", name, near);
		else
			snprintf(out, sz, "<%s> is not part of a profile "
			    "(element names are lower case and spelt as in "
			    "`reportgen init`)", name);
		snprintf(out + strlen(out), sz - strlen(out), "%s", tail);
		return;
	}
	if (expected_of(msg, list, sizeof(list))) {
		expected_words(list, words, sizeof(words));
		snprintf(out, sz, "<%s> is out of place: <%s> expects %s "
		    "before it%s", name, parent, words, tail);
	} else
		snprintf(out, sz, "<%s> is out of place inside <%s>: nothing "
		    "more may follow there%s", name, parent, tail);
}

/*
 * A schema message about a candidate profile, in a coach's words: 1 with
 * the message in out, 0 when libxml2's own (tidied) wording should stay,
 * -1 when it should be dropped (a second word about the same mistake).
 * *said remembers the element and attribute of the last message.
 */
int
xs_coach(xs_error_t e, int verbose, char *said, size_t saidsz, char *out,
    size_t sz)
{
	xmlNodePtr		 node = e->node;
	const char		*msg = e->message != NULL ? e->message : "";
	const struct field	*f;
	const struct part	*pp;
	char			 attr[64], key[160], near[64];
	const char		*a;

	if (e->domain != XML_FROM_SCHEMASV || node == NULL ||
	    node->type != XML_ELEMENT_NODE || node->ns == NULL ||
	    !xmlStrEqual(node->ns->href, (const xmlChar *)CANDIDATE_NS))
		return 0;
	if (strstr(msg, "No precomputed value") != NULL)
		return -1;	/* the echo of a pattern error */
	a = attr_of(msg, attr, sizeof(attr)) ? attr : NULL;
	snprintf(key, sizeof(key), "%p %d %s", (void *)node, e->line,
	    a != NULL ? a : "");
	switch (e->code) {
	case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
	case XML_SCHEMAV_CVC_MINLENGTH_VALID:
	case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
	case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
	case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
	case XML_SCHEMAV_CVC_FRACTIONDIGITS_VALID:
	case XML_SCHEMAV_CVC_PATTERN_VALID:
	case XML_SCHEMAV_CVC_ENUMERATION_VALID:
	case XML_SCHEMAV_CVC_AU:
		/* libxml2 says "length" then "pattern" of one empty value. */
		if (strcmp(said, key) == 0)
			return -1;
		if ((f = field_find((const char *)node->name, a)) == NULL)
			return 0;
		value_msg(f, node, a, e, verbose, out, sz);
		break;
	case XML_SCHEMAV_ELEMENT_CONTENT:
		unexpected_msg(node, msg, out, sz);
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:	/* attribute not allowed */
		if (e->str1 == NULL)
			return 0;
		pp = part_find((const char *)node->name);
		snprintf(out, sz, "<%s> has no attribute '%s'", node->name,
		    e->str1);
		if (pp != NULL && pp->attrs != NULL) {
			if (closest(pp->attrs, e->str1, near, sizeof(near)))
				snprintf(out + strlen(out), sz - strlen(out),
				    " (did you mean %s?)", near);
			snprintf(out + strlen(out), sz - strlen(out),
			    "; its attributes are: %s", pp->attrs);
		} else
			snprintf(out + strlen(out), sz - strlen(out),
			    "; it takes no attributes");
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:		/* attribute missing */
		if (e->str1 == NULL)
			return 0;
		f = field_find((const char *)node->name, e->str1);
		snprintf(out, sz, "<%s> needs the attribute %s%s%s%s",
		    node->name, e->str1, f != NULL ? " (" : "",
		    f != NULL ? f->rule : "", f != NULL ? ")" : "");
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:		/* text in <skill/> */
		pp = part_find((const char *)node->name);
		snprintf(out, sz, "<%s> takes no text, only attributes (%s), "
		    "written <%s .../>%s", node->name,
		    pp != NULL && pp->attrs != NULL ? pp->attrs : "",
		    node->name, xmlStrEqual(node->name,
		    (const xmlChar *)"skill") ? "; a tool's name goes in a "
		    "<keyword>" : "");
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:		/* text between tags */
		pp = part_find((const char *)node->name);
		snprintf(out, sz, "<%s> holds elements only, no text of its "
		    "own: put the text inside one of its elements%s%s%s",
		    node->name, pp != NULL && pp->children != NULL ? " (" : "",
		    pp != NULL && pp->children != NULL ? pp->children : "",
		    pp != NULL && pp->children != NULL ? ")" : "");
		break;
	case XML_SCHEMAV_CVC_IDC: {			/* twice the same key */
		int		 skill = strstr(msg, "skill-once") != NULL;
		xmlChar		*k;

		if (!skill && strstr(msg, "statement-once") == NULL)
			return 0;
		k = xmlGetProp(node, (const xmlChar *)(skill ? "dimension" :
		    "statement"));
		snprintf(out, sz, skill ? "skill dimension '%s' is rated twice: "
		    "keep one <skill> per dimension" : "statement '%s' is "
		    "answered twice: keep one <agree> per statement",
		    k != NULL ? (const char *)k : "?");
		xmlFree(k);
		break;
	}
	default:
		return 0;
	}
	snprintf(said, saidsz, "%s", key);
	return 1;
}

/*
 * Parser messages a person can act on: a bare '&' or '<' in text, an
 * unknown entity, a closing tag that does not match.  Any document.
 */
int
xs_coach_parser(xs_error_t e, char *out, size_t sz)
{
	switch (e->code) {
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
	case XML_ERR_NAME_REQUIRED:
		if (strstr(e->message != NULL ? e->message : "", "ntity") ==
		    NULL)
			return 0;
		snprintf(out, sz, "a bare '&' in the text: write & as &amp; "
		    "(R&amp;D, AT&amp;T)");
		return 1;
	case XML_ERR_UNDECLARED_ENTITY:
		snprintf(out, sz, "'&%s;' is not a character XML knows (it "
		    "knows &amp; &lt; &gt; &quot; &apos; and numbers such as "
		    "&#233;): to write an '&', write &amp;",
		    e->str1 != NULL ? e->str1 : "?");
		return 1;
	case XML_ERR_TAG_NAME_MISMATCH:
		if (e->str1 == NULL || e->str2 == NULL)
			return 0;
		snprintf(out, sz, "<%s> opened on line %d is closed by </%s>: "
		    "the names must match exactly", e->str1, e->int1, e->str2);
		return 1;
	case XML_ERR_LT_IN_ATTRIBUTE:
		snprintf(out, sz, "a '<' inside an attribute value: write < as "
		    "&lt;");
		return 1;
	default:
		return 0;
	}
}
