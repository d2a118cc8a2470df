/*
 * hash.c: SHA-256 through libcrypto's EVP interface; see hash.h.  This is
 * the only file that includes <openssl/...>.
 *
 * libcrypto is opened on first use, not linked: a render hashes nothing,
 * and loading libcrypto cost every start 2.5 M instructions, its 4,000
 * symbol relocations bound at once (docs/performance.md, "One render
 * process").  A libcrypto that cannot be opened makes hash_new() fail, as
 * memory would.
 */
#include <sys/stat.h>

#include <dlfcn.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "hash.h"

#ifndef CRYPTO_SONAME
#define CRYPTO_SONAME	"libcrypto.so.3"
#endif

#define CRYPTO_FUNCS(X) \
	X(EVP_DigestFinal_ex) \
	X(EVP_DigestInit_ex) \
	X(EVP_DigestUpdate) \
	X(EVP_MD_CTX_free) \
	X(EVP_MD_CTX_new) \
	X(EVP_sha256)

static struct {
#define X(f)	__typeof__(f) *f;
	CRYPTO_FUNCS(X)
#undef X
} C;

/* 0 when libcrypto and its functions are there; per process, set once
 * (but for a failure that errno says is memory: tried again). */
static int
crypto_open(void)
{
	static int	 tried, ok;
	void		*lib, *sym;

	if (tried)
		return ok ? 0 : -1;
	tried = 1;
	errno = 0;
	if ((lib = dlopen(CRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		goto fail;
#define X(f)	if ((sym = dlsym(lib, #f)) == NULL) { dlclose(lib); goto fail; } \
		memcpy(&C.f, &sym, sizeof(sym));
	CRYPTO_FUNCS(X)
#undef X
	ok = 1;
	return 0;
fail:
	if (errno == ENOMEM)
		tried = 0;
	return -1;
}

struct hash {
	EVP_MD_CTX	*ctx;
};

struct hash *
hash_new(void)
{
	struct hash	*h;

	if (crypto_open() == -1 || (h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	if ((h->ctx = C.EVP_MD_CTX_new()) == NULL ||
	    C.EVP_DigestInit_ex(h->ctx, C.EVP_sha256(), NULL) != 1) {
		hash_free(h);
		return NULL;
	}
	return h;
}

void
hash_free(struct hash *h)
{
	if (h == NULL)
		return;
	C.EVP_MD_CTX_free(h->ctx);
	free(h);
}

int
hash_update(struct hash *h, const void *buf, size_t len)
{
	if (len == 0)
		return 0;
	return C.EVP_DigestUpdate(h->ctx, buf, len) == 1 ? 0 : -1;
}

int
hash_final(struct hash *h, unsigned char out[HASH_LEN])
{
	unsigned int	 n = 0;
	int		 rc;

	rc = C.EVP_DigestFinal_ex(h->ctx, out, &n) == 1 && n == HASH_LEN ?
	    0 : -1;
	hash_free(h);
	return rc;
}

int
hash_buf(const void *buf, size_t len, unsigned char out[HASH_LEN])
{
	struct hash	*h;

	if ((h = hash_new()) == NULL)
		return -1;
	if (hash_update(h, buf, len) == -1) {
		hash_free(h);
		return -1;
	}
	return hash_final(h, out);
}

/* Feed an open file to h; 0 or -1 (errno set). */
static int
hash_fd(struct hash *h, int fd)
{
	unsigned char	 buf[65536];
	ssize_t		 n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			return 0;
		if (hash_update(h, buf, (size_t)n) == -1) {
			errno = ENOMEM;
			return -1;
		}
	}
}

int
hash_file(const char *path, unsigned char out[HASH_LEN], struct diag *d)
{
	struct hash	*h;
	struct stat	 st;
	int		 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (d != NULL)
			diag(d, SEV_ERROR, path, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		if (d != NULL)
			diag(d, SEV_ERROR, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if ((h = hash_new()) == NULL) {
		close(fd);
		return -1;
	}
	if (hash_fd(h, fd) == -1) {
		if (d != NULL)
			diag(d, SEV_ERROR, path, 0, "%s", strerror(errno));
		hash_free(h);
	} else
		rc = hash_final(h, out);
	close(fd);
	return rc;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
hash_dir(struct hash *h, const char *dir, const char *suffix,
    struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		**names = NULL, **p, path[4096];
	size_t		 n = 0, cap = 0, i, sl, nl;
	int		 fd, rc = -1;
	uint64_t	 size;

	if ((dp = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : -1;
	sl = suffix != NULL ? strlen(suffix) : 0;
	while ((de = readdir(dp)) != NULL) {
		nl = strlen(de->d_name);
		if (de->d_name[0] == '.' || nl < sl ||
		    (sl > 0 && strcmp(de->d_name + nl - sl, suffix) != 0))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((p = realloc(names, cap * sizeof(*p))) == NULL)
				goto out;
			names = p;
		}
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto out;
		n++;
	}
	qsort(names, n, sizeof(*names), namecmp);
	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
		    names[i]) >= sizeof(path))
			goto out;
		if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
			continue;	/* a symlink or vanished: not ours */
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			close(fd);
			continue;
		}
		size = (uint64_t)st.st_size;
		if (hash_update(h, names[i], strlen(names[i]) + 1) == -1 ||
		    hash_update(h, &size, sizeof(size)) == -1 ||
		    hash_fd(h, fd) == -1) {
			if (d != NULL)
				diag(d, SEV_ERROR, path, 0, "cannot hash");
			close(fd);
			goto out;
		}
		close(fd);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(dp);
	return rc;
}

void
hash_hex(const unsigned char in[HASH_LEN], char out[HASH_HEX_LEN])
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < HASH_LEN; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * HASH_LEN] = '\0';
}

uint64_t
hash_u64(const unsigned char in[HASH_LEN])
{
	uint64_t	 v = 0;
	size_t		 i;

	for (i = 0; i < 8; i++)
		v = v << 8 | in[i];
	return v;
}
