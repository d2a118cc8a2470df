/*
 * batch_private.h: what the rooms of the batch parent share, and no one
 * else: the run, its jobs and its workers.
 *
 *   batch.c        the run: output directory, lock, inputs, exit status
 *   batch_plan.c   the incremental plan: asset hashes, what is current
 *   batch_pool.c   the worker pool: spawn, dispatch, claims, results
 *   batch_out.c    the state as jobs finish; at the end summary.csv,
 *                  index.pdf, the reports of inputs that are gone
 *   batch_log.c    the log lines: text or JSON, per profile and at the end
 *
 * The worker side (worker.c) sees only batch.h.
 */
#ifndef REPORTGEN_BATCH_PRIVATE_H
#define REPORTGEN_BATCH_PRIVATE_H

#include <stdint.h>
#include <string.h>

#include "batch.h"
#include "diag.h"
#include "inputs.h"
#include "manifest.h"
#include "progress.h"
#include "state.h"

#ifndef RG_VERSION
#define RG_VERSION "dev"
#endif

/* A struct mentry handed to manifest_add() is only read (it copies), so
 * borrowed const strings may fill it. */
#define UNCONST(s)	((char *)(uintptr_t)(s))

enum job_state { JS_TODO, JS_SKIP, JS_RUNNING, JS_DONE };

/* What a job's result says beyond its status, from the worker's record
 * (or, for a skipped job, its row in the state) until the job's row is
 * kept and it is logged; then freed (job_release): a run of 100,000
 * holds only the results in flight. */
struct jres {
	int		 has_fit;
	double		 fde, mlops;
	int		 rec, sen;	/* -1: none */
	int		 market;	/* enum mkt when rendered, else -1 */
	char		 out_sha[HASH_HEX_LEN];
	uint64_t	 duration_us;
	uint32_t	 stage_us[STAGE__N];
	char		*name;		/* malloc'd */
	struct mentry	 assess;	/* levels and plan, for the state */
};

/* One per input, for the whole run: ~120 bytes. */
struct job {
	const char	*path;
	char		*msgs;		/* malloc'd diagnostics, until logged */
	struct jres	*res;		/* NULL: none in hand */
	unsigned char	 input_sha[HASH_LEN];
	unsigned char	 has_sha;	/* input_sha known */
	unsigned char	 state;		/* enum job_state */
	unsigned char	 status;	/* enum job_status */
	unsigned char	 claimed;	/* id settled */
	unsigned char	 requeued;	/* once, after a lost commit */
	unsigned char	 fix;		/* skipped: its row's outcome is stale */
	char		 id[BATCH_ID_MAX + 1];
};

struct worker {
	pid_t		 pid;		/* -1: slot empty */
	int		 fd;
	struct wire_in	 in;		/* what it sent, read ahead */
	struct wire_out	 out;		/* for it, sent once a turn */
	int		 urgent;	/* out has what it waits for */
	int		 ahead_unsent;	/* the job sent ahead is in out */
	long		 job;		/* -1: idle */
	long		 queued;	/* sent ahead, after job; -1: none */
	double		 deadline;
	int		 waiting;	/* claim not answered yet */
	char		 claim[BATCH_ID_MAX + 1];
	long		 held[BATCH_HOLD_MAX];	/* staged, not committed */
	int		 nheld;
	int		 flushing;	/* MSG_FLUSH sent */
};

/* What the jobs came to, counted before they are let go (batch.c). */
struct tally {
	size_t	 cnt[6];	/* rendered, unchanged, invalid, failed,
				 * other shards, not done */
	int	 write, failed, unreadable, invalid;
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
	struct state		*state;		/* DIR/state.db */
	/* the index's record (shard, digests) as the state had it */
	struct manifest		 old;
	char			 market_sha[HASH_HEX_LEN];
	char			 assets_sha[HASH_HEX_LEN];
	char			 options[160];
	char			 shard[32];
	/* per job: the row its progress page starts from (malloc'd, only
	 * for profiles changed since an assessment), read by the workers */
	struct mentry		**prev;
	int			 use_old;	/* --incremental, same shard */
	int			 io_error;	/* summary/state not written */
	int			 oom;		/* a row could not be kept */
	int			 prune_refused;	/* inputs look wrong: kept all */
	/* SIGTERM/SIGINT: stop handing out, finish what is in flight */
	int			 stopping, abandoned, stop_signal;
	size_t			 inputs_skipped;	/* while collecting */
	struct tally		 tally;
};

/* batch_pool.c: the job's result, made on first use (NULL when out of
 * memory); and, after its row is kept and it is logged, its result and
 * messages freed. */
struct jres	*job_res(struct job *);
void		 job_release(struct job *);

static inline int
job_ok(const struct job *j)
{
	return j->status == JOB_RENDERED || j->status == JOB_UNCHANGED;
}

static inline int
job_is_failure(const struct job *j)
{
	return j->status == JOB_FAILED || j->status == JOB_WRITE_FAILED;
}

static inline int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* batch.c: how many of SIGTERM/SIGINT arrived (0, 1, 2 or more), and
 * the first one in *sig. */
int	 batch_signals(int *sig);

/* batch_log.c */
/* A message about a job, made by diag() (so escaped) and kept with the
 * job's others, to print and to store in the summary and the state. */
void	 job_diag(struct job *, enum severity, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The messages a current (skipped) job had last time, from its row:
 * kept again line by line, escaped once more (the state is a file
 * anyone with access to the directory could edit). */
void	 job_replay(struct job *, const char *msgs);
char	*msgs_for_summary(const char *msgs);
void	 log_job(struct run *, struct job *);
void	 log_end(struct run *, int status, const size_t *cnt);

/* batch_plan.c */
int	 plan_hash_hex_file(const char *path, char out[HASH_HEX_LEN],
	    struct diag *);
int	 plan_assets(struct run *);
int	 plan_protected_with(const char *path, const char *upw,
	    const char *opw);
int	 plan_stat_key(const char *path, char *buf, size_t size);
int	 plan_jobs(struct run *);

/* batch_pool.c */
long	 claim_find(const struct run *, const char *id);
void	 claim_add(struct run *, size_t job);
void	 pool_run(struct run *);

/* batch_out.c */
void	 out_finish(struct run *);
/* The state: each finished job's row kept in the open group (one is
 * begun when none is), and the group committed once per turn of the
 * pool's loop: a run killed at any moment loses at most the reports of
 * the group in flight. */
void	 state_keep(struct run *, struct job *);
void	 state_group_commit(struct run *);

#endif
