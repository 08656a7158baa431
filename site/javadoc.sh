#!/usr/bin/env bash
# The Javadoc of the public library modules (maven-javadoc-plugin, pinned in pom.xml) into $1 (scripts/site
# passes target/site/api): one folder per module and an index page linking them. The CLI and the JMH
# benchmarks are programs, not APIs, and are left out.
set -euo pipefail
OUT="$1"
MODULES=(focal-loss-core focal-loss-experiment focal-loss-notebook focal-loss-djl)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
list=$(IFS=,; echo "${MODULES[*]}")
./mvnw -q -B -ntp -DskipTests -pl "$list" -am package javadoc:javadoc 2>&1 | { grep -v '^WARNING' || true; }
mkdir -p "$OUT"
items=""
for m in "${MODULES[@]}"; do
  rm -rf "${OUT:?}/$m"
  cp -r "$m/target/reports/apidocs" "$OUT/$m"
  # JDK 17's javadoc stylesheet imports resources/fonts/dejavu.css but does not write it (a 404 on every page):
  # an empty one, so the pages fall back to the system's fonts without a failed request
  mkdir -p "$OUT/$m/resources/fonts"
  [ -f "$OUT/$m/resources/fonts/dejavu.css" ] || echo '/* fonts: the system default */' > "$OUT/$m/resources/fonts/dejavu.css"
  desc=$(perl -0ne 'if (/<description>\s*(.*?)\s*<\/description>/s) { ($d = $1) =~ s/\s+/ /g; print $d }' "$m/pom.xml")
  items="$items<li><a href=\"$m/index.html\">$m</a>${desc:+ — $desc}</li>"
done
cat > "$OUT/index.html" <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference (Javadoc) — focal loss in Java</title><link rel="icon" href="../favicon.ico">
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
</head><body><main>
<h1>API reference (Javadoc)</h1>
<p>The public modules of the library, one Javadoc each:</p>
<ul>$items</ul>
<p><a href="../index.html">Back to the course</a> · <a href="../docs/guide/using-the-library.html">Using the library</a></p>
</main></body></html>
HTML
