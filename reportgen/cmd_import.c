/*
 * cmd_import.c: reportgen import [-o FILE] [--date D] RESUME.json
 *
 * Turns a JSON Resume (read by import_json.c) into a draft profile:
 * identity from basics, a position per work entry (dates, summary and
 * highlights), keywords mapped to skill dimensions through the loaded
 * market data's synonyms, a <skill> with a level wherever the résumé
 * gives one that can be read ("Advanced" -> 4), and a comment with the
 * evidence wherever it does not.  What a résumé never says (the market,
 * the candidate's preferences, pay, goals) is listed on stderr for the
 * coach.  The draft validates: every required value holds something,
 * and a guess is marked as one in a comment beside it.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cmd.h"
#include "cmd_draft.h"
#include "diag.h"
#include "fmt.h"
#include "import_json.h"
#include "load.h"

static const char usage_text[] =
    "usage: reportgen import [--data-dir DIR] [--market FILE] [--date DATE]"
    " [-o FILE]\n"
    "                        RESUME.json\n"
    "\n"
    "Turn a JSON Resume (jsonresume.org, schema v1) into a draft profile:\n"
    "positions, keywords mapped to skills, levels where the resume gives\n"
    "them.  What the coach must still fill in is listed on stderr.\n"
    "\n"
    "  -o, --output FILE   write FILE (never replaced); - or none: stdout\n"
    "  -d, --date DATE     the date positions are counted up to\n"
    "                      (YYYY-MM-DD; default today)\n"
    "  -D, --data-dir DIR  schemas/ and data/ live in DIR\n"
    "  -m, --market FILE   market data to use instead of DIR/data/market.xml\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Exit status: 0 written, 64 usage, 65 not a JSON Resume, 66 unreadable,\n"
    "70 unusable market data, 73 FILE exists or cannot be created.\n";

/* What the résumé says about one skill dimension. */
struct evidence {
	int	 level;		/* -1: none could be read */
	char	 from[200];	/* the résumé's skills that gave it */
	char	 words[200];	/* keywords that mapped here */
	int	 nwords;
	int	 projects;
	int	 certs;
	int	 months;	/* of positions whose text names it */
};

struct import {
	const struct market	*m;
	struct resume		*r;
	struct ym		 today;
	struct evidence		 ev[MAX_DIMS];
	const char		*kw[64];	/* mapped keywords, once each */
	int			 nkw;
	char			 unknown[300];	/* keywords left out */
	int			 nunknown;
	FILE			*todo;		/* the list for the coach */
	int			 ntodo;
};

