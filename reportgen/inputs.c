/*
 * inputs.c: FILE|DIR arguments -> a sorted list of profile paths.
 *
 * A file named on the command line is taken as it is (it must exist; the
 * loader then refuses anything that is not a regular file).  Directories
 * are walked with lstat(), never following a symbolic link; in them only
 * regular files named *.xml are taken.  Symbolic links, FIFOs, sockets,
 * devices, directories named *.xml and entries that cannot be read are
 * skipped with a warning naming them; other regular files (README, ...)
 * are ignored quietly.  The result is sorted by path (strcmp), without
 * duplicates, so every run sees the same order.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inputs.h"

#define WALK_DEPTH_MAX	32

static int
add(struct inputs *in, const char *path, struct diag *d)
{
	char	**p;
	size_t	  cap;

	if (in->n == in->cap) {
		cap = in->cap ? in->cap * 2 : 16;
		if ((p = realloc(in->paths, cap * sizeof(*p))) == NULL)
			goto nomem;
		in->paths = p;
		in->cap = cap;
	}
	if ((in->paths[in->n] = strdup(path)) == NULL)
		goto nomem;
	in->n++;
	return 0;
nomem:
	diag(d, SEV_FATAL, NULL, 0, "out of memory");
	return -1;
}

static int
xml_name(const char *name)
{
	size_t	 n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static char *
join(const char *dir, const char *name)
{
	size_t	 nd = strlen(dir), nn = strlen(name);
	char	*s;

	while (nd > 1 && dir[nd - 1] == '/')
		nd--;
	if ((s = malloc(nd + nn + 2)) == NULL)
		return NULL;
	memcpy(s, dir, nd);
	s[nd] = '/';
	memcpy(s + nd + 1, name, nn + 1);
	return s;
}

static int
walk(struct inputs *in, const char *dir, int depth, struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*path;
	int		 rc = 0;

	if (depth > WALK_DEPTH_MAX) {
		diag(d, SEV_WARNING, dir, 0, "skipped: directories nested "
		    "deeper than %d", WALK_DEPTH_MAX);
		return 0;
	}
	if ((dp = opendir(dir)) == NULL) {
		diag(d, SEV_WARNING, dir, 0, "skipped: cannot read directory: "
		    "%s", strerror(errno));
		return 0;
	}
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if ((path = join(dir, de->d_name)) == NULL) {
			diag(d, SEV_FATAL, NULL, 0, "out of memory");
			rc = -1;
			break;
		}
		if (lstat(path, &st) == -1)
			diag(d, SEV_WARNING, path, 0, "skipped: %s",
			    strerror(errno));
		else if (S_ISLNK(st.st_mode))
			diag(d, SEV_WARNING, path, 0, "skipped: symbolic link "
			    "(links are not followed)");
		else if (S_ISDIR(st.st_mode)) {
			if (xml_name(de->d_name))
				diag(d, SEV_WARNING, path, 0, "skipped: a "
				    "directory, not a profile");
			else
				rc = walk(in, path, depth + 1, d);
		} else if (!S_ISREG(st.st_mode))
			diag(d, SEV_WARNING, path, 0, "skipped: not a regular "
			    "file (%s)", S_ISFIFO(st.st_mode) ? "a FIFO" :
			    S_ISSOCK(st.st_mode) ? "a socket" : "a device");
		else if (!xml_name(de->d_name))
			;	/* README and the like: not ours */
		else if (access(path, R_OK) == -1)
			diag(d, SEV_WARNING, path, 0, "skipped: cannot read: "
			    "%s", strerror(errno));
		else
			rc = add(in, path, d);
		free(path);
	}
	closedir(dp);
	return rc;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
inputs_collect(struct inputs *in, char *const args[], int nargs,
    struct diag *d)
{
	struct stat	 st;
	size_t		 i, j;
	int		 k, rc = 0;

	for (k = 0; k < nargs; k++) {
		if (stat(args[k], &st) == -1) {
			diag(d, SEV_ERROR, args[k], 0, "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (walk(in, args[k], 0, d) == -1)
				return -1;
		} else if (add(in, args[k], d) == -1)
			return -1;
	}
	if (in->n > 1)
		qsort(in->paths, in->n, sizeof(in->paths[0]), cmp);
	for (i = j = 0; i < in->n; i++) {
		if (j > 0 && strcmp(in->paths[j - 1], in->paths[i]) == 0)
			free(in->paths[i]);
		else
			in->paths[j++] = in->paths[i];
	}
	if (in->n > 0)
		in->n = j;
	return rc;
}

void
inputs_free(struct inputs *in)
{
	size_t	 i;

	for (i = 0; i < in->n; i++)
		free(in->paths[i]);
	free(in->paths);
	in->paths = NULL;
	in->n = in->cap = 0;
}
