/*
 * batch_out.c: the run state as jobs finish (a row per input in
 * DIR/state.db, a transaction per group), and the outputs made at the end
 * of a run from that state: summary.csv, index.pdf, and the reports of
 * profiles that are gone (kept, or removed with --prune).  Each file is
 * written only when its content changed, so an idle rerun touches none.
 * Nothing here holds every profile's row: the state is walked in path
 * order (or the index's), a row at a time.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch_private.h"
#include "encrypt.h"
#include "index.h"
#include "load.h"
#include "output.h"
#include "summary.h"

/* Memory ran out for a piece of the state: said, and the run fails
 * (71), so nothing is dropped in silence. */
static void
out_oom(struct run *R, const char *what)
{
	diag(&R->d, SEV_FATAL, R->o->outdir, 0, "out of memory: %s not kept "
	    "in %s", what, STATE_NAME);
	R->oom = 1;
}

/* ------------------------------------------------------------- state */

/* The row of a job as this run leaves it; old is its row before (NULL:
 * none), whose last assessment carries over when this run made none. */
static void
fill_entry(struct run *R, const struct job *j, const struct mentry *old,
    struct mentry *e, char *isha, char *out, size_t outsz, char *st,
    size_t stsz, char *msg)
{
	static const struct jres none = { .rec = -1, .sen = -1, .market = -1 };
	const struct jres	*res = j->res != NULL ? j->res : &none;

	memset(e, 0, sizeof(*e));
	e->message = msg;
	e->path = UNCONST(j->path);
	e->id = j->id[0] ? UNCONST(j->id) : NULL;
	isha[0] = '\0';
	if (j->has_sha)
		hash_hex(j->input_sha, isha);
	e->input_sha256 = j->has_sha ? isha : NULL;
	e->outcome = UNCONST(job_ok(j) ? "ok" :
	    job_status_name((enum job_status)j->status));
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
		mentry_borrow_assessment(e, old);
	}
	switch (j->status) {
	case JOB_RENDERED:
		e->status = UNCONST("ok");
		snprintf(out, outsz, "%s.pdf", j->id);
		e->output = out;
		e->output_sha256 = UNCONST(res->out_sha);
		{
			char	 path[PATH_MAX];

			snprintf(path, sizeof(path), "%s/%s", R->o->outdir,
			    out);
			if (plan_stat_key(path, st, stsz) == 0)
				e->output_stat = st;
		}
		e->name = res->name;
		e->has_fit = res->has_fit;
		e->fde = res->fde;
		e->mlops = res->mlops;
		e->recommendation = res->rec >= 0 ? UNCONST(recommendation_id(
		    (enum recommendation)res->rec)) : NULL;
		e->seniority = res->sen >= 0 ? UNCONST(seniority_id(
		    (enum seniority)res->sen)) : NULL;
		e->date = UNCONST(R->o->date);
		e->market = res->market >= 0 && res->market < MKT__N ?
		    UNCONST(market_id((enum mkt)res->market)) : NULL;
		mentry_borrow_assessment(e, &res->assess);
		break;
	case JOB_INVALID:
		e->status = UNCONST("invalid");
		break;
	case JOB_OTHER_SHARD:
		e->status = UNCONST("other-shard");
		e->has_fit = 0;
		e->name = e->recommendation = e->seniority = e->date = NULL;
		e->market = NULL;
		e->levels = NULL;
		e->plan = NULL;
		e->nlevels = e->nplan = 0;
		e->has_levels = e->has_plan = 0;
		break;
	default:
		/* Failed, duplicate, unreadable: kept for its last
		 * assessment, but never current (tried again next time). */
		e->status = UNCONST("retry");
		e->input_sha256 = NULL;
		break;
	}
}

/* A group could not be kept: undone, and the run fails (74); the
 * reports of the group are rendered again by the next run. */
static void
state_failed(struct run *R)
{
	if (state_in_group(R->state))
		(void)state_rollback(R->state);
	R->io_error = 1;
}

