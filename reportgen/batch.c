/*
 * batch.c: the run of `reportgen batch`, in the parent.
 *
 * In order: make and check the output directory (73), take its lock
 * (75), clean the temp files of a killed run, collect the inputs, hash
 * inputs, market data and assets, open the run state (DIR/state.db,
 * state.h; an older directory's manifest.json is imported once) and
 * decide what is current (batch_plan.c), build the loader once, hand the
 * rest to forked workers (batch_pool.c) while each finished report's row
 * is kept, then write summary.csv and index.pdf from the state
 * (batch_out.c) and turn the worst outcome into the exit status:
 *
 *	74 an output could not be written   (the operator must act first)
 *	70 a worker crashed or timed out, or rendering failed
 *	66 an input could not be read
 *	65 a profile is invalid or reuses another file's id
 *	 0 every report is current
 *
 * What is printed along the way is batch_log.c's.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "batch_private.h"
#include "cmd.h"
#include "summary.h"
#include "load.h"
#include "output.h"

/* ------------------------------------------------------------ signals */

/* Set by the handler, read by the pool's loop: the one piece of mutable
 * process-wide state, as a signal handler needs. */
static volatile sig_atomic_t	 nsignals, first_signal;

static void
on_signal(int sig)
{
	if (nsignals == 0)
		first_signal = sig;
	if (nsignals < 2)
		nsignals++;
}

int
batch_signals(int *sig)
{
	if (nsignals > 0)
		*sig = first_signal;
	return nsignals;
}

/* SIGTERM and SIGINT stop the run cleanly (batch_pool.c): no SA_RESTART,
 * so the pool's poll() wakes up at once. */
static void
signals_catch(struct sigaction old[2])
{
	struct sigaction	 sa;

	nsignals = first_signal = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, &old[0]);
	(void)sigaction(SIGINT, &sa, &old[1]);
}

static void
signals_restore(const struct sigaction old[2])
{
	(void)sigaction(SIGTERM, &old[0], NULL);
	(void)sigaction(SIGINT, &old[1], NULL);
}

const char *
job_status_name(enum job_status s)
{
	static const char *const n[] = { "pending", "rendered", "unchanged",
	    "invalid", "unreadable", "duplicate", "failed", "write-failed",
	    "other-shard" };

	return n[s];
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
/* -------------------------------------------------------------- state */

/* A directory an older reportgen wrote has manifest.json (and, when that
 * run was killed, manifest.journal) and no state.db: both read into the
 * new state once, in one transaction, and then removed (the state has
 * everything they had; keeping them would leave a second, stale record
 * beside it). */
static int
state_import_old(struct run *R)
{
	struct manifest	 m;
	char		 mpath[PATH_MAX], jpath[PATH_MAX];
	int		 rc;

	snprintf(mpath, sizeof(mpath), "%s/%s", R->o->outdir, MANIFEST_NAME);
	snprintf(jpath, sizeof(jpath), "%s/%s", R->o->outdir,
	    MANIFEST_JOURNAL);
	if (access(mpath, F_OK) == -1 && access(jpath, F_OK) == -1)
		return 0;
	(void)manifest_load(&m, mpath, &R->d);
	(void)manifest_replay(&m, jpath, &R->d);
	if ((rc = state_import(R->state, &m)) == 0) {
		diag(&R->d, SEV_NOTE, mpath, 0, "imported into %s (%zu "
		    "entries)", STATE_NAME, m.n);
		(void)unlink(jpath);
		(void)unlink(mpath);
		(void)output_sync_dir(R->o->outdir, R->o->outdir, &R->d);
	}
	manifest_free(&m);
	return rc;
}

/* Opens the state (0, or the exit status) and reads its run-wide
 * values.  A state made for another --shard (or none) is emptied: its
 * rows say nothing of this split. */
static int
state_prepare(struct run *R)
{
	char	*shard;
	int	 fresh, rc;

	if ((rc = state_open(&R->state, R->o->outdir, &fresh, &R->d)) ==
	    -2)
		return EX_SOFTWARE;	/* SQLite missing: an installation's fault */
	if (rc == -1) {
		diag(&R->d, SEV_ERROR, R->o->outdir, 0, "the run state %s "
		    "cannot be used; remove it to start over (every report "
		    "is then rendered again)", STATE_NAME);
		return EX_IOERR;
	}
	if (fresh && state_import_old(R) == -1)
		return EX_IOERR;
	shard = state_meta_get(R->state, "shard");
	R->old.index_sha256 = state_meta_get(R->state, "index_sha256");
	R->old.index_output_sha256 = state_meta_get(R->state,
	    "index_output_sha256");
	R->use_old = R->o->incremental;
	if (!streq(shard != NULL ? shard : "", R->shard)) {
		if (shard != NULL || !fresh) {
			if (R->o->incremental)
				diag(&R->d, SEV_WARNING, R->o->outdir, 0,
				    "state made for another --shard; "
				    "rebuilding everything");
			R->use_old = 0;
		}
		if (state_begin(R->state) == -1 ||
		    state_clear(R->state) == -1 ||
		    state_meta_put(R->state, "shard", R->shard) == -1 ||
		    state_commit(R->state) == -1) {
			free(shard);
			return EX_IOERR;
		}
	}
	free(shard);
	return 0;
}

/* ---------------------------------------------------------------- run */

/* The jobs' outcomes counted (rendered, unchanged, invalid, failed,
 * other shards, not done), before out_finish lets the jobs go. */
static void
tally_jobs(struct run *R)
{
	struct tally	*t = &R->tally;
	size_t		 i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < R->njobs; i++)
		switch (R->jobs[i].status) {
		case JOB_RENDERED:
			t->cnt[0]++;
			break;
		case JOB_UNCHANGED:
			t->cnt[1]++;
			break;
		case JOB_INVALID:
		case JOB_DUPLICATE:
			t->cnt[2]++;
			t->invalid = 1;
			break;
		case JOB_UNREADABLE:
			t->cnt[2]++;
			t->unreadable = 1;
			break;
		case JOB_WRITE_FAILED:
			t->cnt[3]++;
			t->write = 1;
			break;
		case JOB_OTHER_SHARD:
			t->cnt[4]++;
			break;
		case JOB_PENDING:	/* interrupted: the next run does it */
			t->cnt[5]++;
			break;
		default:
			t->cnt[3]++;
			t->failed = 1;
			break;
		}
}

