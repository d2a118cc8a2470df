/*
 * batch_pool.c: the worker pool of the batch parent.  Forks the workers
 * (worker.c), hands out jobs over a socketpair (the wire in batch.h),
 * one ahead of the one each worker is doing (so a worker that sends a
 * result finds its next job already there), settles id claims, takes
 * the result records, and fails the profile of a worker that crashed,
 * timed out or broke the protocol (putting back the job it was sent
 * ahead, and requeuing the reports it held uncommitted once).
 *
 * Duplicate ids are settled here: a worker claims an id as soon as it
 * has read it and waits for the answer before it writes <id>.pdf; the
 * parent answers a claim only when every earlier job (in input order)
 * has claimed or finished, so the first file in input order keeps the id
 * whatever the timing.
 */
#include <sys/socket.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_private.h"
#include "index.h"
#include "load.h"

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
long
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

void
claim_add(struct run *R, size_t job)
{
	size_t	 i;

	for (i = str_hash(R->jobs[job].id) & (R->ccap - 1); R->ctab[i] != 0;
	    i = (i + 1) & (R->ccap - 1))
		;
	R->ctab[i] = job + 1;
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
	w->job = w->queued = -1;
	w->waiting = 0;
	w->nheld = 0;
	w->flushing = 0;
	wire_in_free(&w->in);
	w->out.len = 0;
	w->urgent = w->ahead_unsent = 0;
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
		/* SIGINT from the terminal and SIGTERM from systemd reach the
		 * whole group: the parent alone decides what stops. */
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
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

/* The worker is done with its current job: the one sent ahead (if any)
 * is its current one now, started as the last ended. */
static void
worker_next(struct run *R, struct worker *w)
{
	w->job = w->queued;
	w->queued = -1;
	if (w->job >= 0)
		w->deadline = now_seconds() + R->o->timeout;
	/* It needs that job now, if it is still in out. */
	w->urgent |= w->ahead_unsent;
	w->ahead_unsent = 0;
}

/* Job idx for a worker, as its current job (sent at the end of the
 * loop's turn) or, behind it, as the one it finds next (sent with what
 * the worker waits for next).  0, or -1 out of
 * memory. */
static int
worker_give(struct run *R, struct worker *w, size_t idx)
{
	uint32_t	 v = (uint32_t)idx;

	if (wire_put(&w->out, MSG_JOB, &v, sizeof(v), NULL, 0, NULL, 0) == -1)
		return -1;
	R->jobs[idx].state = JS_RUNNING;
	if (w->job >= 0) {
		/* needed only when the current one is done: it goes with
		 * the claim's answer, or when the worker asks for it */
		w->queued = (long)idx;
		w->ahead_unsent = 1;
	} else {
		w->job = (long)idx;
		w->deadline = now_seconds() + R->o->timeout;
		w->urgent = 1;
	}
	return 0;
}

/* A job's result record from its worker: the current job's (MSG_RESULT)
 * or the oldest held one's (MSG_HELD_RESULT, after its commit). */
static int
take_result(struct run *R, struct worker *w, int held, const char *p,
    size_t len)
{
	struct wire_result	 r;
	struct job		*j;
	struct jres		*res;
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
	if ((res = job_res(j)) == NULL) {
		diag(&R->d, SEV_FATAL, j->path, 0, "out of memory: result "
		    "not kept");
		R->oom = 1;
		return -1;
	}
	r.id[BATCH_ID_MAX] = '\0';
	if (r.id[0] != '\0' && !profile_id_ok(r.id))
		return -1;
	/* A duplicate keeps the id the parent put there at claim time. */
	if (j->id[0] == '\0')
		memcpy(j->id, r.id, sizeof(j->id));
	j->status = (enum job_status)r.status;
	res->has_fit = r.rec >= 0;
	res->fde = r.fde;
	res->mlops = r.mlops;
	res->rec = r.rec;
	res->sen = r.seniority;
	res->duration_us = r.duration_us;
	memcpy(res->stage_us, r.stage_us, sizeof(res->stage_us));
	/* The hash of the bytes the worker parsed, not of what the plan
	 * saw: they differ when the file was edited in between. */
	if (r.has_input_sha) {
		memcpy(j->input_sha, r.input_sha, sizeof(j->input_sha));
		j->has_sha = 1;
	}
	if (j->status == JOB_RENDERED) {
		hash_hex(r.sha, res->out_sha);
		res->market = r.market;
		if (R->loader != NULL && r.ndims >= 0 && r.ndims <= MAX_DIMS &&
		    r.nplan >= 0 && r.nplan <= MAX_DIMS + MAX_AREAS &&
		    manifest_format_assessment(loader_market(R->loader),
		    r.levels, r.ndims, r.plan, r.nplan, &res->assess) == -1) {
			diag(&R->d, SEV_FATAL, j->path, 0, "out of memory: "
			    "levels and plan not kept in %s", STATE_NAME);
			R->oom = 1;
		}
	}
	if (r.name_len > 0) {
		free(res->name);
		if ((res->name = malloc(r.name_len + 1)) == NULL) {
			diag(&R->d, SEV_FATAL, j->path, 0, "out of memory: "
			    "name not kept");
			R->oom = 1;
		} else {
			memcpy(res->name, p + sizeof(r), r.name_len);
			res->name[r.name_len] = '\0';
		}
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
		worker_next(R, w);
	return 0;
}

struct jres *
job_res(struct job *j)
{
	if (j->res == NULL && (j->res = calloc(1, sizeof(*j->res))) != NULL)
		j->res->rec = j->res->sen = j->res->market = -1;
	return j->res;
}

void
job_release(struct job *j)
{
	if (j->res != NULL) {
		free(j->res->name);
		mentry_free(&j->res->assess);
		free(j->res);
		j->res = NULL;
	}
	free(j->msgs);
	j->msgs = NULL;
}

/* Its row into the state's open group, its line to the log; then only
 * its status and id stay. */
static void
job_finished(struct run *R, struct job *j)
{
	R->done++;
	if (job_is_failure(j))
		R->nfailed++;
	state_keep(R, j);
	log_job(R, j);
	job_release(j);
}

/* Reaps a worker that died, closed its socket or broke the protocol;
 * its current profile is failed with why (or what its status says). */
static void
worker_lost(struct run *R, int slot, const char *why)
{
	struct worker	*w = &R->w[slot];
	struct job	*j;
	long		 q;
	int		 st, i;
	pid_t		 r;

	if (why != NULL || kill(w->pid, 0) == 0)
		(void)kill(w->pid, SIGKILL);
	while ((r = waitpid(w->pid, &st, 0)) == -1 && errno == EINTR)
		;
	close(w->fd);
	wire_in_free(&w->in);
	w->out.len = 0;
	w->urgent = w->ahead_unsent = 0;
	q = w->queued;
	w->queued = -1;
	if (w->job >= 0) {
		j = &R->jobs[w->job];
		j->status = JOB_FAILED;
		j->state = JS_DONE;
		if (why != NULL)
			job_diag(j, SEV_ERROR, "%s", why);
		else if (r != -1 && WIFSIGNALED(st))
			job_diag(j, SEV_ERROR, "worker killed by signal %d "
			    "(%s)", WTERMSIG(st),
			    strsignal(WTERMSIG(st)));
		else if (r != -1 && WIFEXITED(st))
			job_diag(j, SEV_ERROR, "worker exited with status %d",
			    WEXITSTATUS(st));
		else
			job_diag(j, SEV_ERROR, "worker lost");
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
		job_diag(j, SEV_ERROR, "worker lost before its report was "
		    "committed");
		job_finished(R, j);
	}
	w->nheld = 0;
	w->flushing = 0;
	w->pid = -1;
	w->job = w->queued = -1;
	w->waiting = 0;
	if ((R->next < R->ntodo || q >= 0) && !R->stopping)
		worker_spawn(R, slot);
	if (q < 0)
		return;
	/* The job sent ahead was not begun: the new worker's first.  Not
	 * put back in the queue: another worker would find it behind a
	 * later job, and a later job's claim waits for its. */
	j = &R->jobs[q];
	if (w->pid > 0) {
		if (worker_give(R, w, (size_t)q) == -1) {
			w->job = q;	/* failed with why */
			worker_lost(R, slot, NULL);
		}
		return;
	}
	j->state = JS_TODO;	/* after a signal: the next run's */
	if (R->stopping)
		return;
	j->status = JOB_FAILED;
	j->state = JS_DONE;
	job_diag(j, SEV_ERROR, "not processed (no worker)");
	job_finished(R, j);
}

/* Answers the claims that can be settled: those of jobs before the
 * first job without a claim that is running or sent ahead.  No
 * deadlock: a job is sent ahead only behind an earlier one (or when its
 * id is settled already), so the first job waiting for an answer never
 * waits for a job that waits for it. */
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
		if (w->pid <= 0)
			continue;
		if (w->job >= 0 && !w->waiting &&
		    !R->jobs[w->job].claimed && (size_t)w->job < barrier)
			barrier = (size_t)w->job;
		if (w->queued >= 0 && !R->jobs[w->queued].claimed &&
		    (size_t)w->queued < barrier)
			barrier = (size_t)w->queued;
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
		if (strcmp(w->claim, INDEX_BASENAME) == 0) {
			/* index.pdf is the batch's: the report would be
			 * overwritten by it (or overwrite it) */
			ok = 0;
			j->status = JOB_DUPLICATE;
			job_diag(j, SEV_ERROR, "id '%s' is taken by the batch's "
			    "index (%s); not written: give this profile "
			    "another id", j->id, INDEX_NAME);
		} else if ((holder = claim_find(R, w->claim)) == w->job) {
			ok = 1;		/* requeued: its own claim */
		} else if (holder >= 0) {
			ok = 0;
			j->status = JOB_DUPLICATE;
			job_diag(j, SEV_ERROR, "id '%s' is already used by %s;"
			    " not written", j->id,
			    R->jobs[holder].path);
		} else {
			ok = 1;
			claim_add(R, (size_t)w->job);
		}
		j->claimed = 1;
		w->waiting = 0;
		w->deadline = now_seconds() + R->o->timeout;
		if (wire_put(&w->out, MSG_CLAIM_REPLY, &ok, sizeof(ok), NULL,
		    0, NULL, 0) == -1)
			worker_lost(R, bi, "out of memory");
		else
			w->urgent = 1;
	}
}

