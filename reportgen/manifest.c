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
	{ "name",		offsetof(struct mentry, name) },
	{ "recommendation",	offsetof(struct mentry, recommendation) },
	{ "seniority",		offsetof(struct mentry, seniority) },
	{ "date",		offsetof(struct mentry, date) },
	{ "message",		offsetof(struct mentry, message) },
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
	if (!bad)
		out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
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
