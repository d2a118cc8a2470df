/*
 * test_manifest.c: DIR/manifest.json survives a round trip byte for byte,
 * levels and plan as JSON objects and arrays (format 2); a format-1
 * manifest (levels and plan as "id=3,..." strings) is read once, every
 * item checked; a corrupt or missing one gives an empty manifest (with a
 * warning when corrupt), never a failure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "manifest.h"

/* Literal into the entry's char * (the manifest copies it). */
#define S(x)	((char *)(uintptr_t)(x))

static char	 dir[] = "/tmp/test_manifest.XXXXXX";
static char	 path[256];

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	return 0;
}

static void
put(const char *text)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void
sample(struct manifest *m)
{
	struct mentry	 e;
	struct mlevel	 lv[2] = { { S("cloud"), 3 }, { S("cicd"), 0 } };
	struct mplan	 pl[2] = { { S("cloud"), 0 }, { S("end_to_end"), 1 } };

	manifest_init(m);
	memset(&e, 0, sizeof(e));
	e.path = S("inputs/zed.xml");
	e.id = S("zed");
	e.status = S("ok");
	e.input_sha256 = S("aa");
	e.output = S("zed.pdf");
	e.name = S("Zoë \"Z\" O'Brien");
	e.recommendation = S("mlops");
	e.date = S("2026-03-01");
	e.has_fit = 1;
	e.fde = 61.25;
	e.mlops = 72.5;
	e.levels = lv;
	e.nlevels = 2;
	e.plan = pl;
	e.nplan = 2;
	e.has_levels = e.has_plan = 1;
	assert_int_equal(manifest_add(m, &e), 0);
	memset(&e, 0, sizeof(e));
	e.path = S("inputs/amy.xml");
	e.status = S("invalid");
	e.message = S("inputs/amy.xml:3: error: bad\nsecond line");
	assert_int_equal(manifest_add(m, &e), 0);
	m->shard = strdup("1/3");
}

static void
round_trip_keeps_every_field(void **state)
{
	struct manifest		 m, back;
	struct diag		 d;
	const struct mentry	*e;
	char			*a, *b;

	(void)state;
	sample(&m);
	assert_non_null(a = manifest_dump(&m));
	put(a);
	diag_init(&d, NULL);
	assert_int_equal(manifest_load(&back, path, &d), 0);
	assert_int_equal(d.count[SEV_WARNING], 0);
	assert_int_equal(back.n, 2);
	assert_string_equal(back.shard, "1/3");
	assert_non_null(e = manifest_find(&back, "inputs/zed.xml"));
	assert_string_equal(e->name, "Zoë \"Z\" O'Brien");
	assert_true(e->has_fit);
	assert_true(e->fde == 61.25 && e->mlops == 72.5);
	assert_null(e->message);
	assert_true(e->has_levels && e->has_plan);
	assert_int_equal(e->nlevels, 2);
	assert_string_equal(e->levels[0].dim, "cloud");
	assert_int_equal(e->levels[0].level, 3);
	assert_int_equal(e->levels[1].level, 0);
	assert_int_equal(e->nplan, 2);
	assert_string_equal(e->plan[1].id, "end_to_end");
	assert_true(e->plan[1].area && !e->plan[0].area);
	assert_non_null(strstr(a, "\"levels\":{\"cloud\":3,\"cicd\":0},"
	    "\"plan\":[{\"dim\":\"cloud\"},{\"area\":\"end_to_end\"}]"));
	assert_true(manifest_equal(&m, &back));
	assert_non_null(e = manifest_find(&back, "inputs/amy.xml"));
	assert_string_equal(e->message, "inputs/amy.xml:3: error: bad\n"
	    "second line");
	assert_false(e->has_fit);
	assert_null(manifest_find(&back, "inputs/none.xml"));
	/* Unchanged content, unchanged bytes: the batch relies on this to
	 * leave the file alone. */
	assert_non_null(b = manifest_dump(&back));
	assert_string_equal(a, b);
	free(a);
	free(b);
	manifest_free(&m);
	manifest_free(&back);
	diag_free(&d);
}

static void
corrupt_json_gives_empty_manifest_and_warning(void **state)
{
	struct manifest	 m;
	struct diag	 d;

	(void)state;
	put("{\"format\": 1, \"profiles\": [ {\"path\": \"x\"");
	diag_init(&d, NULL);
	assert_int_equal(manifest_load(&m, path, &d), -1);
	assert_int_equal(m.n, 0);
	assert_int_equal(d.count[SEV_WARNING], 1);
	manifest_free(&m);
	diag_free(&d);
}

static void
wrong_shape_gives_empty_manifest_and_warning(void **state)
{
	static const char *const bad[] = {
		"[]",
		"{\"format\": 3, \"profiles\": []}",
		/* levels out of range, of the wrong type; a bad plan item */
		"{\"format\": 2, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\", \"levels\": {\"cloud\": 12}} ]}",
		"{\"format\": 2, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\", \"levels\": \"cloud=3\"} ]}",
		"{\"format\": 2, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\", \"plan\": [{\"x\": \"y\"}]} ]}",
		/* format 1 strings that atoi would have taken */
		"{\"format\": 1, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\", \"levels\": \"cloud=3x\"} ]}",
		"{\"format\": 1, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\", \"levels\": \"cloud=\"} ]}",
		"{\"format\": 1, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\", \"plan\": \"dim:a,what:b\"} ]}",
		"{\"format\": 1, \"profiles\": [ {\"path\": 3, "
		    "\"status\": \"ok\"} ]}",
		"{\"format\": 1, \"profiles\": [ {\"status\": \"ok\"} ]}",
		"{\"format\": 1, \"profiles\": [ {\"path\": \"a\", "
		    "\"status\": \"ok\"}, {\"path\": \"a\", "
		    "\"status\": \"ok\"} ]}",
	};
	struct manifest	 m;
	struct diag	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put(bad[i]);
		diag_init(&d, NULL);
		assert_int_equal(manifest_load(&m, path, &d), -1);
		assert_int_equal(m.n, 0);
		assert_int_equal(d.count[SEV_WARNING], 1);
		manifest_free(&m);
		diag_free(&d);
	}
}

