#!/usr/bin/env bash
# Runs every fuzz harness with SCALE times its test-suite case count (default 20) and prints the case
# count and time of each harness. Usage: scripts/fuzz.sh [SCALE]
set -euo pipefail

cd "$(dirname "$0")/.."
scale="${1:-20}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

for project in tests/SuperTune.Core.Tests tests/SuperTune.Server.Tests; do
  SUPERTUNE_FUZZ_SCALE="$scale" SUPERTUNE_FUZZ_LOG="$log" \
    dotnet test "$project" -c Release --filter "FullyQualifiedName~.Fuzzing." --logger "console;verbosity=minimal"
done

echo "Fuzz cases at scale $scale:"
sort "$log"
