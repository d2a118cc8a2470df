/*
 * test_fmt.c: money, percentages, years and dates as the report prints
 * them (fmt.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"

static char	 buf[128];

static void
usd_thousands_on_both_ends(void **state)
{
	(void)state;
	fmt_range(buf, sizeof(buf), CUR_USD, 160000, 220000, 0);
	assert_string_equal(buf, "$160K\xe2\x80\x93$220K");
}

static void
usd_open_ended_with_maximum(void **state)
{
	(void)state;
	fmt_range(buf, sizeof(buf), CUR_USD, 220000, 300000, 1);
	assert_string_equal(buf, "$220K\xe2\x80\x93$300K+");
}

static void
usd_open_ended_without_maximum(void **state)
{
	(void)state;
	fmt_range(buf, sizeof(buf), CUR_USD, 300000, 0, 1);
	assert_string_equal(buf, "$300K+");
}

static void
usd_single_figure_when_min_equals_max(void **state)
{
	(void)state;
	fmt_range(buf, sizeof(buf), CUR_USD, 156000, 156000, 0);
	assert_string_equal(buf, "$156K");
}

static void
usd_fractions_and_millions(void **state)
{
	(void)state;
	fmt_money(buf, sizeof(buf), CUR_USD, 87500);
	assert_string_equal(buf, "$87.5K");
	fmt_money(buf, sizeof(buf), CUR_USD, 1250000);
	assert_string_equal(buf, "$1.25M");
	fmt_money(buf, sizeof(buf), CUR_USD, 999960);
	assert_string_equal(buf, "$1M");
	fmt_money(buf, sizeof(buf), CUR_USD, 950);
	assert_string_equal(buf, "$950");
}

static void
inr_lakh_unit_once(void **state)
{
	(void)state;
	fmt_range(buf, sizeof(buf), CUR_INR, 1200000, 3000000, 0);
	assert_string_equal(buf, "\xe2\x82\xb9" "12\xe2\x80\x93" "30L");
	fmt_range(buf, sizeof(buf), CUR_INR, 2500000, 6000000, 1);
	assert_string_equal(buf, "\xe2\x82\xb9" "25\xe2\x80\x93" "60L+");
}

static void
inr_open_ended_floor(void **state)
{
	(void)state;
	fmt_range(buf, sizeof(buf), CUR_INR, 2500000, 0, 1);
	assert_string_equal(buf, "\xe2\x82\xb9" "25L+");
}

static void
inr_crore_and_mixed_units(void **state)
{
	(void)state;
	fmt_money(buf, sizeof(buf), CUR_INR, 12000000);
	assert_string_equal(buf, "\xe2\x82\xb9" "1.2Cr");
	fmt_money(buf, sizeof(buf), CUR_INR, 9999000);
	assert_string_equal(buf, "\xe2\x82\xb9" "1Cr");
	fmt_range(buf, sizeof(buf), CUR_INR, 6000000, 12000000, 0);
	assert_string_equal(buf,
	    "\xe2\x82\xb9" "60L\xe2\x80\x93\xe2\x82\xb9" "1.2Cr");
	fmt_money(buf, sizeof(buf), CUR_INR, 1250000);
	assert_string_equal(buf, "\xe2\x82\xb9" "12.5L");
}

static void
inr_below_a_lakh_is_grouped(void **state)
{
	(void)state;
	fmt_money(buf, sizeof(buf), CUR_INR, 85000);
	assert_string_equal(buf, "\xe2\x82\xb9" "85,000");
	fmt_money(buf, sizeof(buf), CUR_INR, 999);
	assert_string_equal(buf, "\xe2\x82\xb9" "999");
}

static void
changes_carry_a_sign(void **state)
{
	(void)state;
	fmt_change(buf, sizeof(buf), CUR_USD, 20000);
	assert_string_equal(buf, "+$20K");
	fmt_change(buf, sizeof(buf), CUR_INR, -350000);
	assert_string_equal(buf, "\xe2\x88\x92\xe2\x82\xb9" "3.5L");
	fmt_change(buf, sizeof(buf), CUR_USD, 0);
	assert_string_equal(buf, "$0");
}

/* Two decimals in the big units where one would change the figure. */
static void
crore_keeps_two_decimals(void **state)
{
	(void)state;
	fmt_money(buf, sizeof(buf), CUR_INR, 10500000);
	assert_string_equal(buf, "\xe2\x82\xb9" "1.05Cr");
	fmt_money(buf, sizeof(buf), CUR_INR, 10000000);
	assert_string_equal(buf, "\xe2\x82\xb9" "1Cr");
	fmt_money(buf, sizeof(buf), CUR_INR, 12340000);
	assert_string_equal(buf, "\xe2\x82\xb9" "1.23Cr");
	fmt_range(buf, sizeof(buf), CUR_INR, 6000000, 10500000, 0);
	assert_string_equal(buf,
	    "\xe2\x82\xb9" "60L\xe2\x80\x93\xe2\x82\xb9" "1.05Cr");
}

