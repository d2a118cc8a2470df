/*
 * encrypt.c: AES-256 protection of a finished PDF with libqpdf's C API;
 * see encrypt.h for what is granted and why the output is not
 * byte-identical.  The one place that includes <qpdf/qpdf-c.h>.
 *
 * One qpdf_data per call: read the renderer's bytes from memory, set the
 * R6 parameters, write to memory, copy the result out, clean up.  libqpdf
 * keeps its error in the qpdf_data (its C API catches the C++ exceptions),
 * so every step is checked with qpdf_has_error(); a warning while reading
 * means the renderer produced a damaged file, and is an error too (a
 * silently repaired report is not what was rendered).
 *
 * libqpdf copies the passwords into its own strings and does not scrub
 * them; the random owner password made here is scrubbed on our side.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

#include "encrypt.h"

#ifndef QPDF_SONAME
#define QPDF_SONAME	"libqpdf.so.29"
#endif

/*
 * libqpdf is opened on first use, not linked: it is C++ with libstdc++
 * and gnutls behind it, and linked normally its symbol relocation cost
 * every start of reportgen 9.3 M instructions (docs/performance.md),
 * whether or not a report was encrypted.  Per process, set once.
 */
#define QPDF_FUNCS(X) \
	X(qpdf_cleanup) \
	X(qpdf_get_buffer) \
	X(qpdf_get_buffer_length) \
	X(qpdf_get_error) \
	X(qpdf_get_error_message_detail) \
	X(qpdf_get_qpdf_version) \
	X(qpdf_has_error) \
	X(qpdf_init) \
	X(qpdf_init_write_memory) \
	X(qpdf_is_encrypted) \
	X(qpdf_more_warnings) \
	X(qpdf_next_warning) \
	X(qpdf_read_memory) \
	X(qpdf_set_r6_encryption_parameters2) \
	X(qpdf_set_suppress_warnings) \
	X(qpdf_write)

static struct {
	int	 tried;
	void	*lib;
#define X(f)	__typeof__(f) *f;
	QPDF_FUNCS(X)
#undef X
} Q;

