/* STUB: replaced by the batch work (issue 5). */
#include <sysexits.h>
#include "cmd.h"
int cmd_batch(int argc, char *argv[]) { (void)argc; (void)argv; return EX_SOFTWARE; }
