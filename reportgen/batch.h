/*
 * batch.h: the rooms of `reportgen batch` and what they pass each other.
 *
 *   cmd_batch.c   options -> struct batch_opts
 *   batch.c       the parent's run: output directory, lock, inputs,
 *                 exit status; its rooms batch_plan.c, batch_pool.c,
 *                 batch_out.c, batch_log.c share batch_private.h
 *   worker.c      one forked worker: load -> score -> render -> write,
 *                 job after job, over a socketpair to the parent
 *   progress.c    the live progress line on a terminal (progress.h)
 *   summary.c     summary.csv (RFC 4180) and `merge-summaries` (summary.h)
 *   state.c       DIR/state.db, the run state --incremental reads
 *   manifest.c    an older run's DIR/manifest.json, imported once
 *   hash.c        SHA-256 (inputs, outputs, market data, fonts, shards)
 */
#ifndef REPORTGEN_BATCH_H
#define REPORTGEN_BATCH_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "hash.h"
#include "model.h"
#include "passwords.h"
#include "report.h"

#define BATCH_LOCK_NAME		".reportgen.lock"
#define BATCH_SUMMARY_NAME	"summary.csv"
#define BATCH_ID_MAX		PROFILE_ID_MAX
#define BATCH_DEFAULT_TIMEOUT	30
#define BATCH_WORKER_AS		(512UL * 1024 * 1024)	/* RLIMIT_AS */

/* Test-only hooks (documented in docs/cron.md as such): a worker starting
 * the profile with this id raises SIGSEGV, or sleeps forever. */
#define BATCH_CRASH_ENV		"REPORTGEN_TEST_CRASH_ID"
#define BATCH_HANG_ENV		"REPORTGEN_TEST_HANG_ID"
/* ... and before reading a profile, a worker makes DIR/waiting and waits
 * for DIR/go (the read-once test edits the profile in between). */
#define BATCH_READ_GATE_ENV	"REPORTGEN_TEST_READ_GATE"

struct batch_opts {
	const char	*outdir;
	int		 jobs;		/* workers */
	int		 incremental;
	int		 prune;
	int		 prune_all;	/* past the guard (implies prune) */
	int		 quiet;
	int		 verbose;
	int		 json_log;
	unsigned	 shard_k, shard_n;	/* shard_n 0: no sharding */
	int		 timeout;	/* seconds per profile */
	struct ym	 today;
	char		 date[11];	/* YYYY-MM-DD */
	time_t		 date_t;	/* the same, 00:00 UTC */
	enum paper	 paper;
	const char	*datadir;
	const char	*market;	/* NULL: DATADIR/data/market.xml */
	mode_t		 mode;		/* of the files written */
	char *const	*args;
	int		 nargs;
	/* issue 8: loaded once by cmd_batch.c before the workers fork,
	 * read-only afterwards */
	const struct brand *brand;	/* NULL: unbranded */
	char		 brand_sha[HASH_HEX_LEN];	/* file + logo; "" */
	int		 encrypt;
	const struct passwords *passwords;	/* with encrypt */
	const char	*owner_pw;	/* NULL: a random one per file */
	int		 index_sort;	/* enum index_sort (index.h) */
};

int	batch_run(const struct batch_opts *);

/* What became of one profile.  The order is the summary's, not severity. */
enum job_status {
	JOB_PENDING,
	JOB_RENDERED,
	JOB_UNCHANGED,		/* incremental: report already current */
	JOB_INVALID,		/* rejected by the loader (65) */
	JOB_UNREADABLE,		/* cannot be read (66) */
	JOB_DUPLICATE,		/* id already used by another file (65) */
	JOB_FAILED,		/* crash, timeout, render error (70) */
	JOB_WRITE_FAILED,	/* output not written (74) */
	JOB_OTHER_SHARD		/* belongs to another --shard */
};

const char	*job_status_name(enum job_status);

/* ------------------------------------------------ parent <-> worker wire */

enum wire_type {
	MSG_JOB = 1,		/* parent: uint32 job index */
	MSG_CLAIM,		/* worker: the id it is about to write */
	MSG_CLAIM_REPLY,	/* parent: uint32 1 = yours, 0 = taken */
	MSG_RESULT,		/* worker: struct wire_result, name, messages */
	MSG_WRITTEN,		/* worker: the current job's report is staged
				 * (temp file, not synced); the job is held
				 * until the next commit and the worker is
				 * free for another job */
	MSG_HELD_RESULT,	/* worker: the result of its oldest held job,
				 * sent after that report's commit */
	MSG_FLUSH		/* parent: nothing more to hand out; commit
				 * the held reports now */
};

