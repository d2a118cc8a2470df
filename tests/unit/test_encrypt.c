/*
 * test_encrypt.c: encrypt_pdf() protects a PDF with AES-256 (R6): poppler
 * says so and cannot open it without a password, opens it with the user
 * or the owner password, qpdf --check passes, printing and accessibility
 * are granted and changes and copying denied; two runs differ (random
 * /ID and IVs, on purpose); bad input and an empty user password are
 * errors that never show a password.
 *
 * The input is a one-page PDF built here with exact xref offsets, so that
 * qpdf reads it without a warning (encrypt_pdf() refuses damaged input).
 * The checks use the command-line tools (pdfinfo, pdftotext, qpdf) that
 * the Makefile's deps install.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "encrypt.h"

#define USER_PW		"candidate-7Q"
#define OWNER_PW	"coach owner pw"

struct fx {
	char		 dir[256];
	char		 file[320];
	struct diag	 d;
	unsigned char	*pdf;		/* the plain input */
	size_t		 pdflen;
	unsigned char	*out;
	size_t		 outlen;
};

/* A one-page PDF that shows "Jane Candidate" in Helvetica. */
static void
make_pdf(struct fx *fx)
{
	static const char content[] =
	    "BT /F1 24 Tf 72 720 Td (Jane Candidate) Tj ET";
	char	*p;
	size_t	 cap = 4096, n = 0, off[6], i, xref;

	assert_non_null(p = malloc(cap));
	n += snprintf(p + n, cap - n, "%%PDF-1.7\n");
	off[1] = n;
	n += snprintf(p + n, cap - n, "1 0 obj\n<< /Type /Catalog /Pages 2 0 "
	    "R >>\nendobj\n");
	off[2] = n;
	n += snprintf(p + n, cap - n, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] "
	    "/Count 1 >>\nendobj\n");
	off[3] = n;
	n += snprintf(p + n, cap - n, "3 0 obj\n<< /Type /Page /Parent 2 0 R "
	    "/MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << "
	    "/F1 5 0 R >> >> >>\nendobj\n");
	off[4] = n;
	n += snprintf(p + n, cap - n, "4 0 obj\n<< /Length %zu >>\nstream\n%s"
	    "\nendstream\nendobj\n", sizeof(content) - 1, content);
	off[5] = n;
	n += snprintf(p + n, cap - n, "5 0 obj\n<< /Type /Font /Subtype "
	    "/Type1 /BaseFont /Helvetica >>\nendobj\n");
	xref = n;
	n += snprintf(p + n, cap - n, "xref\n0 6\n0000000000 65535 f \n");
	for (i = 1; i <= 5; i++)
		n += snprintf(p + n, cap - n, "%010zu 00000 n \n", off[i]);
	n += snprintf(p + n, cap - n, "trailer\n<< /Size 6 /Root 1 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", xref);
	assert_true(n < cap);
	fx->pdf = (unsigned char *)p;
	fx->pdflen = n;
}

static int
setup(void **state)
{
	struct fx	*fx;

	fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof(fx->dir), "rgenc");
	snprintf(fx->file, sizeof(fx->file), "%s/r.pdf", fx->dir);
	diag_init(&fx->d, NULL);
	fx->d.keep = 1;
	make_pdf(fx);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	tu_rmtree(fx->dir);
	diag_free(&fx->d);
	free(fx->pdf);
	free(fx->out);
	free(fx);
	return 0;
}

