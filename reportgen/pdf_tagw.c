/*
 * pdf_tagw.c: the tagged PDF written out (issue 16): the structure tree
 * pdf_tag.c built, as objects of the object stream (tag_objects); the
 * XMP packet; the ToUnicode maps of the fonts (tag_doc_end), kept per
 * process while they are the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_private.h"

/* ------------------------------------------------------------ writing */

/* A text string: as is (escaped) when ASCII, else UTF-16BE with a byte
 * order mark in hex (PDF 1.7, 7.9.2.2; text_utf16).  o's err is set
 * when memory fails. */
static void
put_text(struct obuf *o, const char *utf8)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)utf8;
	unsigned char	*w, b[2];
	size_t		 n = strlen(utf8), i, nw;

	for (i = 0; i < n && u[i] < 0x80; i++)
		;
	if (i == n) {
		obuf_put(o, "(", 1);
		for (i = 0; i < n; i++) {
			if (u[i] == '(' || u[i] == ')' || u[i] == '\\')
				obuf_put(o, "\\", 1);
			if (u[i] < 0x20)
				obuf_put(o, " ", 1);
			else
				obuf_put(o, u + i, 1);
		}
		obuf_put(o, ")", 1);
		return;
	}
	if ((w = malloc(4 * n + 2)) == NULL) {
		o->err = 1;
		return;
	}
	nw = text_utf16(utf8, n, w);
	obuf_put(o, "<", 1);
	for (i = 0; i < nw; i++) {
		b[0] = (unsigned char)hex[w[i] >> 4];
		b[1] = (unsigned char)hex[w[i] & 15];
		obuf_put(o, b, 2);
	}
	obuf_put(o, ">", 1);
	free(w);
}

/*
 * tag_objects writes some 30 KB a report, a number every few bytes: it
 * makes room once per object (obuf_reserve) and writes through a pointer
 * (w_*), rather than a bounds-checked call per piece.
 */

/* n in decimal at d; after it.  Two digits a division. */
static unsigned char *
w_num(unsigned char *d, unsigned long n)
{
	static const char dig2[] =
	    "00010203040506070809101112131415161718192021222324"
	    "25262728293031323334353637383940414243444546474849"
	    "50515253545556575859606162636465666768697071727374"
	    "75767778798081828384858687888990919293949596979899";
	unsigned char	 t[20];
	int		 i = sizeof(t);
	size_t		 r;

	while (n >= 100) {
		r = (size_t)(n % 100) * 2;
		n /= 100;
		t[--i] = (unsigned char)dig2[r + 1];
		t[--i] = (unsigned char)dig2[r];
	}
	if (n >= 10) {
		t[--i] = (unsigned char)dig2[n * 2 + 1];
		t[--i] = (unsigned char)dig2[n * 2];
	} else
		t[--i] = (unsigned char)('0' + n);
	memcpy(d, t + i, sizeof(t) - (size_t)i);
	return d + sizeof(t) - (size_t)i;
}

/* "id 0 R" at d. */
static unsigned char *
w_ref(unsigned char *d, unsigned long id)
{
	d = w_num(d, id);
	memcpy(d, " 0 R", 4);
	return d + 4;
}

/* s (a literal) at d. */
#define W_LIT(d, s)	(memcpy((d), (s), sizeof(s) - 1), (d) + sizeof(s) - 1)

/* The longest a w_ref, a w_num and a kid written by w_kid can be. */
#define REF_MAX		24
#define KID_MAX		(40 + 2 * REF_MAX)

/* One kid of element s: an MCID of its page as an integer, else an MCR
 * or OBJR dict, or an element's reference. */
