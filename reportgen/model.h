/*
 * model.h: the contract between the stages.
 *
 * Plain structs, no library types: a profile (what the candidate file says),
 * the market (what data/market.xml says) and an assessment (what score.c
 * concludes).  load_*.c fill the first two, score.c the third, the report
 * sections and the JSON writer only read.
 *
 * Ownership: every string and array hangs off the struct's arena; one
 * *_free() releases everything.  Counts are bounded by the schemas (the
 * MAX_* below match their maxOccurs), so arrays are fixed-size.
 *
 * Source line numbers are kept (`line` fields) so later stages can still
 * point at the input.
 */
#ifndef REPORTGEN_MODEL_H
#define REPORTGEN_MODEL_H

#include <stddef.h>

#include "arena.h"

#define MAX_DIMS        12
#define MAX_POSITIONS   64
#define MAX_KEYWORDS    64
#define MAX_SYNONYMS    48
#define MAX_STATEMENTS  16
#define MAX_SOURCES     32
#define MAX_BANDS       64
#define MAX_REFS        16
#define MAX_GROWTH      16
#define MAX_FACTS       8
#define MAX_ACTIONS     6
#define MAX_AREAS       8
#define MAX_PHASES      6
#define MAX_PSIGNALS    16
#define MAX_TERMS       8
#define LEVEL_MAX       5

enum role      { ROLE_FDE, ROLE_MLOPS, ROLE__N };
enum mkt       { MKT_US, MKT_IN, MKT__N };
enum seniority { SEN_JUNIOR, SEN_MID, SEN_SENIOR, SEN_STAFF, SEN__N };
/* BASIS_UNSTATED: a figure whose source does not say whether it is base
 * salary or total compensation (market data only; a profile states it). */
enum basis     { BASIS_BASE, BASIS_TOTAL, BASIS_UNSTATED };
/* Whether a band is a figure the source states for that role, market and
 * level, or the project's own mapping from what the source says. */
enum band_kind { KIND_PUBLISHED, KIND_ESTIMATE };
enum currency  { CUR_USD, CUR_INR };
enum target    { TARGET_FDE, TARGET_MLOPS, TARGET_UNDECIDED };

/* What a profile's positions can show, used by scoring for experience. */
enum signal {
	SIG_CUSTOMER_FACING_YEARS,
	SIG_DEPLOYMENTS,
	SIG_WORKSHOPS,
	SIG_PIPELINES,
	SIG_ON_CALL_YEARS,
	SIG__N
};

/* Conditions on a profile that open a playbook area. */
enum trigger {
	TRIG_NO_CUSTOMER_FACING,	/* no position marked customer-facing */
	TRIG_NO_END_TO_END,		/* no position with end-to-end="true" */
	TRIG_LOW_PRODUCTION_YEARS	/* below min-production-years */
};

enum role_family {
	FAM_MLOPS, FAM_ML_ENGINEERING, FAM_SOFTWARE, FAM_DATA_SCIENCE,
	FAM_DATA_ENGINEERING, FAM_DEVOPS, FAM_SOLUTIONS, FAM_FDE, FAM_OTHER
};

/* ---------------------------------------------------------------- profile */

/* Year and month, e.g. 2021-03 is { 2021, 3 }. */
struct ym {
	int year;
	int month;
};

struct position {
	const char	*title;
	const char	*organisation;
	const char	*summary;	/* NULL when absent */
	struct ym	 start;
	struct ym	 end;		/* { 0, 0 } when current */
	int		 current;
	int		 customer_facing;
	int		 pipelines;
	int		 deployments;
	int		 workshops;
	int		 on_call;
	int		 end_to_end;
	int		 line;
};

struct skill {
	int		 dim;		/* index into market->dims */
	int		 level;		/* self-rated, 0..LEVEL_MAX */
	double		 years;
	int		 projects;
	int		 certifications;
	int		 line;
};

struct keyword {
	const char	*text;
	int		 dim;		/* matched dimension, -1 when unknown */
	int		 line;
};

struct agreement {
	int		 statement;	/* index into market->statements */
	int		 value;		/* 1..5 */
	int		 line;
};

