#!/bin/sh
# t_k8s.sh: the cluster run without a cluster.  The commands are read
# from contrib/k8s/job.yaml and merge-job.yaml (parsed with python3-yaml,
# so the manifests and this test cannot drift):
#  - the Indexed Job: completions = parallelism = the N of --shard auto/N,
#    restartPolicy Never, a podFailurePolicy rule that ends exit 65 (no
#    Ignore: that retries forever), the -j of its args = its CPU request
#    = its CPU limit; the merge Job lists the N summaries;
#  - its args run once per index with JOB_COMPLETION_INDEX set, $(VAR)
#    expanded as the kubelet does, the volumes' mount paths mapped to
#    directories here, the image's entrypoint (reportgen) in front; then
#    the merge Job's args;
#  - one invalid profile among them: its index exits 65, the others 0;
#  - the result equals a single `reportgen batch` on the same profiles:
#    the same set of reports, byte for byte, and the merged summary.csv
#    equal to the single run's (rows sorted by id, the output column
#    relative to its shard).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need python3
python3 -c 'import yaml' 2>/dev/null || {
	cannot "parsing the manifests" "no python3-yaml (make deps installs it)"
	finish 0
}
RG=${RG:-build/reportgen}
case $RG in /*) ;; *) RG=$PWD/$RG ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rgk8s.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$RG" "$tmp" <<'PY'
import os, re, subprocess, sys, yaml, filecmp, shutil
rg, tmp = sys.argv[1], sys.argv[2]
fails = []
def bad(m): fails.append(m); print("FAIL: " + m)

job = yaml.safe_load(open("contrib/k8s/job.yaml"))
merge = yaml.safe_load(open("contrib/k8s/merge-job.yaml"))
spec = job["spec"]; pod = spec["template"]["spec"]
c = pod["containers"][0]; args = [str(a) for a in c["args"]]

# The Indexed Job's shape.
if spec.get("completionMode") != "Indexed": bad("job.yaml is not an Indexed Job")
m = [a for a in args if a.startswith("auto/")]
n = int(m[0][5:]) if m else 0
if not m or args[args.index(m[0]) - 1] != "--shard":
    bad("job.yaml's args have no --shard auto/N")
if not (spec.get("completions") == spec.get("parallelism") == n):
    bad("completions %s, parallelism %s, --shard auto/%d disagree" %
        (spec.get("completions"), spec.get("parallelism"), n))
if pod.get("restartPolicy") != "Never": bad("restartPolicy is not Never")
rules65 = [r for r in spec.get("podFailurePolicy", {}).get("rules", [])
           if 65 in r.get("onExitCodes", {}).get("values", [])
           and r["onExitCodes"].get("operator") == "In"]
if not rules65 or rules65[0]["action"] not in ("FailIndex", "FailJob"):
    bad("no podFailurePolicy rule ends exit 65 (FailIndex or FailJob)")
if rules65 and rules65[0]["action"] == "FailIndex" and "backoffLimitPerIndex" not in spec:
    bad("FailIndex needs backoffLimitPerIndex")
j = args[args.index("-j") + 1] if "-j" in args else None
req, lim = c["resources"]["requests"].get("cpu"), c["resources"]["limits"].get("cpu")
if not (j is not None and str(req) == j and str(lim) == j):
    bad("-j %s, CPU request %s, limit %s disagree" % (j, req, lim))
margs = [str(a) for a in merge["spec"]["template"]["spec"]["containers"][0]["args"]]
want = ["/reports/shard-%d/summary.csv" % i for i in range(n)]
if [a for a in margs if a.endswith("/summary.csv") and a != margs[margs.index("-o") + 1]] != want:
    bad("merge-job.yaml does not list the %d shards' summaries in order" % n)
if not fails:
    print("ok: job.yaml: Indexed, %d shards, exit 65 -> %s, -j %s = %s CPUs; merge lists %d summaries"
          % (n, rules65[0]["action"], j, req, n))

# Mount paths -> local directories.
prof, rep = os.path.join(tmp, "profiles"), os.path.join(tmp, "reports")
shutil.copytree("inputs", prof); os.mkdir(rep)
# One invalid profile: its shard exits 65, the others 0, as in the cluster.
shutil.copy("tests/bad/bad-date-order.xml", os.path.join(prof, "zz-invalid.xml"))
mounts = {"reportgen-profiles": prof, "reportgen-reports": rep}
def local(podspec, cont):
    claim = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in podspec["volumes"]}
    return {vm["mountPath"]: mounts[claim[vm["name"]]] for vm in cont["volumeMounts"]}
def run(podspec, cont, env):
    paths = local(podspec, cont)
    out = []
    for a in cont["args"]:
        a = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                   lambda mm: env.get(mm.group(1), mm.group(0)), str(a))
        for mp, d in paths.items():
            if a == mp or a.startswith(mp + "/"): a = d + a[len(mp):]
        out.append(a)
    e = dict(os.environ); e.update(env); e["SOURCE_DATE_EPOCH"] = "1768478400"
    r = subprocess.run([rg] + out, env=e, capture_output=True, text=True)
    return r.returncode, out, r.stderr

single = os.path.join(tmp, "single")
e = dict(os.environ); e["SOURCE_DATE_EPOCH"] = "1768478400"
rs = subprocess.run([rg, "batch", "--quiet", "-o", single, prof], env=e,
                    capture_output=True, text=True).returncode
codes = []
for i in range(n):
    envi = {"JOB_COMPLETION_INDEX": str(i)}
    envi.update({v["name"]: str(v["value"]) for v in c.get("env", [])})
    rc, cmd, err = run(pod, c, envi)
    codes.append(rc)
    if rc not in (0, 65): bad("index %d exited %d: %s" % (i, rc, err.strip()))
print("ran: reportgen " + " ".join(cmd).replace(tmp, "$tmp"))
print("ok: %d indexes exited %s; the single run exited %d" % (n, codes, rs))
mc = merge["spec"]["template"]["spec"]
rc, cmd, err = run(mc, mc["containers"][0], {})
print("ran: reportgen " + " ".join(cmd).replace(tmp, "$tmp"))
if rs != 65 or sorted(codes) != [0] * (n - 1) + [65]:
    bad("expected the single run and one index to exit 65 (one invalid profile), the rest 0")
if rc != 0: bad("merge exited %d: %s" % (rc, err.strip()))

# Every report, byte for byte; no report twice.
shard_pdfs = {}
for i in range(n):
    d = os.path.join(rep, "shard-%d" % i)
    for f in os.listdir(d):
        if f.endswith(".pdf") and f != "index.pdf":
            if f in shard_pdfs: bad("%s in two shards" % f)
            shard_pdfs[f] = os.path.join(d, f)
one = {f for f in os.listdir(single) if f.endswith(".pdf") and f != "index.pdf"}
if set(shard_pdfs) != one:
    bad("reports differ: shards only %s, single only %s" %
        (sorted(set(shard_pdfs) - one), sorted(one - set(shard_pdfs))))
same = [f for f in one & set(shard_pdfs)
        if filecmp.cmp(shard_pdfs[f], os.path.join(single, f), shallow=False)]
if len(same) != len(one): bad("%d of %d reports differ in bytes" % (len(one) - len(same), len(one)))
else: print("ok: %d reports over %d shards, each byte-identical to the single run's" % (len(one), n))

# One summary, the single run's.
a = open(os.path.join(rep, "summary.csv")).read().splitlines()
b = open(os.path.join(single, "summary.csv")).read().splitlines()
if a[0] != b[0]: bad("summary headers differ")
norm = lambda rows: sorted(re.sub(r"shard-\d+/", "", r) for r in rows[1:])
if norm(a) != norm(b):
    for x in sorted(set(norm(a)) ^ set(norm(b)))[:6]: print("  differs: " + x)
    bad("the merged summary.csv is not the single run's")
else:
    print("ok: merged summary.csv = the single run's (%d rows)" % (len(a) - 1))
sys.exit(1 if fails else 0)
PY
st=$?

# --shard auto: the same shard as K/N; without its variables, a usage
# error that says what is missing.
env -u REPORTGEN_SHARD_COUNT JOB_COMPLETION_INDEX=3 SOURCE_DATE_EPOCH=1768478400 \
    "$RG" batch --quiet --shard auto/8 -o "$tmp/a" inputs >/dev/null 2>&1
JOB_COMPLETION_INDEX=3 REPORTGEN_SHARD_COUNT=8 SOURCE_DATE_EPOCH=1768478400 \
    "$RG" batch --quiet --shard auto -o "$tmp/b" inputs >/dev/null 2>&1
SOURCE_DATE_EPOCH=1768478400 "$RG" batch --quiet --shard 3/8 -o "$tmp/c" inputs \
    >/dev/null 2>&1
for d in a b; do
	cmp -s "$tmp/$d/summary.csv" "$tmp/c/summary.csv" ||
	    { echo "FAIL: --shard auto ($d) is not --shard 3/8"; st=1; }
done
check_usage() {	# EXPECTED-TEXT ENV... -- ARGS
	want=$1; shift
	env "$@" "$RG" batch -o "$tmp/u" --shard auto/8 inputs >/dev/null 2>"$tmp/err"
	rc=$?
	{ [ $rc = 64 ] && grep -q "$want" "$tmp/err" && [ "$(wc -l <"$tmp/err")" = 1 ]; } ||
	    { cat "$tmp/err"; echo "FAIL: $* --shard auto/8: exit $rc, want 64 and '$want'"; st=1; }
}
check_usage 'JOB_COMPLETION_INDEX, which is not set' -u JOB_COMPLETION_INDEX
check_usage '0 <= K < N' JOB_COMPLETION_INDEX=8
check_usage '0 <= K < N' JOB_COMPLETION_INDEX=-1
env -u REPORTGEN_SHARD_COUNT JOB_COMPLETION_INDEX=1 "$RG" batch --shard auto \
    -o "$tmp/u" inputs >/dev/null 2>"$tmp/err"
[ $? = 64 ] && grep -q REPORTGEN_SHARD_COUNT "$tmp/err" ||
    { echo "FAIL: --shard auto without a count"; st=1; }
[ $st = 0 ] && echo "ok: --shard auto = --shard 3/8; missing or bad index: 64 with the reason"
[ $st = 0 ] && echo "the Indexed Job, run here, equals a single run"
finish $st
