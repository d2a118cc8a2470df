/*
 * cmd_batch.c: `reportgen batch` options; the work is in batch.c.
 *
 * The brand and the password files are loaded here, once, before
 * batch.c forks its workers (they read them, copy-on-write), and freed
 * after the run.  Passwords only ever come from files.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "brand.h"
#include "cmd.h"
#include "cpus.h"
#include "index.h"
#include "passwords.h"

static void
usage(FILE *f)
{
	fputs("usage: reportgen batch [-o DIR] [-j N] [--incremental] "
	    "[--prune] [--prune-all]\n"
	    "       [--quiet] [--verbose] [--log-format text|json] "
	    "[--shard K/N]\n       [--timeout SECONDS]"
	    " [--date YYYY-MM-DD] [--paper a4|letter] [--mode OCTAL]\n"
	    "       [--brand FILE] [--encrypt --password-file FILE\n"
	    "       [--owner-password-file FILE]] [--index-sort name|fde|mlops]\n"
	    "       [--data-dir DIR] [--market FILE] FILE|DIR...\n\n"
	    "Renders a report <id>.pdf for every profile (*.xml) into DIR "
	    "(default out),\nwith N workers, and writes DIR/summary.csv, "
	    "DIR/index.pdf and the run\nstate DIR/state.db.\n\n"
	    "  -o, --output DIR     output directory (made if missing, not its parents)\n"
	    "  -j, --jobs N         worker processes (default: the CPUs this "
	    "process may\n"
	    "                       use: affinity mask and cgroup cpu.max)\n"
	    "      --incremental    skip profiles whose report is current\n"
	    "      --prune          remove reports of profiles that are gone\n"
	    "                       (not after an input error, nor more than\n"
	    "                       half of them: that is an error, 66)\n"
	    "      --prune-all      --prune, even more than half of them\n"
	    "  -q, --quiet          print errors only\n"
	    "  -v, --verbose        print every profile (and notes)\n"
	    "      --log-format F   text (default) or json: one object per "
	    "profile\n"
	    "      --shard K/N      only profiles whose id hashes to K of N;\n"
	    "                       auto/N: K from $JOB_COMPLETION_INDEX\n"
	    "      --timeout S      per-profile time limit (default 30)\n"
	    "  -d, --date D         assessment and report date (default "
	    "today)\n"
	    "  -p, --paper P        a4 (default) or letter\n"
	    "      --mode OCTAL     mode of the files written (default 0600)\n"
	    "      --brand FILE     organisation, coach, accent colour, logo, "
	    "footer\n"
	    "      --encrypt        protect every report with AES-256\n"
	    "      --password-file FILE  lines of ID<TAB>PASSWORD, mode 0600\n"
	    "      --owner-password-file FILE  lifts the restrictions; also "
	    "opens\n"
	    "                       index.pdf (no index without it)\n"
	    "      --index-sort K   index.pdf order: name (default), fde or "
	    "mlops\n"
	    "  -D, --data-dir DIR   schemas/, data/, fonts/\n"
	    "  -m, --market FILE    market data instead of "
	    "DATADIR/data/market.xml\n\n"
	    "Exit: 0 all current, 65 invalid profiles, 66 unreadable input "
	    "or no profile\nfound (nothing touched), 70 a worker crashed or "
	    "timed out or the data\ndirectory is missing, 71 out of memory, "
	    "73 output directory not writable,\n74 output not written, 75 "
	    "another run holds the lock or the run was\ninterrupted "
	    "(SIGTERM, SIGINT: --incremental resumes), 64 usage.\n", f);
}

#define SHARD_MAX	100000

/* --shard K/N, strictly: digits, one slash, digits, nothing else (no
 * sign, space or second slash), 0 <= K < N <= SHARD_MAX.  0 or -1. */