struct profile {
	struct arena	*arena;
	const char	*path;		/* as given on the command line */
	const char	*id;
	const char	*name;		/* UTF-8 */
	const char	*name_lang;	/* BCP 47 tag (<name lang>), or NULL */
	const char	*email;		/* NULL when absent */
	char		 country[3];
	enum mkt	 market;
	double		 production_years;
	const char	*current_title;
	enum role_family family;
	struct position	 positions[MAX_POSITIONS];
	int		 npositions;
	struct skill	 skills[MAX_DIMS];
	int		 nskills;
	struct keyword	 keywords[MAX_KEYWORDS];
	int		 nkeywords;
	struct agreement agreements[MAX_STATEMENTS];
	int		 nagreements;
	int		 has_preferences;
	enum target	 target;
	double		 hours_per_week;
	int		 has_comp;
	long		 comp_amount;
	enum currency	 comp_currency;
	enum basis	 comp_basis;
	const char	*notes;		/* NULL when absent */
};

/* ----------------------------------------------------------------- market */

struct source {
	const char	*id;
	const char	*title;
	const char	*publisher;
	const char	*date;		/* NULL when absent */
};

struct scale_level {
	const char	*label;
	const char	*meaning;
	const char	*terms[MAX_TERMS];
	int		 nterms;
};

struct role_info {
	const char	*name;		/* "Forward Deployed Engineer" */
	const char	*short_name;	/* "FDE" */
	const char	*does;
	const char	*success;
	const char	*cycle;		/* NULL when absent */
	enum basis	 pay_basis;
};

struct requirement {
	int		 level;
	const char	*term;		/* the article's word, e.g. "Owns & Builds" */
	double		 weight;
};

struct dimension {
	const char	*id;
	const char	*name;
	const char	*short_name;
	int		 source;	/* index into sources */
	struct requirement req[ROLE__N];
	const char	*synonyms[MAX_SYNONYMS];	/* lower-case */
	int		 nsynonyms;
	const char	*why;		/* NULL when absent */
};

struct position_signal {
	enum signal	 signal;
	int		 dim;
	double		 points;
};

struct evidence_rules {
	/* An unrated skill's level: the highest l whose infer[l] its
	 * evidence points reach (infer[0] is 0). */
	double		 infer[LEVEL_MAX + 1];
	int		 unproven_cap;
	double		 t3, t4, t5;
	double		 per_year, per_project, per_certification, per_keyword;
	double		 keyword_cap, position_cap;
	int		 keyword_floor;
	struct position_signal psignals[MAX_PSIGNALS];
	int		 npsignals;
};

struct experience_rule {
	double		 years_target;
	enum signal	 signal;
	double		 signal_target;
	double		 signal_share;	/* 0..1 */
	const char	*signal_label;
};

struct band {
	enum mkt	 market;
	enum role	 role;
	enum seniority	 seniority;
	enum currency	 currency;
	long		 min;
	long		 max;		/* 0 when open-ended with no maximum */
	int		 open_ended;	/* "+" after the figure */
	enum basis	 basis;
	enum band_kind	 kind;
	const char	*scope;		/* what it covers, NULL: role, market, level */
	int		 source;
	const char	*note;		/* element text, NULL when empty */
};

struct reference {
	enum mkt	 market;
	int		 role;		/* enum role, or -1: another job */
	const char	*job;		/* the job it is for, e.g. "ML engineer" */
	enum currency	 currency;
	long		 min;
	long		 max;
	enum basis	 basis;
	int		 source;
	const char	*label;
};

struct growth {
	const char	*id;
	int		 role;		/* enum role, or -1 for both */
	double		 value;
	int		 at_least;
	const char	*unit;		/* "percent" or "percent-growth" */
	const char	*period;	/* NULL when absent */
	const char	*label;
	const char	*text;
	int		 source;
};

/* A comparison the source makes in words, without a figure. */
struct fact {
	const char	*id;
	int		 role;		/* enum role, or -1 for both */
	const char	*text;
	int		 source;
};

struct statement {
	const char	*id;
	enum role	 role;
	const char	*text;
};

struct action {
	const char	*text;
	double		 hours;
	const char	*milestone;
};

struct action_list {
	struct action	 actions[MAX_ACTIONS];
	int		 nactions;
};

