/*
 * pdf_haru.c: every place the drawing layer goes under libharu's public
 * API, into the private structures of libharu 2.3.0 (the fields of
 * encoders, dicts, streams, pages, fonts and the document's memory
 * manager) and the functions of its internal headers.
 *
 * Why at all: libharu 2.3.0 has no public way to do what reportgen needs
 * for small, fast, correct documents:
 *   - encodings of our own (RG-X1, RG-X2, RG-OUTLINE) and an /Encoding
 *     writer that lists only the codes a document used (enc_write);
 *   - fonts loaded from memory, with fixed subset tags, and their
 *     subsets made by us (face_subset in pdf_subset.c: the tables a reader
 *     needs, glyphs numbered anew, at a tenth of libharu's cost) and
 *     kept per glyph set (font_program);
 *   - each font's /Widths cut to the codes used (haru_narrow_widths);
 *   - content operators appended to the page's stream directly (libharu's
 *     HPDF_Page_* calls cost a quarter of a report's time);
 *   - streams deflated by us at our levels with libdeflate;
 *   - memory streams copied with memcpy, and the document saved into a
 *     buffer of ours (libharu copies a byte at a time)
 *     (pdf_deflate.c), libharu then writing the bytes as they are.
 * docs/performance.md and docs/fonts.md have the figures.
 *
 * Why in one file: these fields are not an interface; another libharu
 * release may move or rename any of them, and then this file, and only
 * this file, is what must be read again.  The build refuses any other
 * version (below), so a new libharu fails at compile time, not with a
 * corrupt PDF or a crash at run time.  The rest of the layer calls the
 * haru_*() functions declared in pdf_private.h.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_version.h>

#include "pdf_private.h"

#if !defined(HPDF_MAJOR_VERSION) || HPDF_MAJOR_VERSION != 2 || \
    HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "pdf_haru.c uses the private structures of libharu 2.3.0 exactly; \
check every field it touches against this libharu, then change this test"
#endif

static void	mem_fast(HPDF_Stream);
static HPDF_STATUS flate_name(HPDF_Dict, HPDF_Stream);

/* ------------------------------------------------------------ memory */

/*
 * libharu's objects (dicts, their elements, names, numbers, list arrays,
 * proxies: some 1,200 allocations and as many frees a report, nearly all
 * of them small) cost 350 instructions a pair through malloc and free.
 * Blocks of up to MEM_MAX bytes come from slabs instead, and a freed one
 * goes on a free list of its size class, from which the next request of
 * that class is served: some 25 instructions a pair.  Larger blocks (the
 * memory streams' buffers) are malloc'd.  Each block has a header giving
 * its class.
 *
 * libharu's allocator takes no user pointer, so the lists are per
 * process, like pdf.c's reserve (which serves a request this cannot).
 * No thread renders.  A block never goes back to malloc while in use,
 * and freed memory is reused only for libharu's objects (its peak per
 * size class stays); once every block is free (the last document's
 * HPDF_Free), the slabs are returned to malloc.
 */
#define MEM_STEP	16
#define MEM_NCLASS	32
#define MEM_MAX		(MEM_STEP * MEM_NCLASS)
#define MEM_SLAB	(64u * 1024)

union memhdr {
	size_t		 cls;		/* MEM_NCLASS: malloc'd alone */
	max_align_t	 align;
};

static struct {
	union memhdr	*free[MEM_NCLASS];	/* through their first word */
	unsigned char	*slabs;		/* through their first word */
	unsigned char	*cur;		/* in the newest slab */
	size_t		 left;
	size_t		 live;		/* blocks given out, not freed */
} mem;

/*
 * Every block malloc'd alone under ASan, and where the environment has
 * HARU_MALLOC_ENV (tests/t_allocfail.sh, tests/valgrind/run.sh): there
 * the sanitizer, valgrind and the allocation-failure shim must see each
 * of libharu's objects, which a slab would hide from them.
 */
#define HARU_MALLOC_ENV	"REPORTGEN_TEST_HARU_MALLOC"
#if defined(__SANITIZE_ADDRESS__)
#define POOL_NEVER	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_NEVER	1
#endif
#endif

static int
pool_off(void)
{
#ifdef POOL_NEVER
	return 1;
#else
	static int	 off = -1;

	if (off == -1)
		off = getenv(HARU_MALLOC_ENV) != NULL;
	return off;
#endif
}

