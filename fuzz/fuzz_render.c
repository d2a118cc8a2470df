/*
 * fuzz_render.c: libFuzzer harness for the whole pipeline, profile bytes
 * to PDF bytes in memory: profile_load_mem() -> score_assess() ->
 * render_report().  The loader and the renderer (fonts loaded once, one
 * libharu handle reused) are kept across iterations exactly as a batch
 * worker keeps them across profiles, so state that leaks from one
 * document into the next is part of what is tested.
 *
 * The date is fixed (2026-06-01) so a crash reproduces.
 *
 *	make fuzz-build && build-fuzz/fuzz_render fuzz/corpus/profile
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "load.h"
#include "report.h"
#include "score.h"

#define FUZZ_DATE	((time_t)1780272000)	/* 2026-06-01T00:00:00Z */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct loader	*loader;	/* per process */
static struct renderer	*renderer;	/* per process */
static struct diag	 d;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir = data_dir(NULL);

	(void)argc;
	(void)argv;
	diag_init(&d, NULL);
	d.keep = 1;
	if ((loader = loader_new(dir, NULL, &d)) == NULL ||
	    (renderer = renderer_new(dir, &d)) == NULL) {
		fprintf(stderr, "fuzz_render: cannot set up:\n%s",
		    d.buf != NULL ? d.buf : "");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ym	 today = { 2026, 6 };
	struct render_opts	 ro;
	struct assessment	*a;
	struct profile		*p;
	unsigned char		*pdf = NULL;
	size_t			 len = 0;

	diag_reset(&d);
	p = profile_load_mem(loader, "fuzz.xml", (const char *)data, size,
	    &d);
	if (p == NULL)
		return 0;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		goto out;
	score_assess(p, loader_market(loader), today, a);
	memset(&ro, 0, sizeof(ro));
	ro.paper = size % 2 ? PAPER_LETTER : PAPER_A4;
	ro.date = FUZZ_DATE;
	if (render_report(renderer, a, &ro, &pdf, &len, &d) == 0 &&
	    (len < 5 || memcmp(pdf, "%PDF-", 5) != 0))
		abort();	/* success must mean a PDF */
	free(pdf);
	free(a);
out:
	profile_free(p);
	return 0;
}
