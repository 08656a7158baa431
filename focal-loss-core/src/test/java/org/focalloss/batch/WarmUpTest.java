package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When the vector warm-up starts, how much of a processor it takes, and when it declares the vector kernel
 * hot; on a fake clock, so that the schedule itself is checked rather than timed.
 */
class WarmUpTest {

    /** A clock that only the fake rounds and the fake sleeps move. */
    private static final class FakeTime {
        final AtomicLong now = new AtomicLong();
        final List<Long> pauses = new ArrayList<>();

        WarmUp.Sleeper sleeper() {
            return nanos -> {
                pauses.add(nanos);
                now.addAndGet(nanos);
            };
        }
    }

    @Test
    void aCallNeverStartsTheWarmUpItselfOnlyTheEndOfACallThatReachedTheThresholdDoes() {
        FakeTime time = new FakeTime();
        WarmUp w = new WarmUp("test", () -> time.now.addAndGet(1_000), () -> true, time.now::get, time.sleeper(), false);
        // one call of 2 × WARM_UP_AFTER elements, tile by tile: the scalar kernels serve all of it
        long tile = FastPass.TILE;
        for (long served = 0; served < 2 * WarmUp.WARM_UP_AFTER; served += tile) {
            assertFalse(w.hot(tile), "the vector kernel serves nothing before its warm-up");
            assertFalse(w.started(), "the warm-up started during the call, after " + served + " elements");
        }
        w.passDone();
        assertTrue(w.started(), "the call ended past the threshold: the warm-up starts");
    }

    @Test
    void callsBelowTheThresholdOrWithoutAnIdleProcessorDoNotStartIt() {
        FakeTime time = new FakeTime();
        WarmUp few = new WarmUp("test", () -> { }, () -> true, time.now::get, time.sleeper(), false);
        few.hot(WarmUp.WARM_UP_AFTER - 1);
        few.passDone();
        assertFalse(few.started());
        few.hot(1);
        few.passDone();
        assertTrue(few.started(), "exactly the threshold, summed over calls");

        WarmUp busy = new WarmUp("test", () -> { }, () -> false, time.now::get, time.sleeper(), false);
        busy.hot(10 * WarmUp.WARM_UP_AFTER);
        busy.passDone();
        assertFalse(busy.started(), "no idle processor: the scalar kernels keep serving");
    }

    @Test
    void slowRoundsArePausedSoTheWarmUpUsesAQuarterOfAProcessorAndFastRoundsMakeItHot() {
        FakeTime time = new FakeTime();
        int[] rounds = {0};
        long slow = 2_000_000;   // 2 ms: an interpreted round
        long fast = 1_000;       // 1 µs: C2 code
        Runnable round = () -> time.now.addAndGet(rounds[0]++ < 20 ? slow : fast);
        WarmUp w = new WarmUp("test", round, () -> true, time.now::get, time.sleeper(), false);
        w.rounds();
        assertEquals(20 + WarmUp.HOT_ROUNDS, rounds[0], "hot after HOT_ROUNDS fast rounds in a row");
        assertEquals(20, time.pauses.size(), "one pause after each slow round, none after fast ones");
        for (long p : time.pauses) {
            assertEquals(WarmUp.IDLE_PER_BUSY * slow, p);
        }
        long busy = 20 * slow + WarmUp.HOT_ROUNDS * fast;
        double share = (double) busy / time.now.get();
        assertEquals(1.0 / (1 + WarmUp.IDLE_PER_BUSY), share, 0.01, "the warm-up's share of one processor");
        assertTrue(w.hot(1), "hot: the vector kernel serves");
    }

    @Test
    void roundsThatNeverGetFastGiveUpAndTheScalarKernelsStay() {
        FakeTime time = new FakeTime();
        WarmUp w = new WarmUp("test", () -> time.now.addAndGet(100_000_000), () -> true, time.now::get, time.sleeper(),
                false);
        w.rounds();
        assertFalse(w.hot(1), "a JVM without C2: the scalar kernels stay");
        assertTrue(time.now.get() >= WarmUp.GIVE_UP_NANOS && time.now.get() < WarmUp.GIVE_UP_NANOS + 500_000_000L);
    }

    @Test
    void someoneWaitingForTheVectorKernelsGetsTheWarmUpWithoutPauses() {
        FakeTime time = new FakeTime();
        int[] rounds = {0};
        WarmUp w = new WarmUp("test", () -> time.now.addAndGet(rounds[0]++ < 5 ? 2_000_000 : 1_000), () -> false,
                time.now::get, time.sleeper(), false);
        assertTrue(w.await(60_000), "await starts the warm-up even without an idle processor");
        assertTrue(time.pauses.isEmpty(), "no pauses while someone waits: " + time.pauses);
    }

    @Test
    void onOneProcessorTheVectorKernelServesAtOnce() {
        WarmUp w = new WarmUp("test", () -> { }, () -> true, System::nanoTime, n -> { }, true);
        assertTrue(w.hot(1));
        w.passDone();
        assertFalse(w.started(), "nothing to warm up");
    }
}
