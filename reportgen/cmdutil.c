/*
 * cmdutil.c: what every command needs the same way: where the data is,
 * which date a report is made on, why the loader could not start, and
 * the exit-status rule, and the command line's habits (bad values named,
 * did-you-mean, --list-options for the shell completions).
 * Kept out of main.c so the unit tests, which link every object but
 * main.o, can link the commands too.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

#ifndef RG_DATADIR
#define RG_DATADIR "/usr/local/share/reportgen"
#endif

const char *
data_dir(const char *option)
{
	const char	*env;

	if (option != NULL)
		return option;
	if ((env = getenv("REPORTGEN_DATA_DIR")) != NULL && *env != '\0')
		return env;
	return RG_DATADIR;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), without timegm. */
static long long
days_from_civil(int y, int m, int d)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
set_day(struct report_date *rd, long long days)
{
	time_t		 t;
	struct tm	 tm;

	t = (time_t)(days * 86400 + 12 * 3600);
	gmtime_r(&t, &tm);
	rd->t = t;
	rd->ym.year = tm.tm_year + 1900;
	rd->ym.month = tm.tm_mon + 1;
	snprintf(rd->iso, sizeof(rd->iso), "%04u-%02u-%02u",
	    (unsigned)(tm.tm_year + 1900) % 10000u,
	    (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

int
report_date(const char *arg, struct report_date *rd)
{
	static const int dim[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	const char	*env;
	char		*end;
	long long	 v;
	int		 y, m, d, n = 0, leap;

	if (arg != NULL) {
		if (strlen(arg) != 10 || sscanf(arg, "%4d-%2d-%2d%n", &y, &m,
		    &d, &n) != 3 || n != 10 || arg[4] != '-' || arg[7] != '-')
			return -1;
		if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 ||
		    d > dim[m - 1])
			return -1;
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (m == 2 && d == 29 && !leap)
			return -1;
		set_day(rd, days_from_civil(y, m, d));
		return 0;
	}
	if ((env = getenv("SOURCE_DATE_EPOCH")) != NULL && *env != '\0') {
		errno = 0;
		v = strtoll(env, &end, 10);
		if (errno != 0 || *end != '\0' || v < 0)
			return -1;
	} else
		v = (long long)time(NULL);
	set_day(rd, v / 86400);
	return 0;
}

int
loader_status(const char *datadir, const char *market)
{
	(void)datadir;
	if (market != NULL && access(market, R_OK) == -1)
		return EX_NOINPUT;
	return EX_SOFTWARE;
}

/* Ranks, most urgent first. */
static const int exit_rank[] = {
	EX_USAGE, EX_CANTCREAT, EX_TEMPFAIL, EX_IOERR, EX_OSERR,
	EX_SOFTWARE, EX_NOINPUT, EX_DATAERR
};
#define NRANKS	(sizeof(exit_rank) / sizeof(exit_rank[0]))

void
exit_note(struct exits *e, int code)
{
	size_t	 i;

	if (code == EX_OK)
		return;
	for (i = 0; i < NRANKS; i++)
		if (exit_rank[i] == code) {
			e->seen |= 1u << i;
			return;
		}
	e->seen |= 1u << 5;	/* a code outside the rule: internal */
}

int
exit_status_for(const struct exits *e)
{
	size_t	 i;

	for (i = 0; i < NRANKS; i++)
		if (e->seen & (1u << i))
			return exit_rank[i];
	return EX_OK;
}

/* Takes the "-" (standard input) arguments out of args; how many there
 * were. */
int
args_take_stdin(char *args[], int *nargs)
{
	int	 i, j, n = 0;

	for (i = j = 0; i < *nargs; i++)
		if (strcmp(args[i], "-") == 0)
			n++;
		else
			args[j++] = args[i];
	*nargs = j;
	return n;
}

const char *const paper_names[] = { "a4", "letter", NULL };
const char *const format_names[] = { "text", "json", NULL };

void
usage_hint(const char *cmd)
{
	fprintf(stderr, "Try 'reportgen %s --help'.\n", cmd);
}

/* Edit distance of a and b, case ignored (two rows; short words). */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, d[2][64];
	size_t	 sub, del, ins;

	if (la >= 63 || lb >= 63)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		d[i & 1][0] = i;
		for (j = 1; j <= lb; j++) {
			sub = d[(i - 1) & 1][j - 1] + (tolower((unsigned char)
			    a[i - 1]) != tolower((unsigned char)b[j - 1]));
			del = d[(i - 1) & 1][j] + 1;
			ins = d[i & 1][j - 1] + 1;
			d[i & 1][j] = sub < del ? (sub < ins ? sub : ins) :
			    (del < ins ? del : ins);
		}
	}
	return d[la & 1][lb];
}

const char *
did_you_mean(const char *word, const char *const names[], size_t n)
{
	const char	*best = NULL;
	size_t		 i, dist, bestd = (size_t)-1, len, limit;

	len = strlen(word);
	limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	for (i = 0; i < n && names[i] != NULL; i++) {
		/* A prefix of one name ("ren" for render) is what was meant. */
		if (len >= 2 && strncasecmp(word, names[i], len) == 0)
			dist = 1;
		else
			dist = distance(word, names[i]);
		if (dist <= limit && dist < bestd) {
			best = names[i];
			bestd = dist;
		}
	}
	return best;
}

int
opt_choice(const char *cmd, const char *opt, const char *arg,
    const char *const values[])
{
	const char	*close;
	size_t		 i;

	for (i = 0; values[i] != NULL; i++)
		if (strcasecmp(arg, values[i]) == 0)
			return (int)i;
	fprintf(stderr, "reportgen %s: %s '%s': not ", cmd, opt, arg);
	for (i = 0; values[i] != NULL; i++)
		fprintf(stderr, "%s%s", i == 0 ? "" : values[i + 1] == NULL ?
		    " or " : ", ", values[i]);
	if ((close = did_you_mean(arg, values, (size_t)-1)) != NULL)
		fprintf(stderr, "; did you mean '%s'?", close);
	fputc('\n', stderr);
	usage_hint(cmd);
	return -1;
}

int
opt_number(const char *cmd, const char *opt, const char *arg, long lo,
    long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < lo || v > hi ||
	    !isdigit((unsigned char)*arg)) {
		fprintf(stderr, "reportgen %s: %s '%s': not a whole number "
		    "from %ld to %ld\n", cmd, opt, arg, lo, hi);
		usage_hint(cmd);
		return -1;
	}
	*out = v;
	return 0;
}

