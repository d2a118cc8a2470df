/*
 * datadir.c: where the schemas and market data are (see cmd.h).  Kept
 * out of main.c so the unit tests, which link every object but main.o,
 * can link the commands too.
 */
#include <stdlib.h>

#include "cmd.h"

#ifndef RG_DATADIR
#define RG_DATADIR "/usr/local/share/reportgen"
#endif

const char *
data_dir(const char *option)
{
	const char	*env;

	if (option != NULL)
		return option;
	if ((env = getenv("REPORTGEN_DATA_DIR")) != NULL && *env != '\0')
		return env;
	return RG_DATADIR;
}
