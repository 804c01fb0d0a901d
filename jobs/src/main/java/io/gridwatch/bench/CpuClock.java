package io.gridwatch.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used by this JVM, all threads together: divided into the events processed, it gives events per
 * CPU-second — throughput per core — whatever number of threads the MiniCluster ran them on.
 */
final class CpuClock {

    private CpuClock() {}

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }

    /** {@code cpu} spent on {@code events} events, in microseconds per event. */
    static double microsPerEvent(Duration cpu, long events) {
        return cpu.toNanos() / 1e3 / events;
    }
}
