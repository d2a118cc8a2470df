/*
 * xmlsafe_guess.c: the value a candidate meant, guessed from the value
 * the schema refused, for xmlsafe_coach.c's "(did you mean 5?)": a word
 * of the scale for a level, "agree" for an agreement, "Sept 2022" for a
 * month, "16,00,000" or "$120k" for an amount, a name for an id, an
 * allowed value in other case, yes/no, "3 years" for a number.  Pure
 * string work on the value alone: no libxml2 call, no message; a guess
 * is offered only where it is safe (xs_guess returns 0 otherwise).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "xmlsafe_private.h"

static int
ieq(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0' &&
	    tolower((unsigned char)*a) == tolower((unsigned char)*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

static const char *
guess_level(const char *v)
{
	static const struct { const char *word; const char *level; } w[] = {
		{ "none", "0" }, { "aware", "1" }, { "awareness", "1" },
		{ "rarely required", "1" }, { "familiar", "2" },
		{ "beginner", "2" }, { "basic", "2" },
		{ "working knowledge", "3" }, { "working", "3" },
		{ "intermediate", "3" }, { "proficient", "4" },
		{ "required", "4" }, { "advanced", "4" }, { "expert", "5" },
		{ "deep expertise", "5" }, { "owns & builds", "5" },
		{ "core skill", "5" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (ieq(v, w[i].word))
			return w[i].level;
	if (v[0] >= '0' && v[0] <= '5' && v[1] == '/' && v[2] == '5' &&
	    v[3] == '\0') {		/* "4/5" */
		static char	 d[2];

		d[0] = v[0];
		return d;
	}
	return NULL;
}

static const char *
guess_agree(const char *v)
{
	static const struct { const char *word; const char *n; } w[] = {
		{ "strongly disagree", "1" }, { "disagree strongly", "1" },
		{ "disagree", "2" }, { "neither", "3" }, { "neutral", "3" },
		{ "agree", "4" }, { "strongly agree", "5" },
		{ "agree strongly", "5" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (ieq(v, w[i].word))
			return w[i].n;
	return NULL;
}

/* "Sept 2022", "September 2022", "09/2022", "2022/9", "2022-09-01". */
static int
guess_month(const char *v, char *out, size_t sz)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	const char	*p = v;
	int		 year = 0, month = 0, n;
	char		 w[16];
	size_t		 k;

	while (*p != '\0') {
		if (isdigit((unsigned char)*p)) {
			n = 0;
			for (k = 0; isdigit((unsigned char)p[k]); k++)
				if (k < 6)	/* more is no year or month */
					n = n * 10 + (p[k] - '0');
			if (k == 4 && year == 0)
				year = n;
			else if (k <= 2 && month == 0 && n >= 1 && n <= 12)
				month = n;
			p += k;
		} else if (isalpha((unsigned char)*p)) {
			for (k = 0; isalpha((unsigned char)p[k]); k++)
				if (k < sizeof(w) - 1)
					w[k] = (char)tolower((unsigned char)p[k]);
			w[k < sizeof(w) - 1 ? k : sizeof(w) - 1] = '\0';
			if (k >= 3 && month == 0) {
				const char	*m;

				w[3] = '\0';
				if ((m = strstr(months, w)) != NULL &&
				    (m - months) % 3 == 0)
					month = (int)(m - months) / 3 + 1;
			}
			p += k;
		} else
			p++;
	}
	if (year < 1900 || year > 2100 || month == 0)
		return 0;
	snprintf(out, sz, "%04d-%02d", year, month);
	return 1;
}

/* "16,00,000", "1 600 000", "$120,000.00", "120k". */
static int
guess_amount(const char *v, char *out, size_t sz)
{
	const char	*p;
	size_t		 o = 0;
	int		 kilo = 0;

	for (p = v; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			if (o + 4 >= sz)
				return 0;
			out[o++] = *p;
		} else if (*p == '.' && isdigit((unsigned char)p[1]) &&
		    (p[2] == '\0' || (isdigit((unsigned char)p[2]) &&
		    p[3] == '\0')))
			break;		/* cents: dropped */
		else if ((*p == 'k' || *p == 'K') && p[1] == '\0')
			kilo = 1;
		else if (strchr(",. _'$\xe2\x82\xb9", *p) == NULL &&
		    (unsigned char)*p < 0x80)
			return 0;
	}
	if (o == 0)
		return 0;
	if (kilo)
		out[o++] = '0', out[o++] = '0', out[o++] = '0';
	out[o] = '\0';
	return strcmp(out, v) != 0;
}

