/*
 * score_json.c: an assessment as one JSON object (jansson lives here, and
 * in the batch manifest code, only).
 *
 * Keys come in a fixed order and numbers are rounded before they are
 * stored (points, scores, hours: 1 decimal; 0..1 values: 3 decimals), so
 * the same input always gives byte-identical output: the golden files in
 * tests/golden/ depend on it.  The layout is described in docs/scoring.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "score.h"

#define SCHEMA_VERSION	2

static double
round_to(double v, double scale)
{
	double	 r = round(v * scale) / scale;

	return r == 0 ? 0.0 : r;	/* no "-0.0" */
}

/* A figure to 0.1: score.c has rounded fits, points, deltas and
 * evidence points already (score_round1 leaves them as they are); the
 * others (years, hours) get the same rule here.  jansson prints a real
 * with "%.12g", so 98.3 comes out as 98.3, the digits the text shows. */
static json_t *
r1(double v)
{
	return json_real(score_round1(v));
}

static json_t *
r3(double v)
{
	return json_real(round_to(v, 1000));
}

/* A string, or null when absent (or not UTF-8, which the loader rules
 * out): a key is never dropped. */
static json_t *
str(const char *s)
{
	json_t	*v = NULL;

	if (s != NULL)
		v = json_string(s);
	return v != NULL ? v : json_null();
}

/* json_object_set_new, ignoring the (allocation) failures: a missing key
 * is caught by the final NULL check of json_dumps. */
static void
set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *
component(const struct component *c)
{
	json_t	*o = json_object();

	set(o, "value", r3(c->value));
	set(o, "weight", r1(c->weight));
	set(o, "points", r1(c->points));
	return o;
}

static json_t *
fit(const struct assessment *a, enum role r)
{
	const struct fit		*f = &a->fit[r];
	const struct experience_rule	*x = &a->market->experience[r];
	json_t				*o, *c, *e, *p;

	o = json_object();
	set(o, "score", r1(f->score));
	c = json_object();
	set(c, "skills", component(&f->skills));
	e = component(&f->experience);
	set(e, "signal", json_string(signal_id(x->signal)));
	set(e, "signal_value", r1(f->signal_value));
	set(c, "experience", e);
	p = component(&f->preference);
	set(p, "answered", json_integer(f->answered));
	set(c, "preference", p);
	set(o, "components", c);
	return o;
}

