package io.geoingest.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

/**
 * What a browser page served from another origin gets (STAC Browser, a web map, an upload page):
 * answers it may read, errors included, and preflights that let it send a key, without the page's
 * cookies or remembered credentials ever counting. Each service's test extends this under
 * {@code @QuarkusTest}, naming a path of its own that needs credentials.
 */
public abstract class CrossOriginContract {
    private static final String PAGE = "https://radiantearth.github.io";

    /** A path of this service that needs credentials, and the method it takes. */
    protected abstract String protectedPath();

    protected abstract String protectedMethod();

    /** Without these headers the browser kept every answer from the page, errors too. */
    @Test
    void aPageOfAnotherOriginMayReadTheAnswerEvenARefusal() {
        given().header("Origin", PAGE)
                .when().request(protectedMethod(), protectedPath())
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                // only "true" lets a browser send what it holds of its own (cookies, remembered Basic)
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void aPreflightLetsAPageSendItsKey() {
        given().header("Origin", PAGE)
                .header("Access-Control-Request-Method", protectedMethod())
                .header("Access-Control-Request-Headers", "x-api-key,content-type")
                .when().options(protectedPath())
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase(protectedMethod()))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("x-api-key"));
    }
}
