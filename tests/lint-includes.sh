#!/bin/sh
# Each library is included in one room only (STYLE.md: "each library
# confined to one module").  This test fails when a header shows up
# anywhere else, so the rule cannot rot silently.
cd "$(dirname "$0")/.." || exit 1
status=0
check() {	# header-regex allowed-files-regex
	bad=$(grep -lE "#include[[:space:]]*<($1)" reportgen/*.c reportgen/*.h 2>/dev/null |
	    grep -vE "^reportgen/($2)$")
	if [ -n "$bad" ]; then
		echo "lint: <$1> included outside $2: $bad"
		status=1
	fi
}
check 'hpdf'			'pdf(_[a-z]+)?\.c|pdf_private\.h'
check 'libxml/'			'xmlsafe(_[a-z]+)?\.[ch]|load_[a-z_]+\.c'
check 'jansson\.h'		'score_json\.c|manifest\.c|batch[a-z_]*\.c|logjson\.c'
check 'openssl/'		'hash\.c'
check 'qpdf/'			'encrypt\.c'
[ $status = 0 ] && echo "lint: library includes confined: ok"
exit $status
