/*
 * test_brand.c: brand_load().  The example brand loads whole (strings,
 * accent as 0..1 floats, logo decoded); only the organisation is needed;
 * the logo is found next to the brand file, not the current directory; a
 * missing or unusable logo fails the brand with messages naming the logo
 * file and the brand file's line; the schema refuses absolute and URL
 * logo paths, bad colours and a missing organisation; the usual XML
 * defences hold.
 */
#include <sys/stat.h>

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

#include "brand.h"

#define HEAD	"<?xml version=\"1.0\"?>\n<brand xmlns=\"urn:reportgen:brand:1\">\n"

struct fx {
	char		 dir[256];
	char		 path[320];
	struct diag	 d;
	struct brand	*b;
};

static int
setup(void **state)
{
	struct fx	*fx;

	fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	tu_tmpdir(fx->dir, sizeof(fx->dir), "rgbrand");
	diag_init(&fx->d, NULL);
	fx->d.keep = 1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*fx = *state;

	brand_free(fx->b);
	tu_rmtree(fx->dir);
	diag_free(&fx->d);
	free(fx);
	return 0;
}

static const char *
write_file(struct fx *fx, const char *name, const char *text)
{
	FILE	*f;

	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, name);
	assert_non_null(f = fopen(fx->path, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return fx->path;
}

static void
assert_msg(struct fx *fx, const char *s)
{
	if (fx->d.buf == NULL || strstr(fx->d.buf, s) == NULL)
		fail_msg("expected message containing \"%s\"; got:\n%s", s,
		    fx->d.buf != NULL ? fx->d.buf : "(none)");
}

static struct brand *
load_text(struct fx *fx, const char *body)
{
	char	 text[4096];

	snprintf(text, sizeof(text), HEAD "%s</brand>\n", body);
	return brand_load(".", write_file(fx, "b.xml", text), &fx->d, NULL);
}

/* ------------------------------------------------------------- tests */

static void
example_brand_loads_whole(void **state)
{
	struct fx	*fx = *state;
	struct brand	*b;

	fx->b = b = brand_load(".", "data/brand-example.xml", &fx->d, NULL);
	if (b == NULL)
		fail_msg("%s", fx->d.buf);
	assert_string_equal(b->org, "Harbour Lane Career Studio");
	assert_string_equal(b->coach, "Priya Raman");
	assert_string_equal(b->email, "priya.raman@example.org");
	assert_string_equal(b->phone, "+44 20 7946 0321");
	assert_string_equal(b->url, "https://careers.example.org");
	assert_string_equal(b->footer,
	    "Confidential: prepared for the named candidate only.");
	assert_true(b->has_accent);
	assert_float_equal(b->accent[0], 0x1F / 255.0, 1e-6);
	assert_float_equal(b->accent[1], 0x6F / 255.0, 1e-6);
	assert_float_equal(b->accent[2], 0xB2 / 255.0, 1e-6);
	assert_string_equal(b->logo_path, "data/logo-example.png");
	assert_int_equal(b->logo.kind, IMAGE_RGB);
	assert_int_equal(b->logo.width, 96);
	assert_int_equal(b->logo.height, 96);
	assert_non_null(b->logo.data);
	assert_int_equal(fx->d.worst, SEV_OK);
}

static void
only_the_organisation_is_required(void **state)
{
	struct fx	*fx = *state;
	struct brand	*b;

	fx->b = b = load_text(fx, "<organisation>Solo Coach</organisation>\n");
	if (b == NULL)
		fail_msg("%s", fx->d.buf);
	assert_string_equal(b->org, "Solo Coach");
	assert_null(b->coach);
	assert_null(b->email);
	assert_null(b->footer);
	assert_false(b->has_accent);
	assert_null(b->logo_path);
	assert_null(b->logo.data);
}

static void
logo_is_found_next_to_the_brand_file(void **state)
{
	struct fx	*fx = *state;
	char		 cmd[1024], want[400];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/brand/img' && cp "
	    "data/logo-example.png '%s/brand/img/mark.png'", fx->dir, fx->dir);
	assert_int_equal(system(cmd), 0);
	write_file(fx, "brand/b.xml", HEAD "<organisation>O</organisation>"
	    "<logo>img/mark.png</logo></brand>\n");
	fx->b = brand_load(".", fx->path, &fx->d, NULL);
	if (fx->b == NULL)
		fail_msg("%s", fx->d.buf);
	snprintf(want, sizeof(want), "%s/brand/img/mark.png", fx->dir);
	assert_string_equal(fx->b->logo_path, want);
	assert_int_equal(fx->b->logo.width, 96);
}

