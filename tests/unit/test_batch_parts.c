/*
 * test_batch_parts.c: the batch's small pure parts: RFC 4180 quoting in
 * summary.csv, the id check done before a path is built, the stable
 * shard of an id, and SHA-256 against a known vector.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "batch.h"
#include "summary.h"
#include "hash.h"

static void
csv_has_header_crlf_and_quotes_what_needs_it(void **state)
{
	struct summary_row	 r;
	char			*csv;
	size_t			 len;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.f[0] = "in/a,b.xml";
	r.f[1] = "a";
	r.f[2] = "Said \"Hi\"";
	r.f[3] = "61.2";
	r.f[9] = "line one\nline two";
	assert_non_null(csv = summary_csv(&r, 1, &len));
	assert_int_equal(len, strlen(csv));
	assert_string_equal(csv,
	    "path,id,name,fde,mlops,recommendation,seniority,status,output,"
	    "message\r\n"
	    "\"in/a,b.xml\",a,\"Said \"\"Hi\"\"\",61.2,,,,,,"
	    "\"line one\nline two\"\r\n");
	free(csv);
}

static void
ids_that_could_escape_a_directory_are_refused(void **state)
{
	char	 big[80];

	(void)state;
	assert_true(profile_id_ok("zoe-o-briain"));
	assert_true(profile_id_ok("_x9"));
	assert_false(profile_id_ok(""));
	assert_false(profile_id_ok("-rf"));
	assert_false(profile_id_ok(".hidden"));
	assert_false(profile_id_ok("../etc"));
	assert_false(profile_id_ok("a/b"));
	assert_false(profile_id_ok("caf\xc3\xa9"));
	memset(big, 'a', sizeof(big) - 1);
	big[64] = '\0';
	assert_true(profile_id_ok(big));
	big[64] = 'a';
	big[65] = '\0';
	assert_false(profile_id_ok(big));
}

static void
shards_are_stable_and_cover_every_index(void **state)
{
	char		 id[16];
	int		 seen[3] = { 0, 0, 0 }, i;
	unsigned	 s;

	(void)state;
	for (i = 0; i < 300; i++) {
		snprintf(id, sizeof(id), "p%d", i);
		s = batch_shard_of(id, 3);
		assert_true(s < 3);
		assert_int_equal(s, batch_shard_of(id, 3));
		seen[s]++;
	}
	assert_true(seen[0] > 50 && seen[1] > 50 && seen[2] > 50);
	assert_int_equal(batch_shard_of("anything", 1), 0);
}

static void
sha256_matches_the_standard_vector(void **state)
{
	unsigned char	 h[HASH_LEN];
	char		 hex[HASH_HEX_LEN];

	(void)state;
	assert_int_equal(hash_buf("abc", 3, h), 0);
	hash_hex(h, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	assert_true(hash_u64(h) == 0xba7816bf8f01cfeaULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_has_header_crlf_and_quotes_what_needs_it),
		cmocka_unit_test(ids_that_could_escape_a_directory_are_refused),
		cmocka_unit_test(shards_are_stable_and_cover_every_index),
		cmocka_unit_test(sha256_matches_the_standard_vector),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
