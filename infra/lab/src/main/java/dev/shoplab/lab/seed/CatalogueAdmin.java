package dev.shoplab.lab.seed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Applies a {@link CatalogueSeed} to a running architecture through its {@code PUT /admin/catalogue}. */
public final class CatalogueAdmin {

    private CatalogueAdmin() {
    }

    /** Replaces the catalogue of the architecture whose catalogue owner answers at {@code baseUrl}. */
    public static void apply(String baseUrl, CatalogueSeed seed) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/catalogue"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(seed.toJson()))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Seeding the catalogue at " + baseUrl + " failed with HTTP "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Seeding the catalogue at " + baseUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the catalogue", e);
        }
    }
}
