package dev.shoplab.mesh.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns a VirtualService spec into the routes the mesh applies, with Istio's defaults and validation rules. */
final class VirtualServiceParser {

    /**
     * A parsed VirtualService.
     *
     * @param hosts  short host names it applies to
     * @param routes its HTTP routes in order
     */
    record Parsed(List<String> hosts, List<RoutePolicy> routes) {
    }

    private static final Duration ONE_MS = Duration.ofMillis(1);

    private VirtualServiceParser() {
    }

    /** Parses the spec; returns null for a VirtualService bound to gateways only (it does not apply to sidecars). */
    static Parsed parse(IstioResource resource, List<String> warnings) {
        YamlNode spec = resource.spec();
        if (!spec.present()) {
            throw spec.error("is required");
        }
        spec.checkFields(Set.of("hosts", "http", "gateways"), Set.of("tcp", "tls", "exportTo"), warnings);
        List<YamlNode> gateways = spec.field("gateways").list();
        if (!gateways.isEmpty() && gateways.stream().noneMatch(g -> g.text().equals("mesh"))) {
            warnings.add(resource.source() + ": bound to gateways only (no 'mesh' in spec.gateways): not applied to the mesh");
            return null;
        }
        List<String> hosts = new ArrayList<>();
        for (YamlNode h : spec.field("hosts").list()) {
            String host = h.text();
            if (host.contains("*")) {
                throw h.error("wildcard hosts are not supported by the local mesh: name each destination host");
            }
            hosts.add(IstioResource.shortHost(host));
        }
        if (hosts.isEmpty()) {
            throw spec.field("hosts").error("at least one host is required");
        }
        List<RoutePolicy> routes = new ArrayList<>();
        List<YamlNode> http = spec.field("http").list();
        for (int i = 0; i < http.size(); i++) {
            routes.add(route(http.get(i), i, hosts, warnings));
        }
        return new Parsed(hosts, routes);
    }

    private static RoutePolicy route(YamlNode route, int index, List<String> hosts, List<String> warnings) {
        for (String unsupported : List.of("redirect", "directResponse", "delegate")) {
            if (route.field(unsupported).present()) {
                throw route.field(unsupported).error("not supported by the local mesh");
            }
        }
        route.checkFields(Set.of("name", "match", "route", "retries", "timeout", "fault"),
                Set.of("rewrite", "headers", "mirror", "mirrorPercentage", "mirrorPercent", "mirrors", "corsPolicy"),
                warnings);
        String name = route.field("name").textOr("http[" + index + "]");
        List<RouteMatch> matches = new ArrayList<>();
        for (YamlNode m : route.field("match").list()) {
            matches.add(match(m, warnings));
        }
        for (YamlNode dest : route.field("route").list()) {
            dest.checkFields(Set.of("destination", "weight"), Set.of("headers"), warnings);
            YamlNode d = dest.field("destination");
            d.checkFields(Set.of("host"), Set.of("subset", "port"), warnings);
            String target = IstioResource.shortHost(d.field("host").text());
            if (!hosts.contains(target)) {
                throw d.field("host").error("routes to " + target + ", another host than " + hosts
                        + ": the local mesh sends each host's traffic to that host's own endpoints only");
            }
        }
        RetryPolicy retries = retries(route.field("retries"), warnings);
        Duration timeout = route.field("timeout").duration(null, Duration.ZERO);
        if (timeout != null && timeout.isZero()) {
            timeout = null;
        }
        return new RoutePolicy(name, matches, retries, timeout, fault(route.field("fault"), warnings));
    }

    private static RouteMatch match(YamlNode m, List<String> warnings) {
        for (String unsupported : List.of("queryParams", "authority", "port", "sourceLabels", "gateways",
                "sourceNamespace", "scheme", "withoutHeaders", "statPrefix")) {
            if (m.field(unsupported).present()) {
                throw m.field(unsupported).error("match condition not supported by the local mesh");
            }
        }
        m.checkFields(Set.of("uri", "method", "headers", "ignoreUriCase", "name"), Set.of(), warnings);
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        YamlNode h = m.field("headers");
        for (String name : h.fieldNames()) {
            // header names are compared lower-cased, as Envoy does
            headers.put(name.toLowerCase(Locale.ROOT), stringMatch(h.field(name)));
        }
        return new RouteMatch(stringMatch(m.field("uri")), stringMatch(m.field("method")), headers,
                m.field("ignoreUriCase").booleanValue(false));
    }

