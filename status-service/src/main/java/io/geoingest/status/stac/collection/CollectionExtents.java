package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.geoingest.status.stac.Rfc3339;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The extent of collections that were written without one (the worker's collections, for
 * example), computed from their items: the box around their boxes and the time they span.
 */
@ApplicationScoped
public class CollectionExtents {
    private static final String SQL = """
            select collection_id, min(bbox_min_x), min(bbox_min_y), max(bbox_max_x), max(bbox_max_y),
                   min(lower(stac_item_period(datetime, start_datetime, end_datetime))),
                   max(upper(stac_item_period(datetime, start_datetime, end_datetime)))
            from stac_item
            where collection_id = any(?)
            group by collection_id
            """;

    @Inject
    AgroalDataSource dataSource;

    /** The computed extent of each collection; one without items spans the whole world and no known time. */
    public Map<String, ObjectNode> of(Collection<String> collectionIds) {
        Map<String, ObjectNode> extents = new HashMap<>();
        collectionIds.forEach(id -> extents.put(id, extent(null, null)));
        if (collectionIds.isEmpty()) {
            return extents;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setArray(1, connection.createArrayOf("text", collectionIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double[] box = null;
                    if (rows.getObject(2) != null) {
                        box = new double[] {rows.getDouble(2), rows.getDouble(3), rows.getDouble(4), rows.getDouble(5)};
                    }
                    OffsetDateTime start = rows.getObject(6, OffsetDateTime.class);
                    OffsetDateTime end = rows.getObject(7, OffsetDateTime.class);
                    ArrayNode interval = JsonNodeFactory.instance.arrayNode();
                    interval.add(start == null ? null : Rfc3339.format(start.toInstant()));
                    interval.add(end == null ? null : Rfc3339.format(end.toInstant()));
                    extents.put(rows.getString(1), extent(box, interval));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute collection extents", e);
        }
        return extents;
    }

    private static ObjectNode extent(double[] box, ArrayNode interval) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ArrayNode bbox = nodes.arrayNode();
        for (double value : box == null ? new double[] {-180, -90, 180, 90} : box) {
            bbox.add(value);
        }
        ObjectNode extent = nodes.objectNode();
        extent.putObject("spatial").putArray("bbox").add(bbox);
        extent.putObject("temporal").putArray("interval").add(interval == null ? nodes.arrayNode().addNull().addNull() : interval);
        return extent;
    }
}
