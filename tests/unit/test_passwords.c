/*
 * test_passwords.c: the password files of --encrypt.  Entries are found
 * by id (comments, blank lines and CRLF are fine, a password keeps its
 * spaces); a file others may read or write, or that is not a regular
 * file, or too large, is refused before it is read; bad lines and
 * duplicate ids are errors with line numbers; no message ever shows a
 * password.  Also the one-password owner file.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "passwords.h"

struct fx {
	char		 dir[256];
	char		 path[320];
	struct diag	 d;
};

static int
setup(void **state)
{
	struct fx	*fx;

	fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof(fx->dir), "rgpw");
	diag_init(&fx->d, NULL);
	fx->d.keep = 1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	tu_rmtree(fx->dir);
	diag_free(&fx->d);
	free(fx);
	return 0;
}

/* Write text (n bytes; -1: strlen) to a file of the given mode. */
static const char *
file(struct fx *fx, const char *text, ssize_t n, mode_t mode)
{
	int	 fd;

	if (n < 0)
		n = (ssize_t)strlen(text);
	snprintf(fx->path, sizeof(fx->path), "%s/pw", fx->dir);
	unlink(fx->path);
	assert_true((fd = open(fx->path, O_WRONLY | O_CREAT | O_EXCL,
	    0600)) != -1);
	assert_int_equal(write(fd, text, (size_t)n), n);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
	return fx->path;
}

static void
assert_msg(struct fx *fx, const char *s)
{
	if (fx->d.buf == NULL || strstr(fx->d.buf, s) == NULL)
		fail_msg("expected message containing \"%s\"; got:\n%s", s,
		    fx->d.buf != NULL ? fx->d.buf : "(none)");
}

/* ------------------------------------------------------------- tests */

static void
entries_are_found_by_id(void **state)
{
	struct fx		*fx = *state;
	struct passwords	*p;

	p = passwords_load(file(fx, "# coach's list\n"
	    "\n"
	    "ananya-iyer\tS3cret one\n"
	    "   \n"
	    "arjun_mehta\tp@ss\twith tab\r\n"
	    "z9\tx", -1, 0600), &fx->d);
	assert_non_null(p);
	assert_int_equal(fx->d.worst, SEV_OK);
	assert_int_equal(passwords_count(p), 3);
	assert_string_equal(passwords_get(p, "ananya-iyer"), "S3cret one");
	/* Everything after the first tab, CR dropped. */
	assert_string_equal(passwords_get(p, "arjun_mehta"), "p@ss\twith tab");
	/* The last line needs no newline. */
	assert_string_equal(passwords_get(p, "z9"), "x");
	assert_null(passwords_get(p, "nobody"));
	assert_null(passwords_get(p, "ananya"));
	assert_null(passwords_get(p, ""));
	passwords_free(p);
}

static void
many_entries_are_all_found(void **state)
{
	struct fx		*fx = *state;
	struct passwords	*p;
	char			*text, id[32], pw[32];
	size_t			 n = 0, cap = 2000 * 40;
	int			 i;

	assert_non_null(text = malloc(cap));
	for (i = 1999; i >= 0; i--)
		n += snprintf(text + n, cap - n, "c%04d\tpw-%d\n", i, i * 7);
	p = passwords_load(file(fx, text, (ssize_t)n, 0400), &fx->d);
	free(text);
	assert_non_null(p);
	assert_int_equal(passwords_count(p), 2000);
	for (i = 0; i < 2000; i++) {
		snprintf(id, sizeof(id), "c%04d", i);
		snprintf(pw, sizeof(pw), "pw-%d", i * 7);
		assert_string_equal(passwords_get(p, id), pw);
	}
	passwords_free(p);
}

static void
group_or_other_access_is_refused(void **state)
{
	static const mode_t modes[] = { 0640, 0604, 0620, 0602, 0660, 0644 };
	struct fx	*fx = *state;
	size_t		 i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		diag_reset(&fx->d);
		assert_null(passwords_load(file(fx, "a\tTopSecret\n", -1,
		    modes[i]), &fx->d));
		assert_msg(fx, "pw: error: the password file has mode 0");
		assert_msg(fx, "refusing to use it (chmod 600");
		assert_null(strstr(fx->d.buf, "TopSecret"));
	}
	diag_reset(&fx->d);
	assert_null(passwords_load(file(fx, "a\tb\n", -1, 0640), &fx->d));
	assert_msg(fx, "has mode 0640: group or others may read it");
	diag_reset(&fx->d);
	assert_null(passwords_load(file(fx, "a\tb\n", -1, 0620), &fx->d));
	assert_msg(fx, "has mode 0620: group or others may write it");
}