void *
haru_mem_alloc(size_t n)
{
	union memhdr	*h;
	unsigned char	*slab;
	size_t		 cls, sz;

	if (n == 0 || n > MEM_MAX || pool_off()) {
		if ((h = malloc(sizeof(*h) + n)) == NULL)
			return NULL;
		h->cls = MEM_NCLASS;
		mem.live++;
		return h + 1;
	}
	cls = (n - 1) / MEM_STEP;
	if ((h = mem.free[cls]) != NULL) {
		memcpy(&mem.free[cls], h + 1, sizeof(mem.free[cls]));
		mem.live++;
		return h + 1;
	}
	sz = sizeof(*h) + (cls + 1) * MEM_STEP;
	if (mem.left < sz) {
		if ((slab = malloc(MEM_SLAB)) == NULL)
			return NULL;
		memcpy(slab, &mem.slabs, sizeof(mem.slabs));
		mem.slabs = slab;
		mem.cur = slab + sizeof(union memhdr);
		mem.left = MEM_SLAB - sizeof(union memhdr);
	}
	h = (union memhdr *)(void *)mem.cur;
	mem.cur += sz;
	mem.left -= sz;
	h->cls = cls;
	mem.live++;
	return h + 1;
}

void
haru_mem_free(void *m)
{
	union memhdr	*h;
	unsigned char	*next;
	int		 i;

	if (m == NULL)
		return;
	h = (union memhdr *)m - 1;
	if (h->cls == MEM_NCLASS)
		free(h);
	else {
		memcpy(m, &mem.free[h->cls], sizeof(mem.free[h->cls]));
		mem.free[h->cls] = h;
	}
	if (--mem.live > 0)
		return;
	while (mem.slabs != NULL) {
		memcpy(&next, mem.slabs, sizeof(next));
		free(mem.slabs);
		mem.slabs = next;
	}
	for (i = 0; i < MEM_NCLASS; i++)
		mem.free[i] = NULL;
	mem.cur = NULL;
	mem.left = 0;
}

/* ------------------------------------------------------------ encodings */

/* Our attribute record for every encoder a font uses: libharu's own
 * record first (libharu sees only that), then what enc_write needs. */
struct encattr {
	HPDF_BasicEncoderAttr_Rec	 base;
	struct pdf			*p;
	int				 ei;
};

static void
enc_free(HPDF_Encoder e)
{
	free(e->attr);
	e->attr = NULL;
}

/* Writes a font's /Encoding: WinAnsi as the base and /Differences only
 * for the codes this document used that differ from WinAnsi, with
 * libharu's glyph name where it has one, else "uniXXXX" (the rupee sign,
 * arrows, most Cyrillic letters outside CP1251).  libharu's own writer
 * lists every difference of the code page in every document. */
static HPDF_STATUS
enc_write(HPDF_Encoder e, HPDF_Stream out)
{
	struct encattr	*a = e->attr;
	struct pdf	*p = a->p;
	const char	*name;
	HPDF_STATUS	 ret;
	char		 buf[48];
	int		 i, last = -2, any = 0;

	for (i = a->base.first_char; i <= a->base.last_char; i++)
		if (p->used[a->ei][i] &&
		    a->base.unicode_map[i] != p->winansi[i])
			any = 1;
	if (!any)
		return HPDF_Stream_WriteStr(out,
		    "/Encoding /WinAnsiEncoding\012");
	ret = HPDF_Stream_WriteStr(out, "/Encoding <<\012/Type /Encoding\012"
	    "/BaseEncoding /WinAnsiEncoding\012/Differences [");
	for (i = a->base.first_char; ret == HPDF_OK &&
	    i <= a->base.last_char; i++) {
		if (!p->used[a->ei][i] ||
		    a->base.unicode_map[i] == p->winansi[i])
			continue;
		name = HPDF_UnicodeToGryphName(a->base.unicode_map[i]);
		if (i != last + 1)
			snprintf(buf, sizeof(buf), "%d ", i);
		else
			buf[0] = '\0';
		if (strcmp(name, ".notdef") == 0)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "/uni%04X ", (unsigned)a->base.unicode_map[i]);
		else
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "/%s ", name);
		ret = HPDF_Stream_WriteStr(out, buf);
		last = i;
	}
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(out, "]\012>>\012");
	return ret;
}

void
haru_enc_unicode(HPDF_Encoder e, uint16_t map[256])
{
	HPDF_BasicEncoderAttr	 a = (HPDF_BasicEncoderAttr)e->attr;
	int			 i;

	for (i = 0; i < 256; i++)
		map[i] = a->unicode_map[i];
}

