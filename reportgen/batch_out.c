/*
 * batch_out.c: the outputs made at the end of a run: summary.csv, the
 * manifest entries (manifest.json), index.pdf, and the reports of
 * profiles that are gone (kept, or removed with --prune).  Each file is
 * written only when its content changed, so an idle rerun touches none.
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

/* A struct mentry handed to manifest_add() is only read (it copies), so
 * borrowed const strings may fill it. */
#define UNCONST(s)	((char *)(uintptr_t)(s))


/* Memory ran out for a piece of the manifest: said, and the run fails
 * (71), so no entry is dropped in silence. */
static void
out_oom(struct run *R, const char *what)
{
	diag(&R->d, SEV_FATAL, R->o->outdir, 0, "out of memory: %s not kept "
	    "in %s", what, MANIFEST_NAME);
	R->oom = 1;
}

static void
keep_entry(struct run *R, struct manifest *m, const struct mentry *e)
{
	if (manifest_add(m, e) == -1) {
		diag(&R->d, SEV_FATAL, e->path, 0, "out of memory: entry not "
		    "kept in %s", MANIFEST_NAME);
		R->oom = 1;
	}
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
		mentry_borrow_assessment(e, old);
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
			if (plan_stat_key(path, st, stsz) == 0)
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
		mentry_borrow_assessment(e, &j->assess);
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


/* The cohort page's words for one entry's levels and plan, as index.h
 * reads them: "cloud=3,containers=2" and "dim:cloud,area:x" (NULL each
 * when the entry has none).  0, or -1 when out of memory. */
static int
cohort_words(const struct mentry *e, char **levels, char **plan)
{
	size_t	 i, n;

	*levels = *plan = NULL;
	if (e->has_levels) {
		for (n = 1, i = 0; i < e->nlevels; i++)
			n += strlen(e->levels[i].dim) + 16;
		if ((*levels = malloc(n)) == NULL)
			return -1;
		(*levels)[0] = '\0';
		for (i = 0; i < e->nlevels; i++)
			snprintf(*levels + strlen(*levels), n - strlen(*levels),
			    "%s%s=%d", i > 0 ? "," : "", e->levels[i].dim,
			    e->levels[i].level);
	}
	if (e->has_plan) {
		for (n = 1, i = 0; i < e->nplan; i++)
			n += strlen(e->plan[i].id) + 8;
		if ((*plan = malloc(n)) == NULL)
			return -1;
		(*plan)[0] = '\0';
		for (i = 0; i < e->nplan; i++)
			snprintf(*plan + strlen(*plan), n - strlen(*plan),
			    "%s%s:%s", i > 0 ? "," : "", e->plan[i].area ?
			    "area" : "dim", e->plan[i].id);
	}
	return 0;
}

/* A function that is handed the rows of the index one at a time. */
typedef int	(*index_row_cb)(void *arg, const struct index_row *);

/*
 * The rows of the index, in the order it shows them (sort), handed to fn
 * one at a time; the strings live only during the call.  row.date is the
 * assessment's date (NULL: none this run knows).  0, or -1 when memory
 * ran out or fn said -1.  This is the one place that knows where rows
 * come from (here the jobs and the old manifest entries, gathered and
 * sorted in memory): a source that reads them in order from the run's
 * state replaces this function and nothing else.
 */
static int
index_rows(struct run *R, enum index_sort sort, index_row_cb fn, void *arg)
{
	const struct batch_opts	*o = R->o;
	struct index_row	*rows;
	struct job		*j;
	char			(*out)[BATCH_ID_MAX + 8];
	char			**lv = NULL, **pl = NULL;
	size_t			 i, n = 0;
	int			 rc = -1;

	rows = calloc(R->njobs + 1, sizeof(*rows));
	out = calloc(R->njobs + 1, sizeof(*out));
	lv = calloc(R->njobs + 1, sizeof(*lv));
	pl = calloc(R->njobs + 1, sizeof(*pl));
	if (rows == NULL || out == NULL || lv == NULL || pl == NULL)
		goto done;
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
			/* the cohort page */
			if (cohort_words(&j->assess, &lv[n], &pl[n]) == -1)
				goto done;
			rows[n].levels = lv[n];
			rows[n].plan = pl[n];
			rows[n].date = o->date;
		} else if (j->status == JOB_UNCHANGED && j->old != NULL) {
			rows[n].market = j->old->market;
			rows[n].seniority = j->old->seniority;
			if (cohort_words(j->old, &lv[n], &pl[n]) == -1)
				goto done;
			rows[n].levels = lv[n];
			rows[n].plan = pl[n];
			rows[n].date = j->old->date;
		}
		n++;
	}
	index_sort_rows(rows, n, sort);
	for (i = 0; i < n; i++)
		if (fn(arg, &rows[i]) == -1)
			goto done;
	rc = 0;
