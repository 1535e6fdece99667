package com.salesconnect.tasksync.emulator;

import com.salesconnect.tasksync.emulator.org.SeedData;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar salesforce-emulator.jar [--port 8081] [--host 127.0.0.1] [--seed seed.json]
 * [--daily-limit 15000] [--rotation] [--page-size 2000] [--outbound-endpoint URL]}
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        EmulatorConfig config = EmulatorConfig.defaults().withPort(8081).withSeed(SeedData.demoWithSampleTasks());
        String outboundEndpoint = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> config = config.withPort(Integer.parseInt(value(args, ++i, arg)));
                case "--host" -> config = config.withBindAddress(value(args, ++i, arg));
                case "--seed" -> config = config.withSeed(seed(Path.of(value(args, ++i, arg))));
                case "--daily-limit" -> config = config.withDailyApiLimit(Long.parseLong(value(args, ++i, arg)));
                case "--rotation" -> config = config.withRefreshTokenRotation(true, Duration.ZERO);
                case "--page-size" -> config = config.withQueryPageSize(Integer.parseInt(value(args, ++i, arg)));
                case "--outbound-endpoint" -> outboundEndpoint = value(args, ++i, arg);
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown option " + arg);
                    usage();
                    System.exit(2);
                }
            }
        }
        SalesforceEmulator emulator = SalesforceEmulator.start(config);
        if (outboundEndpoint != null) {
            emulator.org().setOutboundEndpoint(URI.create(outboundEndpoint));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "salesforce-emulator-shutdown"));
        System.out.println("Salesforce emulator: " + emulator.baseUrl() + "  (admin: " + emulator.baseUrl()
                + "/_emulator, org " + emulator.org().id() + ", client_id " + emulator.connectedApp().clientId() + ")");
        stopped.await();
    }

    private static SeedData seed(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return SeedData.fromJson(in);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("usage: java -jar salesforce-emulator.jar [--port 8081] [--host 127.0.0.1] "
                + "[--seed seed.json] [--daily-limit 15000] [--rotation] [--page-size 2000] "
                + "[--outbound-endpoint URL]");
    }
}
