/*
 * summary.c: summary.csv (RFC 4180) and `reportgen merge-summaries`,
 * which joins the summaries of several shards into one.
 *
 * RFC 4180: CRLF line ends, a header row, fields holding a comma, a
 * double quote, CR or LF are quoted and their quotes doubled.  Text that
 * a spreadsheet would run as a formula is neutralised (csv_field).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <time.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "summary.h"
#include "cmd.h"
#include "diag.h"
#include "index.h"
#include "manifest.h"
#include "state.h"
#include "output.h"
#include "readfile.h"

const char *const summary_columns[SUMMARY_NCOLS] = {
	"path", "id", "name", "fde", "mlops", "recommendation", "seniority",
	"status", "output", "message"
};
#define COL_PATH	0
#define COL_ID		1
#define COL_NAME	2
#define COL_FDE		3
#define COL_MLOPS	4
#define COL_REC		5
#define COL_SEN		6
#define COL_STATUS	7
#define COL_OUTPUT	8

struct sbuf {
	char	*p;
	size_t	 len, cap;
	int	 oom;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	char	*p;
	size_t	 cap;

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? 2 * b->cap : 1024;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* A plain decimal number ("-3", "71.5"): a spreadsheet reads it as the
 * number it is, so it needs no neutralising. */
static int
csv_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/*
 * One cell.  A text cell a spreadsheet would run as a formula (it starts
 * with = + - @, a tab or a CR: a candidate named "=HYPERLINK(...)") gets
 * a single quote in front and is quoted, OWASP's rule for CSV injection;
 * the quote shows, nothing runs.  Numbers, negative ones included, stay
 * numbers.  A cell already neutralised (a summary read back by
 * merge-summaries) is written as it was: quoted, one single quote.
 */
static int
csv_formula(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    !csv_number(s);
}

static void
csv_field(struct sbuf *b, const char *s)
{
	const char	*q;
	int		 formula, done;

	if (s == NULL)
		return;
	formula = csv_formula(s);
	done = s[0] == '\'' && csv_formula(s + 1);	/* read back: as was */
	if (!formula && !done && strpbrk(s, ",\"\r\n") == NULL) {
		sb_add(b, s, strlen(s));
		return;
	}
	sb_add(b, formula ? "\"'" : "\"", formula ? 2 : 1);
	while ((q = strchr(s, '"')) != NULL) {
		sb_add(b, s, (size_t)(q - s) + 1);
		sb_add(b, "\"", 1);
		s = q + 1;
	}
	sb_add(b, s, strlen(s));
	sb_add(b, "\"", 1);
}

static void
csv_row(struct sbuf *b, const char *const f[], size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_add(b, ",", 1);
		csv_field(b, f[i]);
	}
	sb_add(b, "\r\n", 2);
}

