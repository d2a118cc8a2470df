/*
 * cmd_init.c: reportgen init [-o FILE] [--minimal]
 *
 * Writes a profile template: every element with a comment saying what
 * it means, what it may hold and an example, and an empty value where
 * the coach must write one.  Empty values are the placeholders: the
 * schema refuses each, so `reportgen validate` points at every one left
 * ("line 12: name is empty; it must be ...").  The skill dimensions and
 * statements are the market data's, so the template always matches the
 * data it will be scored against.  --minimal keeps the required parts.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"
#include "cmd_draft.h"
#include "diag.h"
#include "load.h"

static const char usage_text[] =
    "usage: reportgen init [--data-dir DIR] [--market FILE] [--minimal]"
    " [-o FILE]\n"
    "\n"
    "Write a profile template to fill in: every element explained in a\n"
    "comment, an empty value (\"\" or <x></x>) wherever one must be\n"
    "written.  `reportgen validate FILE` lists the values still empty.\n"
    "\n"
    "  -o, --output FILE   write FILE (never replaced); - or none: stdout\n"
    "      --minimal       the required parts only\n"
    "  -D, --data-dir DIR  schemas/ and data/ live in DIR\n"
    "  -m, --market FILE   market data to use instead of DIR/data/market.xml\n"
    "  -h, --help          print this help and exit\n"
    "\n"
    "Exit status: 0 written, 64 usage, 70 unusable market data, 73 FILE\n"
    "exists or cannot be created, 74 write error.\n";

static void
head(FILE *f, int minimal)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!--\n"
	    "  A candidate profile for reportgen, made by `reportgen init", f);
	fputs(minimal ? "`,\n  minimal: the required parts only.\n" : "`.\n",
	    f);
	fputs("\n"
	    "  Fill every empty value: each pair of empty quotes and each\n"
	    "  element with nothing between its tags.\n"
	    "  `reportgen validate THIS-FILE` lists those still empty, each with\n"
	    "  its line.  Parts marked (optional) may be deleted whole when\n"
	    "  unknown.  Write & as &amp; and < as &lt; in any text.\n"
	    "  docs/profiles.md says what each part changes in the report.\n"
	    "-->\n"
	    "<profile xmlns=\"urn:reportgen:candidate:1\" version=\"1\">\n", f);
}

static void
identity(FILE *f, int minimal)
{
	fputs("  <!-- id: names the report files (ID.pdf): 1-64 ASCII letters,\n"
	    "       digits, '_' or '-', not starting with '-'.\n"
	    "       Example: ana-lopez -->\n"
	    "  <identity id=\"\">\n"
	    "    <!-- name: as printed on the report, up to 80 characters.\n"
	    "         Example: Ana López -->\n"
	    "    <name></name>\n", f);
	if (!minimal)
		fputs("    <!-- email (optional): kept out of logs and of the\n"
		    "         PDF's metadata.  Example: ana@example.com -->\n"
		    "    <email></email>\n", f);
	fputs("    <!-- country: where the candidate lives, two capital\n"
	    "         letters (ISO 3166).  Example: IN -->\n"
	    "    <country></country>\n"
	    "    <!-- market: whose pay bands and demand the report uses:\n"
	    "         US or IN.  Example: US -->\n"
	    "    <market></market>\n"
	    "  </identity>\n", f);
}

static void
experience(FILE *f, int minimal)
{
	fputs("  <!-- production-years: years of work that ran in production\n"
	    "       (not study, not prototypes): 0-60, one decimal at most.\n"
	    "       It sets seniority and counts towards both roles' fit.\n"
	    "       Example: 4.5 -->\n"
	    "  <experience production-years=\"\">\n"
	    "    <!-- current-title: the job title today, up to 120 characters.\n"
	    "         Example: Backend Software Engineer -->\n"
	    "    <current-title></current-title>\n"
	    "    <!-- role-family: the kind of job today, one of: mlops,\n"
	    "         ml-engineering, software, data-science, data-engineering,\n"
	    "         devops, solutions, fde, other.  Example: software -->\n"
	    "    <role-family></role-family>\n", f);
	if (minimal) {
		fputs("  </experience>\n", f);
		return;
	}
	fputs("    <!-- positions (optional): up to 64, the most recent first.\n"
	    "         They are evidence: years and customer-facing work back\n"
	    "         the skill levels claimed below. -->\n"
	    "    <positions>\n"
	    "      <!-- customer-facing: true when the job meant working with\n"
	    "           customers or users directly; else false. -->\n"
	    "      <position customer-facing=\"false\">\n"
	    "        <!-- title and organisation: up to 120 characters each.\n"
	    "             Example: ML Engineer, at Example Corp -->\n"
	    "        <title></title>\n"
	    "        <organisation></organisation>\n"
	    "        <!-- start: a year and month.  Example: 2022-09 -->\n"
	    "        <start></start>\n"
	    "        <!-- end (optional): a year and month; delete the line\n"
	    "             while the position is current.  Example: 2024-03 -->\n"
	    "        <end></end>\n"
	    "        <!-- owned (optional): what the candidate owned there,\n"
	    "             whole numbers 0-10000 and true/false.  end-to-end:\n"
	    "             owned a deployment from scoping with the customer to\n"
	    "             iterating live. -->\n"
	    "        <owned pipelines=\"0\" deployments=\"0\" workshops=\"0\""
	    " on-call=\"false\" end-to-end=\"false\"/>\n"
	    "        <!-- summary (optional): what the work was, up to 600\n"
	    "             characters.  Example: Built the FastAPI services\n"
	    "             behind the pricing product on AWS. -->\n"
	    "        <summary></summary>\n"
	    "      </position>\n"
	    "    </positions>\n"
	    "  </experience>\n", f);
}

static void
skills(FILE *f, const struct market *m, int minimal)
{
	int	 i;

	fputs("  <!-- skills: one <skill> per dimension of the market data (at\n"
	    "       most one each).  Delete the line of a dimension the\n"
	    "       candidate has not used.\n", f);
	fputs("       dimension: as listed; level: see below", f);
	if (!minimal)
		fputs(";\n       years, projects, certifications (optional): the "
		    "evidence,\n       years 0-60 (one decimal), counts "
		    "0-10000", f);
	fputs(". -->\n", f);
	draft_scale_comment(f, m, "  ");
	fputs("  <skills>\n", f);
	for (i = 0; i < m->ndims; i++) {
		fputs("    <!-- ", f);
		draft_comment(f, m->dims[i].name);
		fputs(" -->\n", f);
		fprintf(f, "    <skill dimension=\"%s\" level=\"\"%s/>\n",
		    m->dims[i].id, minimal ? "" :
		    " years=\"0\" projects=\"0\" certifications=\"0\"");
	}
	if (!minimal)
		fputs("    <!-- keyword (optional, up to 64): tools and skills as\n"
		    "         a CV names them; the market data maps them to a\n"
		    "         dimension (an unknown one is a warning).\n"
		    "         Example: kubernetes -->\n"
		    "    <keyword></keyword>\n", f);
	fputs("  </skills>\n", f);
}

static void
preferences(FILE *f, const struct market *m)
{
	int	 i;

	fputs("  <!-- preferences (optional): how much the candidate agrees\n"
	    "       with each statement, 1-5: 1 disagree strongly, 2 disagree,\n"
	    "       3 neither, 4 agree, 5 agree strongly.  They weigh the\n"
	    "       fit towards the role whose work the candidate enjoys;\n"
	    "       delete a line left unanswered.  Example: 4 -->\n"
	    "  <preferences>\n", f);
	for (i = 0; i < m->nstatements; i++) {
		fputs("    <!-- ", f);
		draft_comment(f, m->statements[i].text);
		fputs(" -->\n", f);
		fprintf(f, "    <agree statement=\"%s\"></agree>\n",
		    m->statements[i].id);
	}
	fputs("  </preferences>\n", f);
}

static void
goals(FILE *f, int minimal)
{
	fputs("  <!-- target: the role the candidate aims at: fde, mlops or\n"
	    "       undecided (the report then recommends one).\n"
	    "       hours-per-week: hours a week for the learning plan, 1-80;\n"
	    "       it sets the plan's length in weeks.  Example: 6 -->\n"
	    "  <goals target=\"\" hours-per-week=\"\"", f);
	if (minimal) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n"
	    "    <!-- current-compensation (optional): today's yearly pay,\n"
	    "         compared with the market's bands.  amount: a whole\n"
	    "         number without separators (1600000, not 16,00,000);\n"
	    "         currency: USD or INR; basis: base (salary only) or\n"
	    "         total (with bonus and equity). -->\n"
	    "    <current-compensation amount=\"\" currency=\"\" basis=\"\"/>\n"
	    "  </goals>\n"
	    "  <!-- notes (optional): up to 8000 characters, printed as\n"
	    "       \"Coach's notes\" at the end of the plan, never in logs.\n"
	    "       Example:\n"
	    "       <notes>Prefers remote work.</notes> -->\n", f);
}

int
cmd_init(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "output",	required_argument,	NULL, 'o' },
		{ "minimal",	no_argument,		NULL, 'M' },
		{ "data-dir",	required_argument,	NULL, 'D' },
		{ "market",	required_argument,	NULL, 'm' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	struct diag		 d;
	struct loader		*l;
	const struct market	*m;
	struct draft		 dr;
	const char		*out = NULL, *dir = NULL, *market = NULL;
	int			 ch, minimal = 0, status;

	if (opts_list(argc, argv, longopts, "o:D:m:h", NULL))
		return EX_OK;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:D:m:h", longopts, NULL))
	    != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'M':
			minimal = 1;
			break;
		case 'D':
			dir = optarg;
			break;
		case 'm':
			market = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EX_OK;
		default:
			opt_error("init", longopts, "o:D:m:h", argv);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "reportgen init: unexpected argument '%s' "
		    "(write the template with -o FILE)\n", argv[optind]);
		return EX_USAGE;
	}
	diag_init(&d, stderr);
	if ((l = loader_new(data_dir(dir), market, &d)) == NULL) {
		diag_free(&d);
		return loader_status(data_dir(dir), market);
	}
	m = loader_market(l);
	if (draft_begin(&dr) == -1) {
		loader_free(l);
		diag_free(&d);
		fprintf(stderr, "reportgen init: out of memory\n");
		return EX_OSERR;
	}
	head(dr.f, minimal);
	identity(dr.f, minimal);
	experience(dr.f, minimal);
	skills(dr.f, m, minimal);
	if (!minimal)
		preferences(dr.f, m);
	goals(dr.f, minimal);
	fputs("</profile>\n", dr.f);
	loader_free(l);
	diag_free(&d);
	status = draft_finish(&dr, out, "init");
	return status;
}
