#!/usr/bin/env python3
"""
make-stress.py: writes the generated stress profiles in this directory
(max-lengths.xml, forty-positions.xml).  The hand-written ones
(all-optional.xml, none-optional.xml, every-script.xml) are edited directly.

Run from the repository root:  python3 tests/stress/make-stress.py
Then check:  xmllint --noout --schema schemas/candidate.xsd tests/stress/*.xml
Output is deterministic (no randomness, no dates taken from the clock).
"""
import os
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
DIMS = ["python_apis", "cloud", "containers", "ml_frameworks", "pipelines",
        "customer", "cicd", "business"]
STATEMENTS = ["mlops-1", "mlops-2", "mlops-3", "mlops-4",
              "fde-1", "fde-2", "fde-3", "fde-4"]


def fill(words, n):
    """Exactly n characters from repeated words, no trailing space."""
    s = ""
    i = 0
    while len(s) < n + 1:
        s += words[i % len(words)] + " "
        i += 1
    s = s[:n]
    # the schema's line type forbids leading/trailing whitespace
    if s[-1] == " ":
        s = s[:-1] + "W"
    return s


def ym(month_index):
    return "%04d-%02d" % (month_index // 12, month_index % 12 + 1)


def header(pid, name, email, country, market, years, title, family):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<profile xmlns="urn:reportgen:candidate:1" version="1">',
           '  <identity id="%s">' % pid,
           '    <name>%s</name>' % escape(name)]
    if email:
        out.append('    <email>%s</email>' % email)
    out += ['    <country>%s</country>' % country,
            '    <market>%s</market>' % market,
            '  </identity>',
            '  <experience production-years="%s">' % years,
            '    <current-title>%s</current-title>' % escape(title),
            '    <role-family>%s</role-family>' % family,
            '    <positions>']
    return out


def write(name, lines):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path)


def max_lengths():
    name = "Zoë-Łucja Ó Briain-Wójcikowska Çelik Ní Bhriain Álvarez Kříž"
    assert len(name) == 60, len(name)
    title_words = ["Principal", "Forward", "Deployed", "Engineer,", "Machine",
                   "Learning", "Operations", "&", "Customer", "Łódź",
                   "Žilina", "İzmir", "Müller", "WWMMWW"]
    org_words = ["Międzynarodowe", "Przedsiębiorstwo", "Wdrożeń",
                 "Sztucznej", "Inteligencji", "Ørsted", "Ärztekammer",
                 "São", "Paulo", "Ltd.", "WMWMWM"]
    sum_words = ["Deployed", "retrieval-augmented", "assistants", "inside",
                 "customers'", "Kubernetes", "clusters,", "ran", "discovery",
                 "workshops,", "negotiated", "priorities", "with", "business",
                 "teams", "and", "measured", "outcomes", "—", "“cost",
                 "per", "claim”", "fell", "by", "a", "third;", "₹",
                 "budgets", "in", "lakhs;", "Zażółć", "gęślą", "jaźń."]
    out = header("max-lengths", name, "max.lengths@example.com", "PL", "US",
                 "32", fill(title_words, 120), "fde")
    start = 1994 * 12  # 1994-01, 64 positions of six months each
    for i in range(64):
        s = start + i * 6
        cur = i == 63
        title = fill(title_words[i % 5:] + title_words[:i % 5], 120)
        org = fill(org_words[i % 4:] + org_words[:i % 4], 120)
        summary = fill(sum_words[i % 7:] + sum_words[:i % 7], 600)
        cf = ' customer-facing="true"' if i % 2 == 0 else ""
        out.append('      <position%s>' % cf)
        out.append('        <title>%s</title>' % escape(title))
        out.append('        <organisation>%s</organisation>' % escape(org))
        out.append('        <start>%s</start>' % ym(s))
        if not cur:
            out.append('        <end>%s</end>' % ym(s + 5))
        out.append('        <owned pipelines="%d" deployments="%d" '
                   'workshops="%d" on-call="%s" end-to-end="%s"/>'
                   % (i % 9, 10000 if i == 0 else i % 13, i % 7,
                      "true" if i % 3 == 0 else "false",
                      "true" if i % 4 == 0 else "false"))
        out.append('        <summary>%s</summary>' % escape(summary))
        out.append('      </position>')
    out += ['    </positions>', '  </experience>', '  <skills>']
    for i, d in enumerate(DIMS):
        out.append('    <skill dimension="%s" level="%d" years="%s" '
                   'projects="%d" certifications="%d"/>'
                   % (d, 5 - i % 3, "59.9" if i == 0 else "12.5",
                      10000 if i == 0 else 7, i % 4))
    known = ["k8s", "kubernetes", "airflow", "mlflow", "terraform", "aws",
             "gcp", "azure", "pytorch", "tensorflow", "scikit-learn",
             "hugging face", "discovery workshops", "pre-sales",
             "roi analysis", "github actions", "argo cd", "ci/cd", "fastapi",
             "grpc", "feast", "kafka", "dbt", "helm"]
    kws = []
    for i in range(64):
        if i < len(known):
            kws.append(known[i])
        else:
            # unknown, maximum-length keywords with diacritics
            kws.append(fill(["Wdrożenie", "Ärztliche", "Şirket",
                             "#%d" % i, "MMWW"], 40))
    for k in kws:
        out.append('    <keyword>%s</keyword>' % escape(k))
    out += ['  </skills>', '  <preferences>']
    for i, s in enumerate(STATEMENTS):
        out.append('    <agree statement="%s">%d</agree>' % (s, 1 + i % 5))
    out += ['  </preferences>',
            '  <goals target="undecided" hours-per-week="80">',
            '    <current-compensation amount="1000000000" currency="INR" '
            'basis="total"/>',
            '  </goals>']
    unbreakable = "Przeciwwskazaniaobowiązkowegowdrożeniasztucznejinteligencji"
    unbreakable = (unbreakable + "XXXXXXXXXX")[:60]
    assert len(unbreakable) == 60
    para = ("Coach notes, session {n}. We went through the customer pilot "
            "again: the discovery workshop ran long, the prototype was shown "
            "to the operations lead on day four, and the validation plan was "
            "agreed with the finance team before anything shipped. Łucja "
            "asked whether her platform depth counts for Forward Deployed "
            "roles; it does, and the plan should say so plainly. Next step: "
            "write the case study with the outcome in the customer’s terms — "
            "hours saved per week, not pipeline latency. ")
    notes = "".join(para.format(n=i + 1) for i in range(6))
    notes += ("One word the layout must break or clip: " + unbreakable +
              ". End of notes.")
    out.append('  <notes>%s</notes>' % escape(notes))
    out.append('</profile>')
    write("max-lengths.xml", out)


