/*
 * output.c: the only way reportgen writes a file; see output.h.
 *
 * output_write() creates ".NAME.rgtmp.XXXXXX" in the target directory
 * with O_CREAT|O_EXCL|O_NOFOLLOW (a planted file or symlink at the temp
 * name is never opened), gives it the requested mode whatever the umask,
 * writes all of the buffer, fsyncs and closes it, renames it over NAME
 * and fsyncs the directory.  The same steps are there one by one
 * (output_stage, output_sync, output_publish, output_sync_dir) for the
 * batch workers' group commit: many files, one sync pass.  rename(2)
 * replaces a symlink at NAME itself, so the file it pointed to is
 * untouched; but what is at NAME must be a regular file, a link to one
 * or nothing: a directory, FIFO, socket or device (/dev/stdout, a link
 * to a terminal or a pipe) is refused when the temp file is to be
 * renamed over it, never renamed over.  Any failure
 * removes the temp file: a reader sees the old file or the whole new
 * one, never a part.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE		/* sync_file_range(2) */
#endif
#include <sys/random.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "output.h"

#define TMP_MARK	".rgtmp."
#define TMP_TRIES	100

/*
 * The temp names' random seed and counter, drawn on first use and again
 * in a forked child (a batch worker): a per-process cache, the one
 * mutable state of this file.  (The umask is not cached with it: a
 * caller may change it between two files, and the mode must hold
 * whatever it is, so the fchmod stays.)
 */
static struct {
	pid_t		 pid;		/* drawn for; 0: not yet */
	uint64_t	 seed, n;
} proc;

