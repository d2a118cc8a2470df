/*
 * batch.c: the parent of `reportgen batch`.
 *
 * In order: make and check the output directory (73), take its lock
 * (75), clean the temp files of a killed run, collect the inputs, build
 * the loader once, hash inputs, market data and assets, decide from the
 * manifest what is current (--incremental), hand the rest to forked
 * workers one job at a time, collect their result records, then write
 * summary.csv and manifest.json (only when their content changed) and
 * turn the worst outcome into the exit status:
 *
 *	74 an output could not be written   (the operator must act first)
 *	70 a worker crashed or timed out, or rendering failed
 *	66 an input could not be read
 *	65 a profile is invalid or reuses another file's id
 *	 0 every report is current
 *
 * Duplicate ids are settled here: a worker claims an id before it writes
 * <id>.pdf, and the parent answers a claim only when every earlier job
 * (in input order) has claimed or finished, so the first file in input
 * order keeps the id whatever the timing.
 *
 * jansson is used here for the JSON log lines only.
 */
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <jansson.h>

#include "batch.h"
#include "diag.h"
#include "encrypt.h"
#include "index.h"
#include "inputs.h"
#include "load.h"
#include "manifest.h"
#include "output.h"

#ifndef RG_VERSION
#define RG_VERSION "dev"
#endif

/* A struct mentry handed to manifest_add() is only read (it copies), so
 * borrowed const strings may fill it. */
#define UNCONST(s)	((char *)(uintptr_t)(s))

enum job_state { JS_TODO, JS_SKIP, JS_RUNNING, JS_DONE };

struct job {
	const char		*path;
	char			 input_sha[HASH_HEX_LEN];	/* "" unknown */
	const struct mentry	*old;		/* last run's entry */
	enum job_state		 state;
	enum job_status		 status;
	int			 claimed;	/* id settled */
	int			 requeued;	/* once, after a lost commit */
	char			 id[BATCH_ID_MAX + 1];
	int			 has_fit;
	double			 fde, mlops;
	int			 rec, sen;
	char			 out_sha[HASH_HEX_LEN];
	uint64_t		 duration_us;
	uint32_t		 stage_us[STAGE__N];
	int			 write_err;
	char			*name;		/* malloc'd; summary only */
	char			*msgs;		/* malloc'd diagnostics */
	int			 market;	/* enum mkt when rendered */
	char			*levels, *plan;	/* malloc'd, for the manifest */
};

struct worker {
	pid_t		 pid;		/* -1: slot empty */
	int		 fd;
	long		 job;		/* -1: idle */
	double		 deadline;
	int		 waiting;	/* claim not answered yet */
	char		 claim[BATCH_ID_MAX + 1];
	long		 held[BATCH_HOLD_MAX];	/* staged, not committed */
	int		 nheld;
	int		 flushing;	/* MSG_FLUSH sent */
};

struct run {
	const struct batch_opts	*o;
	struct diag		 d;
	int			 lockfd;
	struct loader		*loader;
	struct inputs		 in;
	struct job		*jobs;
	size_t			 njobs;
	size_t			*todo;		/* job indices, ascending */
	size_t			 ntodo, next;
	struct worker		*w;
	int			 nw;
	size_t			*ctab;		/* id -> job index + 1 */
	size_t			 ccap;
	struct progress		 prog;
	size_t			 done, nfailed;
	double			 t0;
	struct manifest		 old;
	int			 old_loaded;	/* old came from a file with entries */
	char			 market_sha[HASH_HEX_LEN];
	char			 assets_sha[HASH_HEX_LEN];
	char			 options[160];
	const struct mentry	**prev;		/* per job: progress from */
	char			 shard[32];
	int			 io_error;	/* summary/manifest not written */
	int			 unreadable_args;
};

const char *
job_status_name(enum job_status s)
{
	static const char *const n[] = { "pending", "rendered", "unchanged",
	    "invalid", "unreadable", "duplicate", "failed", "write-failed",
	    "other-shard" };

	return n[s];
}

static int
job_ok(const struct job *j)
{
	return j->status == JOB_RENDERED || j->status == JOB_UNCHANGED;
}

static int
job_is_failure(const struct job *j)
{
	return j->status == JOB_FAILED || j->status == JOB_WRITE_FAILED;
}