char *
summary_csv(const struct summary_row *rows, size_t n, size_t *len)
{
	struct sbuf	 b = { NULL, 0, 0, 0 };
	size_t		 i;

	csv_row(&b, summary_columns, SUMMARY_NCOLS);
	for (i = 0; i < n; i++)
		csv_row(&b, rows[i].f, SUMMARY_NCOLS);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

/* ------------------------------------------------------ merge-summaries */

struct csvrow {
	char		**f;
	size_t		  n;
	const char	 *file;
	size_t		  line;
};

struct rows {
	struct csvrow	*v;
	size_t		 n, cap;
};

static void
row_free(struct csvrow *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
}

/* Parses one record starting at *pp (RFC 4180; LF alone also ends a
 * record).  0 with the record in r, 1 at the end of the text, -1 on a
 * malformed record (an unterminated quote, text after a closing quote). */
static int
csv_parse_row(const char **pp, const char *end, struct csvrow *r,
    size_t *line)
{
	const char	*p = *pp;
	struct sbuf	 fb;
	char		**f;
	int		 quoted;

	memset(r, 0, sizeof(*r));
	if (p >= end)
		return 1;
	for (;;) {
		memset(&fb, 0, sizeof(fb));
		sb_add(&fb, "", 0);
		quoted = p < end && *p == '"';
		if (quoted) {
			p++;
			for (;;) {
				if (p >= end)
					goto bad;
				if (*p == '"' && p + 1 < end && p[1] == '"') {
					sb_add(&fb, "\"", 1);
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (*p == '\n')
						(*line)++;
					sb_add(&fb, p++, 1);
				}
			}
			if (p < end && *p != ',' && *p != '\r' && *p != '\n')
				goto bad;
		} else
			while (p < end && *p != ',' && *p != '\r' &&
			    *p != '\n') {
				if (*p == '"')
					goto bad;
				sb_add(&fb, p++, 1);
			}
		if (fb.oom ||
		    (f = realloc(r->f, (r->n + 1) * sizeof(*f))) == NULL)
			goto bad;
		r->f = f;
		r->f[r->n++] = fb.p;
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		(*line)++;
		*pp = p;
		return 0;
	}
bad:
	free(fb.p);
	row_free(r);
	memset(r, 0, sizeof(*r));
	return -1;
}

/* A summary whole, through readfile(); 0 or its sysexits code. */
static int
slurp(const char *path, char **text, size_t *len, struct diag *d)
{
	static const struct readfile rf = { SUMMARY_MAX_BYTES, 0, NULL,
	    NULL };

	return readfile(path, &rf, text, len, d);
}

/* Adds the data rows of one summary to all; checks its header. */
static int
merge_read(const char *path, struct rows *all, struct diag *d)
{
	struct csvrow	 r, *v;
	const char	*p, *end;
	char		*text;
	size_t		 len, i, line = 1, at;
	int		 rc, first = 1;

	if ((rc = slurp(path, &text, &len, d)) != 0)
		return rc;
	p = text;
	end = text + len;
	for (;;) {
		at = line;
		if ((rc = csv_parse_row(&p, end, &r, &line)) == 1)
			break;
		if (rc == -1) {
			diag(d, SEV_ERROR, path, (int)at, "malformed CSV row");
			free(text);
			return -1;
		}
		if (first) {
			first = 0;
			rc = r.n == SUMMARY_NCOLS;
			for (i = 0; rc && i < SUMMARY_NCOLS; i++)
				rc = strcmp(r.f[i], summary_columns[i]) == 0;
			row_free(&r);
			if (!rc) {
				diag(d, SEV_ERROR, path, 1, "not a reportgen "
				    "summary (header row differs)");
				free(text);
				return -1;
			}
			continue;
		}
		if (r.n != SUMMARY_NCOLS) {
			diag(d, SEV_ERROR, path, (int)at, "%zu fields, "
			    "expected %d", r.n, SUMMARY_NCOLS);
			row_free(&r);
			free(text);
			return -1;
		}
		if (all->n == all->cap) {
			all->cap = all->cap ? 2 * all->cap : 256;
			if ((v = realloc(all->v, all->cap * sizeof(*v)))
			    == NULL) {
				row_free(&r);
				free(text);
				diag(d, SEV_FATAL, path, 0, "out of memory");
				return -1;
			}
			all->v = v;
		}
		r.file = path;
		r.line = at;
		all->v[all->n++] = r;
	}
	if (first)
		diag(d, SEV_WARNING, path, 0, "empty summary");
	free(text);
	return 0;
}

/* By id, then path: rows without an id (never-loaded profiles) first. */
static int
rowcmp(const void *a, const void *b)
{
	const struct csvrow	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->f[COL_ID], y->f[COL_ID])) != 0)
		return c;
	return strcmp(x->f[COL_PATH], y->f[COL_PATH]);
}

/* ------------------------------------------------- the set of shards */

#define SHARDS_NAMED	10	/* missing shards named one by one */

