/*
 * cmd.h: the subcommands.  Each takes the arguments after its name
 * (argv[0] is the subcommand) and returns the exit status (sysexits.h).
 */
#ifndef REPORTGEN_CMD_H
#define REPORTGEN_CMD_H

int	cmd_validate(int argc, char *argv[]);
int	cmd_score(int argc, char *argv[]);
int	cmd_render(int argc, char *argv[]);
int	cmd_batch(int argc, char *argv[]);
int	cmd_merge_summaries(int argc, char *argv[]);

/* The data directory: --data-dir, else $REPORTGEN_DATA_DIR, else the one
 * compiled in. */
const char *data_dir(const char *option);

/* Exit status for the worst severity a diag saw over profiles. */
int	exit_status_for(int worst_severity);

#endif
