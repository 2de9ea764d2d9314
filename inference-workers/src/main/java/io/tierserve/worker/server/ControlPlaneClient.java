package io.tierserve.worker.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.NoSuchElementException;
import tools.jackson.databind.JsonNode;

/** Reads what the control plane keeps for workers (policy documents, model files), with the worker token. */
final class ControlPlaneClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String token;

    ControlPlaneClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Whether there is a control plane to ask. */
    boolean configured() {
        return base != null;
    }

    JsonNode json(String path) {
        return HttpJson.JSON.readTree(get(path));
    }

    /**
     * The body of a {@code GET} on {@code path} (relative to the control plane).
     *
     * @throws NoSuchElementException when the control plane answers 404 (a 404 to the caller too)
     * @throws IllegalStateException when it is unreachable or answers otherwise
     */
    byte[] get(String path) {
        if (base == null) {
            throw new IllegalStateException("this worker has no control plane to fetch " + path + " from");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                throw new NoSuchElementException("the control plane has no " + path);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the control plane answered " + response.statusCode() + " to GET " + path);
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("the control plane is unreachable for GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + path, e);
        }
    }

    /** {@code Authorization: Bearer <token>} as this worker expects it, or null when it expects none. */
    String expectedAuthorization() {
        return token == null ? null : "Bearer " + token;
    }
}
