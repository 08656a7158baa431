#!/usr/bin/env bash
# The consumer check (run by scripts/test): installs the modules into the local repository, builds the
# throwaway project in src/test/consumer that depends on focal-loss-core alone, asserts that its runtime class
# path is the core jar and nothing else (zero runtime dependencies), and runs it on the class path and on the
# module path, with and without the Vector API. Prints the core jar's size.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
C=src/test/consumer
OUT="$ROOT/target/consumer"
mkdir -p "$OUT"

./mvnw -B -ntp -q install -DskipTests
./mvnw -B -ntp -q -f "$C/pom.xml" clean compile dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$OUT/runtime-classpath.txt"

CORE_JAR="$(cat "$OUT/runtime-classpath.txt")"
case "$CORE_JAR" in
  *:*|"") echo "error: focal-loss-core brings runtime dependencies: $CORE_JAR" >&2; exit 1 ;;
  */focal-loss-core-*.jar) ;;
  *) echo "error: unexpected runtime class path of the consumer: $CORE_JAR" >&2; exit 1 ;;
esac
echo "runtime class path of a project that depends on focal-loss-core: 1 jar (the core itself), 0 dependencies"

run() {  # run EXPECTED_SUBSTRING java-args...
  local want="$1"; shift
  local out
  out="$(java "$@" example.Consumer 2>&1)" || { echo "$out" >&2; exit 1; }
  case "$out" in
    *"$want"*) echo "  java $* → ${out##*consumer ok: }" ;;
    *) echo "error: expected '$want' from java $*: $out" >&2; exit 1 ;;
  esac
}
CLASSES="$C/target/classes"
run "class path, fast path: scalar" -cp "$CLASSES:$CORE_JAR"
run "class path, fast path: vector" --add-modules jdk.incubator.vector -cp "$CLASSES:$CORE_JAR"
run "module org.focalloss.core, fast path: scalar" -p "$CORE_JAR" --add-modules org.focalloss.core -cp "$CLASSES"
run "module org.focalloss.core, fast path: vector" -p "$CORE_JAR" --add-modules org.focalloss.core,jdk.incubator.vector \
  -cp "$CLASSES"
echo "focal-loss-core jar: $(stat -c %s "$CORE_JAR") bytes"
