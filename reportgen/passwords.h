/*
 * passwords.h: the password files of --encrypt.  Passwords never come
 * from the command line (other users can read it in ps) and are never
 * printed, not even in messages about the line they are on.
 *
 * --password-file: one entry per line, "ID<TAB>PASSWORD", where ID is a
 * profile id (the identity/@id of the candidate schema: letters, digits,
 * '_' and '-', at most 64) and PASSWORD is everything after the first tab,
 * taken as it is (spaces included; a trailing CR is dropped, so files
 * edited on Windows work).  Blank lines and lines starting with '#' are
 * skipped.  A line without a tab, an empty password, a password longer
 * than PASSWORD_MAX bytes (the limit of AES-256 PDF encryption, which
 * would silently cut it) and an id given twice are errors, each with its
 * line number.
 *
 * --owner-password-file: one password, on the first line that is neither
 * blank nor a comment (so it cannot start with '#'); any other such line
 * is an error.
 *
 * Both must be regular files (a symlink to one is fine), owned by the
 * user running reportgen or by root, not readable or writable by group or
 * others (mode & 077 == 0; "chmod 600 FILE"), and at most
 * PASSWORDS_MAX_BYTES long.  Anything else is refused before a byte is
 * read.
 */
#ifndef REPORTGEN_PASSWORDS_H
#define REPORTGEN_PASSWORDS_H

#include <stddef.h>

#include "diag.h"

#define PASSWORDS_MAX_BYTES	(4 * 1024 * 1024)
#define PASSWORD_MAX		127	/* bytes, as AES-256 (R6) allows */

struct passwords;

/* Load and check a password file.  NULL with the reasons in d. */
struct passwords *passwords_load(const char *path, struct diag *d);

/* For `render`, one report: a file of ID<TAB>PASSWORD lines as above,
 * or a file holding one password alone (one line that is neither blank
 * nor a comment and has no tab), which is then the password whatever
 * the profile's id.  A password with a tab in it must be written as
 * ID<TAB>PASSWORD.  Same file checks.  NULL with the reasons in d. */
struct passwords *passwords_load_render(const char *path, struct diag *d);

/* One password typed on the terminal (/dev/tty) with echo off, twice to
 * confirm (three tries); the same for any id.  NULL with the reason in
 * d when there is no terminal or nothing usable was typed. */
struct passwords *passwords_ask(struct diag *d);

/* The password for a profile id, or NULL when the file has none.  The
 * string lives until passwords_free(). */
const char	*passwords_get(const struct passwords *, const char *id);
size_t		 passwords_count(const struct passwords *);

/* Overwrites the secrets (explicit_bzero) before freeing. */
void		 passwords_free(struct passwords *);

/* An owner password file: a malloc'd copy of its password, NULL with the
 * reasons in d.  Free it with password_free(). */
char		*password_load_one(const char *path, struct diag *d);
void		 password_free(char *);

#endif
