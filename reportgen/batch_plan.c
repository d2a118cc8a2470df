/*
 * batch_plan.c: the incremental plan.  Hashes the market data and the
 * assets (fonts, schemas) and every input, and decides from the last
 * run's manifest which reports are still current (--incremental): those
 * are skipped, the rest go to the workers.
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

/* Whether a job's last result still stands (--incremental). */
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
	if (e->name != NULL && (j->name = strdup(e->name)) == NULL) {
		diag(&R->d, SEV_FATAL, j->path, 0, "out of memory: name not "
		    "kept");
		R->oom = 1;
	}
	if (e->message != NULL)
		job_replay(j, e->message);
	return 1;
}

/* Decides for every input whether it needs a worker. */
int
plan_jobs(struct run *R)
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
		if (plan_hash_hex_file(j->path, j->input_sha, NULL) == -1)
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

