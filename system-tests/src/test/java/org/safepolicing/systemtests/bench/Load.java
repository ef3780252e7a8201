package org.safepolicing.systemtests.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Load generators (closed loop over N connections, like wrk; open loop at a fixed rate) and their figures. */
public final class Load {

    static final int MAX_IN_FLIGHT = 256;
    static final long GIVE_UP_NANOS = 10_000_000_000L;

    private Load() {
    }

    /** Latencies in microseconds and the answers' status codes. */
    public static final class Result {
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        long elapsedNanos;

        void add(int status, long micros) {
            statuses.merge(status, 1, Integer::sum);
            this.micros.add(micros);
        }

        public int count() {
            return micros.size();
        }

        public int ok() {
            int ok = 0;
            synchronized (statuses) {
                for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
                    if (e.getKey() >= 200 && e.getKey() < 300) {
                        ok += e.getValue();
                    }
                }
            }
            return ok;
        }

        public double perSecond() {
            return elapsedNanos == 0 ? 0 : ok() * 1e9 / elapsedNanos;
        }

        public double p(double q) {
            return percentileMs(micros, q);
        }

        public ObjectNode json() {
            ObjectNode n = BenchHttp.JSON.createObjectNode();
            n.put("requests", count());
            n.put("droppedByGenerator", statuses.getOrDefault(0, 0));
            n.put("ok", ok());
            n.put("seconds", elapsedNanos / 1e9);
            n.put("perSecond", round(perSecond()));
            n.put("p50Ms", round(p(0.5)));
            n.put("p99Ms", round(p(0.99)));
            n.put("maxMs", round(p(1.0)));
            ObjectNode s = n.putObject("statuses");
            synchronized (statuses) {
                statuses.forEach((k, v) -> s.put(Integer.toString(k), v));
            }
            return n;
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "%s req/s (%d ok of %d%s)", fmt(perSecond()), ok(), count(),
                    ok() == count() ? "" : ", statuses " + statuses);
        }
    }

    /** A request: returns its status; the load measures its time. */
    public interface Call {
        int run(int i) throws Exception;
    }

    /** {@code connections} callers each calling in a loop for {@code seconds}. */
    public static Result closed(int connections, double seconds, Call call) throws InterruptedException {
        Result result = new Result();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger seq = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        long t = System.nanoTime();
                        int status;
                        try {
                            status = call.run(seq.getAndIncrement());
                        } catch (Exception e) {
                            status = -1;
                        }
                        result.add(status, (System.nanoTime() - t) / 1_000);
                    }
                    return null;
                });
            }
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
        }
        result.elapsedNanos = System.nanoTime() - start;
        return result;
    }

    /**
     * Open loop: call {@code i} is due at {@code start + i / rate}, each on its own virtual thread; its latency counts
     * from when it was due (so a stalled server is not hidden by a stalled generator).
     */
    public static Result open(double rate, double seconds, Call call) throws InterruptedException {
        Result result = new Result();
        int total = (int) Math.round(rate * seconds);
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        // at most MAX_IN_FLIGHT calls at once (a client's connection pool); a call still waiting for one
        // GIVE_UP_NANOS after it was due is not made (counted as status 0, "dropped by the generator")
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int n = i;
                pool.submit(() -> {
                    int status;
                    try {
                        if (!inFlight.tryAcquire(Math.max(0, due + GIVE_UP_NANOS - System.nanoTime()),
                                TimeUnit.NANOSECONDS)) {
                            result.statuses.merge(0, 1, Integer::sum);
                            return;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        status = call.run(n);
                    } catch (Exception e) {
                        status = -1;
                    } finally {
                        inFlight.release();
                    }
                    result.add(status, (System.nanoTime() - due) / 1_000);
                });
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
        }
        result.elapsedNanos = System.nanoTime() - start;
        return result;
    }

    /** Nearest-rank percentile of microsecond samples, in milliseconds ({@code NaN} without samples). */
    public static double percentileMs(List<Long> micros, double q) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }

    public static double round(double v) {
        return Double.isNaN(v) ? -1 : Math.round(v * 10) / 10.0;
    }

    /** 0.7 ms, 42 ms, 1.9 s */
    public static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (ms >= 1000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000);
        }
        return ms >= 10 ? String.format(java.util.Locale.ROOT, "%.0f ms", ms)
                : String.format(java.util.Locale.ROOT, "%.1f ms", ms);
    }

    public static String fmt(double v) {
        return v >= 100 ? String.format(java.util.Locale.ROOT, "%,.0f", v)
                : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

}
