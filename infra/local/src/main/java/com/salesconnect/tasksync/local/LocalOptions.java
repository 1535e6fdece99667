package com.salesconnect.tasksync.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a local run is configured: command-line options and environment variables.
 *
 * @param awsEndpoint     TASKSYNC_AWS_ENDPOINT: an AWS API endpoint to use instead of starting moto_server
 * @param salesforceOrg   a real org's connected app (SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID,
 *                        SALESFORCE_CLIENT_SECRET) instead of the emulator; the runtime puts the secret into the
 *                        template's Secrets Manager secret, as an operator does after deploying
 * @param template        TASKSYNC_TEMPLATE or {@code --template}; empty: template.yaml in the working directory or
 *                        above, else the copy inside the jar
 * @param parameters      {@code --param Name=Value}: template parameter values
 * @param seed            false with {@code --no-seed}: no demo data, no demo connection
 */
public record LocalOptions(String host, int port, int salesforcePort, Optional<URI> awsEndpoint,
                           Optional<SalesforceOrg> salesforceOrg, Optional<Path> template,
                           Map<String, String> parameters, boolean seed) {

    /** A real org's connected app; the secret is never printed. */
    public record SalesforceOrg(URI loginUrl, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "SalesforceOrg[" + loginUrl + ", clientId=" + clientId + "]";
        }
    }

    public static final String USAGE = """
            usage: java -jar infra/local/target/tasksync-local.jar [options]
              --port N             the app's port (default 8080; 0 picks a free one)
              --salesforce-port N  the Salesforce emulator's port (default 8081; 0 picks a free one)
              --host H             interface to listen on (default 127.0.0.1)
              --param Name=Value   a template.yaml parameter value (repeatable), e.g. SweepSchedule='rate(1 minute)'
              --template FILE      the SAM template (default: template.yaml here or above, else the built-in copy)
              --no-seed            start empty: no demo tasks, no demo connection
            environment:
              TASKSYNC_AWS_ENDPOINT  use this AWS endpoint (LocalStack, an account) instead of starting moto_server;
                                     credentials and region from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION
              SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET
                                     use a real Salesforce org's connected app instead of the emulator
            """;

    public static LocalOptions parse(String[] args, Function<String, String> env) {
        String host = "127.0.0.1";
        int port = 8080;
        int salesforcePort = 8081;
        Path template = Optional.ofNullable(blankToNull(env.apply("TASKSYNC_TEMPLATE"))).map(Path::of).orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean seed = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = port(value(args, ++i, arg), arg);
                case "--salesforce-port" -> salesforcePort = port(value(args, ++i, arg), arg);
                case "--host" -> host = value(args, ++i, arg);
                case "--template" -> template = Path.of(value(args, ++i, arg));
                case "--no-seed" -> seed = false;
                case "--param" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--param takes Name=Value, not " + pair);
                    }
                    parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new LocalOptions(host, port, salesforcePort,
                Optional.ofNullable(blankToNull(env.apply("TASKSYNC_AWS_ENDPOINT"))).map(URI::create),
                salesforceOrg(env), Optional.ofNullable(template), parameters, seed);
    }

    private static Optional<SalesforceOrg> salesforceOrg(Function<String, String> env) {
        String login = blankToNull(env.apply("SALESFORCE_LOGIN_URL"));
        String id = blankToNull(env.apply("SALESFORCE_CLIENT_ID"));
        String secret = blankToNull(env.apply("SALESFORCE_CLIENT_SECRET"));
        if (login == null && id == null && secret == null) {
            return Optional.empty();
        }
        if (login == null || id == null || secret == null) {
            throw new IllegalArgumentException("a real Salesforce org needs SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID"
                    + " and SALESFORCE_CLIENT_SECRET together");
        }
        return Optional.of(new SalesforceOrg(URI.create(login), id, secret));
    }

    private static int port(String value, String option) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number 0-65535, not " + value);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
