/*
 * manifest.c: DIR/manifest.json and DIR/manifest.journal of an older
 * reportgen, read with jansson (see manifest.h), and the entries the
 * batch keeps in memory.  A manifest is a cache: anything wrong with it
 * costs a full rebuild and a warning, never the run.  Nothing writes the
 * format any more; tests/unit/test_manifest.c writes its own files, as an
 * older reportgen did.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "manifest.h"
#include "model.h"
#include "report.h"

#define MANIFEST_FORMAT	2	/* 1: levels and plan as strings */

/* The string members of struct mentry with their JSON keys, in output
 * order: adding a field is one line here and one in the struct. */
static const struct field {
	const char	*key;
	size_t		 off;
} fields[] = {
	{ "path",		offsetof(struct mentry, path) },
	{ "id",			offsetof(struct mentry, id) },
	{ "status",		offsetof(struct mentry, status) },
	{ "input_sha256",	offsetof(struct mentry, input_sha256) },
	{ "market_sha256",	offsetof(struct mentry, market_sha256) },
	{ "assets_sha256",	offsetof(struct mentry, assets_sha256) },
	{ "tool",		offsetof(struct mentry, tool) },
	{ "options",		offsetof(struct mentry, options) },
	{ "output",		offsetof(struct mentry, output) },
	{ "output_sha256",	offsetof(struct mentry, output_sha256) },
	{ "output_stat",	offsetof(struct mentry, output_stat) },
	{ "name",		offsetof(struct mentry, name) },
	{ "recommendation",	offsetof(struct mentry, recommendation) },
	{ "seniority",		offsetof(struct mentry, seniority) },
	{ "date",		offsetof(struct mentry, date) },
	{ "message",		offsetof(struct mentry, message) },
	{ "market",		offsetof(struct mentry, market) },
	{ "outcome",		offsetof(struct mentry, outcome) },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static char **
field_ptr(struct mentry *e, size_t i)
{
	return (char **)((char *)e + fields[i].off);
}

static const char *
field_get(const struct mentry *e, size_t i)
{
	return *(char *const *)((const char *)e + fields[i].off);
}

void
manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof(*m));
}

void
mentry_free(struct mentry *e)
{
	size_t	 i;

	for (i = 0; i < NFIELDS; i++) {
		free(*field_ptr(e, i));
		*field_ptr(e, i) = NULL;
	}
	for (i = 0; i < e->nlevels; i++)
		free(e->levels[i].dim);
	for (i = 0; i < e->nplan; i++)
		free(e->plan[i].id);
	free(e->levels);
	free(e->plan);
	e->levels = NULL;
	e->plan = NULL;
	e->nlevels = e->nplan = 0;
	e->has_levels = e->has_plan = 0;
}

void
mentry_borrow_assessment(struct mentry *dst, const struct mentry *src)
{
	dst->levels = src->levels;
	dst->nlevels = src->nlevels;
	dst->plan = src->plan;
	dst->nplan = src->nplan;
	dst->has_levels = src->has_levels;
	dst->has_plan = src->has_plan;
}

/* Deep copies of src's levels and plan into dst (which owns none yet). */
static int
copy_assessment(struct mentry *dst, const struct mentry *src)
{
	size_t	 i;

	dst->has_levels = src->has_levels;
	dst->has_plan = src->has_plan;
	if (src->nlevels > 0) {
		if ((dst->levels = calloc(src->nlevels,
		    sizeof(*dst->levels))) == NULL)
			return -1;
		for (i = 0; i < src->nlevels; i++, dst->nlevels++) {
			dst->levels[i].level = src->levels[i].level;
			if ((dst->levels[i].dim = strdup(src->levels[i].dim)) ==
			    NULL)
				return -1;
		}
	}
	if (src->nplan > 0) {
		if ((dst->plan = calloc(src->nplan, sizeof(*dst->plan))) ==
		    NULL)
			return -1;
		for (i = 0; i < src->nplan; i++, dst->nplan++) {
			dst->plan[i].area = src->plan[i].area;
			if ((dst->plan[i].id = strdup(src->plan[i].id)) == NULL)
				return -1;
		}
	}
	return 0;
}