/* Group commit: a worker holds at most this many staged reports, and
 * commits (one sync pass, the renames, one directory fsync) when it
 * holds that many, when the oldest is this old, or on MSG_FLUSH. */
#define BATCH_HOLD_MAX		32
#define BATCH_HOLD_MS		50

/* Wall-clock time of each stage of one job, in the result. */
enum stage {
	STAGE_LOAD,		/* read, parse, validate */
	STAGE_SCORE,
	STAGE_LAYOUT,		/* sections drawn */
	STAGE_SERIALISE,	/* PDF written: fonts, compression */
	STAGE_WRITE,		/* temp file + its share of the commit */
	STAGE__N
};

struct wire_hdr {
	uint32_t	 type;
	uint32_t	 len;		/* payload bytes that follow */
};

#define WIRE_MAX	(1024 * 1024)	/* a larger payload is a bug */

/* The fixed part of a result; the name (UTF-8) and the messages follow
 * it in the payload, name_len and msg_len bytes. */
struct wire_result {
	int32_t		 status;	/* enum job_status */
	int32_t		 rec;		/* enum recommendation, -1 none */
	int32_t		 seniority;	/* enum seniority, -1 none */
	int32_t		 write_err;	/* sysexits code from output_write */
	double		 fde, mlops;
	uint64_t	 out_size;
	uint64_t	 duration_us;
	uint32_t	 stage_us[STAGE__N];
	unsigned char	 sha[HASH_LEN];	/* of the PDF written */
	/* of the profile's bytes as read, hashed and parsed once: what the
	 * manifest records (has_input_sha 0: not read) */
	unsigned char	 input_sha[HASH_LEN];
	int32_t		 has_input_sha;
	char		 id[BATCH_ID_MAX + 1];
	/* for the manifest (progress since last report) and the index */
	int32_t		 market;	/* enum mkt, -1 none */
	int32_t		 ndims, nplan;
	int8_t		 levels[MAX_DIMS];	/* effective, by dimension */
	int16_t		 plan[MAX_DIMS + MAX_AREAS];	/* dim, or -1 - area */
	uint32_t	 name_len;
	uint32_t	 msg_len;
};

/* The writing end: messages (header + up to three parts) wait here and
 * go together with the next wire_flush(), one send(2) (a group commit's
 * results, a job and a claim's answer); each side flushes before it
 * waits for the other. */
struct wire_out {
	char	*buf;		/* malloc'd */
	size_t	 len, cap;
};
/* 0, or -1 (out of memory, oversized message). */
int	wire_put(struct wire_out *, uint32_t type, const void *a,
	    size_t alen, const void *b, size_t blen, const void *c,
	    size_t clen);
/* Sends what waits in out (nothing to do: 0); 0 or -1, emptied either
 * way.  Never raises SIGPIPE. */
int	wire_flush(int fd, struct wire_out *);
void	wire_out_free(struct wire_out *);

/* The reading end of a socket: one read(2) takes whatever is there (a
 * result and the next message, a job and a claim's answer), and what is
 * beyond the message asked for waits here for the next wire_recv(). */
struct wire_in {
	char	*buf;		/* malloc'd */
	size_t	 off, len, cap;
};
/* Reads one message; *payload points into in (h->len bytes, not
 * NUL-terminated) and stays valid until the next wire_recv() on in or
 * wire_in_free().  0 on success, -1 on EOF, error or an oversized
 * message. */
int	wire_recv(int fd, struct wire_in *in, struct wire_hdr *,
	    const char **payload);
/* Is a whole message waiting in in (so poll(2) on the socket would not
 * show it)? */
int	wire_buffered(const struct wire_in *in);
void	wire_in_free(struct wire_in *in);

struct loader;
struct mentry;

/* The worker's side: serves jobs from fd until the parent closes it, then
 * _exit()s.  paths is the parent's job list (copy-on-write). */
struct worker_ctx {
	const struct loader	*loader;
	const struct batch_opts	*opts;
	const char *const	*paths;
	size_t			 npaths;
	/* per path: the last assessment to show progress from (an
	 * incremental run, the input changed), or NULL */
	const struct mentry *const *prev;
};
void	worker_main(int fd, const struct worker_ctx *)
	    __attribute__((noreturn));

/* Sets the worker's resource limits (RLIMIT_AS, RLIMIT_CORE); the CPU
 * backstop is raised as jobs go by worker_cpu_limit(), called before
 * each. */
void	worker_limits(void);
void	worker_cpu_limit(int timeout);

/* Which shard an id (or, for a profile without one, its path) is in. */
unsigned batch_shard_of(const char *key, unsigned n);

#endif
