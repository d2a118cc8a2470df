/* STUB: replaced by the loader work (issue 2). */
#include <stddef.h>
#include "load.h"
struct loader *loader_new(const char *datadir, const char *mp, struct diag *d)
{ (void)datadir; (void)mp; diag(d, SEV_FATAL, NULL, 0, "loader not implemented"); return NULL; }
void loader_free(struct loader *l) { (void)l; }
const struct market *loader_market(const struct loader *l) { (void)l; return NULL; }
struct profile *profile_load(const struct loader *l, const char *p, struct diag *d, int *u)
{ (void)l; (void)p; (void)d; (void)u; return NULL; }
struct profile *profile_load_mem(const struct loader *l, const char *p, const char *b, size_t n, struct diag *d)
{ (void)l; (void)p; (void)b; (void)n; (void)d; return NULL; }
void profile_free(struct profile *p) { (void)p; }
struct market *market_load(const char *x, const char *p, struct diag *d) { (void)x; (void)p; (void)d; return NULL; }
struct market *market_load_mem(const char *x, const char *p, const char *b, size_t n, struct diag *d)
{ (void)x; (void)p; (void)b; (void)n; (void)d; return NULL; }
void market_free(struct market *m) { (void)m; }
int market_match_keyword(const struct market *m, const char *k) { (void)m; (void)k; return -1; }
