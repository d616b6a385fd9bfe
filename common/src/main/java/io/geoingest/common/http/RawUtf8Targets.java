package io.geoingest.common.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Request targets with raw UTF-8 in them, as curl sends {@code ?fileName=scène.tif} as typed. An
 * HTTP decoder hands each byte of a request line on as the ISO-8859-1 character of that value, and
 * percent escapes alone are read as UTF-8: such a name was stored as {@code scÃ¨ne.tif}. The raw
 * bytes are percent-encoded instead, as a client that follows RFC 3986 sends them.
 */
public final class RawUtf8Targets {
    /** The refusal of a target whose bytes are not UTF-8, where the gateway and the services make it. */
    public static final String NOT_UTF8 = "Bad Request: the request's path or query holds characters that are not UTF-8; percent-encode them";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RawUtf8Targets() {
    }

    /**
     * The target with its bytes outside ASCII percent-encoded; empty when it has none.
     *
     * @throws CharacterCodingException when those bytes are not UTF-8
     */
    public static Optional<String> percentEncoded(String target) throws CharacterCodingException {
        if (target.chars().allMatch(c -> c < 0x80)) {
            return Optional.empty();
        }
        if (target.chars().anyMatch(c -> c > 0xff)) {
            // not bytes handed on one by one: a character no decoder of bytes makes
            throw new CharacterCodingException();
        }
        byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            if (b >= 0) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return Optional.of(encoded.toString());
    }
}
