# reportgen: plain Makefile.  `make run` and `make test` work on a fresh
# Debian machine: both call `make deps`, which installs what is missing.

CC       ?= cc
PKGS      = libxml-2.0 jansson libpng
# Shaping the scripts the DejaVu subsets lack (issue 18): pdf_shape.c,
# pdf_cid.c.  harfbuzz-subset is in libharfbuzz-dev on Debian 12.
# Headers only, like libqpdf: pdf_hb.c opens them on first use (a render
# that needs no fallback font does not load them, docs/performance.md).
DLPKGS    = harfbuzz harfbuzz-subset fribidi
# libcrypto too (hash.c): a render hashes nothing.  And SQLite (state.c):
# only a batch and merge-summaries keep a run state.  (libpng stays
# linked: libhpdf needs it anyway, so opening it on first use saved nothing.)
DLPKGS   += libcrypto sqlite3
CRYPTO_SONAME     := $(shell objdump -p $$(pkg-config --variable=libdir libcrypto 2>/dev/null)/libcrypto.so 2>/dev/null | awk '/SONAME/ { print $$2 }')
soname    = $(shell objdump -p $$(pkg-config --variable=libdir $(1) 2>/dev/null)/lib$(1).so 2>/dev/null | awk '/SONAME/ { print $$2 }')
HB_SONAME         := $(call soname,harfbuzz)
HB_SUBSET_SONAME  := $(call soname,harfbuzz-subset)
FRIBIDI_SONAME    := $(call soname,fribidi)
SQLITE_SONAME     := $(call soname,sqlite3)
# libqpdf: headers only; encrypt.c opens the library on first use (its
# start-up cost is paid only by runs that encrypt, docs/performance.md).
QPDF_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir libqpdf 2>/dev/null)/libqpdf.so 2>/dev/null | awk '/SONAME/ { print $$2 }')
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes \
            -Wstrict-prototypes -Wwrite-strings
ifneq ($(filter true 1,$(CI) $(WERROR)),)
WARN     += -Werror
endif
PREFIX   ?= /usr/local
DATADIR  ?= $(CURDIR)
OPT      ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -DRG_DATADIR='"$(DATADIR)"' -DRG_VERSION='"$(VERSION)"'
CFLAGS   += $(OPT) $(WARN) $(shell pkg-config --cflags $(PKGS) $(DLPKGS) libqpdf 2>/dev/null)
ifneq ($(QPDF_SONAME),)
CPPFLAGS += -DQPDF_SONAME='"$(QPDF_SONAME)"'
endif
$(foreach v,HB_SONAME HB_SUBSET_SONAME FRIBIDI_SONAME CRYPTO_SONAME SQLITE_SONAME,$(if $($(v)),$(eval CPPFLAGS += -D$(v)='"$($(v))"')))
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -ldeflate -lm
# The shipped market data and its schema, built into load_market.c: those
# exact bytes are not validated again on every run (docs/performance.md).
# `make` refuses a pair where the one does not validate against the other.
SHIPPED_MARKET = $(CURDIR)/data/market.xml
SHIPPED_XSD    = $(CURDIR)/schemas/market.xsd
CPPFLAGS += -DRG_SHIPPED_MARKET='"$(SHIPPED_MARKET)"' -DRG_SHIPPED_XSD='"$(SHIPPED_XSD)"'
# The unit tests: cmocka, and zlib, with which test_image writes its PNGs
# (reportgen itself no longer links zlib: pdf_deflate.c uses libdeflate).
TEST_LIBS = -lcmocka -lz
VERSION   = 0.1.0

