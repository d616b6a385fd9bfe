package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.status.stac.SqlParameter;
import java.util.List;

/**
 * A filter as a condition on the rows of {@code stac_item} (alias {@code i}), with the parameters
 * its placeholders take, in their order: values never enter the SQL text. {@code intersecting}
 * are the shapes an item's geometry must also meet, each a GeoJSON geometry or
 * {@code {"bbox": [...]}}: the search's spatial filter takes them, with its index query and its
 * exact test.
 */
public record FilterCondition(String sql, List<SqlParameter> parameters, List<JsonNode> intersecting) {
    public FilterCondition {
        parameters = List.copyOf(parameters);
        intersecting = List.copyOf(intersecting);
    }
}
