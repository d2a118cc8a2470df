/*
 * cmd_validate.c: reportgen validate [options] FILE|DIR|-...
 *
 * Loads every profile the arguments name, printing each problem as
 * "path:line: severity: message", then one summary line on stderr.
 * Exit status: 0 all valid (warnings allowed), 65 some profile invalid,
 * 66 some input could not be read (this wins over 65), 64 usage, 70 the
 * schemas or market data are unusable.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "inputs.h"
#include "load.h"

static const char usage_text[] =
    "usage: reportgen validate [--data-dir DIR] [--market FILE] [--quiet]"
    " FILE|DIR|-...\n"
    "\n"
    "Check candidate profiles against the schema and the market data.\n"
    "Directories are searched recursively for *.xml files; - reads one\n"
    "profile from standard input (named <stdin> in messages).\n"
    "\n"
    "  -D, --data-dir DIR  schemas/ and data/ live in DIR\n"
    "  -m, --market FILE   market data to use instead of DIR/data/market.xml\n"
    "  -q, --quiet         print errors only: no warnings, no summary\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Exit status: 0 all valid (warnings allowed), 64 usage, 65 some\n"
    "profile invalid, 66 some input unreadable, 70 unusable market data.\n";

int
cmd_validate(int argc, char *argv[])
{
	static const char shortopts[] = "D:m:qh";
	static const struct option longopts[] = {
		{ "data-dir",	required_argument,	NULL, 'D' },
		{ "market",	required_argument,	NULL, 'm' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	struct diag	 d;
	struct exits	 ex = { 0 };
	struct inputs	 in = { NULL, 0, 0 };
	struct loader	*l = NULL;
	struct profile	*p;
	const char	*dir = NULL, *market = NULL;
	size_t		 i;
	int		 ch, quiet = 0, status, unreadable, nunread = 0;
	int		 nvalid = 0, ninvalid = 0, collect = 0, nstdin;

	if (opts_list(argc, argv, longopts, shortopts, NULL))
		return EX_OK;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'D':
			dir = optarg;
			break;
		case 'm':
			market = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EX_OK;
		default:
			opt_error("validate", longopts, shortopts, argv);
			return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		fputs("reportgen validate: no FILE or DIR given\n", stderr);
		fputs(usage_text, stderr);
		return EX_USAGE;
	}
	if ((nstdin = args_take_stdin(argv, &argc)) > 1) {
		fputs("reportgen validate: '-' (standard input) can be given "
		    "once\n", stderr);
		return EX_USAGE;
	}

	diag_init(&d, stderr);
	if (quiet)
		d.min_print = SEV_ERROR;
	dir = data_dir(dir);
	if ((l = loader_new(dir, market, &d)) == NULL) {
		status = loader_status(dir, market);
		diag(&d, SEV_FATAL, NULL, 0, "cannot load the schemas and "
		    "market data from %s", market != NULL ? market : dir);
		goto out;
	}
	if (nstdin > 0) {
		unreadable = 0;
		if ((p = profile_load_stdin(l, &d, &unreadable)) != NULL) {
			nvalid++;
			profile_free(p);
		} else if (unreadable)
			nunread++;
		else
			ninvalid++;
	}
	if (argc > 0)
		collect = inputs_collect(&in, argv, argc, &d);
	if (collect == -1)
		nunread++;
	if (in.n == 0 && collect == 0 && nstdin == 0) {
		diag(&d, SEV_ERROR, NULL, 0, "no *.xml files found");
		nunread++;
	}
	for (i = 0; i < in.n; i++) {
		unreadable = 0;
		if ((p = profile_load(l, in.paths[i], &d, &unreadable))
		    != NULL) {
			nvalid++;
			profile_free(p);
		} else if (unreadable)
			nunread++;
		else
			ninvalid++;
	}
	if (!quiet) {
		fprintf(stderr, "validated %zu profile%s: %d valid, %d "
		    "invalid, %d warning%s", in.n + (size_t)nstdin,
		    in.n + (size_t)nstdin == 1 ? "" : "s",
		    nvalid, ninvalid, d.count[SEV_WARNING],
		    d.count[SEV_WARNING] == 1 ? "" : "s");
		if (nunread > 0)
			fprintf(stderr, ", %d unreadable", nunread);
		fputc('\n', stderr);
	}
	/* Out of memory (fatal) says nothing about the profiles: 71. */
	exit_note(&ex, d.count[SEV_FATAL] > 0 ? EX_OSERR : EX_OK);
	exit_note(&ex, nunread > 0 ? EX_NOINPUT : EX_OK);
	exit_note(&ex, ninvalid > 0 ? EX_DATAERR : EX_OK);
	status = exit_status_for(&ex);
out:
	inputs_free(&in);
	loader_free(l);
	diag_free(&d);
	return status;
}
