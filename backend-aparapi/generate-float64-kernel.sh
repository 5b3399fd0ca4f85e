#!/usr/bin/env bash
# Writes Float64Kernel.java from Float32Kernel.java: Aparapi translates concrete element types only, so the
# FLOAT64 kernel is the FLOAT32 one with double elements. Float64KernelSourceTest fails when they drift apart.
set -euo pipefail
cd "$(dirname "$0")/src/main/java/org/vecnn/backend/aparapi"
sed -E \
  -e 's/class Float32Kernel /class Float64Kernel /' \
  -e 's/^    Float32Kernel\(/    Float64Kernel(/' \
  -e 's/FLOAT32/FLOAT64/g' \
  -e 's/\bfloat\b/double/g' \
  -e 's/([0-9]+\.[0-9]+)f\b/\1/g' \
  -e 's/\(double\) value/value/' \
  Float32Kernel.java
