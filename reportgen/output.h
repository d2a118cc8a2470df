/*
 * output.h: the only way a file is written.  A temp file in the target
 * directory (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600 unless widened), written
 * in full, fsynced, then renamed over the final name: no reader ever sees
 * a partial file, and a symlink planted at either name is never followed.
 * A directory, FIFO, socket or device at the final name (or a link to
 * one) is refused with EX_CANTCREAT, never renamed over.
 */
#ifndef REPORTGEN_OUTPUT_H
#define REPORTGEN_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

/* 0 on success; otherwise the sysexits code (EX_IOERR, EX_CANTCREAT)
 * with a message naming the file in d. */
int	output_write(const char *dir, const char *name, const void *buf,
	    size_t len, mode_t mode, struct diag *d);

/*
 * Group commit, for the batch workers: many files made durable with one
 * sync pass instead of two fsyncs each.  output_stage() writes the whole
 * temp file and keeps it open; output_sync() starts the writeback of a
 * set of staged files and then waits for each (the journal commits them
 * together); output_publish() renames one over its final name (or, when
 * its sync failed, removes it and says why); output_sync_dir() makes the
 * renames durable with one fsync of the directory.  output_write() is
 * these four for one file.  A staged file is never at its final name
 * before its data is on disk.
 */
struct output_staged {
	char	 tmp[4096];
	char	 final[4096];
	int	 fd;		/* open from stage to sync; -1 after */
	int	 err;		/* errno of the sync, 0 ok */
};

/* 0, or the sysexits code with a message (nothing is left behind).
 * When sha is not NULL it receives the SHA-256 of buf, computed chunk by
 * chunk as each is written (the bytes are hashed while they are in the
 * cache, not in a pass of their own). */
int	output_stage(const char *dir, const char *name, const void *buf,
	    size_t len, mode_t mode, unsigned char *sha,
	    struct output_staged *, struct diag *d);
void	output_sync(struct output_staged *, size_t n);
/* 0, or the sysexits code with a message naming the file. */
int	output_publish(struct output_staged *, struct diag *d);
/* 0, or EX_IOERR with a message naming what (a file in dir). */
int	output_sync_dir(const char *dir, const char *what, struct diag *d);
/* Drops a staged file that will not be published (temp removed). */
void	output_discard(struct output_staged *);

/* An output the user named (-o FILE): refused when it is a symbolic
 * link, whatever it points to (`-o /dev/stdout` as root replaced the
 * link with the PDF), or anything but a regular file.  Nothing there is
 * fine.  0, or EX_CANTCREAT with a message.  output_write() refuses the
 * non-regular ones too; this adds the links, for names a person typed. */
int	output_named_ok(const char *path, struct diag *d);

/* All of buf to standard output (-o -).  0, or EX_IOERR with a message. */
int	output_stdout(const void *buf, size_t len, struct diag *d);

/* Remove temp files left by a killed run in dir (names output_write made). */
int	output_clean_temps(const char *dir, struct diag *d);

#endif
