/*
 * readfile.h: the one way a whole file is read into memory.
 *
 * Every file the tool reads whole (profiles, schemas, market data, brand
 * files, logos, password files, summaries, reports) goes through
 * readfile(): opened without blocking (a FIFO cannot hang us) and without
 * following a trailing symlink only when asked, checked on the open
 * descriptor to be a regular file, refused before reading when larger
 * than the caller's cap, read to the end with one byte more than the cap
 * allowed (a file that grows while read is still refused), and returned
 * NUL-terminated.  Failures are said once through diag() and returned as
 * the sysexits code the rule in cmd.h ranks.
 *
 * Secrets (RF_SCRUB): every buffer that held the bytes is wiped before it
 * is freed, here and in readfile_free().
 */
#ifndef REPORTGEN_READFILE_H
#define REPORTGEN_READFILE_H

#include <sys/stat.h>

#include <stddef.h>

#include "diag.h"

#define RF_SCRUB	0x01	/* secrets: wipe before free */
#define RF_NOFOLLOW	0x02	/* refuse a symlink at path */

struct readfile {
	size_t		 max;		/* bytes; a larger file is refused */
	int		 flags;		/* RF_* */
	/* In messages: "cannot read the password file: ...", "the password
	 * file is too large: ..."; NULL: "cannot read: ...", "file is too
	 * large: ..." */
	const char	*what;
	/* More checks on the open descriptor (owner, mode), made before any
	 * byte is read: 0 to go on, or a sysexits code after a message. */
	int		(*check)(const char *path, const struct stat *,
			    struct diag *);
};

/* 0 with *buf (malloc'd, *len bytes + NUL) or a sysexits code with a
 * message: EX_NOINPUT (missing, unreadable, not a regular file),
 * EX_DATAERR (too large), EX_OSERR (out of memory), or check's. */
int	readfile(const char *path, const struct readfile *, char **buf,
	    size_t *len, struct diag *);
/* Frees what readfile() returned, scrubbing it under RF_SCRUB. */
void	readfile_free(char *buf, size_t len, int flags);

#endif
