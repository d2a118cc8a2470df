#!/bin/sh
# t_lint.sh: `make lint` passes on the tree, and fails, naming the file
# and the rule, on each violation planted in a copy of it: a library in
# the wrong room, a library with no row, a loader or scorer-internal
# header in the layout, an arrow up the stages (also from a file split
# off later, which only the name patterns know), a file in no stage.
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_lint.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

sh tests/lint-includes.sh >"$tmp/out" 2>&1 ||
    { cat "$tmp/out"; fail "make lint fails on the tree itself"; }
cat "$tmp/out"

# plant FILE LINE RULE: add LINE to a fresh copy of FILE (created when
# missing); lint must fail with a message naming FILE, the header and RULE.
n=0
plant() {
	n=$((n + 1))
	d=$tmp/$n/reportgen
	mkdir -p "$d"
	ln -s "$PWD"/reportgen/*.[ch] "$d/"	# lint only reads them
	rm -f "$d/$1"
	[ ! -f "reportgen/$1" ] || cp "reportgen/$1" "$d/$1"
	printf '%s\n' "$2" >>"$d/$1"
	hdr=$(printf '%s\n' "$2" | sed 's/^#include *[<"]\(.*\)[>"]$/\1/')
	case $3 in *"no stage"*) hdr=$1 ;; esac	# that message names no header
	sh tests/lint-includes.sh "$d" >"$tmp/$n.out" 2>&1
	st=$?
	if [ $st = 0 ]; then
		fail "planted '$2' in $1: lint passes"
	elif ! grep -F "$d/$1:" "$tmp/$n.out" | grep -F -- "$3" |
	    grep -Fq -- "$hdr"; then
		cat "$tmp/$n.out"
		fail "planted '$2' in $1: no message naming $1, $hdr and '$3'"
	else
		echo "ok: '$2' in $1: $(grep -F "$d/$1:" "$tmp/$n.out" | head -n 1 | sed 's/^.*: \([a-z]*: \)/\1/')"
	fi
}
plant score.c		'#include <zlib.h>'		'libraries: <zlib.h> belongs in pdf'
plant render.c		'#include <png.h>'		'libraries: <png.h> belongs in image'
plant pdf.h		'#include <hpdf.h>'		'libraries: <hpdf.h> belongs in pdf*.c pdf_*.h only'
plant load_profile.c	'#include <libxml/tree.h>'	'libraries: <libxml/tree.h> belongs in xmlsafe'
plant summary.c		'#include <jansson.h>'		'libraries: <jansson.h> belongs in'
plant worker.c		'#include <openssl/evp.h>'	'libraries: <openssl/evp.h> belongs in hash'
plant batch.c		'#include <qpdf/qpdf-c.h>'	'libraries: <qpdf/qpdf-c.h> belongs in encrypt'
plant model.c		'#include <cmocka.h>'		'libraries: <cmocka.h> belongs in the tests'
plant model.c		'#include <sqlite3.h>'		'libraries: <sqlite3.h> belongs in state'
plant model.c		'#include <leveldb/c.h>'	'libraries: <leveldb/c.h> is no C/POSIX header and no known library'
plant sect_roles.c	'#include "load.h"'		'stages: a layout file includes a loader header'
plant index.c		'#include "xmlsafe.h"'		'stages: a layout file includes a loader header'
plant pdf.c		'#include "inputs.h"'		'stages: a draw file includes a loader header'
plant sect_plan.c	'#include "score_internal.h"'	'stages: the layout reads the assessment through score.h only'
plant pdf.c		'#include "score.h"'		'stages: the drawing knows no scorer header'
plant pdf.c		'#include "batch.h"'		'stages: a draw file includes a header of a later stage (top)'
plant score.c		'#include "sections.h"'		'stages: a score file includes a header of a later stage (layout)'
plant model.h		'#include "load.h"'		'stages: a model file includes a header of a later stage (read)'
plant pdf_newpart.c	'#include "output.h"'		'stages: a draw file includes a header of a later stage (write)'
plant sect_newpart.c	'#include "batch_private.h"'	'stages: a layout file includes a header of a later stage (top)'
plant newroom.c		'#include "model.h"'		'stages: newroom.c is in no stage'

echo "t_lint: $n planted violations"
[ $fails = 0 ]
