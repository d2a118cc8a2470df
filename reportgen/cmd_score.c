/*
 * cmd_score.c: `reportgen score`, the assessment of each profile as text
 * or as JSON Lines (one object per profile, one per line).
 *
 *	reportgen score [--format text|json] [--date YYYY-MM-DD]
 *	    [--data-dir DIR] [--market FILE] FILE|DIR|-...
 *
 * This is the only place the scorer's date comes from the clock: --date,
 * else SOURCE_DATE_EPOCH, else today in UTC.  Invalid profiles get their
 * messages on stderr and the exit status `validate` gives them (65, or
 * 66 when unreadable); the valid ones are still printed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "inputs.h"
#include "load.h"
#include "score.h"

enum format { FORMAT_TEXT, FORMAT_JSON };

static void
usage(FILE *f)
{
	fputs("usage: reportgen score [--format text|json] "
	    "[--date YYYY-MM-DD]\n"
	    "                       [--data-dir DIR] [--market FILE] "
	    "FILE|DIR|-...\n\n"
	    "Score each profile for both roles and print the assessment;\n"
	    "- reads one profile from standard input.\n\n"
	    "  -f, --format text|json  plain text (default) or JSON Lines, "
	    "one object\n"
	    "                          per profile\n"
	    "  -d, --date YYYY-MM-DD   the date scored on (current positions "
	    "end there);\n"
	    "                          default $SOURCE_DATE_EPOCH, else "
	    "today (UTC)\n"
	    "  -D, --data-dir DIR      where schemas/ and data/market.xml "
	    "are\n"
	    "  -m, --market FILE       market data instead of "
	    "data/market.xml\n"
	    "  -h, --help              this text\n", f);
}

int
cmd_score(int argc, char *argv[])
{
	static const char shortopts[] = "f:d:D:m:h";
	static const struct opt_values values[] = {
		{ "format", format_names }, { NULL, NULL }
	};
	static const struct option longopts[] = {
		{ "format",	required_argument, NULL, 'f' },
		{ "date",	required_argument, NULL, 'd' },
		{ "data-dir",	required_argument, NULL, 'D' },
		{ "market",	required_argument, NULL, 'm' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL,		0,		   NULL, 0 }
	};
	struct diag		 d;
	struct exits		 ex = { 0 };
	struct inputs		 in;
	struct loader		*l = NULL;
	struct profile		*p;
	struct assessment	*a = NULL;
	struct report_date	 rd;
	enum format		 fmt = FORMAT_TEXT;
	const char		*datadir = NULL, *market = NULL, *date = NULL;
	const char		*path;
	char			*json;
	size_t			 i;
	int			 c, status = EX_OK, unreadable, nprinted = 0;
	int			 nargs, nstdin;

	if (opts_list(argc, argv, longopts, shortopts, values))
		return EX_OK;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			switch (opt_choice("score", "--format", optarg,
			    format_names)) {
			case 0:
				fmt = FORMAT_TEXT;
				break;
			case 1:
				fmt = FORMAT_JSON;
				break;
			default:
				return EX_USAGE;
			}
			break;
		case 'd':
			date = optarg;
			break;
		case 'D':
			datadir = optarg;
			break;
		case 'm':
			market = optarg;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			opt_error("score", longopts, shortopts, argv);
			return EX_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("reportgen score: no profile given\n", stderr);
		usage_hint("score");
		return EX_USAGE;
	}
	nargs = argc - optind;
	if ((nstdin = args_take_stdin(argv + optind, &nargs)) > 1) {
		fputs("reportgen score: '-' (standard input) can be given "
		    "once\n", stderr);
		return EX_USAGE;
	}
	if (report_date(date, &rd) == -1) {
		fprintf(stderr, "reportgen score: %s: not a date as "
		    "YYYY-MM-DD\n", date != NULL ? date : "SOURCE_DATE_EPOCH");
		return EX_USAGE;
	}

	diag_init(&d, stderr);
	memset(&in, 0, sizeof(in));
	datadir = data_dir(datadir);
	if ((l = loader_new(datadir, market, &d)) == NULL) {
		exit_note(&ex, loader_status(datadir, market));
		diag(&d, SEV_FATAL, NULL, 0, "cannot load the schemas and "
		    "market data from %s", market != NULL ? market : datadir);
		goto out;
	}
	loader_set_date(l, rd.ym);
	market_warn_stale(loader_market(l), rd.ym, &d);
	if (nargs > 0 && inputs_collect(&in, argv + optind, nargs, &d) == -1)
		exit_note(&ex, EX_NOINPUT);
	else if (in.n == 0 && nstdin == 0) {
		diag(&d, SEV_ERROR, NULL, 0, "no *.xml files found");
		exit_note(&ex, EX_NOINPUT);
	}
	if ((a = malloc(sizeof(*a))) == NULL) {
		diag(&d, SEV_FATAL, NULL, 0, "out of memory");
		exit_note(&ex, EX_OSERR);
		goto out;
	}

	/* Standard input first (i 0 when there is one), then the files in
	 * their sorted order. */
	for (i = 0; i < (size_t)nstdin + in.n; i++) {
		path = i < (size_t)nstdin ? PROFILE_STDIN :
		    in.paths[i - (size_t)nstdin];
		unreadable = 0;
		p = i < (size_t)nstdin ? profile_load_stdin(l, &d,
		    &unreadable) : profile_load(l, path, &d, &unreadable);
		if (p == NULL) {
			/* Out of memory while loading is the system's
			 * fault (71), as for render. */
			exit_note(&ex, unreadable ? EX_NOINPUT :
			    d.worst >= SEV_FATAL ? EX_OSERR : EX_DATAERR);
			continue;
		}
		score_assess(p, loader_market(l), rd.ym, a);
		if (fmt == FORMAT_JSON) {
			if ((json = score_json(a)) == NULL) {
				diag(&d, SEV_FATAL, path, 0,
				    "out of memory writing JSON");
				exit_note(&ex, EX_SOFTWARE);
			} else {
				puts(json);
				free(json);
			}
		} else {
			if (nprinted++ > 0)
				fputs("\n----------------------------------"
				    "--------------------------------------"
				    "\n\n", stdout);
			score_print_text(stdout, a);
		}
		profile_free(p);
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		diag(&d, SEV_FATAL, NULL, 0, "writing to standard output "
		    "failed");
		exit_note(&ex, EX_IOERR);
	}
out:
	status = exit_status_for(&ex);
	free(a);
	inputs_free(&in);
	loader_free(l);
	diag_free(&d);
	return status;
}
