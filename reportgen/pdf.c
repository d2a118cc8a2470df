/*
 * pdf.c: the document and its pages, over libharu; see pdf.h for the
 * calls and pdf_private.h for the other rooms of the drawing layer.
 *
 * Here: a struct pdf is made (libharu handle, its memory, the fonts via
 * pdf_font.c, the deflater), a document begun (paper, information
 * dictionary, per-document state reset) and serialised; pages are added
 * and switched; the flow cursor and the one place that breaks pages
 * (pdf_need); bookmarks, whose titles use an encoding of their own.
 *
 * Coordinates: callers use the top-left origin with y down; every call
 * into libharu flips y (HPDF y = page height - y).
 *
 * Errors: the libharu error handler records the first error in the
 * struct pdf (no longjmp); afterwards every call returns at once and
 * pdf_end fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "pdf_private.h"
#include "pdf_shape.h"

#define A4_W		595.28f
#define A4_H		841.89f
#define LETTER_W	612.0f
#define LETTER_H	792.0f

/* ------------------------------------------------------------ errors */

/* libharu's emergency reserve (see hpdf_alloc below): per process. */
static unsigned char	*reserve;
static size_t		 reserve_used;
static int		 reserve_hit;

void
pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct pdf	*p = arg;

	if (p->failed)
		return;
	p->failed = 1;
	snprintf(p->errbuf, sizeof(p->errbuf), "error 0x%04X (detail %u)",
	    (unsigned)code, (unsigned)detail);
}

/* A libharu call made from here failed without going through the error
 * handler (its internal functions only record the error in the
 * document): record it, so that the document fails instead of coming out
 * short. */
void
pdf_lib_failed(struct pdf *p)
{
	HPDF_STATUS	 e = p->doc != NULL ? HPDF_GetError(p->doc) : 0;

	pdf_on_error(e != HPDF_OK ? e : HPDF_FAILD_TO_ALLOC_MEM,
	    p->doc != NULL ? HPDF_GetErrorDetail(p->doc) : 0, p);
}

const char *
pdf_error(const struct pdf *p)
{
	if (p != NULL && !p->failed && reserve_hit)
		return "out of memory (libharu)";
	return p != NULL && p->failed ? p->errbuf : NULL;
}

/*
 * libharu 2.3.0 does not check every allocation it makes: when malloc
 * returns NULL inside HPDF_AddPage or while it saves a font descriptor, it
 * crashes (tests/t_allocfail.sh).  So its memory comes through these two
 * functions: when malloc fails, the request is served from a reserve set
 * aside when the first renderer is made, and the failure is noted; the
 * next LIVE() check turns the note into the document's error, so the
 * document fails with "out of memory" instead of the process crashing.
 * libharu's allocator takes no user pointer, so the reserve and the note
 * are per process: the one deliberate global of the drawing layer.  The
 * reserve is never reused (a block from it may belong to a font kept
 * across documents); once spent, allocation failures reach libharu again.
 */
#define RESERVE_SIZE	(2u * 1024 * 1024)

static void *
hpdf_alloc(HPDF_UINT size)
{
	void	*m;
	size_t	 n;

	if ((m = haru_mem_alloc(size)) != NULL || size == 0)
		return m;
	reserve_hit = 1;
	n = ((size_t)size + 15) & ~(size_t)15;
	if (reserve == NULL || RESERVE_SIZE - reserve_used < n)
		return NULL;
	m = reserve + reserve_used;
	reserve_used += n;
	return m;
}

static void
hpdf_free(void *m)
{
	if (reserve != NULL && (unsigned char *)m >= reserve &&
	    (unsigned char *)m < reserve + RESERVE_SIZE)
		return;
	haru_mem_free(m);
}

int
pdf_live(struct pdf *p)
{
	if (p == NULL || p->doc == NULL)
		return 0;
	if (reserve_hit) {
		reserve_hit = 0;
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
	}
	return !p->failed;
}

/* ------------------------------------------------------------ make, free */

struct pdf *
pdf_new(const char *fontdir, struct diag *d)
{
	struct pdf	*p;

#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD)
	/* Per process, on purpose: every document allocates and frees a
	 * few hundred KB (libharu's streams, the compressors' state).  With glibc's
	 * defaults the heap is trimmed after each document and faulted in
	 * again for the next, which doubled the time per document (5 ms vs
	 * 2.5 ms measured, docs/fonts.md).  Keep up to 32 MB. */
	mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		return NULL;
	}
	p->cur = -1;
	if (reserve == NULL && (reserve = malloc(RESERVE_SIZE)) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		free(p);
		return NULL;
	}
	if ((p->doc = HPDF_NewEx(pdf_on_error, hpdf_alloc, hpdf_free, 0,
	    p)) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "libharu: cannot create a document");
		free(p);
		return NULL;
	}
	if ((p->zd = deflater_new()) == NULL) {
		diag(d, SEV_FATAL, NULL, 0, "libdeflate: cannot set up compression");
		goto fail;
	}
	if (fonts_load(p, fontdir, d) == -1)
		goto fail;
	if (shape_init(p, fontdir) == -1) {
		diag(d, SEV_FATAL, NULL, 0, "out of memory");
		goto fail;
	}
	return p;
