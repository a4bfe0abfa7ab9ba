package io.foldersync.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One index entry as a single byte array, 70 to 80 bytes where the objects it stands for take over 200: the number of
 * its folder (see {@link Folders}), its name in UTF-8, then the fields of its {@link IndexEntry} as variable-length
 * numbers (a size, an owner or an inode takes one to four bytes, not eight) and the 16 bytes of its MD5.
 * <p>
 * An array is never changed once made: a new entry for the same path is a new array, so a reader holding one needs no
 * lock.
 */
final class PackedEntry {

    /** the most a long takes as a variable-length number */
    private static final int MAX_VARLONG = 10;
    /** eight numbers and the MD5 */
    static final int FIELDS_MAX = 8 * MAX_VARLONG + 16;

    private PackedEntry() {
    }

    /** The fields of an entry, to follow a folder and a name in {@link #of}: encoded before the index is locked. */
    static byte[] fields(IndexEntry entry) {
        byte[] out = new byte[FIELDS_MAX];
        int length = fields(out, entry.size(), entry.mtimeNanos(), entry.ctimeNanos(), entry.permissions(), entry.uid(),
                entry.gid(), entry.xattrs(), entry.inode(), entry.md5().high(), entry.md5().low());
        return Arrays.copyOf(out, length);
    }

    /**
     * The same, from the fields one by one as the index file holds them, into {@code out} (of {@link #FIELDS_MAX}
     * bytes): a load packs every entry of the file through one array. Returns the length.
     */
    static int fields(byte[] out, long size, long mtimeNanos, long ctimeNanos, int permissions, int uid, int gid,
                      long xattrs, long inode, long md5High, long md5Low) {
        int at = putSigned(out, 0, size);
        at = putSigned(out, at, mtimeNanos);
        at = putSigned(out, at, ctimeNanos - mtimeNanos); // often close: few bytes
        at = putSigned(out, at, permissions);
        at = putSigned(out, at, uid);
        at = putSigned(out, at, gid);
        at = putSigned(out, at, xattrs);
        at = putSigned(out, at, inode);
        at = putLong(out, at, md5High);
        return putLong(out, at, md5Low);
    }

    /** An entry of a folder and a name, with the first {@code fieldsLength} bytes of {@code fields}. */
    static byte[] of(int folder, byte[] name, byte[] fields, int fieldsLength) {
        byte[] packed = new byte[unsignedLength(folder) + unsignedLength(name.length) + name.length + fieldsLength];
        int at = putUnsigned(packed, 0, folder);
        at = putUnsigned(packed, at, name.length);
        System.arraycopy(name, 0, packed, at, name.length);
        System.arraycopy(fields, 0, packed, at + name.length, fieldsLength);
        return packed;
    }

    static int folder(byte[] packed) {
        return (int) readVarLong(packed, 0);
    }

    static String name(byte[] packed) {
        return new String(packed, nameStart(packed), nameLength(packed), StandardCharsets.UTF_8);
    }

    static boolean hasKey(byte[] packed, int folder, byte[] name) {
        if (folder(packed) != folder || nameLength(packed) != name.length) {
            return false;
        }
        int start = nameStart(packed);
        return Arrays.equals(packed, start, start + name.length, name, 0, name.length);
    }

    static int hash(byte[] packed) {
        int start = nameStart(packed);
        return hash(folder(packed), nameHash(packed, start, start + nameLength(packed)));
    }

    /** The part of an entry's hash that its name gives: it needs no folder number, so no lock. */
    static int nameHash(byte[] name) {
        return nameHash(name, 0, name.length);
    }

    /**
     * Whether the entry records this size, mtime and these permission bits (rwx for all): read from the packed fields,
     * with no {@link IndexEntry} made.
     */
    static boolean hasStat(byte[] packed, long size, long mtimeNanos, int rwx) {
        int at = fieldsStart(packed);
        if (signedAt(packed, at) != size || signedAt(packed, at = skipVarLong(packed, at)) != mtimeNanos) {
            return false;
        }
        at = skipVarLong(packed, skipVarLong(packed, at)); // past the ctime
        return ((int) signedAt(packed, at) & 0777) == rwx;
    }

    /** FNV-1a over the name. */
    private static int nameHash(byte[] bytes, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h;
    }

    /** The name's hash mixed with its folder's number, so that names alike in many folders spread. */
    static int hash(int folder, int nameHash) {
        int h = nameHash ^ folder * 0x9e3779b9;
        h ^= h >>> 16; // the finalizer of MurmurHash3: the table uses the low bits
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** Each field is read where the one before it ends: no reader object, as every lookup of a walk decodes one. */
    static IndexEntry entry(byte[] packed) {
        int at = fieldsStart(packed);
        long size = signedAt(packed, at);
        long mtime = signedAt(packed, at = skipVarLong(packed, at));
        long ctime = mtime + signedAt(packed, at = skipVarLong(packed, at));
        int permissions = (int) signedAt(packed, at = skipVarLong(packed, at));
        int uid = (int) signedAt(packed, at = skipVarLong(packed, at));
        int gid = (int) signedAt(packed, at = skipVarLong(packed, at));
        long xattrs = signedAt(packed, at = skipVarLong(packed, at));
        long inode = signedAt(packed, at = skipVarLong(packed, at));
        at = skipVarLong(packed, at);
        return new IndexEntry(size, mtime, permissions, uid, gid, ctime, xattrs, inode,
                new Md5(fixedAt(packed, at), fixedAt(packed, at + 8)));
    }

    private static int fieldsStart(byte[] packed) {
        return nameStart(packed) + nameLength(packed);
    }

    private static int nameStart(byte[] packed) {
        int at = skipVarLong(packed, 0);
        return skipVarLong(packed, at);
    }

    private static int nameLength(byte[] packed) {
        return (int) readVarLong(packed, skipVarLong(packed, 0));
    }

    private static int unsignedLength(long value) {
        int bytes = 1;
        while ((value >>>= 7) != 0) {
            bytes++;
        }
        return bytes;
    }

    /** Zigzag, so that -1 (an owner not recorded) takes one byte too. */
    private static int putSigned(byte[] out, int at, long value) {
        return putUnsigned(out, at, (value << 1) ^ (value >> 63));
    }

    private static int putUnsigned(byte[] out, int at, long value) {
        while ((value & ~0x7fL) != 0) {
            out[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    private static int putLong(byte[] out, int at, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[at++] = (byte) (value >>> shift);
        }
        return at;
    }

    private static long readVarLong(byte[] in, int at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[at++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private static long signedAt(byte[] in, int at) {
        long zigzag = readVarLong(in, at);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    private static long fixedAt(byte[] in, int at) {
        long value = 0;
        for (int i = at; i < at + 8; i++) {
            value = (value << 8) | (in[i] & 0xff);
        }
        return value;
    }

    private static int skipVarLong(byte[] in, int at) {
        while (in[at] < 0) {
            at++;
        }
        return at + 1;
    }
}
