package dev.shoplab.mesh.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective policy of every host named by a set of Istio resources, with admin overrides laid on top. */
public final class PolicySet {

    /** One host's VirtualService and DestinationRule as found, before defaults fill the gaps. */
    private static final class Entry {
        List<RoutePolicy> routes;
        String vsSource;
        TrafficPolicy traffic;
        String drSource;
        final List<String> warnings = new ArrayList<>();
    }

    private final Map<String, HostPolicy> hosts;

    private PolicySet(Map<String, HostPolicy> hosts) {
        this.hosts = hosts;
    }

    /** The empty set: every host gets Istio's defaults. */
    public static PolicySet empty() {
        return new PolicySet(Map.of());
    }

    /**
     * Compiles resources from files, then the per-host admin overrides (an override VirtualService or
     * DestinationRule replaces the file's one for that host). A host named by two VirtualServices (or two
     * DestinationRules) of the same layer is an error, as its meaning would depend on file order.
     */
    static PolicySet compile(Collection<IstioResource> files, Map<String, List<IstioResource>> overrides) {
        Map<String, Entry> entries = layer(files);
        overrides.forEach((host, resources) -> {
            Entry over = layer(resources).get(host);
            if (over == null) {
                return;
            }
            Entry base = entries.computeIfAbsent(host, h -> new Entry());
            if (over.vsSource != null) {
                base.routes = over.routes;
                base.vsSource = over.vsSource;
            }
            if (over.drSource != null) {
                base.traffic = over.traffic;
                base.drSource = over.drSource;
            }
            base.warnings.addAll(over.warnings);
        });
        Map<String, HostPolicy> hosts = new LinkedHashMap<>();
        entries.forEach((host, e) -> {
            List<String> sources = new ArrayList<>();
            if (e.vsSource != null) {
                sources.add(e.vsSource);
            }
            if (e.drSource != null) {
                sources.add(e.drSource);
            }
            hosts.put(host, new HostPolicy(host, e.vsSource == null ? null : e.routes,
                    e.traffic == null ? TrafficPolicy.DEFAULT : e.traffic, sources, e.warnings));
        });
        return new PolicySet(Map.copyOf(hosts));
    }

    private static Map<String, Entry> layer(Collection<IstioResource> resources) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (IstioResource r : resources) {
            List<String> warnings = new ArrayList<>();
            if (r.kind().equals(IstioResource.VIRTUAL_SERVICE)) {
                VirtualServiceParser.Parsed vs = VirtualServiceParser.parse(r, warnings);
                if (vs == null) {
                    continue;
                }
                for (String host : vs.hosts()) {
                    Entry e = entries.computeIfAbsent(host, h -> new Entry());
                    if (e.vsSource != null) {
                        throw new PolicyException(r.source() + ": spec.hosts: " + host
                                + " already has a VirtualService in " + e.vsSource);
                    }
                    e.routes = vs.routes();
                    e.vsSource = r.source();
                    e.warnings.addAll(warnings);
                }
            } else {
                DestinationRuleParser.Parsed dr = DestinationRuleParser.parse(r, warnings);
                Entry e = entries.computeIfAbsent(dr.host(), h -> new Entry());
                if (e.drSource != null) {
                    throw new PolicyException(r.source() + ": spec.host: " + dr.host()
                            + " already has a DestinationRule in " + e.drSource);
                }
                e.traffic = dr.traffic();
                e.drSource = r.source();
                e.warnings.addAll(warnings);
            }
        }
        return entries;
    }

    /** The effective policy of a host (Istio's defaults when no resource names it). */
    public HostPolicy policy(String host) {
        HostPolicy p = hosts.get(host);
        return p != null ? p : HostPolicy.defaults(host);
    }

    /** Hosts that some resource names. */
    public Collection<String> hosts() {
        return hosts.keySet();
    }
}