void
state_keep(struct run *R, struct job *j)
{
	struct mentry	 e, old;
	char		 out[BATCH_ID_MAX + 8], st[96], isha[HASH_HEX_LEN];
	char		*msg;
	int		 have_old = 0;

	if (j->status == JOB_PENDING)
		return;
	if (!state_in_group(R->state) && state_begin(R->state) == -1) {
		state_failed(R);
		return;
	}
	/* The row before, for what carries over: not needed when this run
	 * made a new assessment or the profile is another shard's. */
	if (j->status != JOB_RENDERED && j->status != JOB_OTHER_SHARD &&
	    (have_old = state_get(R->state, j->path, &old)) == -1) {
		state_failed(R);
		return;
	}
	msg = msgs_for_summary(j->msgs);
	fill_entry(R, j, have_old == 1 ? &old : NULL, &e, isha, out,
	    sizeof(out), st, sizeof(st), msg);
	if (state_put(R->state, &e) == -1)
		state_failed(R);
	free(msg);
	if (have_old == 1)
		mentry_free(&old);
}

void
state_group_commit(struct run *R)
{
	if (state_in_group(R->state) && state_commit(R->state) == -1)
		state_failed(R);
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


/* A function that is handed the rows of the index one at a time. */
typedef int	(*index_row_cb)(void *arg, const struct index_row *);

/*
 * The rows of the index, in the order it shows them (sort), handed to fn
 * one at a time straight from the run's state (state_each_index): the
 * strings live only during the call, and nothing is gathered, so the
 * index of 100,000 candidates costs the parent one volume of rows.  The
 * rows carry no date (index_update asks the state for the newest).
 * 0, or -1 when memory ran out, the state could not be read or fn said
 * -1.
 */
static int
index_rows(struct run *R, enum index_sort sort, index_row_cb fn, void *arg)
{
	return state_each_index(R->state, sort, fn, arg) == 0 ? 0 : -1;
}

/* The first walk over the rows: how many. */
static int
index_count_row(void *arg, const struct index_row *r)
{
	(void)r;
	(*(size_t *)arg)++;
	return 0;
}

static int
index_digest_row(void *arg, const struct index_row *r)
{
	return index_digest_add(arg, r);
}

static int
index_add_row(void *arg, const struct index_row *r)
{
	return index_add(arg, r);
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

/* What index_put needs, and the hash of the index.pdf it wrote. */
struct index_put {
	struct run	*R;
	char		 sha[HASH_HEX_LEN];
	int		 wrote;		/* index.pdf */
};

/* Writes one file of the index (encrypted under --encrypt); a volume
 * that holds these bytes already is left alone. */
static int
index_put(void *arg, const char *name, const unsigned char *pdf,
    size_t len)
{
	struct index_put	*p = arg;
	struct run		*R = p->R;
	const struct batch_opts	*o = R->o;
	unsigned char		*enc = NULL, h[HASH_LEN];
	size_t			 elen = 0;
	int			 rc;

	if (o->encrypt) {
		if (encrypt_pdf(pdf, len, o->owner_pw, o->owner_pw, &enc,
		    &elen, &R->d, name) == -1)
			return -1;
		pdf = enc;
		len = elen;
	}
	if (strcmp(name, INDEX_NAME) != 0 && !o->encrypt)
		rc = write_if_changed(R, name, (const char *)pdf, len);
	else
		rc = output_write(o->outdir, name, pdf, len, o->mode, &R->d);
	if (rc == 0 && strcmp(name, INDEX_NAME) == 0) {
		(void)hash_buf(pdf, len, h);
		hash_hex(h, p->sha);
		p->wrote = 1;
	}
	free(enc);
	return rc == 0 ? 0 : -1;
}

/* The volume number of an index volume's file name, or 0. */
static size_t
index_volume_of(const char *name)
{
	char	 buf[INDEX_VOLUME_NAME_MAX];
	size_t	 k;

	if (strncmp(name, "index.", 6) != 0 || name[6] < '0' ||
	    name[6] > '9')
		return 0;
	k = strtoul(name + 6, NULL, 10);
	snprintf(buf, sizeof(buf), INDEX_VOLUME_FMT, k);
	return strcmp(buf, name) == 0 ? k : 0;
}

/* Are volumes 1 to n all there (regular files)? */
static int
index_volumes_there(const struct run *R, size_t n)
{
	char		 path[PATH_MAX], name[INDEX_VOLUME_NAME_MAX];
	struct stat	 st;
	size_t		 k;

	for (k = 1; k <= n; k++) {
		snprintf(name, sizeof(name), INDEX_VOLUME_FMT, k);
		snprintf(path, sizeof(path), "%s/%s", R->o->outdir, name);
		if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode))
			return 0;
	}
	return 1;
}

