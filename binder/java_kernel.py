#!/usr/bin/env python3
"""Makes sure the `java` Jupyter kernel (JJava, installed by `pip install -r binder/requirements.txt`) is
installed, and tunes it to start and stop quickly. Run by binder/postBuild after the jar is built.

Measured on the notebooks' stand-in (15 cells, 5 charts): 10.0 s with JJava's stock kernel.json, 4.6 s
with this one. What it changes, all inside the kernelspec folder:

1. One JVM instead of two: kernel.json runs JJava's jar directly instead of through its launcher.
2. jjava-fast.jar (binder/kernel/JJavaFast.java): a wrapper main that exits the JVM right after a
   shutdown request. JJava 1.0a8 leaves a non-daemon thread behind, so every headless run otherwise waits
   2.5 s for jupyter_client to SIGTERM the kernel.
3. JVM flags for short interactive sessions: C1 only (-XX:TieredStopAtLevel=1 halves the CPU spent on
   compiling JShell's snippets), SerialGC, no perf data, headless AWT.
4. A dynamic AppCDS archive (jjava.jsa), trained by running the notebooks' code once; it covers JJava,
   javac and the classes the notebooks load from focal-loss.jar. It is used only if a check shows the JVM
   can map it (a broken archive would crash the kernel); otherwise kernel.json goes without it.

Environment: FOCAL_CDS_TRAIN=0 skips training; FOCAL_CDS_NOTEBOOKS overrides the notebooks to train on.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
KDIR = os.path.join(sys.prefix, "share", "jupyter", "kernels", "java")
ARCHIVE = os.path.join(KDIR, "jjava.jsa")
FAST_JAR = os.path.join(KDIR, "jjava-fast.jar")

FLAGS = ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
         "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
         "-Djava.awt.headless=true", "-Djjava.fast.exitOnShellStop=true"]
CDS_FLAGS = ["-XX:SharedArchiveFile={resource_dir}/jjava.jsa", "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off"]


def say(message):
    print("java_kernel: " + message, flush=True)


def write_spec(target_dir, extra_flags, jar="{resource_dir}/jjava-fast.jar", name="Java (jjava)"):
    os.makedirs(target_dir, exist_ok=True)
    spec = {"argv": ["java", *FLAGS, *extra_flags, "-jar", jar, "{connection_file}"],
            "display_name": name, "language": "java", "interrupt_mode": "message", "env": {}, "metadata": {}}
    with open(os.path.join(target_dir, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


def build_wrapper():
    with tempfile.TemporaryDirectory() as tmp:
        classes = os.path.join(tmp, "classes")
        subprocess.run(["javac", "--release", "17", "-cp", os.path.join(KDIR, "jjava.jar"), "-d", classes,
                        os.path.join(ROOT, "binder", "kernel", "JJavaFast.java")], check=True)
        manifest = os.path.join(tmp, "manifest.txt")
        with open(manifest, "w", encoding="utf-8") as f:
            f.write("Main-Class: JJavaFast\nClass-Path: jjava.jar\n")
        subprocess.run(["jar", "cfm", FAST_JAR, manifest, "-C", classes, "."], check=True)


def train(notebooks):
    """Runs every code cell of the notebooks in one kernel that writes the archive when it exits."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as tmp:
        # same class path as at run time (absolute), ArchiveClassesAtExit instead of SharedArchiveFile
        write_spec(os.path.join(tmp, "kernels", "java-cds-train"),
                   ["-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Xlog:cds=off,cds+dynamic=off"],
                   jar=FAST_JAR, name="Java (CDS training)")
        os.environ["JUPYTER_PATH"] = tmp + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        cells = [c for p in notebooks for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code"]
        km = KernelManager(kernel_name="java-cds-train", shutdown_wait_time=120.0)
        km.start_kernel(cwd=os.path.dirname(os.path.abspath(notebooks[0])))
        try:
            NotebookClient(nbformat.v4.new_notebook(cells=cells), km=km, timeout=600, allow_errors=True).execute()
        finally:
            km.shutdown_kernel(now=False)   # a graceful exit, during which the JVM writes the archive


def archive_works():
    """-Xshare:on refuses a stale or broken archive; JJava then asks for its connection file, which proves the
    JVM started with the archive mapped."""
    if not os.path.isfile(ARCHIVE) or os.path.getsize(ARCHIVE) == 0:
        return False
    run = subprocess.run(["java", *FLAGS, "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-XX:ErrorFile=/dev/null",
                          "-jar", FAST_JAR], capture_output=True, text=True, timeout=120)
    return "Missing connection file argument" in (run.stdout + run.stderr)


def main():
    if not os.path.isfile(os.path.join(KDIR, "jjava.jar")):
        say(f"{KDIR}/jjava.jar not found: install the kernel first (pip install -r binder/requirements.txt)")
        return 1
    if shutil.which("javac") is None or shutil.which("jar") is None:
        say("javac and jar are needed (a JDK 17, e.g. apt-get install openjdk-17-jdk-headless)")
        return 1
    build_wrapper()
    write_spec(KDIR, [])          # a working kernel even if the training below fails
    if os.path.exists(ARCHIVE):
        os.remove(ARCHIVE)
    if os.environ.get("FOCAL_CDS_TRAIN", "1") == "0":
        say("kernel installed without a CDS archive (FOCAL_CDS_TRAIN=0)")
        return 0
    notebooks = os.environ.get("FOCAL_CDS_NOTEBOOKS", "").split() or sorted(
        glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if notebooks:
        try:
            train(notebooks)
        except Exception as e:   # training is an optimisation; the kernel works without it
            say(f"CDS training failed ({e}); continuing without the archive")
    if archive_works():
        write_spec(KDIR, CDS_FLAGS)
        say(f"kernel installed in {KDIR} with a CDS archive ({os.path.getsize(ARCHIVE) // 1_000_000} MB)")
    else:
        if os.path.exists(ARCHIVE):
            os.remove(ARCHIVE)
        say(f"kernel installed in {KDIR} without a CDS archive (it could not be trained or mapped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
