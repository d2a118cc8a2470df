/*
 * cmdutil.c: what every command needs the same way: where the data is,
 * which date a report is made on, why the loader could not start, and
 * the exit-status rule.
 * Kept out of main.c so the unit tests, which link every object but
 * main.o, can link the commands too.
 */
#include <errno.h>
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
