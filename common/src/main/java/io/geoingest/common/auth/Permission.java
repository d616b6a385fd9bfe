package io.geoingest.common.auth;

import java.util.Arrays;
import java.util.Optional;

/** Permissions a caller can hold; they become the caller's security roles. */
public enum Permission {
    FILES_ADMIN(Permission.ADMIN),
    FILES_UPLOAD(Permission.UPLOAD);

    /** Role names for {@code @RolesAllowed}, which needs compile-time constants. */
    public static final String ADMIN = "files_admin";
    public static final String UPLOAD = "files_upload";

    private final String value;

    Permission(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Permission> parse(String value) {
        return Arrays.stream(values()).filter(permission -> permission.value.equals(value)).findFirst();
    }
}