/* 0 when libqpdf and every function used here are there. */
static int
qpdf_open(void)
{
	void	*sym;

	if (Q.tried)
		return Q.lib != NULL ? 0 : -1;
	Q.tried = 1;
	if ((Q.lib = dlopen(QPDF_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return -1;
#define X(f)	if ((sym = dlsym(Q.lib, #f)) == NULL) goto fail; \
		memcpy(&Q.f, &sym, sizeof(sym));
	QPDF_FUNCS(X)
#undef X
	return 0;
fail:
	dlclose(Q.lib);
	Q.lib = NULL;
	return -1;
}


#define OWNER_RANDOM_BYTES	32

const char *
encrypt_library_version(void)
{
	return qpdf_open() == 0 ? Q.qpdf_get_qpdf_version() : "unavailable";
}

int
encrypt_opens(const unsigned char *buf, size_t len, const char *pw)
{
	qpdf_data	 q;
	int		 ok;

	if (pw == NULL || *pw == '\0' || qpdf_open() == -1 ||
	    (q = Q.qpdf_init()) == NULL)
		return 0;
	Q.qpdf_set_suppress_warnings(q, QPDF_TRUE);
	ok = !(Q.qpdf_read_memory(q, "check", (const char *)buf, len, pw) &
	    QPDF_ERRORS) && Q.qpdf_is_encrypted(q);
	if (Q.qpdf_has_error(q))
		(void)Q.qpdf_get_error(q);	/* retrieved: not printed */
	Q.qpdf_cleanup(&q);
	return ok;
}

/* Report libqpdf's pending error (or the given text when there is none). */
static void
qpdf_fail(qpdf_data q, struct diag *d, const char *path, const char *what)
{
	qpdf_error	 e;
	const char	*msg = NULL;

	if (Q.qpdf_has_error(q) && (e = Q.qpdf_get_error(q)) != NULL)
		msg = Q.qpdf_get_error_message_detail(q, e);
	diag(d, SEV_ERROR, path, 0, "cannot encrypt the report: %s%s%s",
	    what, msg != NULL ? ": " : "", msg != NULL ? msg : "");
}

/* A random owner password: 64 hex digits from getentropy(). */
static int
random_password(char *buf, size_t sz)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 r[OWNER_RANDOM_BYTES];
	size_t			 i;

	if (sz < 2 * sizeof(r) + 1 || getentropy(r, sizeof(r)) == -1)
		return -1;
	for (i = 0; i < sizeof(r); i++) {
		buf[2 * i] = hex[r[i] >> 4];
		buf[2 * i + 1] = hex[r[i] & 0xf];
	}
	buf[2 * sizeof(r)] = '\0';
	explicit_bzero(r, sizeof(r));
	return 0;
}

int
encrypt_pdf(const unsigned char *in, size_t inlen, const char *user_pw,
    const char *owner_pw, unsigned char **out, size_t *outlen,
    struct diag *d, const char *path)
{
	qpdf_data		 q;
	qpdf_error		 w;
	const unsigned char	*buf;
	char			 owner[2 * OWNER_RANDOM_BYTES + 1];
	size_t			 len;
	int			 rc = -1;

	*out = NULL;
	*outlen = 0;
	owner[0] = '\0';
	if (qpdf_open() == -1) {
		diag(d, SEV_FATAL, path, 0, "cannot encrypt the report: "
		    "%s cannot be loaded (apt-get install libqpdf29)",
		    QPDF_SONAME);
		return -1;
	}
	if (user_pw == NULL || *user_pw == '\0') {
		diag(d, SEV_ERROR, path, 0, "cannot encrypt the report: the "
		    "user password is empty");
		return -1;
	}
	if (owner_pw == NULL || *owner_pw == '\0') {
		if (random_password(owner, sizeof(owner)) == -1) {
			diag(d, SEV_FATAL, path, 0, "cannot encrypt the "
			    "report: no random bytes for the owner password");
			return -1;
		}
		owner_pw = owner;
	}
	if ((q = Q.qpdf_init()) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		goto out;
	}
	Q.qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (Q.qpdf_read_memory(q, path, (const char *)in, inlen,
	    /*password*/ NULL) & QPDF_ERRORS) {
		qpdf_fail(q, d, path, "the rendered PDF cannot be read");
		goto out;
	}
	if (Q.qpdf_more_warnings(q)) {
		w = Q.qpdf_next_warning(q);
		diag(d, SEV_ERROR, path, 0, "cannot encrypt the report: the "
		    "rendered PDF is damaged: %s", w != NULL ?
		    Q.qpdf_get_error_message_detail(q, w) : "(no detail)");
		goto out;
	}
	if (Q.qpdf_init_write_memory(q) & QPDF_ERRORS) {
		qpdf_fail(q, d, path, "cannot start writing");
		goto out;
	}
	Q.qpdf_set_r6_encryption_parameters2(q, user_pw, owner_pw,
	    /*allow_accessibility*/ QPDF_TRUE,
	    /*allow_extract*/ QPDF_FALSE,
	    /*allow_assemble*/ QPDF_FALSE,
	    /*allow_annotate_and_form*/ QPDF_FALSE,
	    /*allow_form_filling*/ QPDF_FALSE,
	    /*allow_modify_other*/ QPDF_FALSE,
	    /*print*/ qpdf_r3p_full,
	    /*encrypt_metadata*/ QPDF_TRUE);
	if (Q.qpdf_has_error(q)) {
		qpdf_fail(q, d, path, "cannot set the encryption");
		goto out;
	}
	if (Q.qpdf_write(q) & QPDF_ERRORS) {
		qpdf_fail(q, d, path, "cannot write");
		goto out;
	}
	len = Q.qpdf_get_buffer_length(q);
	if ((buf = Q.qpdf_get_buffer(q)) == NULL || len == 0) {
		qpdf_fail(q, d, path, "libqpdf wrote nothing");
		goto out;
	}
	if ((*out = malloc(len)) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		goto out;
	}
	memcpy(*out, buf, len);
	*outlen = len;
	rc = 0;
out:
	if (q != NULL)
		Q.qpdf_cleanup(&q);
	explicit_bzero(owner, sizeof(owner));
	return rc;
}
