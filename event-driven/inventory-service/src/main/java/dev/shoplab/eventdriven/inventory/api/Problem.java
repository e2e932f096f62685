package dev.shoplab.eventdriven.inventory.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem answer ({@code application/problem+json}) with a stable type URI per kind of error. */
public record Problem(String type, String title, int status, String detail) {

    /** Media type of problem answers. */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = "https://shoplab.dev/problems/";

    /** The problem as an exception that JAX-RS answers with. */
    public static WebApplicationException of(int status, String kind, String title, String detail) {
        Problem problem = new Problem(TYPES + kind, title, status, detail);
        return new WebApplicationException(detail, Response.status(status).type(MEDIA_TYPE).entity(problem).build());
    }
}