/* Reads and acts on one message from a worker; its type, or 0 when the
 * worker was lost. */
static uint32_t
worker_read(struct run *R, int slot)
{
	struct worker	*w = &R->w[slot];
	struct wire_hdr	 h;
	const char	*p;
	struct job	*j;

	if (wire_recv(w->fd, &w->in, &h, &p) == -1) {
		worker_lost(R, slot, NULL);
		return 0;
	}
	switch (h.type) {
	case MSG_CLAIM:
		if (w->job < 0 || w->waiting || h.len > BATCH_ID_MAX)
			break;
		memcpy(w->claim, p, h.len);
		w->claim[h.len] = '\0';
		if (!profile_id_ok(w->claim))
			break;
		w->waiting = 1;
		return h.type;
	case MSG_RESULT:
		j = w->job >= 0 ? &R->jobs[w->job] : NULL;
		if (w->waiting || take_result(R, w, 0, p, h.len) == -1)
			break;
		job_finished(R, j);
		return h.type;
	case MSG_WRITTEN:
		if (w->job < 0 || w->waiting || w->nheld >= BATCH_HOLD_MAX ||
		    !R->jobs[w->job].claimed)
			break;
		w->held[w->nheld++] = w->job;
		worker_next(R, w);
		return h.type;
	case MSG_HELD_RESULT:
		j = w->nheld > 0 ? &R->jobs[w->held[0]] : NULL;
		if (take_result(R, w, 1, p, h.len) == -1)
			break;
		job_finished(R, j);
		return h.type;
	default:
		break;
	}
	worker_lost(R, slot, "worker broke the protocol");
	return 0;
}

