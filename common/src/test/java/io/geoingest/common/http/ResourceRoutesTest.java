package io.geoingest.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only the methods a resource class declared itself were read, with their own annotations: a
 * resource that has some of its methods from an interface or a superclass, as JAX-RS allows,
 * would have been refused those with a 405 naming only its own.
 */
class ResourceRoutesTest {

    interface ThingsApi {
        @GET
        @Path("{id}")
        String get(@PathParam("id") String id);

        @DELETE
        @Path("{id}")
        void delete(@PathParam("id") String id);
    }

    /** Implements the interface's methods without JAX-RS annotations of its own, so it has theirs. */
    @Path("/things")
    static class ThingsResource implements ThingsApi {
        @Override
        public String get(String id) {
            return id;
        }

        @Override
        public void delete(String id) {
        }

        @PUT
        @Path("{id}")
        public void put(@PathParam("id") String id) {
        }
    }

    abstract static class ShelvesBase {
        @GET
        public String list() {
            return "";
        }

        @POST
        public abstract void create(String shelf);
    }

    @Path("/shelves")
    static class ShelvesResource extends ShelvesBase {
        @Override
        public void create(String shelf) {
        }

        @PUT
        public void replace(String shelves) {
        }
    }

    @Path("/boxes")
    interface BoxesApi {
        @GET
        String list();
    }

    static class BoxesResource implements BoxesApi {
        @Override
        public String list() {
            return "";
        }
    }

    private final ResourceRoutes routes =
            new ResourceRoutes(List.of(ThingsResource.class, ShelvesResource.class, BoxesResource.class));

    @Test
    void aResourceTakesTheMethodsItHasFromAnInterface() {
        assertEquals(Set.of("DELETE", "GET", "PUT"), routes.declaredMethodsOf("/things/t1"));
    }

    @Test
    void aResourceTakesTheMethodsItHasFromASuperclass() {
        assertEquals(Set.of("GET", "POST", "PUT"), routes.declaredMethodsOf("/shelves"));
    }

    /** Quarkus REST serves a class that implements an interface with a path under that path. */
    @Test
    void aResourceIsServedUnderThePathOfItsInterface() {
        assertEquals(Set.of("GET"), routes.declaredMethodsOf("/boxes"));
    }
}
