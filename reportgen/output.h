/*
 * output.h: the only way a file is written.  A temp file in the target
 * directory (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600 unless widened), written
 * in full, fsynced, then renamed over the final name: no reader ever sees
 * a partial file, and a symlink planted at either name is never followed.
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

/* Remove temp files left by a killed run in dir (names output_write made). */
int	output_clean_temps(const char *dir, struct diag *d);

#endif