static void
save(struct fx *fx, const unsigned char *p, size_t n)
{
	FILE	*f;

	assert_non_null(f = fopen(fx->file, "wb"));
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Run a shell command; its stdout (and stderr) in out; the exit status. */
static int
run(char *out, size_t outsz, const char *fmt, ...)
{
	char	 cmd[1024];
	FILE	*p;
	size_t	 n = 0, r;
	va_list	 ap;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_non_null(p = popen(cmd, "r"));
	while (n + 1 < outsz && (r = fread(out + n, 1, outsz - n - 1, p)) > 0)
		n += r;
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
contains(const unsigned char *p, size_t n, const char *s)
{
	size_t	 i, k = strlen(s);

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return 1;
	return 0;
}

static void
encrypt_ok(struct fx *fx, const char *owner)
{
	free(fx->out);
	fx->out = NULL;
	assert_int_equal(encrypt_pdf(fx->pdf, fx->pdflen, USER_PW, owner,
	    &fx->out, &fx->outlen, &fx->d, "r.pdf"), 0);
	assert_non_null(fx->out);
	assert_true(fx->outlen > 0);
	assert_int_equal(fx->d.worst, SEV_OK);
	save(fx, fx->out, fx->outlen);
}

/* ------------------------------------------------------------- tests */

static void
the_input_is_readable_before_encryption(void **state)
{
	struct fx	*fx = *state;
	char		 out[4096];

	save(fx, fx->pdf, fx->pdflen);
	assert_int_equal(run(out, sizeof(out), "pdftotext '%s' - 2>&1",
	    fx->file), 0);
	assert_non_null(strstr(out, "Jane Candidate"));
}

static void
pdfinfo_reports_aes256_with_print_only(void **state)
{
	struct fx	*fx = *state;
	char		 out[4096];

	encrypt_ok(fx, OWNER_PW);
	assert_int_equal(run(out, sizeof(out), "pdfinfo -upw '" USER_PW
	    "' '%s' 2>&1", fx->file), 0);
	if (strstr(out, "Encrypted:") == NULL || strstr(out, "yes (print:yes "
	    "copy:no change:no addNotes:no algorithm:AES-256)") == NULL)
		fail_msg("pdfinfo says:\n%s", out);
}

static void
without_a_password_nothing_opens(void **state)
{
	struct fx	*fx = *state;
	char		 out[4096];

	encrypt_ok(fx, OWNER_PW);
	assert_int_not_equal(run(out, sizeof(out), "pdfinfo '%s' 2>&1",
	    fx->file), 0);
	assert_non_null(strstr(out, "Incorrect password"));
	assert_int_not_equal(run(out, sizeof(out), "pdftotext '%s' - 2>&1",
	    fx->file), 0);
	assert_null(strstr(out, "Jane Candidate"));
	assert_int_not_equal(run(out, sizeof(out), "pdftotext -upw wrong "
	    "'%s' - 2>&1", fx->file), 0);
	/* And the name is not in the file in the clear. */
	assert_false(contains(fx->out, fx->outlen, "Jane"));
}

static void
user_and_owner_passwords_both_open_it(void **state)
{
	struct fx	*fx = *state;
	char		 out[4096];

	encrypt_ok(fx, OWNER_PW);
	assert_int_equal(run(out, sizeof(out), "pdftotext -upw '" USER_PW
	    "' '%s' - 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "Jane Candidate"));
	assert_int_equal(run(out, sizeof(out), "pdftotext -opw '" OWNER_PW
	    "' '%s' - 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "Jane Candidate"));
}

static void
qpdf_check_passes_and_shows_r6_permissions(void **state)
{
	struct fx	*fx = *state;
	char		 out[8192];

	encrypt_ok(fx, OWNER_PW);
	assert_int_equal(run(out, sizeof(out), "qpdf --check --password='"
	    USER_PW "' '%s' 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "No syntax or stream encoding errors"));
	assert_int_equal(run(out, sizeof(out), "qpdf --show-encryption "
	    "--password='" USER_PW "' '%s' 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "R = 6"));
	assert_non_null(strstr(out, "extract for accessibility: allowed"));
	assert_non_null(strstr(out, "extract for any purpose: not allowed"));
	assert_non_null(strstr(out, "print high resolution: allowed"));
	assert_non_null(strstr(out, "modify anything: not allowed"));
	assert_non_null(strstr(out, "stream encryption method: AESv3"));
	assert_non_null(strstr(out, "Supplied password is user password"));
	assert_int_equal(run(out, sizeof(out), "qpdf --show-encryption "
	    "--password='" OWNER_PW "' '%s' 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "Supplied password is owner password"));
}

/* With no owner password a random one is made: the user password is then
 * not the owner's, so it cannot lift the restrictions. */
static void
missing_owner_password_is_random_not_the_user_one(void **state)
{
	struct fx	*fx = *state;
	char		 out[8192];

	encrypt_ok(fx, NULL);
	assert_int_equal(run(out, sizeof(out), "qpdf --show-encryption "
	    "--password='" USER_PW "' '%s' 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "Supplied password is user password"));
	assert_null(strstr(out, "Supplied password is owner password"));
	assert_int_equal(run(out, sizeof(out), "pdftotext -upw '" USER_PW
	    "' '%s' - 2>&1", fx->file), 0);
	assert_non_null(strstr(out, "Jane Candidate"));
}

/* Documented: encrypted outputs are not byte-identical run to run. */
static void
two_runs_give_different_bytes(void **state)
{
	struct fx	*fx = *state;
	unsigned char	*first;
	size_t		 firstlen;

	encrypt_ok(fx, OWNER_PW);
	first = fx->out;
	firstlen = fx->outlen;
	fx->out = NULL;
	encrypt_ok(fx, OWNER_PW);
	assert_true(firstlen != fx->outlen ||
	    memcmp(first, fx->out, firstlen) != 0);
	free(first);
}

static void
empty_user_password_is_refused(void **state)
{
	struct fx	*fx = *state;

	assert_int_equal(encrypt_pdf(fx->pdf, fx->pdflen, "", OWNER_PW,
	    &fx->out, &fx->outlen, &fx->d, "r.pdf"), -1);
	assert_null(fx->out);
	assert_int_equal(fx->outlen, 0);
	assert_non_null(strstr(fx->d.buf, "r.pdf: error: cannot encrypt the "
	    "report: the user password is empty"));
	assert_null(strstr(fx->d.buf, OWNER_PW));
}

static void
damaged_input_is_an_error_without_passwords_in_it(void **state)
{
	struct fx	*fx = *state;
	static const unsigned char junk[] = "this is not a PDF at all";

	assert_int_equal(encrypt_pdf(junk, sizeof(junk) - 1, USER_PW,
	    OWNER_PW, &fx->out, &fx->outlen, &fx->d, "out/x.pdf"), -1);
	assert_null(fx->out);
	assert_non_null(strstr(fx->d.buf, "out/x.pdf: error: cannot encrypt "
	    "the report: the rendered PDF cannot be read"));
	assert_null(strstr(fx->d.buf, USER_PW));
	assert_null(strstr(fx->d.buf, OWNER_PW));

	/* A PDF with a wrong xref offset: qpdf would repair it with a
	 * warning; we refuse instead. */
	diag_reset(&fx->d);
	fx->pdf[fx->pdflen - 8] = fx->pdf[fx->pdflen - 8] == '1' ? '2' : '1';
	assert_int_equal(encrypt_pdf(fx->pdf, fx->pdflen, USER_PW, OWNER_PW,
	    &fx->out, &fx->outlen, &fx->d, "out/y.pdf"), -1);
	assert_non_null(strstr(fx->d.buf, "out/y.pdf: error: cannot encrypt "
	    "the report: the rendered PDF is damaged"));
}

static void
encrypt_opens_tells_which_password_opens_the_file(void **state)
{
	struct fx	*fx = *state;

	encrypt_ok(fx, OWNER_PW);
	assert_true(encrypt_opens(fx->out, fx->outlen, USER_PW));
	assert_true(encrypt_opens(fx->out, fx->outlen, OWNER_PW));
	assert_false(encrypt_opens(fx->out, fx->outlen, "changed-pw"));
	assert_false(encrypt_opens(fx->out, fx->outlen, ""));
	/* An unencrypted file is not "opened by the password". */
	assert_false(encrypt_opens(fx->pdf, fx->pdflen, USER_PW));
	assert_false(encrypt_opens((const unsigned char *)"junk", 4,
	    USER_PW));
}

static void
library_version_is_known(void **state)
{
	(void)state;
	assert_non_null(encrypt_library_version());
	assert_true(strlen(encrypt_library_version()) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(the_input_is_readable_before_encryption),
		T(pdfinfo_reports_aes256_with_print_only),
		T(without_a_password_nothing_opens),
		T(user_and_owner_passwords_both_open_it),
		T(qpdf_check_passes_and_shows_r6_permissions),
		T(missing_owner_password_is_random_not_the_user_one),
		T(two_runs_give_different_bytes),
		T(empty_user_password_is_refused),
		T(damaged_input_is_an_error_without_passwords_in_it),
		T(encrypt_opens_tells_which_password_opens_the_file),
		T(library_version_is_known),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
