# Sourced by the fetch scripts: pypi_download DESCRIPTION PIP-ARGUMENTS… downloads into "$work" (a
# temporary folder removed on exit) with python3's pip, or a throwaway venv's when the system
# python has none; on failure it calls the script's fail() with pip's last line.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pypi_download() {
    what=$1
    shift
    command -v python3 >/dev/null 2>&1 || fail "python3 is needed to fetch $what"
    pip="python3 -m pip"
    if ! python3 -m pip --version >/dev/null 2>&1; then
        python3 -m venv "$work/venv" >/dev/null 2>&1 || fail "neither pip nor venv works for python3 (apt-get install python3-venv)"
        pip="$work/venv/bin/pip"
    fi
    $pip download --quiet --no-deps "$@" -d "$work" >"$work/pip.log" 2>&1 \
        || fail "could not download $what from PyPI: $(tail -1 "$work/pip.log")"
}
