/* STUB: replaced by the PDF engine work (issue 4). */
#include "output.h"
int output_write(const char *dir, const char *name, const void *buf, size_t len, mode_t mode, struct diag *d)
{ (void)dir; (void)name; (void)buf; (void)len; (void)mode; (void)d; return 70; }
int output_clean_temps(const char *dir, struct diag *d) { (void)dir; (void)d; return 0; }