/* Gives encoder e our attribute record and writer. */
int
haru_enc_adopt(struct pdf *p, HPDF_Encoder e, int ei)
{
	struct encattr	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	memcpy(&a->base, e->attr, sizeof(a->base));
	if (e->free_fn != NULL)
		e->free_fn(e);
	a->p = p;
	a->ei = ei;
	e->attr = a;
	e->write_fn = enc_write;
	e->free_fn = enc_free;
	return 0;
}

/* A single-byte encoder of our own, registered with the libharu handle
 * (it lives as long as the handle).  NULL on failure. */
HPDF_Encoder
haru_extra_enc_new(struct pdf *p, const char *name, int ei)
{
	HPDF_Encoder		 e;
	HPDF_BasicEncoderAttr	 a;

	if ((e = HPDF_BasicEncoder_New(p->doc->mmgr,
	    HPDF_ENCODING_WIN_ANSI)) == NULL)
		return NULL;
	snprintf(e->name, sizeof(e->name), "%s", name);
	if (haru_enc_adopt(p, e, ei) == -1) {
		HPDF_Encoder_Free(e);
		return NULL;
	}
	a = (HPDF_BasicEncoderAttr)e->attr;
	a->has_differences = HPDF_TRUE;
	if (HPDF_Doc_RegisterEncoder(p->doc, e) != HPDF_OK) {
		HPDF_Encoder_Free(e);
		return NULL;
	}
	return e;
}

void
haru_enc_assign(HPDF_Encoder e, int code, uint32_t cp)
{
	HPDF_BasicEncoderAttr	 a = (HPDF_BasicEncoderAttr)e->attr;

	a->unicode_map[code] = (HPDF_UNICODE)cp;
	a->differences[code] = 1;
}

HPDF_Encoder
haru_outline_enc_new(struct pdf *p)
{
	HPDF_Encoder	 e;

	if ((e = HPDF_BasicEncoder_New(p->doc->mmgr,
	    HPDF_ENCODING_WIN_ANSI)) == NULL)
		return NULL;
	snprintf(e->name, sizeof(e->name), "%s", OUTLINE_ENC);
	if (HPDF_Doc_RegisterEncoder(p->doc, e) != HPDF_OK)
		return NULL;
	return e;
}

void
haru_outline_enc_reset(HPDF_Encoder e)
{
	HPDF_BasicEncoderAttr	 a = (HPDF_BasicEncoderAttr)e->attr;
	int			 i;

	memset(a->unicode_map, 0, sizeof(a->unicode_map));
	memset(a->differences, 0, sizeof(a->differences));
	for (i = 0x20; i < 0x7F; i++)
		a->unicode_map[i] = (HPDF_UNICODE)i;
}

void
haru_outline_enc_set(HPDF_Encoder e, int code, uint32_t cp)
{
	HPDF_BasicEncoderAttr	 a = (HPDF_BasicEncoderAttr)e->attr;

	a->unicode_map[code] = (HPDF_UNICODE)cp;
}

void
haru_narrow_widths(struct pdf *p, int on)
{
	HPDF_BasicEncoderAttr	 a;
	int			 ei, f, lo, hi;

	for (ei = 0; ei < p->nenc; ei++) {
		a = (HPDF_BasicEncoderAttr)p->hpdf_enc[ei]->attr;
		lo = 0x20;
		hi = 0xFF;
		if (on) {
			for (lo = 0x20; lo < 0xFF && !p->used[ei][lo]; lo++)
				;
			for (hi = 0xFF; hi > lo && !p->used[ei][hi]; hi--)
				;
		}
		a->first_char = (HPDF_BYTE)lo;
		a->last_char = (HPDF_BYTE)hi;
		if (!on)
			continue;
		for (f = 0; f < NFACE; f++) {
			if (p->font[f][ei] == NULL)
				continue;
			HPDF_Dict_AddNumber(p->font[f][ei], "FirstChar", lo);
			HPDF_Dict_AddNumber(p->font[f][ei], "LastChar", hi);
		}
	}
}

/* ------------------------------------------------------------ fonts */

/* Hands a font file to libharu from memory, as HPDF_LoadTTFontFromFile
 * would from the file, but libharu then reads the glyphs for each
 * document from memory instead of a seek and read(2) per glyph.  The
 * subset tags are fixed per face (HPDFAA+, HPDFAB+, HPDFAC+).  Returns
 * libharu's name for the font, or NULL. */
