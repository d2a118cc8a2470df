/*
 * batch_log.c: what the batch says about each profile and at the end, on
 * stderr: the profile's own messages by severity (--quiet, --verbose),
 * or one JSON object per profile (--log-format json), and the closing
 * count.  jansson is used here for the JSON log lines only.
 */
#include <sys/resource.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "batch_private.h"

/* Appends text (whole lines) to a job's messages. */
static void
job_append(struct job *j, const char *text, size_t n)
{
	size_t	 old;
	char	*p;

	old = j->msgs != NULL ? strlen(j->msgs) : 0;
	if ((p = realloc(j->msgs, old + n + 1)) == NULL)
		return;
	memcpy(p + old, text, n);
	p[old + n] = '\0';
	j->msgs = p;
}

void
job_diag(struct job *j, enum severity sev, const char *fmt, ...)
{
	struct diag	 d;
	va_list		 ap;

	diag_init(&d, NULL);
	d.keep = 1;
	va_start(ap, fmt);
	vdiag(&d, sev, j->path, 0, fmt, ap);
	va_end(ap);
	if (d.buf != NULL)
		job_append(j, d.buf, d.len);
	diag_free(&d);
}

void
job_replay(struct job *j, const char *msgs)
{
	char		 line[1024], esc[1200];
	const char	*p, *e;
	size_t		 n;

	for (p = msgs; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		n = (size_t)(e - p) < sizeof(line) ? (size_t)(e - p) :
		    sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		diag_escape(line, esc, sizeof(esc) - 1);
		n = strlen(esc);
		esc[n++] = '\n';
		job_append(j, esc, n);
	}
}

/*
 * Warnings grouped by their text across profiles: without --verbose the
 * batch prints each distinct warning once at the end, with how many
 * profiles had it and the first few "path:line" where.  Memory grows
 * with the distinct texts, not with the profiles.
 */
#define WGROUP_SHOW	5	/* places named before "and N more" */

struct wgroup {
	struct wgroup	*next;		/* same hash bucket */
	struct wgroup	*order;		/* first seen first */
	char		*text;		/* after "warning: " */
	size_t		 count;
	char		*where[WGROUP_SHOW];	/* "path:line" */
};

static struct wgroups {
	struct wgroup	*bucket[1024];
	struct wgroup	*first, **last;
} wg = { .last = &wg.first };