void
manifest_free(struct manifest *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		mentry_free(&m->v[i]);
	free(m->v);
	free(m->shard);
	free(m->index_sha256);
	free(m->index_output_sha256);
	manifest_init(m);
}

int
mentry_copy(struct mentry *c, const struct mentry *e)
{
	size_t		 i;
	const char	*s;

	memset(c, 0, sizeof(*c));
	c->fde = e->fde;
	c->mlops = e->mlops;
	c->has_fit = e->has_fit;
	for (i = 0; i < NFIELDS; i++) {
		if ((s = field_get(e, i)) == NULL)
			continue;
		if ((*field_ptr(c, i) = strdup(s)) == NULL) {
			mentry_free(c);
			return -1;
		}
	}
	if (copy_assessment(c, e) == -1) {
		mentry_free(c);
		return -1;
	}
	return 0;
}

int
manifest_add(struct manifest *m, const struct mentry *e)
{
	struct mentry	*v;
	size_t		 cap;

	if (m->n == m->cap) {
		cap = m->cap ? 2 * m->cap : 64;
		if ((v = realloc(m->v, cap * sizeof(*v))) == NULL)
			return -1;
		m->v = v;
		m->cap = cap;
	}
	if (mentry_copy(&m->v[m->n], e) == -1)
		return -1;
	m->n++;
	return 0;
}

static int
entrycmp(const void *a, const void *b)
{
	return strcmp(((const struct mentry *)a)->path,
	    ((const struct mentry *)b)->path);
}

static void
manifest_sort(struct manifest *m)
{
	if (m->n > 1)
		qsort(m->v, m->n, sizeof(*m->v), entrycmp);
}

const struct mentry *
manifest_find(const struct manifest *m, const char *path)
{
	struct mentry	 key;

	if (m->n == 0)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	return bsearch(&key, m->v, m->n, sizeof(*m->v), entrycmp);
}

/* The levels and plan of a format-2 entry: {"cloud": 3}, and
 * [{"dim": "cloud"}, {"area": "x"}].  -1 on a wrong type or range, or
 * allocation. */
static int
assessment_from_json(json_t *o, struct mentry *e)
{
	json_t		*lv, *pl, *v, *it;
	const char	*k;
	size_t		 i;

	if ((lv = json_object_get(o, "levels")) != NULL && !json_is_null(lv)) {
		if (!json_is_object(lv))
			return -1;
		e->has_levels = 1;
		if (json_object_size(lv) > 0 && (e->levels = calloc(
		    json_object_size(lv), sizeof(*e->levels))) == NULL)
			return -1;
		json_object_foreach(lv, k, v) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > LEVEL_MAX)
				return -1;
			e->levels[e->nlevels].level =
			    (int)json_integer_value(v);
			if ((e->levels[e->nlevels].dim = strdup(k)) == NULL)
				return -1;
			e->nlevels++;
		}
	}
	if ((pl = json_object_get(o, "plan")) != NULL && !json_is_null(pl)) {
		if (!json_is_array(pl))
			return -1;
		e->has_plan = 1;
		if (json_array_size(pl) > 0 && (e->plan = calloc(
		    json_array_size(pl), sizeof(*e->plan))) == NULL)
			return -1;
		json_array_foreach(pl, i, it) {
			if (!json_is_object(it) || json_object_size(it) != 1)
				return -1;
			if ((v = json_object_get(it, "dim")) != NULL)
				e->plan[e->nplan].area = 0;
			else if ((v = json_object_get(it, "area")) != NULL)
				e->plan[e->nplan].area = 1;
			if (v == NULL || !json_is_string(v))
				return -1;
			if ((e->plan[e->nplan].id =
			    strdup(json_string_value(v))) == NULL)
				return -1;
			e->nplan++;
		}
	}
	return 0;
}

/* Format 1's strings, "cloud=3,containers=2" and "dim:cloud,area:x",
 * read once: every item checked (strtol, not atoi); -1 when one is
 * malformed or on allocation. */
