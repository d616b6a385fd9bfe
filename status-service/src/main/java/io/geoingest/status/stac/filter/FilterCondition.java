package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.status.stac.SqlParameter;
import java.util.List;
import java.util.Optional;

/**
 * A filter as a condition on the rows of {@code stac_item} (alias {@code i}), with the parameters
 * its placeholders take, in their order: values never enter the SQL text. {@code intersecting}
 * are the shapes an item's geometry must also meet, each a GeoJSON geometry or
 * {@code {"bbox": [...]}}: the search's spatial filter takes them, with its index query and its
 * exact test. Where the filter has spatial functions the database cannot decide, {@code sql} lets
 * through every row that may match, {@code perRow} decides each, and {@code selected} are the
 * conditions the query selects for it (as {@link #SELECTED}{@code 0}, {@code 1}...).
 */
public record FilterCondition(String sql, List<SqlParameter> parameters, List<JsonNode> intersecting,
        List<Selected> selected, Optional<RowCondition> perRow) {
    /** The name the query gives a selected condition's column, before its number. */
    public static final String SELECTED = "filter_condition_";

    /** A condition the database decides for each row, true, false or null (unknown). */
    public record Selected(String sql, List<SqlParameter> parameters) {
        public Selected {
            parameters = List.copyOf(parameters);
        }
    }

    public FilterCondition {
        parameters = List.copyOf(parameters);
        intersecting = List.copyOf(intersecting);
        selected = List.copyOf(selected);
    }
}
