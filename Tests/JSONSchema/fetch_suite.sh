#!/bin/sh
# Fetches the JSON Schema Test Suite (json-schema-org) for the tool-call validator's tests: the copy
# vendored in PyPI's jsonschema 4.23.0 source distribution (its json/ folder), checked by SHA-256.
# Only draft 2020-12's keyword files are kept. Cache:
# ${EVALCTL_JSON_SCHEMA_SUITE:-${XDG_CACHE_HOME:-~/.cache}/evalctl/json-schema-test-suite}/draft2020-12/*.json.
# Exit 2 with one line on failure.
set -eu
SDIST=jsonschema-4.23.0.tar.gz
SDIST_SHA256=d71497fef26351a33265337fa77ffeb82423f3ea21283cd9467bb03999266bc4
SUITE=${EVALCTL_JSON_SCHEMA_SUITE:-${XDG_CACHE_HOME:-$HOME/.cache}/evalctl/json-schema-test-suite}

fail() { echo "make: $*" >&2; exit 2; }

if [ -f "$SUITE/source.txt" ] && grep -q "$SDIST_SHA256" "$SUITE/source.txt"; then
    exit 0
fi
. "$(dirname "$0")/../PyPI/download.sh"
pypi_download "$SDIST" --no-binary=:all: jsonschema==4.23.0
echo "$SDIST_SHA256  $work/$SDIST" | sha256sum -c --status || fail "$SDIST does not have the expected SHA-256"
tar -xzf "$work/$SDIST" -C "$work" jsonschema-4.23.0/json/tests/draft2020-12 jsonschema-4.23.0/json/LICENSE \
    || fail "$SDIST holds no json/tests/draft2020-12"
rm -rf "$SUITE"
mkdir -p "$SUITE/draft2020-12"
cp "$work"/jsonschema-4.23.0/json/tests/draft2020-12/*.json "$SUITE/draft2020-12/"
cp "$work/jsonschema-4.23.0/json/LICENSE" "$SUITE/LICENSE"
echo "$SDIST $SDIST_SHA256" >"$SUITE/source.txt"
echo "make: fetched the JSON Schema Test Suite (from $SDIST) to $SUITE"
