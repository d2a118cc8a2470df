/*
 * test_manifest.c: the DIR/manifest.json and manifest.journal an older
 * reportgen left are read back whole: every field, levels and plan as
 * JSON objects and arrays (format 2); a format-1 manifest (levels and
 * plan as "id=3,..." strings) gives the same entries, every item checked;
 * a corrupt or missing one gives an empty manifest (with a warning when
 * corrupt), never a failure; the journal replays over the manifest.
 *
 * reportgen no longer writes these files (the run state is in state.db),
 * so the writer below stands in for the older reportgen.
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

#include <jansson.h>

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

/* ---------------------------------------- an older reportgen, writing */

/*
 * Format 2 as reportgen wrote it until the run state moved to state.db:
 * compact JSON, keys in this order, a string key only when set, fits
 * with 17 digits (a double read back is the same double), levels as
 * {"cloud": 3}, plan as [{"dim": "cloud"}, {"area": "x"}].  Spelt out
 * here rather than taken from manifest.c's table of keys, so that a key
 * the reader misspells fails the tests.
 */
#define FORMAT	2

/* A JSON value as one compact line ending in a newline; o is released. */
static char *
json_line(json_t *o)
{
	char	*s, *line;

	assert_non_null(o);
	assert_non_null(s = json_dumps(o, JSON_COMPACT |
	    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17)));
	json_decref(o);
	assert_non_null(line = malloc(strlen(s) + 2));
	snprintf(line, strlen(s) + 2, "%s\n", s);
	free(s);
	return line;
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		assert_int_equal(json_object_set_new(o, key, json_string(s)),
		    0);
}

static json_t *
entry_json(const struct mentry *e)
{
	json_t	*o, *lv, *pl, *it;
	size_t	 i;

	assert_non_null(o = json_object());
	set_str(o, "path", e->path);
	set_str(o, "id", e->id);
	set_str(o, "status", e->status);
	set_str(o, "input_sha256", e->input_sha256);
	set_str(o, "market_sha256", e->market_sha256);
	set_str(o, "assets_sha256", e->assets_sha256);
	set_str(o, "tool", e->tool);
	set_str(o, "options", e->options);
	set_str(o, "output", e->output);
	set_str(o, "output_sha256", e->output_sha256);
	set_str(o, "output_stat", e->output_stat);
	set_str(o, "name", e->name);
	set_str(o, "recommendation", e->recommendation);
	set_str(o, "seniority", e->seniority);
	set_str(o, "date", e->date);
	set_str(o, "message", e->message);
	set_str(o, "market", e->market);
	if (e->has_fit) {
		json_object_set_new(o, "fde", json_real(e->fde));
		json_object_set_new(o, "mlops", json_real(e->mlops));
	}
	if (e->has_levels) {
		assert_non_null(lv = json_object());
		for (i = 0; i < e->nlevels; i++)
			json_object_set_new(lv, e->levels[i].dim,
			    json_integer(e->levels[i].level));
		json_object_set_new(o, "levels", lv);
	}
	if (e->has_plan) {
		assert_non_null(pl = json_array());
		for (i = 0; i < e->nplan; i++) {
			assert_non_null(it = json_object());
			json_object_set_new(it, e->plan[i].area ? "area" :
			    "dim", json_string(e->plan[i].id));
			json_array_append_new(pl, it);
		}
		json_object_set_new(o, "plan", pl);
	}
	return o;
}

/* manifest.json of m, its entries in m's order: malloc'd. */
static char *
manifest_json(const struct manifest *m)
{
	json_t	*root, *list;
	size_t	 i;

	assert_non_null(root = json_object());
	assert_non_null(list = json_array());
	json_object_set_new(root, "format", json_integer(FORMAT));
	set_str(root, "shard", m->shard);
	set_str(root, "index_sha256", m->index_sha256);
	set_str(root, "index_output_sha256", m->index_output_sha256);
	json_object_set_new(root, "profiles", list);
	for (i = 0; i < m->n; i++)
		json_array_append_new(list, entry_json(&m->v[i]));
	return json_line(root);
}

