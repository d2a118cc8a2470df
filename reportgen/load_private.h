/*
 * load_private.h: what the rooms of the market loader share:
 * load_market.c (read, validate, the questions asked of a loaded market)
 * hands the validated tree to load_market_walk.c (the walk that builds
 * struct market and checks what the schema cannot say).  Names libxml2's
 * types only as incomplete structs, like xmlsafe.h.
 */
#ifndef REPORTGEN_LOAD_PRIVATE_H
#define REPORTGEN_LOAD_PRIVATE_H

#include "model.h"
#include "xmlsafe.h"

/* Fills m (its arena set, the rest zero) from the tree under root, the
 * <market> element; every problem goes to msgs (msgs->errors counts
 * them: any makes the market unusable). */
void	market_walk(struct market *m, struct xs_msgs *msgs,
	    struct _xmlNode *root);

#endif
