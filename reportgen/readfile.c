/*
 * readfile.c: the whole-file reader with a size cap; see readfile.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "readfile.h"

void
readfile_free(char *buf, size_t len, int flags)
{
	if (buf == NULL)
		return;
	if (flags & RF_SCRUB)
		explicit_bzero(buf, len + 1);
	free(buf);
}

int
readfile(const char *path, const struct readfile *rf, char **bufp,
    size_t *lenp, struct diag *d)
{
	struct stat	 st;
	const char	*sp = rf->what != NULL ? " " : "";
	const char	*what = rf->what != NULL ? rf->what : "";
	char		*buf = NULL, *p;
	size_t		 len = 0, cap = 0, want;
	ssize_t		 r;
	int		 fd, oflags, rc;

	*bufp = NULL;
	*lenp = 0;
	oflags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
	if (rf->flags & RF_NOFOLLOW)
		oflags |= O_NOFOLLOW;
	if ((fd = open(path, oflags)) == -1 || fstat(fd, &st) == -1) {
		diag(d, SEV_ERROR, path, 0, "cannot read%s%s: %s", sp, what,
		    strerror(errno));
		rc = EX_NOINPUT;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		diag(d, SEV_ERROR, path, 0, "cannot read%s%s: %s", sp, what,
		    S_ISDIR(st.st_mode) ? strerror(EISDIR) :
		    "not a regular file");
		rc = EX_NOINPUT;
		goto fail;
	}
	if (rf->check != NULL && (rc = rf->check(path, &st, d)) != 0)
		goto fail;
	if ((unsigned long long)st.st_size > rf->max) {
		len = (size_t)st.st_size;
		goto toolarge;
	}
	/* What fstat said, plus one byte to notice a file that grew; more
	 * room only as the file proves longer, up to the cap plus one. */
	cap = (size_t)st.st_size + 1;
	if ((buf = malloc(cap + 1)) == NULL)
		goto oom;
	for (;;) {
		if (len == cap) {
			if (cap > rf->max)
				break;
			want = cap * 2 < rf->max + 1 ? cap * 2 : rf->max + 1;
			if ((p = malloc(want + 1)) == NULL)
				goto oom;
			memcpy(p, buf, len);
			readfile_free(buf, cap, rf->flags);
			buf = p;
			cap = want;
		}
		r = read(fd, buf + len, cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag(d, SEV_ERROR, path, 0, "cannot read%s%s: %s", sp,
			    what, strerror(errno));
			rc = EX_NOINPUT;
			goto fail;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len > rf->max)
		goto toolarge;
	close(fd);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
toolarge:
	diag(d, SEV_ERROR, path, 0, "%s is too large: %zu bytes, the limit "
	    "is %zu", rf->what != NULL ? rf->what : "file", len, rf->max);
	rc = EX_DATAERR;
	goto fail;
oom:
	diag(d, SEV_FATAL, path, 0, "out of memory");
	rc = EX_OSERR;
fail:
	readfile_free(buf, cap, rf->flags);
	if (fd != -1)
		close(fd);
	return rc;
}
