/*
 * passwords.c: reading the password files of --encrypt; see passwords.h
 * for the format and the rules.
 *
 * The file is read whole into one buffer; the lines are cut in place (NUL
 * for each tab and newline), so the entries point into that buffer and
 * one explicit_bzero() of it scrubs every secret.  The entries are sorted
 * by id, so a batch of many profiles looks each up by binary search, and
 * a duplicate id shows up as two neighbours (both line numbers reported).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <termios.h>
#include <unistd.h>

#include "passwords.h"
#include "readfile.h"

#define ID_MAX	64

struct entry {
	const char	*id;
	const char	*pw;
	int		 line;
};

struct passwords {
	char		*buf;		/* the file; entries point into it */
	size_t		 len;
	struct entry	*e;
	size_t		 n;
	const char	*any;		/* one password for any id (render) */
};

static void
scrub_free(char *buf, size_t len)
{
	if (buf == NULL)
		return;
	explicit_bzero(buf, len);
	free(buf);
}

/* Who may read it, checked on the open descriptor (so what is checked
 * is what is read), before any byte is. */
static int
secret_check(const char *path, const struct stat *st, struct diag *d)
{
	if ((st->st_mode & 077) != 0) {
		diag(d, SEV_ERROR, path, 0, "the password file has mode %04o: "
		    "group or others may %s it; refusing to use it (chmod 600 "
		    "'%s')", (unsigned int)(st->st_mode & 07777),
		    (st->st_mode & 044) ? "read" : "write", path);
		return EX_DATAERR;
	}
	if (st->st_uid != geteuid() && st->st_uid != 0) {
		diag(d, SEV_ERROR, path, 0, "the password file belongs to "
		    "another user (uid %lu); refusing to use it",
		    (unsigned long)st->st_uid);
		return EX_DATAERR;
	}
	return 0;
}

/* The file whole, through readfile() with scrubbing: no copy of a
 * secret is left in freed memory.  The buffer has len + 1 bytes, NUL
 * terminated, and is freed with scrub_free(buf, len + 1). */
static int
read_secret_file(const char *path, char **bufp, size_t *lenp,
    struct diag *d)
{
	static const struct readfile rf = { PASSWORDS_MAX_BYTES, RF_SCRUB,
	    "the password file", secret_check };

	return readfile(path, &rf, bufp, lenp, d) == 0 ? 0 : -1;
}

/* Cut the next line at *pos in place: NUL for the newline, trailing CR
 * dropped.  NULL at the end of the buffer. */
static char *
next_line(char *buf, size_t len, size_t *pos)
{
	char	*s, *nl;
	size_t	 n;

	if (*pos >= len)
		return NULL;
	s = buf + *pos;
	if ((nl = memchr(s, '\n', len - *pos)) != NULL) {
		*nl = '\0';
		*pos = (size_t)(nl - buf) + 1;
	} else
		*pos = len;
	n = strlen(s);
	if (n > 0 && s[n - 1] == '\r')
		s[n - 1] = '\0';
	return s;
}

static int
skipped(const char *s)
{
	if (*s == '#')
		return 1;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

static int
valid_id(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    (s[i] == '-' && i > 0)))
			return 0;
	return i > 0 && i <= ID_MAX;
}

static int
by_id(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	return x->line - y->line;
}

static int
by_id_only(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;

	return strcmp(x->id, y->id);
}