static unsigned char *
w_kid(unsigned char *d, const struct pdf *p, const struct sel *s,
    const struct skid *k, unsigned long el0)
{
	if (k->kind == KID_EL)
		return w_ref(d, el0 + (unsigned long)k->v);
	if (k->kind == KID_MCID && k->pg == s->pg)
		return w_num(d, (unsigned long)k->v);
	d = k->kind == KID_MCID ? W_LIT(d, "<</Type/MCR/Pg ") :
	    W_LIT(d, "<</Type/OBJR/Pg ");
	d = w_ref(d, haru_obj_id(p->pages[k->pg]));
	if (k->kind == KID_MCID) {
		d = W_LIT(d, "/MCID ");
		d = w_num(d, (unsigned long)k->v);
	} else {
		d = W_LIT(d, "/Obj ");
		d = w_ref(d, (unsigned long)k->v);
	}
	return W_LIT(d, ">>");
}

/* The object stream's header pair of object id, starting at body's end. */
static void
hdr_pair(struct obuf *hdr, unsigned long id, size_t off)
{
	unsigned char	*d;

	if (obuf_reserve(hdr, 2 * REF_MAX) == -1)
		return;
	d = w_num(hdr->b + hdr->n, id);
	*d++ = ' ';
	d = w_num(d, (unsigned long)off);
	*d++ = ' ';
	hdr->n = (size_t)(d - hdr->b);
}

size_t
tag_bytes(const struct pdf *p)
{
	if (!p->tagging)
		return 0;
	return 48 * p->nel + 16 * p->nkid + 8 * p->nmc + 48 * p->nkeys +
	    256;
}

long
tag_objects(struct pdf *p, unsigned long first, struct obuf *hdr,
    struct obuf *body)
{
	unsigned long	 root = p->root_id, el0 = first;
	unsigned long	 pt0 = first + p->nel;
	size_t		*start = NULL, *at = NULL, *pgstart = NULL;
	int		*order = NULL, *pgorder = NULL;
	size_t		 i, j, e, nk, np = (size_t)p->npages;
	long		 nobj = -1;
	const struct sel *s;
	unsigned char	*d;

	if (!p->tagging || p->nel == 0 || p->root_id == 0)
		return 0;
	/* the kids grouped by element, in order (a counting sort) */
	if ((start = calloc(p->nel + 1, sizeof(*start))) == NULL ||
	    (at = calloc(p->nel + 1, sizeof(*at))) == NULL ||
	    (order = calloc(p->nkid + 1, sizeof(*order))) == NULL ||
	    (pgstart = calloc(np + 1, sizeof(*pgstart))) == NULL ||
	    (pgorder = calloc(p->nmc + 1, sizeof(*pgorder))) == NULL)
		goto out;
	for (i = 0; i < p->nkid; i++)
		start[p->kid[i].el + 1]++;
	for (e = 0; e < p->nel; e++)
		start[e + 1] += start[e];
	memcpy(at, start, (p->nel + 1) * sizeof(*at));
	for (i = 0; i < p->nkid; i++)
		order[at[p->kid[i].el]++] = (int)i;
	/* the MCIDs grouped by page, in order */
	for (i = 0; i < p->nmc; i++)
		pgstart[p->mc[i].pg + 1]++;
	for (i = 0; i < np; i++)
		pgstart[i + 1] += pgstart[i];
	memcpy(at, pgstart, (np + 1) * sizeof(*at));
	for (i = 0; i < p->nmc; i++)
		pgorder[at[p->mc[i].pg]++] = (int)i;
	/* about what the tree takes: one allocation, not a dozen */
	if (obuf_reserve(body, tag_bytes(p)) == -1 ||
	    obuf_reserve(hdr, 16 * (p->nel + np + 1)) == -1)
		goto out;

