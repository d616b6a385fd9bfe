package io.geoingest.status.stac.filter;

import io.geoingest.status.stac.SqlParameter;
import java.util.List;

/**
 * A filter as a condition on the rows of {@code stac_item} (alias {@code i}), with the parameters
 * its placeholders take, in their order: values never enter the SQL text.
 */
public record FilterCondition(String sql, List<SqlParameter> parameters) {
    public FilterCondition {
        parameters = List.copyOf(parameters);
    }
}