struct passwords *
passwords_load(const char *path, struct diag *d)
{
	struct passwords	*p;
	char			*s, *tab;
	size_t			 pos = 0, i, cap = 0, pwlen;
	int			 line = 0, bad = 0;
	struct entry		*e;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		return NULL;
	}
	if (read_secret_file(path, &p->buf, &p->len, d) == -1)
		goto fail;
	if (memchr(p->buf, '\0', p->len) != NULL) {
		diag(d, SEV_ERROR, path, 0, "the password file holds a NUL "
		    "byte; it must be text");
		goto fail;
	}
	while ((s = next_line(p->buf, p->len, &pos)) != NULL) {
		line++;
		if (skipped(s))
			continue;
		/* The text of a bad line is never quoted: it may be a
		 * password. */
		if ((tab = strchr(s, '\t')) == NULL) {
			diag(d, SEV_ERROR, path, line, "expected ID<TAB>"
			    "PASSWORD (no tab on this line)");
			bad++;
			continue;
		}
		*tab = '\0';
		pwlen = strlen(tab + 1);
		if (!valid_id(s)) {
			diag(d, SEV_ERROR, path, line, "the id is not a "
			    "profile id (letters, digits, '_' and '-', at most "
			    "%d)", ID_MAX);
			bad++;
		} else if (pwlen == 0) {
			diag(d, SEV_ERROR, path, line, "empty password for "
			    "'%s'", s);
			bad++;
		} else if (pwlen > PASSWORD_MAX) {
			diag(d, SEV_ERROR, path, line, "the password for '%s' "
			    "is %zu bytes long; the limit is %d", s, pwlen,
			    PASSWORD_MAX);
			bad++;
		}
		if (p->n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((e = reallocarray(p->e, cap, sizeof(*e))) == NULL) {
				diag(d, SEV_FATAL, path, 0, "out of memory");
				goto fail;
			}
			p->e = e;
		}
		p->e[p->n].id = s;
		p->e[p->n].pw = tab + 1;
		p->e[p->n].line = line;
		p->n++;
	}
	if (p->n > 1)
		qsort(p->e, p->n, sizeof(*p->e), by_id);
	for (i = 1; i < p->n; i++)
		if (strcmp(p->e[i - 1].id, p->e[i].id) == 0) {
			diag(d, SEV_ERROR, path, p->e[i].line, "id '%s' is "
			    "given twice (first on line %d)", p->e[i].id,
			    p->e[i - 1].line);
			bad++;
		}
	if (bad > 0)
		goto fail;
	return p;
fail:
	passwords_free(p);
	return NULL;
}

const char *
passwords_get(const struct passwords *p, const char *id)
{
	struct entry		 key;
	const struct entry	*e;

	if (p != NULL && p->any != NULL)
		return p->any;
	if (p == NULL || id == NULL || p->n == 0)
		return NULL;
	key.id = id;
	e = bsearch(&key, p->e, p->n, sizeof(*p->e), by_id_only);
	return e != NULL ? e->pw : NULL;
}

size_t
passwords_count(const struct passwords *p)
{
	return p == NULL ? 0 : p->n;
}

void
passwords_free(struct passwords *p)
{
	if (p == NULL)
		return;
	scrub_free(p->buf, p->len + 1);
	if (p->e != NULL)
		explicit_bzero(p->e, p->n * sizeof(*p->e));
	free(p->e);
	free(p);
}

char *
password_load_one(const char *path, struct diag *d)
{
	char	*buf, *s, *pw = NULL;
	size_t	 len, pos = 0;
	int	 line = 0, pwline = 0, bad = 0;

	if (read_secret_file(path, &buf, &len, d) == -1)
		return NULL;
	if (memchr(buf, '\0', len) != NULL) {
		diag(d, SEV_ERROR, path, 0, "the password file holds a NUL "
		    "byte; it must be text");
		goto out;
	}
	while ((s = next_line(buf, len, &pos)) != NULL) {
		line++;
		if (skipped(s))
			continue;
		if (pw == NULL) {
			pw = s;
			pwline = line;
			continue;
		}
		diag(d, SEV_ERROR, path, line, "the owner password file holds "
		    "one password (first found on line %d); this line is "
		    "neither blank nor a comment", pwline);
		bad++;
	}
	if (pw == NULL) {
		diag(d, SEV_ERROR, path, 0, "the owner password file holds no "
		    "password");
		bad++;
	} else if (strlen(pw) > PASSWORD_MAX) {
		diag(d, SEV_ERROR, path, pwline, "the owner password is %zu bytes "
		    "long; the limit is %d", strlen(pw), PASSWORD_MAX);
		bad++;
	}
	if (bad == 0 && (pw = strdup(pw)) == NULL)
		diag(d, SEV_FATAL, path, 0, "out of memory");
	else if (bad > 0)
		pw = NULL;
out:
	scrub_free(buf, len + 1);
	return pw;
}

void
password_free(char *pw)
{
	if (pw != NULL)
		scrub_free(pw, strlen(pw));
}

