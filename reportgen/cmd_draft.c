/*
 * cmd_draft.c: writing a profile draft for `reportgen init` and
 * `reportgen import`: escaping, and a file that is created, never
 * replaced (O_EXCL), or standard output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd_draft.h"

int
draft_begin(struct draft *dr)
{
	memset(dr, 0, sizeof(*dr));
	if ((dr->f = open_memstream(&dr->buf, &dr->len)) == NULL)
		return -1;
	return 0;
}

void
draft_text(FILE *f, const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;

	for (; *p != '\0'; p++, n++) {
		/* Stop before a UTF-8 sequence that would not fit. */
		if (max > 0 && n >= max && (*p & 0xc0) != 0x80)
			break;
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\n':
		case '\t':
		case '\r':
			fputc(' ', f);
			break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				fputc(*p, f);
		}
	}
}

void
draft_comment(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '-' && (s[1] == '-' || s[1] == '\0'))
			fputs("- ", f);
		else if ((unsigned char)*s >= 0x20 || *s == '\n')
			fputc(*s, f);
	}
}

void
draft_scale_comment(FILE *f, const struct market *m, const char *indent)
{
	int	 i;

	fprintf(f, "%s<!-- level: 0-5 on the market data's scale:\n", indent);
	for (i = 0; i <= LEVEL_MAX; i++) {
		fprintf(f, "%s       %d %s: ", indent, i,
		    m->scale[i].label != NULL ? m->scale[i].label : "");
		draft_comment(f, m->scale[i].meaning != NULL ?
		    m->scale[i].meaning : "");
		fputc('\n', f);
	}
	fprintf(f, "%s       A claim is capped by its evidence (years, "
	    "projects,\n%s       certifications, keywords, positions): see "
	    "docs/profiles.md. -->\n", indent, indent);
}

int
draft_finish(struct draft *dr, const char *path, const char *cmd)
{
	int	 fd, rc = EX_OK;
	size_t	 off = 0;
	ssize_t	 n;

	if (fclose(dr->f) != 0 || dr->buf == NULL) {
		fprintf(stderr, "reportgen %s: out of memory\n", cmd);
		free(dr->buf);
		return EX_OSERR;
	}
	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(dr->buf, 1, dr->len, stdout) != dr->len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "reportgen %s: standard output: %s\n",
			    cmd, strerror(errno));
			rc = EX_IOERR;
		}
		free(dr->buf);
		return rc;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644))
	    == -1) {
		fprintf(stderr, "reportgen %s: %s: %s%s\n", cmd, path,
		    strerror(errno), errno == EEXIST ? " (not replaced: "
		    "choose another name or remove it first)" : "");
		free(dr->buf);
		return EX_CANTCREAT;
	}
	while (off < dr->len) {
		if ((n = write(fd, dr->buf + off, dr->len - off)) == -1) {
			if (errno == EINTR)
				continue;
			rc = EX_IOERR;
			break;
		}
		off += (size_t)n;
	}
	if (rc == EX_OK && fsync(fd) == -1)
		rc = EX_IOERR;
	if (close(fd) == -1)
		rc = EX_IOERR;
	if (rc != EX_OK) {
		fprintf(stderr, "reportgen %s: %s: %s\n", cmd, path,
		    strerror(errno));
		unlink(path);
	}
	free(dr->buf);
	return rc;
}