static void
proc_init(void)
{
	pid_t	 pid = getpid();

	if (proc.pid == pid)
		return;
	proc.pid = pid;
	proc.n = 0;
	if (getrandom(&proc.seed, sizeof(proc.seed), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(proc.seed))
		/* no entropy yet: O_EXCL still makes any name safe */
		proc.seed = (uint64_t)pid * 0x9E3779B97F4A7C15ULL ^
		    (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&pid;
}

/* The random suffix: 6 characters from [A-Za-z0-9], the seed and a
 * counter mixed (splitmix64), so no /dev/urandom is opened per file
 * (after proc_init()).
 * The names need to differ, not to be secret: a planted file or link at
 * one fails O_EXCL and the next name is tried. */
static void
tmp_suffix(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t	 v;
	int		 i;

	v = proc.seed + ++proc.n * 0x9E3779B97F4A7C15ULL;
	v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ULL;
	v = (v ^ (v >> 27)) * 0x94D049BB133111EBULL;
	v ^= v >> 31;
	for (i = 0; i < 6; i++, v /= sizeof(set) - 1)
		s[i] = set[v % (sizeof(set) - 1)];
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
write_full(int fd, const unsigned char *p, size_t len)
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

#define HASH_CHUNK	(64u * 1024)	/* hashed, then written */

/* Writes len bytes at p; with h, hashes each chunk just before it is
 * written.  0, or -1 with errno set. */
static int
write_all(int fd, const unsigned char *p, size_t len, struct hash *h)
{
	size_t	 c;

	if (h == NULL)
		return write_full(fd, p, len);
	while (len > 0) {
		c = len < HASH_CHUNK ? len : HASH_CHUNK;
		if (hash_update(h, p, c) == -1) {
			errno = ENOMEM;
			return -1;
		}
		if (write_full(fd, p, c) == -1)
			return -1;
		p += c;
		len -= c;
	}
	return 0;
}

static const char *
kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" :
	    S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device" :
	    S_ISBLK(m) ? "a block device" : "not a regular file";
}

/*
 * What may be at a final name: nothing, a regular file, or a symbolic
 * link to a regular file or to nothing (rename replaces the link, its
 * target is untouched).  A directory, FIFO, socket or device, or a link
 * to one, is refused: renaming over /dev/stdout or a named pipe would
 * replace it with a file (as root, in /dev) instead of writing to it.
 * 0, or EX_CANTCREAT with a message.
 */
static int
final_ok(const char *path, struct diag *d)
{
	struct stat	 st;

	if (lstat(path, &st) == -1 || S_ISREG(st.st_mode))
		return 0;	/* nothing there (or the open will say) */
	if (S_ISLNK(st.st_mode)) {
		if (stat(path, &st) == -1 || S_ISREG(st.st_mode))
			return 0;
		diag(d, SEV_FATAL, path, 0, "is a symbolic link to %s, not a "
		    "regular file; not replaced", kind(st.st_mode));
		return EX_CANTCREAT;
	}
	diag(d, SEV_FATAL, path, 0, "exists and is %s, not a regular file; "
	    "not replaced", kind(st.st_mode));
	return EX_CANTCREAT;
}

int
output_named_ok(const char *path, struct diag *d)
{
	struct stat	 st;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		diag(d, SEV_FATAL, path, 0, "is a symbolic link; not replaced "
		    "(name the file itself, or give - for standard output)");
		return EX_CANTCREAT;
	}
	return final_ok(path, d);
}

int
output_stdout(const void *buf, size_t len, struct diag *d)
{
	if (write_full(STDOUT_FILENO, buf, len) == -1) {
		diag(d, SEV_FATAL, "<stdout>", 0, "cannot write: %s",
		    strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

int
output_stage(const char *dir, const char *name, const void *buf,
    size_t len, mode_t mode, unsigned char *sha, struct output_staged *s,
    struct diag *d)
{
	struct hash	*h = NULL;
	char	 sfx[7];
	int	 fd = -1, i, err;
	size_t	 dl;

	s->fd = -1;
	s->err = 0;
	s->tmp[0] = s->final[0] = '\0';
	if (!plain_name(name)) {
		diag(d, SEV_FATAL, name, 0, "not a plain file name");
		return EX_SOFTWARE;
	}
	if (dir == NULL || *dir == '\0')
		dir = ".";
	dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if ((size_t)snprintf(s->final, sizeof(s->final), "%.*s/%s", (int)dl,
	    dir, name) >= sizeof(s->final)) {
		diag(d, SEV_FATAL, name, 0, "path too long");
		return EX_CANTCREAT;
	}
	/* What is at the final name is checked once, by output_publish()
	 * just before the rename: a check here too would only refuse a
	 * FIFO or a directory earlier, and cost a stat per report. */
	proc_init();
	for (i = 0; i < TMP_TRIES; i++) {
		tmp_suffix(sfx);
		if ((size_t)snprintf(s->tmp, sizeof(s->tmp),
		    "%.*s/.%s" TMP_MARK "%s", (int)dl, dir, name, sfx) >=
		    sizeof(s->tmp)) {
			diag(d, SEV_FATAL, s->final, 0, "path too long");
			return EX_CANTCREAT;
		}
		fd = open(s->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	if (fd == -1) {
		err = errno;
		diag(d, SEV_FATAL, s->final, 0, "cannot create: %s",
		    strerror(err));
		return exit_code(err);
	}
	if (sha != NULL && (h = hash_new()) == NULL) {
		close(fd);
		unlink(s->tmp);
		diag(d, SEV_FATAL, s->final, 0, "cannot hash: out of memory");
		return EX_OSERR;
	}
	if (fchmod(fd, mode & 07777) == -1 ||
	    write_all(fd, buf, len, h) == -1) {
		err = errno;
		hash_free(h);
		close(fd);
		unlink(s->tmp);
		diag(d, SEV_FATAL, s->final, 0, "cannot write: %s",
		    strerror(err));
		return exit_code(err);
	}
	if (h != NULL && hash_final(h, sha) == -1) {	/* frees h */
		close(fd);
		unlink(s->tmp);
		diag(d, SEV_FATAL, s->final, 0, "cannot hash: out of memory");
		return EX_OSERR;
	}
	s->fd = fd;
	return 0;
}

void
output_sync(struct output_staged *s, size_t n)
{
	size_t	 i;

#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
	/* Start the writeback of every file first, so that their blocks
	 * are allocated in the same journal transaction: the first
	 * fdatasync below then commits them all and the others find
	 * nothing left to do. */
	if (n > 1)
		for (i = 0; i < n; i++)
			if (s[i].fd != -1)
				(void)sync_file_range(s[i].fd, 0, 0,
				    SYNC_FILE_RANGE_WRITE);
#endif
	for (i = 0; i < n; i++) {
		if (s[i].fd == -1)
			continue;
		s[i].err = 0;
		if (fdatasync(s[i].fd) == -1)
			s[i].err = errno;
		if (close(s[i].fd) == -1 && s[i].err == 0)
			s[i].err = errno;
		s[i].fd = -1;
	}
}

int
output_publish(struct output_staged *s, struct diag *d)
{
	int	 err;

	if (s->fd != -1)
		output_sync(s, 1);
	/* Again: a FIFO may have been made there since the stage. */
	if (s->err == 0 && (err = final_ok(s->final, d)) != 0) {
		unlink(s->tmp);
		return err;
	}
	if ((err = s->err) == 0 && rename(s->tmp, s->final) == 0)
		return 0;
	if (err == 0)
		err = errno;
	unlink(s->tmp);
	diag(d, SEV_FATAL, s->final, 0, "cannot write: %s", strerror(err));
	return exit_code(err);
}

int
output_sync_dir(const char *dir, const char *what, struct diag *d)
{
	int	 dfd, rc = 0;

	if (dir == NULL || *dir == '\0')
		dir = ".";
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		if (fsync(dfd) == -1 && errno != EINVAL && errno != EROFS) {
			diag(d, SEV_FATAL, what, 0, "fsync of the directory: "
			    "%s", strerror(errno));
			rc = EX_IOERR;
		}
		close(dfd);
	}
	return rc;
}

void
output_discard(struct output_staged *s)
{
	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
	if (s->tmp[0] != '\0')
		unlink(s->tmp);
	s->tmp[0] = '\0';
}

int
output_write(const char *dir, const char *name, const void *buf,
    size_t len, mode_t mode, struct diag *d)
{
	struct output_staged	 s;
	int			 rc;

	if ((rc = output_stage(dir, name, buf, len, mode, NULL, &s, d)) != 0)
		return rc;
	output_sync(&s, 1);
	if ((rc = output_publish(&s, d)) != 0)
		return rc;
	/* Make the rename durable; a failure here is reported, but the
	 * file is complete and in place. */
	return output_sync_dir(dir, s.final, d);
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
