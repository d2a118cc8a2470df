/*
 * pdf_objstm.c: the document's small objects packed into one compressed
 * object stream (PDF 1.7, 7.5.7) with a cross-reference stream (7.5.8),
 * once libharu has serialised the document.
 *
 * Why: a tagged report (pdf_tag.c) has some 350 structure elements, each
 * a dict of about 50 bytes that libharu writes as an object of its own,
 * with its "N 0 obj" and "endobj" lines and a 20-byte entry in the xref
 * table: the tree alone doubled the size of a report.  In an object
 * stream they deflate to a few bytes each, and so do the pages, fonts,
 * outline and annotation dicts that were there before.  libharu 2.3.0
 * writes PDF 1.4 only, without object streams, so this pass rewrites its
 * output:
 *
 *   - every object that is not a stream goes into the object stream,
 *     except bare integers (libharu makes each stream's /Length an
 *     object of its own: those stay where a reader finds them without
 *     decoding anything);
 *   - streams and those integers are copied byte for byte;
 *   - the xref table and the trailer become a cross-reference stream,
 *     and the header says %PDF-1.5.
 *
 * The structure tree (pdf_tag.c) is not made of libharu objects: its
 * objects are written here, straight into the object stream, the
 * StructTreeRoot in the place of the empty dict that reserved its number
 * for the catalog.
 *
 * The input is libharu's own output, whose layout is known: an object
 * "N 0 obj" at each offset of the one xref subsection, in increasing
 * offset order, a trailer with /Root, /Info and /Size.  Anything else
 * (an /Encrypt or /ID, offsets out of order) leaves the document as it
 * is.  Deterministic: the same input gives the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"

/* ------------------------------------------------------------ buffers */

