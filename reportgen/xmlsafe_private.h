/*
 * xmlsafe_private.h: what the rooms of the XML loader share (xmlsafe.c
 * reads, parses and validates; xmlsafe_msg.c says what went wrong,
 * tidied and redacted, in a coach's words by xmlsafe_coach.c with
 * guesses from xmlsafe_guess.c; xmlsafe_tree.c walks a validated tree).
 * Included by those files only: it includes libxml2.
 */
#ifndef REPORTGEN_XMLSAFE_PRIVATE_H
#define REPORTGEN_XMLSAFE_PRIVATE_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "xmlsafe.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError *xs_error_t;
#else
typedef xmlErrorPtr xs_error_t;
#endif

struct xs_schema {
	xmlDocPtr	 doc;		/* the schema document, kept alive */
	xmlSchemaPtr	 schema;
};

/*
 * The process-wide handlers, pointed at one document's messages while
 * libxml2 works on it (xmlsafe_msg.c).  The generic handler receives
 * printf-style fragments (a message may come in several calls): they
 * are gathered, and said as one message when the libxml2 call returns.
 */
struct hooks {
	struct xs_msgs		*m;
	xmlStructuredErrorFunc	 sfn;
	void			*sctx;
	xmlGenericErrorFunc	 gfn;
	void			*gctx;
	char			 text[256];
	size_t			 len;
};

void	xs_hooks_on(struct hooks *, struct xs_msgs *);
int	xs_hooks_off(struct hooks *);	/* -1: a message came */
/* The structured handlers: the parser's (sax->serror, ctx is the parser
 * context) and the schema's (ctx is the struct xs_msgs). */
void	xs_parser_error(void *ctx, xs_error_t);
void	xs_msgs_error(void *ctx, xs_error_t);
/* xmlsafe_coach.c: a message in a coach's words (1), libxml2's (0), or
 * none (-1: a second word about the same mistake). */
int	xs_coach(xs_error_t, int verbose, char *said, size_t saidsz,
	    char *out, size_t sz);
int	xs_coach_parser(xs_error_t, char *out, size_t sz);

/* What a guess at the meant value is made from. */
enum xs_guess {
	G_NONE,
	G_LEVEL,	/* a word of the market data's scale -> 0..5 */
	G_AGREE,	/* "agree", "neutral" -> 1..5 */
	G_MONTH,	/* "Sept 2022", "09/2022" -> 2022-09 */
	G_AMOUNT,	/* "16,00,000", "$120k" -> 1600000, 120000 */
	G_ID,		/* "José Álvarez" -> jose-alvarez */
	G_REF,		/* "Python APIs" -> python_apis */
	G_ENUM,		/* the allowed value that differs only in case */
	G_BOOL,		/* yes/no -> true/false */
	G_NUMBER,	/* "3 years", "2,5", "4.25" -> 3, 2.5, 4.3 */
};

/* xmlsafe_guess.c: the value meant by v (set: the allowed values of an
 * enumeration, "'US', 'IN'", or NULL) in out; 0 when no guess is safe. */
int	xs_guess(enum xs_guess, const char *v, const char *set, char *out,
	    size_t sz);

#endif
