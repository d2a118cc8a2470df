/*
 * manifest.c: DIR/manifest.json read and written with jansson; see
 * manifest.h.  A manifest is a cache: anything wrong with it costs a full
 * rebuild and a warning, never the run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "manifest.h"
#include "model.h"
#include "report.h"

#define MANIFEST_FORMAT	1

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
	{ "levels",		offsetof(struct mentry, levels) },
	{ "plan",		offsetof(struct mentry, plan) },
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
manifest_add(struct manifest *m, const struct mentry *e)
{
	struct mentry	*v, *c;
	size_t		 i, cap;
	const char	*s;

	if (m->n == m->cap) {
		cap = m->cap ? 2 * m->cap : 64;
		if ((v = realloc(m->v, cap * sizeof(*v))) == NULL)
			return -1;
		m->v = v;
		m->cap = cap;
	}
	c = &m->v[m->n];
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

/* One JSON object to an entry; -1 when it lacks a path or a field has
 * the wrong type (the caller then discards the whole manifest). */
static int
entry_from_json(json_t *o, struct mentry *e)
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
	return 0;
}

int
manifest_load(struct manifest *m, const char *path, struct diag *d)
{
	json_t		*root, *list, *o, *v;
	json_error_t	 err;
	struct mentry	 e;
	size_t		 i;
	FILE		*f;

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
	    json_integer_value(json_object_get(root, "format")) !=
	    MANIFEST_FORMAT ||
	    !json_is_array(list = json_object_get(root, "profiles")))
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
		if (entry_from_json(o, &e) == -1 || manifest_add(m, &e) == -1)
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

/* Sets key to a string (or skips it when s is NULL); -1 on failure. */
static int
set_str(json_t *o, const char *key, const char *s)
{
	if (s == NULL)
		return 0;
	return json_object_set_new(o, key, json_string(s));
}

static int
str_eq(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

int
manifest_equal(struct manifest *a, struct manifest *b)
{
	size_t	 i, f;

	if (a->n != b->n || !str_eq(a->shard, b->shard) ||
	    !str_eq(a->index_sha256, b->index_sha256) ||
	    !str_eq(a->index_output_sha256, b->index_output_sha256))
		return 0;
	manifest_sort(a);	/* b is as loaded: sorted already */
	for (i = 0; i < a->n; i++) {
		if (a->v[i].has_fit != b->v[i].has_fit ||
		    (a->v[i].has_fit && (a->v[i].fde != b->v[i].fde ||
		    a->v[i].mlops != b->v[i].mlops)))
			return 0;
		for (f = 0; f < NFIELDS; f++)
			if (!str_eq(*field_ptr(&a->v[i], f),
			    *field_ptr(&b->v[i], f)))
				return 0;
	}
	return 1;
}

char *
manifest_dump(struct manifest *m)
{
	json_t		*root, *list, *o;
	char		*out = NULL;
	size_t		 i, j;
	int		 bad = 0;

	manifest_sort(m);
	if ((root = json_object()) == NULL)
		return NULL;
	if ((list = json_array()) == NULL) {
		json_decref(root);
		return NULL;
	}
	bad |= json_object_set_new(root, "format",
	    json_integer(MANIFEST_FORMAT));
	bad |= set_str(root, "shard", m->shard);
	bad |= set_str(root, "index_sha256", m->index_sha256);
	bad |= set_str(root, "index_output_sha256", m->index_output_sha256);
	bad |= json_object_set_new(root, "profiles", list);
	for (i = 0; i < m->n && !bad; i++) {
		if ((o = json_object()) == NULL) {
			bad = 1;
			break;
		}
		for (j = 0; j < NFIELDS; j++)
			bad |= set_str(o, fields[j].key, field_get(&m->v[i], j));
		if (m->v[i].has_fit) {
			bad |= json_object_set_new(o, "fde",
			    json_real(m->v[i].fde));
			bad |= json_object_set_new(o, "mlops",
			    json_real(m->v[i].mlops));
		}
		bad |= json_array_append_new(list, o);
	}
	/* Compact: at 10,000 profiles the indented form was 9 MB to write
	 * and parse on every run; `jq . manifest.json` shows it indented. */
	if (!bad)
		out = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(10));
	json_decref(root);
	if (out == NULL)
		return NULL;
	/* A trailing newline, for the operators' editors and diff. */
	{
		size_t	 n = strlen(out);
		char	*p;

		if ((p = realloc(out, n + 2)) == NULL) {
			free(out);
			return NULL;
		}
		p[n] = '\n';
		p[n + 1] = '\0';
		out = p;
	}
	return out;
}