/* A passwords set holding one password for any id; takes buf (len + 1
 * bytes, scrubbed when freed) whose pw points into it. */
static struct passwords *
single(char *buf, size_t len, const char *pw, const char *path,
    struct diag *d)
{
	struct passwords	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		scrub_free(buf, len + 1);
		return NULL;
	}
	p->buf = buf;
	p->len = len;
	p->any = pw;
	return p;
}

struct passwords *
passwords_load_render(const char *path, struct diag *d)
{
	char	*buf, *s, *pw = NULL;
	size_t	 len, pos = 0;
	int	 n = 0, line = 0, pwline = 0;

	if (read_secret_file(path, &buf, &len, d) == -1)
		return NULL;
	if (memchr(buf, '\0', len) == NULL)
		while ((s = next_line(buf, len, &pos)) != NULL) {
			line++;
			if (skipped(s))
				continue;
			if (n++ == 0) {
				pw = s;
				pwline = line;
			}
		}
	if (n != 1 || strchr(pw, '\t') != NULL) {
		/* Lines of ID<TAB>PASSWORD (or a mistake passwords_load
		 * will name). */
		scrub_free(buf, len + 1);
		return passwords_load(path, d);
	}
	if (strlen(pw) > PASSWORD_MAX) {
		diag(d, SEV_ERROR, path, pwline, "the password is %zu bytes "
		    "long; the limit is %d", strlen(pw), PASSWORD_MAX);
		scrub_free(buf, len + 1);
		return NULL;
	}
	return single(buf, len, pw, path, d);
}

/* One line from the terminal fd, echo off; the terminal is restored
 * before returning.  -1 at end of file or on error. */
static int
read_noecho(int fd, const char *prompt, char *buf, size_t sz)
{
	struct termios	 old, quiet;
	size_t		 n = 0;
	ssize_t		 r;
	char		 c;
	int		 rc = 0;

	if (tcgetattr(fd, &old) == -1)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (write(fd, prompt, strlen(prompt)) == -1 ||
	    tcsetattr(fd, TCSAFLUSH, &quiet) == -1)
		return -1;
	for (;;) {
		if ((r = read(fd, &c, 1)) == -1 && errno == EINTR)
			continue;
		if (r != 1) {
			rc = -1;
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 < sz)
			buf[n++] = c;
		else
			n = sz;		/* too long: the caller says so */
	}
	if (n >= sz)
		n = sz - 1;
	buf[n] = '\0';
	(void)tcsetattr(fd, TCSAFLUSH, &old);
	(void)!write(fd, "\n", 1);
	explicit_bzero(&c, sizeof(c));
	return rc;
}

static void
say(int fd, const char *s)
{
	(void)!write(fd, s, strlen(s));
}

struct passwords *
passwords_ask(struct diag *d)
{
	char	*a = NULL, *b = NULL;
	int	 fd, tries;
	size_t	 sz = PASSWORD_MAX + 2;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)) == -1) {
		diag(d, SEV_ERROR, NULL, 0, "--ask-password: no terminal to "
		    "ask on (%s); use --password-file", strerror(errno));
		return NULL;
	}
	if ((a = malloc(sz)) == NULL || (b = malloc(sz)) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		goto fail;
	}
	for (tries = 0; tries < 3; tries++) {
		if (read_noecho(fd, "Password for the report: ", a, sz) == -1 ||
		    read_noecho(fd, "The same again: ", b, sz) == -1) {
			diag(d, SEV_ERROR, NULL, 0, "--ask-password: no "
			    "password read");
			goto fail;
		}
		if (strlen(a) > PASSWORD_MAX)
			say(fd, "Too long: 127 bytes at most.\n");
		else if (a[0] == '\0')
			say(fd, "Empty: type a password.\n");
		else if (strcmp(a, b) != 0)
			say(fd, "The two differ; once more.\n");
		else {
			scrub_free(b, sz);
			close(fd);
			return single(a, sz - 1, a, NULL, d);
		}
	}
	diag(d, SEV_ERROR, NULL, 0, "--ask-password: no usable password "
	    "after 3 tries");
fail:
	if (a != NULL)
		scrub_free(a, sz);
	if (b != NULL)
		scrub_free(b, sz);
	close(fd);
	return NULL;
}
