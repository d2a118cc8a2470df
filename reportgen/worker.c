/*
 * worker.c: one batch worker, forked by batch.c after the loader is built
 * (compiled schema and market data shared copy-on-write).  It makes its
 * renderer once (fonts loaded once), then serves jobs until the parent
 * closes the socket: load -> check id -> claim the id -> score -> render
 * -> write <id>.pdf, and one result record back per job.
 *
 * A worker is expendable: a crash or a timeout costs only its current
 * profile, the parent records it and forks a fresh one.
 */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "batch.h"
#include "load.h"
#include "output.h"
#include "report.h"
#include "score.h"

/* ----------------------------------------------------------- the wire */

static int
write_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
read_all(int fd, void *buf, size_t len)
{
	char	*p = buf;
	ssize_t	 n;

	while (len > 0) {
		n = read(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
wire_send(int fd, uint32_t type, const void *a, size_t alen,
    const void *b, size_t blen, const void *c, size_t clen)
{
	struct wire_hdr	 h;

	if (alen + blen + clen > WIRE_MAX)
		return -1;
	h.type = type;
	h.len = (uint32_t)(alen + blen + clen);
	if (write_all(fd, &h, sizeof(h)) == -1 ||
	    (alen > 0 && write_all(fd, a, alen) == -1) ||
	    (blen > 0 && write_all(fd, b, blen) == -1) ||
	    (clen > 0 && write_all(fd, c, clen) == -1))
		return -1;
	return 0;
}

int
wire_recv(int fd, struct wire_hdr *h, char **payload)
{
	char	*p;

	*payload = NULL;
	if (read_all(fd, h, sizeof(*h)) == -1 || h->len > WIRE_MAX)
		return -1;
	if ((p = malloc((size_t)h->len + 1)) == NULL)
		return -1;
	if (read_all(fd, p, h->len) == -1) {
		free(p);
		return -1;
	}
	p[h->len] = '\0';
	*payload = p;
	return 0;
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

/* The CPU time limit counts over the worker's life, so before each job
 * it is set to what was used so far plus twice the per-profile limit: a
 * backstop for a worker the parent somehow fails to kill (SIGXCPU). */
void
worker_cpu_limit(int timeout)
{
	struct rusage	 ru;
	struct rlimit	 rl;
	rlim_t		 want;

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

int
batch_id_ok(const char *id)
{
	size_t	 i;

	if (id == NULL || id[0] == '\0' || id[0] == '-')
		return 0;
	for (i = 0; id[i] != '\0'; i++) {
		if (i >= BATCH_ID_MAX)
			return 0;
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= 'A' && id[i] <= 'Z') ||
		    (id[i] >= '0' && id[i] <= '9') ||
		    id[i] == '_' || id[i] == '-'))
			return 0;
	}
	return 1;
}

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

/* Asks the parent whether this id is ours to write.  1 yes, 0 taken,
 * -1 the parent is gone. */
static int
claim(int fd, const char *id)
{
	struct wire_hdr	 h;
	char		*p;
	uint32_t	 ok;

	if (wire_send(fd, MSG_CLAIM, id, strlen(id), NULL, 0, NULL, 0) == -1 ||
	    wire_recv(fd, &h, &p) == -1)
		return -1;
	if (h.type != MSG_CLAIM_REPLY || h.len != sizeof(ok)) {
		free(p);
		return -1;
	}
	memcpy(&ok, p, sizeof(ok));
	free(p);
	return ok != 0;
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

/* The whole pipeline for one profile; fills r.  The profile is left in
 * *pp for the caller to free after the result (which quotes the name) is
 * sent.  -1 only when the parent is gone. */
static int
run_job(int fd, const struct worker_ctx *w, struct renderer *rend,
    const char *rend_err, const char *path, struct wire_result *r,
    struct diag *d, struct profile **pp, const char **name)
{
	const struct batch_opts	*o = w->opts;
	struct profile		*p = NULL;
	struct assessment	*a = NULL;
	struct render_opts	 ro;
	unsigned char		*pdf = NULL;
	size_t			 len = 0;
	char			 file[BATCH_ID_MAX + 8];
	int			 unreadable = 0, rc = 0, c, st;

	*name = NULL;
	*pp = p = profile_load(w->loader, path, d, &unreadable);
	if (p == NULL) {
		r->status = unreadable ? JOB_UNREADABLE : JOB_INVALID;
		if (!in_shard(o, path))
			r->status = JOB_OTHER_SHARD;
		return 0;
	}
	if (!batch_id_ok(p->id)) {
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
	if ((c = claim(fd, p->id)) == -1) {
		rc = -1;
		goto out;
	}
	if (c == 0) {
		r->status = JOB_DUPLICATE;	/* the parent says why */
		goto out;
	}
	*name = p->name;
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		diag(d, SEV_FATAL, path, 0, "out of memory");
		r->status = JOB_FAILED;
		goto out;
	}
	score_assess(p, loader_market(w->loader), o->today, a);
	r->fde = a->fit[ROLE_FDE].score;
	r->mlops = a->fit[ROLE_MLOPS].score;
	r->rec = (int32_t)a->rec;
	r->seniority = (int32_t)a->seniority;
	if (rend == NULL) {
		diag(d, SEV_FATAL, path, 0, "renderer unavailable: %s",
		    rend_err);
		r->status = JOB_FAILED;
		goto out;
	}
	memset(&ro, 0, sizeof(ro));
	ro.paper = o->paper;
	ro.date = o->date_t;
	if (render_report(rend, a, &ro, &pdf, &len, d) == -1) {
		r->status = JOB_FAILED;
		goto out;
	}
	(void)hash_buf(pdf, len, r->sha);
	snprintf(file, sizeof(file), "%s.pdf", p->id);
	if ((st = output_write(o->outdir, file, pdf, len, o->mode, d)) != 0) {
		diag(d, SEV_ERROR, path, 0, "report %s/%s not written",
		    o->outdir, file);
		r->status = JOB_WRITE_FAILED;
		r->write_err = st;
		goto out;
	}
	r->out_size = len;
	r->status = JOB_RENDERED;
out:
	free(pdf);
	free(a);
	return rc;
}

void
worker_main(int fd, const struct worker_ctx *w)
{
	struct renderer		*rend;
	struct diag		 d, rd;
	struct wire_hdr		 h;
	struct wire_result	 r;
	struct profile		*prof;
	const char		*name;
	char			*p, rend_err[512];
	uint32_t		 idx;
	double			 t0;
	size_t			 nl;
	int			 rc;

	diag_init(&rd, NULL);
	rd.keep = 1;
	rend = renderer_new(w->opts->datadir, &rd);
	snprintf(rend_err, sizeof(rend_err), "%s",
	    rd.buf != NULL ? rd.buf : "no reason given");
	rend_err[strcspn(rend_err, "\n")] = '\0';
	diag_free(&rd);

	diag_init(&d, NULL);
	d.keep = 1;
	for (;;) {
		if (wire_recv(fd, &h, &p) == -1)
			break;
		if (h.type != MSG_JOB || h.len != sizeof(idx)) {
			free(p);
			break;
		}
		memcpy(&idx, p, sizeof(idx));
		free(p);
		if (idx >= w->npaths)
			break;
		worker_cpu_limit(w->opts->timeout);
		t0 = now_seconds();
		diag_reset(&d);
		memset(&r, 0, sizeof(r));
		r.rec = r.seniority = -1;
		prof = NULL;
		rc = run_job(fd, w, rend, rend_err, w->paths[idx], &r, &d,
		    &prof, &name);
		if (rc == -1) {
			if (prof != NULL)
				profile_free(prof);
			break;
		}
		r.duration_us = (uint64_t)((now_seconds() - t0) * 1e6);
		nl = name != NULL ? strlen(name) : 0;
		r.name_len = (uint32_t)nl;
		r.msg_len = (uint32_t)(d.buf != NULL ? d.len : 0);
		if (r.msg_len > WIRE_MAX / 2)
			r.msg_len = WIRE_MAX / 2;
		rc = wire_send(fd, MSG_RESULT, &r, sizeof(r), name, nl,
		    d.buf, r.msg_len);
		if (prof != NULL)
			profile_free(prof);
		if (rc == -1)
			break;
	}
	renderer_free(rend);
	diag_free(&d);
	_exit(0);
}
