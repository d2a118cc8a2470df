/*
 * cmd.h: the subcommands.  Each takes the arguments after its name
 * (argv[0] is the subcommand) and returns the exit status (sysexits.h).
 */
#ifndef REPORTGEN_CMD_H
#define REPORTGEN_CMD_H

#include <stdio.h>
#include <time.h>

#include "model.h"

struct option;

int	cmd_init(int argc, char *argv[]);
int	cmd_import(int argc, char *argv[]);
int	cmd_validate(int argc, char *argv[]);
int	cmd_score(int argc, char *argv[]);
int	cmd_render(int argc, char *argv[]);
int	cmd_batch(int argc, char *argv[]);
int	cmd_merge_summaries(int argc, char *argv[]);

/* The data directory: --data-dir, else $REPORTGEN_DATA_DIR, else the one
 * compiled in. */
const char *data_dir(const char *option);

/* The date a report is made on: the day of --date YYYY-MM-DD, else of
 * $SOURCE_DATE_EPOCH, else today, in UTC.  t is noon UTC of that day, so
 * every command stamps the same instant for the same day (byte-identical
 * PDFs from render and batch).  -1 when arg or the variable is malformed. */
struct report_date {
	time_t		 t;
	struct ym	 ym;
	char		 iso[16];	/* YYYY-MM-DD */
};
int	report_date(const char *arg, struct report_date *);

/* Why loader_new failed: a --market file that cannot be read (66), or
 * the tool's own data (the data directory, its schemas and market data)
 * missing or wrong (70). */
int	loader_status(const char *datadir, const char *market);

/* Takes the "-" arguments (standard input) out of args, keeping the
 * order of the others; returns how many there were. */
int	args_take_stdin(char *args[], int *nargs);

/*
 * The one exit-status rule (reportgen.1, EXIT STATUS).  A command notes
 * each outcome as it happens (a sysexits(3) code; 0 is no news) and exits
 * with the one the operator must act on first:
 *
 *	64 usage, 73 cannot create output, 75 locked by another run,
 *	74 I/O error, 71 out of memory, 70 internal error,
 *	66 unreadable input, 65 invalid data, then 0.
 */
struct exits {
	unsigned	 seen;		/* a bit per rank */
};
void	exit_note(struct exits *, int code);
int	exit_status_for(const struct exits *);

/*
 * The command line's habits, the same in every command (cmdutil.c).
 *
 * Enumerated values are matched without regard to case (--paper A4); a
 * bad value names the option, what it accepts and, when one is close,
 * what was meant ("did you mean 'letter'?"), then "Try 'reportgen CMD
 * --help'." instead of the whole usage.  All print to stderr and return
 * -1 on a bad value.
 */
extern const char *const paper_names[];		/* PAPER_A4, PAPER_LETTER */
extern const char *const format_names[];	/* text, json */

/* An option's accepted values, for opts_list() and the completions. */
struct opt_values {
	const char		 *option;	/* long name */
	const char *const	 *values;	/* NULL-terminated */
};

int	opt_choice(const char *cmd, const char *opt, const char *arg,
	    const char *const values[]);
int	opt_number(const char *cmd, const char *opt, const char *arg,
	    long lo, long hi, long *out);
/* After getopt_long returned '?' (opterr = 0): says which option is
 * unknown (and what was meant) or lacks its value; then the hint. */
void	opt_error(const char *cmd, const struct option *, const char *shortopts,
	    char *argv[]);
void	usage_hint(const char *cmd);
/* The closest of names[] (NULL-terminated, or n of them) to word, or
 * NULL when none is close (edit distance, case ignored). */
const char *did_you_mean(const char *word, const char *const names[],
	    size_t n);
/*
 * `reportgen CMD --list-options`: one line per option of the getopt
 * table, "--long<TAB>-s<TAB>ARG|-<TAB>value value...", for the shell
 * completions (contrib/completion/), which therefore complete what the
 * parser accepts.  1 when argv asked for it (and it was printed), else 0.
 */
int	opts_list(int argc, char *argv[], const struct option *,
	    const char *shortopts, const struct opt_values *);

#endif
