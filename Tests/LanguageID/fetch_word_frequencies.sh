#!/bin/sh
# Fetches word frequencies for the language-mix scorer: the lists inside PyPI's wordfreq 3.1.1 wheel
# (Robyn Speer's wordfreq; data CC BY-SA 4.0, from Wikipedia, subtitles, news, books, the web),
# the wheel checked by SHA-256. English's large list and the small lists of the Latin-script
# languages it has, unpacked (msgpack, wordfreq's "cB" format) into
# ${EVALCTL_WORDFREQ_DIR:-${XDG_CACHE_HOME:-~/.cache}/evalctl/wordfreq}. Exit 2 with one line on failure.
set -eu
WHEEL=wordfreq-3.1.1-py3-none-any.whl
WHEEL_SHA256=4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473
DIR=${EVALCTL_WORDFREQ_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/evalctl/wordfreq}
# Latin-script languages with a small list in the wheel (sh: Serbo-Croatian in Latin script; fil: Filipino).
LISTS="large_en small_ca small_cs small_da small_de small_es small_fi small_fil small_fr small_hu small_id small_is small_it small_lt small_lv small_ms small_nb small_nl small_pl small_pt small_ro small_sh small_sk small_sl small_sv small_tr small_vi"

fail() { echo "make: $*" >&2; exit 2; }

# Done when the marker of this wheel and every list are there.
complete=1
[ -f "$DIR/$WHEEL_SHA256" ] || complete=0
for list in $LISTS; do [ -f "$DIR/$list.msgpack" ] || complete=0; done
[ "$complete" = 1 ] && exit 0
command -v unzip >/dev/null 2>&1 || fail "unzip is needed to fetch the word frequencies (apt-get install unzip)"
command -v gzip >/dev/null 2>&1 || fail "gzip is needed to unpack the word frequencies (apt-get install gzip)"
. "$(dirname "$0")/../PyPI/download.sh"
pypi_download "$WHEEL" --only-binary=:all: wordfreq==3.1.1
echo "$WHEEL_SHA256  $work/$WHEEL" | sha256sum -c --status || fail "$WHEEL does not have the expected SHA-256"
mkdir -p "$DIR"
for list in $LISTS; do
    unzip -q -o "$work/$WHEEL" "wordfreq/data/$list.msgpack.gz" -d "$work" || fail "$WHEEL holds no $list.msgpack.gz"
    gzip -dc "$work/wordfreq/data/$list.msgpack.gz" >"$DIR/$list.msgpack.tmp" || fail "cannot unpack $list.msgpack.gz"
    mv "$DIR/$list.msgpack.tmp" "$DIR/$list.msgpack"
done
touch "$DIR/$WHEEL_SHA256"
echo "make: fetched word frequencies (from $WHEEL) to $DIR"