/* Appends one diagnostic line (already formatted) to a job's messages. */
static void
job_msg(struct job *j, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
job_msg(struct job *j, const char *fmt, ...)
{
	char	 line[1024], *p;
	size_t	 old, n;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	strcat(line, "\n");
	old = j->msgs != NULL ? strlen(j->msgs) : 0;
	n = strlen(line);
	if ((p = realloc(j->msgs, old + n + 1)) == NULL)
		return;
	memcpy(p + old, line, n + 1);
	j->msgs = p;
}

/* ------------------------------------------------------------ claims */

static size_t
str_hash(const char *s)
{
	size_t	 h = 1469598103934665603ULL & SIZE_MAX;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* The job holding id, or -1. */
static long
claim_find(const struct run *R, const char *id)
{
	size_t	 i;

	if (R->ccap == 0)
		return -1;
	for (i = str_hash(id) & (R->ccap - 1); R->ctab[i] != 0;
	    i = (i + 1) & (R->ccap - 1))
		if (strcmp(R->jobs[R->ctab[i] - 1].id, id) == 0)
			return (long)(R->ctab[i] - 1);
	return -1;
}

static void
claim_add(struct run *R, size_t job)
{
	size_t	 i;

	for (i = str_hash(R->jobs[job].id) & (R->ccap - 1); R->ctab[i] != 0;
	    i = (i + 1) & (R->ccap - 1))
		;
	R->ctab[i] = job + 1;
}

/* --------------------------------------------------------------- logs */

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
static char *
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
json_line(json_t *o)
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

static void
set_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v != NULL ? json_string(v) : json_null());
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
static void
job_log(struct run *R, struct job *j)
{
	const struct batch_opts	*o = R->o;
	char			 out[BATCH_ID_MAX + 8];
	char			*m;
	json_t			*obj;

	if (j->status == JOB_OTHER_SHARD)
		return;
	snprintf(out, sizeof(out), "%s.pdf", j->id);
	if (o->json_log) {
		if ((obj = json_object()) == NULL)
			return;
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
		json_line(obj);
		return;
	}
	print_msgs(R, j->msgs);
	if (o->verbose && job_ok(j)) {
		progress_clear(&R->prog);
		fprintf(stderr, "%s: %s %s (FDE %.1f, MLOps %.1f: %s) "
		    "%.0f ms\n", j->path, job_status_name(j->status), out,
		    j->fde, j->mlops, j->rec >= 0 ?
		    recommendation_id((enum recommendation)j->rec) : "-",
		    (double)j->duration_us / 1000.0);
	}
}

/* ------------------------------------------------------------ workers */

static void
worker_spawn(struct run *R, int slot)
{
	struct worker		*w = &R->w[slot];
	struct worker_ctx	 ctx;
	int			 sv[2], i;
	pid_t			 pid;

	w->pid = -1;
	w->job = -1;
	w->waiting = 0;
	w->nheld = 0;
	w->flushing = 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		diag(&R->d, SEV_FATAL, NULL, 0, "socketpair: %s",
		    strerror(errno));
		return;
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		diag(&R->d, SEV_FATAL, NULL, 0, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return;
	}
	if (pid == 0) {
#ifdef __linux__
		(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
		if (getppid() == 1)
			_exit(0);
		close(sv[0]);
		/* The lock stays the parent's alone: it must die with it. */
		close(R->lockfd);
		for (i = 0; i < R->nw; i++)
			if (i != slot && R->w[i].pid > 0)
				close(R->w[i].fd);
		signal(SIGPIPE, SIG_DFL);
		worker_limits();
		ctx.loader = R->loader;
		ctx.opts = R->o;
		ctx.paths = (const char *const *)R->in.paths;
		ctx.npaths = R->in.n;
		ctx.prev = (const struct mentry *const *)R->prev;
		worker_main(sv[1], &ctx);
	}
	close(sv[1]);
	w->pid = pid;
	w->fd = sv[0];
}

/* A job's result record from its worker: the current job's (MSG_RESULT)
 * or the oldest held one's (MSG_HELD_RESULT, after its commit). */
static int
take_result(struct run *R, struct worker *w, int held, const char *p,
    size_t len)
{
	struct wire_result	 r;
	struct job		*j;
	char			*s;
	long			 ji;

	ji = held ? (w->nheld > 0 ? w->held[0] : -1) : w->job;
	if (ji < 0 || len < sizeof(r))
		return -1;
	memcpy(&r, p, sizeof(r));
	if ((size_t)r.name_len + r.msg_len != len - sizeof(r) ||
	    r.status <= JOB_PENDING || r.status > JOB_OTHER_SHARD ||
	    r.status == JOB_UNCHANGED)
		return -1;
	j = &R->jobs[ji];
	r.id[BATCH_ID_MAX] = '\0';
	if (r.id[0] != '\0' && !profile_id_ok(r.id))
		return -1;
	/* A duplicate keeps the id the parent put there at claim time. */
	if (j->id[0] == '\0')
		memcpy(j->id, r.id, sizeof(j->id));
	j->status = (enum job_status)r.status;
	j->has_fit = r.rec >= 0;
	j->fde = r.fde;
	j->mlops = r.mlops;
	j->rec = r.rec;
	j->sen = r.seniority;
	j->duration_us = r.duration_us;
	memcpy(j->stage_us, r.stage_us, sizeof(j->stage_us));
	j->write_err = r.write_err;
	if (j->status == JOB_RENDERED) {
		hash_hex(r.sha, j->out_sha);
		j->market = r.market;
		if (R->loader != NULL && r.ndims >= 0 && r.ndims <= MAX_DIMS &&
		    r.nplan >= 0 && r.nplan <= MAX_DIMS + MAX_AREAS)
			(void)manifest_format_assessment(
			    loader_market(R->loader), r.levels, r.ndims,
			    r.plan, r.nplan, &j->levels, &j->plan);
	}
	if (r.name_len > 0 && (j->name = malloc(r.name_len + 1)) != NULL) {
		memcpy(j->name, p + sizeof(r), r.name_len);
		j->name[r.name_len] = '\0';
	}
	if (r.msg_len > 0) {
		if ((s = malloc(r.msg_len + 1)) != NULL) {
			memcpy(s, p + sizeof(r) + r.name_len, r.msg_len);
			s[r.msg_len] = '\0';
			/* The parent's own message (duplicate) goes last. */
			if (j->msgs != NULL) {
				char *both = malloc(strlen(s) +
				    strlen(j->msgs) + 1);
				if (both != NULL) {
					strcpy(both, s);
					strcat(both, j->msgs);
					free(j->msgs);
					j->msgs = both;
				}
				free(s);
			} else
				j->msgs = s;
		}
	}
	j->state = JS_DONE;
	if (held) {
		memmove(w->held, w->held + 1, (size_t)(w->nheld - 1) *
		    sizeof(w->held[0]));
		if (--w->nheld == 0)
			w->flushing = 0;
	} else
		w->job = -1;
	return 0;
}

static void
job_finished(struct run *R, struct job *j)
{
	R->done++;
	if (job_is_failure(j))
		R->nfailed++;
	job_log(R, j);
}

/* Reaps a worker that died, closed its socket or broke the protocol;
 * its current profile is failed with why (or what its status says). */
static void
worker_lost(struct run *R, int slot, const char *why)
{
	struct worker	*w = &R->w[slot];
	struct job	*j;
	int		 st, i;
	pid_t		 r;

	if (why != NULL || kill(w->pid, 0) == 0)
		(void)kill(w->pid, SIGKILL);
	while ((r = waitpid(w->pid, &st, 0)) == -1 && errno == EINTR)
		;
	close(w->fd);
	if (w->job >= 0) {
		j = &R->jobs[w->job];
		j->status = JOB_FAILED;
		j->state = JS_DONE;
		j->duration_us = 0;
		if (why != NULL)
			job_msg(j, "%s: error: %s", j->path, why);
		else if (r != -1 && WIFSIGNALED(st))
			job_msg(j, "%s: error: worker killed by signal %d "
			    "(%s)", j->path, WTERMSIG(st),
			    strsignal(WTERMSIG(st)));
		else if (r != -1 && WIFEXITED(st))
			job_msg(j, "%s: error: worker exited with status %d",
			    j->path, WEXITSTATUS(st));
		else
			job_msg(j, "%s: error: worker lost", j->path);
		job_finished(R, j);
	}
	/* Held reports were staged but not committed, so they are not
	 * known to be at their final names: each goes back to the queue
	 * once (a crash costs only the profile that caused it), and fails
	 * when lost a second time.  Requeued jobs keep their claimed id. */
	for (i = w->nheld - 1; i >= 0; i--) {
		j = &R->jobs[w->held[i]];
		if (!j->requeued && R->next > 0) {
			j->requeued = 1;
			j->state = JS_TODO;
			R->todo[--R->next] = (size_t)w->held[i];
			continue;
		}
		j->status = JOB_FAILED;
		j->state = JS_DONE;
		j->duration_us = 0;
		job_msg(j, "%s: error: worker lost before its report was "
		    "committed", j->path);
		job_finished(R, j);
	}
	w->nheld = 0;
	w->flushing = 0;
	w->pid = -1;
	w->job = -1;
	w->waiting = 0;
	if (R->next < R->ntodo)
		worker_spawn(R, slot);
}

/* Answers the claims that can be settled: those of jobs before the
 * first job still running without a claim. */
static void
claims_settle(struct run *R)
{
	struct worker	*w;
	struct job	*j;
	size_t		 barrier = SIZE_MAX;
	long		 holder, best;
	uint32_t	 ok;
	int		 i, bi;

	for (i = 0; i < R->nw; i++) {
		w = &R->w[i];
		if (w->pid > 0 && w->job >= 0 && !w->waiting &&
		    !R->jobs[w->job].claimed && (size_t)w->job < barrier)
			barrier = (size_t)w->job;
	}
	for (;;) {
		best = LONG_MAX;
		bi = -1;
		for (i = 0; i < R->nw; i++) {
			w = &R->w[i];
			if (w->pid > 0 && w->waiting && w->job < best &&
			    (size_t)w->job < barrier) {
				best = w->job;
				bi = i;
			}
		}
		if (bi == -1)
			return;
		w = &R->w[bi];
		j = &R->jobs[w->job];
		memcpy(j->id, w->claim, sizeof(j->id));
		if ((holder = claim_find(R, w->claim)) == w->job) {
			ok = 1;		/* requeued: its own claim */
		} else if (holder >= 0) {
			ok = 0;
			j->status = JOB_DUPLICATE;
			job_msg(j, "%s: error: id '%s' is already used by %s;"
			    " not written", j->path, j->id,
			    R->jobs[holder].path);
		} else {
			ok = 1;
			claim_add(R, (size_t)w->job);
		}
		j->claimed = 1;
		w->waiting = 0;
		w->deadline = now_seconds() + R->o->timeout;
		if (wire_send(w->fd, MSG_CLAIM_REPLY, &ok, sizeof(ok), NULL, 0,
		    NULL, 0) == -1)
			worker_lost(R, bi, NULL);
	}
}

static void
worker_read(struct run *R, int slot)
{
	struct worker	*w = &R->w[slot];
	struct wire_hdr	 h;
	char		*p;
	struct job	*j;

	if (wire_recv(w->fd, &h, &p) == -1) {
		worker_lost(R, slot, NULL);
		return;
	}
	switch (h.type) {
	case MSG_CLAIM:
		if (w->job < 0 || w->waiting || h.len > BATCH_ID_MAX ||
		    !profile_id_ok(p))
			break;
		memcpy(w->claim, p, h.len + 1);
		w->waiting = 1;
		free(p);
		return;
	case MSG_RESULT:
		j = w->job >= 0 ? &R->jobs[w->job] : NULL;
		if (take_result(R, w, 0, p, h.len) == -1)
			break;
		free(p);
		job_finished(R, j);
		return;
	case MSG_WRITTEN:
		if (w->job < 0 || w->waiting || w->nheld >= BATCH_HOLD_MAX ||
		    !R->jobs[w->job].claimed)
			break;
		w->held[w->nheld++] = w->job;
		w->job = -1;
		free(p);
		return;
	case MSG_HELD_RESULT:
		j = w->nheld > 0 ? &R->jobs[w->held[0]] : NULL;
		if (take_result(R, w, 1, p, h.len) == -1)
			break;
		free(p);
		job_finished(R, j);
		return;
	default:
		break;
	}
	free(p);
	worker_lost(R, slot, "worker broke the protocol");
}

static void
dispatch(struct run *R)
{
	struct worker	*w;
	uint32_t	 idx;
	int		 i;

	for (i = 0; i < R->nw && R->next < R->ntodo; i++) {
		w = &R->w[i];
		if (w->pid <= 0 || w->job >= 0)
			continue;
		idx = (uint32_t)R->todo[R->next];
		if (wire_send(w->fd, MSG_JOB, &idx, sizeof(idx), NULL, 0,
		    NULL, 0) == -1) {
			worker_lost(R, i, NULL);
			continue;
		}
		R->next++;
		w->job = (long)idx;
		w->deadline = now_seconds() + R->o->timeout;
		R->jobs[idx].state = JS_RUNNING;
	}
}

static int
workers_busy(const struct run *R)
{
	int	 i;

	for (i = 0; i < R->nw; i++)
		if (R->w[i].pid > 0 && (R->w[i].job >= 0 || R->w[i].nheld > 0))
			return 1;
	return 0;
}

/* Is the worker doing something the parent waits for (and times)? */
static int
worker_timed(const struct worker *w)
{
	return (w->job >= 0 && !w->waiting) || (w->job < 0 && w->flushing);
}

/* Idle workers that hold staged reports are told to commit them once
 * nothing is left to hand out. */
static void
flush_idle(struct run *R)
{
	struct worker	*w;
	int		 i;

	if (R->next < R->ntodo)
		return;
	for (i = 0; i < R->nw; i++) {
		w = &R->w[i];
		if (w->pid <= 0 || w->job >= 0 || w->nheld == 0 || w->flushing)
			continue;
		w->flushing = 1;
		w->deadline = now_seconds() + R->o->timeout;
		if (wire_send(w->fd, MSG_FLUSH, NULL, 0, NULL, 0, NULL, 0) == -1)
			worker_lost(R, i, NULL);
	}
}

/* Runs every job in todo through the workers. */
static void
run_workers(struct run *R)
{
	struct pollfd	*pfd;
	struct worker	*w;
	double		 now, wait;
	char		 why[64];
	int		 i, n, ms, live;

	R->nw = R->o->jobs < (int)R->ntodo ? R->o->jobs : (int)R->ntodo;
	if (R->nw < 1)
		R->nw = 1;
	if ((R->w = calloc((size_t)R->nw, sizeof(*R->w))) == NULL ||
	    (pfd = calloc((size_t)R->nw, sizeof(*pfd))) == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		return;
	}
	for (i = 0; i < R->nw; i++)
		R->w[i].pid = -1;
	for (i = 0; i < R->nw; i++)
		worker_spawn(R, i);
	for (;;) {
		dispatch(R);
		claims_settle(R);
		flush_idle(R);
		progress_draw(&R->prog, R->done, R->nfailed, 0);
		if (R->next >= R->ntodo && !workers_busy(R))
			break;
		now = now_seconds();
		wait = 1.0;
		for (i = n = live = 0; i < R->nw; i++) {
			w = &R->w[i];
			if (w->pid <= 0)
				continue;
			live++;
			pfd[n].fd = w->fd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			n++;
			if (worker_timed(w) && w->deadline - now < wait)
				wait = w->deadline - now;
		}
		if (live == 0) {
			/* fork keeps failing: fail what is left */
			diag(&R->d, SEV_FATAL, NULL, 0, "no worker could be "
			    "started; %zu profiles not done",
			    R->ntodo - R->next);
			break;
		}
		if (R->prog.enabled && wait > 0.1)
			wait = 0.1;
		ms = wait <= 0 ? 0 : (int)(wait * 1000) + 1;
		if (poll(pfd, (nfds_t)n, ms) == -1 && errno != EINTR) {
			diag(&R->d, SEV_FATAL, NULL, 0, "poll: %s",
			    strerror(errno));
			break;
		}
		for (i = n = 0; i < R->nw; i++) {
			w = &R->w[i];
			if (w->pid <= 0)
				continue;
			if (pfd[n].fd == w->fd &&
			    (pfd[n].revents & (POLLIN | POLLHUP | POLLERR)))
				worker_read(R, i);
			n++;
		}
		now = now_seconds();
		for (i = 0; i < R->nw; i++) {
			w = &R->w[i];
			if (w->pid > 0 && worker_timed(w) &&
			    now > w->deadline) {
				snprintf(why, sizeof(why), "timed out after "
				    "%d s", R->o->timeout);
				worker_lost(R, i, why);
			}
		}
	}
	free(pfd);
	for (i = 0; i < R->nw; i++) {
		w = &R->w[i];
		if (w->pid <= 0)
			continue;
		close(w->fd);	/* EOF: the worker exits */
		while (waitpid(w->pid, NULL, 0) == -1 && errno == EINTR)
			;
		w->pid = -1;
	}
	/* Jobs never handed out (no worker could start). */
	for (; R->next < R->ntodo; R->next++) {
		struct job *j = &R->jobs[R->todo[R->next]];

		j->status = JOB_FAILED;
		j->state = JS_DONE;
		job_msg(j, "%s: error: not processed (no worker)", j->path);
		job_finished(R, j);
	}
}

/* ---------------------------------------------------- directory, lock */

/* 0, or the exit status: 73 when the directory cannot be made or
 * written, 75 when another run holds its lock. */
static int
outdir_prepare(struct run *R)
{
	const struct batch_opts	*o = R->o;
	struct stat		 st;
	char			 path[PATH_MAX];
	mode_t			 dmode;

	/* Directories get x wherever the files get r. */
	dmode = 0700 | (o->mode & 0044) | ((o->mode & 0044) >> 2);
	/* The directory itself is made when missing (`make run` writes to
	 * out/ on a fresh clone), but not its parents: a mistyped path
	 * should fail before any work (73), not grow a tree. */
	if (mkdir(o->outdir, dmode) == -1 && errno != EEXIST) {
		diag(&R->d, SEV_FATAL, o->outdir, 0, "cannot create output "
		    "directory: %s", strerror(errno));
		return EX_CANTCREAT;
	}
	if (stat(o->outdir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		diag(&R->d, SEV_FATAL, o->outdir, 0, "not a directory");
		return EX_CANTCREAT;
	}
	if (access(o->outdir, W_OK | X_OK) == -1) {
		diag(&R->d, SEV_FATAL, o->outdir, 0, "output directory not "
		    "writable: %s", strerror(errno));
		return EX_CANTCREAT;
	}
	snprintf(path, sizeof(path), "%s/%s", o->outdir, BATCH_LOCK_NAME);
	if ((R->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1) {
		diag(&R->d, SEV_FATAL, path, 0, "%s", strerror(errno));
		return EX_CANTCREAT;
	}
	if (flock(R->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK) {
			diag(&R->d, SEV_FATAL, path, 0, "another run holds "
			    "this output directory; try again later");
			return EX_TEMPFAIL;
		}
		diag(&R->d, SEV_FATAL, path, 0, "flock: %s",
		    strerror(errno));
		return EX_CANTCREAT;
	}
	return 0;
}

/* Writes dir/name through output_write unless it already holds exactly
 * these bytes (then nothing is touched, not even its mtime). */
static int
write_if_changed(struct run *R, const char *name, const char *buf,
    size_t len)
{
	char		 path[PATH_MAX], tmp[65536];
	struct stat	 st;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, same = 0, rc;

	snprintf(path, sizeof(path), "%s/%s", R->o->outdir, name);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size == len) {
			same = 1;
			while (same && (n = read(fd, tmp, sizeof(tmp))) > 0) {
				if (off + (size_t)n > len ||
				    memcmp(buf + off, tmp, (size_t)n) != 0)
					same = 0;
				off += (size_t)n;
			}
			if (off != len)
				same = 0;
		}
		close(fd);
	}
	if (same)
		return 0;
	if ((rc = output_write(R->o->outdir, name, buf, len, R->o->mode,
	    &R->d)) != 0)
		R->io_error = 1;
	return rc;
}

/* ------------------------------------------------------------ hashing */

static int
hash_hex_file(const char *path, char out[HASH_HEX_LEN], struct diag *d)
{
	unsigned char	 h[HASH_LEN];

	out[0] = '\0';
	if (hash_file(path, h, d) == -1)
		return -1;
	hash_hex(h, out);
	return 0;
}

/* Market data, and fonts + schemas (what a report depends on besides
 * the profile and the tool). */
static int
hash_assets(struct run *R)
{
	const struct batch_opts	*o = R->o;
	struct hash		*h;
	unsigned char		 b[HASH_LEN];
	char			 path[PATH_MAX];

	if (o->market != NULL)
		snprintf(path, sizeof(path), "%s", o->market);
	else
		snprintf(path, sizeof(path), "%s/data/market.xml", o->datadir);
	if (hash_hex_file(path, R->market_sha, &R->d) == -1)
		return -1;
	if ((h = hash_new()) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/fonts", o->datadir);
	if (hash_dir(h, path, NULL, &R->d) == -1) {
		hash_free(h);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/schemas", o->datadir);
	if (hash_dir(h, path, ".xsd", &R->d) == -1) {
		hash_free(h);
		return -1;
	}
	if (hash_final(h, b) == -1)
		return -1;
	hash_hex(b, R->assets_sha);
	return 0;
}

static int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Whether the encrypted PDF at path opens with the user password and,
 * when one is given, with the owner password: both unchanged. */
static int
protected_with(const char *path, const char *upw, const char *opw)
{
	unsigned char	*buf = NULL, *p;
	size_t		 len = 0, cap = 0;
	ssize_t		 n;
	int		 fd, ok = 0;

	if (upw == NULL ||
	    (fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if (cap > 64UL * 1024 * 1024 ||
			    (p = realloc(buf, cap)) == NULL)
				goto out;
			buf = p;
		}
		if ((n = read(fd, buf + len, cap - len)) == -1 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	ok = encrypt_opens(buf, len, upw) &&
	    (opw == NULL || encrypt_opens(buf, len, opw));
out:
	close(fd);
	free(buf);
	return ok;
}

/* Whether a job's last result still stands (--incremental). */
/* What stat(2) says of a report, to tell whether it changed since it was
 * hashed without reading it again: "size:mtime.ns:inode".  -1 when it is
 * not a regular file. */
static int
stat_key(const char *path, char *buf, size_t size)
{
	struct stat	 st;

	if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return -1;
	snprintf(buf, size, "%lld:%lld.%09ld:%llu", (long long)st.st_size,
	    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
	    (unsigned long long)st.st_ino);
	return 0;
}

static int
job_current(struct run *R, struct job *j)
{
	const struct mentry	*e = j->old;
	char			 path[PATH_MAX], sha[HASH_HEX_LEN], key[96];

	if (e == NULL || j->input_sha[0] == '\0' ||
	    !streq(e->input_sha256, j->input_sha) ||
	    !streq(e->market_sha256, R->market_sha) ||
	    !streq(e->assets_sha256, R->assets_sha) ||
	    !streq(e->tool, RG_VERSION) || !streq(e->options, R->options))
		return 0;
	if (strcmp(e->status, "other-shard") == 0) {
		j->status = JOB_OTHER_SHARD;
		return 1;
	}
	if (strcmp(e->status, "invalid") == 0) {
		/* An id that had no password entry and has one now. */
		if (R->o->encrypt && e->id != NULL &&
		    passwords_get(R->o->passwords, e->id) != NULL)
			return 0;
		j->status = JOB_INVALID;
		if (e->id != NULL && profile_id_ok(e->id))
			strcpy(j->id, e->id);	/* as the last run had it */
		if (e->message != NULL)
			job_msg(j, "%s", e->message);
		return 1;
	}
	if (strcmp(e->status, "ok") != 0 || !profile_id_ok(e->id) ||
	    e->output == NULL || e->output_sha256 == NULL ||
	    claim_find(R, e->id) >= 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s.pdf", R->o->outdir, e->id);
	/* Same size, mtime and inode as when it was hashed: the bytes are
	 * those hashed (reading 10,000 reports again took most of an idle
	 * rerun).  Otherwise hash it: deleted or modified, render again. */
	if (e->output_stat != NULL && stat_key(path, key, sizeof(key)) == 0 &&
	    strcmp(key, e->output_stat) == 0 &&
	    strlen(e->output_sha256) < sizeof(sha))
		strcpy(sha, e->output_sha256);
	else if (hash_hex_file(path, sha, NULL) == -1 ||
	    strcmp(sha, e->output_sha256) != 0)
		return 0;
	if (R->o->encrypt && !protected_with(path,
	    passwords_get(R->o->passwords, e->id), R->o->owner_pw))
		return 0;	/* a password changed: protect it again */
	j->status = JOB_UNCHANGED;
	strcpy(j->id, e->id);
	strcpy(j->out_sha, sha);
	j->claimed = 1;
	if (e->has_fit) {
		j->has_fit = 1;
		j->fde = e->fde;
		j->mlops = e->mlops;
	}
	j->rec = -1;
	if (e->recommendation != NULL)
		for (j->rec = REC_NOT_YET; j->rec >= 0; j->rec--)
			if (strcmp(recommendation_id(
			    (enum recommendation)j->rec),
			    e->recommendation) == 0)
				break;
	if (e->name != NULL)
		j->name = strdup(e->name);
	if (e->message != NULL)
		job_msg(j, "%s", e->message);
	return 1;
}

/* Decides for every input whether it needs a worker. */
static int
plan(struct run *R)
{
	struct job	*j;
	size_t		 i;
	int		 use_old;

	R->njobs = R->in.n;
	R->jobs = calloc(R->njobs + 1, sizeof(*R->jobs));
	R->todo = calloc(R->njobs + 1, sizeof(*R->todo));
	for (R->ccap = 16; R->ccap < 2 * R->njobs + 2; R->ccap *= 2)
		;
	R->ctab = calloc(R->ccap, sizeof(*R->ctab));
	R->prev = calloc(R->njobs + 1, sizeof(*R->prev));
	if (R->jobs == NULL || R->todo == NULL || R->ctab == NULL ||
	    R->prev == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		return -1;
	}
	use_old = R->o->incremental &&
	    (R->old.shard == NULL ? R->shard[0] == '\0' :
	    strcmp(R->old.shard, R->shard) == 0);
	if (R->o->incremental && !use_old && R->old.n > 0)
		diag(&R->d, SEV_WARNING, R->o->outdir, 0, "manifest made for "
		    "another --shard; rebuilding everything");
	for (i = 0; i < R->njobs; i++) {
		j = &R->jobs[i];
		j->path = R->in.paths[i];
		j->rec = j->sen = -1;
		j->old = manifest_find(&R->old, j->path);
		if (hash_hex_file(j->path, j->input_sha, NULL) == -1)
			j->input_sha[0] = '\0';
		if (use_old && job_current(R, j)) {
			j->state = JS_SKIP;
			if (j->status == JOB_UNCHANGED)
				claim_add(R, i);
		} else {
			R->todo[R->ntodo++] = i;
			/* Progress since the last report: only when the
			 * profile itself changed since that assessment. */
			if (use_old && j->old != NULL && j->old->has_fit &&
			    !streq(j->old->input_sha256, j->input_sha))
				R->prev[i] = j->old;
		}
	}
	return 0;
}

/* ---------------------------------------------------- summary, manifest */

static void
fill_entry(struct run *R, const struct job *j, struct mentry *e,
    char *out, size_t outsz, char *st, size_t stsz, char *msg)
{
	const struct mentry	*old = j->old;

	memset(e, 0, sizeof(*e));
	e->message = msg;
	e->path = UNCONST(j->path);
	e->id = j->id[0] ? UNCONST(j->id) : NULL;
	e->input_sha256 = UNCONST(j->input_sha);
	e->market_sha256 = R->market_sha;
	e->assets_sha256 = R->assets_sha;
	e->tool = UNCONST(RG_VERSION);
	e->options = R->options;
	/* The last assessment known for the id carries over when this run
	 * did not make a new one. */
	if (old != NULL && streq(old->id, e->id) && old->has_fit) {
		e->has_fit = 1;
		e->fde = old->fde;
		e->mlops = old->mlops;
		e->recommendation = old->recommendation;
		e->seniority = old->seniority;
		e->date = old->date;
		e->name = old->name;
		e->market = old->market;
		e->levels = old->levels;
		e->plan = old->plan;
	}
	switch (j->status) {
	case JOB_RENDERED:
		e->status = UNCONST("ok");
		snprintf(out, outsz, "%s.pdf", j->id);
		e->output = out;
		e->output_sha256 = UNCONST(j->out_sha);
		{
			char	 path[PATH_MAX];

			snprintf(path, sizeof(path), "%s/%s", R->o->outdir,
			    out);
			if (stat_key(path, st, stsz) == 0)
				e->output_stat = st;
		}
		e->name = j->name;
		e->has_fit = j->has_fit;
		e->fde = j->fde;
		e->mlops = j->mlops;
		e->recommendation = j->rec >= 0 ? UNCONST(recommendation_id(
		    (enum recommendation)j->rec)) : NULL;
		e->seniority = j->sen >= 0 ? UNCONST(seniority_id(
		    (enum seniority)j->sen)) : NULL;
		e->date = UNCONST(R->o->date);
		e->market = j->market >= 0 && j->market < MKT__N ?
		    UNCONST(market_id((enum mkt)j->market)) : NULL;
		e->levels = j->levels;
		e->plan = j->plan;
		break;
	case JOB_INVALID:
		e->status = UNCONST("invalid");
		break;
	case JOB_OTHER_SHARD:
		e->status = UNCONST("other-shard");
		e->has_fit = 0;
		e->name = e->recommendation = e->seniority = e->date = NULL;
		e->market = e->levels = e->plan = NULL;
		break;
	default:
		/* Failed, duplicate, unreadable: kept for its last
		 * assessment, but never current (tried again next time). */
		e->status = UNCONST("retry");
		e->input_sha256 = NULL;
		break;
	}
}

/* YYYY-MM-DD -> noon UTC that day (as cmd_batch.c takes --date). */
static time_t
date_noon(const char *s, time_t dflt)
{
	struct tm	 tm;
	int		 y, mo, d;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return dflt;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return timegm(&tm);
}

/* index.pdf: made again only when what it shows changed (its digest is
 * kept in the manifest) or the file was removed or modified, so an idle
 * rerun leaves it alone.  Its date is that of the newest assessment in
 * it, not the run's.  Under --encrypt it holds names and results of
 * everyone, so it is protected with the owner password (the coach's);
 * without --owner-password-file no index is written. */
static void
index_update(struct run *R, struct manifest *m)
{
	const struct batch_opts	*o = R->o;
	struct index_row	*rows;
	struct index_opts	 io;
	struct job		*j;
	char			(*out)[BATCH_ID_MAX + 8];
	char			 digest[HASH_HEX_LEN], sha[HASH_HEX_LEN];
	char			 path[PATH_MAX];
	unsigned char		*pdf = NULL, *enc = NULL, h[HASH_LEN];
	const char		*date = NULL, *d;
	size_t			 i, n = 0, len = 0, elen = 0;

	if (o->encrypt && o->owner_pw == NULL) {
		if (!o->quiet)
			diag(&R->d, SEV_NOTE, o->outdir, 0, "no %s under "
			    "--encrypt without --owner-password-file",
			    INDEX_NAME);
		return;
	}
	rows = calloc(R->njobs + 1, sizeof(*rows));
	out = calloc(R->njobs + 1, sizeof(*out));
	if (rows == NULL || out == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
		goto done;
	}
	for (i = 0; i < R->njobs; i++) {
		j = &R->jobs[i];
		if (j->status == JOB_OTHER_SHARD)
			continue;
		/* A profile without a report shows as its file: its id and
		 * name are not known on every run (an idle rerun does not
		 * load it), and the index must not change then. */
		rows[n].id = job_ok(j) ? j->id : NULL;
		rows[n].path = j->path;
		rows[n].name = job_ok(j) ? j->name : NULL;
		rows[n].status = job_ok(j) ? "ok" : job_status_name(j->status);
		if (job_ok(j)) {
			snprintf(out[n], sizeof(out[n]), "%s.pdf", j->id);
			rows[n].output = out[n];
			rows[n].has_fit = j->has_fit;
			rows[n].fde = j->fde;
			rows[n].mlops = j->mlops;
			rows[n].rec = j->rec >= 0 ? recommendation_id(
			    (enum recommendation)j->rec) : NULL;
		}
		if (j->status == JOB_RENDERED) {
			rows[n].market = market_id((enum mkt)j->market);
			rows[n].seniority = j->sen >= 0 ?
			    seniority_id((enum seniority)j->sen) : NULL;
			d = o->date;
		} else if (j->status == JOB_UNCHANGED && j->old != NULL) {
			rows[n].market = j->old->market;
			rows[n].seniority = j->old->seniority;
			d = j->old->date;
		} else
			d = NULL;
		if (d != NULL && (date == NULL || strcmp(d, date) > 0))
			date = d;
		n++;
	}
	index_sort_rows(rows, n, (enum index_sort)o->index_sort);
	memset(&io, 0, sizeof(io));
	io.sort = (enum index_sort)o->index_sort;
	io.paper = o->paper;
	io.date = date;
	io.date_t = date_noon(date, o->date_t);
	io.brand = o->brand;
	io.shard = R->shard[0] != '\0' ? R->shard : NULL;
	if (index_digest(rows, n, &io, digest) == -1) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
		goto done;
	}
	/* unchanged, and the file is the one written */
	snprintf(path, sizeof(path), "%s/%s", o->outdir, INDEX_NAME);
	if (streq(R->old.index_sha256, digest) &&
	    R->old.index_output_sha256 != NULL &&
	    hash_hex_file(path, sha, NULL) == 0 &&
	    strcmp(sha, R->old.index_output_sha256) == 0 &&
	    (!o->encrypt || protected_with(path, o->owner_pw, NULL))) {
		m->index_sha256 = strdup(digest);
		m->index_output_sha256 = strdup(sha);
		goto done;
	}
	if (index_render(o->datadir, rows, n, &io, &pdf, &len, &R->d) == -1) {
		R->io_error = 1;
		goto done;
	}
	if (o->encrypt) {
		if (encrypt_pdf(pdf, len, o->owner_pw, o->owner_pw, &enc,
		    &elen, &R->d, INDEX_NAME) == -1) {
			R->io_error = 1;
			goto done;
		}
		free(pdf);
		pdf = enc;
		len = elen;
	}
	if (output_write(o->outdir, INDEX_NAME, pdf, len, o->mode,
	    &R->d) != 0) {
		R->io_error = 1;
		goto done;
	}
	(void)hash_buf(pdf, len, h);
	hash_hex(h, sha);
	m->index_sha256 = strdup(digest);
	m->index_output_sha256 = strdup(sha);
done:
	free(pdf);
	free(out);
	free(rows);
}

/* Per row storage for the summary's formatted fields. */
struct rowbuf {
	char	 fde[16], mlops[16];
	char	 output[BATCH_ID_MAX + 8];
	char	*msg;
};

/* Builds summary.csv and manifest.json and writes those that changed. */
static void
finish_files(struct run *R)
{
	struct summary_row	*rows;
	struct rowbuf		*rb;
	struct manifest		 m;
	struct mentry		 e;
	struct job		*j;
	const struct mentry	*oe;
	char			*csv, *json, out[BATCH_ID_MAX + 8], ostat[96];
	char			 path[PATH_MAX];
	size_t			 i, n = 0, len;

	rows = calloc(R->njobs + 1, sizeof(*rows));
	rb = calloc(R->njobs + 1, sizeof(*rb));
	manifest_init(&m);
	if (rows == NULL || rb == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
		goto out;
	}
	if (R->shard[0] != '\0')
		m.shard = strdup(R->shard);
	for (i = 0; i < R->njobs; i++) {
		j = &R->jobs[i];
		/* Skipped (current) profiles keep their entry as it was. */
		rb[n].msg = msgs_for_summary(j->msgs);
		if (j->state == JS_SKIP && j->old != NULL)
			(void)manifest_add(&m, j->old);
		else {
			fill_entry(R, j, &e, out, sizeof(out), ostat,
			    sizeof(ostat), rb[n].msg);
			(void)manifest_add(&m, &e);
		}
		if (j->status == JOB_OTHER_SHARD) {
			free(rb[n].msg);
			rb[n].msg = NULL;
			continue;
		}
		rows[n].f[0] = j->path;
		rows[n].f[1] = j->id;
		rows[n].f[2] = j->name;
		if (j->has_fit) {
			snprintf(rb[n].fde, sizeof(rb[n].fde), "%.1f", j->fde);
			snprintf(rb[n].mlops, sizeof(rb[n].mlops), "%.1f",
			    j->mlops);
			rows[n].f[3] = rb[n].fde;
			rows[n].f[4] = rb[n].mlops;
			if (j->rec >= 0)
				rows[n].f[5] = recommendation_id(
				    (enum recommendation)j->rec);
		}
		if (j->sen >= 0)
			rows[n].f[6] = seniority_id((enum seniority)j->sen);
		else if (j->status == JOB_UNCHANGED)
			rows[n].f[6] = j->old->seniority;
		/* "ok" for rendered and unchanged alike, so an idle rerun
		 * gives the same bytes and leaves the file alone. */
		rows[n].f[7] = job_ok(j) ? "ok" : job_status_name(j->status);
		if (job_ok(j)) {
			snprintf(rb[n].output, sizeof(rb[n].output), "%s.pdf",
			    j->id);
			rows[n].f[8] = rb[n].output;
		}
		rows[n].f[9] = rb[n].msg;
		n++;
	}
	/* Profiles that are gone since the last run. */
	for (i = 0; i < R->old.n; i++) {
		oe = &R->old.v[i];
		if (manifest_find(&m, oe->path) != NULL)
			continue;
		if (strcmp(oe->status, "ok") != 0 || oe->output == NULL ||
		    !profile_id_ok(oe->id))
			continue;	/* nothing of it on disk */
		/* Another file has taken over the id: its report replaced
		 * this one. */
		if (claim_find(R, oe->id) >= 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s.pdf", R->o->outdir,
		    oe->id);
		if (R->o->prune) {
			if (unlink(path) == -1 && errno != ENOENT)
				diag(&R->d, SEV_WARNING, path, 0, "cannot "
				    "remove: %s", strerror(errno));
			else if (!R->o->quiet && !R->o->json_log)
				fprintf(stderr, "%s: removed (input %s is "
				    "gone)\n", path, oe->path);
			continue;
		}
		diag(&R->d, SEV_WARNING, oe->path, 0, "input gone; its "
		    "report %s is kept (--prune removes it)", path);
		manifest_add(&m, oe);
	}
	if ((csv = summary_csv(rows, n, &len)) == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
	} else {
		write_if_changed(R, BATCH_SUMMARY_NAME, csv, len);
		free(csv);
	}
	index_update(R, &m);
	/* An idle rerun: the manifest on disk already says all this. */
	if (R->old_loaded && manifest_equal(&m, &R->old))
		goto out;
	if ((json = manifest_dump(&m)) == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
	} else {
		write_if_changed(R, MANIFEST_NAME, json, strlen(json));
		free(json);
	}
out:
	for (i = 0; rb != NULL && i < n; i++)
		free(rb[i].msg);
	free(rb);
	free(rows);
	manifest_free(&m);
}

/* ---------------------------------------------------------------- run */

static int
final_status(struct run *R, size_t *cnt)
{
	size_t	 i;
	int	 write = 0, failed = 0, unreadable = 0, invalid = 0;

	for (i = 0; i < R->njobs; i++)
		switch (R->jobs[i].status) {
		case JOB_RENDERED:
			cnt[0]++;
			break;
		case JOB_UNCHANGED:
			cnt[1]++;
			break;
		case JOB_INVALID:
		case JOB_DUPLICATE:
			cnt[2]++;
			invalid = 1;
			break;
		case JOB_UNREADABLE:
			cnt[2]++;
			unreadable = 1;
			break;
		case JOB_WRITE_FAILED:
			cnt[3]++;
			write = 1;
			break;
		case JOB_OTHER_SHARD:
			cnt[4]++;
			break;
		default:
			cnt[3]++;
			failed = 1;
			break;
		}
	if (write || R->io_error)
		return EX_IOERR;
	if (failed || R->d.worst >= SEV_FATAL)
		return EX_SOFTWARE;
	if (unreadable || R->unreadable_args)
		return EX_NOINPUT;
	if (invalid)
		return EX_DATAERR;
	return EX_OK;
}

static void
report_end(struct run *R, int status, const size_t *cnt)
{
	struct rusage	 ru;
	double		 secs = now_seconds() - R->t0;
	json_t		*o;

	progress_clear(&R->prog);
	if (R->o->json_log) {
		if ((o = json_object()) == NULL)
			return;
		json_object_set_new(o, "summary", json_true());
		json_object_set_new(o, "rendered", json_integer((json_int_t)cnt[0]));
		json_object_set_new(o, "unchanged", json_integer((json_int_t)cnt[1]));
		json_object_set_new(o, "invalid", json_integer((json_int_t)cnt[2]));
		json_object_set_new(o, "failed", json_integer((json_int_t)cnt[3]));
		if (R->shard[0] != '\0')
			json_object_set_new(o, "other_shard",
			    json_integer((json_int_t)cnt[4]));
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
		json_line(o);
		return;
	}
	if (R->o->quiet)
		return;
	fprintf(stderr, "rendered %zu, unchanged %zu, invalid %zu, "
	    "failed %zu", cnt[0], cnt[1], cnt[2], cnt[3]);
	if (R->shard[0] != '\0')
		fprintf(stderr, ", other shards %zu", cnt[4]);
	fprintf(stderr, " in %.2f s\n", secs);
}

int
batch_run(const struct batch_opts *o)
{
	struct run	 R;
	size_t		 i, cnt[5] = { 0, 0, 0, 0, 0 };
	char		 path[PATH_MAX];
	int		 status;

	memset(&R, 0, sizeof(R));
	R.o = o;
	R.lockfd = -1;
	R.t0 = now_seconds();
	diag_init(&R.d, stderr);
	if (o->quiet)
		R.d.min_print = SEV_ERROR;
	if (o->verbose)
		R.d.min_print = SEV_NOTE;
	snprintf(R.options, sizeof(R.options), "paper=%s",
	    o->paper == PAPER_LETTER ? "letter" : "a4");
	/* The brand and protection change every report; never a password
	 * (a changed one is found by encrypt_opens in job_current). */
	if (o->brand != NULL)
		snprintf(R.options + strlen(R.options), sizeof(R.options) -
		    strlen(R.options), " brand=%s", o->brand_sha);
	if (o->encrypt)
		snprintf(R.options + strlen(R.options), sizeof(R.options) -
		    strlen(R.options), " encrypt=aes256 owner=%s",
		    o->owner_pw != NULL ? "file" : "random");
	if (o->shard_n > 1)
		snprintf(R.shard, sizeof(R.shard), "%u/%u", o->shard_k,
		    o->shard_n);

	if ((status = outdir_prepare(&R)) != 0)
		goto out;
	(void)output_clean_temps(o->outdir, &R.d);
	if (inputs_collect(&R.in, o->args, o->nargs, &R.d) == -1)
		R.unreadable_args = 1;
	if (R.in.n == 0)
		diag(&R.d, SEV_WARNING, NULL, 0, "no profiles (*.xml) found");
	if (hash_assets(&R) == -1) {
		status = EX_NOINPUT;
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s", o->outdir, MANIFEST_NAME);
	R.old_loaded = manifest_load(&R.old, path, &R.d) == 0 &&
	    R.old.n > 0;
	if (plan(&R) == -1) {
		status = EX_SOFTWARE;
		goto out;
	}
	/* Built once, before the workers fork (they share it copy-on-write);
	 * not at all when every report is current. */
	if (R.ntodo > 0 &&
	    (R.loader = loader_new(o->datadir, o->market, &R.d)) == NULL) {
		/* The tool's own data (schemas, market data) is unusable:
		 * nothing can be assessed. */
		status = EX_SOFTWARE;
		goto out;
	}
	if (R.loader != NULL)
		loader_set_verbose(R.loader, o->verbose);
	progress_init(&R.prog, R.ntodo, !o->quiet && !o->json_log &&
	    isatty(STDERR_FILENO));
	/* Skipped profiles are logged first, in input order. */
	for (i = 0; i < R.njobs; i++)
		if (R.jobs[i].state == JS_SKIP)
			job_log(&R, &R.jobs[i]);
	if (R.ntodo > 0)
		run_workers(&R);
	progress_clear(&R.prog);
	finish_files(&R);
	(void)output_clean_temps(o->outdir, &R.d);
	status = final_status(&R, cnt);
	report_end(&R, status, cnt);
out:
	if (R.lockfd != -1)
		close(R.lockfd);	/* releases the lock */
	for (i = 0; i < R.njobs; i++) {
		free(R.jobs[i].name);
		free(R.jobs[i].msgs);
		free(R.jobs[i].levels);
		free(R.jobs[i].plan);
	}
	free(R.jobs);
	free(R.prev);
	free(R.todo);
	free(R.ctab);
	free(R.w);
	manifest_free(&R.old);
	if (R.loader != NULL)
		loader_free(R.loader);
	inputs_free(&R.in);
	diag_free(&R.d);
	return status;
}
