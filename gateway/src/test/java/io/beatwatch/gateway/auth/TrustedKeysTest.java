package io.beatwatch.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {

    static final DevKeys A = DevKeys.generate();
    static final DevKeys B = DevKeys.generate();
    static final DevKeys INLINE = DevKeys.generate();

    @TempDir Path dir;

    @Test
    void aRotationThroughTheKeyFileNeedsNoRestartAndABadFileChangesNothing() throws Exception {
        Path file = dir.resolve("jwt.pem");
        Files.writeString(file, A.publicKeyPem());
        var keys = new TrustedKeys(INLINE.publicKeyPem(), file, null);
        assertThat(keys.current()).containsExactly(INLINE.publicKey(), A.publicKey());
        assertThat(keys.file()).isEqualTo(file);
        assertThat(keys.reload()).isEmpty();

        // step 1: the new key beside the old one
        Files.writeString(file, A.publicKeyPem() + "\n" + B.publicKeyPem());
        assertThat(keys.reload())
                .contains(List.of(INLINE.publicKey(), A.publicKey(), B.publicKey()));

        // a half-written file: refused, the keys trusted so far stay
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nMIIB");
        assertThatThrownBy(keys::reload).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.current()).hasSize(3);

        // step 2: the old key removed
        Files.writeString(file, B.publicKeyPem());
        assertThat(keys.reload()).contains(List.of(INLINE.publicKey(), B.publicKey()));
    }

    @Test
    void withoutAKeyFileTheFixedKeysAreAllThereIs() throws Exception {
        var keys = new TrustedKeys(null, null, A.publicKey());
        assertThat(keys.file()).isNull();
        assertThat(keys.current()).containsExactly(A.publicKey());
    }

    @Test
    void pemTextMayHoldSeveralKeys() {
        assertThat(PemKeys.rsaPublicKeys(A.publicKeyPem() + B.publicKeyPem()))
                .containsExactly(A.publicKey(), B.publicKey());
        assertThatThrownBy(() -> PemKeys.rsaPublicKeys("no key here")).hasMessageContaining("PEM");
    }
}
