/*
 * cmd_draft.h: what `reportgen init` and `reportgen import` share: a
 * profile written as text, XML-escaped, to standard output or to a new
 * file that is never an existing one.
 */
#ifndef REPORTGEN_CMD_DRAFT_H
#define REPORTGEN_CMD_DRAFT_H

#include <stdio.h>

#include "model.h"

/* A draft in memory (open_memstream), written out by draft_finish(). */
struct draft {
	FILE	*f;
	char	*buf;
	size_t	 len;
};

int	draft_begin(struct draft *);
/* s as XML character data (or an attribute value): & < > " escaped,
 * control characters dropped, at most max bytes of it (0: all), cut
 * on a UTF-8 boundary. */
void	draft_text(FILE *, const char *s, size_t max);
/* s inside an XML comment: "--" cannot appear there. */
void	draft_comment(FILE *, const char *s);
/* The market's skill dimensions and agreement statements as comments
 * and lines, as the template and the import write them. */
void	draft_scale_comment(FILE *, const struct market *, const char *indent);
/* Write the draft to path ("-" or NULL: standard output), refusing to
 * replace an existing file.  Frees the draft.  Returns a sysexits code;
 * cmd names the command in messages. */
int	draft_finish(struct draft *, const char *path, const char *cmd);

#endif
