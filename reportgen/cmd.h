/*
 * cmd.h: the subcommands.  Each takes the arguments after its name
 * (argv[0] is the subcommand) and returns the exit status (sysexits.h).
 */
#ifndef REPORTGEN_CMD_H
#define REPORTGEN_CMD_H

#include <time.h>

#include "model.h"

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

/* Why loader_new failed: market data that cannot be read (66) or that is
 * wrong or missing from the installation (70). */
int	loader_status(const char *datadir, const char *market);

/* Takes the "-" arguments (standard input) out of args, keeping the
 * order of the others; returns how many there were. */
int	args_take_stdin(char *args[], int *nargs);

/* Exit status for the worst severity a diag saw over profiles. */
int	exit_status_for(int worst_severity);

#endif
