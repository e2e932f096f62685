package dev.shoplab.edge;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A JSON body is UTF-8 (RFC 8259 §8.1), strictly: bytes that are no UTF-8 — an overlong form such as {@code C0 AD}
 * for {@code -}, a code point beyond U+10FFFF, half a surrogate pair — are a 400 {@code malformed-request} naming the
 * first such byte. The JSON parser decodes such bytes leniently ({@code SKU\xC0\xAD0001} became {@code SKU-0001}), so
 * a body is checked as a whole before it is parsed; the edge has already refused one larger than its endpoint takes
 * ({@link EdgeFilters}), so holding it costs at most that.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER) // a request's body: not every REST client's answers (client providers are found too)
public class StrictUtf8Body implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getMediaType() == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        int bad = firstByteNotUtf8(body);
        if (bad >= 0) {
            throw new ProblemException(Problems.malformed(String.format(Locale.ROOT, "the body is not UTF-8: byte %d"
                    + " (0x%02X) starts no UTF-8 character or ends one too soon; JSON is sent as UTF-8 (RFC 8259, "
                    + "section 8.1), whatever the Content-Type's charset says", bad, body[bad] & 0xFF)));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** The offset of the first byte that is not part of well-formed UTF-8 (the JDK's strict decoder), or -1. */
    static int firstByteNotUtf8(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(1024); // reused: the text itself is not kept, only checked
        while (true) {
            CoderResult result = strict.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return strict.flush(out).isError() ? in.position() : -1;
            }
            out.clear(); // overflow: room for the next part
        }
    }
}