struct area {
	const char	*id;
	const char	*name;
	enum role	 role;
	enum trigger	 trigger;
	double		 impact;	/* compared with weight x gap */
	struct action_list list;
};

struct phase_info {
	const char	*name;
	const char	*goal;
};

struct market {
	struct arena	*arena;
	const char	*path;
	const char	*as_of;		/* YYYY-MM-DD */
	struct ym	 as_of_ym;	/* its year and month */
	struct source	 sources[MAX_SOURCES];
	int		 nsources;
	struct scale_level scale[LEVEL_MAX + 1];
	struct role_info roles[ROLE__N];
	struct dimension dims[MAX_DIMS];
	int		 ndims;
	double		 w_skills, w_experience, w_preference;
	struct evidence_rules evidence;
	struct experience_rule experience[ROLE__N];
	double		 close_margin;
	double		 min_production_years;
	double		 min_fit;
	double		 neutral_preference;	/* 0..1 used when unanswered */
	/* insufficient evidence when more than this share of the
	 * dimensions is held back by the evidence cap */
	double		 insufficient_share;
	int		 strength_min_level;	/* a strength is at least this */
	/* Seniority bands: [min_years, next band's min_years); the last
	 * has no top.  seniority_name is the printed label with its years,
	 * "Senior (5 to <8 yrs)", made by the loader from the data's
	 * name (seniority_word) and years, so text, table and JSON agree. */
	const char	*seniority_name[SEN__N];
	const char	*seniority_word[SEN__N];
	double		 seniority_min_years[SEN__N];
	double		 default_hours_per_week;
	double		 min_hours_per_week;	/* a plan assumes at least this */
	int		 plan_max_weeks;	/* longer: said differently */
	int		 plan_max_items;
	struct band	 bands[MAX_BANDS];
	int		 nbands;
	struct reference refs[MAX_REFS];
	int		 nrefs;
	struct growth	 growth[MAX_GROWTH];
	int		 ngrowth;
	struct fact	 facts[MAX_FACTS];
	int		 nfacts;
	struct statement statements[MAX_STATEMENTS];
	int		 nstatements;
	struct action_list dim_actions[MAX_DIMS];	/* by dimension index */
	struct area	 areas[MAX_AREAS];
	int		 nareas;
	struct phase_info phases[MAX_PHASES];
	int		 nphases;
};

/* ------------------------------------------------------------- assessment */

/* REC_NOT_YET stays last: manifest.c reads ids back up to it. */
enum recommendation {
	REC_FDE, REC_MLOPS, REC_EITHER, REC_INSUFFICIENT, REC_NOT_YET
};
#define REC__N	(REC_NOT_YET + 1)

/* Why "not yet" (REASON_NONE for every other recommendation). */
enum rec_reason { REASON_NONE, REASON_PRODUCTION_YEARS, REASON_LOW_FIT };

/* Where a dimension's level comes from. */
enum level_source {
	LEVEL_CLAIMED,		/* the self-rating, backed by the evidence */
	LEVEL_INFERRED,		/* no self-rating: read from the evidence */
	LEVEL_CAPPED		/* the self-rating, held back by the cap */
};

struct dim_result {
	int		 rated;		/* the profile has a <skill> for it */
	enum level_source source;
	int		 claimed;	/* self-rated level (0 when unrated) */
	int		 effective;	/* after evidence */
	int		 ceiling;	/* cap the evidence allowed */
	double		 evidence_points;	/* rounded to 0.1 */
	int		 keywords;	/* distinct keywords matched to it */
	double		 position_points;
	int		 required[ROLE__N];
	int		 gap[ROLE__N];	/* max(0, required - effective) */
	double		 match[ROLE__N];/* min(effective, required) / required */
	char		 evidence[160];	/* plain words: "4 yrs, 3 projects, k8s" */
};

struct component {
	double		 value;		/* 0..1 before weighting */
	double		 weight;	/* points available */
	double		 points;	/* value * weight */
};

/* Scores and points are rounded once, to 0.1 half away from zero, by
 * score.c; every output prints these values as they are. */
