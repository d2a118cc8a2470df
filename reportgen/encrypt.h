/*
 * encrypt.h: protect a finished PDF with AES-256.  libqpdf (its C API,
 * <qpdf/qpdf-c.h>) is included by encrypt.c only.
 *
 * libharu offers only RC4, so the renderer's bytes are re-written by
 * libqpdf in memory, before output_write() puts them on disk: no
 * unprotected copy of the report ever touches the file system.
 *
 * The protection: PDF 2.0 / ISO 32000-2 standard security handler,
 * revision 6 (AES-256, V 5).  The user password opens the file; the
 * owner password lifts the restrictions.  Granted without the owner
 * password: printing (high resolution) and extraction for accessibility
 * (screen readers; ISO 32000 asks viewers to honour it).  Denied: changes
 * of any kind (assembly, annotations, forms, content) and copying text or
 * images out.  Metadata is encrypted too.
 *
 * Not byte-identical: every call gives different bytes for the same
 * input, because the file /ID and the AES initialisation vectors are
 * random.  That is on purpose.  libqpdf's deterministic /ID cannot be
 * combined with encryption (it refuses), and its static /ID and static
 * IV are for its own test suite: with them, equal reports would give
 * equal ciphertext blocks and the key material would not be fresh per
 * file.  So an incremental batch must compare its inputs (profile,
 * market, options), never the encrypted output bytes, to decide whether
 * a report is up to date.
 */
#ifndef REPORTGEN_ENCRYPT_H
#define REPORTGEN_ENCRYPT_H

#include <stddef.h>

#include "diag.h"

/* Encrypt the PDF in (inlen bytes).  user_pw must not be empty; owner_pw
 * may be NULL or empty, and then a random owner password is made (so
 * nobody can lift the restrictions).  On success 0, and *out (malloc'd,
 * the caller frees) holds *outlen bytes.  On failure -1 with a message
 * naming path in d; the passwords are never printed. */
int	encrypt_pdf(const unsigned char *in, size_t inlen, const char *user_pw,
	    const char *owner_pw, unsigned char **out, size_t *outlen,
	    struct diag *d, const char *path);

/* 1 when the PDF in buf is encrypted and pw opens it (as user or owner
 * password), else 0.  For an incremental batch: a report whose password
 * entry changed no longer opens with the new one, so it is re-rendered,
 * and no password or hash of one needs to go into the manifest. */
int	encrypt_opens(const unsigned char *buf, size_t len, const char *pw);

/* The version of libqpdf in use, for messages and --version. */
const char *encrypt_library_version(void);

#endif