const char *
haru_face_load(struct pdf *p, int f, const unsigned char *buf, size_t len)
{
	HPDF_Stream	 s;
	HPDF_FontDef	 def;
	char		 tag[7];

	if ((s = HPDF_MemStream_New(p->doc->mmgr, 65536)) == NULL)
		return NULL;
	mem_fast(s);
	if (HPDF_Stream_Write(s, buf, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		return NULL;
	}
	/* the fontdef owns the stream from here, also on failure */
	if ((def = HPDF_TTFontDef_Load(p->doc->mmgr, s, HPDF_TRUE)) == NULL)
		return NULL;
	snprintf(tag, sizeof(tag), "HPDFA%c", 'A' + f);
	HPDF_TTFontDef_SetTagName(def, tag);
	if (HPDF_Doc_RegisterFontDef(p->doc, def) != HPDF_OK)
		return NULL;	/* libharu freed def */
	p->face[f].def = def;
	return def->base_font;
}

/*
 * The font file (FontFile2) of the face whose fontdef is def, made by us
 * from libharu's glyph flags (font_program: face_subset, deflated, kept
 * for the next document with the same glyphs), as a stream made and
 * keyed as libharu's CreateDescriptor makes it (Length, then Length1,
 * Length2, Length3; the same object numbers, since nothing else is made
 * between the descriptor and this).
 * libharu does not make its own because haru_save turns the fontdef's
 * embedding off for the save (CreateDescriptor skips the font file then,
 * and nothing else).
 */
static HPDF_STATUS
font_file(struct pdf *p, HPDF_Font font, HPDF_FontAttr fa)
{
	HPDF_TTFontDefAttr	 ta = fa->fontdef->attr;
	HPDF_Dict		 data;
	const unsigned char	*z;
	size_t			 zn, length1;
	HPDF_STATUS		 ret = HPDF_OK;
	int			 f;

	for (f = 0; f < NFACE && p->face[f].def != fa->fontdef; f++)
		;
	if (f == NFACE)
		return HPDF_INVALID_FONTDEF_DATA;
	if (font_program(p, f, ta->glyph_tbl.flgs, ta->num_glyphs,
	    ta->tag_name, &z, &zn, &length1) == -1)
		return HPDF_FAILD_TO_ALLOC_MEM;
	ta->length1 = (HPDF_UINT)length1;
	if ((data = HPDF_DictStream_New(font->mmgr, fa->xref)) == NULL)
		return HPDF_Error_GetCode(font->error);
	mem_fast(data->stream);
	ret += HPDF_Stream_Write(data->stream, z, (HPDF_UINT)zn);
	ret += HPDF_Dict_Add(fa->fontdef->descriptor, "FontFile2", data);
	ret += HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)length1);
	ret += HPDF_Dict_AddNumber(data, "Length2", 0);
	ret += HPDF_Dict_AddNumber(data, "Length3", 0);
	data->filter = HPDF_STREAM_FILTER_NONE;
	data->write_fn = flate_name;
	return ret != HPDF_OK ? HPDF_Error_GetCode(font->error) : HPDF_OK;
}

/* A font dict's after-write hook.  libharu made the face's descriptor in
 * the font's before-write hook, and writes it after the font: here it is
 * complete and not yet written.  Several fonts share a face's
 * descriptor: the first gives it its font file. */
static HPDF_STATUS
font_written(HPDF_Dict font)
{
	struct pdf	*p = font->error->user_data;
	HPDF_FontAttr	 fa = font->attr;

	HPDF_STATUS	 ret;

	if (fa == NULL || fa->fontdef == NULL ||
	    fa->fontdef->descriptor == NULL ||
	    HPDF_Dict_GetItem(fa->fontdef->descriptor, "FontFile2",
	    HPDF_OCLASS_DICT) != NULL)
		return HPDF_OK;
	/* A failure is recorded in the document's error, not only
	 * returned: HPDF_SaveToStream reports what the error records and
	 * would otherwise end the save early with HPDF_OK (a truncated
	 * document, tests/t_allocfail.sh). */
	if ((ret = font_file(p, font, fa)) != HPDF_OK)
		HPDF_SetError(font->error, ret, 0);
	return ret;
}

