/*
 * fuzz_font.c: libFuzzer harness for the TrueType parser (pdf_font.c's
 * face_parse), which reads the font files of --data-dir: any directory an
 * operator names, so any bytes.
 *
 * Each input is one font file in memory.  When face_parse accepts it,
 * every width it produced is read back and the promises the renderer
 * relies on are checked (a '?' glyph, no width table past U+FFFF); a
 * broken promise aborts, which libFuzzer reports like a crash.
 *
 * With FUZZ_FONT_RENDER=1 in the environment an accepted input is also
 * written as both faces of a scratch data directory and given to
 * pdf_new(), so libharu's own TrueType loader and our encodings see it as
 * a renderer would (slower: files and libharu per input).
 *
 * Seeds: the .ttf files in fonts/ and tests/repro/fuzz_font-* (see
 * fuzz/mkcorpus.sh).
 * Reproducers go to tests/repro/fuzz_font-*; tests/unit/test_pdf_font.c
 * replays them through face_parse and pdf_new on every `make test`.
 *
 *	make fuzz-build && build-fuzz/fuzz_font build-fuzz/corpus/fuzz_font
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "pdf_private.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 scratch[64];	/* per process: FUZZ_FONT_RENDER's data dir */

static void
scratch_remove(void)
{
	char	 path[128];

	snprintf(path, sizeof(path), "%s/DejaVuSans.ttf", scratch);
	unlink(path);
	snprintf(path, sizeof(path), "%s/DejaVuSans-Bold.ttf", scratch);
	unlink(path);
	rmdir(scratch);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*e = getenv("FUZZ_FONT_RENDER");

	(void)argc;
	(void)argv;
	if (e == NULL || strcmp(e, "1") != 0)
		return 0;
	snprintf(scratch, sizeof(scratch), "/tmp/fuzz_font.XXXXXX");
	if (mkdtemp(scratch) == NULL) {
		perror("fuzz_font: mkdtemp");
		exit(1);
	}
	atexit(scratch_remove);
	return 0;
}

/* Both faces of the scratch directory are the input; pdf_new() must
 * either refuse them with a message or make a renderer. */
static void
render_stage(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
	};
	struct diag	 d;
	struct pdf	*p;
	char		 path[128];
	FILE		*f;
	size_t		 i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", scratch, names[i]);
		if ((f = fopen(path, "wb")) == NULL ||
		    fwrite(data, 1, size, f) != size || fclose(f) != 0)
			abort();
	}
	diag_init(&d, NULL);
	d.keep = 1;
	if ((p = pdf_new(scratch, &d)) == NULL && d.buf == NULL)
		abort();	/* a refusal must say why */
	pdf_free(p);
	diag_free(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct face	 fc = { 0 };
	uint32_t	 cp;
	long		 sum = 0;

	if (face_parse(&fc, data, size) != 0) {
		if (fc.adv != NULL)
			abort();	/* a refusal leaves nothing behind */
		return 0;
	}
	if (!face_has(&fc, '?') || fc.nadv > 0x10000)
		abort();
	for (cp = 0; cp < fc.nadv; cp++)
		if (face_has(&fc, cp))
			sum += fc.adv[cp];
	face_free(&fc);
	if (sum < 0)
		abort();	/* unreachable: widths are >= 0 */
	if (scratch[0] != '\0')
		render_stage(data, size);
	return 0;
}
