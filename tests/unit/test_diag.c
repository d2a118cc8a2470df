/*
 * test_diag.c: diag(), the one way a message reaches the user: the
 * "path:line: severity: text" form, and the escaping that keeps a file
 * name or a message from forging a log line or turning the terminal
 * (C0, DEL, C1, bidi controls, bytes that are not UTF-8), in text and
 * JSON alike.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

/* The kept text of one message. */
static char *
said(enum severity sev, const char *path, int line, const char *text)
{
	struct diag	 d;
	char		*s;

	diag_init(&d, NULL);
	d.keep = 1;
	diag(&d, sev, path, line, "%s", text);
	s = strdup(d.buf != NULL ? d.buf : "");
	diag_free(&d);
	return s;
}

static void
messages_read_path_line_severity_text(void **state)
{
	char	*s;

	(void)state;
	s = said(SEV_ERROR, "in/a.xml", 42, "element 'years': 'x'");
	assert_string_equal(s, "in/a.xml:42: error: element 'years': 'x'\n");
	free(s);
	s = said(SEV_WARNING, "in/a.xml", 0, "w");
	assert_string_equal(s, "in/a.xml: warning: w\n");
	free(s);
	s = said(SEV_INFO, "out/a.pdf", 0, "removed");
	assert_string_equal(s, "out/a.pdf: removed\n");
	free(s);
	s = said(SEV_FATAL, NULL, 0, "out of memory");
	assert_string_equal(s, "reportgen: fatal: out of memory\n");
	free(s);
}

static void
a_file_name_cannot_forge_a_line_or_send_escapes(void **state)
{
	char	*s;

	(void)state;
	/* ESC [ 2 J, then a newline and a fake "ok" line */
	s = said(SEV_ERROR, "in/\x1b[2J\nfake.xml: ok\r.xml", 0, "bad");
	assert_string_equal(s,
	    "in/\\x1b[2J\\x0afake.xml: ok\\x0d.xml: error: bad\n");
	assert_null(strchr(s, '\x1b'));
	assert_ptr_equal(strchr(s, '\n'), s + strlen(s) - 1);
	free(s);
}

static void
the_message_is_escaped_too(void **state)
{
	char	*s;

	(void)state;
	s = said(SEV_WARNING, "a.xml", 3, "keyword 'x\ty\x7f' \xc2\x9b" "31m");
	assert_string_equal(s,
	    "a.xml:3: warning: keyword 'x\\x09y\\x7f' \\u009b31m\n");
	free(s);
}

static void
bidi_controls_are_escaped_other_text_is_kept(void **state)
{
	char	 out[256];

	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LRI, U+200F RLM, U+061C */
	diag_escape("a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x80\x8f"
	    "d\xd8\x9c" "e", out, sizeof(out));
	assert_string_equal(out, "a\\u202eb\\u2066c\\u200fd\\u061ce");
	/* Letters of any script stay as they are. */
	diag_escape("\xc5\x81ukasz \xce\xb1\xce\xb2 \xe4\xb8\xad", out,
	    sizeof(out));
	assert_string_equal(out, "\xc5\x81ukasz \xce\xb1\xce\xb2 \xe4\xb8\xad");
	/* Not UTF-8: a lone Latin-1 byte (0x9b is CSI on some terminals),
	 * an overlong '/', a surrogate. */
	diag_escape("x\x9b" "y\xc0\xaf" "z\xed\xa0\x80", out, sizeof(out));
	assert_string_equal(out, "x\\x9by\\xc0\\xafz\\xed\\xa0\\x80");
}

static void
escaping_never_overflows_and_cuts_on_a_boundary(void **state)
{
	char	 out[6];

	(void)state;
	memset(out, 'Z', sizeof(out));
	diag_escape("ab\x1b" "cd", out, sizeof(out));
	assert_string_equal(out, "ab");	/* "\x1b" does not fit whole */
	diag_escape("ab\xe4\xb8\xad\xe4\xb8\xad", out, sizeof(out));
	assert_string_equal(out, "ab\xe4\xb8\xad");
}

static void
json_lines_carry_a_timestamp_and_escaped_values(void **state)
{
	struct diag	 d;
	FILE		*f;
	char		 line[512];

	(void)state;
	assert_non_null(f = tmpfile());
	diag_init(&d, f);
	d.json = 1;
	diag(&d, SEV_WARNING, "in/\"q\"\x1b.xml", 7, "say \\ %s",
	    "\xe2\x80\xae");
	rewind(f);
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	/* {"time":"YYYY-MM-DDTHH:MM:SS.mmmZ",... */
	assert_int_equal(strncmp(line, "{\"time\":\"", 9), 0);
	assert_int_equal(line[9 + 10], 'T');
	assert_int_equal(line[9 + 23], 'Z');
	assert_non_null(strstr(line, "\"severity\":\"warning\",\"path\":"
	    "\"in/\\\"q\\\"\\\\x1b.xml\",\"line\":7,\"message\":"
	    "\"say \\\\ \\\\u202e\"}\n"));
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(messages_read_path_line_severity_text),
		cmocka_unit_test(a_file_name_cannot_forge_a_line_or_send_escapes),
		cmocka_unit_test(the_message_is_escaped_too),
		cmocka_unit_test(bidi_controls_are_escaped_other_text_is_kept),
		cmocka_unit_test(escaping_never_overflows_and_cuts_on_a_boundary),
		cmocka_unit_test(json_lines_carry_a_timestamp_and_escaped_values),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
