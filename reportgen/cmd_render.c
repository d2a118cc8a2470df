/*
 * cmd_render.c: `reportgen render`, one profile to one PDF report.
 *
 *	reportgen render PROFILE.xml [-o OUT.pdf] [--paper a4|letter]
 *	    [--date YYYY-MM-DD] [--prepared-by NAME] [--brand FILE]
 *	    [--encrypt --password-file FILE | --ask-password
 *	    [--owner-password-file FILE]]
 *	    [--data-dir DIR] [--market FILE]
 *
 * The date (--date, else SOURCE_DATE_EPOCH, else today in UTC) is both
 * the date scored on and the date printed and stamped in the PDF, so the
 * same inputs and date give the same bytes.  The file is written through
 * output_write() (temp file, fsync, rename, mode 0600), or to standard
 * output with -o -; an -o that is a symbolic link, a directory, a FIFO
 * or a device is refused (73) before any work, never renamed over.  An
 * invalid profile gives its messages, status 65 and no PDF.
 *
 * --brand loads a brand file (brand.h) before anything is scored; a bad
 * brand or logo is status 65 (66 when the brand file cannot be read).
 * --encrypt protects the report with AES-256 (encrypt.h) using the
 * profile's entry in --password-file (or the file's one password, or
 * the one typed for --ask-password); no entry is status 65 and no file.
 * The progress section needs the last assessment a batch manifest keeps,
 * so a single render never has one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "brand.h"
#include "cmd.h"
#include "diag.h"
#include "encrypt.h"
#include "load.h"
#include "output.h"
#include "passwords.h"
#include "report.h"
#include "score.h"

static void
usage(FILE *f)
{
	fputs("usage: reportgen render PROFILE.xml [-o OUT.pdf] "
	    "[--paper a4|letter]\n"
	    "                        [--date YYYY-MM-DD] [--prepared-by NAME]\n"
	    "                        [--brand FILE] [--encrypt --password-file "
	    "FILE | --ask-password\n"
	    "                        [--owner-password-file FILE]]\n"
	    "                        [--data-dir DIR] [--market FILE]\n\n"
	    "Score one profile and write its PDF report.\n\n"
	    "  -o, --output FILE       where to write (default ID.pdf in the "
	    "current\n"
	    "                          directory, ID from the profile); - is "
	    "standard\n"
	    "                          output; a link, directory, FIFO or "
	    "device is\n"
	    "                          refused\n"
	    "  -p, --paper a4|letter   paper size (default a4)\n"
	    "  -d, --date YYYY-MM-DD   the report's date, also the date "
	    "scored on;\n"
	    "                          default $SOURCE_DATE_EPOCH, else "
	    "today (UTC)\n"
	    "      --prepared-by NAME  who prepared the report (default "
	    "reportgen)\n"
	    "      --brand FILE        organisation, coach, accent colour, "
	    "logo and\n"
	    "                          footer (schemas/brand.xsd)\n"
	    "      --encrypt           protect the report with AES-256\n"
	    "      --password-file FILE  the password alone, or lines of "
	    "ID<TAB>PASSWORD;\n"
	    "                          mode 0600\n"
	    "      --ask-password      type the password on the terminal "
	    "(not echoed)\n"
	    "      --owner-password-file FILE  the password that lifts the "
	    "restrictions\n"
	    "  -D, --data-dir DIR      where schemas/, data/ and fonts/ are\n"
	    "  -m, --market FILE       market data instead of "
	    "data/market.xml\n"
	    "  -h, --help              this text\n", f);
}

/* -o split into a directory and a file name; -1 when it names no file. */
static int
split_output(const char *o, char *dir, size_t dn, char *base, size_t bn)
{
	const char	*slash;

	if ((slash = strrchr(o, '/')) == NULL) {
		snprintf(dir, dn, ".");
		slash = o - 1;
	} else if (slash == o)
		snprintf(dir, dn, "/");
	else if ((size_t)(slash - o) >= dn)
		return -1;
	else
		snprintf(dir, dn, "%.*s", (int)(slash - o), o);
	if (slash[1] == '\0' || strcmp(slash + 1, ".") == 0 ||
	    strcmp(slash + 1, "..") == 0 || strlen(slash + 1) >= bn)
		return -1;
	snprintf(base, bn, "%s", slash + 1);
	return 0;
}