/*
 * Volumes past the last one made (the cohort shrank, or fits in one
 * index.pdf now) are removed under the rule --prune follows: not when an
 * input could not be read or was skipped, nor when the run was stopped;
 * then they stay, with a warning.  No report can bear their names (an
 * id holds no dot).
 */
static void
index_prune_volumes(struct run *R, size_t nvols)
{
	DIR		*dir;
	struct dirent	*de;
	char		 path[PATH_MAX];
	size_t		 k, stale = 0;
	int		 unreadable = R->tally.unreadable;	/* jobs gone */

	if ((dir = opendir(R->o->outdir)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if ((k = index_volume_of(de->d_name)) == 0 || k <= nvols)
			continue;
		snprintf(path, sizeof(path), "%s/%s", R->o->outdir,
		    de->d_name);
		if (unreadable > 0 || R->inputs_skipped > 0 || R->stopping) {
			stale++;
			continue;
		}
		if (unlink(path) == -1 && errno != ENOENT)
			diag(&R->d, SEV_WARNING, path, 0, "cannot remove: %s",
			    strerror(errno));
		else if (!R->o->quiet)
			diag(&R->d, SEV_INFO, path, 0, "removed (the index "
			    "has %zu volume%s now)", nvols, nvols == 1 ? "" :
			    "s");
	}
	closedir(dir);
	if (stale > 0)
		diag(&R->d, SEV_WARNING, R->o->outdir, 0, "%zu volume%s of the "
		    "index past the last one kept (index.NNN.pdf above %zu): "
		    "an input could not be read or the run was stopped; a "
		    "clean run removes %s", stale, stale == 1 ? "" : "s",
		    nvols, stale == 1 ? "it" : "them");
}

/* index.pdf: made again only when what it shows changed (its digest is
 * kept in the manifest) or the file was removed or modified (or one of
 * its volumes removed), so an idle rerun leaves it alone.  Its date is
 * that of the newest assessment in it, not the run's.  The rows come
 * from index_rows(), three walks: count, digest, draw; the writer keeps
 * one volume's rows at a time.  Under --encrypt it holds names and
 * results of everyone, so it is protected with the owner password (the
 * coach's); without --owner-password-file no index is written. */
static void
index_update(struct run *R, struct manifest *m)
{
	const struct batch_opts	*o = R->o;
	struct index_opts	 io;
	char			*newest = NULL;
	size_t			 nrows = 0;
	struct index_digest	*dg;
	struct index_writer	*w;
	struct index_put	 put;
	char			 digest[HASH_HEX_LEN], sha[HASH_HEX_LEN];
	char			 path[PATH_MAX];
	size_t			 nvols;
	enum index_sort		 sort = (enum index_sort)o->index_sort;

	if (o->encrypt && o->owner_pw == NULL) {
		if (!o->quiet)
			diag(&R->d, SEV_NOTE, o->outdir, 0, "no %s under "
			    "--encrypt without --owner-password-file",
			    INDEX_NAME);
		return;
	}
	if (index_rows(R, sort, index_count_row, &nrows) == -1)
		goto oom;
	/* dated by the newest assessment in it (NULL: none) */
	newest = state_newest_date(R->state);
	memset(&io, 0, sizeof(io));
	io.sort = sort;
	io.paper = o->paper;
	io.date = newest;
	io.date_t = date_noon(io.date, o->date_t);
	io.brand = o->brand;
	io.shard = R->shard[0] != '\0' ? R->shard : NULL;
	nvols = index_volume_count(&io, nrows);
	if ((dg = index_digest_open(&io, nrows)) == NULL)
		goto oom;
	if (index_rows(R, sort, index_digest_row, dg) == -1) {
		(void)index_digest_close(dg, digest);
		goto oom;
	}
	if (index_digest_close(dg, digest) == -1)	/* frees dg */
		goto oom;
	/* unchanged, and the files are the ones written */
	snprintf(path, sizeof(path), "%s/%s", o->outdir, INDEX_NAME);
	if (streq(R->old.index_sha256, digest) &&
	    R->old.index_output_sha256 != NULL &&
	    plan_hash_hex_file(path, sha, NULL) == 0 &&
	    strcmp(sha, R->old.index_output_sha256) == 0 &&
	    index_volumes_there(R, nvols) &&
	    (!o->encrypt || plan_protected_with(path, o->owner_pw, NULL))) {
		/* volumes a run with input errors had to keep */
		index_prune_volumes(R, nvols);
		if ((m->index_sha256 = strdup(digest)) == NULL ||
		    (m->index_output_sha256 = strdup(sha)) == NULL)
			out_oom(R, "the index digest");
		goto done;
	}
	/* The cohort page names dimensions and requirements: the market
	 * data, loaded here when no report needed it (freed in batch.c). */
	if (R->loader == NULL)
		R->loader = loader_new(o->datadir, o->market, &R->d);
	io.market = R->loader != NULL ? loader_market(R->loader) : NULL;
	memset(&put, 0, sizeof(put));
	put.R = R;
	if ((w = index_open(o->datadir, &io, nrows, index_put, &put,
	    &R->d)) == NULL) {
		R->io_error = 1;
		goto done;
	}
	if (index_rows(R, sort, index_add_row, w) == -1) {
		(void)index_close(w);
		R->io_error = 1;
		goto done;
	}
	if (index_close(w) == -1 || !put.wrote) {
		R->io_error = 1;
		goto done;
	}
	index_prune_volumes(R, nvols);
	if ((m->index_sha256 = strdup(digest)) == NULL ||
	    (m->index_output_sha256 = strdup(put.sha)) == NULL)
		out_oom(R, "the index digest");
	goto done;
oom:
	diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
	R->io_error = 1;
done:
	free(newest);
}

/* ------------------------------------------------------ inputs gone */

/* The walk over the state for the rows whose input is gone: the inputs
 * (sorted) merged with the rows in path order. */
struct gone {
	struct run	*R;
	size_t		 i;		/* the next input */
	size_t		 reports;	/* rows with a report on disk */
	/* gone rows: with a report nobody else took (kept, or removed
	 * under --prune), and without (their rows just go) */
	struct goner {
		char	*path, *id;
		int	 marked;	/* outcome already "gone" */
	}		*g;
	size_t		 ng, gcap;
	char		**drop;
	size_t		 ndrop, dcap;
};

static int
gone_push(void **v, size_t *n, size_t *cap, size_t size)
{
	void	*p;
	size_t	 c;

	if (*n < *cap)
		return 0;
	c = *cap ? 2 * *cap : 64;
	if ((p = realloc(*v, c * size)) == NULL)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

static int
gone_row(const struct mentry *e, void *arg)
{
	struct gone	*G = arg;
	struct run	*R = G->R;
	struct goner	*g;
	int		 c = 1;

	if (strcmp(e->status, "ok") == 0 && e->output != NULL)
		G->reports++;
	while (G->i < R->njobs &&
	    (c = strcmp(R->in.paths[G->i], e->path)) < 0)
		G->i++;
	if (G->i < R->njobs && c == 0)
		return 0;		/* among the inputs */
	if (strcmp(e->status, "ok") == 0 && e->output != NULL &&
	    profile_id_ok(e->id) && claim_find(R, e->id) < 0) {
		/* a report on disk whose id no other file took */
		if (gone_push((void **)&G->g, &G->ng, &G->gcap,
		    sizeof(*G->g)) == -1)
			return -1;
		g = &G->g[G->ng];
		g->marked = streq(e->outcome, "gone");
		if ((g->path = strdup(e->path)) == NULL)
			return -1;
		if ((g->id = strdup(e->id)) == NULL) {
			free(g->path);
			return -1;
		}
		G->ng++;
		return 0;
	}
	/* nothing of it on disk, or its id is another file's now */
	if (gone_push((void **)&G->drop, &G->ndrop, &G->dcap,
	    sizeof(*G->drop)) == -1 ||
	    (G->drop[G->ndrop] = strdup(e->path)) == NULL)
		return -1;
	G->ndrop++;
	return 0;
}

/*
 * --prune removes the reports of inputs that are gone, but not when the
 * inputs look wrong: never after an input error (an unreadable profile,
 * an entry skipped while collecting), and never more than half of the
 * reports on record (or all of them) without --prune-all.  A refusal is
 * an error that says how many would have gone; nothing is removed, and
 * summary.csv and index.pdf are left as they were (R->prune_refused).
 */
static int
prune_decide(struct run *R, size_t reports, size_t gone)
{
	size_t	 i, unreadable = 0;

	if (!R->o->prune || R->stopping)
		return 0;
	if (gone == 0)
		return 0;
	for (i = 0; i < R->njobs; i++)
		if (R->jobs[i].status == JOB_UNREADABLE)
			unreadable++;
	if (unreadable > 0 || R->inputs_skipped > 0) {
		diag(&R->d, SEV_ERROR, R->o->outdir, 0, "--prune would remove "
		    "%zu report%s, but %zu input%s could not be read or %s "
		    "skipped; nothing removed", gone, gone == 1 ? "" : "s",
		    unreadable + R->inputs_skipped,
		    unreadable + R->inputs_skipped == 1 ? "" : "s",
		    unreadable + R->inputs_skipped == 1 ? "was" : "were");
		R->prune_refused = 1;
		return 0;
	}
	if (!R->o->prune_all && (gone == reports || 2 * gone > reports)) {
		diag(&R->d, SEV_ERROR, R->o->outdir, 0, "--prune would remove "
		    "%zu of the %zu reports (more than half): are the inputs "
		    "right?  Nothing removed; --prune-all removes them",
		    gone, reports);
		R->prune_refused = 1;
		return 0;
	}
	return 1;
}

/* The rows of inputs that are gone: reports kept (their rows marked
 * "gone", out of summary and index) or removed under --prune (rows and
 * all); rows without a report dropped. */
static void
gone_settle(struct run *R)
{
	struct gone	 G;
	char		 path[PATH_MAX];
	size_t		 i;
	int		 prune;

	memset(&G, 0, sizeof(G));
	G.R = R;
	if (state_each(R->state, gone_row, &G) != 0) {
		out_oom(R, "the rows of inputs gone");
		goto out;
	}
	prune = prune_decide(R, G.reports, G.ng);
	if ((G.ng > 0 || G.ndrop > 0) && !state_in_group(R->state) &&
	    state_begin(R->state) == -1) {
		state_failed(R);
		goto out;
	}
	for (i = 0; i < G.ndrop; i++)
		if (state_delete(R->state, G.drop[i]) == -1)
			state_failed(R);
	for (i = 0; i < G.ng; i++) {
		snprintf(path, sizeof(path), "%s/%s.pdf", R->o->outdir,
		    G.g[i].id);
		if (prune) {
			if (unlink(path) == -1 && errno != ENOENT)
				diag(&R->d, SEV_WARNING, path, 0, "cannot "
				    "remove: %s", strerror(errno));
			else {
				diag(&R->d, SEV_INFO, path, 0, "removed (input "
				    "%s is gone)", G.g[i].path);
				if (state_delete(R->state, G.g[i].path) == -1)
					state_failed(R);
			}
			continue;
		}
		if (!R->o->prune)
			diag(&R->d, SEV_WARNING, G.g[i].path, 0, "input gone; "
			    "its report %s is kept (--prune removes it)", path);
		if (!G.g[i].marked &&
		    state_mark(R->state, G.g[i].path, "gone") == -1)
			state_failed(R);
	}
out:
	for (i = 0; i < G.ng; i++) {
		free(G.g[i].path);
		free(G.g[i].id);
	}
	for (i = 0; i < G.ndrop; i++)
		free(G.drop[i]);
	free(G.g);
	free(G.drop);
}

/* ------------------------------------------------------------ summary */

/* summary.csv from the rows shown, in path order, made a chunk of rows
 * at a time (summary_csv).  First only compared, chunk by chunk, with
 * the file there (an idle rerun holds one chunk, not the CSV: 13 MB at
 * 100,000); made whole and written only when it differs. */
#define SUM_CHUNK	512

struct sumwalk {
	struct summary_row	 rows[SUM_CHUNK];
	char			*blk[SUM_CHUNK];
	size_t			 n;
	char			*csv;		/* everything so far */
	size_t			 len, cap;
	int			 header;	/* csv has it */
	int			 fd;		/* comparing with this; -1 */
	int			 differs;
};

/* Whether the next len bytes of S->fd are buf. */
static int
sum_same(struct sumwalk *S, const char *buf, size_t len)
{
	char	 tmp[65536];
	size_t	 n;
	ssize_t	 r;

	while (len > 0) {
		n = len < sizeof(tmp) ? len : sizeof(tmp);
		if ((r = read(S->fd, tmp, n)) == -1 && errno == EINTR)
			continue;
		if (r <= 0 || memcmp(tmp, buf, (size_t)r) != 0)
			return 0;
		buf += r;
		len -= (size_t)r;
	}
	return 1;
}

/* The chunk's rows appended to the CSV (the header only once). */
static int
sum_flush(struct sumwalk *S)
{
	char	*c, *body, *p;
	size_t	 len, i, cap;

	if ((c = summary_csv(S->rows, S->n, &len)) == NULL)
		return -1;
	body = c;
	if (S->header && (p = strstr(c, "\r\n")) != NULL)
		body = p + 2;
	len -= (size_t)(body - c);
	S->header = 1;
	for (i = 0; i < S->n; i++)
		free(S->blk[i]);
	S->n = 0;
	if (S->fd != -1) {
		S->differs = !sum_same(S, body, len);
		free(c);
		return S->differs;	/* 1 stops the walk */
	}
	if (S->len + len + 1 > S->cap) {
		for (cap = S->cap ? S->cap : 65536; cap < S->len + len + 1;)
			cap *= 2;
		if ((p = realloc(S->csv, cap)) == NULL) {
			free(c);
			return -1;
		}
		S->csv = p;
		S->cap = cap;
	}
	memcpy(S->csv + S->len, body, len);
	S->len += len;
	free(c);
	return 0;
}

static int
sum_row(const struct mentry *e, void *arg)
{
	struct sumwalk		*S = arg;
	struct summary_row	*r = &S->rows[S->n];
	const char		*out = e->outcome != NULL ? e->outcome :
				    e->status;
	int			 ok = strcmp(out, "ok") == 0;
	int			 pending = strcmp(out, "pending") == 0;
	char			 fde[16] = "", mlops[16] = "";
	const char		*f[SUMMARY_NCOLS];
	size_t			 i, len = 0;
	char			*p;

	memset(f, 0, sizeof(f));
	f[0] = e->path;
	f[1] = pending ? NULL : e->id;
	if (ok) {
		f[2] = e->name;
		if (e->has_fit) {
			snprintf(fde, sizeof(fde), "%.1f", e->fde);
			snprintf(mlops, sizeof(mlops), "%.1f", e->mlops);
			f[3] = fde;
			f[4] = mlops;
			f[5] = e->recommendation;
		}
		f[6] = e->seniority;
		f[8] = e->output;
	}
	/* "ok" for rendered and unchanged alike, so an idle rerun gives
	 * the same bytes and leaves the file alone. */
	f[7] = out;
	f[9] = pending ? NULL : e->message;
	for (i = 0; i < SUMMARY_NCOLS; i++)
		if (f[i] != NULL)
			len += strlen(f[i]) + 1;
	if ((p = S->blk[S->n] = malloc(len + 1)) == NULL)
		return -1;
	memset(r, 0, sizeof(*r));
	for (i = 0; i < SUMMARY_NCOLS; i++)
		if (f[i] != NULL) {
			r->f[i] = strcpy(p, f[i]);
			p += strlen(p) + 1;
		}
	if (++S->n == SUM_CHUNK)
		return sum_flush(S);
	return 0;
}

/* One walk: compared with fd (-1: made whole in S->csv).  0, 1 when
 * it differs from fd, -1 out of memory or the state unreadable. */
static int
summary_walk(struct run *R, struct sumwalk *S, int fd)
{
	char	 c;
	int	 r;

	S->fd = fd;
	S->differs = S->header = 0;
	if ((r = state_each_shown(R->state, sum_row, S)) == 0 &&
	    (S->n > 0 || !S->header))
		r = sum_flush(S);
	while (S->n > 0)
		free(S->blk[--S->n]);
	if (r == 0 && fd != -1 && read(fd, &c, 1) != 0)
		r = 1;		/* the file is longer */
	return r;
}

static void
summary_update(struct run *R)
{
	struct sumwalk	*S;
	struct stat	 st;
	char		 path[PATH_MAX];
	int		 fd, r = 1;

	if ((S = calloc(1, sizeof(*S))) == NULL)
		goto oom;
	snprintf(path, sizeof(path), "%s/%s", R->o->outdir,
	    BATCH_SUMMARY_NAME);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			r = summary_walk(R, S, fd);
		close(fd);
	}
	if (r == 1 && (r = summary_walk(R, S, -1)) == 0 &&
	    output_write(R->o->outdir, BATCH_SUMMARY_NAME, S->csv, S->len,
	    R->o->mode, &R->d) != 0)
		R->io_error = 1;
	if (r == -1)
		goto oom;
	free(S->csv);
	free(S);
	return;
oom:
	diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
	R->io_error = 1;
	if (S != NULL)
		free(S->csv);
	free(S);
}

/* ------------------------------------------------------------ the end */

/* The jobs, their claims and the input paths freed (batch.c counted
 * what it needs first); R->njobs stays, a bound on the rows shown. */
static void
jobs_drop(struct run *R)
{
	size_t	 i;

	for (i = 0; R->jobs != NULL && i < R->njobs; i++) {
		job_release(&R->jobs[i]);
		if (R->prev != NULL && R->prev[i] != NULL) {
			mentry_free(R->prev[i]);
			free(R->prev[i]);
		}
	}
	free(R->jobs);
	free(R->prev);
	free(R->todo);
	free(R->ctab);
	R->jobs = NULL;
	R->prev = NULL;
	R->todo = NULL;
	R->ctab = NULL;
	R->ccap = 0;
	inputs_free(&R->in);
}

/* The last group committed; the rows of inputs gone settled; then
 * summary.csv and index.pdf from the state, and the index's record. */
void
out_finish(struct run *R)
{
	struct manifest	 m;

	manifest_init(&m);
	state_group_commit(R);
	gone_settle(R);
	state_group_commit(R);
	/* From here on the state says everything: the jobs and inputs go
	 * before summary and index are made (20 MB at 100,000). */
	jobs_drop(R);
	/* When the inputs look wrong (the prune guard tripped), summary.csv
	 * and index.pdf keep what they showed: never cut to what is left;
	 * the index's record stays as it is. */
	if (R->prune_refused)
		return;
	summary_update(R);
	index_update(R, &m);
	if ((m.index_sha256 != NULL &&
	    !streq(m.index_sha256, R->old.index_sha256)) ||
	    (m.index_output_sha256 != NULL &&
	    !streq(m.index_output_sha256, R->old.index_output_sha256))) {
		if (state_begin(R->state) == -1 ||
		    state_meta_put(R->state, "index_sha256",
		    m.index_sha256) == -1 ||
		    state_meta_put(R->state, "index_output_sha256",
		    m.index_output_sha256) == -1 ||
		    state_commit(R->state) == -1)
			state_failed(R);
	}
	manifest_free(&m);
}
