package io.geoingest.upload;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of /q/metrics as Prometheus scrapes them. */
public final class Metrics {
    private Metrics() {
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}; 0 when none. */
    public static double sum(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)", Pattern.MULTILINE).matcher(text);
        double sum = 0;
        while (matcher.find()) {
            String found = matcher.group(1) == null ? "" : matcher.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }
}
