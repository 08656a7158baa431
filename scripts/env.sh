# Shared set-up for scripts/test and scripts/lab (sourced, not run): the Python venv from
# binder/requirements.txt and binder/postBuild, i.e. what Binder does, on this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FOCAL_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# What binder/postBuild's result (target/focal-loss.jar, the tuned java kernel) depends on, relative to ROOT:
# the build, the sources of the jar, the kernel set-up and the jar itself (globs allowed, e.g. '*/src/main').
# One list, so the module split changes only this line.
POSTBUILD_INPUTS=('pom.xml' 'focal-loss-*/pom.xml' 'focal-loss-*/src/main' 'mvnw' '.mvn' 'binder/postBuild'
                  'binder/java_kernel.py' 'binder/kernel' 'target/focal-loss.jar')

log() { printf '\n==> %s\n' "$*"; }

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is not installed. $2" >&2; exit 1; }
}

setup_jupyter() {
  need java "Install a JDK 17 (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)."
  need "$PYTHON" "Install Python 3.11 or newer."
  local stamp="$VENV/.requirements.sha256"
  local want
  want="$(sha256sum "$ROOT/binder/requirements.txt" | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "Creating $VENV from binder/requirements.txt"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/binder/requirements.txt"
    echo "$want" > "$stamp"
    rm -f "$VENV/.postbuild.done"   # pip may have reinstalled JJava's stock kernel.json over the tuned one
  fi
  # shellcheck disable=SC1091
  source "$VENV/bin/activate"
  # postBuild again only if what the jar or the kernel depends on changed since its last run (or
  # FOCAL_POSTBUILD=1); editing or adding notebooks does not count: the kernel does not depend on them
  local done_stamp="$VENV/.postbuild.done" inputs=() p
  for p in "${POSTBUILD_INPUTS[@]}"; do
    for p in "$ROOT"/$p; do [ -e "$p" ] && inputs+=("$p"); done   # unquoted: expands the globs
  done
  if [ "${FOCAL_POSTBUILD:-0}" = 1 ] || [ ! -f "$done_stamp" ] || [ ! -f "$ROOT/target/focal-loss.jar" ] \
     || [ -n "$(find "${inputs[@]}" -newer "$done_stamp" -print -quit)" ]; then
    log "Running binder/postBuild (builds target/focal-loss.jar, installs the java kernel)"
    (cd "$ROOT" && bash binder/postBuild)
    touch "$done_stamp"
  fi
}
