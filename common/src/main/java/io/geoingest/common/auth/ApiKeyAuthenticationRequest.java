package io.geoingest.common.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** Credentials of a request that presented an API key in {@code X-API-KEY}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