static json_t *
dimensions(const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct dim_result	*r;
	json_t			*arr, *o;
	int			 d;

	arr = json_array();
	for (d = 0; d < m->ndims; d++) {
		r = &a->dims[d];
		o = json_object();
		set(o, "id", str(m->dims[d].id));
		set(o, "name", str(m->dims[d].name));
		set(o, "claimed", json_integer(r->claimed));
		set(o, "level_source", json_string(level_source_id(r->source)));
		set(o, "effective", json_integer(r->effective));
		set(o, "ceiling", json_integer(r->ceiling));
		set(o, "evidence_points", r1(r->evidence_points));
		set(o, "fde_required", json_integer(r->required[ROLE_FDE]));
		set(o, "mlops_required",
		    json_integer(r->required[ROLE_MLOPS]));
		set(o, "fde_gap", json_integer(r->gap[ROLE_FDE]));
		set(o, "mlops_gap", json_integer(r->gap[ROLE_MLOPS]));
		set(o, "evidence", str(r->evidence));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The candidate's seniority band: [min_years, max_years), max_years null
 * for the last (open) band; the label is the one the report prints. */
static json_t *
seniority_band(const struct assessment *a)
{
	const struct market	*m = a->market;
	enum seniority		 s = a->seniority;
	json_t			*o;

	o = json_object();
	set(o, "id", json_string(seniority_id(s)));
	set(o, "label", str(m->seniority_name[s]));
	set(o, "min_years", r1(m->seniority_min_years[s]));
	set(o, "max_years", s + 1 < SEN__N ?
	    r1(m->seniority_min_years[s + 1]) : json_null());
	return o;
}

static json_t *
band(const struct market *m, const struct band *b)
{
	json_t	*o;

	if (b == NULL)
		return json_null();
	o = json_object();
	set(o, "min", json_integer(b->min));
	set(o, "max", b->max > 0 ? json_integer(b->max) : json_null());
	set(o, "open_ended", json_boolean(b->open_ended));
	set(o, "basis", json_string(basis_id(b->basis)));
	set(o, "kind", json_string(kind_id(b->kind)));
	set(o, "scope", b->scope != NULL ? str(b->scope) : json_null());
	set(o, "source", b->source >= 0 && b->source < m->nsources ?
	    str(m->sources[b->source].id) : json_null());
	return o;
}

static json_t *
change(const struct assessment *a, enum role r)
{
	const struct pay_change	*c = &a->pay[r];
	json_t			*o;

	o = json_object();
	set(o, "comparison", json_string(comparison_id(c->cmp)));
	if (!c->valid)
		return o;	/* not_comparable: nothing else to say */
	set(o, "low", json_integer(c->low));
	set(o, "high", a->bands[r]->max > 0 ? json_integer(c->high) :
	    json_null());
	set(o, "open_ended", json_boolean(c->open_ended));
	set(o, "same_basis", json_boolean(c->same_basis));
	return o;
}

static json_t *
salary(const struct assessment *a)
{
	const struct profile	*p = a->profile;
	const struct market	*m = a->market;
	enum currency		 cur;
	json_t			*o, *cu, *ch;

	/* The market's currency: its bands', else the usual one. */
	cur = p->market == MKT_IN ? CUR_INR : CUR_USD;
	if (a->bands[ROLE_FDE] != NULL)
		cur = a->bands[ROLE_FDE]->currency;
	else if (a->bands[ROLE_MLOPS] != NULL)
		cur = a->bands[ROLE_MLOPS]->currency;

	o = json_object();
	set(o, "market", json_string(market_id(p->market)));
	set(o, "currency", json_string(currency_id(cur)));
	set(o, "fde", band(m, a->bands[ROLE_FDE]));
	set(o, "mlops", band(m, a->bands[ROLE_MLOPS]));
	if (p->has_comp) {
		cu = json_object();
		set(cu, "amount", json_integer(p->comp_amount));
		set(cu, "currency", json_string(currency_id(p->comp_currency)));
		set(cu, "basis", json_string(basis_id(p->comp_basis)));
	} else
		cu = json_null();
	set(o, "current", cu);
	ch = json_object();
	set(ch, "fde", change(a, ROLE_FDE));
	set(ch, "mlops", change(a, ROLE_MLOPS));
	set(o, "change", ch);
	return o;
}

static json_t *
plan(const struct assessment *a)
{
	const struct market	*m = a->market;
	const struct plan_item	*it;
	const struct plan_phase	*ph;
	json_t			*o, *items, *phases, *io, *acts, *ao;
	int			 i, j;

	o = json_object();
	set(o, "role", json_string(role_id(a->plan_role)));
	set(o, "hours", r1(a->plan_hours));
	set(o, "weeks", json_integer(a->plan_weeks));
	set(o, "hours_per_week", r1(a->hours_per_week));

	items = json_array();
	for (i = 0; i < a->nplan; i++) {
		it = &a->plan[i];
		io = json_object();
		if (it->dim >= 0) {
			set(io, "dimension", str(m->dims[it->dim].id));
			set(io, "name", str(m->dims[it->dim].name));
		} else {
			set(io, "area", str(m->areas[it->area].id));
			set(io, "name", str(m->areas[it->area].name));
		}
		set(io, "gap", json_integer(it->gap));
		set(io, "impact", r1(it->impact));
		set(io, "hours", r1(it->hours));
		set(io, "phase", json_integer(it->phase));
		acts = json_array();
		for (j = 0; j < it->nactions; j++) {
			ao = json_object();
			set(ao, "text", str(it->actions[j]->text));
			set(ao, "hours", r1(it->actions[j]->hours));
			set(ao, "milestone", str(it->actions[j]->milestone));
			json_array_append_new(acts, ao);
		}
		set(io, "actions", acts);
		json_array_append_new(items, io);
	}
	set(o, "items", items);

	phases = json_array();
	for (i = 0; i < a->nphases; i++) {
		ph = &a->phases[i];
		io = json_object();
		set(io, "name", str(m->phases[ph->info].name));
		set(io, "goal", str(m->phases[ph->info].goal));
		set(io, "hours", r1(ph->hours));
		set(io, "weeks", json_integer(ph->weeks));
		set(io, "start_week", json_integer(ph->start_week));
		json_array_append_new(phases, io);
	}
	set(o, "phases", phases);
	return o;
}

static json_t *
raises(const struct assessment *a, enum role r)
{
	const struct raise	*x;
	json_t			*arr, *o;
	int			 i;

	arr = json_array();
	for (i = 0; i < a->nraises[r]; i++) {
		x = &a->raises[r][i];
		o = json_object();
		set(o, "dimension", x->dim >= 0 ?
		    str(a->market->dims[x->dim].id) : json_string("experience"));
		set(o, "to_level", x->dim >= 0 ? json_integer(x->to_level) :
		    json_null());
		set(o, "delta", r1(x->delta));
		set(o, "what", str(x->what));
		json_array_append_new(arr, o);
	}
	return arr;
}

char *
score_json(const struct assessment *a)
{
	const struct profile	*p = a->profile;
	json_t			*o, *f, *rec, *rs, *ra;
	char			 date[16];
	char			*out;
	int			 i;

	snprintf(date, sizeof(date), "%04d-%02d", a->today.year,
	    a->today.month);
	if ((o = json_object()) == NULL)
		return NULL;
	set(o, "schema_version", json_integer(SCHEMA_VERSION));
	set(o, "id", str(p->id));
	set(o, "name", str(p->name));
	set(o, "path", str(p->path));
	set(o, "market", json_string(market_id(p->market)));
	set(o, "date", json_string(date));
	set(o, "production_years", r1(p->production_years));
	set(o, "seniority", json_string(seniority_id(a->seniority)));
	set(o, "seniority_band", seniority_band(a));
	set(o, "target", json_string(target_id(p->target)));

	f = json_object();
	set(f, "fde", fit(a, ROLE_FDE));
	set(f, "mlops", fit(a, ROLE_MLOPS));
	set(o, "fits", f);

	rec = json_object();
	set(rec, "id", json_string(recommendation_id(a->rec)));
	set(rec, "reason", str(rec_reason_id(a->why)));
	rs = json_array();
	for (i = 0; i < a->nreasons; i++)
		json_array_append_new(rs, json_string(a->reasons[i]));
	set(rec, "reasons", rs);
	set(o, "recommendation", rec);

	set(o, "dimensions", dimensions(a));
	set(o, "salary", salary(a));
	set(o, "plan", plan(a));

	ra = json_object();
	set(ra, "fde", raises(a, ROLE_FDE));
	set(ra, "mlops", raises(a, ROLE_MLOPS));
	set(o, "raises", ra);

	out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(12));
	json_decref(o);
	return out;
}