static void todo(struct import *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
todo(struct import *im, const char *fmt, ...)
{
	va_list	 ap;

	fputs("  - ", im->todo);
	va_start(ap, fmt);
	vfprintf(im->todo, fmt, ap);
	va_end(ap);
	fputc('\n', im->todo);
	im->ntodo++;
}

/* s trimmed, white space runs made one space, cut to max characters
 * (UTF-8), into out. */
static const char *
clip(const char *s, size_t max, char *out, size_t sz)
{
	size_t	 o = 0, chars = 0;

	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	for (; *s != '\0' && o + 1 < sz; s++) {
		if (isspace((unsigned char)*s)) {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80 && ++chars > max)
			break;
		out[o++] = *s;
	}
	/* A sequence cut by sz: drop its start. */
	while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
		o--;
	if (o > 0 && ((unsigned char)out[o - 1] & 0x80) != 0)
		o--;
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return out;
}

/* ISO 8601 "YYYY-MM-DD", "YYYY-MM" or "YYYY" (January, *exact 0). */
static int
iso_ym(const char *s, struct ym *ym, int *exact)
{
	char	*end;
	long	 y, m = 1;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;
	y = strtol(s, &end, 10);
	if (end - s != 4 || y < 1900 || y > 2100)
		return -1;
	*exact = 0;
	if (*end == '-') {
		m = strtol(end + 1, &end, 10);
		if (m < 1 || m > 12)
			return -1;
		*exact = 1;
	}
	ym->year = (int)y;
	ym->month = (int)m;
	return 0;
}

static int
ym_index(struct ym a)
{
	return a.year * 12 + a.month - 1;
}

/* A level from the résumé's words: the market's own scale first
 * (labels and terms), then the words résumés use. */
static int
read_level(const struct market *m, const char *s)
{
	static const struct { const char *w; int level; } words[] = {
		{ "master", 5 }, { "expert", 5 }, { "guru", 5 },
		{ "advanced", 4 }, { "proficient", 4 }, { "senior", 4 },
		{ "strong", 4 }, { "intermediate", 3 }, { "competent", 3 },
		{ "experienced", 3 }, { "working", 3 }, { "beginner", 2 },
		{ "basic", 2 }, { "novice", 2 }, { "junior", 2 },
		{ "elementary", 2 }, { "familiar", 2 }, { "learning", 1 },
		{ "aware", 1 },
	};
	size_t	 i;
	int	 l, t;

	if (s == NULL)
		return -1;
	if (s[0] >= '0' && s[0] <= '5' && (s[1] == '\0' ||
	    strcmp(s + 1, "/5") == 0))
		return s[0] - '0';
	for (l = 0; l <= LEVEL_MAX; l++) {
		if (m->scale[l].label != NULL &&
		    strcasecmp(m->scale[l].label, s) == 0)
			return l;
		for (t = 0; t < m->scale[l].nterms; t++)
			if (strcasecmp(m->scale[l].terms[t], s) == 0)
				return l;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(words[i].w, s) == 0)
			return words[i].level;
	return -1;
}

static void
append(char *buf, size_t sz, const char *s)
{
	size_t	 n = strlen(buf);

	if (n + strlen(s) + 3 >= sz)
		return;
	snprintf(buf + n, sz - n, "%s%s", n > 0 ? ", " : "", s);
}

/* One keyword: mapped (evidence for its dimension, and a <keyword>
 * line), or noted as unknown.  Returns its dimension or -1. */
static int
keyword(struct import *im, const char *raw)
{
	char	 k[160];
	int	 d, i;

	clip(raw, 40, k, sizeof(k));
	if (k[0] == '\0')
		return -1;
	if ((d = market_match_keyword(im->m, k)) < 0) {
		if (strstr(im->unknown, k) == NULL) {
			append(im->unknown, sizeof(im->unknown), k);
			im->nunknown++;
		}
		return -1;
	}
	for (i = 0; i < im->nkw; i++)
		if (strcasecmp(im->kw[i], raw) == 0)
			return d;
	if (im->nkw < 64) {
		im->kw[im->nkw++] = raw;
		append(im->ev[d].words, sizeof(im->ev[d].words), k);
		im->ev[d].nwords++;
	}
	return d;
}

/* The dimensions a name maps to: the whole name, else its words. */
static int
name_dim(const struct market *m, const char *name)
{
	char	 w[64];
	size_t	 n;
	int	 d;

	if (name == NULL)
		return -1;
	if ((d = market_match_keyword(m, name)) >= 0)
		return d;
	while (*name != '\0') {
		n = strcspn(name, " ,/()-:");
		if (n > 0 && n < sizeof(w)) {
			memcpy(w, name, n);
			w[n] = '\0';
			if ((d = market_match_keyword(m, w)) >= 0)
				return d;
		}
		name += n + (name[n] != '\0');
	}
	return -1;
}

#define MONTHS	((2101 - 1900) * 12)

/* The months of a work entry, clipped to the report date: 0 with *first
 * and *last (indices from 1900-01), -1 when its dates cannot be read. */
static int
work_months(const struct import *im, const struct rs_work *w, int *first,
    int *last)
{
	struct ym	 s, e;
	int		 exact;

	if (iso_ym(w->start, &s, &exact) == -1 ||
	    ym_index(s) > ym_index(im->today))
		return -1;
	if (w->end == NULL || iso_ym(w->end, &e, &exact) == -1 ||
	    ym_index(e) > ym_index(im->today))
		e = im->today;
	if (ym_index(e) < ym_index(s))
		return -1;
	*first = ym_index(s) - 1900 * 12;
	*last = ym_index(e) - 1900 * 12;
	return *first >= 0 && *last < MONTHS ? 0 : -1;
}

/* The dimensions a text names: each word, and each pair of words
 * ("github actions"), through the market's synonyms. */
static void
text_dims(const struct market *m, const char *text, int seen[MAX_DIMS])
{
	char		 w[2][48], pair[97];
	const char	*p = text;
	size_t		 n;
	int		 d, k = 0;

	w[0][0] = w[1][0] = '\0';
	while (*p != '\0') {
		n = strcspn(p, " \t\n,;:()!?\"");
		while (n > 0 && p[n - 1] == '.')
			n--;
		if (n > 0 && n < sizeof(w[0])) {
			memcpy(w[k], p, n);
			w[k][n] = '\0';
			if ((d = market_match_keyword(m, w[k])) >= 0)
				seen[d] = 1;
			if (w[!k][0] != '\0') {
				snprintf(pair, sizeof(pair), "%s %s", w[!k], w[k]);
				if ((d = market_match_keyword(m, pair)) >= 0)
					seen[d] = 1;
			}
			k = !k;
		} else if (n > 0)
			w[0][0] = w[1][0] = '\0';
		p += n;
		p += strspn(p, ". \t\n,;:()!?\"");
	}
}

/* Years per dimension: the months of the positions whose title, summary
 * or highlights name it, each month once. */
static void
skill_years(struct import *im)
{
	unsigned char	(*mon)[MONTHS];
	int		 i, j, d, k, first, last, seen[MAX_DIMS];

	if ((mon = calloc(MAX_DIMS, sizeof(*mon))) == NULL)
		return;
	for (i = 0; i < im->r->nwork; i++) {
		const struct rs_work	*w = &im->r->work[i];

		if (work_months(im, w, &first, &last) == -1)
			continue;
		memset(seen, 0, sizeof(seen));
		if (w->title != NULL)
			text_dims(im->m, w->title, seen);
		if (w->summary != NULL)
			text_dims(im->m, w->summary, seen);
		for (j = 0; j < w->highlights.n; j++)
			text_dims(im->m, w->highlights.w[j], seen);
		for (d = 0; d < im->m->ndims; d++)
			for (k = first; seen[d] && k <= last; k++)
				if (!mon[d][k]++)
					im->ev[d].months++;
	}
	free(mon);
}

static void
gather(struct import *im)
{
	const struct resume	*r = im->r;
	int			 i, j, d, l, seen[MAX_DIMS];

	for (i = 0; i < MAX_DIMS; i++)
		im->ev[i].level = -1;
	for (i = 0; i < r->nskills; i++) {
		const struct rs_skill	*s = &r->skills[i];

		memset(seen, 0, sizeof(seen));
		d = -1;
		if (s->name != NULL && (d = keyword(im, s->name)) < 0)
			d = name_dim(im->m, s->name);
		if (s->name != NULL && d >= 0)
			seen[d] = 1;
		for (j = 0; j < s->keywords.n; j++)
			if ((d = keyword(im, s->keywords.w[j])) >= 0)
				seen[d] = 1;
		l = read_level(im->m, s->level);
		for (d = 0; d < im->m->ndims; d++) {
			char	 why[80];

			if (!seen[d] || l < 0)
				continue;
			if (l > im->ev[d].level)
				im->ev[d].level = l;
			snprintf(why, sizeof(why), "'%.30s' %.20s",
			    s->name != NULL ? s->name : "?", s->level);
			append(im->ev[d].from, sizeof(im->ev[d].from), why);
		}
	}
	for (i = 0; i < r->nprojects; i++) {
		memset(seen, 0, sizeof(seen));
		for (j = 0; j < r->projects[i].keywords.n; j++)
			if ((d = keyword(im, r->projects[i].keywords.w[j])) >= 0)
				seen[d] = 1;
		for (d = 0; d < im->m->ndims; d++)
			im->ev[d].projects += seen[d];
	}
	for (i = 0; i < r->ncerts; i++)
		if ((d = name_dim(im->m, r->certs[i].name)) >= 0)
			im->ev[d].certs++;
	skill_years(im);
}

/* The kind of job a title names. */
static const char *
family(const char *title)
{
	static const struct { const char *w; const char *f; } words[] = {
		{ "forward deployed", "fde" }, { "mlops", "mlops" },
		{ "ml ops", "mlops" }, { "machine learning", "ml-engineering" },
		{ "ml engineer", "ml-engineering" }, { "data scien", "data-science" },
		{ "data engineer", "data-engineering" }, { "devops", "devops" },
		{ "site reliability", "devops" }, { "sre", "devops" },
		{ "platform", "devops" }, { "solutions", "solutions" },
		{ "sales engineer", "solutions" }, { "engineer", "software" },
		{ "developer", "software" }, { "programmer", "software" },
	};
	char	 low[128];
	size_t	 i;

	if (title == NULL)
		return "other";
	for (i = 0; title[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)title[i]);
	low[i] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i].w) != NULL)
			return words[i].f;
	return "other";
}