static int
parse_shard(const char *s, unsigned *k, unsigned *n)
{
	const char	*slash;
	long		 kv, nv;
	size_t		 i;

	if ((slash = strchr(s, '/')) == NULL || slash == s ||
	    slash[1] == '\0' || strchr(slash + 1, '/') != NULL)
		return -1;
	for (i = 0; s[i] != '\0'; i++)
		if (s + i != slash && (s[i] < '0' || s[i] > '9'))
			return -1;
	if (slash - s > 6 || strlen(slash + 1) > 6)
		return -1;	/* longer than SHARD_MAX can be */
	kv = strtol(s, NULL, 10);
	nv = strtol(slash + 1, NULL, 10);
	if (nv < 1 || nv > SHARD_MAX || kv >= nv)
		return -1;
	*k = (unsigned)kv;
	*n = (unsigned)nv;
	return 0;
}

/*
 * --shard auto/N, or auto with N from $REPORTGEN_SHARD_COUNT: K is
 * $JOB_COMPLETION_INDEX (set in every pod of a Kubernetes Indexed Job),
 * so a Kubernetes manifest needs no shell.  The K/N so made is checked as if typed;
 * 0, or -1 with why in *why.
 */
static int
parse_shard_auto(const char *s, unsigned *k, unsigned *n, const char **why)
{
	const char	*idx, *cnt;
	char		 buf[32];

	idx = getenv("JOB_COMPLETION_INDEX");
	if (strcmp(s, "auto") == 0) {
		cnt = getenv("REPORTGEN_SHARD_COUNT");
		if (cnt == NULL || *cnt == '\0') {
			*why = "auto needs the count: auto/N or "
			    "$REPORTGEN_SHARD_COUNT";
			return -1;
		}
	} else
		cnt = s + 5;	/* after "auto/" */
	if (idx == NULL || *idx == '\0') {
		*why = "auto takes the index from $JOB_COMPLETION_INDEX, "
		    "which is not set";
		return -1;
	}
	if ((size_t)snprintf(buf, sizeof(buf), "%s/%s", idx, cnt) >=
	    sizeof(buf) || parse_shard(buf, k, n) == -1) {
		*why = "$JOB_COMPLETION_INDEX/N is not K/N with 0 <= K < N";
		return -1;
	}
	return 0;
}

/* The brand's digest for the state's options: the brand file's bytes
 * and the logo's (decoded) bytes. */
static int
brand_digest(const struct brand *b, const char *path, char out[HASH_HEX_LEN])
{
	unsigned char	 h[HASH_LEN];
	struct hash	*x;

	if (hash_file(path, h, NULL) == -1 || (x = hash_new()) == NULL)
		return -1;
	if (hash_update(x, h, sizeof(h)) == -1 || (b->logo_path != NULL &&
	    hash_update(x, b->logo.data, b->logo.len) == -1) ||
	    hash_final(x, h) == -1) {
		hash_free(x);
		return -1;
	}
	hash_hex(h, out);
	return 0;
}

/* Loads what the workers share read-only, runs the batch, frees it. */
static int
run_loaded(struct batch_opts *o, const char *brandfile, const char *pwfile,
    const char *ownerfile)
{
	struct diag		 d;
	struct exits		 ex = { 0 };
	struct brand		*b = NULL;
	struct passwords	*pw = NULL;
	char			*opw = NULL;
	int			 status, unreadable = 0;

	diag_init(&d, stderr);
	d.json = o->json_log;
	if (o->quiet)
		d.min_print = SEV_ERROR;
	if (o->verbose) {	/* the workers -j gives, for operators */
		d.min_print = SEV_NOTE;
		diag(&d, SEV_NOTE, NULL, 0, "-j %d: at most %d worker "
		    "process%s (this process may use %d CPU%s)", o->jobs,
		    o->jobs, o->jobs == 1 ? "" : "es", cpus_available(),
		    cpus_available() == 1 ? "" : "s");
	}
	if (brandfile != NULL) {
		if ((b = brand_load(o->datadir, brandfile, &d,
		    &unreadable)) == NULL) {
			exit_note(&ex, unreadable ? EX_NOINPUT : EX_DATAERR);
			goto out;
		}
		if (brand_digest(b, brandfile, o->brand_sha) == -1) {
			diag(&d, SEV_ERROR, brandfile, 0, "cannot read");
			exit_note(&ex, EX_NOINPUT);
			goto out;
		}
		o->brand = b;
	}
	if (o->encrypt) {
		if ((pw = passwords_load(pwfile, &d)) == NULL ||
		    (ownerfile != NULL &&
		    (opw = password_load_one(ownerfile, &d)) == NULL)) {
			exit_note(&ex, access(pw == NULL ? pwfile :
			    ownerfile, F_OK) == -1 ? EX_NOINPUT : EX_DATAERR);
			goto out;
		}
		o->passwords = pw;
		o->owner_pw = opw;
	}
	exit_note(&ex, batch_run(o));
out:
	status = exit_status_for(&ex);
	brand_free(b);
	passwords_free(pw);
	password_free(opw);
	diag_free(&d);
	return status;
}