static void
missing_logo_fails_the_brand_naming_both_files(void **state)
{
	struct fx	*fx = *state;
	char		 want[1024];

	assert_null(load_text(fx, "<organisation>O</organisation>\n"
	    "<logo>nologo.png</logo>\n"));
	snprintf(want, sizeof(want), "%s/nologo.png: error: cannot read the "
	    "image: No such file or directory", fx->dir);
	assert_msg(fx, want);
	snprintf(want, sizeof(want), "%s/b.xml:4: error: the logo '%s/"
	    "nologo.png' cannot be used", fx->dir, fx->dir);
	assert_msg(fx, want);
	assert_int_equal(fx->d.worst, SEV_ERROR);
}

static void
unusable_logo_fails_the_brand(void **state)
{
	struct fx	*fx = *state;
	char		 want[1024];

	write_file(fx, "fake.png", "<svg>not a raster image</svg>\n");
	assert_null(load_text(fx, "<organisation>O</organisation>\n"
	    "<logo>fake.png</logo>\n"));
	snprintf(want, sizeof(want), "%s/fake.png: error: not a PNG or JPEG "
	    "image", fx->dir);
	assert_msg(fx, want);
	assert_msg(fx, "cannot be used (see above)");
}

static void
schema_refuses_absolute_and_url_logos_and_bad_colours(void **state)
{
	struct fx	*fx = *state;

	assert_null(load_text(fx, "<organisation>O</organisation>\n"
	    "<logo>/etc/logo.png</logo>\n"));
	assert_msg(fx, "b.xml:4: error: element 'logo': [facet 'pattern'] The "
	    "value '/etc/logo.png' is not accepted");
	diag_reset(&fx->d);
	assert_null(load_text(fx, "<organisation>O</organisation>\n"
	    "<logo>https://example.org/l.png</logo>\n"));
	assert_msg(fx, "b.xml:4: error: element 'logo': [facet 'pattern']");
	diag_reset(&fx->d);
	assert_null(load_text(fx, "<organisation>O</organisation>\n"
	    "<accent>teal</accent>\n"));
	assert_msg(fx, "b.xml:4: error: element 'accent': [facet 'pattern'] "
	    "The value 'teal' is not accepted");
	/* Our namespace is not shown in messages. */
	assert_null(strstr(fx->d.buf, "urn:reportgen:brand:1"));
}

static void
organisation_is_required(void **state)
{
	struct fx	*fx = *state;

	assert_null(load_text(fx, "<coach><name>C</name></coach>\n"));
	assert_msg(fx, "b.xml:3: error: element 'coach': This element is not "
	    "expected. Expected is ( organisation )");
}

static void
wrong_root_doctype_and_missing_file_are_refused(void **state)
{
	struct fx	*fx = *state;
	int		 unreadable = 0;

	assert_null(brand_load(".", write_file(fx, "p.xml", "<profile xmlns="
	    "\"urn:reportgen:candidate:1\"/>\n"), &fx->d, NULL));
	assert_msg(fx, "p.xml:1: error: root element must be 'brand' in "
	    "namespace urn:reportgen:brand:1 (found 'profile' in namespace "
	    "urn:reportgen:candidate:1)");
	diag_reset(&fx->d);
	assert_null(brand_load(".", write_file(fx, "d.xml", "<!DOCTYPE brand "
	    "[<!ENTITY x \"y\">]>\n<brand xmlns=\"urn:reportgen:brand:1\">"
	    "<organisation>&x;</organisation></brand>\n"), &fx->d, NULL));
	assert_msg(fx, "d.xml:1: error: DOCTYPE is not allowed");
	diag_reset(&fx->d);
	assert_null(brand_load(".", "data/no-such-brand.xml", &fx->d,
	    &unreadable));
	assert_true(unreadable);
	assert_msg(fx, "data/no-such-brand.xml: error: cannot read");
}

static void
missing_schema_is_an_error(void **state)
{
	struct fx	*fx = *state;

	assert_null(brand_load(fx->dir, "data/brand-example.xml", &fx->d,
	    NULL));
	assert_msg(fx, "/schemas/brand.xsd: error: cannot read");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(example_brand_loads_whole),
		T(only_the_organisation_is_required),
		T(logo_is_found_next_to_the_brand_file),
		T(missing_logo_fails_the_brand_naming_both_files),
		T(unusable_logo_fails_the_brand),
		T(schema_refuses_absolute_and_url_logos_and_bad_colours),
		T(organisation_is_required),
		T(wrong_root_doctype_and_missing_file_are_refused),
		T(missing_schema_is_an_error),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