/* A billion dollars is "$1B", not "$1000M". */
static void
usd_billions(void **state)
{
	(void)state;
	fmt_money(buf, sizeof(buf), CUR_USD, 1000000000L);
	assert_string_equal(buf, "$1B");
	fmt_money(buf, sizeof(buf), CUR_USD, 999999000L);
	assert_string_equal(buf, "$1B");
	fmt_change(buf, sizeof(buf), CUR_USD, -999700000L);
	assert_string_equal(buf, "\xe2\x88\x92$999.7M");
}

/* The minus sign is U+2212 and never an ASCII hyphen, which a line
 * may break after. */
static void
negatives_use_the_minus_sign(void **state)
{
	(void)state;
	fmt_change(buf, sizeof(buf), CUR_USD, -20000);
	assert_string_equal(buf, "\xe2\x88\x92$20K");
	assert_null(strchr(buf, '-'));
	fmt_signed_percent(buf, sizeof(buf), -0.0625);
	assert_string_equal(buf, "\xe2\x88\x92" "6%");
	fmt_signed_percent(buf, sizeof(buf), 0.12);
	assert_string_equal(buf, "+12%");
	fmt_signed_percent(buf, sizeof(buf), -0.004);
	assert_string_equal(buf, "0%");
}

static void
percentages_round_to_whole(void **state)
{
	(void)state;
	fmt_percent(buf, sizeof(buf), 0.425);
	assert_string_equal(buf, "43%");
	fmt_percent(buf, sizeof(buf), -0.001);
	assert_string_equal(buf, "0%");
	fmt_growth(buf, sizeof(buf), 800, 1, 1);
	assert_string_equal(buf, "800%+");
	fmt_growth(buf, sizeof(buf), 40, 1, 0);
	assert_string_equal(buf, "+40%");
	fmt_growth(buf, sizeof(buf), 87, 0, 0);
	assert_string_equal(buf, "87%");
}