/* "K/N" -> k, n; -1 when malformed. */
static int
shard_parse(const char *s, unsigned long *k, unsigned long *n)
{
	char	*end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	*k = strtoul(s, &end, 10);
	if (*end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	*n = strtoul(end + 1, &end, 10);
	return *end == '\0' && *n >= 1 && *k < *n && *n <= 100000 ? 0 : -1;
}

/*
 * The run's record in the directory dir: its state.db (state.h), or the
 * manifest.json an older reportgen wrote (all of it, rows or not).  m
 * initialised here; with rows 0 only its shard is wanted.  0, or -1
 * when there is neither or it cannot be read, -2 when there is a
 * state.db but SQLite cannot be loaded to read it.
 */
static int
record_load(const char *dir, int rows, struct manifest *m)
{
	struct diag	 quiet;
	char		 path[4096];
	int		 r;

	diag_init(&quiet, NULL);
	r = state_read(dir, rows, m, &quiet);
	diag_free(&quiet);
	if (r == 1)
		return 0;
	if (r == -2) {
		manifest_init(m);
		return -2;
	}
	if (r == -1 || (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
	    MANIFEST_NAME) >= sizeof(path) || access(path, R_OK) == -1) {
		manifest_init(m);
		return -1;
	}
	diag_init(&quiet, NULL);
	r = manifest_load(m, path, &quiet);
	diag_free(&quiet);
	return r;
}

/*
 * The shard each summary holds, from the state.db (or an older run's
 * manifest.json) beside it (the
 * batch records "shard": "K/N" there): every summary must have one, all
 * with the same N, and together they must be shards 0..N-1, each once.
 * Summaries of unsharded runs (no "shard") may be merged together, not
 * with shards.  Each problem is reported, naming the missing or repeated
 * shard; 0 when the set is whole, -1 otherwise, -2 when a state.db
 * could not be read because SQLite cannot be loaded.
 */
static int
shards_check(char *const paths[], size_t np, enum severity sev,
    struct diag *d)
{
	struct manifest	 m;
	unsigned long	 k, n = 0, kn, nmissing = 0;
	size_t		 i, *seen = NULL, nsharded = 0, dl;
	const char	*slash;
	char		 mpath[4096], have[512];
	int		 bad = 0, nolib = 0, o, loaded;

	if ((seen = calloc(np, sizeof(*seen))) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < np; i++) {
		slash = strrchr(paths[i], '/');
		dl = slash == NULL ? 1 : slash == paths[i] ? 1 :
		    (size_t)(slash - paths[i]);
		if ((size_t)snprintf(mpath, sizeof(mpath), "%.*s", (int)dl,
		    slash == NULL ? "." : paths[i]) >= sizeof(mpath))
			mpath[0] = '\0';
		loaded = mpath[0] == '\0' ? -1 :
		    record_load(mpath, /*rows*/ 0, &m);
		if (loaded == -2) {
			diag(d, sev, paths[i], 0, "cannot load SQLite (%s), "
			    "which reading the %s beside it needs: cannot "
			    "tell which shard it holds", SQLITE_SONAME,
			    STATE_NAME);
			bad = nolib = 1;
			seen[i] = 0;
		} else if (loaded != 0) {
			diag(d, sev, paths[i], 0, "no readable %s (or %s) "
			    "beside it: cannot tell which shard it holds",
			    STATE_NAME, MANIFEST_NAME);
			bad = 1;
			seen[i] = 0;
		} else if (m.shard == NULL)
			seen[i] = 0;		/* an unsharded run */
		else if (shard_parse(m.shard, &k, &kn) == -1) {
			diag(d, sev, mpath, 0, "shard '%s' is not K/N",
			    m.shard);
			bad = 1;
		} else if (n != 0 && kn != n) {
			diag(d, sev, paths[i], 0, "is shard %lu/%lu, but "
			    "the summaries before it are shards of %lu", k, kn,
			    n);
			bad = 1;
		} else {
			n = kn;
			seen[i] = k + 1;
			nsharded++;
		}
		if (loaded == 0)
			manifest_free(&m);
	}
	if (nsharded > 0 && nsharded < np && !bad) {
		diag(d, sev, NULL, 0, "%zu of the %zu summaries are "
		    "shards of %lu, the others of unsharded runs", nsharded, np,
		    n);
		bad = 1;
	}
	if (nsharded > 0) {
		have[0] = '\0';
		for (i = 0, o = 0; i < np; i++)
			if (seen[i] != 0 && o >= 0 && (size_t)o < sizeof(have))
				o += snprintf(have + o, sizeof(have) - (size_t)o,
				    "%s%zu/%lu", o > 0 ? ", " : "",
				    seen[i] - 1, n);
		for (k = 0; k < n; k++) {
			size_t first = np, count = 0;

			for (i = 0; i < np; i++)
				if (seen[i] == k + 1 && count++ == 0)
					first = i;
			if (count == 0 && nmissing++ < SHARDS_NAMED) {
				diag(d, sev, NULL, 0, "shard %lu/%lu is "
				    "missing (given: %s)", k, n, have);
				bad = 1;
			} else if (count > 1) {
				for (i = first + 1; i < np; i++)
					if (seen[i] == k + 1)
						diag(d, sev, paths[i], 0,
						    "shard %lu/%lu again: %s is "
						    "that shard too", k, n,
						    paths[first]);
				bad = 1;
			}
		}
	}
	if (nmissing > SHARDS_NAMED)
		diag(d, sev, NULL, 0, "and %lu more shards of %lu are missing",
		    nmissing - SHARDS_NAMED, n);
	free(seen);
	return nolib ? -2 : bad ? -1 : 0;
}

/* dir/file relative to from (both directories); a path with no ".."
 * when file's directory is under from.  realpath()s both; NULL when
 * either is gone or on allocation failure. */
static char *
rel_link(const char *from, const char *dir, const char *file)
{
	char	 a[PATH_MAX], b[PATH_MAX], *out;
	size_t	 i, common = 0, ups = 0, len;
	int	 w;

	if (realpath(from, a) == NULL || realpath(dir, b) == NULL)
		return NULL;
	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '/')
			common = i;
	if (a[i] == '\0' && (b[i] == '/' || b[i] == '\0'))
		common = i;
	else if (b[i] == '\0' && a[i] == '/')
		common = i;
	for (i = common; a[i] != '\0'; i++)
		if (a[i] == '/')
			ups++;
	if (strcmp(a, "/") == 0)
		ups = 0;
	len = ups * 3 + strlen(b + common) + strlen(file) + 2;
	if ((out = malloc(len)) == NULL)
		return NULL;
	out[0] = '\0';
	for (i = 0; i < ups; i++)
		strcat(out, "../");
	w = (int)strlen(out);
	snprintf(out + w, len - (size_t)w, "%s%s%s", b[common] == '/' ?
	    b + common + 1 : b + common, b[common] != '\0' ? "/" : "",
	    file);
	return out;
}