/* The id fmt_id makes of v, if it is another. */
static int
guess_id(const char *v, char *out, size_t sz)
{
	return fmt_id(out, sz, v, 64) > 0 && strcmp(out, v) != 0;
}

static int
guess_ref(const char *v, char *out, size_t sz)
{
	size_t	 o = 0;

	for (; *v != '\0' && o + 1 < sz && o < 32; v++) {
		if (isalnum((unsigned char)*v) || *v == '-' || *v == '_')
			out[o++] = (char)tolower((unsigned char)*v);
		else if (*v == ' ' && o > 0 && out[o - 1] != '_')
			out[o++] = '_';
	}
	out[o] = '\0';
	return o > 0 && isalpha((unsigned char)out[0]);
}

/* An allowed value of set ("'US', 'IN'") that differs from v in case. */
static int
guess_enum(const char *v, const char *set, char *out, size_t sz)
{
	const char	*p, *q;

	if (set == NULL)
		return 0;
	for (p = set; (p = strchr(p, '\'')) != NULL; p = q + 1) {
		if ((q = strchr(p + 1, '\'')) == NULL)
			break;
		if ((size_t)(q - p - 1) == strlen(v) &&
		    strncasecmp(p + 1, v, strlen(v)) == 0) {
			snprintf(out, sz, "%.*s", (int)(q - p - 1), p + 1);
			return 1;
		}
	}
	return 0;
}

static int
guess_number(const char *v, char *out, size_t sz)
{
	char	 tmp[64], *end;
	double	 x;
	size_t	 i;

	snprintf(tmp, sizeof(tmp), "%s", v);
	for (i = 0; tmp[i] != '\0'; i++)
		if (tmp[i] == ',')
			tmp[i] = '.';
	if (!isdigit((unsigned char)tmp[0]))
		return 0;
	x = strtod(tmp, &end);
	if (end == tmp || !(x >= 0 && x < 1e9))
		return 0;
	snprintf(out, sz, "%.1f", x + 1e-9);
	if ((i = strlen(out)) > 2 && strcmp(out + i - 2, ".0") == 0)
		out[i - 2] = '\0';
	return strcmp(out, v) != 0;
}

/* The value meant by v, in out; 0 when no guess is safe. */
int
xs_guess(enum xs_guess kind, const char *v, const char *set, char *out,
    size_t sz)
{
	const char	*g = NULL;

	switch (kind) {
	case G_LEVEL:
		if ((g = guess_level(v)) != NULL)
			break;
		out[0] = '\0';
		(void)guess_number(v, out, sz);
		if (!isdigit((unsigned char)out[0]) || atoi(out) >= 5)
			return 0;
		if (strchr(out, '.') != NULL) {		/* 3.5 */
			snprintf(out, sz, "%d or %d", atoi(out), atoi(out) + 1);
			return 1;
		}
		return strcmp(out, v) != 0;
	case G_AGREE:
		g = guess_agree(v);
		break;
	case G_MONTH:
		return guess_month(v, out, sz);
	case G_AMOUNT:
		return guess_amount(v, out, sz);
	case G_ID:
		return strlen(v) <= 64 && guess_id(v, out, sz);
	case G_REF:
		return guess_ref(v, out, sz) && strcmp(out, v) != 0;
	case G_ENUM:
		if (set == NULL && strlen(v) == 2 && isalpha((unsigned char)
		    v[0]) && isalpha((unsigned char)v[1])) {	/* country */
			snprintf(out, sz, "%c%c", toupper((unsigned char)v[0]),
			    toupper((unsigned char)v[1]));
			return strcmp(out, v) != 0;
		}
		return guess_enum(v, set, out, sz);
	case G_BOOL:
		if (ieq(v, "yes") || ieq(v, "y") || ieq(v, "true"))
			g = "true";
		else if (ieq(v, "no") || ieq(v, "n") || ieq(v, "false"))
			g = "false";
		break;
	case G_NUMBER:
		return guess_number(v, out, sz);
	case G_NONE:
		break;
	}
	if (g == NULL)
		return 0;
	snprintf(out, sz, "%s", g);
	return 1;
}
