#!/bin/sh
# one.sh N...: render the reference profile with allocation N failing and
# print one line per N: "N CLASS rc detail".  Used by t_allocfail.sh
# (through xargs -P); reads RG, SHIM, PROFILE, REF, WORK from the
# environment.  Classes:
#   ok-error    non-zero exit, a message, no file at the final name, no temp
#   ok-same     exit 0 and the PDF is byte-identical to the reference (the
#               failure was absorbed, e.g. by a cache or a retry)
#   lib-crash   a signal whose first frame below the handler (libc aside)
#               is in libxml2 (its schema validator under OOM, documented
#               in docs/reliability.md); a crash in libharu counts as ours,
#               since pdf.c must stop calling it after its first error
#   CRASH       a signal in our code (or unknown)
#   SILENT      exit 0 but the PDF differs from the reference
#   NOMSG       non-zero exit without any message
#   LEFTOVER    a file at the final name or a temp file after a failure
for n in "$@"; do
	d=$WORK/$n
	mkdir -p "$d"
	FAILMALLOC_BT=1 FAILMALLOC_N=$n LD_PRELOAD=$SHIM timeout 20 "$RG" \
	    render --data-dir . --date 2026-06-01 -o "$d/x.pdf" "$PROFILE" \
	    >"$d/out" 2>"$d/err"
	rc=$?
	if [ $rc -ge 124 ]; then
		# The first frame below the handler and libc's signal
		# trampoline that is not in libc itself (free(), strcmp()).
		where=$(grep -A40 '^failmalloc: fatal signal' "$d/err" |
		    sed -n '4,$p' | grep -v 'libc\.so' | head -n 1)
		case $where in
		*libxml2.so*)
			cls=lib-crash ;;
		*) cls=CRASH ;;
		esac
		detail="$where"
	elif [ $rc = 0 ]; then
		if cmp -s "$d/x.pdf" "$REF"; then cls=ok-same; else cls=SILENT; fi
		detail=$(head -c 120 "$d/err" | tr '\n' '|')
	else
		detail=$(grep -v '^failmalloc' "$d/err" | head -n 1 | cut -c1-160)
		left=$(ls -A "$d" | grep -v -e '^out$' -e '^err$' | tr '\n' ' ')
		if [ -n "$left" ]; then cls=LEFTOVER; detail="$left"
		elif ! grep -Eq '(error|fatal):' "$d/err"; then cls=NOMSG
		else cls=ok-error; fi
	fi
	echo "$n $cls $rc $detail"
	rm -rf "$d"
done
