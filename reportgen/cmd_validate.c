/* STUB: replaced by the loader work (issue 2). */
#include <sysexits.h>
#include "cmd.h"
int cmd_validate(int argc, char *argv[]) { (void)argc; (void)argv; return EX_SOFTWARE; }
