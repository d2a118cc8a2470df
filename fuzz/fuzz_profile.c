/*
 * fuzz_profile.c: libFuzzer harness for the profile loader and the scorer.
 *
 * Each input is a candidate profile in memory: profile_load_mem() (parse,
 * XSD-validate, walk), then, when it is accepted, score_assess() and
 * score_json().  The loader (compiled schema + market data) is built once
 * and kept across iterations, as the batch keeps it across profiles.
 * Messages are kept in a struct diag that is emptied every iteration.
 *
 *	make fuzz-build && build-fuzz/fuzz_profile fuzz/corpus/profile
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "load.h"
#include "score.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct loader	*loader;	/* per process, read-only after init */
static struct diag	 d;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_init(&d, NULL);
	d.keep = 1;
	if ((loader = loader_new(data_dir(NULL), NULL, &d)) == NULL) {
		fprintf(stderr, "fuzz_profile: cannot load the schemas and "
		    "market data:\n%s", d.buf != NULL ? d.buf : "");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ym	 today = { 2026, 6 };
	struct assessment	*a;
	struct profile		*p;
	char			*json;

	diag_reset(&d);
	p = profile_load_mem(loader, "fuzz.xml", (const char *)data, size,
	    &d);
	if (p == NULL)
		return 0;
	if ((a = calloc(1, sizeof(*a))) != NULL) {
		score_assess(p, loader_market(loader), today, a);
		json = score_json(a);
		free(json);
		free(a);
	}
	profile_free(p);
	return 0;
}
