package io.dynakv.core.version;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compact binary form of a {@link DvvSet}: what the store keeps per key and what replicas
 * send each other. Hand-written because it is on every read and write (a generic CBOR
 * mapping of the same records cost a tenth of a node's CPU).
 *
 * <p>Layout, after one format byte ({@link #FORMAT}): the clock (count, then per writer its
 * UTF-8 id and counter), the siblings (count, then per sibling the index of its writer in
 * the clock, its counter, a flags byte — deleted, has content type —, last-modified, the
 * content type when present, and the value's bytes), the stamps (count, then writer index
 * and time). Counts, lengths, indexes and counters are unsigned varints; times are 8 bytes.
 * A sibling's writer is always in the clock (the {@link DvvSet} invariant), so it travels as
 * an index.
 *
 * <p>{@link #decode} refuses any input that does not follow this layout with {@link
 * IllegalArgumentException}; it never trusts a length beyond the bytes at hand.
 */
public final class DvvSetCodec {

    /** The first byte of every encoding; a later layout takes another value. */
    public static final byte FORMAT = (byte) 0xD1;

    private static final int DELETED = 1;
    private static final int HAS_CONTENT_TYPE = 2;

    private DvvSetCodec() {}

    public static byte[] encode(DvvSet object) {
        Map<String, Integer> index = writerIndex(object.clock().entries());
        byte[] out = new byte[encodedSize(object, index)];
        write(object, ByteBuffer.wrap(out), index);
        return out;
    }

    /** The exact number of bytes {@link #write} puts for {@code object}. */
    public static int encodedSize(DvvSet object) {
        return encodedSize(object, writerIndex(object.clock().entries()));
    }

    private static int encodedSize(DvvSet object, Map<String, Integer> index) {
        Map<String, Long> clock = object.clock().entries();
        int size = 1 + varintSize(clock.size());
        for (Map.Entry<String, Long> e : clock.entrySet()) {
            size += stringSize(e.getKey()) + varintSize(e.getValue());
        }
        size += varintSize(object.siblings().size());
        for (Sibling s : object.siblings()) {
            Value v = s.value();
            size += varintSize(index.get(s.dot().node())) + varintSize(s.dot().counter()) + 1 + 8;
            if (v.contentType() != null) {
                size += stringSize(v.contentType());
            }
            size += varintSize(v.bytes().length) + v.bytes().length;
        }
        size += varintSize(object.stamps().size());
        for (Map.Entry<String, Long> e : object.stamps().entrySet()) {
            size += varintSize(index.get(e.getKey())) + 8;
        }
        return size;
    }

    public static void write(DvvSet object, ByteBuffer out) {
        write(object, out, writerIndex(object.clock().entries()));
    }

    private static void write(DvvSet object, ByteBuffer out, Map<String, Integer> index) {
        Map<String, Long> clock = object.clock().entries();
        out.put(FORMAT);
        putVarint(out, clock.size());
        for (Map.Entry<String, Long> e : clock.entrySet()) {
            putString(out, e.getKey());
            putVarint(out, e.getValue());
        }
        putVarint(out, object.siblings().size());
        for (Sibling s : object.siblings()) {
            Value v = s.value();
            putVarint(out, index.get(s.dot().node()));
            putVarint(out, s.dot().counter());
            out.put((byte) ((v.deleted() ? DELETED : 0) | (v.contentType() != null ? HAS_CONTENT_TYPE : 0)));
            out.putLong(v.lastModified());
            if (v.contentType() != null) {
                putString(out, v.contentType());
            }
            putVarint(out, v.bytes().length);
            out.put(v.bytes());
        }
        putVarint(out, object.stamps().size());
        for (Map.Entry<String, Long> e : object.stamps().entrySet()) {
            putVarint(out, index.get(e.getKey()));
            out.putLong(e.getValue());
        }
    }

    public static DvvSet decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        DvvSet object = read(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after an encoded object");
        }
        return object;
    }

    /** Reads one object from {@code in}'s position on. */
    public static DvvSet read(ByteBuffer in) {
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("not an encoded object (format byte)");
            }
            int writers = count(in, 2);
            TreeMap<String, Long> clock = new TreeMap<>();
            String[] names = new String[writers];
            for (int i = 0; i < writers; i++) {
                names[i] = getString(in);
                clock.put(names[i], getVarint(in));
            }
            int siblingCount = count(in, 11);
            List<Sibling> siblings = new ArrayList<>(siblingCount);
            for (int i = 0; i < siblingCount; i++) {
                String writer = writer(names, getVarint(in));
                long counter = getVarint(in);
                int flags = in.get();
                long lastModified = in.getLong();
                String contentType = (flags & HAS_CONTENT_TYPE) != 0 ? getString(in) : null;
                byte[] value = new byte[count(in, 1)];
                in.get(value);
                siblings.add(new Sibling(new Dot(writer, counter),
                        new Value(value, contentType, lastModified, (flags & DELETED) != 0)));
            }
            int stampCount = count(in, 9);
            TreeMap<String, Long> stamps = new TreeMap<>();
            for (int i = 0; i < stampCount; i++) {
                stamps.put(writer(names, getVarint(in)), in.getLong());
            }
            return new DvvSet(new VersionVector(clock), siblings, stamps);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("encoded object ends early", e);
        }
    }

    private static Map<String, Integer> writerIndex(Map<String, Long> clock) {
        Map<String, Integer> index = new java.util.HashMap<>(clock.size() * 2);
        for (String writer : clock.keySet()) {
            index.put(writer, index.size());
        }
        return index;
    }

    private static String writer(String[] names, long index) {
        if (index < 0 || index >= names.length) {
            throw new IllegalArgumentException("writer index " + index + " outside the clock");
        }
        return names[(int) index];
    }

    /** A count or length, each unit of which needs at least {@code minBytes} more input. */
    private static int count(ByteBuffer in, int minBytes) {
        long n = getVarint(in);
        if (n < 0 || n > in.remaining() / minBytes) {
            throw new IllegalArgumentException("length " + n + " exceeds the encoded object");
        }
        return (int) n;
    }

    private static int stringSize(String s) {
        int bytes = utf8Length(s);
        return varintSize(bytes) + bytes;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putVarint(out, bytes.length);
        out.put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = count(in, 1);
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length += 1; // a lone surrogate: the UTF-8 encoder writes '?' for it
            } else {
                length += 3;
            }
        }
        return length;
    }

    static int varintSize(long v) {
        int size = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    static void putVarint(ByteBuffer out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    static long getVarint(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }
}
