/*
 * import_json.h: a JSON Resume (jsonresume.org, schema v1) read into
 * plain structs, for `reportgen import`.  jansson is included by
 * import_json.c only; nothing past this header sees a jansson type.
 * Only what a profile can use is kept: basics, work, skills, projects
 * and certificates.  Strings are malloc'd UTF-8 (jansson checks the
 * encoding), NULL when absent or not a string.
 */
#ifndef REPORTGEN_IMPORT_JSON_H
#define REPORTGEN_IMPORT_JSON_H

#include <stddef.h>

#include "diag.h"

#define RS_MAX_ITEMS	64	/* per list; the rest are counted, not kept */
#define RS_MAX_WORDS	32	/* keywords or highlights per item */
#define RS_MAX_BYTES	(1024 * 1024)

struct rs_words {
	char	*w[RS_MAX_WORDS];
	int	 n;
};

struct rs_work {
	char		*org;		/* "name" ("company" before v1) */
	char		*title;		/* "position" */
	char		*start, *end;	/* ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD */
	char		*summary;
	struct rs_words	 highlights;
};

struct rs_skill {
	char		*name;
	char		*level;		/* free text: "Advanced", "Master" */
	struct rs_words	 keywords;
};

struct rs_project {
	char		*name;
	char		*description;
	struct rs_words	 keywords;
};

struct rs_cert {
	char		*name;
	char		*issuer;
};

struct resume {
	char			*name, *label, *email, *country;
	struct rs_work		 work[RS_MAX_ITEMS];
	int			 nwork;
	struct rs_skill		 skills[RS_MAX_ITEMS];
	int			 nskills;
	struct rs_project	 projects[RS_MAX_ITEMS];
	int			 nprojects;
	struct rs_cert		 certs[RS_MAX_ITEMS];
	int			 ncerts;
	int			 dropped;	/* items past RS_MAX_ITEMS/WORDS */
	int			 mistyped;	/* fields of the wrong JSON type */
};

/* Read path ("-": standard input is not supported) into r.  0, or a
 * sysexits code after a message "path:line:column: ..." in d. */
int	resume_read(const char *path, struct resume *r, struct diag *d);
void	resume_free(struct resume *r);

#endif