def forty_positions():
    roles = [
        ("Junior Programmer", "Midlands Data Processing Ltd", "software", 0),
        ("Programmer", "Midlands Data Processing Ltd", "software", 0),
        ("Unix Administrator", "Severn Water Authority", "devops", 0),
        ("Contract Developer", "Kestrel Insurance Brokers", "software", 1),
        ("Contract Developer", "Harrow & Finch Retail", "software", 1),
        ("Systems Integrator", "Tamar Telecom", "software", 1),
        ("Senior Developer", "Ouse Logistics plc", "software", 0),
        ("Technical Consultant", "Pennine Systems Consulting", "solutions", 1),
        ("Technical Consultant", "Pennine Systems Consulting", "solutions", 1),
        ("Build Engineer", "Medway Games Studio", "devops", 0),
        ("Release Manager", "Medway Games Studio", "devops", 0),
        ("Contract Data Engineer", "Clyde Energy Trading", "data-engineering", 0),
        ("Contract Data Engineer", "Fenland Agritech", "data-engineering", 1),
        ("Data Warehouse Lead", "Wessex Building Society", "data-engineering", 0),
        ("Integration Architect", "Solent Ports Authority", "solutions", 1),
        ("Contract Python Developer", "Cotswold Analytics", "software", 0),
        ("Site Reliability Engineer", "Trent Streaming Ltd", "devops", 0),
        ("Senior SRE", "Trent Streaming Ltd", "devops", 0),
        ("Machine Learning Engineer", "Mersey Health Analytics", "ml-engineering", 0),
        ("Field Engineer", "Humber Robotics", "solutions", 1),
        ("Contract MLOps Engineer", "Avon Credit Union", "mlops", 0),
        ("Contract MLOps Engineer", "Lune Pharma Research", "mlops", 0),
        ("ML Platform Engineer", "Dee Retail Group", "mlops", 0),
        ("Solutions Engineer", "Tweed Vision AI", "solutions", 1),
        ("Senior Solutions Engineer", "Tweed Vision AI", "solutions", 1),
        ("Contract Deployment Engineer", "Exe Legal Tech", "fde", 1),
        ("MLOps Lead", "Wear Mobility", "mlops", 0),
        ("Forward Deployed Engineer", "Kennet Language Models", "fde", 1),
        ("Forward Deployed Engineer", "Kennet Language Models", "fde", 1),
        ("Contract FDE", "Itchen Insurance Group", "fde", 1),
        ("Contract FDE", "Calder Manufacturing", "fde", 1),
        ("Technical Advisor", "Derwent Public Health Trust", "solutions", 1),
        ("Contract ML Engineer", "Nene Satellite Data", "ml-engineering", 0),
        ("Interim Head of MLOps", "Wye Payments", "mlops", 0),
        ("Contract FDE", "Stour Energy Networks", "fde", 1),
        ("Contract FDE", "Tyne Shipping Analytics", "fde", 1),
        ("Staff Forward Deployed Engineer", "Ribble AI Ltd", "fde", 1),
        ("Staff Forward Deployed Engineer", "Ribble AI Ltd", "fde", 1),
        ("Advisor (part-time)", "Aire Founders Network", "other", 1),
        ("Principal Forward Deployed Engineer", "Ribble AI Ltd", "fde", 1),
    ]
    assert len(roles) == 40
    out = header("forty-positions", "Gwenllian ap Rhys-O’Connor",
                 "g.aprhys@example.org", "GB", "US", "29",
                 "Principal Forward Deployed Engineer", "fde")
    # 40 consecutive positions of nine months from 1996-05 to 2026-01 (current)
    s = 1996 * 12 + 4
    for i, (title, org, fam, cf) in enumerate(roles):
        cur = i == len(roles) - 1
        out.append('      <position%s>' % (' customer-facing="true"' if cf else ""))
        out.append('        <title>%s</title>' % escape(title))
        out.append('        <organisation>%s</organisation>' % escape(org))
        out.append('        <start>%s</start>' % ym(s))
        if not cur:
            out.append('        <end>%s</end>' % ym(s + 8))
        owned = []
        if fam in ("mlops", "data-engineering"):
            owned.append('pipelines="%d"' % (1 + i % 3))
        if fam in ("mlops", "devops", "fde", "ml-engineering", "solutions"):
            owned.append('deployments="%d"' % (1 + i % 4))
        if cf:
            owned.append('workshops="%d"' % (1 + i % 3))
        if fam in ("devops", "mlops"):
            owned.append('on-call="true"')
        if fam == "fde":
            owned.append('end-to-end="true"')
        if owned:
            out.append('        <owned %s/>' % " ".join(owned))
        out.append('        <summary>%s for %s: %s.</summary>' % (
            escape(title), escape(org),
            {"software": "built and maintained line-of-business services",
             "devops": "kept the build, release and hosting running",
             "data-engineering": "designed the batch and streaming data flows",
             "solutions": "scoped and delivered integrations with the client",
             "ml-engineering": "trained and shipped models to production",
             "mlops": "ran the model training and deployment platform",
             "fde": "embedded with the customer and shipped an AI deployment "
                    "from discovery to live iteration",
             "other": "advised early-stage founders on deployment strategy"}[fam]))
        out.append('      </position>')
        s += 9
    out += ['    </positions>', '  </experience>', '  <skills>',
            '    <skill dimension="python_apis" level="5" years="20" projects="40"/>',
            '    <skill dimension="cloud" level="4" years="12" projects="20" certifications="2"/>',
            '    <skill dimension="containers" level="4" years="10" projects="15"/>',
            '    <skill dimension="ml_frameworks" level="3" years="8" projects="10"/>',
            '    <skill dimension="pipelines" level="4" years="9" projects="12"/>',
            '    <skill dimension="customer" level="5" years="15" projects="30"/>',
            '    <skill dimension="cicd" level="4" years="14" projects="15"/>',
            '    <skill dimension="business" level="5" years="10" projects="12"/>',
            '    <keyword>k8s</keyword>', '    <keyword>airflow</keyword>',
            '    <keyword>stakeholder management</keyword>',
            '  </skills>',
            '  <goals target="fde" hours-per-week="3">',
            '    <current-compensation amount="310000" currency="USD" basis="total"/>',
            '  </goals>', '</profile>']
    write("forty-positions.xml", out)


if __name__ == "__main__":
    max_lengths()
    forty_positions()