int
cmd_render(int argc, char *argv[])
{
	static const char shortopts[] = "o:p:d:D:m:h";
	static const struct opt_values values[] = {
		{ "paper", paper_names }, { NULL, NULL }
	};
	static const struct option longopts[] = {
		{ "output",	 required_argument, NULL, 'o' },
		{ "paper",	 required_argument, NULL, 'p' },
		{ "date",	 required_argument, NULL, 'd' },
		{ "prepared-by", required_argument, NULL, 'P' },
		{ "data-dir",	 required_argument, NULL, 'D' },
		{ "market",	 required_argument, NULL, 'm' },
		{ "brand",	 required_argument, NULL, 'B' },
		{ "encrypt",	 no_argument,	    NULL, 'E' },
		{ "password-file", required_argument, NULL, 'W' },
		{ "owner-password-file", required_argument, NULL, 'O' },
		{ "ask-password", no_argument,	    NULL, 'A' },
		{ "help",	 no_argument,	    NULL, 'h' },
		{ NULL,		 0,		    NULL, 0 }
	};
	struct diag		 d;
	struct exits		 ex = { 0 };
	struct loader		*l = NULL;
	struct profile		*p = NULL;
	struct renderer		*r = NULL;
	struct assessment	*a = NULL;
	struct render_opts	 ro;
	struct report_date	 rd;
	const char		*out = NULL, *datadir = NULL, *market = NULL;
	const char		*date = NULL, *brandfile = NULL;
	const char		*pwfile = NULL, *ownerfile = NULL, *upw;
	struct brand		*brand = NULL;
	struct passwords	*pw = NULL;
	char			*opw = NULL;
	char			 dir[4096], base[1024];
	unsigned char		*pdf = NULL, *enc = NULL;
	size_t			 len = 0, elen = 0;
	int			 c, status = EX_OK, unreadable = 0, encrypt = 0;
	int			 to_stdout = 0, ask = 0;

	memset(&ro, 0, sizeof(ro));
	ro.paper = PAPER_A4;
	if (opts_list(argc, argv, longopts, shortopts, values))
		return EX_OK;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'p':	/* paper_names[] is in enum paper's order */
			if ((c = opt_choice("render", "--paper", optarg,
			    paper_names)) == -1)
				return EX_USAGE;
			ro.paper = c == 0 ? PAPER_A4 : PAPER_LETTER;
			break;
		case 'd':
			date = optarg;
			break;
		case 'P':
			ro.prepared_by = optarg;
			break;
		case 'D':
			datadir = optarg;
			break;
		case 'm':
			market = optarg;
			break;
		case 'B':
			brandfile = optarg;
			break;
		case 'E':
			encrypt = 1;
			break;
		case 'W':
			pwfile = optarg;
			break;
		case 'O':
			ownerfile = optarg;
			break;
		case 'A':
			ask = 1;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			opt_error("render", longopts, shortopts, argv);
			return EX_USAGE;
		}
	}
	if (argc - optind != 1) {
		fputs(optind >= argc ? "reportgen render: no profile given\n" :
		    "reportgen render: one profile at a time (see `reportgen "
		    "batch`)\n", stderr);
		usage_hint("render");
		return EX_USAGE;
	}
	if (encrypt && pwfile == NULL && !ask) {
		fputs("reportgen render: --encrypt needs --password-file or "
		    "--ask-password (passwords are never taken from the "
		    "command line)\n", stderr);
		return EX_USAGE;
	}
	if (pwfile != NULL && ask) {
		fputs("reportgen render: --password-file or --ask-password, "
		    "not both\n", stderr);
		return EX_USAGE;
	}
	if (!encrypt && (pwfile != NULL || ownerfile != NULL || ask)) {
		fputs("reportgen render: --password-file, --ask-password and "
		    "--owner-password-file go with --encrypt\n", stderr);
		return EX_USAGE;
	}
	if (ro.prepared_by != NULL && (*ro.prepared_by == '\0' ||
	    strlen(ro.prepared_by) > 120)) {
		fputs("reportgen render: --prepared-by: give 1 to 120 "
		    "bytes\n", stderr);
		return EX_USAGE;
	}
	if (report_date(date, &rd) == -1) {
		fprintf(stderr, "reportgen render: %s: not a date as "
		    "YYYY-MM-DD\n", date != NULL ? date : "SOURCE_DATE_EPOCH");
		return EX_USAGE;
	}
	ro.date = rd.t;
	if (out != NULL && strcmp(out, "-") == 0) {
		if (isatty(STDOUT_FILENO)) {
			fputs("reportgen render: -o -: standard output is a "
			    "terminal; redirect it to a file or a pipe\n",
			    stderr);
			return EX_USAGE;
		}
		to_stdout = 1;
	} else if (out != NULL && split_output(out, dir, sizeof(dir), base,
	    sizeof(base)) == -1) {
		fprintf(stderr, "reportgen render: -o: '%s' does not name a "
		    "file\n", out);
		return EX_USAGE;
	}

	diag_init(&d, stderr);
	/* Before any work: a link or a device at -o is refused, never
	 * renamed over (output_write checks again when it writes). */
	if (out != NULL && !to_stdout &&
	    (status = output_named_ok(out, &d)) != 0) {
		exit_note(&ex, status);
		goto out;
	}
	datadir = data_dir(datadir);
	if ((l = loader_new(datadir, market, &d)) == NULL) {
		diag(&d, SEV_FATAL, NULL, 0, "cannot load the schemas and "
		    "market data from %s", market != NULL ? market : datadir);
		exit_note(&ex, loader_status(datadir, market));
		goto out;
	}
	loader_set_date(l, rd.ym);
	if (brandfile != NULL && (brand = brand_load(datadir, brandfile, &d,
	    &unreadable)) == NULL) {
		exit_note(&ex, unreadable ? EX_NOINPUT : EX_DATAERR);
		goto out;
	}
	ro.brand = brand;
	if (encrypt && ask && (pw = passwords_ask(&d)) == NULL) {
		exit_note(&ex, EX_NOINPUT);
		goto out;
	}
	if (encrypt) {
		/* One report: the file may hold its password alone. */
		if ((pw == NULL &&
		    (pw = passwords_load_render(pwfile, &d)) == NULL) ||
		    (ownerfile != NULL &&
		    (opw = password_load_one(ownerfile, &d)) == NULL)) {
			exit_note(&ex, access(pw == NULL ? pwfile :
			    ownerfile, F_OK) == -1 ? EX_NOINPUT : EX_DATAERR);
			goto out;
		}
	}
	if ((p = profile_load(l, argv[optind], &d, &unreadable)) == NULL) {
		/* Out of memory while loading is the system's fault (71),
		 * not the profile's (65). */
		exit_note(&ex, unreadable ? EX_NOINPUT :
		    d.worst >= SEV_FATAL ? EX_OSERR : EX_DATAERR);
		goto out;
	}
	/* The default output name comes from the id: check it again here
	 * even though the schema already did (defence in depth). */
	if (out == NULL && !profile_id_ok(p->id)) {
		diag(&d, SEV_ERROR, argv[optind], 0, "id is not usable as a "
		    "file name; no report written (give -o)");
		exit_note(&ex, EX_DATAERR);
		goto out;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		diag(&d, SEV_FATAL, NULL, 0, "out of memory");
		exit_note(&ex, EX_OSERR);
		goto out;
	}
	score_assess(p, loader_market(l), rd.ym, a);
	market_warn_stale(loader_market(l), rd.ym, &d);
	if ((r = renderer_new(datadir, &d)) == NULL) {
		exit_note(&ex, EX_SOFTWARE);
		goto out;
	}
	if (encrypt && (upw = passwords_get(pw, p->id)) == NULL) {
		diag(&d, SEV_ERROR, pwfile, 0, "no password entry for id "
		    "'%s'; no report written", p->id);
		exit_note(&ex, EX_DATAERR);
		goto out;
	}
	if (render_report(r, a, &ro, &pdf, &len, &d) == -1) {
		exit_note(&ex, EX_SOFTWARE);
		goto out;
	}
	if (out == NULL) {
		snprintf(dir, sizeof(dir), ".");
		snprintf(base, sizeof(base), "%s.pdf", p->id);
	}
	if (encrypt) {
		if (encrypt_pdf(pdf, len, passwords_get(pw, p->id), opw, &enc,
		    &elen, &d, argv[optind]) == -1) {
			exit_note(&ex, EX_SOFTWARE);
			goto out;
		}
		free(pdf);
		pdf = enc;
		len = elen;
		enc = NULL;
	}
	exit_note(&ex, to_stdout ? output_stdout(pdf, len, &d) :
	    output_write(dir, base, pdf, len, 0600, &d));
out:
	status = exit_status_for(&ex);
	free(pdf);
	brand_free(brand);
	passwords_free(pw);
	password_free(opw);
	renderer_free(r);
	free(a);
	profile_free(p);
	loader_free(l);
	diag_free(&d);
	return status;
}
