package dev.shoplab.traces;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns an OTLP export request into the receiver's {@link Span}s; a span with malformed ids is skipped and counted. */
final class OtlpSpans {

    private static final HexFormat HEX = HexFormat.of();
    private static final String UNKNOWN_SERVICE = "unknown_service";

    private final int maxAttributeChars;

    OtlpSpans(int maxAttributeChars) {
        this.maxAttributeChars = maxAttributeChars;
    }

    /** The spans of the request and how many were skipped for malformed ids or times. */
    record Result(List<Span> spans, int rejected) {
    }

    Result read(ExportTraceServiceRequest request) {
        List<Span> spans = new ArrayList<>();
        int rejected = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, String> resource = attributes(resourceSpans.getResource());
            String service = resource.getOrDefault("service.name", UNKNOWN_SERVICE);
            String namespace = resource.getOrDefault("service.namespace", "");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                    if (!wellFormed(span)) {
                        rejected++;
                        continue;
                    }
                    spans.add(span(span, service, namespace));
                }
            }
        }
        return new Result(spans, rejected);
    }

    private static boolean wellFormed(io.opentelemetry.proto.trace.v1.Span span) {
        int parent = span.getParentSpanId().size();
        return span.getTraceId().size() == 16 && span.getSpanId().size() == 8 && (parent == 0 || parent == 8)
                && Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) >= 0
                && span.getEndTimeUnixNano() >= 0; // a time past 2262 does not fit a long: not a real span
    }

    private Span span(io.opentelemetry.proto.trace.v1.Span span, String service, String namespace) {
        Map<String, String> attributes = attributes(span.getAttributesList());
        span.getEventsList().stream().filter(e -> e.getName().equals("exception")).findFirst().ifPresent(exception -> {
            Map<String, String> fields = attributes(exception.getAttributesList());
            for (String key : List.of("exception.type", "exception.message")) {
                if (fields.containsKey(key)) {
                    attributes.putIfAbsent(key, fields.get(key));
                }
            }
        });
        List<Span.Link> links = span.getLinksList().stream()
                .filter(l -> l.getTraceId().size() == 16 && l.getSpanId().size() == 8)
                .map(l -> new Span.Link(hex(l.getTraceId()), hex(l.getSpanId()), attributes(l.getAttributesList())))
                .toList();
        return new Span(hex(span.getTraceId()), hex(span.getSpanId()), hex(span.getParentSpanId()), service, namespace,
                cut(span.getName()), kind(span.getKindValue()), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                status(span.getStatus().getCodeValue()), cut(span.getStatus().getMessage()), attributes, links);
    }

    private static Span.Kind kind(int otlp) {
        // OTLP numbers them UNSPECIFIED 0, INTERNAL 1, SERVER 2, CLIENT 3, PRODUCER 4, CONSUMER 5: the enum's order
        Span.Kind[] kinds = Span.Kind.values();
        return otlp >= 0 && otlp < kinds.length ? kinds[otlp] : Span.Kind.UNSPECIFIED;
    }

    private static Span.Status status(int otlp) {
        // OTLP: UNSET 0, OK 1, ERROR 2
        Span.Status[] statuses = Span.Status.values();
        return otlp >= 0 && otlp < statuses.length ? statuses[otlp] : Span.Status.UNSET;
    }

    private Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue kv : keyValues) {
            attributes.put(cut(kv.getKey()), cut(text(kv.getValue())));
        }
        return attributes;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> HEX.formatHex(value.getBytesValue().toByteArray());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpSpans::text)
                    .collect(Collectors.joining(", ", "[", "]"));
            case KVLIST_VALUE -> value.getKvlistValue().getValuesList().stream()
                    .map(kv -> kv.getKey() + "=" + text(kv.getValue())).collect(Collectors.joining(", ", "{", "}"));
            case VALUE_NOT_SET -> "";
        };
    }

    private String cut(String text) {
        return text.length() <= maxAttributeChars ? text : text.substring(0, maxAttributeChars - 1) + "…";
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