static int
assessment_from_v1(json_t *o, struct mentry *e)
{
	json_t		*v;
	const char	*s, *end, *sep;
	char		*stop;
	size_t		 n, cap;
	long		 lv;

	if ((v = json_object_get(o, "levels")) != NULL && !json_is_null(v)) {
		if (!json_is_string(v))
			return -1;
		e->has_levels = 1;
		s = json_string_value(v);
		for (cap = 1, end = s; (end = strchr(end, ',')) != NULL; end++)
			cap++;
		if (*s != '\0' && (e->levels = calloc(cap,
		    sizeof(*e->levels))) == NULL)
			return -1;
		for (; *s != '\0'; s = *end != '\0' ? end + 1 : end) {
			end = s + strcspn(s, ",");
			if ((sep = memchr(s, '=', (size_t)(end - s))) == NULL ||
			    sep == s || e->nlevels >= cap)
				return -1;
			lv = strtol(sep + 1, &stop, 10);
			if (stop != end || sep + 1 == end || lv < 0 ||
			    lv > LEVEL_MAX)
				return -1;
			n = (size_t)(sep - s);
			if ((e->levels[e->nlevels].dim = strndup(s, n)) == NULL)
				return -1;
			e->levels[e->nlevels++].level = (int)lv;
		}
	}
	if ((v = json_object_get(o, "plan")) != NULL && !json_is_null(v)) {
		if (!json_is_string(v))
			return -1;
		e->has_plan = 1;
		s = json_string_value(v);
		for (cap = 1, end = s; (end = strchr(end, ',')) != NULL; end++)
			cap++;
		if (*s != '\0' && (e->plan = calloc(cap, sizeof(*e->plan))) ==
		    NULL)
			return -1;
		for (; *s != '\0'; s = *end != '\0' ? end + 1 : end) {
			end = s + strcspn(s, ",");
			if (e->nplan >= cap)
				return -1;
			if (strncmp(s, "dim:", 4) == 0 && end - s > 4) {
				e->plan[e->nplan].area = 0;
				s += 4;
			} else if (strncmp(s, "area:", 5) == 0 && end - s > 5) {
				e->plan[e->nplan].area = 1;
				s += 5;
			} else
				return -1;
			if ((e->plan[e->nplan++].id = strndup(s,
			    (size_t)(end - s))) == NULL)
				return -1;
		}
	}
	return 0;
}

/* One JSON object to an entry (its strings borrowed from o, its levels
 * and plan owned: free them with free_assessment); -1 when it lacks a
 * path or a field has the wrong type (the caller then discards the
 * whole manifest). */
static int
entry_from_json(json_t *o, struct mentry *e, int format)
{
	json_t		*v;
	size_t		 i;

	memset(e, 0, sizeof(*e));
	if (!json_is_object(o))
		return -1;
	for (i = 0; i < NFIELDS; i++) {
		if ((v = json_object_get(o, fields[i].key)) == NULL ||
		    json_is_null(v))
			continue;
		if (!json_is_string(v))
			return -1;
		*field_ptr(e, i) = (char *)(uintptr_t)json_string_value(v);
	}
	if (e->path == NULL || e->status == NULL)
		return -1;
	if ((v = json_object_get(o, "fde")) != NULL && json_is_number(v)) {
		e->fde = json_number_value(v);
		if ((v = json_object_get(o, "mlops")) == NULL ||
		    !json_is_number(v))
			return -1;
		e->mlops = json_number_value(v);
		e->has_fit = 1;
	}
	return format == 1 ? assessment_from_v1(o, e) :
	    assessment_from_json(o, e);
}

/* Frees what entry_from_json allocated (not the borrowed strings). */
static void
free_assessment(struct mentry *e)
{
	size_t	 i;

	for (i = 0; i < NFIELDS; i++)
		*field_ptr(e, i) = NULL;
	mentry_free(e);
}

