package com.salesconnect.tasksync.salesforce;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Checks the base URLs bearer tokens are sent to. Salesforce's are https; plain http is allowed only on the
 * loopback interface, where the emulator of the contract tests listens.
 */
final class InstanceUrls {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private InstanceUrls() {
    }

    /** The URL without a trailing slash, or IllegalArgumentException when it is not a safe base URL. */
    static URI requireSafe(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        boolean https = "https".equalsIgnoreCase(scheme);
        boolean loopbackHttp = "http".equalsIgnoreCase(scheme) && host != null && LOOPBACK.contains(host);
        if (host == null || !(https || loopbackHttp) || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a Salesforce base URL must be https://host[:port][/path]");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** True when {@code other} has the same scheme, host and port as {@code base}. */
    static boolean sameOrigin(URI base, URI other) {
        return base.getScheme().equalsIgnoreCase(other.getScheme() == null ? "" : other.getScheme())
                && base.getHost().equalsIgnoreCase(other.getHost() == null ? "" : other.getHost())
                && port(base) == port(other);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
