/*
 * worker.c: one batch worker, forked by batch.c after the loader is built
 * (compiled schema and market data shared copy-on-write).  It makes its
 * renderer once (fonts loaded once), then serves jobs until the parent
 * closes the socket: load -> check id -> claim the id -> score -> render
 * -> write <id>.pdf, and one result record back per job.
 *
 * A worker is expendable: a crash or a timeout costs only its current
 * profile, the parent records it and forks a fresh one.
 *
 * Group commit: a report is written to its temp file without a sync and
 * the job is held (MSG_WRITTEN); every BATCH_HOLD_MAX reports, after
 * BATCH_HOLD_MS, or when the parent has nothing more (MSG_FLUSH), one
 * pass syncs the held files, renames them and fsyncs the directory once,
 * and only then are their results sent (MSG_HELD_RESULT): the parent, and
 * so the manifest, never counts a report that is not at its final name.
 * Held reports of a worker that dies are requeued by the parent.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "batch.h"
#include "progress.h"
#include "encrypt.h"
#include "load.h"
#include "manifest.h"
#include "output.h"
#include "report.h"
#include "readfile.h"
#include "score.h"

/* ----------------------------------------------------------- the wire */

int
wire_put(struct wire_out *o, uint32_t type, const void *a, size_t alen,
    const void *b, size_t blen, const void *c, size_t clen)
{
	struct wire_hdr	 h;
	size_t		 need, cap;
	char		*nb, *p;

	if (alen + blen + clen > WIRE_MAX)
		return -1;
	h.type = type;
	h.len = (uint32_t)(alen + blen + clen);
	need = o->len + sizeof(h) + h.len;
	if (need > o->cap) {
		for (cap = o->cap > 0 ? o->cap : 4096; cap < need; cap *= 2)
			;
		if ((nb = realloc(o->buf, cap)) == NULL)
			return -1;
		o->buf = nb;
		o->cap = cap;
	}
	p = o->buf + o->len;
	memcpy(p, &h, sizeof(h));
	p += sizeof(h);
	if (alen > 0)
		memcpy(p, a, alen);
	if (blen > 0)
		memcpy(p + alen, b, blen);
	if (clen > 0)
		memcpy(p + alen + blen, c, clen);
	o->len = need;
	return 0;
}

