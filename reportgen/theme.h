/*
 * theme.h: the report's look in one place: colours, type sizes and the
 * spacing rhythm.  One accent family: deep teal for the Forward Deployed
 * Engineer, warm orange for the MLOps Engineer, the candidate in slate ink.
 * A role has the same colour on every page and chart.
 */
#ifndef REPORTGEN_THEME_H
#define REPORTGEN_THEME_H

#include "pdf.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0f, \
	((hex) >> 8 & 0xff) / 255.0f, ((hex) & 0xff) / 255.0f }

/* Text hierarchy, darkest first. */
static const struct rgb C_INK    = RGB(0x111827);	/* headings */
static const struct rgb C_TEXT   = RGB(0x374151);	/* body */
static const struct rgb C_MUTED  = RGB(0x6B7280);	/* captions */
static const struct rgb C_FAINT  = RGB(0x9CA3AF);	/* axes, footers */
static const struct rgb C_RULE   = RGB(0xE5E7EB);	/* hairlines */
static const struct rgb C_PANEL  = RGB(0xF3F4F6);	/* card backgrounds */
static const struct rgb C_PAPER  = RGB(0xFFFFFF);
static const struct rgb C_YOU    = RGB(0x1E293B);	/* the candidate */

/* The cover band on page 1. */
static const struct rgb C_NIGHT       = RGB(0x0F172A);
static const struct rgb C_NIGHT_TEXT  = RGB(0xE2E8F0);
static const struct rgb C_NIGHT_MUTED = RGB(0x94A3B8);
static const struct rgb C_NIGHT_LABEL = RGB(0x5EEAD4);

/* Roles: the accent and its warm secondary, with light tints. */
static const struct rgb C_FDE        = RGB(0x0F766E);
static const struct rgb C_FDE_TINT   = RGB(0xCCFBF1);
static const struct rgb C_FDE_WASH   = RGB(0xF0FDFA);
static const struct rgb C_MLOPS      = RGB(0xC2410C);
static const struct rgb C_MLOPS_TINT = RGB(0xFFEDD5);
static const struct rgb C_MLOPS_WASH = RGB(0xFFF7ED);

/* Status. */
static const struct rgb C_GOOD   = RGB(0x15803D);
static const struct rgb C_GAP    = RGB(0xB91C1C);
static const struct rgb C_HILITE = RGB(0xFEF9C3);	/* your row */

/* Type sizes (points). */
#define SZ_COVER	26.0f
#define SZ_H1		17.0f
#define SZ_H2		11.5f
#define SZ_LEAD		11.0f
#define SZ_BODY		9.5f
#define SZ_SMALL	8.0f
#define SZ_TINY		7.0f
#define SZ_BIG		30.0f

#define LEAD_BODY	13.5f	/* leading for body text */
#define LEAD_SMALL	10.5f
#define LEAD_TINY	9.0f

/* Spacing rhythm. */
#define GAP_S		6.0f
#define GAP_M		12.0f
#define GAP_L		22.0f

#endif