B        ?= build
SRCS     := $(sort $(wildcard reportgen/*.c))
OBJS     := $(SRCS:reportgen/%.c=$(B)/obj/%.o)
LIBOBJS  := $(filter-out $(B)/obj/main.o,$(OBJS))
TESTSRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTS    := $(TESTSRCS:tests/unit/%.c=$(B)/%)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

# Run time: contrib/runtime-packages, the one list (the Containerfile's
# runtime stage installs the same file).  Build: BUILD_PKGS (`make
# deps-build`, the Containerfile's build stage).  The rest are for tests.
RUNTIME_PKGS := $(shell sed 's/\#.*//' contrib/runtime-packages)
BUILD_PKGS  = build-essential pkg-config libhpdf-dev libxml2-dev \
              libjansson-dev libssl-dev libdeflate-dev libqpdf-dev libpng-dev \
              libharfbuzz-dev libfribidi-dev libsqlite3-dev
DEBIAN_PKGS = $(BUILD_PKGS) $(RUNTIME_PKGS) libxml2-utils libcmocka-dev zlib1g-dev qpdf \
              poppler-utils fonts-dejavu-core fonttools \
              mandoc time strace valgrind man-db fontconfig systemd python3-yaml \
              zsh hyperfine
# `make bench` needs these (hyperfine is above too: tests/t_bench.sh).
BENCH_PKGS  = hyperfine valgrind time python3

.PHONY: all deps deps-build print-runtime-pkgs run test unit-tests script-tests asan check-asan clean fonts lint FORCE \
        install uninstall

all: $(B)/reportgen

# Install the Debian packages that are missing (sudo when not root).
deps:
	@missing=""; for p in $(DEBIAN_PKGS) $(EXTRA_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# Only what building needs (the Containerfile's build stage).
deps-build:
	$(MAKE) deps DEBIAN_PKGS="$(BUILD_PKGS)"

print-runtime-pkgs:
	@echo $(RUNTIME_PKGS)

$(B)/obj/%.o: reportgen/%.c reportgen/*.h | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/obj/load_market.o $(B)/asan/load_market.o: $(B)/market-valid
$(B)/market-valid: data/market.xml schemas/market.xsd
	@mkdir -p $(@D)
	@if command -v xmllint >/dev/null; then \
	  xmllint --noout --nonet --schema schemas/market.xsd data/market.xml 2>$@.err || \
	    { cat $@.err; echo "data/market.xml does not validate: not built in"; exit 1; }; \
	else echo "warning: no xmllint: the shipped market.xml is not checked at build time"; fi
	@touch $@

$(B)/reportgen: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/test_%: tests/unit/test_%.c $(LIBOBJS) tests/unit/*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -Ireportgen -o $@ $< $(LIBOBJS) $(LDLIBS) $(TEST_LIBS)

$(B)/obj $(B)/asan:
	mkdir -p $@

run: deps
	$(MAKE) $(B)/reportgen
	$(B)/reportgen batch -o out inputs

# tests/run-scripts.sh runs them, one line per test with its time, and
# ends with one line "N passed, N failed".
unit-tests: $(TESTS)
	@sh tests/run-scripts.sh --unit $(TESTS)

script-tests: $(B)/reportgen
	@RG=$(CURDIR)/$(B)/reportgen B=$(B) sh tests/run-scripts.sh --scripts

# The sanitizer build: the same sources and tests in $(B)/asan.
asan:
	$(MAKE) BUILD_ASAN=1 OPT="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  $(B)/asan/reportgen $(B)/asan/tests

# intercept_tls_get_addr=0: GCC 12's LeakSanitizer can take a dynamic
# TLS block of a dlopen'd library (libqpdf, libcrypto, SQLite) for glibc
# 2.19's layout and scan a range starting near address 0; the tracer then
# dies with SIGSEGV at exit, about one run in ten of t_encrypt.sh
# (google/sanitizers#1322).  Our code has no thread-local data; stacks,
# static TLS, globals and the heap are still scanned.
check-asan: asan
	@ASAN_OPTIONS=intercept_tls_get_addr=0$${ASAN_OPTIONS:+:$$ASAN_OPTIONS} \
	RG=$(CURDIR)/$(B)/asan/reportgen B=$(B)/asan sh tests/run-scripts.sh \
	  --unit $(TESTS:$(B)/%=$(B)/asan/%) --scripts

ifdef BUILD_ASAN
AOBJS := $(SRCS:reportgen/%.c=$(B)/asan/%.o)
$(B)/asan/%.o: reportgen/%.c reportgen/*.h | $(B)/asan
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
$(B)/asan/reportgen: $(AOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/asan/test_%: tests/unit/test_%.c $(filter-out $(B)/asan/main.o,$(AOBJS)) tests/unit/*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Ireportgen -o $@ $< $(filter-out $(B)/asan/main.o,$(AOBJS)) $(LDLIBS) $(TEST_LIBS)
$(B)/asan/tests: $(TESTS:$(B)/%=$(B)/asan/%)
endif

# Everything, plain then under ASan+UBSan; a failing test does not stop
# the rest.  Each pass ends with its own "N passed, N failed" line and the
# last line counts both (every result goes to $(B)/test-results).  A build
# that fails counts as one failed test.
test: deps
	@R=$(CURDIR)/$(B)/test-results; mkdir -p $(B); : >$$R; \
	if $(MAKE) WERROR=1 $(B)/reportgen $(TESTS) $(B)/failmalloc.so; then \
	  RG_RESULTS=$$R RG=$(CURDIR)/$(B)/reportgen B=$(B) \
	    sh tests/run-scripts.sh --unit $(TESTS) --scripts; \
	else echo "FAIL 0 the-plain-build" >>$$R; fi; \
	if $(MAKE) WERROR=1 asan; then \
	  RG_RESULTS=$$R $(MAKE) -s --no-print-directory WERROR=1 check-asan; \
	else echo "FAIL 0 the-asan-build" >>$$R; fi; \
	sh tests/run-scripts.sh --total $$R

# The report fonts: subset DejaVu Sans (fonts-dejavu-core) into fonts/.
fonts:
	sh tools/mkfonts.sh fonts

# Each library is included in its one room only, and no file includes a
# header of a later stage (the tables are in tests/lint-includes.sh).
lint:
	@sh tests/lint-includes.sh

# Install: the binary is linked apart, in $(B)/inst, from the objects of
# the ordinary build but for cmdutil.o, the one file that uses RG_DATADIR,
# compiled again with the data dir it will find at run time (DESTDIR is
# only where files land).  $(B)/inst/datadir remembers the value; it is
# rewritten, and cmdutil.o recompiled, only when the value changes.
SHAREDIR = $(PREFIX)/share/reportgen
MANDIR   = $(PREFIX)/share/man/man1
BINDIR   = $(PREFIX)/bin
# systemd looks in /usr/local/lib/systemd/system too (systemd.unit(5)).
UNITDIR  = $(PREFIX)/lib/systemd/system
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/site-functions
INSTFILES = schemas/candidate.xsd schemas/market.xsd schemas/brand.xsd \
            data/market.xml fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf \
            fonts/LICENSE-DejaVu.txt fonts/fallback.conf \
            data/brand-example.xml data/logo-example.png

$(B)/inst/datadir: FORCE
	@mkdir -p $(@D); [ "$$(cat $@ 2>/dev/null)" = '$(SHAREDIR)' ] || \
	  printf '%s\n' '$(SHAREDIR)' >$@

$(B)/inst/cmdutil.o: DATADIR = $(SHAREDIR)
$(B)/inst/cmdutil.o: reportgen/cmdutil.c reportgen/*.h $(B)/inst/datadir
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/inst/reportgen: $(filter-out $(B)/obj/cmdutil.o,$(OBJS)) $(B)/inst/cmdutil.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

FORCE:

install: $(B)/inst/reportgen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR) \
	  $(DESTDIR)$(SHAREDIR)/schemas $(DESTDIR)$(SHAREDIR)/data \
	  $(DESTDIR)$(SHAREDIR)/fonts
	install -m 755 $(B)/inst/reportgen $(DESTDIR)$(PREFIX)/bin/reportgen
	for f in $(INSTFILES); do \
	  install -m 644 $$f $(DESTDIR)$(SHAREDIR)/$$f || exit 1; done
	install -m 644 reportgen.1 $(DESTDIR)$(MANDIR)/reportgen.1
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' contrib/systemd/reportgen.service.in \
	  >$(DESTDIR)$(UNITDIR)/reportgen.service
	chmod 644 $(DESTDIR)$(UNITDIR)/reportgen.service
	install -m 644 contrib/systemd/reportgen.timer $(DESTDIR)$(UNITDIR)/reportgen.timer
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	sh contrib/completion/gen.sh bash $(B)/inst/reportgen >$(B)/inst/reportgen.bash
	sh contrib/completion/gen.sh zsh $(B)/inst/reportgen >$(B)/inst/_reportgen
	install -m 644 $(B)/inst/reportgen.bash $(DESTDIR)$(BASHCOMPDIR)/reportgen
	install -m 644 $(B)/inst/_reportgen $(DESTDIR)$(ZSHCOMPDIR)/_reportgen

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/reportgen $(DESTDIR)$(MANDIR)/reportgen.1
	rm -f $(DESTDIR)$(UNITDIR)/reportgen.service $(DESTDIR)$(UNITDIR)/reportgen.timer
	-rmdir $(DESTDIR)$(UNITDIR) $(DESTDIR)$(PREFIX)/lib/systemd 2>/dev/null
	rm -f $(DESTDIR)$(BASHCOMPDIR)/reportgen $(DESTDIR)$(ZSHCOMPDIR)/_reportgen
	for f in $(INSTFILES); do rm -f $(DESTDIR)$(SHAREDIR)/$$f; done
	-rmdir $(DESTDIR)$(SHAREDIR)/schemas $(DESTDIR)$(SHAREDIR)/data \
	  $(DESTDIR)$(SHAREDIR)/fonts $(DESTDIR)$(SHAREDIR) 2>/dev/null

clean:
	rm -rf build

# ---- reliability (issue 7; fuzz/, tests/allocfail/, tests/valgrind/) ----
# make fuzz-build     libFuzzer harnesses in $(FUZZ_B)/ (clang; own objects)
# make fuzz           run each for FUZZ_SECONDS, print execs/coverage/finds
# make valgrind       unit tests and the main commands under memcheck
# $(B)/failmalloc.so  the allocation-failure shim for tests/t_allocfail.sh
FUZZ_B       ?= build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJS    := $(filter-out $(FUZZ_B)/obj/main.o,$(SRCS:reportgen/%.c=$(FUZZ_B)/obj/%.o))
FUZZERS       = fuzz_profile fuzz_market fuzz_render fuzz_font

.PHONY: fuzz fuzz-build valgrind
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_B)/obj/%.o: reportgen/%.c reportgen/*.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) $(shell pkg-config --cflags $(PKGS) $(DLPKGS)) \
	  $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_B)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(CPPFLAGS) $(WARN) -Ireportgen $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(LDLIBS)

fuzz-build: $(FUZZERS:%=$(FUZZ_B)/%)

fuzz: fuzz-build
	sh fuzz/run.sh $(FUZZ_B) $(FUZZ_SECONDS) $(FUZZERS)

$(B)/failmalloc.so: tests/allocfail/failmalloc.c
	@mkdir -p $(@D)
	$(CC) -O2 -g -Wall -Wextra -shared -fPIC -Wl,-soname,libfailmalloc.so -o $@ $<

script-tests: $(B)/failmalloc.so

valgrind: $(B)/reportgen $(TESTS)
	sh tests/valgrind/run.sh $(B)

# Performance figures (issue 17): `make bench [BENCH_N=10000] [BASE=/other/reportgen]`
# (bench/bench.sh lists the variables; make passes them on).  Never part of
# `make test`: tests/t_bench.sh runs it quick and checks only the table's shape.
.PHONY: bench
bench:
	$(MAKE) deps EXTRA_PKGS="$(BENCH_PKGS)"
	$(MAKE) $(B)/reportgen
	RG=$(CURDIR)/$(B)/reportgen sh bench/bench.sh
