package io.geoingest.local;

import io.geoingest.common.auth.ApiKeys;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Keys of the local suite, made on the first run and kept under {@code .geoingest/} (readable by
 * the owner only), so that a restart keeps working with the same keys and stored data.
 */
record Secrets(String s3AccessKey, String s3SecretKey, String adminKey, String uploadKey, Path jwtPublicKey) {
    private static final List<String> KEYS = List.of("s3.access-key", "s3.secret-key", "admin-key", "upload-key");

    static Secrets loadOrCreate(Path home) throws IOException {
        Path file = home.resolve("secrets.properties");
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            }
            requireComplete(file, values);
        } else {
            values.setProperty("s3.access-key", "geoingest");
            values.setProperty("s3.secret-key", randomHex(24));
            values.setProperty("admin-key", ApiKeys.newKey());
            values.setProperty("upload-key", ApiKeys.newKey());
            PrivateFiles.createDirectories(home);
            StringWriter text = new StringWriter();
            values.store(text, "GeoIngest local suite secrets: keep private");
            PrivateFiles.write(file, text.toString());
        }
        Path publicKey = jwtKeys(home.resolve("jwt"));
        return new Secrets(values.getProperty("s3.access-key"), values.getProperty("s3.secret-key"),
                values.getProperty("admin-key"), values.getProperty("upload-key"), publicKey);
    }

    /**
     * A file missing a key (edited by hand, or cut short by an older launcher) made the services
     * start with no credentials and fail far from the cause.
     */
    private static void requireComplete(Path file, Properties values) {
        List<String> missing = KEYS.stream().filter(key -> values.getProperty(key, "").isBlank()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file + " lacks " + String.join(", ", missing)
                    + ". Restore it from a backup, or delete it and start again to have new keys made"
                    + " (the stored data stays; local.env gets the new keys)");
        }
    }

    /** The key pair the services verify tokens with; the private key lets a developer mint tokens. */
    private static Path jwtKeys(Path directory) throws IOException {
        Path publicKey = directory.resolve("public.pem");
        if (Files.exists(publicKey)) {
            return publicKey;
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
        PrivateFiles.createDirectories(directory);
        // the private key first: the public one is what says the pair is there
        PrivateFiles.write(directory.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PrivateFiles.write(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return publicKey;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