/* The long option of a short one, if any. */
static const char *
long_of(const struct option *lo, int c)
{
	for (; lo->name != NULL; lo++)
		if (lo->flag == NULL && lo->val == c)
			return lo->name;
	return NULL;
}

void
opt_error(const char *cmd, const struct option *lo, const char *shortopts,
    char *argv[])
{
	const struct option	*o, *hit = NULL;
	const char		*names[64], *close, *arg, *eq, *ln;
	char			 word[64];
	size_t			 n = 0, len, nhit = 0;
	int			 c;

	arg = optind > 0 ? argv[optind - 1] : "";
	if (arg != NULL && strncmp(arg, "--", 2) == 0) {
		eq = strchr(arg + 2, '=');
		len = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		for (o = lo; o->name != NULL; o++) {
			if (n < sizeof(names) / sizeof(names[0]))
				names[n++] = o->name;
			if (strncmp(o->name, arg + 2, len) != 0)
				continue;
			if (strlen(o->name) == len) {	/* exact */
				hit = o;
				nhit = 1;
				break;
			}
			hit = o;
			nhit++;
		}
		if (nhit == 1 && eq != NULL && hit->has_arg == no_argument)
			fprintf(stderr, "reportgen %s: --%s takes no value\n",
			    cmd, hit->name);
		else if (nhit == 1)
			fprintf(stderr, "reportgen %s: --%s needs a value\n",
			    cmd, hit->name);
		else if (nhit > 1) {
			fprintf(stderr, "reportgen %s: '%.*s' is the start of "
			    "more than one option:", cmd, (int)(len + 2), arg);
			for (o = lo; o->name != NULL; o++)
				if (strncmp(o->name, arg + 2, len) == 0)
					fprintf(stderr, " --%s", o->name);
			fputc('\n', stderr);
		}
		else {
			snprintf(word, sizeof(word), "%.*s", (int)len, arg + 2);
			fprintf(stderr, "reportgen %s: unknown option '--%s'",
			    cmd, word);
			if ((close = did_you_mean(word, names, n)) != NULL)
				fprintf(stderr, "; did you mean '--%s'?",
				    close);
			fputc('\n', stderr);
		}
		usage_hint(cmd);
		return;
	}
	c = optopt;
	if (c > 0 && c < 256 && strchr(shortopts, c) != NULL) {
		ln = long_of(lo, c);
		fprintf(stderr, "reportgen %s: -%c needs a value", cmd, c);
		if (ln != NULL)
			fprintf(stderr, " (it is --%s)", ln);
		fputc('\n', stderr);
	} else {
		fprintf(stderr, "reportgen %s: unknown option '-%c'", cmd,
		    c > 32 && c < 127 ? c : '?');
		/* -d for -D: the same letter in the other case. */
		if (isalpha(c) && (ln = long_of(lo, islower(c) ? toupper(c) :
		    tolower(c))) != NULL && strchr(shortopts, islower(c) ?
		    toupper(c) : tolower(c)) != NULL)
			fprintf(stderr, "; did you mean '-%c' (--%s)?",
			    islower(c) ? toupper(c) : tolower(c), ln);
		fputc('\n', stderr);
	}
	usage_hint(cmd);
}

int
opts_list(int argc, char *argv[], const struct option *lo,
    const char *shortopts, const struct opt_values *vals)
{
	const struct opt_values	*v;
	size_t			 i;

	if (argc != 2 || strcmp(argv[1], "--list-options") != 0)
		return 0;
	for (; lo->name != NULL; lo++) {
		printf("--%s\t", lo->name);
		if (lo->flag == NULL && lo->val < 256 &&
		    strchr(shortopts, lo->val) != NULL)
			printf("-%c", lo->val);
		else
			putchar('-');
		printf("\t%s\t", lo->has_arg == no_argument ? "-" : "ARG");
		for (v = vals; v != NULL && v->option != NULL; v++)
			if (strcmp(v->option, lo->name) == 0)
				for (i = 0; v->values[i] != NULL; i++)
					printf("%s%s", i ? " " : "",
					    v->values[i]);
		putchar('\n');
	}
	return 1;
}
