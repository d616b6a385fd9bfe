package io.geoingest.common.auth;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, reduced to what the services decide on: the owner name and admin rights. */
public record Caller(String owner, boolean admin) {

    /**
     * An anonymous caller (who may read the STAC catalog, see CredentialsFirst) is named by the empty
     * string, as Quarkus names it: an owner is never blank, so it owns nothing.
     */
    public static Caller of(SecurityIdentity identity) {
        return identity.isAnonymous()
                ? new Caller("", false)
                : new Caller(identity.getPrincipal().getName(), identity.hasRole(Permission.ADMIN));
    }

    /** Admins see every file; anyone else only their own. */
    public boolean maySee(String fileOwner) {
        return admin || !owner.isBlank() && owner.equals(fileOwner);
    }
}
