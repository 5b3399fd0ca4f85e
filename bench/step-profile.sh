#!/usr/bin/env bash
# Where a training step of the MLP benchmark goes: bench/step-profile.sh [backend] [epochs] (default vector 8).
# Builds the bench module (offline after the first build) if it is missing; nothing else should run meanwhile.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$root/bench/target/classpath.txt" ] || [ ! -f "$root/bench/target/vecnn-bench-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$root" && mvn -B -q -ntp -DskipTests -pl bench -am package)
fi
exec java --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
  -cp "$root/bench/target/vecnn-bench-0.1.0-SNAPSHOT.jar:$(cat "$root/bench/target/classpath.txt")" \
  org.vecnn.bench.nn.MlpStepProfile "$@"
