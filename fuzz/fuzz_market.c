/*
 * fuzz_market.c: libFuzzer harness for the market-data loader.
 *
 * Each input is a market data file in memory, loaded with
 * market_load_mem() against schemas/market.xsd (compiled again on every
 * call by the loader itself; that is the code under test).  When it is
 * accepted, market_match_keyword() is exercised over a few words so the
 * synonym tables built from hostile data are read back.
 *
 *	make fuzz-build && build-fuzz/fuzz_market fuzz/corpus/market
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "load.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char		 xsd[4096];
static struct diag	 d;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_init(&d, NULL);
	d.keep = 1;
	snprintf(xsd, sizeof(xsd), "%s/schemas/market.xsd", data_dir(NULL));
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "kubernetes", "python", "",
	    "K8S", "mlflow", "customer workshops" };
	struct market	*m;
	size_t		 i;

	diag_reset(&d);
	if (size > MARKET_MAX_BYTES)
		return 0;
	m = market_load_mem(xsd, "fuzz-market.xml", (const char *)data, size,
	    &d);
	if (m == NULL)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		(void)market_match_keyword(m, words[i]);
	market_free(m);
	return 0;
}
