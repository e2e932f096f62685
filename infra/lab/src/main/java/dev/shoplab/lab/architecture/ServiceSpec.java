package dev.shoplab.lab.architecture;

import java.util.regex.Pattern;

/**
 * One service process of an architecture, as the lab starts it on this machine and as a cluster deploys it
 * ({@code infra/k8s}): the one description both read, so the two cannot drift apart.
 *
 * @param role     its name in logs, pid files and reports, and its Kubernetes workload and Service name
 *                 (a DNS label: lower-case letters, digits and '-'), for example {@code order-service}
 * @param module   the Maven module that builds it, relative to the checkout, for example
 *                 {@code distributed-monolith/order-service}; its runnable jar is {@link #jar()}, and its
 *                 container image is built from the same module (the {@code images} profile)
 * @param heap     the JVM's {@code -Xmx}, for example {@code 192m}
 * @param database the PostgreSQL database it owns, for example {@code dm_order}
 */
public record ServiceSpec(String role, String module, String heap, String database) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public ServiceSpec {
        if (role == null || !DNS_LABEL.matcher(role).matches()) {
            throw new IllegalArgumentException("A service's role is its Kubernetes name: a DNS label such as "
                    + "'order-service', not '" + role + "'");
        }
    }

    /** The module's runnable jar, relative to the checkout. */
    public String jar() {
        return module + "/target/quarkus-app/quarkus-run.jar";
    }
}