done:
	for (i = 0; lv != NULL && pl != NULL && i < R->njobs + 1; i++) {
		free(lv[i]);
		free(pl[i]);
	}
	free(lv);
	free(pl);
	free(out);
	free(rows);
	return rc;
}

/* The first walk over the rows: how many, and the newest date. */
struct index_count {
	size_t		 n;
	char		 date[16];
};

static int
index_count_row(void *arg, const struct index_row *r)
{
	struct index_count	*c = arg;

	c->n++;
	if (r->date != NULL && strlen(r->date) < sizeof(c->date) &&
	    strcmp(r->date, c->date) > 0)
		strcpy(c->date, r->date);
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
	size_t		 i, k, stale = 0, unreadable = 0;

	for (i = 0; i < R->njobs; i++)
		if (R->jobs[i].status == JOB_UNREADABLE)
			unreadable++;
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
	struct index_count	 cnt;
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
	memset(&cnt, 0, sizeof(cnt));
	if (index_rows(R, sort, index_count_row, &cnt) == -1)
		goto oom;
	memset(&io, 0, sizeof(io));
	io.sort = sort;
	io.paper = o->paper;
	io.date = cnt.date[0] != '\0' ? cnt.date : NULL;
	io.date_t = date_noon(io.date, o->date_t);
	io.brand = o->brand;
	io.shard = R->shard[0] != '\0' ? R->shard : NULL;
	nvols = index_volume_count(&io, cnt.n);
	if ((dg = index_digest_open(&io, cnt.n)) == NULL)
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
		return;
	}
	/* The cohort page names dimensions and requirements: the market
	 * data, loaded here when no report needed it (freed in batch.c). */
	if (R->loader == NULL)
		R->loader = loader_new(o->datadir, o->market, &R->d);
	io.market = R->loader != NULL ? loader_market(R->loader) : NULL;
	memset(&put, 0, sizeof(put));
	put.R = R;
	if ((w = index_open(o->datadir, &io, cnt.n, index_put, &put,
	    &R->d)) == NULL) {
		R->io_error = 1;
		return;
	}
	if (index_rows(R, sort, index_add_row, w) == -1) {
		(void)index_close(w);
		R->io_error = 1;
		return;
	}
	if (index_close(w) == -1 || !put.wrote) {
		R->io_error = 1;
		return;
	}
	index_prune_volumes(R, nvols);
	if ((m->index_sha256 = strdup(digest)) == NULL ||
	    (m->index_output_sha256 = strdup(put.sha)) == NULL)
		out_oom(R, "the index digest");
	return;
oom:
	diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
	R->io_error = 1;
}

/* Whether the old entry oe is a report on disk whose input is gone
 * (not in m, the entries of this run) and whose id no other file took. */
