# Shared set-up for scripts/test and scripts/lab (sourced, not run): the Python venv from
# binder/requirements.txt and binder/postBuild, i.e. what Binder does, on this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FOCAL_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

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
  fi
  # shellcheck disable=SC1091
  source "$VENV/bin/activate"
  # postBuild again only if something it depends on changed since its last run (or FOCAL_POSTBUILD=1)
  local done_stamp="$VENV/.postbuild.done"
  if [ "${FOCAL_POSTBUILD:-0}" = 1 ] || [ ! -f "$done_stamp" ] || [ ! -f "$ROOT/target/focal-loss.jar" ] \
     || [ -n "$(find "$ROOT"/pom.xml "$ROOT"/focal-loss-*/pom.xml "$ROOT"/focal-loss-*/src/main "$ROOT/binder" \
                  "$ROOT/notebooks" "$ROOT/target/focal-loss.jar" -newer "$done_stamp" -print -quit)" ]; then
    log "Running binder/postBuild (builds target/focal-loss.jar, installs the java kernel)"
    (cd "$ROOT" && bash binder/postBuild)
    touch "$done_stamp"
  fi
}
