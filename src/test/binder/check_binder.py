#!/usr/bin/env python3
"""Checks binder/ against what repo2docker (mybinder.org's builder) really does with it.

repo2docker (github.com/jupyterhub/repo2docker, commit 808ae6bb, files named below) builds this repository
with its Python buildpack on `buildpack-deps:24.04` (Ubuntu 24.04, repo2docker/app.py `base_image`):

  1. as root: `apt-get install --yes --no-install-recommends $(sorted apt.txt)`
     (repo2docker/buildpacks/base.py, BaseImage.get_preassemble_scripts);
  2. as the notebook user: a conda environment with Python 3.11 from the frozen lock file
     repo2docker/buildpacks/conda/environment.py-3.11-linux-64.lock (copied verbatim next to this script),
     which already holds jupyterlab, notebook, jupyter_server, ipykernel, nbclient ...;
  3. as the notebook user: `${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r binder/requirements.txt`
     into that same environment (repo2docker/buildpacks/python/__init__.py, _get_pip_scripts);
  4. as the notebook user: `./binder/postBuild` (the Dockerfile template in repo2docker/buildpacks/base.py).

Two checks, each failing with a one-line reason:

  pip   a throwaway venv gets the lock's Python packages at the lock's versions first (`--no-deps`, as conda
        installed them), then `pip install -r binder/requirements.txt` as step 3 runs it, then `pip check`.
        The venv is kept in target/binder-check/ and reused while the lock and requirements.txt are unchanged.
  apt   `apt-get install -s --no-install-recommends $(sorted apt.txt)` against Debian's metadata for a
        release whose default Java is not 17 but which still has openjdk-17 (Debian unstable, default Java
        25; Debian 13 "trixie" has no openjdk-17 at all), in a private apt state directory; fails if any JDK
        or JRE other than openjdk-17 (or a default-jre/default-jdk) would be installed, or no JDK 17.
        Packages are passed sorted, as repo2docker does: the order decides which alternative of a
        dependency like maven's `default-jre-headless | java7-runtime-headless` apt picks.

  python src/test/binder/check_binder.py [pip] [apt]      (default: both)

Environment: FOCAL_BINDER_APT_SUITE (default sid), FOCAL_BINDER_APT_MIRROR (default http://deb.debian.org/debian),
PYTHON for the venv's interpreter (default: the one running this script).
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
LOCK = os.path.join(HERE, "environment.py-3.11-linux-64.lock")
REQUIREMENTS = os.path.join(ROOT, "binder", "requirements.txt")
APT_TXT = os.path.join(ROOT, "binder", "apt.txt")
WORK = os.path.join(ROOT, "target", "binder-check")
TIMEOUT = 600  # seconds for any one network step: fail with a message rather than hang

# conda-forge package name -> PyPI distribution name, where they differ
CONDA_TO_PYPI = {
    "nbconvert-core": "nbconvert",
    "jupyterhub-base": "jupyterhub",
    "python-fastjsonschema": "fastjsonschema",
    "brotli-python": "brotli",
}
# conda-only packaging and tooling that a venv brings itself or that are not Python distributions
SKIP = {"python", "pip", "setuptools", "wheel", "python_abi"}


class CheckFailed(Exception):
    pass


def base_pins(lock=LOCK):
    """The lock's Python distributions as `name==version`: noarch ones (build `pyh…`/`py_…`) and compiled ones
    (build `py311…`); metapackages and C libraries (build `h…`, `…_cpython`) are not Python distributions."""
    pins = {}
    with open(lock, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("https://"):
                continue
            filename = line.rsplit("/", 1)[1].split("#", 1)[0]
            stem = re.sub(r"\.(conda|tar\.bz2)$", "", filename)
            name, version, build = stem.rsplit("-", 2)
            if name in SKIP or not build.startswith("py"):
                continue
            pins[CONDA_TO_PYPI.get(name, name)] = version
    return pins


def run(cmd, what, **kw):
    try:
        return subprocess.run(cmd, check=True, text=True, timeout=TIMEOUT, **kw)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"{what}: no answer within {TIMEOUT} s (is the package registry reachable?)")
    except subprocess.CalledProcessError as e:
        out = (e.stdout or "") + (e.stderr or "")
        raise CheckFailed(f"{what} failed (exit {e.returncode}):\n{out.strip()[-3000:]}")


def check_pip():
    pins = base_pins()
    for must in ("jupyterlab", "notebook", "jupyter_server", "ipykernel", "nbclient"):
        if must not in pins:
            raise CheckFailed(f"{os.path.relpath(LOCK, ROOT)} has no {must}: is it repo2docker's lock file?")
    with open(LOCK, "rb") as f, open(REQUIREMENTS, "rb") as g:
        key = hashlib.sha256(f.read() + g.read()).hexdigest()
    venv = os.path.join(WORK, "venv")
    stamp = os.path.join(venv, ".checked")
    python = os.path.join(venv, "bin", "python")
    summary = "base " + ", ".join(f"{n} {pins[n]}" for n in
                                  ("jupyterlab", "notebook", "jupyter_server", "ipykernel", "nbclient"))
    if os.path.exists(stamp) and open(stamp).read() == key:
        print(f"pip: unchanged since the last clean check ({summary})")
    else:
        shutil.rmtree(venv, ignore_errors=True)
        os.makedirs(WORK, exist_ok=True)
        run([os.environ.get("PYTHON", sys.executable), "-m", "venv", venv], "creating the check venv")
        base = os.path.join(WORK, "base-environment.txt")
        with open(base, "w", encoding="utf-8") as f:
            f.write("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())))
        pip = [python, "-m", "pip", "--disable-pip-version-check", "--no-input", "--timeout", "60"]
        print(f"pip: installing repo2docker's Python 3.11 base environment ({len(pins)} packages; {summary})",
              flush=True)
        run(pip + ["install", "-q", "--no-deps", "-r", base], "installing the base environment's pins",
            capture_output=True)
        print("pip: pip install -r binder/requirements.txt on top of it, as repo2docker does", flush=True)
        run(pip + ["install", "-q", "-r", REQUIREMENTS], "pip install -r binder/requirements.txt",
            capture_output=True)
        result = subprocess.run(pip + ["check"], capture_output=True, text=True, timeout=TIMEOUT)
        print("pip check: " + (result.stdout + result.stderr).strip().replace("\n", "\npip check: "))
        if result.returncode != 0:
            raise CheckFailed("binder/requirements.txt conflicts with repo2docker's base environment (above); "
                              "align its pins with src/test/binder/environment.py-3.11-linux-64.lock")
        with open(stamp, "w") as f:
            f.write(key)
    moved = moved_pins(pins, venv)
    if moved:
        print("pip: requirements.txt changes these base packages: " + ", ".join(moved))


def moved_pins(pins, venv):
    """Base packages whose version requirements.txt changes (allowed if pip check is clean; reported)."""
    python = os.path.join(venv, "bin", "python")
    out = subprocess.run([python, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
                         capture_output=True, text=True, timeout=120).stdout
    norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
    now = {norm(n): v for n, _, v in (l.partition("==") for l in out.splitlines())}
    return [f"{n} {v} -> {now[norm(n)]}" for n, v in sorted(pins.items())
            if norm(n) in now and now[norm(n)] != v]


def apt_packages(path=APT_TXT):
    """apt.txt parsed as repo2docker parses it: '#' starts a comment, blank lines skipped, then sorted."""
    packages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            package = line.partition("#")[0].strip()
            if package:
                if not re.match(r"^[a-z0-9.+-]+$", package):
                    raise CheckFailed(f"binder/apt.txt: {package!r} is not a plain package name")
                packages.append(package)
    return sorted(packages)


def check_apt():
    if shutil.which("apt-get") is None:
        raise CheckFailed("apt-get not found: the apt check needs a Debian or Ubuntu machine")
    suite = os.environ.get("FOCAL_BINDER_APT_SUITE", "sid")
    mirror = os.environ.get("FOCAL_BINDER_APT_MIRROR", "http://deb.debian.org/debian")
    keyring = "/usr/share/keyrings/debian-archive-keyring.gpg"
    state = os.path.join(WORK, "apt-" + suite)
    for d in ("lists/partial", "cache/archives/partial"):
        os.makedirs(os.path.join(state, d), exist_ok=True)
    sources = os.path.join(state, "sources.list")
    with open(sources, "w") as f:
        signed = f"[signed-by={keyring}] " if os.path.exists(keyring) else ""
        f.write(f"deb {signed}{mirror} {suite} main\n")
    open(os.path.join(state, "status"), "a").close()   # an empty dpkg status: nothing installed yet
    opts = ["-o", f"Dir::State={state}", "-o", f"Dir::State::Lists={state}/lists",
            "-o", f"Dir::State::status={state}/status", "-o", f"Dir::Cache={state}/cache",
            "-o", f"Dir::Etc::SourceList={sources}", "-o", "Dir::Etc::SourceParts=/nonexistent",
            "-o", "APT::Architecture=amd64", "-o", "Debug::NoLocking=1", "-o", "Acquire::Retries=2",
            "-o", "Acquire::http::Timeout=30", "-o", "Acquire::Languages=none",
            "-o", "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false",
            "-o", "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false",
            "-o", "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false"]
    print(f"apt: Debian {suite} package lists ({mirror})", flush=True)
    run(["apt-get", "-q", *opts, "update"], f"apt-get update for Debian {suite}", capture_output=True)
    default = subprocess.run(["apt-cache", *opts, "show", "default-jre-headless"], capture_output=True,
                             text=True, timeout=120).stdout
    depends = re.search(r"^Depends: .*?(openjdk-\d+)", default, re.M)
    if depends is None or depends.group(1) == "openjdk-17":
        raise CheckFailed(f"Debian {suite}'s default Java is not a second Java ({depends and depends.group(1)}); "
                          "set FOCAL_BINDER_APT_SUITE to a release whose default-jre is not 17")
    packages = apt_packages()
    sim = run(["apt-get", *opts, "install", "-s", "--no-install-recommends", *packages],
              "apt-get install -s " + " ".join(packages), capture_output=True)
    installed = re.findall(r"^Inst (\S+)", sim.stdout, re.M)
    java = sorted(p for p in installed if re.match(r"(openjdk-\d+|default-j(re|dk))", p))
    print(f"apt: apt-get install -s --no-install-recommends {' '.join(packages)} "
          f"(Debian {suite}, default Java {depends.group(1)}): {len(installed)} packages, Java ones: "
          + (", ".join(java) or "none"))
    others = [p for p in java if not p.startswith("openjdk-17-")]
    if others:
        raise CheckFailed("binder/apt.txt pulls a second Java besides JDK 17: " + ", ".join(others)
                          + " (a package in apt.txt depends on default-jre; drop it, e.g. `maven`: the Maven "
                          "Wrapper needs none)")
    if not any(p.startswith("openjdk-17-jdk") for p in java):
        raise CheckFailed("binder/apt.txt installs no JDK 17 (openjdk-17-jdk-headless)")


def main(argv):
    checks = argv or ["pip", "apt"]
    unknown = [c for c in checks if c not in ("pip", "apt")]
    if unknown:
        print(f"usage: {sys.argv[0]} [pip] [apt]", file=sys.stderr)
        return 2
    try:
        for c in checks:
            {"pip": check_pip, "apt": check_apt}[c]()
    except CheckFailed as e:
        print(f"FAIL binder: {e}", file=sys.stderr)
        return 1
    print("binder: " + " and ".join(checks) + " checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
