/*
 * main.c: the command table, --help, --version and exit status.
 *
 * reportgen COMMAND [options] ARGS...; each command lives in cmd_*.c and
 * returns a sysexits.h status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"

#ifndef RG_VERSION
#define RG_VERSION "dev"
#endif
#ifndef RG_DATADIR
#define RG_DATADIR "/usr/local/share/reportgen"
#endif

static const struct command {
	const char	*name;
	int		(*run)(int, char *[]);
	const char	*summary;
} commands[] = {
	{ "init",     cmd_init,     "write a profile template to fill in" },
	{ "import",   cmd_import,   "draft a profile from a JSON Resume" },
	{ "validate", cmd_validate, "check profiles against the schema" },
	{ "score",    cmd_score,    "print the assessment (text or JSON)" },
	{ "render",   cmd_render,   "render one profile to a PDF report" },
	{ "batch",    cmd_batch,    "render many profiles in parallel" },
	{ "merge-summaries", cmd_merge_summaries, "join the summary.csv of shards" },
};

static void
usage(FILE *f)
{
	size_t	 i;

	fputs("usage: reportgen COMMAND [options] FILE|DIR...\n\n"
	    "commands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-16s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\n`reportgen COMMAND --help` describes a command's options.\n"
	    "Exit status follows sysexits(3): 0 ok, 64 usage, 65 invalid "
	    "profile,\n66 unreadable input, 70 internal error, 71 out of "
	    "memory,\n73 cannot create output, 74 I/O error, 75 locked by "
	    "another run.\n", f);
}

int
main(int argc, char *argv[])
{
	size_t	 i;

	if (argc < 2) {
		usage(stderr);
		return EX_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EX_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("reportgen %s\n", RG_VERSION);
		return EX_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "reportgen: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EX_USAGE;
}
