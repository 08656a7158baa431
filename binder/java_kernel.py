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
4. A dynamic AppCDS archive (jjava.jsa), trained by running binder/kernel/cds-training.jsh once: the library
   calls the notebooks make, without their side effects (the notebooks' own cells may write files; an
   instructor's notebook in notebooks/ is never executed here). It covers JJava, javac and the classes the
   notebooks load from focal-loss.jar. It is used only if a check shows the JVM can map it (a broken archive
   would crash the kernel); otherwise kernel.json goes without it.
5. The JDK is pinned: kernel.json runs $JAVA_HOME/bin/java by its absolute path (binder/postBuild exports the
   JDK 17 it found), so a second Java first on PATH cannot take over the kernel or invalidate the archive.

Environment: JAVA_HOME (set by postBuild; else the java on PATH), FOCAL_CDS_TRAIN=0 skips training,
FOCAL_CDS_TRAINING overrides the training cells' file, FOCAL_CDS_STRICT=1 fails if a training cell fails
(scripts/test sets it, so a training file that fell behind the library's API is noticed).
"""
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
JAR = os.path.join(ROOT, "target", "focal-loss.jar")
TRAINING = os.environ.get("FOCAL_CDS_TRAINING") or os.path.join(ROOT, "binder", "kernel", "cds-training.jsh")
CELL_MARK = "// ---- cell"


def jdk_tool(name):
    """A JDK tool by absolute path: $JAVA_HOME/bin/NAME if JAVA_HOME is set, else NAME on PATH resolved."""
    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", name)):
        return os.path.join(home, "bin", name)
    found = shutil.which(name)
    return os.path.realpath(found) if found else None

FLAGS = ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
         "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
         "-Djava.awt.headless=true", "-Djjava.fast.exitOnShellStop=true"]
CDS_FLAGS = ["-XX:SharedArchiveFile={resource_dir}/jjava.jsa", "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off"]


def say(message):
    print("java_kernel: " + message, flush=True)


def write_spec(target_dir, extra_flags, jar="{resource_dir}/jjava-fast.jar", name="Java (jjava)"):
    os.makedirs(target_dir, exist_ok=True)
    spec = {"argv": [jdk_tool("java"), *FLAGS, *extra_flags, "-jar", jar, "{connection_file}"],
            "display_name": name, "language": "java", "interrupt_mode": "message", "env": {}, "metadata": {}}
    with open(os.path.join(target_dir, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


def build_wrapper():
    with tempfile.TemporaryDirectory() as tmp:
        classes = os.path.join(tmp, "classes")
        subprocess.run([jdk_tool("javac"), "--release", "17", "-cp", os.path.join(KDIR, "jjava.jar"), "-d", classes,
                        os.path.join(ROOT, "binder", "kernel", "JJavaFast.java")], check=True)
        manifest = os.path.join(tmp, "manifest.txt")
        with open(manifest, "w", encoding="utf-8") as f:
            f.write("Main-Class: JJavaFast\nClass-Path: jjava.jar\n")
        subprocess.run([jdk_tool("jar"), "cfm", FAST_JAR, manifest, "-C", classes, "."], check=True)


def training_cells(path=TRAINING):
    """The training file's cells: its text split at CELL_MARK lines, the leading comment dropped, {jar} filled."""
    cells, current = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(CELL_MARK):
                cells.append("".join(current))
                current = []
            else:
                current.append(line)
    cells.append("".join(current))
    head = cells[0].splitlines()
    while head and head[0].startswith("//"):   # the file's leading comment is not code
        head.pop(0)
    cells[0] = "\n".join(head)
    cells = [c.strip() for c in cells]
    return [c.replace("{jar}", JAR) for c in cells if c]


def train(cells):
    """Runs the cells in one kernel that writes the archive when it exits; returns the failed cells' messages."""
    from jupyter_client.manager import KernelManager

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        # same JVM, flags and jar as at run time, ArchiveClassesAtExit instead of SharedArchiveFile
        write_spec(os.path.join(tmp, "kernels", "java-cds-train"),
                   ["-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Xlog:cds=off,cds+dynamic=off"],
                   jar=FAST_JAR, name="Java (CDS training)")
        os.environ["JUPYTER_PATH"] = tmp + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        work = os.path.join(tmp, "work")       # the kernel's working directory: nothing lands in the repository
        os.makedirs(work)
        km = KernelManager(kernel_name="java-cds-train", shutdown_wait_time=120.0)
        log = open(os.path.join(tmp, "kernel.log"), "w")   # JJava's own log lines stay out of the build log
        km.start_kernel(cwd=work, stdout=log, stderr=subprocess.STDOUT)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            for i, code in enumerate(cells, 1):
                say(f"training the start-up archive: cell {i}/{len(cells)}")
                errors = []
                reply = kc.execute_interactive(code, timeout=600, output_hook=lambda m: errors.append(
                    m["content"]) if m["msg_type"] == "error" else None)
                if reply["content"]["status"] != "ok" or errors:
                    content = errors[0] if errors else reply["content"]
                    failures.append(f"cell {i}: {content.get('ename', '')}: {content.get('evalue', '')}".strip())
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)   # a graceful exit, during which the JVM writes the archive
            log.close()
            if failures:
                with open(log.name, encoding="utf-8", errors="replace") as f:
                    say("the training kernel's log ends:\n" + "".join(f.readlines()[-20:]))
    return failures


def archive_works():
    """-Xshare:on refuses a stale or broken archive; JJava then asks for its connection file, which proves the
    JVM started with the archive mapped."""
    if not os.path.isfile(ARCHIVE) or os.path.getsize(ARCHIVE) == 0:
        return False
    run = subprocess.run([jdk_tool("java"), *FLAGS, "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-XX:ErrorFile=/dev/null",
                          "-jar", FAST_JAR], capture_output=True, text=True, timeout=120)
    return "Missing connection file argument" in (run.stdout + run.stderr)


def main():
    if not os.path.isfile(os.path.join(KDIR, "jjava.jar")):
        say(f"{KDIR}/jjava.jar not found: install the kernel first (pip install -r binder/requirements.txt)")
        return 1
    if jdk_tool("javac") is None or jdk_tool("jar") is None:
        say("javac and jar are needed (a JDK 17, e.g. apt-get install openjdk-17-jdk-headless)")
        return 1
    build_wrapper()
    write_spec(KDIR, [])          # a working kernel even if the training below fails
    if os.path.exists(ARCHIVE):
        os.remove(ARCHIVE)
    if os.environ.get("FOCAL_CDS_TRAIN", "1") == "0":
        say("kernel installed without a CDS archive (FOCAL_CDS_TRAIN=0)")
        return 0
    if not os.path.isfile(JAR):
        say(f"{JAR} not found: build it first (binder/postBuild does); training skipped")
    else:
        say(f"recording the start-up archive from {os.path.relpath(TRAINING, ROOT)} on {jdk_tool('java')}")
        try:
            failures = train(training_cells())
        except Exception as e:   # training is an optimisation; the kernel works without it
            failures = [f"training failed ({e})"]
        for f in failures:
            say(f"warning: training {f} (fix {os.path.relpath(TRAINING, ROOT)} to match the library)")
        if failures and os.environ.get("FOCAL_CDS_STRICT") == "1":
            say("error: FOCAL_CDS_STRICT=1 and a training cell failed")
            return 1
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
