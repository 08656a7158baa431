package org.focalloss.batch;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One vector kernel's warm-up for {@link WarmingKernels}: counts the elements the scalar kernels serve,
 * starts a daemon thread after a call ({@link #passDone}) once they reach {@link #WARM_UP_AFTER} and a
 * processor is idle, and reports the kernel hot once its warm-up round has run in less than
 * {@link #HOT_ROUND_NANOS} {@link #HOT_ROUNDS} times in a row, i.e. as C2 code.
 */
final class WarmUp {

    /** A warm-up round (three calls on one vector's worth of data) takes about 1 µs in C2 code, 150 µs in C1. */
    static final long HOT_ROUND_NANOS = 30_000;
    /**
     * Elements the scalar kernels process before the warm-up may start: by then the JIT has compiled the
     * scalar loops, and the vector code's large C2 compilations no longer delay them in the compile queue.
     */
    static final long WARM_UP_AFTER = 1 << 22;
    /** Consecutive fast rounds before the switch. */
    static final int HOT_ROUNDS = 50;
    /** The warm-up gives up (and the scalar kernels stay) after this long. */
    static final long GIVE_UP_NANOS = 60_000_000_000L;
    /**
     * While its rounds are slow (interpreted or C1 code), the warm-up thread sleeps this many times as long
     * as each round took, so that it uses at most 1/(1 + this) of a processor; the JIT's compiler threads,
     * which compile the vector code, and the caller's next calls have the processors to themselves most of
     * the time. Flat out, the warm-up made three runnable threads on a two-processor machine and slowed the
     * calls during it 2–3× (1M-element calls: 9–14 ms instead of 4.5 ms). No pauses while someone waits in
     * {@link #await}.
     */
    static final long IDLE_PER_BUSY = 3;

    /** Sleeps, for the pauses between slow rounds. */
    interface Sleeper {
        /** @param nanos how long */
        void sleep(long nanos);
    }

    private final String name;
    private final Runnable round;
    private final BooleanSupplier spare;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private volatile boolean hot;
    private volatile boolean started;
    private volatile boolean eager;
    private long served;   // elements given to the scalar kernels; races only delay the start a little

    /**
     * @param name the kernel's name, for the thread
     * @param round one warm-up round: the vector kernel on synthetic data
     * @param spare whether a processor is idle now
     * @param clock nanoseconds
     * @param sleeper the pause between slow rounds
     * @param hotAtOnce true to use the vector kernel without a warm-up (one processor)
     */
    WarmUp(String name, Runnable round, BooleanSupplier spare, LongSupplier clock, Sleeper sleeper, boolean hotAtOnce) {
        this.name = name;
        this.round = round;
        this.spare = spare;
        this.clock = clock;
        this.sleeper = sleeper;
        this.hot = hotAtOnce;
    }

    /** The warm-up of a kernel in this JVM: real clock, real sleeps, the load average's idle test. */
    static WarmUp of(String name, Runnable round) {
        return new WarmUp(name, round, WarmingKernels::spareProcessor, System::nanoTime, WarmUp::pause,
                Runtime.getRuntime().availableProcessors() < 2);
    }

    /**
     * @param elements elements about to be served (counted when the scalar kernels serve them)
     * @return whether the vector kernel is to serve them
     */
    boolean hot(long elements) {
        if (hot) {
            return true;
        }
        served += elements;
        return false;
    }

    /** After a call: starts the warm-up once the scalar kernels have served enough, if a processor is idle. */
    void passDone() {
        if (!started && !hot && served >= WARM_UP_AFTER && spare.getAsBoolean()) {
            start();
        }
    }

    /** @return whether the warm-up thread has been started */
    boolean started() {
        return started;
    }

    private synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(this::rounds, "focal-loss vector warm-up (" + name + ")");
        t.setDaemon(true);
        t.start();
    }

    /** The warm-up thread: rounds until HOT_ROUNDS fast ones in a row, pausing after each slow one. */
    void rounds() {
        long deadline = clock.getAsLong() + GIVE_UP_NANOS;
        int fast = 0;
        while (fast < HOT_ROUNDS && clock.getAsLong() < deadline) {
            long t0 = clock.getAsLong();
            round.run();
            long took = clock.getAsLong() - t0;
            fast = took < HOT_ROUND_NANOS ? fast + 1 : 0;
            if (fast == 0 && !eager) {
                sleeper.sleep(took * IDLE_PER_BUSY);
            }
        }
        hot = fast >= HOT_ROUNDS;
    }

    /**
     * Starts the warm-up if it has not started, drops the pauses, and waits for it.
     *
     * @param millis how long to wait at most
     * @return whether the vector kernel is hot
     */
    boolean await(long millis) {
        eager = true;
        if (!hot) {
            start();
        }
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!hot && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return hot;
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
