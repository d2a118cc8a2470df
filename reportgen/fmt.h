/*
 * fmt.h: numbers as the report prints them.  Pure functions into a
 * caller's buffer (always NUL-terminated, truncated when too small);
 * each returns the length it wrote.
 *
 * Money: US dollars in thousands ("$160K", "$87.5K", "$1.2M"); Indian
 * rupees in lakh (1L = 100,000) and crore (1Cr = 100L = 10,000,000):
 * "₹25L", "₹1.2Cr"; below one lakh the plain figure with Indian digit
 * grouping ("₹85,000").  Ranges use an en dash: "$160K–$220K" (the unit
 * on both ends, as US figures are quoted), "₹25–60L" (one unit when both
 * ends share it, as lakh figures are quoted; "₹60L–₹1.2Cr" otherwise).
 * Open-ended ranges end with "+": "$220K–$300K+", "$300K+", "₹25–60L+".
 * One decimal at most in K and L, trailing ".0" dropped; two in the big
 * units M, B and Cr, where one would change the figure ("₹1.05Cr",
 * "$1.25M"), trailing zeros dropped.  A negative change or percentage
 * starts with the minus sign U+2212 ("−$20K", "−6%"), which the report's
 * line breaking never separates from its figure (pdf_wrap breaks after
 * '-', not after U+2212); the fonts carry it (tools/mkfonts.sh).
 */
#ifndef REPORTGEN_FMT_H
#define REPORTGEN_FMT_H

#include <stddef.h>
#include <time.h>

#include "model.h"

size_t	fmt_money(char *, size_t, enum currency, long amount);
/* max 0 with open_ended: "min+"; min == max: a single figure. */
size_t	fmt_range(char *, size_t, enum currency, long min, long max,
	    int open_ended);
/* A signed change: "+$20K", "−₹3.5L" (U+2212), "$0". */
size_t	fmt_change(char *, size_t, enum currency, long delta);
/* 0.42 -> "42%"; rounded to a whole percent. */
size_t	fmt_percent(char *, size_t, double fraction);
/* A signed share: 0.12 -> "+12%", -0.06 -> "−6%" (U+2212), 0 -> "0%". */
size_t	fmt_signed_percent(char *, size_t, double fraction);
/* A growth figure: "+40%", at_least "800%+", plain percent "87%". */
size_t	fmt_growth(char *, size_t, double value, int growth, int at_least);
/* 6.5 -> "6.5 years", 1 -> "1 year", 0 -> "0 years". */
size_t	fmt_years(char *, size_t, double years);
/* A number with at most one decimal, ".0" dropped: 12.5 -> "12.5". */
size_t	fmt_num(char *, size_t, double);
/* The UTC date of t: "1 June 2026". */
size_t	fmt_date(char *, size_t, time_t);
/* "2026-05-12" -> "12 May 2026"; anything else is copied as it is. */
size_t	fmt_iso_date(char *, size_t, const char *iso);
/* A name as a profile id: "Łukasz Wójcik" -> "lukasz-wojcik".  Lower-
 * case ASCII letters and digits, accented Latin letters (U+00C0..U+017F)
 * by their base letter, '_' kept, every other run one '-', none at
 * either end, at most max bytes; other scripts drop out.  Returns the
 * length (0: nothing was left). */
size_t	fmt_id(char *, size_t, const char *name, size_t max);

#endif