fail:
	pdf_free(p);
	return NULL;
}

void
pdf_free(struct pdf *p)
{
	if (p == NULL)
		return;
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	deflater_free(p->zd);
	fonts_free(p);
	tag_free(p);
	free(p->save.b);
	free(p->subset.b);
	cid_free(p);
	shape_free(p);
	free(p->pages);
	free(p->warned);
	free(p);
}

/* ------------------------------------------------------------ document */

static void
set_date(struct pdf *p, HPDF_InfoType type, time_t t)
{
	struct tm	 tm;
	HPDF_Date	 dt;

	if (gmtime_r(&t, &tm) == NULL)
		return;
	memset(&dt, 0, sizeof(dt));
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	dt.hour = tm.tm_hour;
	dt.minutes = tm.tm_min;
	dt.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
	dt.ind = 'Z';
	HPDF_SetInfoDateAttr(p->doc, type, dt);
}

/* Encodes a UTF-8 title into the outline encoding, giving new codes to
 * characters not seen yet in this document; '?' when all 128 are used.
 * Returns the length. */
static int
ol_encode(struct pdf *p, const char *utf8, char *out, size_t outsz)
{
	size_t		 n = strlen(utf8), i = 0, o = 0;
	uint32_t	 cp;
	int		 len, bad, c;

	while (i < n && o + 1 < outsz) {
		len = text_next(utf8 + i, n - i, &cp, &bad);
		i += len;
		if (cp == 0)
			continue;
		if (cp == '\n' || cp == '\r')
			cp = ' ';
		if (cp < 0x7F && !bad) {
			out[o++] = (char)cp;
			continue;
		}
		for (c = OUTLINE_FIRST; c < p->olnext; c++)
			if (p->oluni[c] == cp)
				break;
		if (c == p->olnext) {
			if (bad || cp > 0xFFFF || p->olnext > 0xFF) {
				out[o++] = '?';
				continue;
			}
			p->oluni[c] = (uint16_t)cp;
			haru_outline_enc_set(p->olenc, c, cp);
			p->olnext++;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (int)o;
}

static void
set_info(struct pdf *p, HPDF_InfoType type, const char *utf8)
{
	char	 buf[1024];

	if (utf8 == NULL || *utf8 == '\0')
		return;
	ol_encode(p, utf8, buf, sizeof(buf));
	HPDF_SetInfoAttr(p->doc, type, buf);
}

int
pdf_begin(struct pdf *p, const struct pdf_info *info, struct diag *d)
{
	if (p == NULL || p->doc == NULL)
		return -1;
	p->failed = 0;
	p->errbuf[0] = '\0';
	if (HPDF_NewDoc(p->doc) != HPDF_OK) {
		pdf_lib_failed(p);
		diag(d, SEV_ERROR, info->diag_path, 0, "libharu cannot start "
		    "a document: %s", p->errbuf);
		return -1;
	}
	p->d = d;
	p->diag_path = info->diag_path;
	memset(p->font, 0, sizeof(p->font));
	memset(p->used, 0, sizeof(p->used));
	memset(p->marked, 0, sizeof(p->marked));
	p->nalpha = 0;
	p->npages = 0;
	p->cur = -1;
	p->page = NULL;
	p->last_top = NULL;
	p->nwarned = 0;
	p->warned_utf8 = 0;
	p->img_src = NULL;
	p->img = NULL;
	cid_doc_begin(p);
	if (info->paper == PAPER_LETTER) {
		p->w = LETTER_W;
		p->h = LETTER_H;
	} else {
		p->w = A4_W;
		p->h = A4_H;
	}
	p->y = MARGIN_TOP;
	invalidate_state(p);

	/* Reset the outline encoding to ASCII only. */
	haru_outline_enc_reset(p->olenc);
	memset(p->oluni, 0, sizeof(p->oluni));
	p->olnext = OUTLINE_FIRST;

	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_SetCurrentEncoder(p->doc, OUTLINE_ENC);
	set_info(p, HPDF_INFO_TITLE, info->title);
	set_info(p, HPDF_INFO_SUBJECT, info->subject);
	set_info(p, HPDF_INFO_CREATOR, info->creator);
	set_info(p, HPDF_INFO_AUTHOR, info->author != NULL ? info->author :
	    "reportgen");
	set_date(p, HPDF_INFO_CREATION_DATE, info->date);
	set_date(p, HPDF_INFO_MOD_DATE, info->date);
	if (tag_doc_begin(p, info) == -1)
		pdf_lib_failed(p);
	if (p->failed) {
		diag(d, SEV_ERROR, info->diag_path, 0, "libharu cannot start "
		    "a document: %s", p->errbuf);
		return -1;
	}
	return 0;
}

int
pdf_end(struct pdf *p, unsigned char **buf, size_t *len)
{
	HPDF_STATUS	 ret;

	*buf = NULL;
	*len = 0;
	if (!LIVE(p))
		return -1;
	if (p->npages == 0)
		pdf_add_page(p);
	mc_flush(p);
	if (cid_doc_end(p) == -1)
		return -1;
	tag_doc_end(p);
	if (!LIVE(p))
		return -1;
	if (deflate_pages(p) == -1) {
		pdf_on_error(HPDF_ZLIB_ERROR, 0, p);
		return -1;
	}
	haru_narrow_widths(p, 1);
	ret = haru_save(p, buf, len);
	haru_narrow_widths(p, 0);
	/* a failure of ours inside the save (our buffer, a font subset)
	 * returns a code libharu does not report through the handler */
	if (ret != HPDF_OK && !p->failed)
		pdf_on_error(ret, 0, p);
	if (ret != HPDF_OK || !LIVE(p)) {
		free(*buf);
		*buf = NULL;
		*len = 0;
		return -1;
	}
	if (objstm_pack(p, buf, len) == -1) {
		pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
		free(*buf);
		*buf = NULL;
		*len = 0;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ pages */

float pdf_left(const struct pdf *p) { (void)p; return MARGIN_SIDE; }
float pdf_right(const struct pdf *p) { return p->w - MARGIN_SIDE; }
float pdf_top(const struct pdf *p) { (void)p; return MARGIN_TOP; }
float pdf_bottom(const struct pdf *p) { return p->h - MARGIN_BOTTOM; }

void
pdf_add_page(struct pdf *p)
{
	HPDF_Page	*np;
	HPDF_Page	 pg;
	int		 cap;

	if (!LIVE(p))
		return;
	if (p->npages == p->pagecap) {
		cap = p->pagecap ? p->pagecap * 2 : 8;
		if ((np = realloc(p->pages, cap * sizeof(*np))) == NULL) {
			pdf_on_error(HPDF_FAILD_TO_ALLOC_MEM, 0, p);
			return;
		}
		p->pages = np;
		p->pagecap = cap;
	}
	mc_flush(p);
	if ((pg = HPDF_AddPage(p->doc)) == NULL)
		return;
	HPDF_Page_SetWidth(pg, p->w);
	HPDF_Page_SetHeight(pg, p->h);
	p->pages[p->npages] = pg;
	p->cur = p->npages++;
	p->page = pg;
	p->y = MARGIN_TOP;
	invalidate_state(p);
	p->round_cap = 0;	/* a new page's line cap: butt */
	tag_page_added(p);
}

int
pdf_page_count(const struct pdf *p)
{
	return p == NULL ? 0 : p->npages;
}

void
pdf_goto_page(struct pdf *p, int n)
{
	if (!LIVE(p) || n < 1 || n > p->npages || n - 1 == p->cur)
		return;
	mc_flush(p);
	p->cur = n - 1;
	p->page = p->pages[p->cur];
	invalidate_state(p);
}

float
pdf_y(const struct pdf *p)
{
	return p->y;
}

void
pdf_set_y(struct pdf *p, float y)
{
	p->y = y;
}

void
pdf_advance(struct pdf *p, float dy)
{
	p->y += dy;
}

int
pdf_need(struct pdf *p, float h)
{
	if (!LIVE(p))
		return 0;
	if (p->page == NULL) {
		pdf_add_page(p);
		return 1;
	}
	/* Content taller than a page is placed anyway: breaking again
	 * would only leave empty pages. */
	if (p->y + h <= pdf_bottom(p) || p->y <= MARGIN_TOP)
		return 0;
	/* Breaking from an earlier page (after pdf_goto_page) continues
	 * on the last one or a new one after it. */
	pdf_add_page(p);
	return 1;
}

void
pdf_bookmark(struct pdf *p, int level, const char *utf8)
{
	HPDF_Outline		 o, parent = NULL;
	HPDF_Destination	 dst;
	char			 buf[512];

	if (LIVE(p) && p->page == NULL)
		pdf_add_page(p);
	if (!PAGE(p) || utf8 == NULL)
		return;
	if (level > 0 && p->last_top != NULL)
		parent = p->last_top;
	ol_encode(p, utf8, buf, sizeof(buf));
	if ((o = HPDF_CreateOutline(p->doc, parent, buf, p->olenc)) == NULL)
		return;
	if ((dst = HPDF_Page_CreateDestination(p->page)) == NULL)
		return;
	/* FitH: libharu 2.3 rejects XYZ with a null (keep) zoom */
	HPDF_Destination_SetFitH(dst, p->h - p->y + 4);
	HPDF_Outline_SetDestination(o, dst);
	if (parent == NULL) {
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		if (p->last_top == NULL)
			HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
		p->last_top = o;
	}
}
