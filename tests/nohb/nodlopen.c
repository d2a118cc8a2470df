/*
 * nodlopen.c: an LD_PRELOAD shim for tests/t_shape_dl.sh.  dlopen() of a
 * file whose name holds one of the words in RG_NODL (comma-separated)
 * fails as if the library were not installed; other names go to the real
 * dlopen.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

void *
dlopen(const char *file, int mode)
{
	static void	*(*real)(const char *, int);
	const char	*w = getenv("RG_NODL"), *e;
	void		*p;

	while (file != NULL && w != NULL && *w != '\0') {
		e = strchr(w, ',');
		if (e == NULL)
			e = w + strlen(w);
		if (e > w && memmem(file, strlen(file), w, (size_t)(e - w)) != NULL)
			return NULL;
		w = *e == ',' ? e + 1 : e;
	}
	if (real == NULL) {
		p = dlsym(RTLD_NEXT, "dlopen");
		memcpy(&real, &p, sizeof(p));
	}
	return real(file, mode);
}
