package com.salesconnect.tasksync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of processes, from Linux's {@code /proc/<pid>/status}: sampled every second for moto_server (its
 * process and any children) and this JVM, keeping the peak. Where /proc is missing the figures are absent.
 */
public final class ProcessMemory implements AutoCloseable {

    private final long motoPid;
    private final AtomicLong motoPeakKb = new AtomicLong(-1);
    private final AtomicLong motoLastKb = new AtomicLong(-1);
    private final Thread sampler;
    private volatile boolean running = true;

    /** @param motoPid moto_server's process id, or -1 when the run uses another engine */
    public ProcessMemory(long motoPid) {
        this.motoPid = motoPid;
        this.sampler = new Thread(this::sample, "bench-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            if (motoPid > 0) {
                OptionalLong kb = treeRssKb(motoPid);
                if (kb.isPresent()) {
                    motoLastKb.set(kb.getAsLong());
                    motoPeakKb.accumulateAndGet(kb.getAsLong(), Math::max);
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** moto_server's peak resident memory in MiB so far (-1: unknown). */
    public double motoPeakMib() {
        return mib(motoPeakKb.get());
    }

    public double motoLastMib() {
        return mib(motoLastKb.get());
    }

    /** This JVM's peak resident memory (VmHWM) in MiB (-1: unknown). */
    public static double jvmPeakMib() {
        return mib(statusKb(ProcessHandle.current().pid(), "VmHWM:").orElse(-1));
    }

    /** Resident memory of a process and its descendants, in KiB. */
    static OptionalLong treeRssKb(long pid) {
        OptionalLong own = statusKb(pid, "VmRSS:");
        if (own.isEmpty()) {
            return own;
        }
        long sum = own.getAsLong();
        List<Long> children = ProcessHandle.of(pid).map(p -> p.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
        for (long child : children) {
            sum += statusKb(child, "VmRSS:").orElse(0);
        }
        return OptionalLong.of(sum);
    }

    static OptionalLong statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static double mib(long kb) {
        return kb < 0 ? -1 : kb / 1024.0;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
