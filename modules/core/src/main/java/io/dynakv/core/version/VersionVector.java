package io.dynakv.core.version;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version vector: for each coordinating node, how many of its versions of a key have been
 * seen. This is the context clients carry between a read and the write that follows it.
 *
 * <p>Binary form: a format byte (1), a varint entry count, then per entry (sorted by node id)
 * a varint length, the node id's UTF-8 bytes and a varint counter. Clients see it base64url
 * encoded without padding and treat it as opaque. Node ids longer than 255 UTF-8 bytes are
 * not representable in a context ({@link #fromBytes} rejects them as absurd); node ids are
 * short configured names.
 *
 * <p>{@link #decode} and {@link #fromBytes} accept exactly the output of {@link #encode} and
 * {@link #toBytes} and throw {@link InvalidContextException} for anything else, so a context
 * from a client can never fail in any other way.
 */
public record VersionVector(SortedMap<String, Long> entries) {

    private static final byte FORMAT = 1;
    private static final int MAX_ENCODED_CHARS = 64 * 1024;
    private static final int MAX_NODE_ID_BYTES = 255;
    private static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

    public VersionVector {
        TreeMap<String, Long> copy = new TreeMap<>();
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("bad version vector entry " + e);
            }
            // Refuse here what a context could not carry, rather than hand out a context that
            // fails to decode when the client sends it back.
            int idBytes = e.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (idBytes < 1 || idBytes > MAX_NODE_ID_BYTES) {
                throw new IllegalArgumentException("node id must be 1.." + MAX_NODE_ID_BYTES
                        + " UTF-8 bytes: " + e.getKey());
            }
            copy.put(e.getKey(), e.getValue());
        }
        entries = Collections.unmodifiableSortedMap(copy);
    }

    public static VersionVector empty() {
        return EMPTY;
    }

    public long get(String node) {
        Long counter = entries.get(node);
        return counter == null ? 0L : counter;
    }

    public boolean covers(Dot dot) {
        return get(dot.node()) >= dot.counter();
    }

    public VersionVector merge(VersionVector other) {
        if (other.entries.isEmpty()) {
            return this;
        }
        if (entries.isEmpty()) {
            return other;
        }
        TreeMap<String, Long> merged = new TreeMap<>(entries);
        other.entries.forEach((node, counter) -> merged.merge(node, counter, Math::max));
        return new VersionVector(merged);
    }

    public VersionVector with(String node, long counter) {
        TreeMap<String, Long> copy = new TreeMap<>(entries);
        copy.put(node, counter);
        return new VersionVector(copy);
    }

    /** The entries of this vector whose writer {@code known} has an entry for too. */
    public VersionVector restrictedTo(VersionVector known) {
        TreeMap<String, Long> kept = new TreeMap<>();
        entries.forEach((node, counter) -> {
            if (known.entries.containsKey(node)) {
                kept.put(node, counter);
            }
        });
        return kept.size() == entries.size() ? this : new VersionVector(kept);
    }

    public int size() {
        return entries.size();
    }

    /** True when this vector has seen everything {@code other} has. */
    public boolean descends(VersionVector other) {
        for (Map.Entry<String, Long> e : other.entries.entrySet()) {
            if (get(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FORMAT);
        writeVarint(out, entries.size());
        for (Map.Entry<String, Long> e : entries.entrySet()) {
            byte[] id = e.getKey().getBytes(StandardCharsets.UTF_8);
            writeVarint(out, id.length);
            out.write(id, 0, id.length);
            writeVarint(out, e.getValue());
        }
        return out.toByteArray();
    }

    public static VersionVector fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidContextException("empty context");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.get() != FORMAT) {
            throw new InvalidContextException("unknown context format");
        }
        long count = readVarint(in);
        if (count > in.remaining()) {
            throw new InvalidContextException("context declares more entries than it holds");
        }
        TreeMap<String, Long> entries = new TreeMap<>();
        String previous = null;
        for (long i = 0; i < count; i++) {
            long length = readVarint(in);
            if (length < 1 || length > MAX_NODE_ID_BYTES || length > in.remaining()) {
                throw new InvalidContextException("bad node id length in context");
            }
            byte[] id = new byte[(int) length];
            in.get(id);
            String node = decodeUtf8(id);
            if (previous != null && previous.compareTo(node) >= 0) {
                throw new InvalidContextException("context entries out of order");
            }
            long counter = readVarint(in);
            if (counter < 1) {
                throw new InvalidContextException("context counter below 1");
            }
            entries.put(node, counter);
            previous = node;
        }
        if (in.hasRemaining()) {
            throw new InvalidContextException("trailing bytes in context");
        }
        VersionVector decoded = new VersionVector(entries);
        // Over-long varints (0x81 0x00 for 1) would decode; one vector has one encoding.
        if (!Arrays.equals(decoded.toBytes(), bytes)) {
            throw new InvalidContextException("context is not in canonical form");
        }
        return decoded;
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(toBytes());
    }

    public static VersionVector decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new InvalidContextException("empty context");
        }
        if (encoded.length() > MAX_ENCODED_CHARS) {
            throw new InvalidContextException("context longer than " + MAX_ENCODED_CHARS + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidContextException("context is not base64url");
        }
        VersionVector decoded = fromBytes(bytes);
        // The decoder tolerates padding and stray low bits in the last character; a context
        // we handed out has neither, so anything else was made or mangled by someone else.
        if (!decoded.encode().equals(encoded)) {
            throw new InvalidContextException("context is not in canonical form");
        }
        return decoded;
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidContextException("node id in context is not UTF-8");
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (!in.hasRemaining()) {
                throw new InvalidContextException("truncated context");
            }
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result < 0) {
                    throw new InvalidContextException("counter out of range");
                }
                return result;
            }
        }
        throw new InvalidContextException("varint too long in context");
    }
}
