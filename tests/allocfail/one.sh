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
#               since the pdf layer must stop calling it after its first error
#   CRASH       a signal in our code (or unknown)
#   SILENT      exit 0 but the PDF differs from the reference
#   NOMSG       non-zero exit without any message
#   LEFTOVER    a file at the final name or a temp file after a failure
#
# Few processes per N (the render and its timeout, one awk when it
# failed): at ~340 N a run, each fork counts.  One work directory per
# invocation, emptied between runs.
d=$WORK/w$$
mkdir -p "$d" || exit 1
for n in "$@"; do
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
		# the first message line (cut to 160 bytes); status 0 when
		# some line is an "error:" or "fatal:" message
		detail=$(awk '!/^failmalloc/ && !got { d = substr($0, 1, 160); got = 1 }
		    /(error|fatal):/ { msg = 1 } END { print d; exit !msg }' "$d/err")
		msg=$?
		left=""
		for x in "$d"/* "$d"/.[!.]* "$d"/..?*; do
			[ -e "$x" ] || [ -L "$x" ] || continue
			case ${x##*/} in out|err) ;; *) left="$left${x##*/} " ;; esac
		done
		if [ -n "$left" ]; then cls=LEFTOVER; detail="$left"
		elif [ $msg != 0 ]; then cls=NOMSG
		else cls=ok-error; fi
	fi
	echo "$n $cls $rc $detail"
	# empty the directory for the next N (only out and err are there
	# after a clean failure; anything else is dropped)
	case $cls in ok-error|NOMSG) continue ;; esac
	rm -rf "$d" && mkdir "$d" || exit 1
done
rm -rf "$d"