static void
only_regular_files_are_read(void **state)
{
	struct fx	*fx = *state;

	assert_null(passwords_load(fx->dir, &fx->d));
	assert_msg(fx, "error: cannot read the password file: Is a directory");
	diag_reset(&fx->d);
	assert_null(passwords_load("/dev/null", &fx->d));
	assert_msg(fx, "/dev/null: error: cannot read the password file: "
	    "not a regular file");
	diag_reset(&fx->d);
	assert_null(passwords_load("no/such/file", &fx->d));
	assert_msg(fx, "no/such/file: error: cannot read the password file: "
	    "No such file or directory");
}

static void
a_file_owned_by_another_user_is_refused(void **state)
{
	struct fx	*fx = *state;

	file(fx, "a\tb\n", -1, 0600);
	if (geteuid() != 0 || chown(fx->path, 1, 1) == -1) {
		/* only root can give a file away; CI must run every check */
		if (getenv("CI") != NULL && (strcmp(getenv("CI"), "true") == 0
		    || strcmp(getenv("CI"), "1") == 0))
			fail_msg("a file owned by another user: needs root "
			    "(CI=true)");
		skip();
	}
	/* Root reads anything, but a file another user can rewrite is not
	 * a file to take passwords from. */
	assert_null(passwords_load(fx->path, &fx->d));
	assert_msg(fx, "pw: error: the password file belongs to another user "
	    "(uid 1)");
}

static void
a_file_over_the_cap_is_refused_unread(void **state)
{
	struct fx	*fx = *state;
	int		 fd;

	file(fx, "", 0, 0600);
	assert_true((fd = open(fx->path, O_WRONLY)) != -1);
	assert_int_equal(ftruncate(fd, PASSWORDS_MAX_BYTES + 1), 0);
	close(fd);
	assert_null(passwords_load(fx->path, &fx->d));
	assert_msg(fx, "pw: error: the password file is too large");
}

