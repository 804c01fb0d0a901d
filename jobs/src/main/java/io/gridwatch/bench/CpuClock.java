package io.gridwatch.bench;

import java.lang.management.ManagementFactory;

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
}
