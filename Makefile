# reportgen: plain Makefile.  `make run` and `make test` work on a fresh
# Debian machine: both call `make deps`, which installs what is missing.

CC       ?= cc
PKGS      = libxml-2.0 jansson libcrypto
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
CFLAGS   += $(OPT) $(WARN) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lz -lm
VERSION   = 0.1.0

B        ?= build
SRCS     := $(sort $(wildcard reportgen/*.c))
OBJS     := $(SRCS:reportgen/%.c=$(B)/obj/%.o)
LIBOBJS  := $(filter-out $(B)/obj/main.o,$(OBJS))
TESTSRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTS    := $(TESTSRCS:tests/unit/%.c=$(B)/%)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

DEBIAN_PKGS = build-essential pkg-config libhpdf-dev libxml2-dev libxml2-utils \
              libcmocka-dev libjansson-dev libssl-dev zlib1g-dev qpdf \
              poppler-utils fonts-dejavu-core fonttools

.PHONY: all deps run test unit-tests script-tests asan check-asan clean fonts lint

all: $(B)/reportgen

# Install the Debian packages that are missing (sudo when not root).
deps:
	@missing=""; for p in $(DEBIAN_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(B)/obj/%.o: reportgen/%.c reportgen/*.h | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/reportgen: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/test_%: tests/unit/test_%.c $(LIBOBJS) tests/unit/*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -Ireportgen -o $@ $< $(LIBOBJS) $(LDLIBS) -lcmocka

$(B)/obj $(B)/asan:
	mkdir -p $@

run: deps
	$(MAKE) $(B)/reportgen
	$(B)/reportgen batch -o out inputs

unit-tests: $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; $$t || exit 1; done

script-tests: $(B)/reportgen
	@RG=$(CURDIR)/$(B)/reportgen B=$(B) sh tests/run-scripts.sh

# The sanitizer build: the same sources and tests in $(B)/asan.
asan:
	$(MAKE) BUILD_ASAN=1 OPT="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  $(B)/asan/reportgen $(B)/asan/tests

check-asan: asan
	@for t in $(B)/asan/test_*; do echo "== $$t"; $$t || exit 1; done
	@RG=$(CURDIR)/$(B)/asan/reportgen B=$(B)/asan sh tests/run-scripts.sh

ifdef BUILD_ASAN
AOBJS := $(SRCS:reportgen/%.c=$(B)/asan/%.o)
$(B)/asan/%.o: reportgen/%.c reportgen/*.h | $(B)/asan
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
$(B)/asan/reportgen: $(AOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(B)/asan/test_%: tests/unit/test_%.c $(filter-out $(B)/asan/main.o,$(AOBJS)) tests/unit/*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Ireportgen -o $@ $< $(filter-out $(B)/asan/main.o,$(AOBJS)) $(LDLIBS) -lcmocka
$(B)/asan/tests: $(TESTS:$(B)/%=$(B)/asan/%)
endif

test: deps
	$(MAKE) WERROR=1 $(B)/reportgen unit-tests script-tests
	$(MAKE) WERROR=1 check-asan

# Each library is included in one module only (see docs/architecture in README).
lint:
	@sh tests/lint-includes.sh

clean:
	rm -rf build