	/* the root, with the ParentTree's keys in order */
	hdr_pair(hdr, root, body->n);
	if (obuf_reserve(body, 96 + 2 * REF_MAX * p->nkeys) == -1)
		goto out;
	d = body->b + body->n;
	d = W_LIT(d, "<</Type/StructTreeRoot/K ");
	d = w_ref(d, el0);
	d = W_LIT(d, "/ParentTree<</Nums[");
	for (i = 0; i < p->nkeys; i++) {
		if (i > 0)
			*d++ = ' ';
		d = w_num(d, (unsigned long)p->key[i].key);
		*d++ = ' ';
		d = w_ref(d, p->key[i].page >= 0 ?
		    pt0 + (unsigned long)p->key[i].page :
		    el0 + (unsigned long)p->key[i].el);
	}
	d = W_LIT(d, "]>>/ParentTreeNextKey ");
	d = w_num(d, (unsigned long)p->nkey);
	d = W_LIT(d, ">>\n");
	body->n = (size_t)(d - body->b);

	/* the elements; /K always an array: "/K 0" for a single MCID
	 * deflates to more bytes than "/K[0]" (+75 B a report) */
	for (e = 0; e < p->nel; e++) {
		s = &p->el[e];
		nk = start[e + 1] - start[e];
		hdr_pair(hdr, el0 + e, body->n);
		if (obuf_reserve(body, 80 + 2 * REF_MAX) == -1)
			goto out;
		d = body->b + body->n;
		d = W_LIT(d, "<</S/");
		i = strlen(tag_names[s->t]);
		memcpy(d, tag_names[s->t], i);
		d += i;
		d = W_LIT(d, "/P ");
		d = w_ref(d, s->parent < 0 ? root : el0 +
		    (unsigned long)s->parent);
		if (s->pg >= 0) {
			d = W_LIT(d, "/Pg ");
			d = w_ref(d, haru_obj_id(p->pages[s->pg]));
		}
		if (s->t == TAG_TH)
			d = W_LIT(d, "/A<</O/Table/Scope/Column>>");
		else if (s->t == TAG_TH_ROW)
			d = W_LIT(d, "/A<</O/Table/Scope/Row>>");
		body->n = (size_t)(d - body->b);
		if (s->alt >= 0) {
			obuf_str(body, "/Alt");
			put_text(body, p->alts + s->alt);
		}
		if (s->lang >= 0) {
			obuf_str(body, "/Lang");
			put_text(body, p->alts + s->lang);
		}
		if (obuf_reserve(body, 8 + KID_MAX * (nk + 1)) == -1)
			goto out;
		d = body->b + body->n;
		d = W_LIT(d, "/K[");
		for (j = start[e]; j < start[e + 1]; j++) {
			if (j > start[e])
				*d++ = ' ';
			d = w_kid(d, p, s, &p->kid[order[j]], el0);
		}
		*d++ = ']';
		d = W_LIT(d, ">>\n");
		body->n = (size_t)(d - body->b);
	}

	/* each page's ParentTree array: MCID -> element */
	for (i = 0; i < np; i++) {
		hdr_pair(hdr, pt0 + i, body->n);
		if (obuf_reserve(body, 4 + (REF_MAX + 1) *
		    (pgstart[i + 1] - pgstart[i])) == -1)
			goto out;
		d = body->b + body->n;
		*d++ = '[';
		for (j = pgstart[i]; j < pgstart[i + 1]; j++) {
			if (j > pgstart[i])
				*d++ = ' ';
			d = w_ref(d, el0 + (unsigned long)
			    p->mc[pgorder[j]].el);
		}
		d = W_LIT(d, "]\n");
		body->n = (size_t)(d - body->b);
	}
	nobj = hdr->err || body->err ? -1 : (long)(1 + p->nel + np);
out:
	free(start);
	free(at);
	free(order);
	free(pgstart);
	free(pgorder);
	return nobj;
}

/* ------------------------------------------------------------ XMP */

/* s appended to b (at *o, capacity sz) with XML's five characters
 * escaped. */
