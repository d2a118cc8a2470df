/*
 * model.c: names of the model's enums, as they appear in the XML and JSON,
 * and the one date rule on the market data (market_stale).
 */
#include "model.h"

int
profile_id_ok(const char *id)
{
	size_t	 i;

	if (id == NULL || id[0] == '\0' || id[0] == '-')
		return 0;
	for (i = 0; id[i] != '\0'; i++) {
		if (i >= PROFILE_ID_MAX)
			return 0;
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= 'A' && id[i] <= 'Z') ||
		    (id[i] >= '0' && id[i] <= '9') ||
		    id[i] == '_' || id[i] == '-'))
			return 0;
	}
	return 1;
}

const char *
role_id(enum role r)
{
	return r == ROLE_FDE ? "fde" : "mlops";
}

const char *
market_id(enum mkt m)
{
	return m == MKT_US ? "US" : "IN";
}

const char *
seniority_id(enum seniority s)
{
	static const char *const n[] = { "junior", "mid", "senior", "staff" };

	return n[s];
}

const char *
recommendation_id(enum recommendation r)
{
	static const char *const n[] = { "fde", "mlops", "either",
	    "insufficient_evidence", "not_yet" };

	return n[r];
}

const char *
rec_reason_id(enum rec_reason r)
{
	switch (r) {
	case REASON_PRODUCTION_YEARS:
		return "production_years";
	case REASON_LOW_FIT:
		return "low_fit";
	default:
		return NULL;
	}
}

const char *
level_source_id(enum level_source s)
{
	static const char *const n[] = { "claimed", "inferred", "capped" };

	return n[s];
}

const char *
basis_id(enum basis b)
{
	return b == BASIS_TOTAL ? "total" : b == BASIS_BASE ? "base" :
	    "unstated";
}

const char *
kind_id(enum band_kind k)
{
	return k == KIND_ESTIMATE ? "estimate" : "published";
}

const char *
comparison_id(enum comparison c)
{
	switch (c) {
	case CMP_DIFFERENT_BASIS:
		return "different_basis";
	case CMP_BELOW:
		return "below";
	case CMP_WITHIN:
		return "within";
	case CMP_AT_OR_ABOVE_FLOOR:
		return "at_or_above_floor";
	case CMP_ABOVE:
		return "above";
	default:
		return "not_comparable";
	}
}

int
market_stale(const struct market *m, struct ym today)
{
	int	 from, now;

	if (m == NULL || m->as_of_ym.year == 0)
		return 0;
	from = m->as_of_ym.year * 12 + (m->as_of_ym.month - 1);
	now = today.year * 12 + (today.month - 1);
	return now - from > 12;
}

const char *
currency_id(enum currency c)
{
	return c == CUR_USD ? "USD" : "INR";
}

const char *
signal_id(enum signal s)
{
	static const char *const n[] = { "customer-facing-years",
	    "deployments", "workshops", "pipelines", "on-call-years" };

	return n[s];
}

const char *
target_id(enum target t)
{
	static const char *const n[] = { "fde", "mlops", "undecided" };

	return n[t];
}
