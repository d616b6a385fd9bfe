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
    /** The refusal of a target whose percent escapes are not UTF-8 (a Latin-1 {@code %E9}), which would be read as U+FFFD. */
    public static final String ESCAPES_NOT_UTF8 = "Bad Request: the request's path or query holds percent-encoded bytes that"
            + " are not UTF-8; encode the text as UTF-8 before percent-encoding it";
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

    /**
     * Whether the bytes a target's percent escapes stand for are UTF-8, as they are decoded: any other
     * bytes would turn into replacement characters, and a file name into one its owner never typed.
     * For a target of ASCII (what {@link #percentEncoded} leaves).
     */
    public static boolean escapesAreUtf8(String target) {
        int escape = target.indexOf('%');
        if (escape < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%' && i + 2 < target.length() && Character.digit(target.charAt(i + 1), 16) >= 0
                    && Character.digit(target.charAt(i + 2), 16) >= 0) {
                bytes.put((byte) Integer.parseInt(target, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