/* ------------------------------------------- the last assessment per id */

/* Appends "s" (and a comma before it unless first) to a growing string. */
static int
append(char **buf, size_t *len, size_t *cap, const char *pre,
    const char *s, const char *post)
{
	size_t	 need = strlen(pre) + strlen(s) + strlen(post) + 2;
	char	*p;

	if (*len + need > *cap) {
		*cap = (*len + need) * 2;
		if ((p = realloc(*buf, *cap)) == NULL)
			return -1;
		*buf = p;
	}
	*len += (size_t)snprintf(*buf + *len, *cap - *len, "%s%s%s%s",
	    *len > 0 ? "," : "", pre, s, post);
	return 0;
}

int
manifest_format_assessment(const struct market *m, const signed char *lv,
    int ndims, const short *plan, int nplan, char **lo, char **po)
{
	char	*l = NULL, *p = NULL, num[16];
	size_t	 ll = 0, lc = 0, pl = 0, pc = 0;
	int	 i, k;

	*lo = *po = NULL;
	if ((l = strdup("")) == NULL || (p = strdup("")) == NULL)
		goto fail;
	lc = pc = 1;
	for (i = 0; i < ndims && i < m->ndims; i++) {
		if (lv[i] < 0)
			continue;
		snprintf(num, sizeof(num), "=%d", lv[i]);
		if (append(&l, &ll, &lc, "", m->dims[i].id, num) == -1)
			goto fail;
	}
	for (i = 0; i < nplan; i++) {
		k = plan[i];
		if (k >= 0 && k < m->ndims) {
			if (append(&p, &pl, &pc, "dim:", m->dims[k].id, "") == -1)
				goto fail;
		} else if (k < 0 && -1 - k < m->nareas) {
			if (append(&p, &pl, &pc, "area:", m->areas[-1 - k].id,
			    "") == -1)
				goto fail;
		}
	}
	*lo = l;
	*po = p;
	return 0;
fail:
	free(l);
	free(p);
	return -1;
}

static int
dim_index(const struct market *m, const char *id, size_t n)
{
	int	 i;

	for (i = 0; i < m->ndims; i++)
		if (strlen(m->dims[i].id) == n &&
		    strncmp(m->dims[i].id, id, n) == 0)
			return i;
	return -1;
}

static int
area_index(const struct market *m, const char *id, size_t n)
{
	int	 i;

	for (i = 0; i < m->nareas; i++)
		if (strlen(m->areas[i].id) == n &&
		    strncmp(m->areas[i].id, id, n) == 0)
			return i;
	return -1;
}

int
mentry_previous(const struct mentry *e, const struct market *m,
    struct prev_assessment *pv)
{
	const char	*s, *end, *eq;
	size_t		 n;
	int		 i, k, lv;

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
	/* "id=3,id=2": ids the market no longer has are skipped */
	for (s = e->levels; s != NULL && *s != '\0'; s = *end ? end + 1 : end) {
		end = s + strcspn(s, ",");
		if ((eq = memchr(s, '=', (size_t)(end - s))) == NULL)
			continue;
		lv = atoi(eq + 1);
		if ((k = dim_index(m, s, (size_t)(eq - s))) >= 0 && lv >= 0 &&
		    lv <= LEVEL_MAX)
			pv->level[k] = lv;
		pv->has_levels = 1;
	}
	/* "dim:id,area:id" */
	for (s = e->plan; s != NULL; s = *end ? end + 1 : NULL) {
		pv->has_plan = 1;
		end = s + strcspn(s, ",");
		n = (size_t)(end - s);
		if (pv->nplan >= PREV_MAX_PLAN)
			break;
		if (n > 4 && strncmp(s, "dim:", 4) == 0 &&
		    (k = dim_index(m, s + 4, n - 4)) >= 0) {
			pv->plan_dim[pv->nplan] = k;
			pv->plan_area[pv->nplan++] = -1;
		} else if (n > 5 && strncmp(s, "area:", 5) == 0 &&
		    (k = area_index(m, s + 5, n - 5)) >= 0) {
			pv->plan_dim[pv->nplan] = -1;
			pv->plan_area[pv->nplan++] = k;
		}
		if (*end == '\0')
			break;
	}
	return 0;
}