struct fit {
	double		 score;		/* 0..100, sum of the components' points */
	struct component skills;
	struct component experience;
	struct component preference;
	double		 signal_value;	/* the role's experience signal, raw */
	int		 answered;	/* statements answered for this role */
};

/* One change that would raise a fit, and by how much. */
struct raise {
	int		 dim;		/* -1 for an experience change */
	int		 to_level;
	double		 delta;		/* fit points gained */
	char		 what[160];
};

struct plan_item {
	int		 dim;		/* -1 for an area */
	int		 area;		/* index into market->areas, or -1 */
	double		 impact;	/* weight x gap, or the area's impact */
	int		 gap;
	const struct action *actions[MAX_ACTIONS];
	int		 nactions;
	double		 hours;
	int		 phase;
};

struct plan_phase {
	int		 info;		/* index into market->phases */
	int		 first_item, nitems;
	double		 hours;
	int		 weeks;
	int		 start_week;
};

/* Where current pay stands against the band for the candidate's level
 * (docs/market-data.md, "Pay comparisons"). */
enum comparison {
	CMP_NOT_COMPARABLE,	/* no band, no current pay, another currency */
	CMP_DIFFERENT_BASIS,	/* base against total (or unstated): no claim */
	CMP_BELOW,		/* under the band's minimum */
	CMP_WITHIN,		/* inside a closed band */
	CMP_AT_OR_ABOVE_FLOOR,	/* open-ended band, at or above its floor */
	CMP_ABOVE		/* above the top of a closed band */
};

struct pay_change {
	int		 valid;		/* same currency and a band exists */
	int		 same_basis;
	long		 low;		/* band min - current */
	long		 high;		/* band max - current; 0 when open-ended */
	int		 open_ended;
	enum comparison	 cmp;
};

struct assessment {
	const struct profile *profile;
	const struct market  *market;
	struct ym	 today;		/* the date scored on; current positions end here */
	struct dim_result dims[MAX_DIMS];
	struct fit	 fit[ROLE__N];
	double		 signal[SIG__N];	/* overlaps merged */
	enum recommendation rec;
	enum rec_reason	 why;		/* for REC_NOT_YET */
	int		 ncapped;	/* dimensions held back by the cap */
	char		 reasons[4][200];
	int		 nreasons;
	enum seniority	 seniority;
	/* the plan role's strengths and gaps, best first */
	int		 strengths[3], nstrengths;
	int		 top_gaps[3], ntop_gaps;
	int		 area_open[MAX_AREAS];	/* the area's trigger holds */
	const struct band *bands[ROLE__N];	/* candidate's market; NULL when none */
	struct pay_change pay[ROLE__N];
	enum role	 plan_role;
	struct plan_item plan[MAX_DIMS + MAX_AREAS];
	int		 nplan;
	struct plan_phase phases[MAX_PHASES];
	int		 nphases;
	double		 plan_hours;
	int		 plan_weeks;
	double		 hours_per_week;	/* what the plan assumes */
	int		 hours_raised;	/* the profile's was under the floor */
	double		 alt_hours_per_week;	/* plan_weeks too long: this */
	int		 alt_weeks;		/* many hours make it alt_weeks */
	struct raise	 raises[ROLE__N][2];
	int		 nraises[ROLE__N];
};

#define PROFILE_ID_MAX	64

/* An id is used in file names: [A-Za-z0-9_-]{1,64}, not starting with
 * '-'.  The schema says so too; this is the second lock on the door,
 * checked again before any path is built from an id. */
int		 profile_id_ok(const char *);

const char	*role_id(enum role);
const char	*market_id(enum mkt);
const char	*seniority_id(enum seniority);
const char	*recommendation_id(enum recommendation);
const char	*rec_reason_id(enum rec_reason);	/* NULL for none */
const char	*level_source_id(enum level_source);
const char	*basis_id(enum basis);
const char	*kind_id(enum band_kind);
const char	*comparison_id(enum comparison);
const char	*currency_id(enum currency);
const char	*signal_id(enum signal);
const char	*target_id(enum target);

/* The market data is stale on `today`: more than 12 months after its
 * as-of month (month precision: as of 2026-05, stale from 2027-06). */
int		 market_stale(const struct market *, struct ym today);

#endif
