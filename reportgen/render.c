/* STUB: replaced by the report work (issue 4). */
#include <stddef.h>
#include "report.h"
struct renderer *renderer_new(const char *dd, struct diag *d) { (void)dd; (void)d; return NULL; }
void renderer_free(struct renderer *r) { (void)r; }
int render_report(struct renderer *r, const struct assessment *a, const struct render_opts *o,
    unsigned char **pdf, size_t *len, struct diag *d)
{ (void)r; (void)a; (void)o; (void)pdf; (void)len; (void)d; return -1; }
