/*
 * test_load.c: the loader (load.h): what a valid profile becomes, what is
 * refused and with which line, and the market data's checks.  Reads
 * schemas/ and data/market.xml relative to the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"

static struct loader	*L;
static struct diag	 D;

static const char head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<profile xmlns=\"urn:reportgen:candidate:1\" version=\"1\">\n";

/* A profile around the given positions (from line 12) and skills (from
 * line 27 after two_positions). */
static char *
make(const char *positions, const char *skills)
{
	static char	 buf[64 * 1024];

	snprintf(buf, sizeof(buf), "%s"
	    "  <identity id=\"zoe-unal\">\n"			/* 3 */
	    "    <name>Zo\xc3\xab \xc3\x9cnal</name>\n"		/* 4 */
	    "    <country>TR</country>\n"
	    "    <market>IN</market>\n"
	    "  </identity>\n"
	    "  <experience production-years=\"6.5\">\n"		/* 8 */
	    "    <current-title>Platform Engineer</current-title>\n"
	    "    <role-family>devops</role-family>\n"		/* 10 */
	    "    <positions>\n"					/* 11 */
	    "%s"
	    "    </positions>\n"
	    "  </experience>\n"
	    "  <skills>\n%s  </skills>\n"
	    "  <goals target=\"mlops\" hours-per-week=\"8\"/>\n"
	    "</profile>\n", head, positions, skills);
	return buf;
}

static const char two_positions[] =
    "      <position customer-facing=\"true\">\n"		/* 12 */
    "        <title>SRE</title>\n"
    "        <organisation>Acme</organisation>\n"
    "        <start>2018-02</start>\n"
    "        <end>2021-06</end>\n"				/* 16 */
    "        <owned deployments=\"12\" on-call=\"true\"/>\n"
    "      </position>\n"
    "      <position>\n"					/* 19 */
    "        <title>Platform Engineer</title>\n"
    "        <organisation>Acme</organisation>\n"
    "        <start>2021-07</start>\n"
    "      </position>\n";

static const char some_skills[] =
    "    <skill dimension=\"containers\" level=\"4\" years=\"3\"/>\n"
    "    <skill dimension=\"cloud\" level=\"2\"/>\n"
    "    <keyword>k8s</keyword>\n";

static struct profile *
load(const char *xml)
{
	diag_reset(&D);
	return profile_load_mem(L, "t.xml", xml, strlen(xml), &D);
}

static int
setup(void **state)
{
	(void)state;
	diag_init(&D, NULL);
	D.keep = 1;
	L = loader_new(".", NULL, &D);
	if (L == NULL)
		fprintf(stderr, "loader_new: %s\n", D.buf ? D.buf : "");
	return L == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	loader_free(L);
	diag_free(&D);
	return 0;
}

static void
valid_profile_fills_every_field(void **state)
{
	const struct market	*m = loader_market(L);
	struct profile		*p;

	(void)state;
	p = load(make(two_positions, some_skills));
	assert_non_null(p);
	assert_int_equal(D.worst, SEV_OK);
	assert_string_equal(p->id, "zoe-unal");
	assert_string_equal(p->name, "Zo\xc3\xab \xc3\x9cnal");
	assert_string_equal(p->country, "TR");
	assert_int_equal(p->market, MKT_IN);
	assert_true(p->production_years == 6.5);
	assert_int_equal(p->family, FAM_DEVOPS);
	assert_int_equal(p->target, TARGET_MLOPS);
	assert_int_equal(p->npositions, 2);
	assert_int_equal(p->positions[0].start.year, 2018);
	assert_int_equal(p->positions[0].end.month, 6);
	assert_true(p->positions[0].customer_facing);
	assert_true(p->positions[0].on_call);
	assert_int_equal(p->positions[0].deployments, 12);
	assert_int_equal(p->positions[0].line, 12);
	assert_false(p->positions[0].current);
	assert_true(p->positions[1].current);
	assert_int_equal(p->nskills, 2);
	assert_string_equal(m->dims[p->skills[0].dim].id, "containers");
	assert_int_equal(p->skills[0].level, 4);
	assert_int_equal(p->nkeywords, 1);
	assert_string_equal(m->dims[p->keywords[0].dim].id, "containers");
	assert_null(p->email);
	profile_free(p);
}