int
manifest_load(struct manifest *m, const char *path, struct diag *d)
{
	json_t		*root, *list, *o, *v;
	json_error_t	 err;
	struct mentry	 e;
	size_t		 i;
	FILE		*f;
	int		 rc;

	manifest_init(m);
	if ((f = fopen(path, "re")) == NULL)
		return 0;	/* none yet: a cold run */
	root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
	fclose(f);
	if (root == NULL) {
		diag(d, SEV_WARNING, path, err.line,
		    "manifest unreadable (%s); rebuilding everything",
		    err.text);
		return -1;
	}
	if (!json_is_object(root) ||
	    !json_is_array(list = json_object_get(root, "profiles")))
		goto bad;
	m->format = (int)json_integer_value(json_object_get(root, "format"));
	if (m->format != MANIFEST_FORMAT && m->format != 1)
		goto bad;
	if ((v = json_object_get(root, "shard")) != NULL &&
	    json_is_string(v) &&
	    (m->shard = strdup(json_string_value(v))) == NULL)
		goto bad;
	if ((v = json_object_get(root, "index_sha256")) != NULL &&
	    json_is_string(v) &&
	    (m->index_sha256 = strdup(json_string_value(v))) == NULL)
		goto bad;
	if ((v = json_object_get(root, "index_output_sha256")) != NULL &&
	    json_is_string(v) && (m->index_output_sha256 =
	    strdup(json_string_value(v))) == NULL)
		goto bad;
	json_array_foreach(list, i, o) {
		rc = entry_from_json(o, &e, m->format) == -1 ? -1 :
		    manifest_add(m, &e);
		free_assessment(&e);
		if (rc == -1)
			goto bad;
	}
	json_decref(root);
	manifest_sort(m);
	for (i = 1; i < m->n; i++)
		if (strcmp(m->v[i - 1].path, m->v[i].path) == 0) {
			diag(d, SEV_WARNING, path, 0, "manifest lists '%s' "
			    "twice; rebuilding everything", m->v[i].path);
			manifest_free(m);
			return -1;
		}
	return 0;
bad:
	json_decref(root);
	manifest_free(m);
	diag(d, SEV_WARNING, path, 0,
	    "manifest not in the expected form; rebuilding everything");
	return -1;
}

/* Replaces the entry of e->path in m with e (or adds it); -1 on
 * allocation failure. */
static int
manifest_put(struct manifest *m, const struct mentry *e)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, e->path) == 0) {
			mentry_free(&m->v[i]);
			m->v[i] = m->v[--m->n];
			break;
		}
	return manifest_add(m, e);
}

size_t
manifest_replay(struct manifest *m, const char *path, struct diag *d)
{
	json_t		*o, *v;
	json_error_t	 err;
	struct mentry	 e;
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, n = 0, lineno = 0;
	ssize_t		 len;
	int		 rc;

	if ((f = fopen(path, "re")) == NULL)
		return 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[len - 1] != '\n')
			break;		/* cut short by a kill: not used */
		if ((o = json_loads(line, JSON_REJECT_DUPLICATES, &err)) ==
		    NULL)
			goto bad;
		if (lineno == 1) {
			/* the header: this format, the shard of the manifest
			 * (or, with no manifest, any shard: it is adopted) */
			v = json_object_get(o, "shard");
			rc = json_integer_value(json_object_get(o,
			    "journal")) == MANIFEST_FORMAT &&
			    (v == NULL || json_is_string(v));
			if (rc && m->n > 0 && (v == NULL ? m->shard != NULL :
			    m->shard == NULL ||
			    strcmp(m->shard, json_string_value(v)) != 0))
				rc = 0;
			if (rc && v != NULL && m->shard == NULL &&
			    (m->shard = strdup(json_string_value(v))) == NULL)
				rc = 0;
			json_decref(o);
			if (!rc)
				goto bad;
			continue;
		}
		rc = entry_from_json(o, &e, MANIFEST_FORMAT) == -1 ? -1 :
		    manifest_put(m, &e);
		free_assessment(&e);
		json_decref(o);
		if (rc == -1)
			goto bad;
		n++;
	}
	free(line);
	fclose(f);
	if (n > 0) {
		manifest_sort(m);
		m->format = -1;		/* manifest.json must be rewritten */
	}
	return n;
