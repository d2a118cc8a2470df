/*
 * import_json.c: reading a JSON Resume with jansson (the only file of
 * the import that includes it).  The file is read with readfile() (a
 * size cap, regular files only), parsed with json_loadb (duplicate keys
 * refused, no NUL in strings), and the five sections a profile uses are
 * copied into struct resume.  A field of the wrong type is skipped and
 * counted, so one odd field does not lose the rest of a résumé.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <jansson.h>

#include "import_json.h"
#include "readfile.h"

/* A copy of obj[key] when it is a non-empty string. */
static char *
str(json_t *obj, const char *key, struct resume *r)
{
	json_t		*v = json_object_get(obj, key);
	const char	*s;
	char		*c;

	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_is_integer(v)) {	/* "level": 3 */
		char	 n[32];

		snprintf(n, sizeof(n), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return strdup(n);
	}
	if (!json_is_string(v)) {
		r->mistyped++;
		return NULL;
	}
	s = json_string_value(v);
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0')
		return NULL;
	if ((c = strdup(s)) == NULL)
		return NULL;
	return c;
}

static void
words(json_t *obj, const char *key, struct rs_words *w, struct resume *r)
{
	json_t	*a = json_object_get(obj, key), *v;
	size_t	 i;

	if (a == NULL || json_is_null(a))
		return;
	if (!json_is_array(a)) {
		r->mistyped++;
		return;
	}
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0) {
			r->mistyped += !json_is_string(v);
			continue;
		}
		if (w->n == RS_MAX_WORDS) {
			r->dropped++;
			continue;
		}
		if ((w->w[w->n] = strdup(json_string_value(v))) != NULL)
			w->n++;
	}
}

/* The objects of array obj[key], at most RS_MAX_ITEMS; *n counts them. */
static json_t *
list(json_t *root, const char *key, struct resume *r)
{
	json_t	*a = json_object_get(root, key);

	if (a == NULL || json_is_null(a))
		return NULL;
	if (!json_is_array(a)) {
		r->mistyped++;
		return NULL;
	}
	if (json_array_size(a) > RS_MAX_ITEMS)
		r->dropped += (int)(json_array_size(a) - RS_MAX_ITEMS);
	return a;
}

int
resume_read(const char *path, struct resume *r, struct diag *d)
{
	static const struct readfile rf = { RS_MAX_BYTES, 0, NULL, NULL };
	json_error_t	 err;
	json_t		*root, *a, *v, *basics, *loc;
	char		*buf;
	size_t		 len, i;
	int		 rc;

	memset(r, 0, sizeof(*r));
	if ((rc = readfile(path, &rf, &buf, &len, d)) != 0)
		return rc;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	readfile_free(buf, len, 0);
	if (root == NULL) {
		diag(d, SEV_ERROR, path, err.line, "not JSON (column %d): %s",
		    err.column, err.text);
		return EX_DATAERR;
	}
	if (!json_is_object(root)) {
		diag(d, SEV_ERROR, path, 1, "a JSON Resume is one object "
		    "({\"basics\": ..., \"work\": [...]}), not a %s",
		    json_is_array(root) ? "list" : "single value");
		json_decref(root);
		return EX_DATAERR;
	}
	if ((basics = json_object_get(root, "basics")) != NULL &&
	    json_is_object(basics)) {
		r->name = str(basics, "name", r);
		r->label = str(basics, "label", r);
		r->email = str(basics, "email", r);
		if ((loc = json_object_get(basics, "location")) != NULL &&
		    json_is_object(loc))
			r->country = str(loc, "countryCode", r);
	}
	if ((a = list(root, "work", r)) != NULL)
		json_array_foreach(a, i, v) {
			struct rs_work	*w = &r->work[r->nwork];

			if (r->nwork == RS_MAX_ITEMS || !json_is_object(v))
				continue;
			if ((w->org = str(v, "name", r)) == NULL)
				w->org = str(v, "company", r);
			w->title = str(v, "position", r);
			w->start = str(v, "startDate", r);
			w->end = str(v, "endDate", r);
			w->summary = str(v, "summary", r);
			words(v, "highlights", &w->highlights, r);
			r->nwork++;
		}
	if ((a = list(root, "skills", r)) != NULL)
		json_array_foreach(a, i, v) {
			struct rs_skill	*s = &r->skills[r->nskills];

			if (r->nskills == RS_MAX_ITEMS || !json_is_object(v))
				continue;
			s->name = str(v, "name", r);
			s->level = str(v, "level", r);
			words(v, "keywords", &s->keywords, r);
			r->nskills++;
		}
	if ((a = list(root, "projects", r)) != NULL)
		json_array_foreach(a, i, v) {
			struct rs_project *p = &r->projects[r->nprojects];

			if (r->nprojects == RS_MAX_ITEMS || !json_is_object(v))
				continue;
			p->name = str(v, "name", r);
			p->description = str(v, "description", r);
			words(v, "keywords", &p->keywords, r);
			r->nprojects++;
		}
	if ((a = list(root, "certificates", r)) != NULL)
		json_array_foreach(a, i, v) {
			struct rs_cert	*c = &r->certs[r->ncerts];

			if (r->ncerts == RS_MAX_ITEMS || !json_is_object(v))
				continue;
			c->name = str(v, "name", r);
			c->issuer = str(v, "issuer", r);
			r->ncerts++;
		}
	json_decref(root);
	return 0;
}

static void
words_free(struct rs_words *w)
{
	int	 i;

	for (i = 0; i < w->n; i++)
		free(w->w[i]);
}

void
resume_free(struct resume *r)
{
	int	 i;

	free(r->name);
	free(r->label);
	free(r->email);
	free(r->country);
	for (i = 0; i < r->nwork; i++) {
		free(r->work[i].org);
		free(r->work[i].title);
		free(r->work[i].start);
		free(r->work[i].end);
		free(r->work[i].summary);
		words_free(&r->work[i].highlights);
	}
	for (i = 0; i < r->nskills; i++) {
		free(r->skills[i].name);
		free(r->skills[i].level);
		words_free(&r->skills[i].keywords);
	}
	for (i = 0; i < r->nprojects; i++) {
		free(r->projects[i].name);
		free(r->projects[i].description);
		words_free(&r->projects[i].keywords);
	}
	for (i = 0; i < r->ncerts; i++) {
		free(r->certs[i].name);
		free(r->certs[i].issuer);
	}
	memset(r, 0, sizeof(*r));
}
