/**
 * Wrapper main for the JJava 1.0a8 kernel: runs org.dflib.jjava.distro.JJava.main, then exits the JVM.
 *
 * Why: after a shutdown_request JJava's main() returns, but a non-daemon JShell executor thread
 * ("jjava-exec-*", cached pool, 60 s keep-alive) keeps the JVM alive, so jupyter_client waits
 * shutdown_wait_time/2 (2.5 s) and then SIGTERMs it. With -Djjava.fast.exitOnShellStop=true the JVM
 * exits as soon as a shell/control loop thread ("Shell-*") stops, i.e. right after the shutdown
 * reply, without waiting up to 500 ms for the heartbeat loop's poll timeout.
 *
 * It also gives the kernel an empty input history. JJava 1.0a8 has none, and its history_request handler
 * then returns without a reply and without the busy/idle status messages every request gets. JupyterLab
 * 4.5 (with jupyterlab_server 2.28) ignores the status messages of kernel_info requests (jupyterlab#18047,
 * "untracked_message_types"), so the first status it can take is the one of its history_request: without
 * an answer its status bar reads "Java (jjava) | Unknown" until the first cell runs. With an (empty)
 * history the kernel answers, and the status bar reads "Idle" as soon as the kernel is up.
 */
public final class JJavaFast {
  public static void main(String[] args) throws Exception {
    Thread h = new Thread(JJavaFast::installEmptyHistory, "jjava-fast-history");
    h.setDaemon(true);
    h.start();
    if (Boolean.getBoolean("jjava.fast.exitOnShellStop")) {
      Thread w = new Thread(JJavaFast::watchShellLoops, "jjava-fast-exit");
      w.setDaemon(true);
      w.start();
    }
    org.dflib.jjava.distro.JJava.main(args);
    System.exit(0);
  }

  private static void watchShellLoops() {
    java.util.List<Thread> shells = new java.util.ArrayList<>();
    try {
      while (shells.isEmpty()) {           // wait until the kernel has started its loops
        Thread.sleep(50);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.getName().startsWith("Shell-")) shells.add(t);
        }
      }
      while (true) {
        for (Thread t : shells) {
          if (!t.isAlive()) System.exit(0);
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      // daemon thread: nothing to do
    }
  }

  /** Answers every history lookup with no entries (instead of no reply at all). */
  static final class EmptyHistory implements org.dflib.jjava.jupyter.kernel.history.HistoryManager {
    @Override
    public java.util.List<org.dflib.jjava.jupyter.kernel.history.HistoryEntry> lookupRange(int session, int start,
        int stop, java.util.Set<ResultFlag> flags) {
      return java.util.List.of();
    }

    @Override
    public java.util.List<org.dflib.jjava.jupyter.kernel.history.HistoryEntry> lookupTail(int length,
        java.util.Set<ResultFlag> flags) {
      return java.util.List.of();
    }

    @Override
    public java.util.List<org.dflib.jjava.jupyter.kernel.history.HistoryEntry> search(String pattern, int length,
        java.util.Set<ResultFlag> flags) {
      return java.util.List.of();
    }
  }

  /** Waits for JJava to create its kernel, then sets its (final, null) history manager to an empty one. */
  private static void installEmptyHistory() {
    try {
      Class<org.dflib.jjava.jupyter.kernel.BaseKernel> base = org.dflib.jjava.jupyter.kernel.BaseKernel.class;
      java.lang.reflect.Field current = base.getDeclaredField("notebookKernel");   // notebookKernel() throws if unset
      current.setAccessible(true);
      org.dflib.jjava.jupyter.kernel.BaseKernel kernel;
      while ((kernel = (org.dflib.jjava.jupyter.kernel.BaseKernel) current.get(null)) == null) {
        Thread.sleep(10);
      }
      if (kernel.getHistoryManager() == null) {
        java.lang.reflect.Field f = base.getDeclaredField("historyManager");
        f.setAccessible(true);
        f.set(kernel, new EmptyHistory());
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("jjava-fast: no empty history (" + e + "); JupyterLab 4.5 may show the kernel as Unknown");
    } catch (InterruptedException e) {
      // daemon thread: nothing to do
    }
  }
}
