package io.geoingest.common.auth;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, reduced to what the services decide on: the owner name and admin rights. */
public record Caller(String owner, boolean admin) {

    public static Caller of(SecurityIdentity identity) {
        return new Caller(identity.getPrincipal().getName(), identity.hasRole(Permission.ADMIN));
    }

    /** Admins see every file; anyone else only their own. */
    public boolean maySee(String fileOwner) {
        return admin || owner.equals(fileOwner);
    }
}