HPDF_Font
haru_font_get(struct pdf *p, int fc, int ei)
{
	if (p->font[fc][ei] == NULL) {
		p->font[fc][ei] = HPDF_GetFont(p->doc, p->face[fc].hname,
		    p->enc[ei].name);
		if (p->font[fc][ei] != NULL &&
		    p->font[fc][ei]->after_write_fn == NULL)
			p->font[fc][ei]->after_write_fn = font_written;
	}
	return p->font[fc][ei];
}

const char *
haru_local_font_name(HPDF_Page page, HPDF_Font font)
{
	return HPDF_Page_GetLocalFontName(page, font);
}

/* ------------------------------------------------------------ streams */

/*
 * libharu's memory streams copy a byte at a time (HPDF_MemCpy, 2.8 M
 * instructions a report).  mem_write and mem_read do what 2.3.0's
 * HPDF_MemStream_WriteFunc and HPDF_MemStream_ReadFunc do, with memcpy;
 * mem_fast gives a memory stream the two.  Every memory stream that holds
 * a report's bytes gets them: each page's content (haru_page_write), the
 * streams we deflate (haru_stream_replace, haru_stream_new), the font
 * files the subsetter reads (haru_face_load).  The document itself is not
 * kept in a memory stream at all (haru_save).
 */
static HPDF_STATUS
mem_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	HPDF_MemStreamAttr	 a = s->attr;
	HPDF_UINT		 n;

	if (HPDF_Error_GetCode(s->error) != 0)
		return HPDF_THIS_FUNC_WAS_SKIPPED;
	while (siz > 0) {
		if (a->w_pos == a->buf_siz) {
			if ((a->w_ptr = HPDF_GetMem(s->mmgr, a->buf_siz)) ==
			    NULL)
				return HPDF_Error_GetCode(s->error);
			if (HPDF_List_Add(a->buf, a->w_ptr) != HPDF_OK) {
				HPDF_FreeMem(s->mmgr, a->w_ptr);
				a->w_ptr = NULL;
				return HPDF_Error_GetCode(s->error);
			}
			a->w_pos = 0;
		}
		n = a->buf_siz - a->w_pos;
		if (n > siz)
			n = siz;
		memcpy(a->w_ptr, ptr, n);
		a->w_ptr += n;
		a->w_pos += n;
		ptr += n;
		siz -= n;
	}
	return HPDF_OK;
}

static HPDF_STATUS
mem_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
	HPDF_MemStreamAttr	 a = s->attr;
	HPDF_UINT		 rlen = *size, n, bsize;

	*size = 0;
	while (rlen > 0) {
		if (a->buf->count == 0)
			return HPDF_STREAM_EOF;
		if (a->buf->count - 1 > a->r_ptr_idx)
			n = a->buf_siz - a->r_pos;
		else if (a->buf->count - 1 == a->r_ptr_idx)
			n = a->w_pos - a->r_pos;
		else
			return HPDF_STREAM_EOF;
		if (a->r_ptr == NULL)
			a->r_ptr = HPDF_List_ItemAt(a->buf, a->r_ptr_idx);
		if (n >= rlen) {
			memcpy(buf, a->r_ptr, rlen);
			a->r_pos += rlen;
			a->r_ptr += rlen;
			*size += rlen;
			return HPDF_OK;
		}
		memcpy(buf, a->r_ptr, n);
		buf += n;
		rlen -= n;
		*size += n;
		if (a->r_ptr_idx == a->buf->count - 1) {
			a->r_ptr += n;
			a->r_pos += n;
			return HPDF_STREAM_EOF;
		}
		a->r_ptr_idx++;
		a->r_pos = 0;
		a->r_ptr = HPDF_MemStream_GetBufPtr(s, a->r_ptr_idx, &bsize);
	}
	return HPDF_OK;
}

static void
mem_fast(HPDF_Stream s)
{
	if (s != NULL && s->type == HPDF_STREAM_MEMORY) {
		s->write_fn = mem_write;
		s->read_fn = mem_read;
	}
}

/* The document's stream while libharu saves it: appends to p->save. */
static HPDF_STATUS
doc_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	struct pdf	*p = s->error->user_data;

	if (HPDF_Error_GetCode(s->error) != 0)
		return HPDF_THIS_FUNC_WAS_SKIPPED;
	obuf_put(&p->save, ptr, siz);
	if (p->save.err)	/* recorded: see font_written */
		return HPDF_SetError(s->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
	return HPDF_OK;
}

