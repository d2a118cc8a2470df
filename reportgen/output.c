/*
 * output.c: the only way reportgen writes a file; see output.h.
 *
 * output_write() creates ".NAME.rgtmp.XXXXXX" in the target directory
 * with O_CREAT|O_EXCL|O_NOFOLLOW (a planted file or symlink at the temp
 * name is never opened), gives it the requested mode whatever the umask,
 * writes all of the buffer, fsyncs and closes it, renames it over NAME
 * and fsyncs the directory.  rename(2) replaces a symlink at NAME itself,
 * so the file it pointed to is untouched.  Any failure removes the temp
 * file: a reader sees the old file or the whole new one, never a part.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "output.h"

#define TMP_MARK	".rgtmp."
#define TMP_TRIES	100

/* The random suffix: 6 characters from [A-Za-z0-9]. */
static void
tmp_suffix(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char	 r[6];
	int		 i, fd;
	ssize_t		 n = -1;

	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) != -1) {
		n = read(fd, r, sizeof(r));
		close(fd);
	}
	if (n != (ssize_t)sizeof(r)) {
		/* no urandom: O_EXCL still makes the name safe */
		unsigned long v = (unsigned long)getpid() ^
		    (unsigned long)random();
		for (i = 0; i < 6; i++, v >>= 5)
			r[i] = (unsigned char)v;
	}
	for (i = 0; i < 6; i++)
		s[i] = set[r[i] % (sizeof(set) - 1)];
	s[6] = '\0';
}

/* Is name a plain file name (no directory part, not . or ..)? */
static int
plain_name(const char *name)
{
	return name != NULL && *name != '\0' && strchr(name, '/') == NULL &&
	    strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* Errors of the disk (full, quota, I/O) are EX_IOERR; the rest mean we
 * could not create the file where asked. */
static int
exit_code(int err)
{
	switch (err) {
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
	case EIO:
	case EFBIG:
		return EX_IOERR;
	default:
		return EX_CANTCREAT;
	}
}

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
output_write(const char *dir, const char *name, const void *buf,
    size_t len, mode_t mode, struct diag *d)
{
	char	 final[4096], tmp[4096], sfx[7];
	int	 fd = -1, dfd, i, err, rc;
	size_t	 dl;

	if (!plain_name(name)) {
		diag(d, SEV_FATAL, name, 0, "not a plain file name");
		return EX_SOFTWARE;
	}
	if (dir == NULL || *dir == '\0')
		dir = ".";
	dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if ((size_t)snprintf(final, sizeof(final), "%.*s/%s", (int)dl, dir,
	    name) >= sizeof(final)) {
		diag(d, SEV_FATAL, name, 0, "path too long");
		return EX_CANTCREAT;
	}
	for (i = 0; i < TMP_TRIES; i++) {
		tmp_suffix(sfx);
		if ((size_t)snprintf(tmp, sizeof(tmp), "%.*s/.%s" TMP_MARK "%s",
		    (int)dl, dir, name, sfx) >= sizeof(tmp)) {
			diag(d, SEV_FATAL, final, 0, "path too long");
			return EX_CANTCREAT;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	if (fd == -1) {
		err = errno;
		diag(d, SEV_FATAL, final, 0, "cannot create: %s",
		    strerror(err));
		return exit_code(err);
	}
	if (fchmod(fd, mode & 07777) == -1 ||
	    write_all(fd, buf, len) == -1 || fsync(fd) == -1) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1) {
		err = errno;
		goto fail;
	}
	if (rename(tmp, final) == -1) {
		err = errno;
		goto fail;
	}
	/* Make the rename durable; a failure here is reported, but the
	 * file is complete and in place. */
	rc = 0;
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		if (fsync(dfd) == -1 && errno != EINVAL && errno != EROFS) {
			diag(d, SEV_FATAL, final, 0, "fsync of the directory: "
			    "%s", strerror(errno));
			rc = EX_IOERR;
		}
		close(dfd);
	}
	return rc;
fail:
	unlink(tmp);
	diag(d, SEV_FATAL, final, 0, "cannot write: %s", strerror(err));
	return exit_code(err);
}

/* Is name one of ours: ".X.rgtmp.XXXXXX"? */
static int
is_temp(const char *name)
{
	const char	*m;
	size_t		 i;

	if (name[0] != '.' || (m = strstr(name + 1, TMP_MARK)) == NULL ||
	    m == name + 1)
		return 0;
	m += strlen(TMP_MARK);
	for (i = 0; m[i] != '\0'; i++)
		if (!((m[i] >= 'A' && m[i] <= 'Z') ||
		    (m[i] >= 'a' && m[i] <= 'z') ||
		    (m[i] >= '0' && m[i] <= '9')))
			return 0;
	return i == 6;
}

int
output_clean_temps(const char *dir, struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	int		 dfd, n = 0;

	if (dir == NULL || *dir == '\0')
		dir = ".";
	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		diag(d, SEV_WARNING, dir, 0, "cannot read directory: %s",
		    strerror(errno));
		return -1;
	}
	dfd = dirfd(dp);
	while ((de = readdir(dp)) != NULL) {
		if (!is_temp(de->d_name))
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (unlinkat(dfd, de->d_name, 0) == -1)
			diag(d, SEV_WARNING, dir, 0, "cannot remove %s: %s",
			    de->d_name, strerror(errno));
		else
			n++;
	}
	closedir(dp);
	return n;
}