/* Each worker gets a job to do and one more sent ahead: the first pass
 * gives the idle ones work, the second queues one behind each, but only
 * behind an earlier job in input order (claims_settle), or one whose id
 * is settled already (a requeued report). */
static void
dispatch(struct run *R)
{
	struct worker	*w;
	size_t		 idx;
	int		 i, pass;

	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < R->nw && R->next < R->ntodo && !R->stopping; i++) {
		w = &R->w[i];
		if (w->pid <= 0 || w->queued >= 0 ||
		    (pass == 0 && w->job >= 0))
			continue;
		idx = R->todo[R->next];
		if (w->job >= 0 && (long)idx < w->job && !R->jobs[idx].claimed)
			continue;
		if (worker_give(R, w, idx) == -1) {
			worker_lost(R, i, NULL);
			continue;
		}
		R->next++;
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

	if (R->next < R->ntodo && !R->stopping)
		return;
	for (i = 0; i < R->nw; i++) {
		w = &R->w[i];
		if (w->pid <= 0 || w->job >= 0 || w->nheld == 0 || w->flushing)
			continue;
		w->flushing = 1;
		w->deadline = now_seconds() + R->o->timeout;
		if (wire_put(&w->out, MSG_FLUSH, NULL, 0, NULL, 0, NULL,
		    0) == -1)
			worker_lost(R, i, "out of memory");
		else
			w->urgent = 1;
	}
}