/* libharu serialises the document (HPDF_SaveToStream) into p->save
 * instead of its memory stream, which would then be read back out (two
 * more copies of the whole document, byte by byte).  The stream libharu
 * keeps for the document is made here, with doc_write as its writer;
 * libharu counts the bytes (its xref offsets) as with its own.  On
 * success *buf is the document (malloc'd, the caller's), *len its size. */
HPDF_STATUS
haru_save(struct pdf *p, unsigned char **buf, size_t *len)
{
	HPDF_Doc	 doc = p->doc;
	HPDF_STATUS	 ret;
	int		 f;

	if (doc->stream == NULL &&
	    (doc->stream = HPDF_MemStream_New(doc->mmgr, 64)) == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	doc->stream->write_fn = doc_write;
	p->save.n = 0;
	p->save.err = 0;
	if (p->save.b == NULL) {	/* a first block, grown as needed */
		if ((p->save.b = malloc(SAVE_RESERVE)) == NULL)
			return HPDF_FAILD_TO_ALLOC_MEM;
		p->save.cap = SAVE_RESERVE;
	}
	/* the font files are ours (font_file): libharu makes none */
	for (f = 0; f < NFACE; f++)
		if (p->face[f].def != NULL)
			((HPDF_TTFontDefAttr)p->face[f].def->attr)->embedding =
			    HPDF_FALSE;
	ret = HPDF_SaveToStream(doc);
	for (f = 0; f < NFACE; f++)
		if (p->face[f].def != NULL)
			((HPDF_TTFontDefAttr)p->face[f].def->attr)->embedding =
			    HPDF_TRUE;
	if (ret != HPDF_OK)
		return ret;
	if (p->save.err || p->save.n != doc->stream->size)
		return HPDF_FAILD_TO_ALLOC_MEM;
	*buf = p->save.b;
	*len = p->save.n;
	memset(&p->save, 0, sizeof(p->save));
	return HPDF_OK;
}

HPDF_STATUS
haru_page_write(HPDF_Page page, const void *b, size_t n)
{
	HPDF_PageAttr	 a = (HPDF_PageAttr)page->attr;

	if (a->stream->write_fn != mem_write)
		mem_fast(a->stream);
	return HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)b,
	    (HPDF_UINT)n);
}

HPDF_Dict
haru_page_contents(HPDF_Page page)
{
	return ((HPDF_PageAttr)page->attr)->contents;
}

/* Dict write hook of a stream whose data we deflated. */
static HPDF_STATUS
flate_name(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* A stream in memory that libharu would deflate itself, not yet taken
 * over. */
int
haru_stream_ours(HPDF_Dict d)
{
	return !(d == NULL || d->stream == NULL || d->write_fn != NULL ||
	    d->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    d->stream->type != HPDF_STREAM_MEMORY);
}

size_t
haru_stream_size(HPDF_Dict d)
{
	return d->stream->size;
}

unsigned
haru_stream_nchunks(HPDF_Dict d)
{
	return HPDF_MemStream_GetBufCount(d->stream);
}

const unsigned char *
haru_stream_chunk(HPDF_Dict d, unsigned i, size_t *len)
{
	HPDF_BYTE	*chunk;
	HPDF_UINT	 clen;

	if ((chunk = HPDF_MemStream_GetBufPtr(d->stream, i, &clen)) == NULL)
		return NULL;
	*len = clen;
	return chunk;
}

/* The stream's data replaced by buf, written without a filter of
 * libharu's; flate_name writes the /Filter. */
int
haru_stream_replace(HPDF_Dict d, const unsigned char *buf, size_t len)
{
	HPDF_MemStream_FreeData(d->stream);
	mem_fast(d->stream);
	if (HPDF_Stream_Write(d->stream, buf, (HPDF_UINT)len) != HPDF_OK)
		return -1;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = flate_name;
	return 0;
}

/* ------------------------------------------------------------ objects */

HPDF_MMgr
haru_mmgr(struct pdf *p)
{
	return p->doc->mmgr;
}

HPDF_Xref
haru_xref(struct pdf *p)
{
	return p->doc->xref;
}

HPDF_Dict
haru_catalog(struct pdf *p)
{
	return p->doc->catalog;
}

HPDF_Dict
haru_stream_new(struct pdf *p, const void *data, size_t n, int deflate)
{
	HPDF_Dict	 d;

	if ((d = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref)) == NULL)
		return NULL;
	mem_fast(d->stream);
	if (HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data,
	    (HPDF_UINT)n) != HPDF_OK)
		return NULL;
	if (deflate)
		d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return d;
}

unsigned long
haru_obj_id(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFUL;
}
