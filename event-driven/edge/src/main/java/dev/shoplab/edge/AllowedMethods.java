package dev.shoplab.edge;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which methods each path of this service's REST resources takes, for the {@code Allow} header a 405 must carry
 * (RFC 9110 §15.5.6) — Quarkus REST answers 405 without one — and for the edge's own check of a request that came
 * without a body ({@link EdgeFilters}: a wrong method is a 405 before an empty body is a 400). Read once, when first
 * needed (an application-scoped bean is made when first used, so start-up pays nothing), from the resource classes (CDI beans with
 * {@code @Path}): their path templates ({@code /api/orders/{id}}) and the HTTP-method annotations of their methods.
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods() {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String method = httpMethod(m);
                if (method != null) {
                    Path sub = m.getAnnotation(Path.class);
                    routes.add(new Route(template(root.value() + (sub == null ? "" : "/" + sub.value())), method));
                }
            }
        }
    }

    /**
     * The methods {@code path} takes, in alphabetical order, HEAD with GET (RFC 9110 §9.3.2); empty when none. A
     * trailing slash is dropped first, as Quarkus REST drops it when it routes ({@code /api/orders/} is
     * {@code /api/orders}).
     */
    public Set<String> at(String path) {
        String routed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(routed).matches()) {
                allowed.add(route.method());
                if (route.method().equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return allowed;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code /api/orders/{id}} → {@code /api/orders/[^/]+}; a template's own regex ({@code {x:.*}}) is kept. */
    private static Pattern template(String template) {
        StringBuilder regex = new StringBuilder();
        String normalized = ("/" + template).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        int i = 0;
        while (i < normalized.length()) {
            char c = normalized.charAt(i);
            if (c == '{') {
                int end = normalized.indexOf('}', i);
                String variable = normalized.substring(i + 1, end);
                int colon = variable.indexOf(':');
                regex.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).trim() + ")");
                i = end + 1;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
