#!/usr/bin/env bash
# The vector backend's GEMM beside NumPy's OpenBLAS, as in the README's table: 1 and 2 threads, float32 and
# float64, JDK 17 (java) and JDK 25 (if /usr/lib/jvm/temurin-25-jdk-amd64 exists). Each vecnn run is paired with
# a NumPy run of the same dtype and threads just before it (the machine's speed drifts over minutes), and a ratio
# line per shape follows: "ratio <shape> <dtype> <threads> <java> <vecnn median> / <NumPy median> = <ratio>".
# Each cell is measured REPEATS times (default 3), the pairs of its row one after another; the summary at the end
# gives per cell the median of its pairs' ratios, their range, and the median GFLOPS of each side.
# THREADS="1" limits the thread counts (default "1 2"). Run from the repository root after `mvn -q -DskipTests -pl bench -am package`; nothing else should run meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
cp="bench/target/classes:api/target/classes:backend-vector/target/classes"
shapes="${GEMM_SHAPES:-sq1024,fwd,wgrad,out}"
repeats="${REPEATS:-3}"
javas=(java)
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && javas+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
numpy=../shared/bench/numpy
# Like with like: with JAVA_OPTS=-XX:UseAVX=2 (the JVM on 256-bit AVX2 vectors and 16 registers), NumPy runs on
# OpenBLAS's AVX2 (Haswell) kernels.
read -r -a jopts <<<"${JAVA_OPTS:-}"
npisa=()
case " ${JAVA_OPTS:-} " in *" -XX:UseAVX=2 "*|*" -XX:UseAVX=1 "*) npisa=(--avx2) ;; esac
echo "== CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p); JAVA_OPTS: ${JAVA_OPTS:-(none)};" \
  "NumPy: ${npisa[*]:-on the kernels OpenBLAS chooses}"
ratios=$(mktemp)
trap 'rm -f "$ratios"' EXIT
for threads in ${THREADS:-1 2}; do
  for j in "${javas[@]}"; do
    for dtype in float32 float64; do
      for ((r = 1; r <= repeats; r++)); do
        numpyOut=""
        if [ -x "$numpy" ]; then
          numpyOut="$("$numpy" gemm "${npisa[@]}" --threads "$threads" --shapes "$shapes" --dtypes "$dtype")"
          echo "$numpyOut"
        fi
        echo "== vector, $j, $threads thread(s), $dtype (pair $r of $repeats)"
        vecOut="$("$j" "${jopts[@]}" -Dvecnn.vector.threads="$threads" --add-modules jdk.incubator.vector -cp "$cp" \
          org.vecnn.bench.vector.VectorGemmThroughput vector "$shapes" "${dtype^^}" 2>&1)"
        grep -v "WARNING: Using incubator modules" <<<"$vecOut" || true
        # NumPy prints "  float32  sq1024  1024x1024x1024: median   154.8 GFLOPS ..."; vecnn prints
        # "sq1024  FLOAT32 1024x1024x1024  GFLOPS best   141.5  median   140.7 ...".
        awk -v np="$numpyOut" -v dtype="$dtype" -v threads="$threads" -v java="$j" '
          BEGIN { n = split(np, lines, "\n"); for (i = 1; i <= n; i++) { split(lines[i], f, " ");
                  if (f[1] == dtype) { for (x = 1; x <= length(f); x++) if (f[x] == "median") ref[f[2]] = f[x + 1] } } }
          $2 == toupper(dtype) { v = 0; for (x = NF; x >= 1; x--) if ($x == "median" && $(x - 1) != "(ms") v = $(x + 1)
            if ($1 in ref) printf "ratio %-6s %s %s thread(s) %s: %.1f / %.1f = %.2f\n", $1, dtype, threads, java, v, ref[$1], v / ref[$1] }
        ' <<<"$vecOut" | tee -a "$ratios"
      done
    done
  done
done
echo "== summary: median of each cell's $repeats pairs (ratio range), vecnn / NumPy median GFLOPS"
# Each ratio line: ratio SHAPE DTYPE THREADS thread(s) JAVA: VEC / NP = RATIO
awk '{ key = $2 " " $3 " " $4 " thread(s) " $6; n[key]++; r[key, n[key]] = $NF; v[key, n[key]] = $7; p[key, n[key]] = $9
       if (!(key in seen)) { seen[key] = 1; order[++keys] = key } }
     function median(a, key, m,    i, j, t, x) { for (i = 1; i <= m; i++) x[i] = a[key, i] + 0
       for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
       lo = x[1]; hi = x[m]; return m % 2 ? x[(m + 1) / 2] : (x[m / 2] + x[m / 2 + 1]) / 2 }
     END { for (k = 1; k <= keys; k++) { key = order[k]; m = n[key]
             mv = median(v, key, m); mp = median(p, key, m); mr = median(r, key, m)
             printf "cell %s %.1f / %.1f: ratio %.2f (%.2f-%.2f, %d pairs)\n", key, mv, mp, mr, lo, hi, m } }
' "$ratios"