/* obuf_put's slow path (pdf_private.h): grows the buffer. */
void
obuf_grow_put(struct obuf *o, const void *s, size_t n)
{
	unsigned char	*nb;
	size_t		 cap;

	if (n == 0 || o->err)
		return;
	if (o->n + n > o->cap) {
		cap = o->cap ? o->cap : 4096;
		while (cap < o->n + n)
			cap *= 2;
		if ((nb = realloc(o->b, cap)) == NULL) {
			o->err = 1;
			return;
		}
		o->b = nb;
		o->cap = cap;
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

/* Room for n more bytes at o.  0, or -1 (o->err set). */
int
obuf_reserve(struct obuf *o, size_t n)
{
	unsigned char	*nb;
	size_t		 cap;

	if (o->err)
		return -1;
	if (o->n + n <= o->cap)
		return 0;
	cap = o->cap ? o->cap : 4096;
	while (cap < o->n + n)
		cap *= 2;
	if ((nb = realloc(o->b, cap)) == NULL) {
		o->err = 1;
		return -1;
	}
	o->b = nb;
	o->cap = cap;
	return 0;
}

/* n in decimal. */
void
obuf_num(struct obuf *o, unsigned long n)
{
	char	 t[24];
	int	 i = sizeof(t);

	do {
		t[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	obuf_put(o, t + i, sizeof(t) - (size_t)i);
}

#define put	obuf_put

static void
putf(struct obuf *o, const char *fmt, unsigned long a, unsigned long b)
{
	char	 t[128];
	int	 n;

	n = snprintf(t, sizeof(t), fmt, a, b);
	if (n > 0 && (size_t)n < sizeof(t))
		put(o, t, (size_t)n);
}

/* One object of libharu's output. */
struct obj {
	size_t		 off, end;	/* "N 0 obj" .. after "endobj" */
	size_t		 b0, b1;	/* its value */
	int		 packed;	/* in the object stream */
	unsigned	 idx;		/* there, or its new offset's row */
	size_t		 newoff;
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
	    c == '\0';
}

/* Parses an unsigned decimal at b[*i], skipping spaces before it. */
static int
number(const unsigned char *b, size_t n, size_t *i, unsigned long *v)
{
	while (*i < n && is_space(b[*i]))
		(*i)++;
	if (*i >= n || b[*i] < '0' || b[*i] > '9')
		return -1;
	*v = 0;
	while (*i < n && b[*i] >= '0' && b[*i] <= '9') {
		if (*v > 0xFFFFFFFFUL / 10)
			return -1;
		*v = *v * 10 + (unsigned long)(b[*i] - '0');
		(*i)++;
	}
	return 0;
}

/* The object number after key ("/Root") in the trailer t..n: "12 0 R". */
static int
trailer_ref(const unsigned char *b, size_t t, size_t n, const char *key,
    unsigned long *v)
{
	size_t		 kl = strlen(key), i;
	unsigned long	 gen;

	for (i = t; i + kl < n; i++)
		if (memcmp(b + i, key, kl) == 0 && is_space(b[i + kl])) {
			i += kl;
			if (number(b, n, &i, v) == -1 ||
			    number(b, n, &i, &gen) == -1 || gen != 0)
				return -1;
			return 0;
		}
	return -1;
}

/* The value of the object at o: after "N 0 obj", before "endobj". */
static int
value(const unsigned char *b, struct obj *o)
{
	size_t	 i = o->off, e = o->end;

	while (i + 3 <= e && memcmp(b + i, "obj", 3) != 0)
		i++;
	if (i + 3 > e)
		return -1;
	i += 3;
	while (i < e && is_space(b[i]))
		i++;
	while (e > i && is_space(b[e - 1]))
		e--;
	if (e - i < 6 || memcmp(b + e - 6, "endobj", 6) != 0)
		return -1;
	e -= 6;
	while (e > i && is_space(b[e - 1]))
		e--;
	o->b0 = i;
	o->b1 = e;
	return 0;
}

/* A stream, or a bare integer (a /Length): copied as it is. */
static int
copied(const unsigned char *b, const struct obj *o)
{
	size_t	 i;

	if (o->b1 - o->b0 >= 9 && memcmp(b + o->b1 - 9, "endstream", 9) == 0)
		return 1;
	for (i = o->b0; i < o->b1; i++)
		if (b[i] < '0' || b[i] > '9')
			return 0;
	return 1;
}

static void
row(unsigned char *r, int type, unsigned long f2, unsigned f3)
{
	r[0] = (unsigned char)type;
	r[1] = (unsigned char)(f2 >> 24);
	r[2] = (unsigned char)(f2 >> 16);
	r[3] = (unsigned char)(f2 >> 8);
	r[4] = (unsigned char)f2;
	r[5] = (unsigned char)(f3 >> 8);
	r[6] = (unsigned char)f3;
}

/*
 * See the top of the file.  *buf (len bytes, malloc'd) is replaced by
 * the packed document.  0 (also when the document is left as it was),
 * or -1 when memory failed.
 */
int
objstm_pack(struct pdf *p, unsigned char **buf, size_t *len)
{
	const unsigned char	*b = *buf, *z;
	struct obj		*ob = NULL;
	struct obuf		 hdr = { 0 }, body = { 0 }, out = { 0 };
	unsigned char		*rows = NULL, *up = NULL;
	unsigned long		 xoff, first, cnt, v, gen, root, info;
	size_t			 n = *len, i, t, zn, stm_off, x_off, last;
	unsigned		 k, npacked = 0, size, stm, xobj;
	long			 ntag;
	int			 rc = 0;

	/* startxref, the table, the trailer */
	if (n < 64)
		return 0;
	for (i = n - 9; i > n - 64; i--)
		if (memcmp(b + i, "startxref", 9) == 0)
			break;
	if (i == n - 64)
		return 0;
	i += 9;
	if (number(b, n, &i, &xoff) == -1 || xoff + 4 > n ||
	    memcmp(b + xoff, "xref", 4) != 0)
		return 0;
	i = xoff + 4;
	if (number(b, n, &i, &first) == -1 || first != 0 ||
	    number(b, n, &i, &cnt) == -1 || cnt < 2 || cnt > 1000000)
		return 0;
	while (i < n && is_space(b[i]))
		i++;
	if (i + cnt * 20 > n)
		return 0;
	t = i + cnt * 20;
	if (trailer_ref(b, t, n, "/Root", &root) == -1 ||
	    trailer_ref(b, t, n, "/Info", &info) == -1 ||
	    root >= cnt || info >= cnt)
		return 0;
	for (i = t; i + 8 < n; i++)
		if (memcmp(b + i, "/Encrypt", 8) == 0 ||
		    memcmp(b + i, "/ID", 3) == 0 ||
		    memcmp(b + i, "/Prev", 5) == 0)
			return 0;
	if ((ob = calloc(cnt, sizeof(*ob))) == NULL)
		return -1;

	/* every object in use, in offset order, its value located */
	last = 0;
	for (k = 1; k < cnt; k++) {
		const unsigned char *e = b + t - (cnt - k) * 20;
		size_t j = 0;

		if (number(e, 20, &j, &v) == -1 || number(e, 20, &j, &gen) == -1
		    || gen != 0 || e[17] != 'n' || v <= last || v >= xoff)
			goto asis;
		ob[k].off = v;
		if (k > 1)
			ob[k - 1].end = v;
		last = v;
	}
	ob[cnt - 1].end = xoff;
	for (k = 1; k < cnt; k++) {
		if (value(b, &ob[k]) == -1)
			goto asis;
		ob[k].packed = !copied(b, &ob[k]);
	}
	if (p->root_id > 0 && p->root_id < cnt)
		ob[p->root_id].packed = -1;	/* written by tag_objects */

	/* the object stream: "num offset" pairs, then the values; room
	 * made once for libharu's objects and the tree (reallocating as
	 * they grew cost 0.08 M a report) */
	if (obuf_reserve(&body, n / 2 + tag_bytes(p)) == -1 ||
	    obuf_reserve(&hdr, 16 * cnt + tag_bytes(p) / 4) == -1)
		goto nomem;
	for (k = 1; k < cnt; k++) {
		if (ob[k].packed != 1)
			continue;
		obuf_num(&hdr, k);
		put(&hdr, " ", 1);
		obuf_num(&hdr, body.n);
		put(&hdr, " ", 1);
		put(&body, b + ob[k].b0, ob[k].b1 - ob[k].b0);
		put(&body, "\n", 1);
		ob[k].idx = npacked++;
	}
	if ((ntag = tag_objects(p, cnt, &hdr, &body)) == -1 || hdr.err ||
	    body.err)
		goto nomem;
	if (npacked == 0 || (p->root_id > 0 && ntag == 0))
		goto asis;

	/* the header line, with the version that has object streams;
	 * the packed document is smaller than libharu's */
	if (obuf_reserve(&out, n) == -1 ||
	    obuf_reserve(&hdr, body.n) == -1)
		goto nomem;
	put(&out, b, ob[1].off);
	if (out.n >= 8 && memcmp(out.b, "%PDF-1.", 7) == 0 && out.b[7] < '5')
		out.b[7] = '5';
	for (k = 1; k < cnt; k++)
		if (ob[k].packed == 0) {
			ob[k].newoff = out.n;
			put(&out, b + ob[k].off, ob[k].end - ob[k].off);
		}
	stm = cnt + (unsigned)(ntag > 0 ? ntag - 1 : 0);
	xobj = stm + 1;
	size = stm + 2;
	put(&hdr, body.b, body.n);
	if (hdr.err || deflate_mem(p, hdr.b, hdr.n, &z, &zn) == -1)
		goto nomem;
	stm_off = out.n;
	putf(&out, "%lu 0 obj\n<</Type/ObjStm/N %lu", stm,
	    npacked + (unsigned long)ntag);
	putf(&out, "/First %lu/Filter/FlateDecode/Length %lu>>\nstream\n",
	    hdr.n - body.n, zn);
	put(&out, z, zn);
	put(&out, "\nendstream\nendobj\n", 18);

	/* the cross-reference stream, W [1 4 2] */
	if ((rows = malloc((size_t)size * 7)) == NULL)
		goto nomem;
	row(rows, 0, 0, 0xFFFF);
	for (k = 1; k < cnt; k++)
		if (ob[k].packed == 1)
			row(rows + (size_t)k * 7, 2, stm, ob[k].idx);
		else if (ob[k].packed == 0)
			row(rows + (size_t)k * 7, 1, ob[k].newoff, 0);
	/* the tree: its root first, then the objects numbered from cnt */
	if (ntag > 0) {
		row(rows + (size_t)p->root_id * 7, 2, stm, npacked);
		for (k = 0; k + 1 < (unsigned)ntag; k++)
			row(rows + (size_t)(cnt + k) * 7, 2, stm,
			    npacked + 1 + k);
	}
	x_off = out.n;
	row(rows + (size_t)stm * 7, 1, stm_off, 0);
	row(rows + (size_t)xobj * 7, 1, x_off, 0);
	/* PNG "Up" prediction (7.4.4.4): a row minus the one above, each
	 * after a filter-type byte 2.  Consecutive rows differ in the last
	 * byte or two, so the xref stream deflates to a fraction. */
	if ((up = malloc((size_t)size * 8)) == NULL)
		goto nomem;
	for (k = 0; k < size; k++) {
		up[(size_t)k * 8] = 2;
		for (i = 0; i < 7; i++)
			up[(size_t)k * 8 + 1 + i] = (unsigned char)(
			    rows[(size_t)k * 7 + i] -
			    (k > 0 ? rows[(size_t)(k - 1) * 7 + i] : 0));
	}
	if (deflate_mem(p, up, (size_t)size * 8, &z, &zn) == -1)
		goto nomem;
	putf(&out, "%lu 0 obj\n<</Type/XRef/Size %lu/W[1 4 2]", xobj, size);
	put(&out, "/DecodeParms<</Predictor 12/Columns 7>>", 39);
	putf(&out, "/Root %lu 0 R/Info %lu 0 R", root, info);
	putf(&out, "/Filter/FlateDecode/Length %lu>>\nstream\n", zn, 0);
	put(&out, z, zn);
	put(&out, "\nendstream\nendobj\n", 18);
	putf(&out, "startxref\n%lu\n%%%%EOF\n", x_off, 0);
	if (out.err)
		goto nomem;
	free(*buf);
	*buf = out.b;
	*len = out.n;
	out.b = NULL;
	goto done;
nomem:
	rc = -1;
	goto done;
asis:
	rc = 0;
done:
	free(ob);
	free(rows);
	free(up);
	free(hdr.b);
	free(body.b);
	free(out.b);
	return rc;
}
