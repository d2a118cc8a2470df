/*
 * fmt.c: money, percentages, years and dates as the report prints them;
 * see fmt.h for the conventions.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fmt.h"

#define RUPEE	"\xe2\x82\xb9"		/* U+20B9 */
#define NDASH	"\xe2\x80\x93"		/* U+2013 */
#define MINUS	"\xe2\x88\x92"		/* U+2212, never a line break after it */
#define LAKH	100000L
#define CRORE	10000000L

/* snprintf that reports what it really wrote. */
static size_t
put(char *buf, size_t n, const char *fmt, const char *a, const char *b,
    const char *c)
{
	int	 r;

	if (n == 0)
		return 0;
	r = snprintf(buf, n, fmt, a, b, c);
	if (r < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)r >= n ? n - 1 : (size_t)r;
}

/* v to one decimal, a ".0" and the sign of a zero dropped: what
 * snprintf("%.1f") of v rounded to tenths gives, written without it (the
 * sections format a few hundred figures a report).  Far from zero, or
 * not a number, it takes snprintf's path. */
size_t
fmt_num(char *buf, size_t n, double v)
{
	char		 tmp[64], *t = tmp + sizeof(tmp);
	long long	 k;
	size_t		 len;
	int		 neg;

	if (!(fabs(v) < 1e15)) {
		snprintf(tmp, sizeof(tmp), "%.1f", round(v * 10.0) / 10.0);
		len = strlen(tmp);
		if (len >= 2 && strcmp(tmp + len - 2, ".0") == 0)
			tmp[len - 2] = '\0';
		return put(buf, n, "%s%s%s", tmp, "", "");
	}
	k = llround(v * 10.0);
	if ((neg = k < 0))
		k = -k;
	*--t = '\0';
	if (k % 10 != 0) {
		*--t = (char)('0' + k % 10);
		*--t = '.';
	}
	k /= 10;
	do {
		*--t = (char)('0' + k % 10);
		k /= 10;
	} while (k > 0);
	if (neg)
		*--t = '-';
	len = strlen(t);
	if (n == 0)
		return 0;
	if (len >= n)
		len = n - 1;
	memcpy(buf, t, len);
	buf[len] = '\0';
	return len;
}

/* v with at most `dec` decimals, trailing zeros dropped: 1.05 -> "1.05",
 * 1.20 -> "1.2", 3.00 -> "3". */
static void
num_dec(char *num, size_t n, double v, int dec)
{
	size_t	 len;

	snprintf(num, n, "%.*f", dec, v);
	if (strchr(num, '.') == NULL)
		return;
	len = strlen(num);
	while (len > 0 && num[len - 1] == '0')
		num[--len] = '\0';
	if (len > 0 && num[len - 1] == '.')
		num[--len] = '\0';
}

/* v / unit as a figure of the big units (M, B, Cr): two decimals, so
 * that 1.05Cr is not shown as 1.1Cr, where one would change the figure. */
static void
big(char *num, size_t n, long v, double unit)
{
	num_dec(num, n, (double)v / unit, 2);
}

/* The scaled figure and its unit for one amount, without the currency
 * sign: 2500000 INR -> "25", "L". */
static void
split(enum currency cur, long v, char *num, size_t n, const char **unit)
{
	long	 i;
	char	 digits[32];
	size_t	 len, k, o;

	if (cur == CUR_USD) {
		if (v >= 1000000000L) {
			big(num, n, v, 1e9);
			*unit = "B";
		} else if (v >= 1000000L) {
			big(num, n, v, 1e6);
			*unit = "M";
			/* 999,996,000 rounds to "1000M": say "1B" instead */
			if (strcmp(num, "1000") == 0) {
				snprintf(num, n, "1");
				*unit = "B";
			}
		} else if (v >= 1000) {
			fmt_num(num, n, v / 1e3);
			*unit = "K";
			/* 999,960 rounds to "1000K": say "1M" instead */
			if (strcmp(num, "1000") == 0) {
				snprintf(num, n, "1");
				*unit = "M";
			}
		} else {
			snprintf(num, n, "%ld", v);
			*unit = "";
		}
		return;
	}
	if (v >= CRORE) {
		big(num, n, v, CRORE);
		*unit = "Cr";
	} else if (v >= LAKH) {
		fmt_num(num, n, (double)v / LAKH);
		*unit = "L";
		if (strcmp(num, "100") == 0) {
			snprintf(num, n, "1");
			*unit = "Cr";
		}
	} else {
		/* Indian grouping; below a lakh that is 12,345 */
		snprintf(digits, sizeof(digits), "%ld", v);
		len = strlen(digits);
		o = 0;
		for (k = 0; k < len && o + 2 < n; k++) {
			i = (long)(len - k);
			num[o++] = digits[k];
			if (i == 4 && k + 1 < len)
				num[o++] = ',';
		}
		num[o] = '\0';
		*unit = "";
	}
}

size_t
fmt_money(char *buf, size_t n, enum currency cur, long v)
{
	char		 num[32];
	const char	*unit;

	if (v < 0)
		v = 0;
	split(cur, v, num, sizeof(num), &unit);
	return put(buf, n, "%s%s%s", cur == CUR_USD ? "$" : RUPEE, num,
	    unit);
}

