package io.beatwatch.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys a bearer token may be signed with: the inline PEM and the dev key, fixed at start, and
 * the key file's, read again by {@link #reload} so that a key rotation needs no restart.
 */
public final class TrustedKeys {

    private final List<RSAPublicKey> fixed;
    private final Path file;
    private String fileText;
    private List<RSAPublicKey> current;

    /**
     * @param pem inline PEM (one or more keys), or null
     * @param file the key file (one or more keys), or null
     * @param devKey the demo's generated key, or null
     */
    public TrustedKeys(String pem, Path file, RSAPublicKey devKey) throws IOException {
        var keys = new ArrayList<RSAPublicKey>();
        if (pem != null) keys.addAll(PemKeys.rsaPublicKeys(pem));
        if (devKey != null) keys.add(devKey);
        this.fixed = List.copyOf(keys);
        this.file = file;
        if (file != null) {
            fileText = Files.readString(file);
            keys.addAll(PemKeys.rsaPublicKeys(fileText));
        }
        this.current = List.copyOf(keys);
    }

    /** The keys trusted now. */
    public synchronized List<RSAPublicKey> current() {
        return current;
    }

    /** The key file, or null. */
    public Path file() {
        return file;
    }

    /**
     * Reads the key file again: the new key set if the file changed, empty if it did not (or there
     * is no file). A file that cannot be read or holds no valid key throws and changes nothing, so
     * a half-written file never locks everybody out.
     */
    public synchronized Optional<List<RSAPublicKey>> reload() throws IOException {
        if (file == null) return Optional.empty();
        String text = Files.readString(file);
        if (text.equals(fileText)) return Optional.empty();
        var keys = new ArrayList<>(fixed);
        keys.addAll(PemKeys.rsaPublicKeys(text));
        fileText = text;
        current = List.copyOf(keys);
        return Optional.of(current);
    }
}