/* The id: the name as fmt_id makes it, "candidate" when nothing is
 * left of it (another script). */
static void
make_id(const char *name, char *out, size_t sz)
{
	if (fmt_id(out, sz, name, 48) == 0)
		snprintf(out, sz, "candidate");
}

static int
email_ok(const char *e)
{
	const char	*at, *dot;
	const char	*p;

	if (e == NULL || strlen(e) > 254)
		return 0;
	for (p = e; *p != '\0'; p++)
		if (isspace((unsigned char)*p))
			return 0;
	if ((at = strchr(e, '@')) == NULL || at == e ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	dot = strrchr(at, '.');
	return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static void
identity(struct import *im, FILE *f)
{
	const struct resume	*r = im->r;
	char			 id[64], buf[512], cc[3] = "";
	const char		*mkt = NULL;

	make_id(r->name, id, sizeof(id));
	fprintf(f, "  <!-- id: from the name; it names the report file "
	    "(%s.pdf) -->\n  <identity id=\"%s\">\n", id, id);
	clip(r->name != NULL ? r->name : "", 80, buf, sizeof(buf));
	if (buf[0] == '\0') {
		snprintf(buf, sizeof(buf), "Name to fill in");
		todo(im, "name: not in the resume (basics.name); the draft "
		    "says 'Name to fill in'");
	}
	fputs("    <name>", f);
	draft_text(f, buf, 0);
	fputs("</name>\n", f);
	if (email_ok(r->email)) {
		fputs("    <email>", f);
		draft_text(f, r->email, 0);
		fputs("</email>\n", f);
	} else if (r->email != NULL)
		todo(im, "email: basics.email is not an e-mail address; left "
		    "out");
	if (r->country != NULL && strlen(r->country) == 2 &&
	    isalpha((unsigned char)r->country[0]) &&
	    isalpha((unsigned char)r->country[1])) {
		cc[0] = (char)toupper((unsigned char)r->country[0]);
		cc[1] = (char)toupper((unsigned char)r->country[1]);
	}
	if (strcmp(cc, "US") == 0 || strcmp(cc, "IN") == 0)
		mkt = cc;
	if (cc[0] == '\0') {
		fputs("    <!-- TODO country: not in the resume "
		    "(basics.location.countryCode) -->\n", f);
		todo(im, "country: not in the resume; the draft says US");
		snprintf(cc, sizeof(cc), "US");
	}
	fprintf(f, "    <country>%s</country>\n", cc);
	if (mkt == NULL) {
		fputs("    <!-- TODO market: US or IN, the job market whose pay "
		    "and demand the report uses; a guess -->\n", f);
		todo(im, "market: US or IN, whose pay bands the report "
		    "uses (the resume cannot say); the draft says US");
		mkt = "US";
	}
	fprintf(f, "    <market>%s</market>\n  </identity>\n", mkt);
}

/* Does text contain w (ASCII, any case)? */
static int
contains(const char *text, const char *w)
{
	size_t	 n = strlen(w);

	for (; *text != '\0'; text++)
		if (strncasecmp(text, w, n) == 0)
			return 1;
	return 0;
}

static void
position(struct import *im, FILE *f, const struct rs_work *w,
    struct ym start, const struct ym *end)
{
	char	 buf[1024], text[2048] = "";
	int	 j, cf = 0;

	append(text, sizeof(text), w->summary != NULL ? w->summary : "");
	for (j = 0; j < w->highlights.n; j++) {
		size_t	 n = strlen(text);

		snprintf(text + n, sizeof(text) - n, "%s%s", n == 0 ? "" :
		    text[n - 1] == '.' ? " " : "; ", w->highlights.w[j]);
	}
	cf = contains(text, "customer") || contains(text, "client");
	if (cf)
		fputs("      <!-- customer-facing: guessed from the words "
		    "'customer' or 'client' -->\n", f);
	fprintf(f, "      <position customer-facing=\"%s\">\n",
	    cf ? "true" : "false");
	clip(w->title != NULL ? w->title : "Position", 120, buf, sizeof(buf));
	fputs("        <title>", f);
	draft_text(f, buf[0] != '\0' ? buf : "Position", 0);
	fputs("</title>\n        <organisation>", f);
	clip(w->org != NULL ? w->org : "", 120, buf, sizeof(buf));
	draft_text(f, buf[0] != '\0' ? buf : "Organisation", 0);
	fprintf(f, "</organisation>\n        <start>%04d-%02d</start>\n",
	    start.year, start.month);
	if (end != NULL)
		fprintf(f, "        <end>%04d-%02d</end>\n", end->year,
		    end->month);
	clip(text, 600, buf, sizeof(buf));
	if (buf[0] != '\0') {
		fputs("        <summary>", f);
		draft_text(f, buf, 0);
		fputs("</summary>\n", f);
	}
	fputs("      </position>\n", f);
	(void)im;
}

static void
experience(struct import *im, FILE *f)
{
	const struct resume	*r = im->r;
	static unsigned char	 month[(2101 - 1900) * 12];
	struct ym		 s, e;
	int			 i, k, exact, n = 0, months = 0, cur = -1;
	int			 now = ym_index(im->today);
	char			 buf[256];
	const char		*title;

	memset(month, 0, sizeof(month));
	/* The current title: the first current position, else the first. */
	for (i = 0; i < r->nwork && cur < 0; i++)
		if (r->work[i].end == NULL && r->work[i].title != NULL)
			cur = i;
	if (cur < 0 && r->nwork > 0 && r->work[0].title != NULL)
		cur = 0;
	title = cur >= 0 ? r->work[cur].title : r->label;
	for (i = 0; i < r->nwork; i++) {
		if (iso_ym(r->work[i].start, &s, &exact) == -1 ||
		    ym_index(s) > now)
			continue;
		if (r->work[i].end == NULL || iso_ym(r->work[i].end, &e,
		    &exact) == -1 || ym_index(e) > now)
			e = im->today;
		if (ym_index(e) < ym_index(s))
			continue;
		for (k = ym_index(s); k <= ym_index(e); k++)
			if (k - 1900 * 12 >= 0 &&
			    (size_t)(k - 1900 * 12) < sizeof(month) &&
			    !month[k - 1900 * 12]++)
				months++;
	}
	snprintf(buf, sizeof(buf), "%.1f", months / 12.0 > 60 ? 60 :
	    months / 12.0);
	fprintf(f, "  <!-- TODO production-years: %s counted from the "
	    "positions' dates (overlaps once); keep only the years whose "
	    "work ran in production -->\n", buf);
	todo(im, "production-years: %s, counted from every position; keep "
	    "only the years whose work ran in production", buf);
	fprintf(f, "  <experience production-years=\"%s\">\n", buf);
	clip(title != NULL ? title : "", 120, buf, sizeof(buf));
	if (buf[0] == '\0') {
		snprintf(buf, sizeof(buf), "Title to fill in");
		todo(im, "current-title: not in the resume; the draft says "
		    "'Title to fill in'");
	}
	fputs("    <current-title>", f);
	draft_text(f, buf, 0);
	fprintf(f, "</current-title>\n    <!-- role-family: guessed from "
	    "the title -->\n    <role-family>%s</role-family>\n",
	    family(title));
	for (i = 0; i < r->nwork; i++) {
		const struct rs_work	*w = &r->work[i];
		int			 has_end;

		if (iso_ym(w->start, &s, &exact) == -1) {
			todo(im, "position '%.40s': no start date it can "
			    "read ('%.20s'); left out", w->title != NULL ?
			    w->title : "?", w->start != NULL ? w->start : "");
			continue;
		}
		if (ym_index(s) > now) {
			todo(im, "position '%.40s': starts after today; left "
			    "out", w->title != NULL ? w->title : "?");
			continue;
		}
		has_end = w->end != NULL && iso_ym(w->end, &e, &exact) == 0;
		if (has_end && ym_index(e) < ym_index(s)) {
			todo(im, "position '%.40s': ends before it starts; "
			    "left out", w->title != NULL ? w->title : "?");
			continue;
		}
		if (n++ == 0)
			fputs("    <positions>\n", f);
		position(im, f, w, s, has_end ? &e : NULL);
	}
	if (n > 0)
		fputs("    </positions>\n", f);
	fputs("  </experience>\n", f);
}

static void
skills(struct import *im, FILE *f)
{
	const struct market	*m = im->m;
	int			 d, i, rated = 0;
	char			 names[200] = "";

	fputs("  <skills>\n", f);
	for (d = 0; d < m->ndims; d++) {
		const struct evidence	*ev = &im->ev[d];
		char			 attrs[128], yrs[32] = "";
		double			 y = ev->months / 12.0;

		if (ev->months > 0)
			snprintf(yrs, sizeof(yrs), " years=\"%.1f\"", y > 60 ?
			    60 : y);
		snprintf(attrs, sizeof(attrs), "%s%s%.0d%s%s%.0d%s", yrs,
		    ev->projects > 0 ? " projects=\"" : "", ev->projects,
		    ev->projects > 0 ? "\"" : "",
		    ev->certs > 0 ? " certifications=\"" : "", ev->certs,
		    ev->certs > 0 ? "\"" : "");
		if (ev->level >= 0) {
			fputs("    <!-- ", f);
			draft_comment(f, m->dims[d].name);
			fputs(": from the resume's skills ", f);
			draft_comment(f, ev->from);
			if (ev->months > 0)
				fputs("; years: the positions that name it", f);
			fputs(" -->\n", f);
			fprintf(f, "    <skill dimension=\"%s\" level=\"%d\"%s/>\n",
			    m->dims[d].id, ev->level, attrs);
			rated++;
			continue;
		}
		if (ev->nwords == 0 && ev->projects == 0 && ev->certs == 0 &&
		    ev->months == 0)
			continue;
		fputs("    <!-- ", f);
		draft_comment(f, m->dims[d].name);
		fputs(": no level could be read from the resume (evidence: ", f);
		draft_comment(f, ev->words[0] != '\0' ? ev->words : "none");
		fprintf(f, "%s%s%s).  Unrated, its level is inferred from "
		    "the\n         evidence; to rate it, write 0-5 and take the "
		    "line out of this comment:\n"
		    "         <skill dimension=\"%s\" level=\"\"%s/> -->\n",
		    ev->months > 0 ? "; positions that name it" : "",
		    ev->projects > 0 ? "; projects" : "",
		    ev->certs > 0 ? "; certificates" : "", m->dims[d].id, attrs);
		append(names, sizeof(names), m->dims[d].id);
	}
	for (i = 0; i < im->nkw; i++) {
		char	 k[160];

		fputs("    <keyword>", f);
		draft_text(f, clip(im->kw[i], 40, k, sizeof(k)), 0);
		fputs("</keyword>\n", f);
	}
	if (im->nunknown > 0) {
		fputs("    <!-- not known to the market data, left out: ", f);
		draft_comment(f, im->unknown);
		fputs(" -->\n", f);
	}
	fputs("  </skills>\n", f);
	if (names[0] != '\0')
		todo(im, "skill levels: %s have evidence but no level the "
		    "resume states (see the comments)", names);
	if (rated > 0)
		todo(im, "skill levels: %d read from the resume's own words; "
		    "check them with the candidate", rated);
}

static void
goals(struct import *im, FILE *f)
{
	int	 h = (int)(im->m->default_hours_per_week + 0.5);

	if (h < 1 || h > 80)
		h = 6;
	fprintf(f, "  <!-- TODO preferences: the candidate's agreement "
	    "(1-5) with the market's %d statements; `reportgen init` lists "
	    "them -->\n", im->m->nstatements);
	todo(im, "preferences: the candidate's agreement (1-5) with the %d "
	    "statements (`reportgen init` lists them)", im->m->nstatements);
	fprintf(f, "  <!-- TODO target (fde, mlops or undecided) and "
	    "hours-per-week (1-80): ask the candidate.\n"
	    "       TODO pay: <current-compensation amount=\"\" currency=\"\" "
	    "basis=\"\"/> inside <goals> -->\n"
	    "  <goals target=\"undecided\" hours-per-week=\"%d\"/>\n", h);
	todo(im, "goals: target and hours-per-week (the draft says "
	    "undecided and %d)", h);
	todo(im, "pay: current-compensation (amount, currency, basis), for "
	    "the pay comparison");
}

int
cmd_import(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output",	required_argument,	NULL, 'o' },
		{ "date",	required_argument,	NULL, 'd' },
		{ "data-dir",	required_argument,	NULL, 'D' },
		{ "market",	required_argument,	NULL, 'm' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	struct diag		 d;
	struct loader		*l;
	struct report_date	 rd;
	struct import		 im;
	struct draft		 dr;
	const char		*out = NULL, *dir = NULL, *market = NULL;
	const char		*date = NULL;
	char			*list = NULL;
	size_t			 listlen = 0;
	int			 ch, status;

	if (opts_list(argc, argv, longopts, "o:d:D:m:h", NULL))
		return EX_OK;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:d:D:m:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'd':
			date = optarg;
			break;
		case 'D':
			dir = optarg;
			break;
		case 'm':
			market = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EX_OK;
		default:
			opt_error("import", longopts, "o:d:D:m:h", argv);
			return EX_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "reportgen import: one JSON Resume file, "
		    "please\n");
		fputs(usage_text, stderr);
		return EX_USAGE;
	}
	if (report_date(date, &rd) == -1) {
		fprintf(stderr, "reportgen import: bad date '%s' (YYYY-MM-DD)\n",
		    date != NULL ? date : "$SOURCE_DATE_EPOCH");
		return EX_USAGE;
	}
	memset(&im, 0, sizeof(im));
	im.today = rd.ym;
	diag_init(&d, stderr);
	if ((l = loader_new(data_dir(dir), market, &d)) == NULL) {
		diag_free(&d);
		return loader_status(data_dir(dir), market);
	}
	im.m = loader_market(l);
	if ((im.r = calloc(1, sizeof(*im.r))) == NULL ||
	    (im.todo = open_memstream(&list, &listlen)) == NULL ||
	    draft_begin(&dr) == -1) {
		fprintf(stderr, "reportgen import: out of memory\n");
		status = EX_OSERR;
		goto out;
	}
	if ((status = resume_read(argv[optind], im.r, &d)) != 0) {
		fclose(dr.f);
		free(dr.buf);
		goto out;
	}
	gather(&im);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n"
	    "  A draft profile made by `reportgen import` from a JSON Resume.\n"
	    "  Check every value with the candidate: what the resume could\n"
	    "  not say is marked TODO (and listed on stderr by the import).\n"
	    "  docs/profiles.md says what each part changes in the report.\n"
	    "-->\n<profile xmlns=\"urn:reportgen:candidate:1\" version=\"1\">\n",
	    dr.f);
	identity(&im, dr.f);
	experience(&im, dr.f);
	skills(&im, dr.f);
	goals(&im, dr.f);
	fputs("</profile>\n", dr.f);
	if (im.r->dropped > 0)
		todo(&im, "%d list items past the first %d (or words past %d) "
		    "were left out", im.r->dropped, RS_MAX_ITEMS, RS_MAX_WORDS);
	if (im.r->mistyped > 0)
		todo(&im, "%d field%s of an unexpected JSON type skipped",
		    im.r->mistyped, im.r->mistyped == 1 ? "" : "s");
	fclose(im.todo);
	im.todo = NULL;
	if ((status = draft_finish(&dr, out, "import")) == EX_OK)
		fprintf(stderr, "reportgen import: %s: a draft; still to "
		    "fill in or check:\n%s", argv[optind], list);
out:
	if (im.todo != NULL)
		fclose(im.todo);
	free(list);
	if (im.r != NULL)
		resume_free(im.r);
	free(im.r);
	loader_free(l);
	diag_free(&d);
	return status;
}