static int
gone_report(struct run *R, const struct manifest *m, const struct mentry *oe)
{
	if (manifest_find(m, oe->path) != NULL)
		return 0;
	if (strcmp(oe->status, "ok") != 0 || oe->output == NULL ||
	    !profile_id_ok(oe->id))
		return 0;	/* nothing of it on disk */
	/* Another file has taken over the id: its report replaced this
	 * one. */
	return claim_find(R, oe->id) < 0;
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
prune_decide(struct run *R, const struct manifest *m)
{
	size_t	 i, gone = 0, reports = 0, unreadable = 0;

	if (!R->o->prune || R->stopping)
		return 0;
	for (i = 0; i < R->old.n; i++) {
		if (strcmp(R->old.v[i].status, "ok") == 0 &&
		    R->old.v[i].output != NULL)
			reports++;
		if (gone_report(R, m, &R->old.v[i]))
			gone++;
	}
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

/* ------------------------------------------------------------ journal */

static void
journal_path(const struct run *R, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", R->o->outdir, MANIFEST_JOURNAL);
}

int
journal_replayed(struct run *R)
{
	char	*json;
	int	 rc;

	if ((json = manifest_dump(&R->old)) == NULL) {
		out_oom(R, "the replayed journal");
		return -1;
	}
	rc = output_write(R->o->outdir, MANIFEST_NAME, json, strlen(json),
	    R->o->mode, &R->d);
	free(json);
	if (rc != 0)
		return -1;
	R->old.format = 0;	/* on disk now, but still rewritten at the end */
	return 0;
}

void
journal_open(struct run *R)
{
	char	 path[PATH_MAX], *hdr;

	/* A journal not replayed into manifest.json (that write failed)
	 * is left as it is, and this run keeps none. */
	if (R->io_error)
		return;
	/* A new file, as every output is made: what stands at the name (a
	 * planted link, the old journal) is removed, never written through. */
	journal_path(R, path, sizeof(path));
	if ((unlink(path) == -1 && errno != ENOENT) ||
	    (R->jfd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND |
	    O_CLOEXEC | O_NOFOLLOW, R->o->mode)) == -1) {
		diag(&R->d, SEV_WARNING, path, 0, "cannot keep a journal (%s):"
		    " a killed run will have to start over", strerror(errno));
		return;
	}
	if ((hdr = manifest_journal_header(R->shard[0] != '\0' ? R->shard :
	    NULL)) == NULL || write(R->jfd, hdr, strlen(hdr)) !=
	    (ssize_t)strlen(hdr)) {
		diag(&R->d, SEV_WARNING, path, 0, "cannot keep a journal");
		close(R->jfd);
		R->jfd = -1;
	} else
		(void)output_sync_dir(R->o->outdir, R->o->outdir, &R->d);
	free(hdr);
}

void
journal_add(struct run *R, const struct job *j)
{
	struct mentry	 e;
	char		 out[BATCH_ID_MAX + 8], st[96], *msg, *line, *p;
	size_t		 n, cap;

	if (R->jfd == -1 || j->status == JOB_PENDING)
		return;
	msg = msgs_for_summary(j->msgs);
	fill_entry(R, j, &e, out, sizeof(out), st, sizeof(st), msg);
	line = mentry_line(&e);
	free(msg);
	if (line == NULL) {
		out_oom(R, "a journal entry");
		return;
	}
	n = strlen(line);
	if (R->jlen + n > R->jcap) {
		for (cap = R->jcap ? R->jcap : 65536; cap < R->jlen + n;)
			cap *= 2;
		if ((p = realloc(R->jbuf, cap)) == NULL) {
			free(line);
			out_oom(R, "a journal entry");
			return;
		}
		R->jbuf = p;
		R->jcap = cap;
	}
	memcpy(R->jbuf + R->jlen, line, n);
	R->jlen += n;
	free(line);
}

/* The entries gathered since the last call, written and synced: once
 * per group commit of the workers.  A failure stops the journal (the
 * run goes on; only its resumability is lost). */
void
journal_sync(struct run *R)
{
	const char	*p = R->jbuf;
	size_t		 left = R->jlen;
	ssize_t		 w;

	if (R->jfd == -1 || left == 0)
		return;
	while (left > 0) {
		if ((w = write(R->jfd, p, left)) == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		left -= (size_t)w;
	}
	R->jlen = 0;
	if (left > 0 || fdatasync(R->jfd) == -1) {
		diag(&R->d, SEV_WARNING, R->o->outdir, 0, "cannot write the "
		    "journal (%s): a killed run will have to start over",
		    strerror(errno));
		close(R->jfd);
		R->jfd = -1;
	}
}

/* manifest.json holds everything now: the journal goes. */
static void
journal_done(struct run *R)
{
	char	 path[PATH_MAX];

	if (R->jfd != -1) {
		close(R->jfd);
		R->jfd = -1;
	}
	journal_path(R, path, sizeof(path));
	(void)unlink(path);
}

/* Per row storage for the summary's formatted fields. */
struct rowbuf {
	char	 fde[16], mlops[16];
	char	 output[BATCH_ID_MAX + 8];
	char	*msg;
};

/* Builds summary.csv and manifest.json and writes those that changed. */
void
out_finish(struct run *R)
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
	int			 prune;

	rows = calloc(R->njobs + 1, sizeof(*rows));
	rb = calloc(R->njobs + 1, sizeof(*rb));
	manifest_init(&m);
	if (rows == NULL || rb == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
		goto out;
	}
	if (R->shard[0] != '\0')
		if ((m.shard = strdup(R->shard)) == NULL)
			out_oom(R, "the shard");
	for (i = 0; i < R->njobs; i++) {
		j = &R->jobs[i];
		/* Skipped (current) profiles keep their entry as it was. */
		rb[n].msg = msgs_for_summary(j->msgs);
		if ((j->state == JS_SKIP || j->status == JOB_PENDING) &&
		    j->old != NULL)
			keep_entry(R, &m, j->old);
		else if (j->status == JOB_PENDING)
			;	/* interrupted before it was done: no entry */
		else {
			fill_entry(R, j, &e, out, sizeof(out), ostat,
			    sizeof(ostat), rb[n].msg);
			keep_entry(R, &m, &e);
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
	/* Profiles that are gone since the last run, and whether their
	 * reports may go (--prune) or must stay. */
	prune = prune_decide(R, &m);
	for (i = 0; i < R->old.n; i++) {
		oe = &R->old.v[i];
		if (!gone_report(R, &m, oe))
			continue;
		snprintf(path, sizeof(path), "%s/%s.pdf", R->o->outdir,
		    oe->id);
		if (prune) {
			if (unlink(path) == -1 && errno != ENOENT)
				diag(&R->d, SEV_WARNING, path, 0, "cannot "
				    "remove: %s", strerror(errno));
			else
				diag(&R->d, SEV_INFO, path, 0, "removed (input "
				    "%s is gone)", oe->path);
			continue;
		}
		if (!R->o->prune)
			diag(&R->d, SEV_WARNING, oe->path, 0, "input gone; its "
			    "report %s is kept (--prune removes it)", path);
		keep_entry(R, &m, oe);
	}
	/* When the inputs look wrong (the prune guard tripped), summary.csv
	 * and index.pdf keep what they showed: never cut to what is left. */
	if (R->prune_refused)
		;
	else if ((csv = summary_csv(rows, n, &len)) == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
	} else {
		write_if_changed(R, BATCH_SUMMARY_NAME, csv, len);
		free(csv);
	}
	if (!R->prune_refused)
		index_update(R, &m);
	else {
		/* the index stays: so does its record */
		if ((R->old.index_sha256 != NULL && (m.index_sha256 =
		    strdup(R->old.index_sha256)) == NULL) ||
		    (R->old.index_output_sha256 != NULL &&
		    (m.index_output_sha256 =
		    strdup(R->old.index_output_sha256)) == NULL))
			out_oom(R, "the index digest");
	}
	/* An idle rerun: the manifest on disk already says all this. */
	if (R->old_loaded && manifest_equal(&m, &R->old))
		journal_done(R);
	else if ((json = manifest_dump(&m)) == NULL) {
		diag(&R->d, SEV_FATAL, NULL, 0, "out of memory");
		R->io_error = 1;
	} else {
		if (write_if_changed(R, MANIFEST_NAME, json, strlen(json)) ==
		    0)
			journal_done(R);
		free(json);
	}
out:
	for (i = 0; rb != NULL && i < n; i++)
		free(rb[i].msg);
	free(rb);
	free(rows);
	manifest_free(&m);
}