static int
final_status(struct run *R)
{
	const struct tally	*t = &R->tally;
	struct exits		 ex = { 0 };

	exit_note(&ex, R->stopping ? EX_TEMPFAIL : EX_OK);
	exit_note(&ex, t->write || R->io_error ? EX_IOERR : EX_OK);
	exit_note(&ex, R->oom ? EX_OSERR : EX_OK);
	exit_note(&ex, t->failed || R->d.worst >= SEV_FATAL ? EX_SOFTWARE :
	    EX_OK);
	exit_note(&ex, t->unreadable || R->prune_refused ? EX_NOINPUT :
	    EX_OK);
	exit_note(&ex, t->invalid ? EX_DATAERR : EX_OK);
	return exit_status_for(&ex);
}

int
batch_run(const struct batch_opts *o)
{
	struct run		 R;
	struct sigaction	 oldsa[2];
	size_t			 i, *cnt = R.tally.cnt;
	int			 status;

	memset(&R, 0, sizeof(R));
	R.o = o;
	R.lockfd = -1;
	signals_catch(oldsa);
	R.t0 = now_seconds();
	diag_init(&R.d, stderr);
	R.d.json = o->json_log;	/* the run's own messages: JSON lines too */
	R.d.min_print = SEV_INFO;
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

	/* The inputs first: an input that cannot be read (a typo), or
	 * inputs holding no profile at all (an unmounted volume), stop the
	 * run before anything is touched: no directory made, no report
	 * removed, summary.csv and index.pdf left as they are (66). */
	if (inputs_collect(&R.in, o->args, o->nargs, &R.d) == -1) {
		status = R.d.worst >= SEV_FATAL ? EX_OSERR : EX_NOINPUT;
		diag(&R.d, SEV_ERROR, NULL, 0, "an input cannot be read; "
		    "nothing done");
		goto out;
	}
	if (R.in.n == 0) {
		diag(&R.d, SEV_ERROR, NULL, 0, "no profiles (*.xml) found; "
		    "nothing done");
		status = EX_NOINPUT;
		goto out;
	}
	/* Entries skipped while collecting (unreadable directories among
	 * them) make the input set doubtful: --prune will not run. */
	R.inputs_skipped = (size_t)R.d.count[SEV_WARNING];
	if ((status = outdir_prepare(&R)) != 0)
		goto out;
	(void)output_clean_temps(o->outdir, &R.d);
	if (plan_assets(&R) == -1) {
		/* 66 for an unreadable --market, else the tool's own data
		 * (the data directory, fonts, schemas) is missing: 70 */
		status = loader_status(o->datadir, o->market);
		goto out;
	}
	if ((status = state_prepare(&R)) != 0)
		goto out;
	/* Skipped profiles are logged as the plan finds them, in input
	 * order. */
	if (plan_jobs(&R) == -1) {
		status = R.d.worst >= SEV_FATAL ? EX_SOFTWARE : EX_IOERR;
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
	if (R.ntodo > 0)
		pool_run(&R);
	progress_clear(&R.prog);
	tally_jobs(&R);
	out_finish(&R);
	(void)output_clean_temps(o->outdir, &R.d);
	status = final_status(&R);
	if (R.stopping)
		diag(&R.d, SEV_ERROR, NULL, 0, "interrupted by %s: %zu of "
		    "%zu reports done, %zu not; their state is written, and "
		    "a rerun with --incremental resumes", R.stop_signal ==
		    SIGINT ? "SIGINT" : "SIGTERM", R.ntodo - cnt[5], R.ntodo,
		    cnt[5]);
	log_end(&R, status, cnt);
out:
	/* The state's last checkpoint is written on close, before the lock
	 * goes, and with SIGTERM still caught: a signal now changes
	 * nothing (the run is over), but must not kill it mid-write. */
	state_close(R.state);
	if (R.lockfd != -1)
		close(R.lockfd);	/* releases the lock */
	for (i = 0; R.jobs != NULL && i < R.njobs; i++) {
		job_release(&R.jobs[i]);
		if (R.prev != NULL && R.prev[i] != NULL) {
			mentry_free(R.prev[i]);
			free(R.prev[i]);
		}
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
	signals_restore(oldsa);
	return status;
}
