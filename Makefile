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

SRCS     := $(sort $(wildcard reportgen/*.c))
OBJS     := $(SRCS:reportgen/%.c=build/obj/%.o)
LIBOBJS  := $(filter-out build/obj/main.o,$(OBJS))
TESTSRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTS    := $(TESTSRCS:tests/unit/%.c=build/%)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

DEBIAN_PKGS = build-essential pkg-config libhpdf-dev libxml2-dev libxml2-utils \
              libcmocka-dev libjansson-dev libssl-dev zlib1g-dev qpdf \
              poppler-utils fonts-dejavu-core fonttools

.PHONY: all deps run test unit-tests script-tests asan check-asan clean fonts lint

all: build/reportgen

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

build/obj/%.o: reportgen/%.c reportgen/*.h | build/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/reportgen: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/test_%: tests/unit/test_%.c $(LIBOBJS) tests/unit/*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -Ireportgen -o $@ $< $(LIBOBJS) $(LDLIBS) -lcmocka

build/obj build/asan:
	mkdir -p $@

run: deps
	$(MAKE) build/reportgen
	rm -rf out.tmp
	build/reportgen batch -o out inputs

unit-tests: $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; $$t || exit 1; done

script-tests: build/reportgen
	@RG=$(CURDIR)/build/reportgen sh tests/run-scripts.sh

# The sanitizer build: the same sources and tests in build/asan.
asan:
	$(MAKE) BUILD_ASAN=1 OPT="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  build/asan/reportgen build/asan/tests

check-asan: asan
	@for t in build/asan/test_*; do echo "== $$t"; $$t || exit 1; done
	@RG=$(CURDIR)/build/asan/reportgen sh tests/run-scripts.sh

ifdef BUILD_ASAN
AOBJS := $(SRCS:reportgen/%.c=build/asan/%.o)
build/asan/%.o: reportgen/%.c reportgen/*.h | build/asan
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
build/asan/reportgen: $(AOBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
build/asan/test_%: tests/unit/test_%.c $(filter-out build/asan/main.o,$(AOBJS)) tests/unit/*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Ireportgen -o $@ $< $(filter-out build/asan/main.o,$(AOBJS)) $(LDLIBS) -lcmocka
build/asan/tests: $(TESTS:build/%=build/asan/%)
endif

test: deps
	$(MAKE) WERROR=1 build/reportgen unit-tests script-tests
	$(MAKE) WERROR=1 check-asan

# Each library is included in one module only (see docs/architecture in README).
lint:
	@sh tests/lint-includes.sh

clean:
	rm -rf build
