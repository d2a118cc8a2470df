#!/bin/sh
# lint-includes.sh [DIR]: the include rules of reportgen/ (or of DIR, a
# copy of it: tests/t_lint.sh plants violations in one).  `make lint`.
#
# 1. Libraries: each library's headers are included only by the files of
#    its one room (STYLE.md: "each library confined to one module").  A
#    header that is neither a library below nor a C/POSIX/glibc header is
#    an error too, so a new library (sqlite3, harfbuzz...) cannot slip in
#    without a row saying where it lives.
# 2. Stages: every file belongs to a stage, by its name.  A file includes
#    only headers of its own stage or of an earlier one: the arrows run
#    one way.  The order is the one of the includes, which is not quite
#    that of the data: the model is the contract the loaders fill (so it
#    comes before them), and the PDF layer is the tool the layout draws
#    with (so it comes before the layout).  batch, the commands and main
#    are at the top and may include anything.
# 3. The layout and the drawing know no loader (they get a filled model
#    and assessment), and no scorer internals: the layout reads the
#    assessment through score.h, the drawing not even that.
#
# Every rule works on name patterns (shell globs against the base name),
# so files split off later (pdf_font.c, batch_pool.c, xmlsafe_walk.c)
# are covered as they appear.  A file whose name matches no stage is an
# error: give it a row.
cd "$(dirname "$0")/.." || exit 1
DIR=${1:-reportgen}
[ -d "$DIR" ] || { echo "lint: no directory $DIR"; exit 2; }
set -f		# the tables hold globs: no pathname expansion

