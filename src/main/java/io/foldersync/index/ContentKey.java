package io.foldersync.index;

/**
 * The idempotent key of {@link Md5IndexRepository}: "this content at this path", written as the MD5 in hex, a space,
 * and the relative path (which may itself hold spaces).
 */
public record ContentKey(Md5 md5, String path) {

    private static final int HEX_LENGTH = 32;

    public static ContentKey parse(String key) {
        if (key.length() < HEX_LENGTH + 2 || key.charAt(HEX_LENGTH) != ' ') {
            throw new IllegalArgumentException("not a content key (md5, space, path): " + key);
        }
        return new ContentKey(Md5.parse(key.substring(0, HEX_LENGTH)), key.substring(HEX_LENGTH + 1));
    }

    @Override
    public String toString() {
        return md5 + " " + path;
    }
}
