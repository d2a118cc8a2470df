/*
 * batch_plan.c: the incremental plan.  Hashes the market data and the
 * assets (fonts, schemas) and every input, and decides from the last
 * run's rows in the state (state.h) which reports are still current
 * (--incremental): those are skipped, the rest go to the workers.  The
 * sorted inputs are merged with the rows read in path order, so no row
 * is held beyond its visit.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_private.h"
#include "encrypt.h"
#include "load.h"
#include "readfile.h"

/* ------------------------------------------------------------ hashing */

int
plan_hash_hex_file(const char *path, char out[HASH_HEX_LEN], struct diag *d)
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
int
plan_assets(struct run *R)
{
	const struct batch_opts	*o = R->o;
	struct hash		*h;
	unsigned char		 b[HASH_LEN];
	char			 path[PATH_MAX];

	if (o->market != NULL)
		snprintf(path, sizeof(path), "%s", o->market);
	else
		snprintf(path, sizeof(path), "%s/data/market.xml", o->datadir);
	if (plan_hash_hex_file(path, R->market_sha, &R->d) == -1)
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


/* Whether the encrypted PDF at path opens with the user password and,
 * when one is given, with the owner password: both unchanged. */
int
plan_protected_with(const char *path, const char *upw, const char *opw)
{
	static const struct readfile rf = { 64UL * 1024 * 1024, RF_NOFOLLOW,
	    NULL, NULL };
	struct diag	 quiet;
	char		*buf;
	size_t		 len;
	int		 ok;

	if (upw == NULL)
		return 0;
	diag_init(&quiet, NULL);	/* not current: rendered again */
	if (readfile(path, &rf, &buf, &len, &quiet) != 0)
		return 0;
	ok = encrypt_opens((unsigned char *)buf, len, upw) &&
	    (opw == NULL || encrypt_opens((unsigned char *)buf, len, opw));
	free(buf);
	return ok;
}

/* What stat(2) says of a report, to tell whether it changed since it was
 * hashed without reading it again: "size:mtime.ns:inode".  -1 when it is
 * not a regular file. */
int
plan_stat_key(const char *path, char *buf, size_t size)
{
	struct stat	 st;

	if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return -1;
	snprintf(buf, size, "%lld:%lld.%09ld:%llu", (long long)st.st_size,
	    (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
	    (unsigned long long)st.st_ino);
	return 0;
}

/* Whether a job's last result, its row e, still stands
 * (--incremental).  When it does, what the log says of it is put in
 * res (name borrowed from e). */
static int
job_current(struct run *R, struct job *j, const struct mentry *e,
    struct jres *res)
{
	char	 path[PATH_MAX], sha[HASH_HEX_LEN], key[96], isha[HASH_HEX_LEN];

	if (!j->has_sha)
		return 0;
	hash_hex(j->input_sha, isha);
	if (!streq(e->input_sha256, isha) ||
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
			job_replay(j, e->message);
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
	if (e->output_stat != NULL && plan_stat_key(path, key, sizeof(key)) == 0 &&
	    strcmp(key, e->output_stat) == 0 &&
	    strlen(e->output_sha256) < sizeof(sha))
		strcpy(sha, e->output_sha256);
	else if (plan_hash_hex_file(path, sha, NULL) == -1 ||
	    strcmp(sha, e->output_sha256) != 0)
		return 0;
	if (R->o->encrypt && !plan_protected_with(path,
	    passwords_get(R->o->passwords, e->id), R->o->owner_pw))
		return 0;	/* a password changed: protect it again */
	j->status = JOB_UNCHANGED;
	strcpy(j->id, e->id);
	strcpy(res->out_sha, sha);
	j->claimed = 1;
	if (e->has_fit) {
		res->has_fit = 1;
		res->fde = e->fde;
		res->mlops = e->mlops;
	}
	res->rec = -1;
	if (e->recommendation != NULL)
		for (res->rec = REC_NOT_YET; res->rec >= 0; res->rec--)
			if (strcmp(recommendation_id(
			    (enum recommendation)res->rec),
			    e->recommendation) == 0)
				break;
	res->name = e->name;
	if (e->message != NULL)
		job_replay(j, e->message);
	return 1;
}

/* The plan's walk: the inputs (sorted by path) merged with the rows of
 * the state in path order, so no row is held longer than its visit. */
struct walk {
	struct run	*R;
	size_t		 i;	/* the next input */
};

/* Decides for input i, with its row e (NULL: none). */
static void
plan_one(struct run *R, size_t i, const struct mentry *e)
{
	struct job	*j = &R->jobs[i];
	struct jres	 res;
	const char	*want;

	j->path = R->in.paths[i];
	/* Only a comparison with the last run's row needs the hash now;
	 * otherwise (no --incremental, a profile new to the state) the
	 * worker's, of the bytes it parses, is the one kept (a quarter of
	 * the parent's instructions per report went here). */
	if (R->use_old && e != NULL &&
	    hash_file(j->path, j->input_sha, NULL) == 0)
		j->has_sha = 1;
	memset(&res, 0, sizeof(res));
	res.rec = res.sen = res.market = -1;
	if (R->use_old && e != NULL && job_current(R, j, e, &res)) {
		j->state = JS_SKIP;
		if (j->status == JOB_UNCHANGED)
			claim_add(R, i);
		/* Logged now, in input order, as its row is in hand. */
		j->res = &res;
		log_job(R, j);
		j->res = NULL;
		free(j->msgs);
		j->msgs = NULL;
		/* What summary.csv and index.pdf will say of it. */
		want = j->status == JOB_UNCHANGED ? "ok" :
		    job_status_name((enum job_status)j->status);
		j->fix = !streq(e->outcome, want);
		return;
	}
	R->todo[R->ntodo++] = i;
	/* Progress since the last report: only when the profile itself
	 * changed since that assessment. */
	if (R->use_old && e != NULL && e->has_fit && e->id != NULL) {
		char	 isha[HASH_HEX_LEN];

		if (j->has_sha)
			hash_hex(j->input_sha, isha);
		/* the walk's row has no levels and plan: read it whole */
		if ((!j->has_sha || !streq(e->input_sha256, isha)) &&
		    ((R->prev[i] = calloc(1, sizeof(*R->prev[i]))) == NULL ||
		    state_get(R->state, j->path, R->prev[i]) != 1)) {
			diag(&R->d, SEV_FATAL, j->path, 0, "out of memory: "
			    "no progress page");
			R->oom = 1;
		}
	}
}

static int
plan_row(const struct mentry *e, void *arg)
{
	struct walk	*w = arg;
	struct run	*R = w->R;
	int		 c = -1;

	while (w->i < R->njobs &&
	    (c = strcmp(R->in.paths[w->i], e->path)) < 0)
		plan_one(R, w->i++, NULL);
	if (w->i < R->njobs && c == 0)
		plan_one(R, w->i++, e);
	/* else a row whose input is gone: out_finish's */
	return 0;
}

/* Decides for every input whether it needs a worker; then, in one
 * group, marks what is to be done "pending" in the state (so a run
 * killed now leaves summary and index saying so) and corrects the
 * outcome of skipped rows that say otherwise. */
int
plan_jobs(struct run *R)
{
	struct walk	 w = { R, 0 };
	size_t		 i;

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
	if (state_each(R->state, plan_row, &w) == -1)
		return -1;
	while (w.i < R->njobs)
		plan_one(R, w.i++, NULL);
	if (state_begin(R->state) == -1)
		return -1;
	for (i = 0; i < R->ntodo; i++)
		if (state_mark(R->state, R->jobs[R->todo[i]].path,
		    "pending") == -1)
			return -1;
	for (i = 0; i < R->njobs; i++)
		if (R->jobs[i].fix && state_mark(R->state, R->jobs[i].path,
		    R->jobs[i].status == JOB_UNCHANGED ? "ok" :
		    job_status_name((enum job_status)R->jobs[i].status)) == -1)
			return -1;
	return state_commit(R->state);
}
