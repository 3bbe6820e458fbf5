package io.beatwatch.gateway.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA 2048 key pair generated in memory at start, for dev logins, the demo and tests. Never
 * written to disk; a restart invalidates every dev token.
 */
public final class DevKeys {

    private final KeyPair pair;

    private DevKeys(KeyPair pair) {
        this.pair = pair;
    }

    /** Generates a fresh key pair. */
    public static DevKeys generate() {
        try {
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return new DevKeys(gen.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    RSAPrivateKey privateKey() {
        return (RSAPrivateKey) pair.getPrivate();
    }

    /** The public key as PEM, to configure another gateway or a tool. */
    public String publicKeyPem() {
        return PemKeys.toPem(publicKey());
    }
}
