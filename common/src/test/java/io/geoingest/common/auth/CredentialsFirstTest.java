package io.geoingest.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.http.ResourceRoutes;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What CredentialsFirst asks of a caller, read off the endpoints' annotations as Quarkus reads them. */
class CredentialsFirstTest {

    @PermitAll
    static class Catalog {
        public void read() {
        }

        @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
        public void write() {
        }
    }

    @RolesAllowed(Permission.ADMIN)
    static class Keys {
        public void create() {
        }
    }

    @Test
    void aReadOpenToAnyoneTakesCallersWithoutCredentialsOnlyWhileAnonymousCatalogReadsAreOn() {
        CredentialsFirst.Needs read = needs(endpoint(Catalog.class, "read")).orElseThrow();

        assertTrue(read.letInAnonymously(true));
        assertFalse(read.letInAnonymously(false), "geoingest.auth.anonymous-catalog-reads=false asks for credentials");
    }

    @Test
    void aWriteOfAnOpenResourceStillNeedsItsRoles() {
        CredentialsFirst.Needs write = needs(endpoint(Catalog.class, "write")).orElseThrow();

        assertFalse(write.letInAnonymously(true));
        assertEquals(Set.of(Permission.ADMIN, Permission.UPLOAD), write.roles());
    }

    /** Quarkus REST picks one of the endpoints a request may match: the check asks no more than the least of them. */
    @Test
    void whereAnOpenEndpointMayServeTheRequestNoRoleIsAsked() {
        CredentialsFirst.Needs either = needs(endpoint(Keys.class, "create"), endpoint(Catalog.class, "read")).orElseThrow();

        assertTrue(either.letInAnonymously(true));
        assertEquals(Set.of(), either.roles());
        assertEquals(Set.of(Permission.ADMIN), needs(endpoint(Keys.class, "create")).orElseThrow().roles());
    }

    private static Optional<CredentialsFirst.Needs> needs(ResourceRoutes.Endpoint... endpoints) {
        return CredentialsFirst.needsOf(List.of(endpoints));
    }

    private static ResourceRoutes.Endpoint endpoint(Class<?> resource, String method) {
        try {
            return new ResourceRoutes.Endpoint(resource, resource.getMethod(method));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