/* Sends each worker that waits for something (its current job, a
 * claim's answer, a flush) what this turn of the loop has for it, in one
 * write; the job sent ahead of a busy worker goes with the next of
 * these. */
static void
workers_flush(struct run *R)
{
	struct worker	*w;
	int		 i, k;

	for (i = 0; i < R->nw; i++) {
		w = &R->w[i];
		/* a worker lost here may be replaced and given a job */
		for (k = 0; k < 3 && w->pid > 0 && w->urgent; k++) {
			w->urgent = w->ahead_unsent = 0;
			if (wire_flush(w->fd, &w->out) == -1)
				worker_lost(R, i, NULL);
		}
	}
}

/* Reads what a worker has sent, a group commit's results at once (so
 * their rows go into the state in one transaction), up to
 * 2 * BATCH_HOLD_MAX. */
static void
worker_drain(struct run *R, int slot)
{
	struct pollfd	 p;
	uint32_t	 last = 0;
	int		 k;

	for (k = 0; k < 2 * BATCH_HOLD_MAX && R->w[slot].pid > 0; k++) {
		/* Beyond what one read brought, look for nothing but the
		 * rest of a group's results. */
		if (k > 0 && !wire_buffered(&R->w[slot].in)) {
			if (last != MSG_HELD_RESULT || R->w[slot].nheld == 0)
				break;
			p.fd = R->w[slot].fd;
			p.events = POLLIN;
			p.revents = 0;
			if (poll(&p, 1, 0) != 1)
				break;
		}
		last = worker_read(R, slot);
	}
}

/* After SIGTERM or SIGINT: nothing more is handed out, the jobs in
 * flight finish and are committed.  After a second signal they are
 * abandoned: the workers are killed, their jobs (and the reports they
 * held uncommitted) stay pending for the next run. */
static void
stop_check(struct run *R)
{
	struct worker	*w;
	int		 n, i, k;

	if ((n = batch_signals(&R->stop_signal)) == 0)
		return;
	R->stopping = 1;
	if (n < 2 || R->abandoned)
		return;
	R->abandoned = 1;
	for (i = 0; i < R->nw; i++) {
		w = &R->w[i];
		if (w->pid <= 0)
			continue;
		(void)kill(w->pid, SIGKILL);
		while (waitpid(w->pid, NULL, 0) == -1 && errno == EINTR)
			;
		close(w->fd);
		wire_in_free(&w->in);
		w->out.len = 0;
		if (w->job >= 0) {
			R->jobs[w->job].state = JS_TODO;
			R->jobs[w->job].status = JOB_PENDING;
		}
		if (w->queued >= 0) {
			R->jobs[w->queued].state = JS_TODO;
			R->jobs[w->queued].status = JOB_PENDING;
		}
		for (k = 0; k < w->nheld; k++) {
			R->jobs[w->held[k]].state = JS_TODO;
			R->jobs[w->held[k]].status = JOB_PENDING;
		}
		w->pid = -1;
		w->job = w->queued = -1;
		w->nheld = 0;
	}
}

/* Runs every job in todo through the workers. */
void
pool_run(struct run *R)
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
		stop_check(R);
		dispatch(R);
		claims_settle(R);
		flush_idle(R);
		workers_flush(R);	/* before the state's commit */
		state_group_commit(R);
		progress_draw(&R->prog, R->done, R->nfailed, 0);
		if ((R->next >= R->ntodo || R->stopping) && !workers_busy(R))
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
			if (wire_buffered(&w->in))
				wait = 0;	/* read ahead: no need to wait */
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
			    ((pfd[n].revents & (POLLIN | POLLHUP | POLLERR)) ||
			    wire_buffered(&w->in)))
				worker_drain(R, i);
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
	for (i = 0; i < R->nw; i++) {
		wire_in_free(&R->w[i].in);
		wire_out_free(&R->w[i].out);
	}
	state_group_commit(R);
	/* Jobs never handed out: after a signal they stay pending (the next
	 * run does them); otherwise no worker could start. */
	for (; R->next < R->ntodo && !R->stopping; R->next++) {
		struct job *j = &R->jobs[R->todo[R->next]];

		j->status = JOB_FAILED;
		j->state = JS_DONE;
		job_diag(j, SEV_ERROR, "not processed (no worker)");
		job_finished(R, j);
	}
}

