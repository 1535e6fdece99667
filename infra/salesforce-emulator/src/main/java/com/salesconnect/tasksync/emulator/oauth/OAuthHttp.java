package com.salesconnect.tasksync.emulator.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.emulator.http.HttpCall;
import com.salesconnect.tasksync.emulator.http.Json;
import com.salesconnect.tasksync.emulator.org.User;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The HTTP face of {@link OAuthServer}: {@code /services/oauth2/*} and the identity URL {@code /id/org/user}. */
public final class OAuthHttp {

    private final OAuthServer server;
    private final Supplier<String> baseUrl;

    public OAuthHttp(OAuthServer server, Supplier<String> baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    public void handle(HttpCall call) throws IOException {
        String path = call.path();
        try {
            if (path.startsWith("/id/")) {
                identity(call);
                return;
            }
            switch (path.substring("/services/oauth2/".length())) {
                case "authorize" -> authorize(call);
                case "token" -> requirePost(call, () -> token(call));
                case "userinfo" -> identity(call);
                case "revoke" -> revoke(call);
                default -> call.json(404, Json.restError("NOT_FOUND", "The requested resource does not exist"));
            }
        } catch (OAuthError e) {
            call.addHeader("Cache-Control", "no-store");
            call.json(e.status(), Json.object().put("error", e.error()).put("error_description", e.description()));
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void requirePost(HttpCall call, Action action) throws IOException {
        if (!call.method().equals("POST")) {
            call.json(405, Json.object().put("error", "invalid_request")
                    .put("error_description", "must use HTTP POST"));
            return;
        }
        action.run();
    }

    private void authorize(HttpCall call) throws IOException {
        Map<String, String> params = first(call.params());
        OAuthServer.AuthorizeResult result = server.authorize(params);
        if (result instanceof OAuthServer.AuthorizeResult.Redirect redirect) {
            call.redirect(redirect.location());
        } else if (result instanceof OAuthServer.AuthorizeResult.ChooseUser choose) {
            call.html(200, loginPage(choose.users(), choose.params()));
        } else if (result instanceof OAuthServer.AuthorizeResult.ErrorPage error) {
            call.html(error.status(), "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>error="
                    + escape(error.error()) + "</h1><p>error_description=" + escape(error.description())
                    + "</p></body></html>");
        }
    }

    private void token(HttpCall call) throws IOException {
        Map<String, String> form = first(call.formBody());
        basicAuth(call).ifPresent(pair -> {
            form.putIfAbsent("client_id", pair[0]);
            form.putIfAbsent("client_secret", pair[1]);
        });
        Map<String, String> response = server.token(form);
        ObjectNode json = Json.object();
        response.forEach(json::put);
        call.addHeader("Cache-Control", "no-store");
        call.json(200, json);
    }

    private void revoke(HttpCall call) throws IOException {
        Map<String, String> params = first(call.params());
        if (call.method().equals("POST")) {
            params.putAll(first(call.formBody()));
        }
        server.revoke(params.get("token"));
        call.send(200, null, new byte[0]);
    }

    /** userinfo and the identity URL answer the same document about the token's user. */
    private void identity(HttpCall call) throws IOException {
        Optional<OAuthServer.Session> session = OAuthServer.bearer(call).flatMap(server::authenticate);
        if (session.isEmpty()) {
            call.text(403, "Bad_OAuth_Token");
            return;
        }
        User user = session.get().user();
        String orgId = session.get().org().id();
        String base = baseUrl.get();
        ObjectNode json = Json.object();
        json.put("sub", base + "/id/" + orgId + "/" + user.id());
        json.put("user_id", user.id());
        json.put("organization_id", orgId);
        json.put("preferred_username", user.username());
        json.put("nickname", user.username().split("@")[0]);
        json.put("name", user.name());
        json.put("email", user.email());
        json.put("email_verified", true);
        json.put("given_name", user.firstName());
        json.put("family_name", user.lastName());
        json.put("zoneinfo", user.timeZone());
        json.put("active", user.active());
        json.put("user_type", "STANDARD");
        json.put("language", "en_US");
        json.put("locale", "en_US");
        json.put("utcOffset", 0);
        ObjectNode urls = json.putObject("urls");
        urls.put("rest", base + "/services/data/v{version}/");
        urls.put("sobjects", base + "/services/data/v{version}/sobjects/");
        urls.put("query", base + "/services/data/v{version}/query/");
        urls.put("profile", base + "/" + user.id());
        call.json(200, json);
    }

    /** The page a browser sees without a login_hint: pick a seeded user, no password needed. */
    private static String loginPage(List<User> users, Map<String, String> params) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>Login | Salesforce emulator</title></head><body><h1>Salesforce emulator</h1>"
                + "<form method=\"get\" action=\"/services/oauth2/authorize\">");
        params.forEach((k, v) -> {
            if (!k.equals("login_hint")) {
                html.append("<input type=\"hidden\" name=\"").append(escape(k)).append("\" value=\"")
                        .append(escape(v)).append("\">");
            }
        });
        html.append("<label for=\"login_hint\">Log in as</label> <select id=\"login_hint\" name=\"login_hint\">");
        for (User u : users) {
            html.append("<option value=\"").append(escape(u.username())).append("\">").append(escape(u.name()))
                    .append(" (").append(escape(u.username())).append(")</option>");
        }
        html.append("</select> <button type=\"submit\" id=\"Login\">Log In</button></form></body></html>");
        return html.toString();
    }

    private static Optional<String[]> basicAuth(HttpCall call) {
        return call.header("Authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).flatMap(h -> {
            try {
                String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? Optional.empty() : Optional.of(new String[] {
                        decoded.substring(0, colon), decoded.substring(colon + 1)});
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Map<String, String> first(Map<String, List<String>> multi) {
        Map<String, String> out = new LinkedHashMap<>();
        multi.forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