# Library header (glob)  files that may include it (globs; "-": none)
LIBS='
hpdf*.h			pdf*.c pdf_*.h
libxml/*		xmlsafe*.c xmlsafe_*.h
jansson*.h		score_json.c manifest*.c batch*.c import_json.c
openssl/*		hash*.c
libdeflate.h		pdf_deflate.c
zlib.h			pdf_deflate.c
zconf.h			pdf_deflate.c
png.h			image*.c
pngconf.h		image*.c
pnglibconf.h		image*.c
qpdf/*			encrypt*.c
hb.h			pdf_shape.c pdf_cid.c pdf_hb.c pdf_hb.h
hb-ot.h			pdf_shape.c pdf_cid.c pdf_hb.c pdf_hb.h
hb-subset.h		pdf_cid.c pdf_hb.c pdf_hb.h
fribidi*.h		pdf_shape.c pdf_hb.c pdf_hb.h
sqlite3*.h		state*.c
cmocka*.h		-
'
# C11, POSIX and the glibc/BSD headers the code may use anywhere.
SYSTEM='
assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h
limits.h locale.h math.h setjmp.h signal.h stdalign.h stdarg.h
stdatomic.h stdbool.h stddef.h stdint.h stdio.h stdlib.h stdnoreturn.h
string.h tgmath.h threads.h time.h uchar.h wchar.h wctype.h
aio.h cpio.h dirent.h dlfcn.h fcntl.h fmtmsg.h fnmatch.h ftw.h glob.h
grp.h iconv.h langinfo.h libgen.h monetary.h mqueue.h netdb.h
nl_types.h poll.h pthread.h pwd.h regex.h sched.h search.h semaphore.h
spawn.h strings.h syslog.h tar.h termios.h ulimit.h unistd.h utime.h
utmpx.h wordexp.h arpa/* net/* netinet/* sys/*
sysexits.h getopt.h malloc.h alloca.h endian.h err.h paths.h features.h
execinfo.h byteswap.h
'
# Stage  files and headers (globs on the name without .c/.h), in order
STAGES='
base	arena* diag* hash* readfile* cpus*
model	model*
words	fmt* paytext* words*
read	load* xmlsafe* inputs* image* brand* passwords* import*
score	score*
draw	pdf*
layout	report* render* sections* sect_* theme* index*
write	output* encrypt* manifest* state*
top	batch* cmd* main* worker* progress* summary*
'
# (words: numbers, pay and counted nouns as the report and `score --format
# text` print them; pure functions of the model.)
# Headers the layout and the drawing must not include (rule 3).
LOADERS='load* xmlsafe* inputs* passwords*'
SCORER_INTERNAL='score_*'	# the layout may include score.h only
DRAW_NO='score*'		# the drawing: no scorer header at all

# Known arrows against the stage order, each to be removed by the work
# named: "file header why".  One that no longer occurs is reported, so
# its row can go.
EXCEPTIONS='
'

# The rules, in awk (one process: the shell version forked thousands).
set +f
export LIBS SYSTEM STAGES LOADERS SCORER_INTERNAL DRAW_NO EXCEPTIONS
awk '
function re(glob,	r) {	# a shell glob as an anchored regex
	r = glob
	gsub(/[.+^$(){}|\[\]\\]/, "\\\\&", r)
	gsub(/\*/, ".*", r); gsub(/\?/, ".", r)
	return "^" r "$"
}
function matches(name, globs,	n, g, i) {	# globs: space-separated
	n = split(globs, g, " ")
	for (i = 1; i <= n; i++)
		if (name ~ re(g[i])) return 1
	return 0
}
function stage(name,	base, i) {	# sets RANK and STAGE; 0 when none
	base = name; sub(/\.[ch]$/, "", base)
	for (i = 1; i <= nstages; i++)
		if (matches(base, sglobs[i])) { RANK = i; STAGE = sname[i]; return i }
	RANK = 0; STAGE = ""; return 0
}
function err(msg) { print "lint: " msg; bad = 1 }
function rows(text, out,	n, l, i, k) {	# non-blank lines of a table
	n = split(text, l, "\n"); k = 0
	for (i = 1; i <= n; i++) if (l[i] ~ /[^ \t]/) out[++k] = l[i]
	return k
}
BEGIN {
	nlibs = rows(ENVIRON["LIBS"], t)
	for (i = 1; i <= nlibs; i++) {
		split(t[i], w, /[ \t]+/); lglob[i] = w[1]
		x = t[i]; sub(/^[^ \t]+[ \t]+/, "", x); lfiles[i] = x
	}
	system_h = ENVIRON["SYSTEM"]; gsub(/[ \t\n]+/, " ", system_h)
	nstages = rows(ENVIRON["STAGES"], t)
	for (i = 1; i <= nstages; i++) {
		split(t[i], w, /[ \t]+/); sname[i] = w[1]
		x = t[i]; sub(/^[^ \t]+[ \t]+/, "", x); sglobs[i] = x
	}
	nexc = rows(ENVIRON["EXCEPTIONS"], t)
	for (i = 1; i <= nexc; i++) {
		split(t[i], w, /[ \t]+/); exc[w[1] " " w[2]] = 0; excrow[i] = w[1] " " w[2]
	}
	for (i = 1; i < ARGC; i++) {
		f = ARGV[i]; name = f; sub(/.*\//, "", name)
		if (!stage(name))
			err(f ": stages: " name " is in no stage; give it one in the STAGES table of tests/lint-includes.sh")
	}
}
FNR == 1 {
	name = FILENAME; sub(/.*\//, "", name)
	stage(name); frank = RANK; fstage = STAGE
}
/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
	inc = $0; sub(/^[^<"]*/, "", inc)
	match(inc, /^[<"][^>"]*[>"]/); inc = substr(inc, 1, RLENGTH)
	h = substr(inc, 2, length(inc) - 2)
	where = FILENAME ":" FNR ": #include " inc
	if (inc ~ /^</) {
		for (i = 1; i <= nlibs; i++)
			if (h ~ re(lglob[i])) break
		if (i <= nlibs) {
			if (lfiles[i] == "-")
				err(where ": libraries: <" h "> belongs in the tests, in no file of reportgen/")
			else if (!matches(name, lfiles[i]))
				err(where ": libraries: <" h "> belongs in " lfiles[i] " only")
		} else if (!matches(h, system_h))
			err(where ": libraries: <" h "> is no C/POSIX header and no known library; give its library a row in the LIBS table of tests/lint-includes.sh")
		next
	}
	if (!frank) next
	if (!stage(h)) { err(where ": stages: " h " is in no stage"); next }
	if (RANK > frank) {
		if ((name " " h) in exc) exc[name " " h]++
		else err(where ": stages: a " fstage " file includes a header of a later stage (" STAGE ")")
	}
	base = h; sub(/\.h$/, "", base)
	if ((fstage == "layout" || fstage == "draw") && matches(base, ENVIRON["LOADERS"]))
		err(where ": stages: a " fstage " file includes a loader header")
	if (fstage == "layout" && matches(base, ENVIRON["SCORER_INTERNAL"]))
		err(where ": stages: the layout reads the assessment through score.h only, not " h)
	if (fstage == "draw" && matches(base, ENVIRON["DRAW_NO"]))
		err(where ": stages: the drawing knows no scorer header (" h ")")
}
END {
	for (i = 1; i <= nexc; i++)
		if (!exc[excrow[i]])
			print "lint: note: the exception \"" excrow[i] "\" (file, header) is no longer needed: remove its row"
	if (!bad) print "lint: library includes confined, stages in order: ok"
	exit bad
}' "$DIR"/*.c "$DIR"/*.h
