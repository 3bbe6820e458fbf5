package io.beatwatch.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads an RSA public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}, X.509 SPKI). */
public final class PemKeys {

    private PemKeys() {}

    /** Parses a PEM public key; throws {@link IllegalArgumentException} with a plain reason. */
    public static RSAPublicKey rsaPublicKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalArgumentException(
                    "JWT public key must be a PEM 'BEGIN PUBLIC KEY' block (X.509 SubjectPublicKeyInfo)");
        }
        var body =
                pem.replace("-----BEGIN PUBLIC KEY-----", "")
                        .replace("-----END PUBLIC KEY-----", "")
                        .replaceAll("\\s", "");
        try {
            var der = Base64.getDecoder().decode(body);
            var key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            var rsa = (RSAPublicKey) key;
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("JWT public key must be at least 2048 bits");
            }
            return rsa;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            if (e instanceof IllegalArgumentException iae
                    && iae.getMessage() != null
                    && iae.getMessage().startsWith("JWT")) {
                throw iae;
            }
            throw new IllegalArgumentException("JWT public key is not a valid RSA key", e);
        }
    }

    /** Formats a public key as PEM, for dev tooling and tests. */
    public static String toPem(RSAPublicKey key) {
        var b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }
}
