/*
 * hash.h: SHA-256 of buffers, files and sets of files.  libcrypto is
 * included by hash.c only; callers see bytes and hex strings.
 */
#ifndef REPORTGEN_HASH_H
#define REPORTGEN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define HASH_LEN	32
#define HASH_HEX_LEN	(2 * HASH_LEN + 1)	/* with the NUL */

struct hash;

/* Incremental hashing: new, update (any number of times), final.  final
 * frees the context; hash_free() frees one that is abandoned. */
struct hash	*hash_new(void);
int		 hash_update(struct hash *, const void *, size_t);
int		 hash_final(struct hash *, unsigned char out[HASH_LEN]);
void		 hash_free(struct hash *);

/* One shot over a buffer; 0 or -1. */
int		 hash_buf(const void *, size_t, unsigned char out[HASH_LEN]);

/* The file's bytes (regular files only, no symlinks followed); 0, or -1
 * with a message in d (d may be NULL: then silent). */
int		 hash_file(const char *path, unsigned char out[HASH_LEN],
		    struct diag *d);

/* Every regular file directly in dir, in name order: names, sizes and
 * bytes all count.  suffix, when not NULL, keeps only names ending so.
 * A missing directory hashes as empty.  0 or -1. */
int		 hash_dir(struct hash *, const char *dir, const char *suffix,
		    struct diag *d);

void		 hash_hex(const unsigned char in[HASH_LEN],
		    char out[HASH_HEX_LEN]);

/* The first 8 bytes as a big-endian integer: a stable shard key. */
uint64_t	 hash_u64(const unsigned char in[HASH_LEN]);

#endif
