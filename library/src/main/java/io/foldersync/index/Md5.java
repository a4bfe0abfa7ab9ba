package io.foldersync.index;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An MD5 digest held as two longs: 16 bytes per index entry instead of an array and its header. */
public record Md5(long high, long low) {

    public static Md5 of(byte[] digest) {
        ByteBuffer buffer = ByteBuffer.wrap(digest);
        return new Md5(buffer.getLong(), buffer.getLong());
    }

    public static Md5 parse(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships MD5", e);
        }
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }
}