    private static StringMatch stringMatch(YamlNode node) {
        if (!node.present()) {
            return null;
        }
        node.checkFields(Set.of("exact", "prefix", "regex"), Set.of(), new ArrayList<>());
        List<StringMatch> found = new ArrayList<>();
        if (node.field("exact").present()) {
            found.add(new StringMatch(StringMatch.Kind.EXACT, node.field("exact").text()));
        }
        if (node.field("prefix").present()) {
            found.add(new StringMatch(StringMatch.Kind.PREFIX, node.field("prefix").text()));
        }
        if (node.field("regex").present()) {
            String regex = node.field("regex").text();
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw node.field("regex").error("not a valid regular expression: " + e.getDescription());
            }
            found.add(new StringMatch(StringMatch.Kind.REGEX, regex));
        }
        if (found.size() != 1) {
            throw node.error("expected exactly one of exact, prefix or regex");
        }
        return found.get(0);
    }

    private static RetryPolicy retries(YamlNode retries, List<String> warnings) {
        if (!retries.present()) {
            return RetryPolicy.ISTIO_DEFAULT;
        }
        retries.checkFields(Set.of("attempts", "perTryTimeout", "retryOn", "retryIgnorePreviousHosts", "backoff"),
                Set.of("retryRemoteLocalities"), warnings);
        int attempts = retries.field("attempts").intValue(0, Integer.MAX_VALUE, 0);
        Duration perTry = retries.field("perTryTimeout").duration(null, ONE_MS);
        Duration backoff = retries.field("backoff").duration(RetryPolicy.DEFAULT_BACKOFF, ONE_MS);
        boolean ignorePrevious = retries.field("retryIgnorePreviousHosts").booleanValue(true);
        if (attempts == 0) {
            // Istio: attempts 0 switches retries off whatever the other fields say.
            return RetryPolicy.NONE;
        }
        Set<RetryOn> on = EnumSet.copyOf(RetryPolicy.ISTIO_DEFAULT.retryOn());
        Set<Integer> codes = new LinkedHashSet<>(RetryPolicy.ISTIO_DEFAULT.retriableStatusCodes());
        YamlNode retryOn = retries.field("retryOn");
        if (retryOn.present()) {
            // Istio: a retryOn replaces the default conditions and codes; numbers are retriable status codes.
            on = EnumSet.noneOf(RetryOn.class);
            codes = new LinkedHashSet<>();
            for (String raw : retryOn.text().split(",")) {
                String token = raw.trim();
                if (token.isEmpty()) {
                    continue;
                }
                if (token.matches("\\d{3}") && Integer.parseInt(token) >= 100 && Integer.parseInt(token) <= 599) {
                    codes.add(Integer.parseInt(token));
                    continue;
                }
                RetryOn condition = RetryOn.of(token).orElseThrow(() -> retryOn.error("unknown retry condition '"
                        + token + "' (expected an HTTP status or one of " + tokens() + ")"));
                on.add(condition);
            }
            if (!codes.isEmpty()) {
                on.add(RetryOn.RETRIABLE_STATUS_CODES);
            }
        }
        return new RetryPolicy(attempts, perTry, on, codes, backoff, ignorePrevious);
    }

    private static String tokens() {
        List<String> all = new ArrayList<>();
        for (RetryOn r : RetryOn.values()) {
            all.add(r.token());
        }
        return String.join(", ", all);
    }

    private static FaultPolicy fault(YamlNode fault, List<String> warnings) {
        if (!fault.present()) {
            return null;
        }
        fault.checkFields(Set.of("delay", "abort"), Set.of(), warnings);
        YamlNode delay = fault.field("delay");
        YamlNode abort = fault.field("abort");
        if (!delay.present() && !abort.present()) {
            throw fault.error("needs a delay and/or an abort");
        }
        Duration fixedDelay = null;
        double delayPercent = 0;
        if (delay.present()) {
            if (delay.field("exponentialDelay").present()) {
                throw delay.field("exponentialDelay").error("not supported (Istio does not implement it either)");
            }
            delay.checkFields(Set.of("fixedDelay", "percentage", "percent"), Set.of(), warnings);
            fixedDelay = delay.field("fixedDelay").duration(null, ONE_MS);
            if (fixedDelay == null) {
                throw delay.field("fixedDelay").error("is required");
            }
            delayPercent = percentage(delay);
        }
        Integer abortStatus = null;
        double abortPercent = 0;
        if (abort.present()) {
            for (String unsupported : List.of("grpcStatus", "http2Error")) {
                if (abort.field(unsupported).present()) {
                    throw abort.field(unsupported).error("not supported by the local mesh (HTTP/1.1 only)");
                }
            }
            abort.checkFields(Set.of("httpStatus", "percentage", "percent"), Set.of(), warnings);
            if (!abort.field("httpStatus").present()) {
                throw abort.field("httpStatus").error("is required");
            }
            abortStatus = abort.field("httpStatus").intValue(200, 599, 0);
            abortPercent = percentage(abort);
        }
        return new FaultPolicy(fixedDelay, delayPercent, abortStatus, abortPercent);
    }

    /** {@code percentage.value} (0-100), or the deprecated integer {@code percent}; unspecified = 0 as in Istio. */
    private static double percentage(YamlNode fault) {
        YamlNode percentage = fault.field("percentage");
        if (percentage.present()) {
            percentage.checkFields(Set.of("value"), Set.of(), new ArrayList<>());
            return percentage.field("value").present() ? percentage.field("value").doubleValue(0, 100) : 0;
        }
        return fault.field("percent").intValue(0, 100, 0);
    }
}
