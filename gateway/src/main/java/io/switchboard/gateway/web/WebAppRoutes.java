package io.switchboard.gateway.web;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.switchboard.gateway.config.WebConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the browser app from the gateway's own origin, next to {@code /api} and {@code /ws}: hashed files under
 * {@code /assets/} cached for a year, the entry page never cached and answered for every path of the app, so a
 * deep link ({@code /chats/{id}}, {@code /views/{id}}, the provider's redirect to {@code /auth/callback}) or a
 * reload lands in the app. Everything under {@code /api}, {@code /ws} and {@code /q} passes through untouched.
 */
@ApplicationScoped
public class WebAppRoutes {

    private static final Pattern APP_PATH = Pattern.compile("/|/auth/callback|/(chats|views)/[A-Za-z0-9-]{1,64}");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final WebAssets assets;
    private final WebConfig config;
    private final SignInPolicy signIn;

    public WebAppRoutes(WebAssets assets, WebConfig config, SignInPolicy signIn) {
        this.assets = assets;
        this.config = config;
        this.signIn = signIn;
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::serve);
        }
    }

    private void serve(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws") || path.startsWith("/q/")
                || path.equals("/q")) {
            context.next();
            return;
        }
        Optional<WebAsset> asset = APP_PATH.matcher(path).matches() ? assets.indexPage() : assets.find(path);
        if (asset.isEmpty()) {
            context.next();
            return;
        }
        send(context, asset.get());
    }

    private void send(RoutingContext context, WebAsset asset) {
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType())
                .putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, asset.immutable() ? IMMUTABLE : "no-cache");
        if (!asset.immutable()) {
            response.putHeader("Content-Security-Policy", signIn.contentSecurityPolicy())
                    .putHeader("Referrer-Policy", "no-referrer");
        }
        if (asset.etag().equals(context.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        String accepted = context.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
        boolean gzip = asset.gzipped() != null && accepted != null && accepted.contains("gzip");
        if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH,
                    String.valueOf((gzip ? asset.gzipped() : asset.body()).length())).end();
            return;
        }
        response.end(gzip ? asset.gzipped() : asset.body());
    }
}
