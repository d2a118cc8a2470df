/*
 * pdf_fontfind.c: which font file draws a script the DejaVu subsets lack
 * (issue 18).
 *
 * The list is data, fonts/fallback.conf in the data directory: the
 * directories to search, then per ISO 15924 script a regular and a bold
 * file.  It is read the first time a document needs a fallback font (a
 * report in Latin, Greek or Cyrillic never reads it), and each file is
 * looked for once per struct pdf.  fontconfig would find the same files,
 * but FcInit reads its configuration and caches on every run (measured in
 * the report of issue 18) and its answers depend on the machine's
 * configuration; a short list of Debian's directories keeps the choice
 * the same everywhere and costs a few stat() calls.
 *
 * A memory failure leaves errno ENOMEM, which pdf_shape.c checks; what
 * it left undone is done again on the next lookup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pdf_shape.h"

#define FF_MAX_BYTES	(64 * 1024)
#define FF_DIRS		8
#define FF_ROWS		64

struct ffrow {
	char		 tag[5];
	char		*file[2];	/* regular, bold: names as listed */
	char		*path[2];	/* found, or NULL */
	int		 index[2];
	int		 looked[2];
};

struct fontfind {
	char		*conf;		/* fontdir/fallback.conf */
	int		 read;		/* the list was read (or tried) */
	char		*dir[FF_DIRS];
	int		 ndir;
	struct ffrow	 row[FF_ROWS];
	int		 nrow;
};

struct fontfind *
fontfind_new(const char *fontdir)
{
	struct fontfind	*ff;
	size_t		 n;

	if ((ff = calloc(1, sizeof(*ff))) == NULL)
		return NULL;
	n = strlen(fontdir) + sizeof("/fallback.conf");
	if ((ff->conf = malloc(n)) == NULL) {
		free(ff);
		return NULL;
	}
	snprintf(ff->conf, n, "%s/fallback.conf", fontdir);
	return ff;
}

/* Forgets the list read. */
static void
ff_clear(struct fontfind *ff)
{
	int	 i, b;

	for (i = 0; i < ff->ndir; i++)
		free(ff->dir[i]);
	for (i = 0; i < ff->nrow; i++)
		for (b = 0; b < 2; b++) {
			free(ff->row[i].file[b]);
			free(ff->row[i].path[b]);
		}
	memset(ff->row, 0, sizeof(ff->row));
	ff->ndir = ff->nrow = 0;
	ff->read = 0;
}

void
fontfind_free(struct fontfind *ff)
{
	if (ff == NULL)
		return;
	ff_clear(ff);
	free(ff->conf);
	free(ff);
}

/* Reads the list; a missing or unreadable one leaves it empty (every
 * fallback is then "not installed", as on a machine without the
 * fonts). */
static void
ff_read(struct fontfind *ff)
{
	FILE		*fp;
	char		*buf, *line, *next, *w[3];
	size_t		 len;
	int		 nw;

	if ((fp = fopen(ff->conf, "r")) == NULL) {
		if (errno != ENOMEM)
			ff->read = 1;	/* no list: no fallback fonts */
		return;
	}
	if ((buf = malloc(FF_MAX_BYTES + 1)) == NULL) {
		fclose(fp);
		return;		/* errno ENOMEM: read again next time */
	}
	ff->read = 1;
	len = fread(buf, 1, FF_MAX_BYTES, fp);
	fclose(fp);
	buf[len] = '\0';
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#')
			continue;
		for (nw = 0; nw < 3; nw++) {
			line += strspn(line, " \t\r");
			if (*line == '\0')
				break;
			w[nw] = line;
			line += strcspn(line, " \t\r");
			if (*line != '\0')
				*line++ = '\0';
		}
		if (nw == 2 && strcmp(w[0], "dir") == 0 && ff->ndir < FF_DIRS) {
			if ((ff->dir[ff->ndir++] = strdup(w[1])) == NULL)
				goto nomem;
		} else if (nw == 3 && strlen(w[0]) == 4 && ff->nrow < FF_ROWS) {
			struct ffrow *r = &ff->row[ff->nrow];

			memcpy(r->tag, w[0], 5);
			r->file[0] = strdup(w[1]);
			r->file[1] = strdup(w[2]);
			ff->nrow++;
			if (r->file[0] == NULL || r->file[1] == NULL)
				goto nomem;
		}
	}
	free(buf);
	return;
nomem:
	/* all of it again next time; errno ENOMEM for pdf_shape.c */
	ff_clear(ff);
	free(buf);
	errno = ENOMEM;
}

/* Looks for row r's file b in the directories. */
static void
ff_find(struct fontfind *ff, struct ffrow *r, int b)
{
	char		 name[256], path[4096];
	char		*colon;
	struct stat	 st;
	int		 i;

	r->looked[b] = 1;
	snprintf(name, sizeof(name), "%s", r->file[b]);
	r->index[b] = 0;
	if ((colon = strrchr(name, ':')) != NULL) {
		*colon = '\0';
		r->index[b] = atoi(colon + 1);
	}
	if (strchr(name, '/') != NULL)
		return;			/* names only: the directories say where */
	for (i = 0; i < ff->ndir; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", ff->dir[i],
		    name) >= sizeof(path))
			continue;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if ((r->path[b] = strdup(path)) == NULL)
				r->looked[b] = 0;	/* errno ENOMEM */
			return;
		}
	}
}

const char *
fontfind_lookup(struct fontfind *ff, const char *tag, int bold, int *index)
{
	int	 i;

	if (ff == NULL)
		return NULL;
	if (!ff->read) {
		errno = 0;
		ff_read(ff);
		if (errno == ENOMEM)
			return NULL;
	}
	bold = bold != 0;
	for (i = 0; i < ff->nrow; i++) {
		if (memcmp(ff->row[i].tag, tag, 4) != 0)
			continue;
		if (!ff->row[i].looked[bold]) {
			ff_find(ff, &ff->row[i], bold);
			if (!ff->row[i].looked[bold]) {
				errno = ENOMEM;	/* after the stat() calls */
				return NULL;
			}
		}
		*index = ff->row[i].index[bold];
		return ff->row[i].path[bold];
	}
	return NULL;
}
