#!/bin/sh
# Script-test wrapper: the include rule is part of `make test`.
exec sh "$(dirname "$0")/lint-includes.sh"
