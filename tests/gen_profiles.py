#!/usr/bin/env python3
"""Deterministic generator of schema-valid candidate profiles.

    tests/gen_profiles.py --seed 1 --count 1000 --out DIR

Same seed and count give byte-identical files.  The profiles vary the way
real batches do: names in Latin (Western and Central European), Greek and
Cyrillic scripts, both markets, every seniority, short and long position
lists, optional parts present or absent.  Used by `make bench` and by the
batch tests; stdlib only.
"""
import argparse
import os
import random
from xml.sax.saxutils import escape

FIRST = ["Łukasz", "Zoë", "Αλέξανδρος", "Дмитрий", "Priya", "Arjun",
         "Siobhán", "Ελένη", "Олена", "Ömer", "José", "Anneliese", "Jiří",
         "Małgorzata", "Γιώργος", "Сергей", "Ananya", "Rahul", "Chloé",
         "Bjørn", "Ivana", "Νίκος", "Катерина", "Kavya", "Mateusz", "Søren"]
LAST = ["Wójcik", "Ó Briain", "Παπαδόπουλος", "Смирнов", "Raghunathan",
        "Mehta", "Ní Bhriain", "Οικονόμου", "Коваленко", "Çelik", "Álvarez",
        "Müller", "Dvořák", "Zielińska", "Γεωργίου", "Иванов", "Iyer",
        "Sharma", "Lefèvre", "Håland", "Horvat", "Αντωνίου", "Петренко",
        "Nair", "Kowalczyk", "Kierkegård"]
COUNTRY = {"US": ["US", "CA", "GB", "DE", "PL", "IE", "GR"],
           "IN": ["IN"]}
TITLES = [("mlops", "MLOps Engineer"), ("ml-engineering", "ML Engineer"),
          ("software", "Software Engineer"), ("data-science", "Data Scientist"),
          ("data-engineering", "Data Engineer"), ("devops", "DevOps Engineer"),
          ("solutions", "Solutions Engineer"), ("fde", "Forward Deployed Engineer")]
ORGS = ["Northwind Analytics", "Contoso Health", "Fabrikam Bank",
        "Tailspin Logistics", "Adatum Insurance", "Litware Retail",
        "Wide World Importers", "Proseware AI", "Trey Research"]
DIMS = ["python_apis", "cloud", "containers", "ml_frameworks", "pipelines",
        "customer", "cicd", "business"]
KEYWORDS = ["k8s", "Airflow", "PyTorch", "Terraform", "FastAPI", "MLflow",
            "Kubeflow", "GitHub Actions", "Docker", "AWS", "GCP", "Helm",
            "stakeholder management", "discovery workshops", "Spark",
            "scikit-learn", "Prefect", "Jenkins", "Cobol-on-wheels"]
STATEMENTS = ["mlops-1", "mlops-2", "mlops-3", "mlops-4",
              "fde-1", "fde-2", "fde-3", "fde-4"]


def profile(rng, n):
    market = "IN" if rng.random() < 0.45 else "US"
    years = round(rng.choice([rng.uniform(0.5, 3), rng.uniform(3, 5),
                              rng.uniform(5, 8), rng.uniform(8, 20)]), 1)
    fam, title = rng.choice(TITLES)
    pid = "gen-%06d" % n
    name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<profile xmlns="urn:reportgen:candidate:1" version="1">',
           '  <identity id="%s">' % pid,
           '    <name>%s</name>' % escape(name)]
    if rng.random() < 0.5:
        out.append('    <email>%s@example.com</email>' % pid)
    out += ['    <country>%s</country>' % rng.choice(COUNTRY[market]),
            '    <market>%s</market>' % market,
            '  </identity>',
            '  <experience production-years="%.1f">' % years,
            '    <current-title>%s</current-title>' % title,
            '    <role-family>%s</role-family>' % fam]
    npos = rng.choice([0, 1, 2, 3, 5, 8, 12, 25])
    if npos:
        out.append('    <positions>')
        year = 2025
        for i in range(npos):
            start = year - rng.randint(1, 3)
            cf = "true" if rng.random() < 0.3 else "false"
            out.append('      <position customer-facing="%s">' % cf)
            out.append('        <title>%s</title>' % rng.choice(TITLES)[1])
            out.append('        <organisation>%s</organisation>' % rng.choice(ORGS))
            out.append('        <start>%04d-%02d</start>' % (start, rng.randint(1, 12)))
            if i > 0:
                out.append('        <end>%04d-%02d</end>' % (year, rng.randint(1, 12)))
            if rng.random() < 0.7:
                out.append('        <owned pipelines="%d" deployments="%d" workshops="%d" '
                           'on-call="%s" end-to-end="%s"/>' % (
                               rng.randint(0, 8), rng.randint(0, 20),
                               rng.randint(0, 6),
                               rng.choice(["true", "false"]),
                               rng.choice(["true", "false"])))
            if rng.random() < 0.4:
                out.append('        <summary>Owned model serving and monitoring for %s; '
                           'worked with %d teams.</summary>' % (
                               rng.choice(ORGS), rng.randint(1, 9)))
            out.append('      </position>')
            year = start
            if year < 1975:
                break
        out.append('    </positions>')
    out += ['  </experience>', '  <skills>']
    for d in DIMS:
        if rng.random() < 0.85:
            out.append('    <skill dimension="%s" level="%d" years="%.1f" projects="%d" '
                       'certifications="%d"/>' % (
                           d, rng.randint(0, 5), rng.uniform(0, 8),
                           rng.randint(0, 10), rng.randint(0, 2)))
    for kw in rng.sample(KEYWORDS, rng.randint(0, 6)):
        out.append('    <keyword>%s</keyword>' % escape(kw))
    out.append('  </skills>')
    if rng.random() < 0.8:
        out.append('  <preferences>')
        for s in STATEMENTS:
            if rng.random() < 0.9:
                out.append('    <agree statement="%s">%d</agree>' % (s, rng.randint(1, 5)))
        out.append('  </preferences>')
    out.append('  <goals target="%s" hours-per-week="%d">' % (
        rng.choice(["fde", "mlops", "undecided"]), rng.randint(2, 20)))
    if rng.random() < 0.5:
        if market == "US":
            out.append('    <current-compensation amount="%d" currency="USD" basis="%s"/>' % (
                rng.randint(60, 300) * 1000, rng.choice(["base", "total"])))
        else:
            out.append('    <current-compensation amount="%d" currency="INR" basis="%s"/>' % (
                rng.randint(6, 70) * 100000, rng.choice(["base", "total"])))
    out.append('  </goals>')
    if rng.random() < 0.3:
        out.append('  <notes>Discussed options on %d occasions; keen on %s.</notes>' % (
            rng.randint(1, 5), rng.choice(["customer work", "platform work"])))
    out += ['</profile>', '']
    return pid, "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for n in range(a.count):
        pid, text = profile(rng, n)
        with open(os.path.join(a.out, pid + ".xml"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