static void
xml_put(char *b, size_t sz, size_t *o, const char *s)
{
	const char	*r;
	size_t		 l;

	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': r = "&amp;"; break;
		case '<': r = "&lt;"; break;
		case '>': r = "&gt;"; break;
		case '"': r = "&quot;"; break;
		case '\'': r = "&apos;"; break;
		default: r = NULL; break;
		}
		l = r != NULL ? strlen(r) : 1;
		if (*o + l >= sz)
			return;
		if (r != NULL)
			memcpy(b + *o, r, l);
		else
			b[*o] = *s;
		*o += l;
	}
	b[*o] = '\0';
}

size_t
tag_xmp(char *b, size_t sz, const struct pdf_info *info, const char *author)
{
	struct tm	 tm;
	char		 date[32] = "";
	size_t		 o = 0;
	time_t		 t = info->date;

	if (gmtime_r(&t, &tm) != NULL)
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
#define RAW(s)	do { size_t l_ = strlen(s); if (o + l_ < sz) { \
	memcpy(b + o, s, l_ + 1); o += l_; } } while (0)
	RAW("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "<dc:format>application/pdf</dc:format>\n"
	    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_put(b, sz, &o, info->title);
	RAW("</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
	xml_put(b, sz, &o, author);
	RAW("</rdf:li></rdf:Seq></dc:creator>\n");
	if (info->subject != NULL) {
		RAW("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_put(b, sz, &o, info->subject);
		RAW("</rdf:li></rdf:Alt></dc:description>\n");
	}
	RAW("<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag>"
	    "</dc:language>\n<xmp:CreateDate>");
	RAW(date);
	RAW("</xmp:CreateDate>\n<xmp:ModifyDate>");
	RAW(date);
	RAW("</xmp:ModifyDate>\n<xmp:MetadataDate>");
	RAW(date);
	RAW("</xmp:MetadataDate>\n<xmp:CreatorTool>");
	xml_put(b, sz, &o, info->creator);
	RAW("</xmp:CreatorTool>\n<pdf:Producer>Haru Free PDF Library "
	    HPDF_VERSION_TEXT "</pdf:Producer>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"r\"?>");
#undef RAW
	return o;
}

/* ------------------------------------------------------------ ToUnicode */

/* "<%02X>" or "<%04X>" (digits 2 or 4) of v at b; after it. */
static char *
hex_code(char *b, unsigned v, int digits)
{
	static const char hex[] = "0123456789ABCDEF";

	*b++ = '<';
	while (digits-- > 0)
		*b++ = hex[(v >> (4 * digits)) & 15];
	*b++ = '>';
	return b;
}

/* The runs of the codes in set (a code's entry not 0) that map[] gives
 * a character: consecutive codes to consecutive characters within one
 * low byte of the character (bfrange's rule), at lo[], len[].  Their
 * number. */
static int
cmap_runs(const uint16_t map[256], const uint8_t set[256], int lo[256],
    int len[256])
{
	int	 c, k, nr = 0;

	for (c = 0; c < 256; c += k) {
		k = 1;
		if (map[c] == 0 || !set[c])
			continue;
		while (c + k < 256 && set[c + k] && map[c + k] == map[c] + k &&
		    (map[c] & 0xFF) + k <= 0xFF)
			k++;
		lo[nr] = c;
		len[nr++] = k;
	}
	return nr;
}

/*
 * The ToUnicode CMap of encoding ei, deflated, in *m: its codes
 * to their characters, a run of consecutive codes for consecutive
 * characters as one bfrange line.  Which codes: each run of the whole
 * encoding that holds a code this document used, whole: a line for a
 * run, however long (ASCII is one line), so never more lines than the
 * used codes alone would take, and the same map for most documents (it
 * depends on the runs used, not on the letters).  The last TU_KEEP maps
 * of each encoding are kept with the set of codes each covers (p->tu),
 * and one is made only for a set not among them.
 * That is the one per-process cache of this file (struct pdf is made
 * once per process).  0 or -1.
 */
static int
to_unicode(struct pdf *p, int ei, const struct tumap **m)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\n"
	    "endcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n";
	uint16_t		 map[256];
	uint8_t			 all[256], set[256];
	int			 j;
	char			 buf[256 * 24 + 1024], *b;
	int			 c, k, n, i, nr, nc = 0, lo[256], len[256];
	const unsigned char	*z;
	size_t			 zn;
	struct tumap		*t;

	haru_enc_unicode(p->hpdf_enc[ei], map);
	for (c = 0; c < 256; c++)
		all[c] = map[c] != 0;
	memset(set, 0, sizeof(set));
	nr = cmap_runs(map, all, lo, len);
	for (i = 0; i < nr; i++)
		for (j = 0; j < len[i]; j++)
			if (p->used[ei][lo[i] + j]) {
				memset(set + lo[i], 1, (size_t)len[i]);
				break;
			}
	for (i = 0; i < TU_KEEP; i++) {
		*m = &p->tu[ei][i];
		if ((*m)->z != NULL && memcmp((*m)->key, set, sizeof(set)) == 0)
			return 0;
	}
	nr = cmap_runs(map, set, lo, len);
	memcpy(buf, head, sizeof(head) - 1);
	b = buf + sizeof(head) - 1;
	/* the ranges, then the single codes, at most 100 a block */
	for (i = 0; i < nr; i++)
		if (len[i] > 1)
			nc++;
	for (k = 0, i = 0; i < nr; i++) {
		if (len[i] == 1)
			continue;
		if (k % 100 == 0)
			b += sprintf(b, "%d beginbfrange\n", nc - k < 100 ?
			    nc - k : 100);
		b = hex_code(b, (unsigned)lo[i], 2);
		b = hex_code(b, (unsigned)(lo[i] + len[i] - 1), 2);
		b = hex_code(b, map[lo[i]], 4);
		*b++ = '\n';
		if (++k % 100 == 0 || k == nc)
			b += sprintf(b, "endbfrange\n");
	}
	n = nr - nc;
	for (k = 0, i = 0; i < nr; i++) {
		if (len[i] != 1)
			continue;
		if (k % 100 == 0)
			b += sprintf(b, "%d beginbfchar\n", n - k < 100 ?
			    n - k : 100);
		b = hex_code(b, (unsigned)lo[i], 2);
		*b++ = ' ';
		b = hex_code(b, map[lo[i]], 4);
		*b++ = '\n';
		if (++k % 100 == 0 || k == n)
			b += sprintf(b, "endbfchar\n");
	}
	memcpy(b, tail, sizeof(tail) - 1);
	b += sizeof(tail) - 1;
	t = &p->tu[ei][p->tunext[ei]];
	p->tunext[ei] = (p->tunext[ei] + 1) % TU_KEEP;
	free(t->z);
	t->z = NULL;
	if (deflate_font_mem(p, buf, (size_t)(b - buf), &z, &zn) == -1 ||
	    (t->z = malloc(zn)) == NULL)
		return -1;
	memcpy(t->z, z, zn);
	t->n = zn;
	memcpy(t->key, set, sizeof(set));
	*m = t;
	return 0;
}

void
tag_doc_end(struct pdf *p)
{
	const struct tumap *m;
	HPDF_Dict	 tu;
	int		 ei, f;

	for (ei = 0; ei < p->nenc; ei++) {
		if (p->font[0][ei] == NULL && p->font[1][ei] == NULL)
			continue;
		/* a stream of its deflated bytes, written as they are */
		if (to_unicode(p, ei, &m) == -1 ||
		    (tu = haru_stream_new(p, "", 0, /*deflate*/ 1)) == NULL ||
		    haru_stream_replace(tu, m->z, m->n) == -1) {
			pdf_lib_failed(p);
			return;
		}
		for (f = 0; f < NFACE; f++)
			if (p->font[f][ei] != NULL)
				HPDF_Dict_Add(p->font[f][ei], "ToUnicode", tu);
	}
}
