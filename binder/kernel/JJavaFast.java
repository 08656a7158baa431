/**
 * Wrapper main for the JJava 1.0a8 kernel: runs org.dflib.jjava.distro.JJava.main, then exits the JVM.
 *
 * Why: after a shutdown_request JJava's main() returns, but a non-daemon JShell executor thread
 * ("jjava-exec-*", cached pool, 60 s keep-alive) keeps the JVM alive, so jupyter_client waits
 * shutdown_wait_time/2 (2.5 s) and then SIGTERMs it. With -Djjava.fast.exitOnShellStop=true the JVM
 * exits as soon as a shell/control loop thread ("Shell-*") stops, i.e. right after the shutdown
 * reply, without waiting up to 500 ms for the heartbeat loop's poll timeout.
 */
public final class JJavaFast {
  public static void main(String[] args) throws Exception {
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
}
