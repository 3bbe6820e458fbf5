package io.beatwatch.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads an RSA public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}, X.509 SPKI). */
public final class PemKeys {

    private PemKeys() {}

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    /**
     * Every {@code BEGIN PUBLIC KEY} block of {@code pem}, in order (a key file during a rotation
     * holds the old and the new key); at least one, else {@link IllegalArgumentException}.
     */
    public static List<RSAPublicKey> rsaPublicKeys(String pem) {
        var keys = new ArrayList<RSAPublicKey>();
        int from = 0;
        while (pem != null) {
            int b = pem.indexOf(BEGIN, from);
            if (b < 0) break;
            int e = pem.indexOf(END, b);
            if (e < 0) throw new IllegalArgumentException("JWT public key PEM block is not closed");
            keys.add(rsaPublicKey(pem.substring(b, e + END.length())));
            from = e + END.length();
        }
        if (keys.isEmpty()) rsaPublicKey(pem); // throws with the plain reason
        return keys;
    }

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