/* The directory of path (malloc'd): "." when it has no slash. */
static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*d;

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	if ((d = malloc((size_t)(slash - path) + 1)) != NULL) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

/* A cell as the index shows it: without the quote a neutralised cell
 * got (csv_field), NULL when empty. */
static const char *
cell(const char *s)
{
	if (s[0] == '\'' && csv_formula(s + 1))
		return s + 1;
	return s[0] != '\0' ? s : NULL;
}

/*
 * The merged index.pdf, in outdir beside the merged CSV: index.c's table
 * of every row, each name a link to its report in its shard's directory
 * (relative to outdir), with the market and dated by the newest
 * assessment as the manifest beside each summary has them (else dated by
 * the newest summary file).  Not written into
 * the directory of a shard (that one's own index.pdf is there).  0, or a
 * sysexits code.
 */
struct merge_put {
	const char	*outdir;
	struct diag	*d;
	int		 rc;
};

/* Writes one file of the merged index (index.c's writer calls it). */
static int
merge_put(void *arg, const char *name, const unsigned char *pdf, size_t len)
{
	struct merge_put	*mp = arg;

	mp->rc = output_write(mp->outdir, name, pdf, len, 0600, mp->d);
	return mp->rc == EX_OK ? 0 : -1;
}

static int
merge_index(const char *outdir, const struct rows *all, char *const paths[],
    size_t np, struct diag *d)
{
	struct index_row	*rows;
	struct index_opts	 io;
	struct index_writer	*w;
	struct merge_put	 mp;
	struct stat		 st;
	struct tm		 tm;
	struct manifest		*mans = NULL;
	const char		*adate = NULL;
	size_t			 k;
	int			 y, mo, dd;
	char			**links, real[PATH_MAX], rd[PATH_MAX], *sd;
	char			 date[16] = "";
	size_t			 i;
	time_t			 newest = 0;
	int			 rc = EX_OK;

	if (realpath(outdir, real) == NULL)
		return EX_CANTCREAT;
	for (i = 0; i < np; i++) {
		if (stat(paths[i], &st) == 0 && st.st_mtime > newest)
			newest = st.st_mtime;
		if ((sd = dir_of(paths[i])) == NULL)
			return EX_OSERR;
		if (realpath(sd, rd) != NULL && strcmp(rd, real) == 0) {
			diag(d, SEV_WARNING, paths[i], 0, "no merged %s: it "
			    "would replace this shard's own; merge into "
			    "another directory", INDEX_NAME);
			free(sd);
			return EX_OK;
		}
		free(sd);
	}
	rows = calloc(all->n + 1, sizeof(*rows));
	links = calloc(all->n + 1, sizeof(*links));
	mans = calloc(np + 1, sizeof(*mans));
	if (rows == NULL || links == NULL || mans == NULL) {
		rc = EX_OSERR;
		goto out;
	}
	/* The market and the assessment date are not in summary.csv: the
	 * state beside each summary has them (a summary without one
	 * shows a dash, and the index is dated by the files). */
	for (i = 0; i < np; i++) {
		manifest_init(&mans[i]);
		if ((sd = dir_of(paths[i])) == NULL) {
			rc = EX_OSERR;
			goto out;
		}
		(void)record_load(sd, /*rows*/ 1, &mans[i]);
		free(sd);
	}
	for (i = 0; i < all->n; i++) {
		char *const *f = all->v[i].f;
		const struct mentry *me = NULL;

		for (k = 0; k < np && me == NULL; k++)
			if (all->v[i].file == paths[k])
				me = manifest_find(&mans[k], f[COL_PATH]);
		if (me != NULL) {
			rows[i].market = me->market;
			if (me->date != NULL && strcmp(f[COL_STATUS], "ok") == 0 &&
			    (adate == NULL || strcmp(me->date, adate) > 0))
				adate = me->date;
		}

		rows[i].id = cell(f[COL_ID]);
		rows[i].path = cell(f[COL_PATH]);
		rows[i].name = cell(f[COL_NAME]);
		rows[i].rec = cell(f[COL_REC]);
		rows[i].seniority = cell(f[COL_SEN]);
		rows[i].status = cell(f[COL_STATUS]);
		if (f[COL_FDE][0] != '\0' && f[COL_MLOPS][0] != '\0') {
			rows[i].has_fit = 1;
			rows[i].fde = strtod(f[COL_FDE], NULL);
			rows[i].mlops = strtod(f[COL_MLOPS], NULL);
		}
		if (f[COL_OUTPUT][0] != '\0') {
			if ((sd = dir_of(all->v[i].file)) == NULL) {
				rc = EX_OSERR;
				goto out;
			}
			links[i] = rel_link(outdir, sd, f[COL_OUTPUT]);
			free(sd);
			rows[i].output = links[i];
		}
	}
	index_sort_rows(rows, all->n, INDEX_SORT_NAME);
	memset(&io, 0, sizeof(io));
	io.sort = INDEX_SORT_NAME;
	io.paper = PAPER_A4;
	if (adate != NULL && strlen(adate) < sizeof(date))
		strcpy(date, adate);
	else if (newest != 0 && gmtime_r(&newest, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	io.date = date[0] != '\0' ? date : NULL;
	io.date_t = newest;
	if (adate != NULL && sscanf(adate, "%4d-%2d-%2d", &y, &mo, &dd) == 3) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = dd;
		tm.tm_hour = 12;
		io.date_t = timegm(&tm);
	}
	/* index.pdf, and its volumes when the cohort is large */
	mp.outdir = outdir;
	mp.d = d;
	mp.rc = EX_OK;
	if ((w = index_open(data_dir(NULL), &io, all->n, merge_put, &mp,
	    d)) == NULL) {
		rc = EX_SOFTWARE;
		goto out;
	}
	for (i = 0; i < all->n; i++)
		if (index_add(w, &rows[i]) == -1)
			break;
	if (index_close(w) == -1)
		rc = mp.rc != EX_OK ? mp.rc : EX_SOFTWARE;
out:
	if (rc == EX_OSERR)
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
	for (i = 0; links != NULL && i < all->n; i++)
		free(links[i]);
	for (i = 0; mans != NULL && i < np; i++)
		manifest_free(&mans[i]);
	free(mans);
	free(links);
	free(rows);
	return rc;
}

static void
merge_usage(FILE *f)
{
	fputs("usage: reportgen merge-summaries [--allow-partial] -o OUT.csv "
	    "SUMMARY.csv...\n"
	    "Joins the summary.csv files of the shards of one batch: one "
	    "header, rows\nsorted by id; an id in more than one row is "
	    "reported (exit 65).  Beside OUT.csv\nit writes the merged "
	    "index.pdf (each name links to its report in its\nshard's "
	    "directory).\n\n"
	    "  -o, --output FILE   where to write (mode 0600; not a link or "
	    "device);\n"
	    "                      - is standard output\n"
	    "      --allow-partial merge even when a shard is missing, "
	    "repeated or\n"
	    "                      unknown (the manifest.json beside each "
	    "summary says\n"
	    "                      which shard it holds); otherwise that is "
	    "exit 65\n"
	    "                      and nothing is written\n"
	    "  -h, --help          this text\n", f);
}

int
cmd_merge_summaries(int argc, char *argv[])
{
	enum { OPT_PARTIAL = 256 };
	static const struct option longopts[] = {
		{ "output",	required_argument,	NULL, 'o' },
		{ "allow-partial", no_argument,		NULL, OPT_PARTIAL },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag	 d;
	struct rows	 all = { NULL, 0, 0 };
	struct summary_row *out = NULL;
	const char	*outpath = NULL, *base, *dirname;
	char		*dir = NULL, *csv = NULL, *slash;
	size_t		 i, j, len;
	struct exits	 ex = { 0 };
	int		 ch, rc = EX_OK, dups = 0, partial = 0, whole, checked, st;

	if (opts_list(argc, argv, longopts, "ho:", NULL))
		return EX_OK;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1)
		switch (ch) {
		case 'o':
			outpath = optarg;
			break;
		case OPT_PARTIAL:
			partial = 1;
			break;
		case 'h':
			merge_usage(stdout);
			return EX_OK;
		default:
			opt_error("merge-summaries", longopts, "ho:", argv);
			return EX_USAGE;
		}
	if (outpath == NULL || optind >= argc) {
		merge_usage(stderr);
		return EX_USAGE;
	}
	diag_init(&d, stderr);
	if (strcmp(outpath, "-") != 0 &&
	    (rc = output_named_ok(outpath, &d)) != 0) {
		exit_note(&ex, rc);
		goto out;
	}
	/* Are these the shards of one run, each once?  With
	 * --allow-partial the problems are warnings; the rows are read
	 * either way, so that duplicate ids are reported too. */
	checked = shards_check(argv + optind, (size_t)(argc - optind),
	    partial ? SEV_WARNING : SEV_ERROR, &d);
	whole = checked == 0;
	if (!whole && partial)
		diag(&d, SEV_WARNING, outpath, 0, "merged from an incomplete "
		    "set of shards (--allow-partial)");
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if ((st = merge_read(argv[i], &all, &d)) != 0) {
			/* unreadable 66, too large or malformed 65 */
			exit_note(&ex, st > 0 ? st : d.worst >= SEV_FATAL ?
			    EX_SOFTWARE : EX_DATAERR);
			goto out;
		}
	qsort(all.v, all.n, sizeof(*all.v), rowcmp);
	for (i = 1; i < all.n; i++)
		if (all.v[i].f[COL_ID][0] != '\0' &&
		    strcmp(all.v[i].f[COL_ID], all.v[i - 1].f[COL_ID]) == 0) {
			diag(&d, SEV_ERROR, all.v[i].file, (int)all.v[i].line,
			    "id '%s' also in %s:%zu", all.v[i].f[COL_ID],
			    all.v[i - 1].file, all.v[i - 1].line);
			dups++;
		}
	if ((out = calloc(all.n + 1, sizeof(*out))) == NULL) {
		exit_note(&ex, EX_OSERR);
		goto out;
	}
	for (i = 0; i < all.n; i++)
		for (j = 0; j < SUMMARY_NCOLS; j++)
			out[i].f[j] = all.v[i].f[j];
	if ((csv = summary_csv(out, all.n, &len)) == NULL ||
	    (dir = strdup(outpath)) == NULL) {
		exit_note(&ex, EX_OSERR);
		goto out;
	}
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		base = slash + 1;
		dirname = dir[0] != '\0' ? dir : "/";
	} else {
		base = dir;
		dirname = ".";
	}
	if (!whole && !partial) {
		if (checked == -2)
			diag(&d, SEV_ERROR, outpath, 0, "not written: without "
			    "SQLite the shards cannot be checked "
			    "(--allow-partial merges them anyway)");
		else
			diag(&d, SEV_ERROR, outpath, 0, "not written: the "
			    "shards do not make one whole run "
			    "(--allow-partial merges them anyway)");
		exit_note(&ex, checked == -2 ? EX_SOFTWARE : EX_DATAERR);
		goto out;
	}
	exit_note(&ex, strcmp(outpath, "-") == 0 ? output_stdout(csv, len,
	    &d) : output_write(dirname, base, csv, len, 0600, &d));
	/* the merged index.pdf beside it (not for standard output) */
	if (strcmp(outpath, "-") != 0 && exit_status_for(&ex) == EX_OK)
		exit_note(&ex, merge_index(dirname, &all, argv + optind,
		    (size_t)(argc - optind), &d));
	exit_note(&ex, dups > 0 ? EX_DATAERR : EX_OK);
out:
	rc = exit_status_for(&ex);
	for (i = 0; i < all.n; i++)
		row_free(&all.v[i]);
	free(all.v);
	free(out);
	free(csv);
	free(dir);
	diag_free(&d);
	return rc;
}
