#!/usr/bin/env bash
# The vector backend's GEMM beside NumPy's OpenBLAS, as in the README's table: 1 and 2 threads, float32 and
# float64, JDK 17 (java) and JDK 25 (if /usr/lib/jvm/temurin-25-jdk-amd64 exists), one shape set per command.
# Run from the repository root after `mvn -q -DskipTests -pl bench -am package`; nothing else should run meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
cp="bench/target/classes:api/target/classes:backend-vector/target/classes"
javas=(java)
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && javas+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
numpy=../shared/bench/numpy
for threads in 1 2; do
  if [ -x "$numpy" ]; then
    echo "== NumPy, $threads thread(s)"
    "$numpy" gemm --threads "$threads" --shapes sq1024,fwd,wgrad,out
  fi
  for j in "${javas[@]}"; do
    for dtype in FLOAT32 FLOAT64; do
      echo "== vector, $j, $threads thread(s), $dtype"
      "$j" -Dvecnn.vector.threads="$threads" --add-modules jdk.incubator.vector -cp "$cp" \
        org.vecnn.bench.vector.VectorGemmThroughput vector sq1024,fwd,wgrad,out "$dtype" 2>&1 |
        grep -v "WARNING: Using incubator modules" || true
    done
  done
done
