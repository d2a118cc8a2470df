#!/bin/sh
# t_container.sh: the Containerfile, checked statically (the test machine
# has no container engine; nothing here builds or runs an image):
#  - both stages FROM debian:bookworm-slim; the build stage installs
#    through `make deps-build`, the runtime stage installs exactly the
#    packages of contrib/runtime-packages, the file the Makefile's
#    DEBIAN_PKGS reads (make print-runtime-pkgs), and no -dev package;
#  - every library the binary links (objdump -p: NEEDED), and those it
#    opens on first use (libqpdf, HarfBuzz, FriBidi, libcrypto, SQLite), belongs to a package of that list (dpkg -S), libc
#    and libm aside (libc6 is in every Debian image);
#  - it runs as a non-root user, with reportgen as its entrypoint, and
#    copies the data directory (schemas, market data, fonts);
#  - the Kubernetes manifests run the image as that same user.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need objdump dpkg-query python3
RG=${RG:-build/reportgen}
CF=Containerfile
status=0
bad() { echo "FAIL: $*"; status=1; }
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

[ -f "$CF" ] || { echo "FAIL: no $CF"; exit 1; }
[ "$(grep -c '^FROM debian:bookworm-slim\( AS build\)\?$' "$CF")" = 2 ] ||
    bad "$CF: both stages must be FROM debian:bookworm-slim"
[ "$(grep -c '^FROM ' "$CF")" = 2 ] || bad "$CF: expected two stages"
grep -q 'make deps-build' "$CF" || bad "$CF: the build stage does not use make deps-build"

# The runtime stage: from the second FROM to the end.
awk '/^FROM /{n++} n == 2' "$CF" >"${TMPDIR:-/tmp}/rgcf.$$"
rt="${TMPDIR:-/tmp}/rgcf.$$"
trap 'rm -f "$rt"' EXIT INT TERM
grep -qx 'COPY contrib/runtime-packages /tmp/runtime-packages' "$rt" ||
    bad "the runtime stage does not copy contrib/runtime-packages"
grep -q "apt-get install .*--no-install-recommends" "$rt" &&
grep -q "\$(sed 's/#.\*//' /tmp/runtime-packages)" "$rt" ||
    bad "the runtime stage does not install the packages of contrib/runtime-packages"
# No other package name is installed in the runtime stage.
extra=$(sed -n '/apt-get install/,/rm -rf/p' "$rt" | tr ' \\' '\n\n' |
    grep -v -e '^$' -e '^-' -e '^\$(sed' -e "^'s/" -e '^/tmp/' -e '&&' \
        -e '^apt-get$' -e '^install$' -e '^rm$' -e '^/var/' -e 'DEBIAN_FRONTEND' \
        -e '^RUN$' -e '^update$' | sort -u)
[ -z "$extra" ] && echo "ok: the runtime stage installs contrib/runtime-packages only" ||
    bad "the runtime stage installs more than the list: $extra"

pkgs=$(sed 's/#.*//' contrib/runtime-packages | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
mk=$(make -s print-runtime-pkgs)
[ "$pkgs" = "$mk" ] && echo "ok: Makefile RUNTIME_PKGS = contrib/runtime-packages ($mk)" ||
    bad "the Makefile's runtime packages ($mk) are not contrib/runtime-packages ($pkgs)"
make -s -n deps | grep -q -- "$(echo "$pkgs" | cut -d' ' -f1)" ||
    bad "make deps does not install the runtime packages"
for p in $pkgs; do
	case $p in *-dev) bad "runtime package $p is a -dev package" ;; esac
done

# Each library the binary needs comes from a listed package.
libs=$(objdump -p "$RG" | awk '/NEEDED/ { print $2 }')
qpdf=$(objdump -p "$(pkg-config --variable=libdir libqpdf)/libqpdf.so" 2>/dev/null |
    awk '/SONAME/ { print $2 }')
[ -n "$qpdf" ] || bad "cannot find libqpdf's soname"
# And those it opens on first use (encrypt.c, pdf_hb.c, hash.c, state.c): their
# sonames are strings in the binary.
dl=$(strings "$RG" | grep -oE 'lib[A-Za-z0-9_+-]+\.so\.[0-9.]+' | sort -u | tr '\n' ' ')
for want in libharfbuzz.so libfribidi.so libcrypto.so libsqlite3.so; do
	case " $dl" in *" $want".*) ;; *) bad "no $want soname in the binary ($dl)" ;; esac
done
for l in $libs $qpdf $dl; do
	# libc6 is in every image; the sanitizer runtimes only in the ASan
	# build this test also runs on, never in the image.
	case $l in libc.so.*|libm.so.*|libasan.so.*|libubsan.so.*) continue ;; esac
	p=$(dpkg -S "*/$l" 2>/dev/null | head -1 | cut -d: -f1)
	[ -n "$p" ] || { bad "no package holds $l"; continue; }
	echo " $pkgs " | grep -q " $p " || bad "$l is in $p, not in contrib/runtime-packages"
done
[ $status = 0 ] && echo "ok: every linked or opened library ($(echo $libs $qpdf $dl | wc -w)) is in a listed package"

# Non-root user, entrypoint, data directory.
user=$(awk '/^USER /{u = $2} END { print u }' "$rt")
uid=${user%%:*}
case $uid in
''|0|root) bad "the image runs as root (USER '$user')" ;;
*[!0-9]*) bad "USER should be numeric (runAsNonRoot checks it): '$user'" ;;
*) echo "ok: runs as uid $uid" ;;
esac
grep -q "useradd .*--uid $uid " "$rt" || bad "no user with uid $uid is created"
grep -qx 'ENTRYPOINT \["/usr/local/bin/reportgen"\]' "$rt" || bad "the entrypoint is not reportgen"
grep -qx 'COPY --from=build /stage/usr/local/share/reportgen /usr/local/share/reportgen' "$rt" ||
    bad "the data directory (schemas, data, fonts) is not copied"
grep -q 'install PREFIX=/usr/local DESTDIR=/stage' "$CF" ||
    bad "the build stage does not make install into /stage with PREFIX=/usr/local"
grep -q 'fonts/DejaVuSans.ttf' Makefile || bad "make install does not install the fonts"

# The manifests run as the image's user.
python3 - "$uid" contrib/k8s/job.yaml contrib/k8s/merge-job.yaml <<'PY' || status=1
import sys, yaml
uid = int(sys.argv[1])
for f in sys.argv[2:]:
    for doc in yaml.safe_load_all(open(f)):
        sc = doc["spec"]["template"]["spec"]["securityContext"]
        if sc.get("runAsUser") != uid or not sc.get("runAsNonRoot"):
            print("FAIL: %s: runAsUser %s, image uid %d" % (f, sc.get("runAsUser"), uid))
            sys.exit(1)
print("ok: the manifests run as uid %d, non-root" % uid)
PY
[ $status = 0 ] && echo "Containerfile checked (statically: no container engine here)"
finish $status
