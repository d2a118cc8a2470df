/*
 * pdf_hb.c: HarfBuzz, hb-subset and FriBidi opened on first use; see
 * pdf_hb.h.  The sonames come from the Makefile (objdump of the -dev
 * packages' links), as encrypt.c's libqpdf does.
 */
#include <dlfcn.h>
#include <errno.h>
#include <string.h>

#include "pdf_hb.h"

#ifndef HB_SONAME
#define HB_SONAME		"libharfbuzz.so.0"
#endif
#ifndef HB_SUBSET_SONAME
#define HB_SUBSET_SONAME	"libharfbuzz-subset.so.0"
#endif
#ifndef FRIBIDI_SONAME
#define FRIBIDI_SONAME		"libfribidi.so.0"
#endif

struct hbdl	HB;

static const char *const sonames[] = {
	HB_SONAME, HB_SUBSET_SONAME, FRIBIDI_SONAME
};
#define NLIB	(sizeof(sonames) / sizeof(sonames[0]))

/* The function name in any of the libraries, NULL when none has it. */
static void *
sym(void *const lib[NLIB], const char *name)
{
	void	*p;
	size_t	 i;

	for (i = 0; i < NLIB; i++)
		if ((p = dlsym(lib[i], name)) != NULL)
			return p;
	return NULL;
}

int
hb_open(void)
{
	static int	 tried, ok;
	void		*lib[NLIB] = { NULL }, *p;
	struct hbdl	 t;
	size_t		 i;

	if (tried)
		return ok ? 0 : -1;
	tried = 1;
	errno = 0;
	for (i = 0; i < NLIB; i++)
		if ((lib[i] = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL)) == NULL)
			goto fail;
#define X(f)	if ((p = sym(lib, #f)) == NULL) goto fail; \
		memcpy(&t.f, &p, sizeof(p));
	HB_FUNCS(X)
#undef X
	HB = t;
	ok = 1;
	return 0;
fail:
	for (i = 0; i < NLIB; i++)
		if (lib[i] != NULL)
			dlclose(lib[i]);
	if (errno == ENOMEM)
		tried = 0;	/* errno says it: the caller fails the line */
	return -1;
}