static uint32_t
wg_hash(const char *s, size_t n)
{
	uint32_t	 h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static char *
strndup_(const char *s, size_t n)
{
	char	*p;

	if ((p = malloc(n + 1)) != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* One warning line "where: warning: text\n" ([p, e)) into its group;
 * -1 when it could not be kept (then it is printed at once). */
static int
wg_add(const char *p, const char *e)
{
	const char	*sep = strstr(p, ": warning: ");
	const char	*t;
	size_t		 tn;
	uint32_t	 h;
	struct wgroup	*g;

	if (sep == NULL || sep >= e)
		return -1;
	t = sep + strlen(": warning: ");
	tn = (size_t)(e - t);
	if (tn > 0 && t[tn - 1] == '\n')
		tn--;
	h = wg_hash(t, tn) % (sizeof(wg.bucket) / sizeof(wg.bucket[0]));
	for (g = wg.bucket[h]; g != NULL; g = g->next)
		if (strncmp(g->text, t, tn) == 0 && g->text[tn] == '\0')
			break;
	if (g == NULL) {
		if ((g = calloc(1, sizeof(*g))) == NULL)
			return -1;
		if ((g->text = strndup_(t, tn)) == NULL) {
			free(g);
			return -1;
		}
		g->next = wg.bucket[h];
		wg.bucket[h] = g;
		*wg.last = g;
		wg.last = &g->order;
	}
	if (g->count < WGROUP_SHOW)
		g->where[g->count] = strndup_(p, (size_t)(sep - p));
	g->count++;
	return 0;
}

/* The groups, once each, in the order first seen; then forgotten. */
static void
wg_flush(struct run *R)
{
	struct wgroup	*g, *n;
	char		 list[1024];
	size_t		 i, k, len;

	for (g = wg.first; g != NULL; g = n) {
		n = g->order;
		if (g->count == 1 && g->where[0] != NULL)
			fprintf(stderr, "%s: warning: %s\n", g->where[0],
			    g->text);
		else {
			len = 0;
			list[0] = '\0';
			k = g->count < WGROUP_SHOW ? g->count : WGROUP_SHOW;
			for (i = 0; i < k && len < sizeof(list); i++)
				len += (size_t)snprintf(list + len,
				    sizeof(list) - len, "%s%s", i ? ", " : "",
				    g->where[i] != NULL ? g->where[i] : "?");
			if (g->count > k && len < sizeof(list))
				snprintf(list + len, sizeof(list) - len,
				    " and %zu more", g->count - k);
			diag(&R->d, SEV_WARNING, NULL, 0, "%s (in %zu "
			    "profiles: %s; --verbose lists each)", g->text,
			    g->count, list);
		}
		for (i = 0; i < WGROUP_SHOW; i++)
			free(g->where[i]);
		free(g->text);
		free(g);
	}
	memset(&wg, 0, sizeof(wg));
	wg.last = &wg.first;
}

/* Prints a job's messages, by severity: errors always, warnings unless
 * --quiet, notes with --verbose only.  Without --verbose, warnings are
 * grouped for the end (wg_flush), and those replayed for a profile the
 * run skipped (unchanged since they were printed) are not said again. */
static void
print_msgs(struct run *R, const struct job *j)
{
	const char	*p, *e, *msgs = j->msgs;
	int		 show, warn;

	if (msgs == NULL)
		return;
	for (p = msgs; *p != '\0'; p = e) {
		if ((e = strchr(p, '\n')) != NULL)
			e++;
		else
			e = p + strlen(p);
		warn = 0;
		if (strstr(p, ": note: ") != NULL &&
		    strstr(p, ": note: ") < e)
			show = R->o->verbose;
		else if (strstr(p, ": warning: ") != NULL &&
		    strstr(p, ": warning: ") < e) {
			show = !R->o->quiet &&
			    (j->state != JS_SKIP || R->o->verbose);
			warn = 1;
		} else
			show = 1;
		if (show && warn && !R->o->verbose && wg_add(p, e) == 0)
			show = 0;
		if (show) {
			progress_clear(&R->prog);
			fprintf(stderr, "%.*s", (int)(e - p), p);
		}
	}
}

/* The messages without notes, trailing newline dropped, for the summary
 * and the state; malloc'd or NULL. */
char *
msgs_for_summary(const char *msgs)
{
	const char	*p, *e, *n;
	char		*out, *q;

	if (msgs == NULL || (out = malloc(strlen(msgs) + 1)) == NULL)
		return NULL;
	q = out;
	for (p = msgs; *p != '\0'; p = e) {
		if ((e = strchr(p, '\n')) != NULL)
			e++;
		else
			e = p + strlen(p);
		n = strstr(p, ": note: ");
		if (n != NULL && n < e)
			continue;
		memcpy(q, p, (size_t)(e - p));
		q += e - p;
	}
	while (q > out && q[-1] == '\n')
		q--;
	*q = '\0';
	if (q == out) {
		free(out);
		return NULL;
	}
	return out;
}

static void
log_json_line(json_t *o)
{
	char	*s;

	if (o == NULL)
		return;
	if ((s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(6))) != NULL) {
		fprintf(stderr, "%s\n", s);
		free(s);
	}
	json_decref(o);
}

/* A string value of a JSON log line, escaped as diag() escapes (jansson
 * would pass a bidi override or a C1 control through as it is). */
static void
set_s(json_t *o, const char *k, const char *v)
{
	char	 esc[2048];

	if (v == NULL) {
		json_object_set_new(o, k, json_null());
		return;
	}
	json_object_set_new(o, k, json_string(diag_escape(v, esc,
	    sizeof(esc))));
}

/* Every JSON log line starts with its time, RFC 3339 (UTC, ms). */
static void
set_time(json_t *o)
{
	char	 ts[32];

	json_object_set_new(o, "time", json_string(diag_timestamp(ts,
	    sizeof(ts))));
}

/* A profile the run could not make a report for (what --quiet still
 * shows). */
static int
job_has_error(const struct job *j)
{
	return j->status != JOB_RENDERED && j->status != JOB_UNCHANGED &&
	    j->status != JOB_OTHER_SHARD && j->status != JOB_PENDING;
}

/* Time per stage of a rendered profile (issue 6's bench reads it). */
static void
stages_log(json_t *obj, const struct jres *j)
{
	static const char *const names[STAGE__N] = { "load", "score",
	    "layout", "serialise", "write" };
	json_t	*st;
	int	 i;

	if ((st = json_object()) == NULL)
		return;
	for (i = 0; i < STAGE__N; i++)
		json_object_set_new(st, names[i],
		    json_real((double)j->stage_us[i] / 1000.0));
	json_object_set_new(obj, "stages_ms", st);
}

/* One profile's outcome on stderr: a JSON object, or text lines. */
void
log_job(struct run *R, struct job *j)
{
	const struct batch_opts	*o = R->o;
	static const struct jres none = { .rec = -1, .sen = -1, .market = -1 };
	const struct jres	*r = j->res != NULL ? j->res : &none;
	char			 out[BATCH_ID_MAX + 8];
	char			*m;
	json_t			*obj;

	if (j->status == JOB_OTHER_SHARD)
		return;
	snprintf(out, sizeof(out), "%s.pdf", j->id);
	if (o->json_log) {
		/* --quiet: errors only, as in text */
		if (o->quiet && !job_has_error(j))
			return;
		if ((obj = json_object()) == NULL)
			return;
		set_time(obj);
		set_s(obj, "path", j->path);
		set_s(obj, "id", j->id[0] ? j->id : NULL);
		set_s(obj, "status", job_status_name(j->status));
		if (o->verbose)
			set_s(obj, "name", r->name);
		json_object_set_new(obj, "fde",
		    r->has_fit ? json_real(r->fde) : json_null());
		json_object_set_new(obj, "mlops",
		    r->has_fit ? json_real(r->mlops) : json_null());
		set_s(obj, "recommendation", r->has_fit && r->rec >= 0 ?
		    recommendation_id((enum recommendation)r->rec) : NULL);
		set_s(obj, "output", job_ok(j) ? out : NULL);
		set_s(obj, "sha256", job_ok(j) && r->out_sha[0] ?
		    r->out_sha : NULL);
		json_object_set_new(obj, "duration_ms",
		    json_real((double)r->duration_us / 1000.0));
		if (j->status == JOB_RENDERED)
			stages_log(obj, r);
		m = msgs_for_summary(j->msgs);
		set_s(obj, "message", m);
		free(m);
		log_json_line(obj);
		return;
	}
	print_msgs(R, j);
	if (o->verbose && job_ok(j)) {
		progress_clear(&R->prog);
		diag(&R->d, SEV_INFO, j->path, 0, "%s %s (FDE %.1f, MLOps "
		    "%.1f: %s) %.0f ms", job_status_name(j->status), out,
		    r->fde, r->mlops, r->rec >= 0 ?
		    recommendation_id((enum recommendation)r->rec) : "-",
		    (double)r->duration_us / 1000.0);
	}
}

/* The closing line: counts, time, exit status. */
void
log_end(struct run *R, int status, const size_t *cnt)
{
	struct rusage	 ru;
	double		 secs = now_seconds() - R->t0;
	json_t		*o;

	progress_clear(&R->prog);
	wg_flush(R);
	if (R->o->json_log) {
		if (R->o->quiet || (o = json_object()) == NULL)
			return;
		set_time(o);
		json_object_set_new(o, "summary", json_true());
		json_object_set_new(o, "rendered", json_integer((json_int_t)cnt[0]));
		json_object_set_new(o, "unchanged", json_integer((json_int_t)cnt[1]));
		json_object_set_new(o, "invalid", json_integer((json_int_t)cnt[2]));
		json_object_set_new(o, "failed", json_integer((json_int_t)cnt[3]));
		if (R->shard[0] != '\0')
			json_object_set_new(o, "other_shard",
			    json_integer((json_int_t)cnt[4]));
		if (R->stopping)
			json_object_set_new(o, "not_done",
			    json_integer((json_int_t)cnt[5]));
		json_object_set_new(o, "seconds", json_real(secs));
		json_object_set_new(o, "exit", json_integer(status));
		/* Peak RSS of this process and of the largest worker (all
		 * are reaped by now), for the bench. */
		if (getrusage(RUSAGE_SELF, &ru) == 0)
			json_object_set_new(o, "parent_max_rss_kb",
			    json_integer((json_int_t)ru.ru_maxrss));
		if (getrusage(RUSAGE_CHILDREN, &ru) == 0)
			json_object_set_new(o, "worker_max_rss_kb",
			    json_integer((json_int_t)ru.ru_maxrss));
		log_json_line(o);
		return;
	}
	if (R->o->quiet)
		return;
	fprintf(stderr, "rendered %zu, unchanged %zu, invalid %zu, "
	    "failed %zu", cnt[0], cnt[1], cnt[2], cnt[3]);
	if (R->shard[0] != '\0')
		fprintf(stderr, ", other shards %zu", cnt[4]);
	if (R->stopping)
		fprintf(stderr, ", not done %zu", cnt[5]);
	fprintf(stderr, " in %.2f s\n", secs);
}