bad:
	free(line);
	fclose(f);
	diag(d, SEV_WARNING, path, (int)lineno, "journal not in the "
	    "expected form from here on (or made for another --shard); what "
	    "follows is not used, those reports are rendered again");
	return n > 0 ? (manifest_sort(m), m->format = -1, n) : 0;
}

/* ------------------------------------------- the last assessment per id */

int
manifest_format_assessment(const struct market *m, const signed char *lv,
    int ndims, const short *plan, int nplan, struct mentry *e)
{
	int	 i, k;

	e->has_levels = e->has_plan = 1;
	if (ndims > 0 && (e->levels = calloc((size_t)ndims,
	    sizeof(*e->levels))) == NULL)
		return -1;
	for (i = 0; i < ndims && i < m->ndims; i++) {
		if (lv[i] < 0)
			continue;
		if ((e->levels[e->nlevels].dim = strdup(m->dims[i].id)) ==
		    NULL)
			return -1;
		e->levels[e->nlevels++].level = lv[i];
	}
	if (nplan > 0 && (e->plan = calloc((size_t)nplan,
	    sizeof(*e->plan))) == NULL)
		return -1;
	for (i = 0; i < nplan; i++) {
		k = plan[i];
		if (k >= 0 && k < m->ndims) {
			if ((e->plan[e->nplan].id = strdup(m->dims[k].id)) ==
			    NULL)
				return -1;
			e->plan[e->nplan++].area = 0;
		} else if (k < 0 && -1 - k < m->nareas) {
			if ((e->plan[e->nplan].id =
			    strdup(m->areas[-1 - k].id)) == NULL)
				return -1;
			e->plan[e->nplan++].area = 1;
		}
	}
	return 0;
}

static int
dim_index(const struct market *m, const char *id)
{
	int	 i;

	for (i = 0; i < m->ndims; i++)
		if (strcmp(m->dims[i].id, id) == 0)
			return i;
	return -1;
}

static int
area_index(const struct market *m, const char *id)
{
	int	 i;

	for (i = 0; i < m->nareas; i++)
		if (strcmp(m->areas[i].id, id) == 0)
			return i;
	return -1;
}

int
mentry_previous(const struct mentry *e, const struct market *m,
    struct prev_assessment *pv)
{
	int		 i, k;

	memset(pv, 0, sizeof(*pv));
	if (e == NULL || !e->has_fit)
		return -1;
	for (i = 0; i < MAX_DIMS; i++)
		pv->level[i] = -1;
	pv->fit[ROLE_FDE] = e->fde;
	pv->fit[ROLE_MLOPS] = e->mlops;
	pv->rec = -1;
	for (k = REC_FDE; e->recommendation != NULL && k <= REC_NOT_YET; k++)
		if (strcmp(recommendation_id((enum recommendation)k),
		    e->recommendation) == 0)
			pv->rec = k;
	if (e->date != NULL)
		snprintf(pv->date, sizeof(pv->date), "%s", e->date);
	/* ids the market no longer has are skipped */
	for (i = 0; i < (int)e->nlevels; i++)
		if ((k = dim_index(m, e->levels[i].dim)) >= 0 &&
		    e->levels[i].level >= 0 && e->levels[i].level <= LEVEL_MAX)
			pv->level[k] = e->levels[i].level;
	pv->has_levels = e->has_levels;
	pv->has_plan = e->has_plan;
	for (i = 0; i < (int)e->nplan && pv->nplan < PREV_MAX_PLAN; i++) {
		if (!e->plan[i].area &&
		    (k = dim_index(m, e->plan[i].id)) >= 0) {
			pv->plan_dim[pv->nplan] = k;
			pv->plan_area[pv->nplan++] = -1;
		} else if (e->plan[i].area &&
		    (k = area_index(m, e->plan[i].id)) >= 0) {
			pv->plan_dim[pv->nplan] = -1;
			pv->plan_area[pv->nplan++] = k;
		}
	}
	return 0;
}