int
wire_flush(int fd, struct wire_out *o)
{
	const char	*p = o->buf;
	size_t		 left = o->len;
	ssize_t		 n;

	o->len = 0;
	while (left > 0) {
		n = send(fd, p, left, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		left -= (size_t)n;
	}
	return 0;
}

void
wire_out_free(struct wire_out *o)
{
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

#define WIRE_IN_MIN	(16u * 1024)	/* a read's room: many results */

int
wire_buffered(const struct wire_in *in)
{
	struct wire_hdr	 h;
	size_t		 avail = in->len - in->off;

	if (avail < sizeof(h))
		return 0;
	memcpy(&h, in->buf + in->off, sizeof(h));
	return h.len <= WIRE_MAX && avail - sizeof(h) >= h.len;
}

int
wire_recv(int fd, struct wire_in *in, struct wire_hdr *h,
    const char **payload)
{
	size_t	 avail, need, cap;
	ssize_t	 n;
	char	*nb;

	*payload = NULL;
	for (;;) {
		avail = in->len - in->off;
		need = sizeof(*h);
		if (avail >= sizeof(*h)) {
			memcpy(h, in->buf + in->off, sizeof(*h));
			if (h->len > WIRE_MAX)
				return -1;
			need += h->len;
			if (avail >= need) {
				*payload = in->buf + in->off + sizeof(*h);
				in->off += need;
				return 0;
			}
		}
		/* The partial message to the front, room for all of it. */
		if (in->off > 0) {
			memmove(in->buf, in->buf + in->off, avail);
			in->off = 0;
			in->len = avail;
		}
		if (in->cap < need || in->cap < WIRE_IN_MIN) {
			cap = need > WIRE_IN_MIN ? need : WIRE_IN_MIN;
			if ((nb = realloc(in->buf, cap)) == NULL)
				return -1;
			in->buf = nb;
			in->cap = cap;
		}
		n = read(fd, in->buf + in->len, in->cap - in->len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		in->len += (size_t)n;
	}
}

void
wire_in_free(struct wire_in *in)
{
	free(in->buf);
	memset(in, 0, sizeof(*in));
}

/* ------------------------------------------------------------- limits */

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

void
worker_limits(void)
{
	struct rlimit	 rl;

	/* No core files: they would hold candidates' personal data. */
	rl.rlim_cur = rl.rlim_max = 0;
	(void)setrlimit(RLIMIT_CORE, &rl);
#ifndef UNDER_ASAN
	/* ASan reserves terabytes of shadow address space: no RLIMIT_AS. */
	if (getrlimit(RLIMIT_AS, &rl) == 0 &&
	    (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > BATCH_WORKER_AS)) {
		rl.rlim_cur = BATCH_WORKER_AS;
		(void)setrlimit(RLIMIT_AS, &rl);
	}
#endif
}

/* The CPU time limit counts over the worker's life, so it is set to
 * what was used so far plus twice the per-profile limit: a backstop for
 * a worker the parent somehow fails to kill (SIGXCPU).  Called before
 * each job, it sets it again only once timeout seconds have passed since
 * the last time (3 system calls a job were 1 in 10,000): a worker uses
 * no more CPU time than time passes, so a job still starts with at least
 * timeout + 2 s of it left, more than the parent lets it run. */
void
worker_cpu_limit(int timeout)
{
	/* per process (each worker's own): when it was last set */
	static double	 last = -1;
	struct rusage	 ru;
	struct rlimit	 rl;
	rlim_t		 want;
	double		 now = now_seconds();

	if (last >= 0 && now - last < timeout)
		return;
	last = now;
	if (getrusage(RUSAGE_SELF, &ru) == -1 ||
	    getrlimit(RLIMIT_CPU, &rl) == -1)
		return;
	want = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec +
	    2 * (rlim_t)timeout + 2;
	if (rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max)
		want = rl.rlim_max;
	rl.rlim_cur = want;
	(void)setrlimit(RLIMIT_CPU, &rl);
}

/* -------------------------------------------------------------- a job */

unsigned
batch_shard_of(const char *key, unsigned n)
{
	unsigned char	 h[HASH_LEN];

	if (n <= 1 || hash_buf(key, strlen(key), h) == -1)
		return 0;
	return (unsigned)(hash_u64(h) % n);
}

static int
in_shard(const struct batch_opts *o, const char *key)
{
	return o->shard_n <= 1 || batch_shard_of(key, o->shard_n) ==
	    o->shard_k;
}

/* The worker's end of the socket: its reader, its writer, and what came
 * while it waited for a claim's answer: the job the parent sends ahead
 * (it keeps one queued, so a worker never waits for work) and a flush.
 * What the worker says waits in out until the parent needs it: a claim
 * at once, a job's result (with a group's results) before the next job
 * starts, anything before the worker waits itself. */
#define LINK_JOBS	4

struct link {
	int		 fd;
	struct wire_in	 in;
	struct wire_out	 out;		/* results, until the next flush */
	uint32_t	 jobs[LINK_JOBS];
	int		 njobs;
	int		 flush;		/* MSG_FLUSH came: commit */
};

/* A job sent ahead, kept for after the current one.  0, or -1 when the
 * parent broke the protocol. */
static int
link_keep_job(struct link *L, const struct wire_hdr *h, const char *p)
{
	if (h->len != sizeof(L->jobs[0]) || L->njobs == LINK_JOBS)
		return -1;
	memcpy(&L->jobs[L->njobs++], p, sizeof(L->jobs[0]));
	return 0;
}

/* The parent's answer to the claim this worker sent for its current job
 * (the answer to "is this id ours to write?"): read only when it
 * matters, before anything is written, so rendering never waits for
 * it.  1 yours, 0 taken, -1 the parent is gone or broke the protocol. */
static int
claim_answer(struct link *L)
{
	struct wire_hdr	 h;
	const char	*p;
	uint32_t	 ok;

	for (;;) {
		if (!wire_buffered(&L->in) && wire_flush(L->fd, &L->out) == -1)
			return -1;
		if (wire_recv(L->fd, &L->in, &h, &p) == -1)
			return -1;
		switch (h.type) {
		case MSG_CLAIM_REPLY:
			if (h.len != sizeof(ok))
				return -1;
			memcpy(&ok, p, sizeof(ok));
			return ok != 0;
		case MSG_JOB:
			if (link_keep_job(L, &h, p) == -1)
				return -1;
			break;
		case MSG_FLUSH:
			if (h.len != 0)
				return -1;
			L->flush = 1;
			break;
		default:
			return -1;
		}
	}
}

static void
test_hooks(const char *id)
{
	const char	*s;

	if ((s = getenv(BATCH_CRASH_ENV)) != NULL && strcmp(s, id) == 0) {
		signal(SIGSEGV, SIG_DFL);	/* past any sanitizer */
		raise(SIGSEGV);
	}
	if ((s = getenv(BATCH_HANG_ENV)) != NULL && strcmp(s, id) == 0)
		for (;;)
			pause();
}

/* Test-only (BATCH_READ_GATE_ENV): says it is about to read, and waits
 * (up to 20 s) to be let go. */
static void
read_gate(void)
{
	const char	*dir;
	char		 path[4096];
	int		 i, fd;

	if ((dir = getenv(BATCH_READ_GATE_ENV)) == NULL)
		return;
	snprintf(path, sizeof(path), "%s/waiting", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) != -1)
		close(fd);
	snprintf(path, sizeof(path), "%s/go", dir);
	for (i = 0; i < 2000 && access(path, F_OK) == -1; i++)
		usleep(10000);
}

/* Reads the profile once: the bytes hashed for the manifest are the
 * bytes parsed, so an edit between the parent's look and this read can
 * never leave a manifest hash that does not match the report. */
static struct profile *
load_once(const struct loader *l, const char *path, struct diag *d,
    int *unreadable, struct wire_result *r)
{
	static const struct readfile rf = { PROFILE_MAX_BYTES, 0, NULL,
	    NULL };
	struct profile	*p;
	char		*buf;
	size_t		 len;
	int		 rc;

	read_gate();
	if ((rc = readfile(path, &rf, &buf, &len, d)) != 0) {
		*unreadable = rc == EX_NOINPUT;
		return NULL;
	}
	r->has_input_sha = hash_buf(buf, len, r->input_sha) == 0;
	p = profile_load_mem(l, path, buf, len, d);
	free(buf);
	return p;
}

/* What the parent keeps of an assessment besides the fits: the market,
 * the effective levels and the plan (manifest.c formats them). */
static void
assessment_wire(const struct assessment *a, struct wire_result *r)
{
	int	 i;

	r->market = (int32_t)a->profile->market;
	r->ndims = a->market->ndims;
	for (i = 0; i < a->market->ndims && i < MAX_DIMS; i++)
		r->levels[i] = (int8_t)a->dims[i].effective;
	r->nplan = 0;
	for (i = 0; i < a->nplan && i < MAX_DIMS + MAX_AREAS; i++)
		r->plan[r->nplan++] = (int16_t)(a->plan[i].dim >= 0 ?
		    a->plan[i].dim : -1 - a->plan[i].area);
}

/* The id was taken by an earlier profile: the job is a duplicate, and
 * whatever it did or said after the claim is undone, so it reads as if
 * it had stopped at the claim (the parent says why). */
static void
as_duplicate(struct wire_result *r, struct diag *d, size_t mark,
    const char **name)
{
	r->status = JOB_DUPLICATE;
	r->fde = r->mlops = 0;
	r->rec = r->seniority = -1;
	r->market = r->ndims = r->nplan = 0;
	memset(r->levels, 0, sizeof(r->levels));
	memset(r->plan, 0, sizeof(r->plan));
	r->stage_us[STAGE_SCORE] = r->stage_us[STAGE_LAYOUT] =
	    r->stage_us[STAGE_SERIALISE] = 0;
	if (d->buf != NULL && d->len > mark) {
		d->len = mark;
		d->buf[mark] = '\0';
	}
	*name = NULL;
}

/* The whole pipeline for one profile; fills r.  The profile is left in
 * *pp for the caller to free after the result (which quotes the name) is
 * sent.  The id's claim is sent as soon as the id is known and its
 * answer read only before the report is written (or the job ends), so
 * scoring and rendering never wait for it.  -1 only when the parent is
 * gone. */
static int
run_job(struct link *L, const struct worker_ctx *w, struct renderer *rend,
    const char *rend_err, const char *path, struct wire_result *r,
    struct diag *d, struct profile **pp, const char **name,
    struct output_staged *stg, int *staged, size_t idx)
{
	const struct batch_opts	*o = w->opts;
	struct profile		*p = NULL;
	struct assessment	*a = NULL;
	struct render_opts	 ro;
	struct prev_assessment	 prev;
	unsigned char		*pdf = NULL, *enc;
	size_t			 len = 0, elen;
	char			 file[BATCH_ID_MAX + 8];
	int			 unreadable = 0, rc = 0, c, st;
	int			 asked = 0;	/* claim sent, not answered */
	size_t			 mark = 0;	/* d's length at the claim */
	double			 t, t1;

	*name = NULL;
	*staged = 0;
	t = now_seconds();
	*pp = p = load_once(w->loader, path, d, &unreadable, r);
	r->stage_us[STAGE_LOAD] = (uint32_t)((now_seconds() - t) * 1e6);
	if (p == NULL) {
		/* Out of memory (fatal) is a failure of the run, not an
		 * invalid profile. */
		r->status = unreadable ? JOB_UNREADABLE :
		    d->worst >= SEV_FATAL ? JOB_FAILED : JOB_INVALID;
		if (!in_shard(o, path))
			r->status = JOB_OTHER_SHARD;
		return 0;
	}
	if (!profile_id_ok(p->id)) {
		/* The schema promises this; checked again before any path
		 * is built from it. */
		diag(d, SEV_ERROR, path, 0, "id not usable as a file name");
		r->status = JOB_INVALID;
		goto out;
	}
	strcpy(r->id, p->id);
	if (!in_shard(o, p->id)) {
		r->status = JOB_OTHER_SHARD;
		goto out;
	}
	test_hooks(p->id);
	if (wire_put(&L->out, MSG_CLAIM, p->id, strlen(p->id), NULL, 0, NULL,
	    0) == -1 || wire_flush(L->fd, &L->out) == -1) {
		rc = -1;
		goto out;
	}
	asked = 1;
	mark = d->buf != NULL ? d->len : 0;
	if (o->encrypt && passwords_get(o->passwords, p->id) == NULL) {
		/* Never an unprotected report instead.  No name is sent, as
		 * for any invalid profile (an idle rerun does not know it). */
		diag(d, SEV_ERROR, path, 0, "no password entry for id '%s' "
		    "in the password file; report not written", p->id);
		r->status = JOB_INVALID;
		goto out;
	}
	*name = p->name;
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		r->status = JOB_FAILED;
		goto out;
	}
	t = now_seconds();
	score_assess(p, loader_market(w->loader), o->today, a);
	r->stage_us[STAGE_SCORE] = (uint32_t)((now_seconds() - t) * 1e6);
	r->fde = a->fit[ROLE_FDE].score;
	r->mlops = a->fit[ROLE_MLOPS].score;
	r->rec = (int32_t)a->rec;
	r->seniority = (int32_t)a->seniority;
	assessment_wire(a, r);
	if (rend == NULL) {
		diag(d, SEV_FATAL, path, 0, "renderer unavailable: %s",
		    rend_err);
		r->status = JOB_FAILED;
		goto out;
	}
	memset(&ro, 0, sizeof(ro));
	ro.paper = o->paper;
	ro.date = o->date_t;
	ro.brand = o->brand;
	if (w->prev != NULL && w->prev[idx] != NULL &&
	    w->prev[idx]->id != NULL && strcmp(w->prev[idx]->id, p->id) == 0 &&
	    mentry_previous(w->prev[idx], loader_market(w->loader), &prev) == 0)
		ro.previous = &prev;
	t = now_seconds();
	if (render_report(rend, a, &ro, &pdf, &len, d) == -1) {
		r->status = JOB_FAILED;
		goto out;
	}
	t1 = now_seconds();
	r->stage_us[STAGE_SERIALISE] =
	    (uint32_t)(render_last_serialise(rend) * 1e6);
	r->stage_us[STAGE_LAYOUT] = (uint32_t)((t1 - t) * 1e6) -
	    r->stage_us[STAGE_SERIALISE];
	if (o->encrypt) {
		if (encrypt_pdf(pdf, len, passwords_get(o->passwords, p->id),
		    o->owner_pw, &enc, &elen, d, path) == -1) {
			r->status = JOB_FAILED;
			goto out;
		}
		free(pdf);
		pdf = enc;
		len = elen;
	}
	/* Nothing is written before the id is known to be ours. */
	asked = 0;
	if ((c = claim_answer(L)) == -1) {
		rc = -1;
		goto out;
	}
	if (c == 0) {
		as_duplicate(r, d, mark, name);
		goto out;
	}
	snprintf(file, sizeof(file), "%s.pdf", p->id);
	/* Staged only: worker_main commits it with the others it holds.
	 * The report's SHA-256 (for the manifest) is taken as it is
	 * written. */
	if ((st = output_stage(o->outdir, file, pdf, len, o->mode, r->sha,
	    stg, d)) != 0) {
		diag(d, SEV_ERROR, path, 0, "report %s/%s not written",
		    o->outdir, file);
		r->status = JOB_WRITE_FAILED;
		r->write_err = st;
		goto out;
	}
	r->stage_us[STAGE_WRITE] = (uint32_t)((now_seconds() - t1) * 1e6);
	r->out_size = len;
	r->status = JOB_RENDERED;
	*staged = 1;
out:
	/* A job that ended after its claim: a duplicate above all. */
	if (asked && rc == 0) {
		if ((c = claim_answer(L)) == -1)
			rc = -1;
		else if (c == 0)
			as_duplicate(r, d, mark, name);
	}
	free(pdf);
	free(a);
	return rc;
}

/* ------------------------------------------------------ group commit */

/* Reports staged and not yet committed, with the results to send once
 * they are.  st[] is apart so output_sync() can take it whole. */
struct held {
	struct wire_result	 r;
	uint32_t		 idx;		/* job, for messages */
	char			*name;		/* malloc'd */
	char			*msgs;		/* malloc'd, msg_len bytes */
};

struct holds {
	struct held		 h[BATCH_HOLD_MAX];
	struct output_staged	 st[BATCH_HOLD_MAX];
	int			 n;
	double			 since;		/* when h[0] was staged */
};

/* A result into out: sent with the next flush. */
static int
put_result(struct link *L, uint32_t type, struct wire_result *r,
    const char *name, const char *msgs, size_t msg_len)
{
	size_t	 nl = name != NULL ? strlen(name) : 0;

	if (msg_len > WIRE_MAX / 2)
		msg_len = WIRE_MAX / 2;
	r->name_len = (uint32_t)nl;
	r->msg_len = (uint32_t)msg_len;
	return wire_put(&L->out, type, r, sizeof(*r), name, nl, msgs,
	    msg_len);
}

static char *
dup_mem(const char *s, size_t n)
{
	char	*p;

	if (s == NULL || (p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Makes the held reports durable and in place, then sends their results
 * in the order they were staged, all at once.  -1 when the parent is
 * gone. */
static int
commit(struct link *L, const struct worker_ctx *w, struct holds *H)
{
	const struct batch_opts	*o = w->opts;
	struct held		*h;
	struct diag		 d;
	double			 t0;
	uint32_t		 share;
	int			 i, st, published = 0, rc = 0;

	if (H->n == 0)
		return 0;
	t0 = now_seconds();
	diag_init(&d, NULL);
	d.keep = 1;
	output_sync(H->st, (size_t)H->n);
	for (i = 0; i < H->n; i++) {
		h = &H->h[i];
		if ((st = output_publish(&H->st[i], &d)) == 0) {
			published++;
			continue;
		}
		diag(&d, SEV_ERROR, w->paths[h->idx], 0, "report %s/%s.pdf "
		    "not written", o->outdir, h->r.id);
		h->r.status = JOB_WRITE_FAILED;
		h->r.write_err = st;
	}
	if (published > 0 && (st = output_sync_dir(o->outdir, o->outdir,
	    &d)) != 0) {
		/* The files are whole and in place, but not durable. */
		for (i = 0; i < H->n; i++)
			if (H->h[i].r.status == JOB_RENDERED) {
				H->h[i].r.status = JOB_WRITE_FAILED;
				H->h[i].r.write_err = st;
			}
	}
	share = (uint32_t)((now_seconds() - t0) * 1e6 / H->n);
	for (i = 0; i < H->n; i++) {
		h = &H->h[i];
		h->r.duration_us += share;
		h->r.stage_us[STAGE_WRITE] += share;
		if (rc == 0 && d.buf != NULL && d.len > 0 &&
		    h->r.status == JOB_WRITE_FAILED) {
			/* this job's messages, then the commit's */
			size_t	 ml = h->msgs != NULL ?
			    strlen(h->msgs) : 0;
			char	*m = malloc(ml + d.len + 1);

			if (m != NULL) {
				memcpy(m, h->msgs != NULL ? h->msgs : "", ml);
				memcpy(m + ml, d.buf, d.len);
				m[ml + d.len] = '\0';
				free(h->msgs);
				h->msgs = m;
			}
		}
		if (rc == 0 && put_result(L, MSG_HELD_RESULT, &h->r, h->name,
		    h->msgs, h->msgs != NULL ? strlen(h->msgs) : 0) == -1)
			rc = -1;
		free(h->name);
		free(h->msgs);
		h->name = h->msgs = NULL;
	}
	H->n = 0;
	diag_free(&d);
	return rc;
}

/* Before waiting for the next message: the held reports are committed
 * when they have waited BATCH_HOLD_MS and no message comes first. */
static int
wait_or_commit(struct link *L, const struct worker_ctx *w, struct holds *H)
{
	struct pollfd	 pfd;
	double		 left;
	int		 n;

	while (H->n > 0) {
		left = H->since + BATCH_HOLD_MS / 1000.0 - now_seconds();
		if (left <= 0)
			return commit(L, w, H);
		pfd.fd = L->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		n = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (n > 0)
			return 0;
		if (n == -1 && errno != EINTR)
			return commit(L, w, H);
	}
	return 0;
}

/* The next job: one the parent sent ahead, or the next message; on the
 * way, the held reports are committed when they have waited long enough
 * or the parent asks (MSG_FLUSH).  1 with *idx, 0 when the parent is
 * gone or broke the protocol. */
static int
next_job(struct link *L, const struct worker_ctx *w, struct holds *H,
    uint32_t *idx)
{
	struct wire_hdr	 h;
	const char	*p;

	for (;;) {
		if (L->njobs > 0) {
			*idx = L->jobs[0];
			memmove(L->jobs, L->jobs + 1, (size_t)--L->njobs *
			    sizeof(L->jobs[0]));
			return 1;
		}
		if (L->flush) {
			L->flush = 0;
			if (commit(L, w, H) == -1)
				return 0;
			continue;
		}
		/* About to wait: what waits in out goes first. */
		if (!wire_buffered(&L->in) &&
		    (wire_flush(L->fd, &L->out) == -1 ||
		    wait_or_commit(L, w, H) == -1 ||
		    wire_flush(L->fd, &L->out) == -1))
			return 0;
		if (wire_recv(L->fd, &L->in, &h, &p) == -1)
			return 0;
		if (h.type == MSG_FLUSH && h.len == 0)
			L->flush = 1;
		else if (h.type != MSG_JOB || link_keep_job(L, &h, p) == -1)
			return 0;
	}
}

void
worker_main(int fd, const struct worker_ctx *w)
{
	struct renderer		*rend;
	struct diag		 d, rd;
	struct wire_result	 r;
	struct profile		*prof;
	struct holds		*H;
	struct held		*hd;
	struct link		 L;
	const char		*name;
	char			 rend_err[512];
	uint32_t		 idx;
	double			 t0;
	int			 rc, staged, i;

	diag_init(&rd, NULL);
	rd.keep = 1;
	rend = renderer_new(w->opts->datadir, &rd);
	snprintf(rend_err, sizeof(rend_err), "%s",
	    rd.buf != NULL ? rd.buf : "no reason given");
	rend_err[strcspn(rend_err, "\n")] = '\0';
	diag_free(&rd);
	if ((H = calloc(1, sizeof(*H))) == NULL)
		_exit(EX_OSERR);	/* the parent fails the job it sends */
	memset(&L, 0, sizeof(L));
	L.fd = fd;

	diag_init(&d, NULL);
	d.keep = 1;
	while (next_job(&L, w, H, &idx)) {
		/* The last job's result goes before this one starts: were
		 * this one to crash or hang, the parent must not take it
		 * for the last one's doing. */
		if (idx >= w->npaths || wire_flush(fd, &L.out) == -1)
			break;
		worker_cpu_limit(w->opts->timeout);
		t0 = now_seconds();
		diag_reset(&d);
		memset(&r, 0, sizeof(r));
		r.rec = r.seniority = -1;
		prof = NULL;
		rc = run_job(&L, w, rend, rend_err, w->paths[idx], &r, &d,
		    &prof, &name, &H->st[H->n], &staged, idx);
		if (rc == -1) {
			if (prof != NULL)
				profile_free(prof);
			break;
		}
		r.duration_us = (uint64_t)((now_seconds() - t0) * 1e6);
		if (staged) {
			hd = &H->h[H->n];
			hd->r = r;
			hd->idx = idx;
			hd->name = name != NULL ? dup_mem(name,
			    strlen(name)) : NULL;
			hd->msgs = d.buf != NULL && d.len > 0 ?
			    dup_mem(d.buf, d.len) : NULL;
			if (H->n++ == 0)
				H->since = now_seconds();
			rc = wire_put(&L.out, MSG_WRITTEN, NULL, 0, NULL, 0,
			    NULL, 0);
			if (rc == 0 && H->n == BATCH_HOLD_MAX)
				rc = commit(&L, w, H);
		} else
			rc = put_result(&L, MSG_RESULT, &r, name, d.buf,
			    d.buf != NULL ? d.len : 0);
		if (prof != NULL)
			profile_free(prof);
		if (rc == -1)
			break;
	}
	/* Parent gone or done: nothing held is published. */
	for (i = 0; i < H->n; i++) {
		output_discard(&H->st[i]);
		free(H->h[i].name);
		free(H->h[i].msgs);
	}
	free(H);
	wire_in_free(&L.in);
	wire_out_free(&L.out);
	renderer_free(rend);
	diag_free(&d);
	_exit(0);
}