int
cmd_batch(int argc, char *argv[])
{
	enum { OPT_INCR = 256, OPT_PRUNE, OPT_LOG, OPT_SHARD, OPT_TIMEOUT,
	    OPT_MODE,
	    OPT_BRAND, OPT_ENCRYPT, OPT_PWFILE, OPT_OWNERFILE, OPT_ISORT, OPT_PRUNE_ALL };
	static const struct option longopts[] = {
		{ "output",	required_argument,	NULL, 'o' },
		{ "jobs",	required_argument,	NULL, 'j' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "incremental", no_argument,		NULL, OPT_INCR },
		{ "prune",	no_argument,		NULL, OPT_PRUNE },
		{ "prune-all",	no_argument,		NULL, OPT_PRUNE_ALL },
		{ "log-format",	required_argument,	NULL, OPT_LOG },
		{ "shard",	required_argument,	NULL, OPT_SHARD },
		{ "timeout",	required_argument,	NULL, OPT_TIMEOUT },
		{ "date",	required_argument,	NULL, 'd' },
		{ "paper",	required_argument,	NULL, 'p' },
		{ "data-dir",	required_argument,	NULL, 'D' },
		{ "market",	required_argument,	NULL, 'm' },
		{ "mode",	required_argument,	NULL, OPT_MODE },
		{ "brand",	required_argument,	NULL, OPT_BRAND },
		{ "encrypt",	no_argument,		NULL, OPT_ENCRYPT },
		{ "password-file", required_argument,	NULL, OPT_PWFILE },
		{ "owner-password-file", required_argument, NULL,
		    OPT_OWNERFILE },
		{ "index-sort",	required_argument,	NULL, OPT_ISORT },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const log_names[] = { "text", "json", NULL };
	static const char *const sort_names[] = { "name", "fde", "mlops",
	    NULL };	/* enum index_sort's order */
	static const struct opt_values values[] = {
		{ "paper", paper_names }, { "log-format", log_names },
		{ "index-sort", sort_names }, { NULL, NULL }
	};
	static const char shortopts[] = "d:D:hj:m:o:p:qv";
	struct batch_opts	 o;
	struct report_date	 rd;
	const char		*date = NULL, *datadir = NULL;
	const char		*brandfile = NULL, *pwfile = NULL;
	const char		*ownerfile = NULL, *why;
	char			*end;
	unsigned		 k, n;
	long			 v;
	int			 ch;

	memset(&o, 0, sizeof(o));
	o.outdir = "out";
	o.timeout = BATCH_DEFAULT_TIMEOUT;
	o.paper = PAPER_A4;
	o.mode = 0600;
	o.jobs = cpus_available();
	if (opts_list(argc, argv, longopts, shortopts, values))
		return EX_OK;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL))
	    != -1)
		switch (ch) {
		case 'o':
			o.outdir = optarg;
			break;
		case 'j':
			if (opt_number("batch", "-j", optarg, 1, 1024, &v) == -1)
				return EX_USAGE;
			o.jobs = (int)v;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case OPT_INCR:
			o.incremental = 1;
			break;
		case OPT_PRUNE:
			o.prune = 1;
			break;
		case OPT_PRUNE_ALL:
			o.prune = o.prune_all = 1;
			break;
		case OPT_LOG:
			if ((v = opt_choice("batch", "--log-format", optarg,
			    log_names)) == -1)
				return EX_USAGE;
			o.json_log = v == 1;
			break;
		case OPT_SHARD:
			if (strcmp(optarg, "auto") == 0 ||
			    strncmp(optarg, "auto/", 5) == 0) {
				if (parse_shard_auto(optarg, &k, &n, &why) == -1) {
					fprintf(stderr, "reportgen batch: --shard "
					    "'%s' (JOB_COMPLETION_INDEX=%s): %s\n",
					    optarg, getenv("JOB_COMPLETION_INDEX") ?
					    getenv("JOB_COMPLETION_INDEX") : "unset",
					    why);
					return EX_USAGE;
				}
			} else if (parse_shard(optarg, &k, &n) == -1) {
				fprintf(stderr, "reportgen batch: --shard '%s': "
				    "give K/N, two decimal numbers with 0 <= K "
				    "< N <= %u, or auto/N\n", optarg, SHARD_MAX);
				usage_hint("batch");
				return EX_USAGE;
			}
			o.shard_k = k;
			o.shard_n = n;
			break;
		case OPT_TIMEOUT:
			if (opt_number("batch", "--timeout", optarg, 1, 86400,
			    &v) == -1)
				return EX_USAGE;
			o.timeout = (int)v;
			break;
		case 'd':
			date = optarg;
			break;
		case 'p':
			if ((v = opt_choice("batch", "--paper", optarg,
			    paper_names)) == -1)
				return EX_USAGE;
			o.paper = v == 0 ? PAPER_A4 : PAPER_LETTER;
			break;
		case 'D':
			datadir = optarg;
			break;
		case 'm':
			o.market = optarg;
			break;
		case OPT_MODE:
			v = strtol(optarg, &end, 8);
			if (*optarg == '\0' || *end != '\0' || v < 0 ||
			    v > 0666 || (v & 0600) != 0600) {
				fprintf(stderr, "reportgen batch: --mode '%s': "
				    "not an octal mode from 0600 to 0666 (the "
				    "owner reads and writes)\n", optarg);
				usage_hint("batch");
				return EX_USAGE;
			}
			o.mode = (mode_t)v;
			break;
		case OPT_BRAND:
			brandfile = optarg;
			break;
		case OPT_ENCRYPT:
			o.encrypt = 1;
			break;
		case OPT_PWFILE:
			pwfile = optarg;
			break;
		case OPT_OWNERFILE:
			ownerfile = optarg;
			break;
		case OPT_ISORT:
			if ((v = opt_choice("batch", "--index-sort", optarg,
			    sort_names)) == -1)
				return EX_USAGE;
			o.index_sort = v == 0 ? INDEX_SORT_NAME : v == 1 ?
			    INDEX_SORT_FDE : INDEX_SORT_MLOPS;
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		default:
			opt_error("batch", longopts, shortopts, argv);
			return EX_USAGE;
		}
	if (optind >= argc) {
		fputs("reportgen batch: no FILE or DIR given\n", stderr);
		usage_hint("batch");
		return EX_USAGE;
	}
	if (report_date(date, &rd) == -1) {
		fprintf(stderr, "reportgen batch: %s: not a date as "
		    "YYYY-MM-DD\n", date != NULL ? date : "SOURCE_DATE_EPOCH");
		return EX_USAGE;
	}
	o.date_t = rd.t;
	o.today = rd.ym;
	memcpy(o.date, rd.iso, sizeof(o.date) - 1);	/* 10 bytes */
	o.date[sizeof(o.date) - 1] = '\0';
	if (o.quiet && o.verbose)
		o.verbose = 0;
	if (o.encrypt != (pwfile != NULL) || (ownerfile != NULL &&
	    !o.encrypt)) {
		fputs("reportgen batch: --encrypt goes with --password-file "
		    "(and, optionally, --owner-password-file)\n", stderr);
		return EX_USAGE;
	}
	o.datadir = data_dir(datadir);
	o.args = argv + optind;
	o.nargs = argc - optind;
	return run_loaded(&o, brandfile, pwfile, ownerfile);
}
