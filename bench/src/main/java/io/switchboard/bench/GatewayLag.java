package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Prints the gateway's own view of the path: how long after their creation it consumed chat events
 * (its {@code switchboard.gateway.consume.lag} metric). Set against the client-side latency, it tells a
 * queue before the gateway's consumer from one between the consumer and the socket.
 */
final class GatewayLag {

    private GatewayLag() {
    }

    static void print(String managementUrl) {
        try {
            String metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            metrics.lines()
                    .filter(line -> line.startsWith("switchboard_gateway_consume_lag_seconds")
                            && line.contains("stream=\"chat\""))
                    .forEach(line -> System.out.println("[bench] gateway " + line));
        } catch (IOException e) {
            System.out.println("[bench] gateway metrics unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