static void
years_singular_and_decimal(void **state)
{
	(void)state;
	fmt_years(buf, sizeof(buf), 1);
	assert_string_equal(buf, "1 year");
	fmt_years(buf, sizeof(buf), 6.5);
	assert_string_equal(buf, "6.5 years");
	fmt_years(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0 years");
}

static void
date_in_words_utc(void **state)
{
	(void)state;
	fmt_date(buf, sizeof(buf), (time_t)1780272000);	/* 2026-06-01 */
	assert_string_equal(buf, "1 June 2026");
}

static void
small_buffer_truncates_and_terminates(void **state)
{
	char	 b[5];
	size_t	 n;

	(void)state;
	n = fmt_range(b, sizeof(b), CUR_USD, 160000, 220000, 0);
	assert_int_equal(n, 4);
	assert_string_equal(b, "$160");
}

/* fmt_num writes what snprintf("%.1f") of v rounded to tenths gives,
 * ".0" and the sign of a zero dropped: checked against that on a sweep
 * of values, halves and negatives included, and on a short buffer. */
/* A name as a profile id, as import makes it and the validator
 * suggests it. */
static void
id_of_a_name(void **state)
{
	char	 id[64];

	(void)state;
	assert_int_equal(fmt_id(id, sizeof(id), "Ana Mar\xc3\xad" "a L\xc3\xb3pez",
	    64), 15);
	assert_string_equal(id, "ana-maria-lopez");
	fmt_id(id, sizeof(id), "\xc5\x81ukasz W\xc3\xb3jcik", 64);
	assert_string_equal(id, "lukasz-wojcik");
	fmt_id(id, sizeof(id), "  --Zo\xc3\xab \xc3\x93" " Briain! ", 64);
	assert_string_equal(id, "zoe-o-briain");
	fmt_id(id, sizeof(id), "ana_lopez 2", 64);
	assert_string_equal(id, "ana_lopez-2");
	assert_int_equal(fmt_id(id, sizeof(id),
	    "\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7", 64), 0);
	assert_string_equal(id, "");
	assert_int_equal(fmt_id(id, sizeof(id), "abcdefgh", 5), 5);
	assert_string_equal(id, "abcde");
	assert_int_equal(fmt_id(id, 4, "abcdefgh", 64), 3);
	assert_string_equal(id, "abc");
}

static void
num_is_snprintf_to_tenths(void **state)
{
	static const double	 odd[] = { 0, -0.0, 0.05, -0.05, 0.04, -0.04,
		69.55, 62.45, 99.95, 100, 1e6 + 0.25, -123456.75, 1e14 + 0.5,
		2.675, 1.15 };
	char			 want[64], got[64];
	size_t			 len, i;
	double			 v;
	int			 k;

	(void)state;
	for (k = -200000; k <= 200000; k += 7) {
		for (i = 0; i < 2; i++) {
			v = k / 1000.0 + (i ? 0.00005 : 0);
			snprintf(want, sizeof(want), "%.1f",
			    round(v * 10.0) / 10.0);
			len = strlen(want);
			if (strcmp(want + len - 2, ".0") == 0)
				want[len - 2] = '\0';
			if (strcmp(want, "-0") == 0)
				strcpy(want, "0");
			assert_int_equal(fmt_num(got, sizeof(got), v),
			    strlen(want));
			assert_string_equal(got, want);
		}
	}
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		v = odd[i];
		snprintf(want, sizeof(want), "%.1f", round(v * 10.0) / 10.0);
		len = strlen(want);
		if (strcmp(want + len - 2, ".0") == 0)
			want[len - 2] = '\0';
		if (strcmp(want, "-0") == 0)
			strcpy(want, "0");
		fmt_num(got, sizeof(got), v);
		assert_string_equal(got, want);
	}
	assert_int_equal(fmt_num(got, 4, -123.4), 3);
	assert_string_equal(got, "-12");
	assert_int_equal(fmt_num(got, 1, 5), 0);
	assert_string_equal(got, "");
	fmt_num(got, sizeof(got), 69.6);
	assert_string_equal(got, "69.6");
	fmt_num(got, sizeof(got), -0.04);
	assert_string_equal(got, "0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(usd_thousands_on_both_ends),
		cmocka_unit_test(usd_open_ended_with_maximum),
		cmocka_unit_test(usd_open_ended_without_maximum),
		cmocka_unit_test(usd_single_figure_when_min_equals_max),
		cmocka_unit_test(usd_fractions_and_millions),
		cmocka_unit_test(inr_lakh_unit_once),
		cmocka_unit_test(inr_open_ended_floor),
		cmocka_unit_test(inr_crore_and_mixed_units),
		cmocka_unit_test(inr_below_a_lakh_is_grouped),
		cmocka_unit_test(changes_carry_a_sign),
		cmocka_unit_test(crore_keeps_two_decimals),
		cmocka_unit_test(usd_billions),
		cmocka_unit_test(negatives_use_the_minus_sign),
		cmocka_unit_test(percentages_round_to_whole),
		cmocka_unit_test(years_singular_and_decimal),
		cmocka_unit_test(date_in_words_utc),
		cmocka_unit_test(small_buffer_truncates_and_terminates),
		cmocka_unit_test(num_is_snprintf_to_tenths),
		cmocka_unit_test(id_of_a_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
