/*
 * main.c: the command table, help, version and exit status; a mistyped
 * command gets a did-you-mean.
 *
 * reportgen COMMAND [options] ARGS...; each command lives in cmd_*.c and
 * returns a sysexits.h status.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

/* The heap a render may grow into in 2 MB pages, and their size. */
#define HEAP_THP	(8u << 20)
#define THP_SIZE	(2u << 20)
static void *volatile heap_pad;	/* heap_prepare(): the unaligned part, kept
				 * (volatile: a pointer never read is a malloc
				 * the compiler may drop) */

/*
 * A render is one short process, and on a virtual machine much of its
 * time was the kernel handing it fresh heap pages one 4 KB fault at a
 * time, 10-25 us each (some 440 of its 712 faults: libxml2's trees,
 * libharu, libdeflate's compressors).  Before the render allocates, grow
 * the heap by HEAP_THP in one piece, ask for transparent huge pages on
 * its 2 MB-aligned part (one fault, 0.15-0.3 ms, per 2 MB: three in a
 * render) and hand it back to malloc, which keeps it
 * (M_TRIM_THRESHOLD) and serves what follows from it.  The unaligned
 * part below is kept allocated and never touched (virtual space only),
 * so that the render's memory starts on the boundary.  Per process, on
 * purpose (docs/performance.md, "One render process, second pass").
 * Where huge pages are off or none is free the kernel uses small pages,
 * as before; nothing here can fail the render.
 */
static void
heap_prepare(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
	unsigned char	*p;
	uintptr_t	 lo;

	mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
	if ((p = malloc(HEAP_THP)) == NULL)
		return;
	lo = ((uintptr_t)p + THP_SIZE - 1) & ~(uintptr_t)(THP_SIZE - 1);
	(void)madvise((void *)lo, HEAP_THP - THP_SIZE, MADV_HUGEPAGE);
	free(p);
	/* Where p was, up to the boundary (less malloc's chunk header). */
	if (lo - (uintptr_t)p > 64)
		heap_pad = malloc(lo - (uintptr_t)p - 32);
#endif
}

static void
usage(FILE *f)
{
	size_t	 i;

	fputs("usage: reportgen COMMAND [options] FILE|DIR...\n"
	    "       reportgen help [COMMAND] | -h | --help\n"
	    "       reportgen version | -V | --version\n\n"
	    "commands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-16s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\n`reportgen help COMMAND` (or `reportgen COMMAND --help`) "
	    "describes a command's\noptions.  "
	    "Exit status follows sysexits(3): 0 ok, 64 usage, 65 invalid "
	    "profile,\n66 unreadable input, 70 internal error, 71 out of "
	    "memory,\n73 cannot create output, 74 I/O error, 75 locked by "
	    "another run.\n", f);
}

static const struct command *
command_named(const char *name)
{
	size_t	 i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* "unknown command 'rendr'; did you mean 'render'?" */
static int
unknown_command(const char *name)
{
	const char	*names[NCOMMANDS + 2], *close;
	size_t		 i;

	for (i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	names[i++] = "help";
	names[i++] = "version";
	fprintf(stderr, "reportgen: unknown command '%s'", name);
	if ((close = did_you_mean(name, names, i)) != NULL)
		fprintf(stderr, "; did you mean '%s'?", close);
	fputs("\nTry 'reportgen --help'.\n", stderr);
	return EX_USAGE;
}

int
main(int argc, char *argv[])
{
	const struct command	*c;
	char			*hargv[3];

	if (argc < 2) {
		usage(stderr);
		return EX_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		usage(stdout);
		return EX_OK;
	}
	if (strcmp(argv[1], "help") == 0) {	/* help COMMAND */
		if (argc > 3 || (c = command_named(argv[2])) == NULL)
			return argc > 3 ? (fputs("usage: reportgen help "
			    "[COMMAND]\n", stderr), EX_USAGE) :
			    unknown_command(argv[2]);
		hargv[0] = argv[2];
		hargv[1] = (char *)"--help";
		hargv[2] = NULL;
		return c->run(2, hargv);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		printf("reportgen %s\n", RG_VERSION);
		return EX_OK;
	}
	if ((c = command_named(argv[1])) != NULL) {
		if (c->run == cmd_render)
			heap_prepare();
		return c->run(argc - 1, argv + 1);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "reportgen: '%s' before the command: give "
		    "the command first\nTry 'reportgen --help'.\n", argv[1]);
		return EX_USAGE;
	}
	return unknown_command(argv[1]);
}