static void
format_1_is_read_once_and_written_as_format_2(void **state)
{
	struct manifest		 m, again;
	struct diag		 d;
	const struct mentry	*e;
	char			*out;

	(void)state;
	put("{\"format\": 1, \"profiles\": [ {\"path\": \"a.xml\", "
	    "\"status\": \"ok\", \"fde\": 50.5, \"mlops\": 40, "
	    "\"levels\": \"cloud=3,cicd=0\", "
	    "\"plan\": \"dim:cloud,area:end_to_end\"}, "
	    "{\"path\": \"b.xml\", \"status\": \"ok\", \"levels\": \"\", "
	    "\"plan\": \"\"} ]}");
	diag_init(&d, NULL);
	assert_int_equal(manifest_load(&m, path, &d), 0);
	assert_int_equal(m.format, 1);
	assert_non_null(e = manifest_find(&m, "a.xml"));
	assert_int_equal(e->nlevels, 2);
	assert_string_equal(e->levels[1].dim, "cicd");
	assert_int_equal(e->levels[0].level, 3);
	assert_int_equal(e->nplan, 2);
	assert_true(e->plan[1].area);
	assert_string_equal(e->plan[1].id, "end_to_end");
	assert_non_null(e = manifest_find(&m, "b.xml"));
	assert_true(e->has_levels && e->nlevels == 0 && e->nplan == 0);
	/* the same entries, but in the old form: written again */
	assert_non_null(out = manifest_dump(&m));
	assert_non_null(strstr(out, "\"format\":2"));
	put(out);
	assert_int_equal(manifest_load(&again, path, &d), 0);
	assert_int_equal(again.format, 2);
	assert_true(manifest_equal(&m, &again));
	assert_false(manifest_equal(&again, &m));	/* m is format 1 */
	assert_int_equal(d.count[SEV_WARNING], 0);
	free(out);
	manifest_free(&m);
	manifest_free(&again);
	diag_free(&d);
}

static void
journal_replays_over_the_manifest_and_ignores_a_cut_line(void **state)
{
	struct manifest		 m;
	struct mentry		 e;
	struct diag		 d;
	const struct mentry	*f;
	char			 jpath[300], *hdr, *l1, *l2;
	FILE			*j;

	(void)state;
	snprintf(jpath, sizeof(jpath), "%s/manifest.journal", dir);
	put("{\"format\": 2, \"shard\": \"1/2\", \"profiles\": ["
	    "{\"path\": \"a.xml\", \"status\": \"invalid\"}]}");
	memset(&e, 0, sizeof(e));
	e.path = S("a.xml");
	e.status = S("ok");
	e.id = S("a");
	assert_non_null(l1 = mentry_line(&e));
	e.path = S("b.xml");
	e.id = S("b");
	assert_non_null(l2 = mentry_line(&e));
	assert_non_null(hdr = manifest_journal_header("1/2"));
	assert_non_null(j = fopen(jpath, "w"));
	/* a.xml now ok, b.xml new, and a line cut short by a kill */
	fprintf(j, "%s%s%s{\"path\": \"c.x", hdr, l1, l2);
	fclose(j);
	diag_init(&d, NULL);
	assert_int_equal(manifest_load(&m, path, &d), 0);
	assert_int_equal(manifest_replay(&m, jpath, &d), 2);
	assert_int_equal(d.count[SEV_WARNING], 0);
	assert_int_equal(m.n, 2);
	assert_non_null(f = manifest_find(&m, "a.xml"));
	assert_string_equal(f->status, "ok");
	assert_non_null(manifest_find(&m, "b.xml"));
	assert_null(manifest_find(&m, "c.xml"));
	assert_int_not_equal(m.format, 2);	/* to be written again */
	manifest_free(&m);
	free(hdr);

	/* made for another shard: not used, and said */
	assert_non_null(hdr = manifest_journal_header("2/2"));
	assert_non_null(j = fopen(jpath, "w"));
	fprintf(j, "%s%s", hdr, l1);
	fclose(j);
	assert_int_equal(manifest_load(&m, path, &d), 0);
	assert_int_equal(manifest_replay(&m, jpath, &d), 0);
	assert_int_equal(d.count[SEV_WARNING], 1);
	assert_string_equal(manifest_find(&m, "a.xml")->status, "invalid");
	manifest_free(&m);
	unlink(jpath);
	free(hdr);
	free(l1);
	free(l2);
	diag_free(&d);
}

static void
missing_file_gives_empty_manifest_silently(void **state)
{
	struct manifest	 m;
	struct diag	 d;

	(void)state;
	unlink(path);
	diag_init(&d, NULL);
	assert_int_equal(manifest_load(&m, path, &d), 0);
	assert_int_equal(m.n, 0);
	assert_int_equal(d.worst, SEV_OK);
	manifest_free(&m);
	diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_keeps_every_field),
		cmocka_unit_test(corrupt_json_gives_empty_manifest_and_warning),
		cmocka_unit_test(wrong_shape_gives_empty_manifest_and_warning),
		cmocka_unit_test(
		    format_1_is_read_once_and_written_as_format_2),
		cmocka_unit_test(
		    journal_replays_over_the_manifest_and_ignores_a_cut_line),
		cmocka_unit_test(missing_file_gives_empty_manifest_silently),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