static void
bad_lines_are_errors_with_line_numbers_and_no_secret(void **state)
{
	struct fx	*fx = *state;
	char		 text[512], longpw[PASSWORD_MAX + 2];

	memset(longpw, 'L', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	snprintf(text, sizeof(text),
	    "good\tfine\n"			/* 1 */
	    "NoTabHereSecret\n"			/* 2 */
	    "empty\t\n"				/* 3 */
	    "bad id\tHiddenPw\n"		/* 4 */
	    "-dash\tAlsoHidden\n"		/* 5 */
	    "long\t%s\n", longpw);		/* 6 */
	assert_null(passwords_load(file(fx, text, -1, 0600), &fx->d));
	assert_msg(fx, "pw:2: error: expected ID<TAB>PASSWORD (no tab on this "
	    "line)");
	assert_msg(fx, "pw:3: error: empty password for 'empty'");
	assert_msg(fx, "pw:4: error: the id is not a profile id");
	assert_msg(fx, "pw:5: error: the id is not a profile id");
	assert_msg(fx, "pw:6: error: the password for 'long' is 128 bytes "
	    "long; the limit is 127");
	assert_int_equal(fx->d.count[SEV_ERROR], 5);
	assert_null(strstr(fx->d.buf, "NoTabHereSecret"));
	assert_null(strstr(fx->d.buf, "HiddenPw"));
	assert_null(strstr(fx->d.buf, "AlsoHidden"));
	assert_null(strstr(fx->d.buf, "LLLL"));
	assert_null(strstr(fx->d.buf, "fine"));
}

static void
a_password_of_the_maximum_length_is_fine(void **state)
{
	struct fx		*fx = *state;
	struct passwords	*p;
	char			 text[256], pw[PASSWORD_MAX + 1];

	memset(pw, 'M', PASSWORD_MAX);
	pw[PASSWORD_MAX] = '\0';
	snprintf(text, sizeof(text), "max\t%s\n", pw);
	assert_non_null(p = passwords_load(file(fx, text, -1, 0600), &fx->d));
	assert_string_equal(passwords_get(p, "max"), pw);
	passwords_free(p);
}

static void
a_duplicate_id_names_both_lines(void **state)
{
	struct fx	*fx = *state;

	assert_null(passwords_load(file(fx, "a\tone\n# x\nb\ttwo\na\tthree\n",
	    -1, 0600), &fx->d));
	assert_msg(fx, "pw:4: error: id 'a' is given twice (first on line 1)");
	assert_null(strstr(fx->d.buf, "three"));
}

static void
a_nul_byte_is_refused(void **state)
{
	struct fx	*fx = *state;

	assert_null(passwords_load(file(fx, "a\tb\0c\n", 6, 0600), &fx->d));
	assert_msg(fx, "pw: error: the password file holds a NUL byte");
}

static void
owner_file_gives_its_one_password(void **state)
{
	struct fx	*fx = *state;
	char		*pw;

	pw = password_load_one(file(fx, "# owner\n\nCoach Owner Pw \r\n\n# end\n",
	    -1, 0600), &fx->d);
	assert_non_null(pw);
	assert_string_equal(pw, "Coach Owner Pw ");
	password_free(pw);
	assert_int_equal(fx->d.worst, SEV_OK);
}

static void
owner_file_with_two_passwords_or_none_is_refused(void **state)
{
	struct fx	*fx = *state;

	assert_null(password_load_one(file(fx, "first\nSecondSecret\n", -1,
	    0600), &fx->d));
	assert_msg(fx, "pw:2: error: the owner password file holds one "
	    "password (first found on line 1)");
	assert_null(strstr(fx->d.buf, "SecondSecret"));
	diag_reset(&fx->d);
	assert_null(password_load_one(file(fx, "# nothing\n\n", -1, 0600),
	    &fx->d));
	assert_msg(fx, "pw: error: the owner password file holds no password");
	diag_reset(&fx->d);
	assert_null(password_load_one(file(fx, "OwnerSecret\n", -1, 0644),
	    &fx->d));
	assert_msg(fx, "has mode 0644");
	assert_null(strstr(fx->d.buf, "OwnerSecret"));
}

/* render: a file may hold its one report's password alone. */
static void
render_file_may_hold_one_password_for_any_id(void **state)
{
	struct fx		*fx = *state;
	struct passwords	*p;

	p = passwords_load_render(file(fx, "# for Ana\n\n Lone Secret 9 \r\n",
	    -1, 0600), &fx->d);
	assert_non_null(p);
	assert_string_equal(passwords_get(p, "ana-lopez"), " Lone Secret 9 ");
	assert_string_equal(passwords_get(p, "anyone"), " Lone Secret 9 ");
	passwords_free(p);
	/* lines with a tab are ID<TAB>PASSWORD, as for batch */
	p = passwords_load_render(file(fx, "ana-lopez\tTabbed\n", -1, 0600),
	    &fx->d);
	assert_non_null(p);
	assert_string_equal(passwords_get(p, "ana-lopez"), "Tabbed");
	assert_null(passwords_get(p, "anyone"));
	passwords_free(p);
	/* batch keeps its rule: a line without a tab is an error */
	assert_null(passwords_load(file(fx, "Lone Secret 9\n", -1, 0600),
	    &fx->d));
	assert_msg(fx, "expected ID<TAB>PASSWORD");
}

static void
render_file_checks_hold_for_one_password(void **state)
{
	struct fx	*fx = *state;
	char		 big[PASSWORD_MAX + 3];

	assert_null(passwords_load_render(file(fx, "Lone Secret 9\n", -1,
	    0644), &fx->d));
	assert_msg(fx, "has mode 0644");
	diag_reset(&fx->d);
	memset(big, 'x', sizeof(big) - 2);
	big[sizeof(big) - 2] = '\n';
	big[sizeof(big) - 1] = '\0';
	assert_null(passwords_load_render(file(fx, big, -1, 0600), &fx->d));
	assert_msg(fx, "pw:1: error: the password is 128 bytes long");
	assert_null(strstr(fx->d.buf, "xxxx"));
	diag_reset(&fx->d);
	/* two lines without a tab: not one password, so lines, both bad */
	assert_null(passwords_load_render(file(fx, "One\nTwo\n", -1, 0600),
	    &fx->d));
	assert_msg(fx, "pw:2: error: expected ID<TAB>PASSWORD");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(entries_are_found_by_id),
		T(many_entries_are_all_found),
		T(group_or_other_access_is_refused),
		T(only_regular_files_are_read),
		T(a_file_owned_by_another_user_is_refused),
		T(a_file_over_the_cap_is_refused_unread),
		T(bad_lines_are_errors_with_line_numbers_and_no_secret),
		T(a_password_of_the_maximum_length_is_fine),
		T(a_duplicate_id_names_both_lines),
		T(a_nul_byte_is_refused),
		T(owner_file_gives_its_one_password),
		T(owner_file_with_two_passwords_or_none_is_refused),
		T(render_file_may_hold_one_password_for_any_id),
		T(render_file_checks_hold_for_one_password),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
