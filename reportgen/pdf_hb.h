/*
 * pdf_hb.h: HarfBuzz, hb-subset and FriBidi, opened on first use (issue
 * 17), for the two rooms that use them: pdf_shape.c and pdf_cid.c.
 *
 * They are not linked: with their dependencies (freetype, graphite2,
 * glib, pcre2, brotli) loading and relocating them cost every start of
 * reportgen, though only a document with text the DejaVu subsets lack
 * ever calls them (docs/performance.md, "One render process").  The
 * calls go through the table HB, filled by hb_open(); a library or a
 * function that is missing leaves it unfilled, and the text that needed
 * it is drawn as '?' with the usual warning, as when no fallback font is
 * found.  Per process, set once (a batch runs its documents in forked
 * workers, each on one thread).
 */
#ifndef REPORTGEN_PDF_HB_H
#define REPORTGEN_PDF_HB_H

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <fribidi.h>

#define HB_FUNCS(X) \
	X(fribidi_get_bidi_type) \
	X(fribidi_get_bracket_types) \
	X(fribidi_get_mirror_char) \
	X(fribidi_get_par_embedding_levels_ex) \
	X(hb_blob_create_from_file_or_fail) \
	X(hb_blob_destroy) \
	X(hb_blob_get_data) \
	X(hb_buffer_add_utf8) \
	X(hb_buffer_allocation_successful) \
	X(hb_buffer_clear_contents) \
	X(hb_buffer_create) \
	X(hb_buffer_destroy) \
	X(hb_buffer_get_glyph_infos) \
	X(hb_buffer_get_glyph_positions) \
	X(hb_buffer_guess_segment_properties) \
	X(hb_buffer_set_direction) \
	X(hb_buffer_set_flags) \
	X(hb_buffer_set_language) \
	X(hb_face_builder_add_table) \
	X(hb_face_builder_create) \
	X(hb_face_create) \
	X(hb_face_destroy) \
	X(hb_face_get_glyph_count) \
	X(hb_face_get_table_tags) \
	X(hb_face_get_upem) \
	X(hb_face_reference_blob) \
	X(hb_face_reference_table) \
	X(hb_font_create) \
	X(hb_font_destroy) \
	X(hb_font_get_glyph_extents) \
	X(hb_font_get_glyph_h_advance) \
	X(hb_font_get_nominal_glyph) \
	X(hb_language_from_string) \
	X(hb_map_get) \
	X(hb_ot_name_get_utf8) \
	X(hb_script_to_iso15924_tag) \
	X(hb_set_add) \
	X(hb_shape) \
	X(hb_subset_input_create_or_fail) \
	X(hb_subset_input_destroy) \
	X(hb_subset_input_glyph_set) \
	X(hb_subset_input_set) \
	X(hb_subset_input_set_flags) \
	X(hb_subset_plan_create_or_fail) \
	X(hb_subset_plan_destroy) \
	X(hb_subset_plan_execute_or_fail) \
	X(hb_subset_plan_old_to_new_glyph_mapping) \
	X(hb_tag_to_string) \
	X(hb_unicode_funcs_get_default) \
	X(hb_unicode_general_category) \
	X(hb_unicode_script)

struct hbdl {
#define X(f)	__typeof__(f) *f;
	HB_FUNCS(X)
#undef X
};

extern struct hbdl	HB;

/* 0 when the three libraries and every function of HB_FUNCS are there
 * (HB filled), else -1 (HB left empty); opens them on the first call. */
int	hb_open(void);

#endif