/* The journal's first line, and one entry as a line: malloc'd. */
static char *
journal_header(const char *shard)
{
	json_t	*o;

	assert_non_null(o = json_object());
	json_object_set_new(o, "journal", json_integer(FORMAT));
	set_str(o, "shard", shard);
	return json_line(o);
}

static char *
journal_line(const struct mentry *e)
{
	return json_line(entry_json(e));
}

/* ------------------------------------------------------------- tests */

static void
put(const char *text)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

/* Two entries, in the order the reader keeps them (by path), so that
 * the reader's manifest written again is the same text. */
static void
sample(struct manifest *m)
{
	struct mentry	 e;
	struct mlevel	 lv[2] = { { S("cloud"), 3 }, { S("cicd"), 0 } };
	struct mplan	 pl[2] = { { S("cloud"), 0 }, { S("end_to_end"), 1 } };

	manifest_init(m);
	memset(&e, 0, sizeof(e));
	e.path = S("inputs/amy.xml");
	e.status = S("invalid");
	e.message = S("inputs/amy.xml:3: error: bad\nsecond line");
	assert_int_equal(manifest_add(m, &e), 0);
	memset(&e, 0, sizeof(e));
	e.path = S("inputs/zed.xml");
	e.id = S("zed");
	e.status = S("ok");
	e.input_sha256 = S("aa");
	e.market_sha256 = S("bb");
	e.assets_sha256 = S("cc");
	e.tool = S("0.1.0");
	e.options = S("paper=a4");
	e.output = S("zed.pdf");
	e.output_sha256 = S("dd");
	e.output_stat = S("1234:1700000000.5:42");
	e.name = S("Zoë \"Z\" O'Brien");
	e.recommendation = S("mlops");
	e.seniority = S("senior");
	e.date = S("2026-03-01");
	e.market = S("IN");
	e.has_fit = 1;
	e.fde = 61.25;
	e.mlops = 72.5;
	e.levels = lv;
	e.nlevels = 2;
	e.plan = pl;
	e.nplan = 2;
	e.has_levels = e.has_plan = 1;
	assert_int_equal(manifest_add(m, &e), 0);
	m->shard = strdup("1/3");
	m->index_sha256 = strdup("ee");
	m->index_output_sha256 = strdup("ff");
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
	a = manifest_json(&m);
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
	assert_non_null(e = manifest_find(&back, "inputs/amy.xml"));
	assert_string_equal(e->message, "inputs/amy.xml:3: error: bad\n"
	    "second line");
	assert_false(e->has_fit);
	assert_null(manifest_find(&back, "inputs/none.xml"));
	/* every field read, none changed: written again, the same text */
	b = manifest_json(&back);
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
format_1_gives_the_entries_format_2_gives(void **state)
{
	struct manifest		 m, again;
	struct diag		 d;
	const struct mentry	*e;
	char			*out, *again_out;

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
	/* the same entries written in format 2 are read as the same */
	out = manifest_json(&m);
	assert_non_null(strstr(out, "\"format\":2"));
	put(out);
	assert_int_equal(manifest_load(&again, path, &d), 0);
	assert_int_equal(again.format, 2);
	again_out = manifest_json(&again);
	assert_string_equal(out, again_out);
	assert_int_equal(d.count[SEV_WARNING], 0);
	free(out);
	free(again_out);
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
	l1 = journal_line(&e);
	e.path = S("b.xml");
	e.id = S("b");
	l2 = journal_line(&e);
	hdr = journal_header("1/2");
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
	hdr = journal_header("2/2");
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
		cmocka_unit_test(format_1_gives_the_entries_format_2_gives),
		cmocka_unit_test(
		    journal_replays_over_the_manifest_and_ignores_a_cut_line),
		cmocka_unit_test(missing_file_gives_empty_manifest_silently),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
