#!/bin/sh
# Builds optimised, statically linked `course` and `course-admin` and copies them to
# $PREFIX/bin (default PREFIX: ~/.local). A static Swift standard library means no runtime
# libraries to load at start-up, which is most of what a short command like `course submit` costs.
#
#   scripts/install.sh                 # ~/.local/bin/course, ~/.local/bin/course-admin
#   PREFIX=/usr/local scripts/install.sh
set -eu
cd "$(dirname "$0")/.."
PREFIX="${PREFIX:-$HOME/.local}"
# course-admin's LRS client is FoundationNetworking, which a static build links against
# libcurl's development files: say so before a long build fails at its last step.
if ! pkg-config --exists libcurl 2>/dev/null; then
    echo "error: the static build needs libcurl's development files; install them (sudo apt-get install libcurl4-openssl-dev) and run scripts/install.sh again" >&2
    exit 1
fi
# A position-dependent executable (-no-pie) has about 1,000 dynamic relocations instead of
# 87,000: the loader no longer patches every pointer in the Swift metadata at each start, which
# saves about 7% of a `course submit`'s wall time (measured alternately, 41 runs each).
flags="-c release --static-swift-stdlib -Xlinker -no-pie"
# Generic types such as Dictionary<UUID, Attempt> are instantiated through accessors that are
# handed their protocol conformances, instead of from a mangled name that the runtime decodes
# and whose conformances it looks up: each such lookup scans the binary's 6,500 conformance
# records (`course submit ex1` on 100,000 attempts: 32.1 M -> 25.5 M instructions, callgrind).
flags="$flags -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors"
# Only the symbols the C libraries need in the dynamic symbol table (421 instead of 10,899):
# the linker is told to export every symbol, and at start-up the Swift runtime's backtracer
# setup looks up its own path with dladdr(), which walks that whole table (`course submit ex1`:
# 0.42 M instructions fewer).
flags="$flags -Xlinker --no-export-dynamic"
# A build folder of its own: these flags differ from a plain `swift build -c release`, and
# sharing .build/release would rebuild everything each time one follows the other.
flags="$flags --scratch-path .build/install"
# The C++ runtime that the Swift runtime uses (libstdc++, libgcc_s) linked in as well: loading
# the shared libstdc++ costs each process about 1.7 M instructions (its relocations and
# start-up), a static Foundation "hello" 2.2 M -> 0.5 M. The Swift driver always asks for
# -lstdc++ and -lgcc_s; these linker scripts, found first on the library path, answer with the
# static archives. Skipped where the compiler has no static archives to give.
scripts_dir="$PWD/.build/install/static-c++"
rm -rf "$scripts_dir"
mkdir -p "$scripts_dir"
stdcxx="$(c++ -print-file-name=libstdc++.a 2>/dev/null || true)"
gcc_eh="$(c++ -print-file-name=libgcc_eh.a 2>/dev/null || true)"
gcc_static="$(c++ -print-file-name=libgcc.a 2>/dev/null || true)"
if [ -f "$stdcxx" ] && [ -f "$gcc_eh" ] && [ -f "$gcc_static" ]; then
    echo "INPUT($stdcxx)" >"$scripts_dir/libstdc++.so"
    echo "INPUT($gcc_eh $gcc_static)" >"$scripts_dir/libgcc_s.so"
fi
# The system's SQLite linked in the same way, from the static archive its development package
# ships beside the shared library (the same build of the same version): Debian links
# libsqlite3.so with BIND_NOW, so loading it resolved all of its ~1,600 symbol references at
# every start, 1.0 M instructions of a `course submit`. The price: an update of the system's
# SQLite reaches the installed programs when scripts/install.sh is run again.
# SwiftPM takes the library path for the CSQLite system library from sqlite3's pkg-config
# file and puts it first, so a pkg-config file of our own, found first, points at the script.
sqlite_static="$(c++ -print-file-name=libsqlite3.a 2>/dev/null || true)"
if [ -f "$sqlite_static" ] && pkg-config --exists sqlite3 2>/dev/null; then
    echo "INPUT($sqlite_static -lm)" >"$scripts_dir/libsqlite3.so"
    {
        echo "Name: sqlite3"
        echo "Description: the system's SQLite, linked from its static archive (scripts/install.sh)"
        echo "Version: $(pkg-config --modversion sqlite3)"
        echo "Libs: -L$scripts_dir -lsqlite3"
        echo "Cflags: $(pkg-config --cflags sqlite3)"
    } >"$scripts_dir/sqlite3.pc"
    export PKG_CONFIG_PATH="$scripts_dir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
fi
flags="$flags -Xlinker -L -Xlinker $scripts_dir"
# shellcheck disable=SC2086
swift build $flags --product course
# shellcheck disable=SC2086
swift build $flags --product course-admin
# shellcheck disable=SC2086
bin="$(swift build $flags --show-bin-path)"
mkdir -p "$PREFIX/bin"
for program in course course-admin; do
    install -m 0755 "$bin/$program" "$PREFIX/bin/$program"
done
echo "installed course and course-admin in $PREFIX/bin"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "note: $PREFIX/bin is not on your PATH; add it, e.g. export PATH=\"$PREFIX/bin:\$PATH\"" ;;
esac