static void
doctype_is_refused_before_any_entity(void **state)
{
	static const char xml[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE profile [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
	    "<profile xmlns=\"urn:reportgen:candidate:1\">&x;</profile>\n";

	(void)state;
	assert_null(load(xml));
	assert_non_null(strstr(D.buf, "t.xml:2: error: DOCTYPE is not allowed"));
	assert_null(strstr(D.buf, "root:"));
	assert_int_equal(D.count[SEV_ERROR], 1);
}

static void
oversize_buffer_is_refused(void **state)
{
	char	*big;

	(void)state;
	big = malloc(PROFILE_MAX_BYTES + 1);
	assert_non_null(big);
	memset(big, ' ', PROFILE_MAX_BYTES + 1);
	diag_reset(&D);
	assert_null(profile_load_mem(L, "t.xml", big, PROFILE_MAX_BYTES + 1,
	    &D));
	free(big);
	assert_non_null(strstr(D.buf, "t.xml: error: file is too large"));
}

static void
oversize_file_is_refused_without_reading(void **state)
{
	char	 path[] = "/tmp/rg-test-load.XXXXXX";
	int	 fd, unreadable = 0;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	/* Sparse: the size says 2 MB, no data needs reading. */
	assert_int_equal(ftruncate(fd, 2 * 1024 * 1024), 0);
	close(fd);
	diag_reset(&D);
	assert_null(profile_load(L, path, &D, &unreadable));
	unlink(path);
	assert_int_equal(unreadable, 0);
	assert_non_null(strstr(D.buf, "file is too large: 2097152 bytes"));
}

static void
missing_file_is_unreadable(void **state)
{
	int	 unreadable = 0;

	(void)state;
	diag_reset(&D);
	assert_null(profile_load(L, "/nonexistent/x.xml", &D, &unreadable));
	assert_int_equal(unreadable, 1);
	assert_non_null(strstr(D.buf, "cannot read: No such file"));
}

static void
unknown_keyword_warns_and_stays_valid(void **state)
{
	struct profile	*p;

	(void)state;
	p = load(make(two_positions,
	    "    <keyword>Underwater basket weaving</keyword>\n"));
	assert_non_null(p);
	assert_int_equal(D.worst, SEV_WARNING);
	assert_non_null(strstr(D.buf, "t.xml:27: warning: keyword "
	    "'Underwater basket weaving' is not known"));
	assert_int_equal(p->keywords[0].dim, -1);
	profile_free(p);
}

static void
end_before_start_is_an_error_on_the_end_line(void **state)
{
	static const char backwards[] =
	    "      <position>\n"					/* 12 */
	    "        <title>SRE</title>\n"
	    "        <organisation>Acme</organisation>\n"
	    "        <start>2021-03</start>\n"
	    "        <end>2020-11</end>\n"				/* 16 */
	    "      </position>\n";

	(void)state;
	assert_null(load(make(backwards, some_skills)));
	assert_non_null(strstr(D.buf, "t.xml:16: error: position 'SRE' ends "
	    "(2020-11) before it starts (2021-03)"));
}

static void
schema_error_names_element_without_namespace(void **state)
{
	(void)state;
	assert_null(load(make(two_positions,
	    "    <skill dimension=\"cloud\" level=\"6\"/>\n")));
	assert_non_null(strstr(D.buf, "t.xml:27: error: skill level of "
	    "'cloud' must be 0-5: 0 None,"));
	assert_null(strstr(D.buf, "{urn:"));
}

static void
personal_values_are_redacted_in_messages(void **state)
{
	char	 doc[64 * 1024], *at;

	(void)state;
	/* A name with a trailing space breaks the schema's pattern: the
	 * message must say where and why, never what the name is. */
	snprintf(doc, sizeof(doc), "%s", make(two_positions, ""));
	at = strstr(doc, "<name>");
	assert_non_null(at);
	memcpy(at + 6, "Secret XY ", 10);	/* over the 10 bytes of "Zoë Ünal" */
	assert_null(load(doc));
	assert_non_null(strstr(D.buf, "t.xml:4: error: name must be"));
	assert_non_null(strstr(D.buf, "<redacted>"));
	assert_null(strstr(D.buf, "Secret"));
}

static void
more_than_64_attributes_are_refused_before_parsing(void **state)
{
	char	 pos[8 * 1024], *o = pos;
	int	 i;

	(void)state;
	o += sprintf(o, "      <position a0=\"0\"");
	for (i = 1; i < 70; i++)
		o += sprintf(o, " a%d=\"%d\"", i, i);
	sprintf(o, ">\n        <title>T</title>\n"
	    "        <organisation>O</organisation>\n"
	    "        <start>2020-01</start>\n      </position>\n");
	assert_null(load(make(pos, "")));
	assert_non_null(strstr(D.buf, "t.xml:12: error: element 'position' "
	    "has more than 64 attributes"));
}

static void
unknown_dimension_lists_the_known_ones(void **state)
{
	(void)state;
	assert_null(load(make(two_positions,
	    "    <skill dimension=\"quantum\" level=\"2\"/>\n")));
	assert_non_null(strstr(D.buf, "t.xml:27: error: skill dimension "
	    "'quantum' is not one of: python_apis, cloud,"));
}

static void
messages_are_capped_per_file(void **state)
{
	struct profile	*p;
	char		 kw[64 * 40], *o = kw;
	int		 i;

	(void)state;
	for (i = 0; i < 40; i++)
		o += sprintf(o, "    <keyword>zz%d</keyword>\n", i);
	p = load(make(two_positions, kw));
	assert_non_null(p);
	profile_free(p);
	assert_int_equal(D.count[SEV_WARNING], 40);
	assert_non_null(strstr(D.buf, "t.xml: warning: 20 more messages "
	    "not shown"));
}

static void
market_has_eight_dimensions_and_weights(void **state)
{
	const struct market	*m = loader_market(L);
	double			 w[ROLE__N] = { 0, 0 };
	int			 i, r;

	(void)state;
	assert_int_equal(m->ndims, 8);
	assert_string_equal(m->dims[0].id, "python_apis");
	assert_true(m->w_skills + m->w_experience + m->w_preference == 100);
	for (i = 0; i < m->ndims; i++)
		for (r = 0; r < ROLE__N; r++)
			w[r] += m->dims[i].req[r].weight;
	assert_true(w[ROLE_FDE] > 0 && w[ROLE_MLOPS] > 0);
	assert_int_equal(m->nstatements, 8);
	for (i = 0; i < m->ndims; i++)
		assert_true(m->dim_actions[i].nactions > 0);
}

static void
keyword_match_ignores_case_and_spaces(void **state)
{
	const struct market	*m = loader_market(L);
	int			 c;

	(void)state;
	c = market_match_keyword(m, "k8s");
	assert_true(c >= 0);
	assert_string_equal(m->dims[c].id, "containers");
	assert_int_equal(market_match_keyword(m, "  K8S "), c);
	assert_int_equal(market_match_keyword(m, "CONTAINERS"), c);
	assert_int_equal(market_match_keyword(m, "docker / kubernetes"), c);
	assert_int_equal(market_match_keyword(m, "k8"), -1);
	assert_int_equal(market_match_keyword(m, ""), -1);
}

/* data/market.xml with one substitution, loaded from memory. */
static struct market *
market_with(const char *from, const char *to)
{
	FILE		*f;
	char		*buf, *out, *at;
	long		 n;
	struct market	*m;

	f = fopen("data/market.xml", "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, n + 1);
	out = calloc(1, n + strlen(to) + 1);
	assert_true(fread(buf, 1, n, f) == (size_t)n);
	fclose(f);
	at = strstr(buf, from);
	assert_non_null(at);
	memcpy(out, buf, at - buf);
	strcat(out, to);
	strcat(out, at + strlen(from));
	diag_reset(&D);
	m = market_load_mem("schemas/market.xsd", "m.xml", out, strlen(out),
	    &D);
	free(buf);
	free(out);
	return m;
}

static void
market_components_must_sum_to_100(void **state)
{
	(void)state;
	assert_null(market_with("<components skills=\"70\"",
	    "<components skills=\"71\""));
	assert_non_null(strstr(D.buf, "error: component weights sum to 101, "
	    "not 100"));
}

static void
market_band_currency_must_match_market(void **state)
{
	(void)state;
	assert_null(market_with("currency=\"INR\"", "currency=\"USD\""));
	assert_non_null(strstr(D.buf, "error: currency USD does not match "
	    "market IN (expected INR)"));
}

static void
market_doctype_is_refused_too(void **state)
{
	(void)state;
	assert_null(market_with("<market ", "<!DOCTYPE market>\n<market "));
	assert_non_null(strstr(D.buf, "DOCTYPE is not allowed"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_profile_fills_every_field),
		cmocka_unit_test(doctype_is_refused_before_any_entity),
		cmocka_unit_test(oversize_buffer_is_refused),
		cmocka_unit_test(oversize_file_is_refused_without_reading),
		cmocka_unit_test(missing_file_is_unreadable),
		cmocka_unit_test(unknown_keyword_warns_and_stays_valid),
		cmocka_unit_test(end_before_start_is_an_error_on_the_end_line),
		cmocka_unit_test(schema_error_names_element_without_namespace),
		cmocka_unit_test(personal_values_are_redacted_in_messages),
		cmocka_unit_test(more_than_64_attributes_are_refused_before_parsing),
		cmocka_unit_test(unknown_dimension_lists_the_known_ones),
		cmocka_unit_test(messages_are_capped_per_file),
		cmocka_unit_test(market_has_eight_dimensions_and_weights),
		cmocka_unit_test(keyword_match_ignores_case_and_spaces),
		cmocka_unit_test(market_components_must_sum_to_100),
		cmocka_unit_test(market_band_currency_must_match_market),
		cmocka_unit_test(market_doctype_is_refused_too),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
