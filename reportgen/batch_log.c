/*
 * batch_log.c: what the batch says about each profile and at the end, on
 * stderr: the profile's own messages by severity (--quiet, --verbose),
 * or one JSON object per profile (--log-format json), and the closing
 * count.  jansson is used here for the JSON log lines only.
 */
#include <sys/resource.h>

#include <stdarg.h>
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

/* Prints a job's messages, by severity: errors always, warnings unless
 * --quiet, notes with --verbose only. */
static void
print_msgs(struct run *R, const char *msgs)
{
	const char	*p, *e;
	int		 show;

	if (msgs == NULL)
		return;
	for (p = msgs; *p != '\0'; p = e) {
		if ((e = strchr(p, '\n')) != NULL)
			e++;
		else
			e = p + strlen(p);
		if (strstr(p, ": note: ") != NULL &&
		    strstr(p, ": note: ") < e)
			show = R->o->verbose;
		else if (strstr(p, ": warning: ") != NULL &&
		    strstr(p, ": warning: ") < e)
			show = !R->o->quiet;
		else
			show = 1;
		if (show) {
			progress_clear(&R->prog);
			fprintf(stderr, "%.*s", (int)(e - p), p);
		}
	}
}

/* The messages without notes, trailing newline dropped, for the summary
 * and the manifest; malloc'd or NULL. */
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
stages_log(json_t *obj, const struct job *j)
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
			set_s(obj, "name", j->name);
		json_object_set_new(obj, "fde",
		    j->has_fit ? json_real(j->fde) : json_null());
		json_object_set_new(obj, "mlops",
		    j->has_fit ? json_real(j->mlops) : json_null());
		set_s(obj, "recommendation", j->has_fit && j->rec >= 0 ?
		    recommendation_id((enum recommendation)j->rec) : NULL);
		set_s(obj, "output", job_ok(j) ? out : NULL);
		set_s(obj, "sha256", job_ok(j) && j->out_sha[0] ?
		    j->out_sha : NULL);
		json_object_set_new(obj, "duration_ms",
		    json_real((double)j->duration_us / 1000.0));
		if (j->status == JOB_RENDERED)
			stages_log(obj, j);
		m = msgs_for_summary(j->msgs);
		set_s(obj, "message", m);
		free(m);
		log_json_line(obj);
		return;
	}
	print_msgs(R, j->msgs);
	if (o->verbose && job_ok(j)) {
		progress_clear(&R->prog);
		diag(&R->d, SEV_INFO, j->path, 0, "%s %s (FDE %.1f, MLOps "
		    "%.1f: %s) %.0f ms", job_status_name(j->status), out,
		    j->fde, j->mlops, j->rec >= 0 ?
		    recommendation_id((enum recommendation)j->rec) : "-",
		    (double)j->duration_us / 1000.0);
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

