package io.gridwatch.common.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals records that must be kept for reprocessing but hold residents' data as they came — the values of the
 * dead-letter topic — with AES-256-GCM under a key from the environment variable {@value #VARIABLE} (at least 32
 * bytes; the AES key is its SHA-256). A sealed value is a version byte, a random 12-byte nonce and the ciphertext with
 * its tag; anyone reading the topic without the key sees neither the text nor whether two values are equal, and a
 * changed byte fails to open. {@link #keyId} names the key (not secretly) so that an operator knows which one opens a
 * record after the key was changed.
 */
public final class RecordSeal {

    public static final String VARIABLE = "GRIDWATCH_DEADLETTER_KEY";
    /** The shortest key taken. */
    public static final int MIN_BYTES = 32;

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "gridwatch-sealed-record".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private RecordSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = HexFormat.of().formatHex(Arrays.copyOf(sha256(concat(CONTEXT, key)), 4));
    }

    /** The seal of {@code secret}; an error naming {@value #VARIABLE} if it is missing or too short. */
    public static RecordSeal of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + " is not set: the dead-letter topic keeps rejected records, "
                    + "residents' data included, sealed with it (SECURITY.md)");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(VARIABLE + " must be at least " + MIN_BYTES + " bytes long");
        }
        return new RecordSeal(sha256(bytes));
    }

    /** A short, public name of the key: the first 4 bytes of a hash of it, hex. */
    public String keyId() {
        return keyId;
    }

    public byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The value {@link #seal} sealed; an error if it was sealed under another key or changed. */
    public byte[] open(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed record");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(CONTEXT);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the record was sealed under another key (not " + keyId + ") or changed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public String toString() {
        return "RecordSeal[" + keyId + "]";
    }
}
