package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.geoingest.common.auth.Caller;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.VisibleItems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
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
 * example), computed from the items the caller may read (see {@link VisibleItems}): the box around
 * their boxes (at all longitudes when one crosses the antimeridian) and the time they span. Another
 * owner's private items are left out, or the extent would tell where and when they uploaded, and it
 * would change (and with it the collection's ETag) as they upload.
 *
 * <p>The shared items' part is six min/max reads on the partial indexes of V13, whatever the size
 * of the collection; the caller's own items are aggregated on stac_item_private_owner_idx (V12), and
 * files_admin's, all private items of the collection, by a scan of them as before.
 */
@ApplicationScoped
public class CollectionExtents {
    /** How the API documentation says it, after what is read. */
    static final String DESCRIPTION = " A collection written without an extent shows the extent of the items the caller"
            + " may read: another owner's private items (of files uploaded through the file API) are left out, but for"
            + " files_admin.";
    private static final String AGGREGATES = """
            min(bbox_min_x) min_x, min(bbox_min_y) min_y, max(bbox_max_x) max_x, max(bbox_max_y) max_y,
            min(lower(stac_item_period(datetime, start_datetime, end_datetime))) starts,
            max(upper(stac_item_period(datetime, start_datetime, end_datetime))) ends""";
    // The shared items of each collection in a subquery of its own: PostgreSQL reads a min or a max
    // from the end of an index only in a query that aggregates nothing else. The private ones of
    // all the page's collections in one scan, as every item was read before V13.
    // Whether an item crosses the antimeridian is asked apart for the shared items, on an index of
    // those that do (V21).
    private static final String SQL = "select id, min(min_x), min(min_y), max(max_x), max(max_y), min(starts), max(ends),"
            + " bool_or(crosses) from (select c.id, shared.*, exists (select 1 from stac_item x where x.collection_id = c.id"
            + " and x.private_owner is null and x.bbox_min_x > x.bbox_max_x) crosses"
            + " from unnest(?) c(id) cross join lateral (select " + AGGREGATES
            + " from stac_item i where i.collection_id = c.id and i.private_owner is null) shared"
            + " union all select i.collection_id, " + AGGREGATES + ", bool_or(i.bbox_min_x > i.bbox_max_x)"
            + " from stac_item i where i.collection_id = any(?) and %s group by i.collection_id) parts group by id";

    @Inject
    AgroalDataSource dataSource;

    /**
     * The computed extent of each collection, of the items the caller may read; one without such
     * items spans the whole world and no known time.
     */
    public Map<String, ObjectNode> of(Collection<String> collectionIds, Caller caller) {
        Map<String, ObjectNode> extents = new HashMap<>();
        collectionIds.forEach(id -> extents.put(id, extent(null, null)));
        if (collectionIds.isEmpty()) {
            return extents;
        }
        String ownPrivateItems = caller.admin() ? "i.private_owner is not null" : "i.private_owner = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL.formatted(ownPrivateItems))) {
            Array ids = connection.createArrayOf("text", collectionIds.toArray());
            statement.setArray(1, ids);
            statement.setArray(2, ids);
            if (!caller.admin()) {
                statement.setString(3, caller.owner());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double[] box = null;
                    if (rows.getObject(2) != null) {
                        // the least and greatest longitudes of boxes across the antimeridian make no
                        // box around them
                        boolean crosses = rows.getBoolean(8);
                        box = new double[] {crosses ? -180 : rows.getDouble(2), rows.getDouble(3),
                            crosses ? 180 : rows.getDouble(4), rows.getDouble(5)};
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
