/* STUB: replaced by the report work (issue 4). */
#include <sysexits.h>
#include "cmd.h"
int cmd_render(int argc, char *argv[]) { (void)argc; (void)argv; return EX_SOFTWARE; }