size_t
fmt_range(char *buf, size_t n, enum currency cur, long min, long max,
    int open_ended)
{
	char		 a[48], b[48], na[32], nb[32], tmp[128];
	const char	*ua, *ub;

	if (max <= 0 || max == min) {
		fmt_money(tmp, sizeof(tmp), cur, min);
		return put(buf, n, "%s%s%s", tmp, open_ended ? "+" : "", "");
	}
	if (max < min) {
		long t = min;

		min = max;
		max = t;
	}
	split(cur, min, na, sizeof(na), &ua);
	split(cur, max, nb, sizeof(nb), &ub);
	if (cur == CUR_INR && strcmp(ua, ub) == 0 && *ua != '\0') {
		snprintf(a, sizeof(a), RUPEE "%s", na);
		snprintf(b, sizeof(b), "%s%s", nb, ub);
	} else {
		fmt_money(a, sizeof(a), cur, min);
		fmt_money(b, sizeof(b), cur, max);
	}
	snprintf(tmp, sizeof(tmp), "%s" NDASH "%s", a, b);
	return put(buf, n, "%s%s%s", tmp, open_ended ? "+" : "", "");
}

size_t
fmt_change(char *buf, size_t n, enum currency cur, long delta)
{
	char	 m[48];

	fmt_money(m, sizeof(m), cur, delta < 0 ? -delta : delta);
	if (strcmp(m + (cur == CUR_USD ? 1 : 3), "0") == 0)
		return put(buf, n, "%s%s%s", m, "", "");
	return put(buf, n, "%s%s%s", delta < 0 ? MINUS : "+", m, "");
}

size_t
fmt_percent(char *buf, size_t n, double f)
{
	char	 num[32];

	snprintf(num, sizeof(num), "%.0f", round(f * 100.0));
	if (strcmp(num, "-0") == 0)
		strcpy(num, "0");
	return put(buf, n, "%s%s%s", num, "%", "");
}

size_t
fmt_signed_percent(char *buf, size_t n, double f)
{
	char	 num[32];

	snprintf(num, sizeof(num), "%.0f", fabs(round(f * 100.0)));
	if (strcmp(num, "0") == 0)
		return put(buf, n, "%s%s%s", "0%", "", "");
	return put(buf, n, "%s%s%s", f < 0 ? MINUS : "+", num, "%");
}

size_t
fmt_growth(char *buf, size_t n, double value, int growth, int at_least)
{
	char	 num[32];

	fmt_num(num, sizeof(num), value);
	if (at_least)
		return put(buf, n, "%s%s%s", num, "%", "+");
	if (growth && value > 0)
		return put(buf, n, "%s%s%s", "+", num, "%");
	return put(buf, n, "%s%s%s", num, "%", "");
}

size_t
fmt_years(char *buf, size_t n, double y)
{
	char	 num[32];

	fmt_num(num, sizeof(num), y);
	return put(buf, n, "%s%s%s", num,
	    strcmp(num, "1") == 0 ? " year" : " years", "");
}

size_t
fmt_date(char *buf, size_t n, time_t t)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	struct tm	 tm;
	char		 d[16], y[16];

	if (gmtime_r(&t, &tm) == NULL)
		return put(buf, n, "%s%s%s", "", "", "");
	snprintf(d, sizeof(d), "%d", tm.tm_mday);
	snprintf(y, sizeof(y), "%d", tm.tm_year + 1900);
	return put(buf, n, "%s %s %s", d, months[tm.tm_mon], y);
}

size_t
fmt_iso_date(char *buf, size_t n, const char *iso)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int	 y, mo, d;
	char	 tmp[48];

	if (iso == NULL)
		return put(buf, n, "%s%s%s", "", "", "");
	if (sscanf(iso, "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 ||
	    mo > 12 || d < 1 || d > 31)
		return put(buf, n, "%s%s%s", iso, "", "");
	snprintf(tmp, sizeof(tmp), "%d %s %d", d, months[mo - 1], y);
	return put(buf, n, "%s%s%s", tmp, "", "");
}

size_t
fmt_id(char *out, size_t sz, const char *name, size_t max)
{
	/* U+00C0..U+00FF and U+0100..U+017F, each by its ASCII letter. */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyps"
	    "aaaaaaaceeeeiiiidnooooo-ouuuuypy";
	static const char ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiii"
	    "iijjjjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssss"
	    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
	const unsigned char	*p = (const unsigned char *)(name != NULL ?
	    name : "");
	size_t			 o = 0;
	char			 c;

	if (sz == 0)
		return 0;
	while (*p != '\0' && o + 1 < sz && o < max) {
		if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			c = latin1[p[1] - 0x80];
			p += 2;
		} else if ((*p == 0xc4 || *p == 0xc5) && p[1] >= 0x80 &&
		    p[1] <= 0xbf) {
			c = ext_a[((*p - 0xc4) << 6) | (p[1] & 0x3f)];
			p += 2;
		} else if (*p >= 0x80) {
			p++;
			continue;
		} else
			c = (char)*p++;
		if (isalnum((unsigned char)c) || c == '_')
			out[o++] = (char)tolower((unsigned char)c);
		else if (o > 0 && out[o - 1] != '-')
			out[o++] = '-';
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	return o;
}
