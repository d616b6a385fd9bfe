package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.geo.LongitudeSpans;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.VisibleItems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extent of collections that were written without one (the worker's collections, for
 * example) or with the one computed for their writer, and of every source type's collection
 * (see {@link CollectionCatalog#put}), computed from the items the caller may read (see
 * {@link VisibleItems}): the smallest box around their boxes and the time they span. Another owner's private items are left out, or the
 * extent would tell where and when they uploaded, and it would change (and with it the
 * collection's ETag) as they upload.
 *
 * <p>The shared items' part is six min/max reads on the partial indexes of V13, whatever the size
 * of the collection; the caller's own items are aggregated on stac_item_private_owner_idx (V12), and
 * files_admin's, all private items of the collection, by a scan of them as before.
 *
 * <p>The least and greatest longitudes make the smallest box only while they are less than half
 * the world apart and no item crosses the antimeridian. Otherwise (scenes on both sides of it, a
 * worldwide collection) the box is the one around the longitudes the items cover, which leaves out
 * the widest stretch none covers, across the antimeridian when that is elsewhere: the items are
 * taken by 10-degree bands of their west edges, each band's westmost west edge and eastmost east
 * edge read from the end of an index (V13, V22), so the box is exact but for stretches no item
 * covers inside one band's items, at most 10 degrees.
 */
@ApplicationScoped
public class CollectionExtents {
    /** How the API documentation says it, after what is read. */
    static final String DESCRIPTION = " A collection written without an extent shows the extent of the items the caller"
            + " may read: another owner's private items (of files uploaded through the file API) are left out, but for"
            + " files_admin. So does the collection of a source type (image, sar, ...), whatever extent it is written with,"
            + " and one written back with the extent its writer read.";
    private static final String AGGREGATES = """
            min(bbox_min_x) min_x, min(bbox_min_y) min_y, max(bbox_max_x) max_x, max(bbox_max_y) max_y,
            min(lower(stac_item_period(datetime, start_datetime, end_datetime))) starts,
            max(upper(stac_item_period(datetime, start_datetime, end_datetime))) ends""";
    // The shared items of each collection in a subquery of its own: PostgreSQL reads a min or a max
    // from the end of an index only in a query that aggregates nothing else. The private ones of
    // all the page's collections in one scan, as every item was read before V13.
    // Whether an item crosses the antimeridian is asked apart for the shared items, on an index of
    // those that do (V21); the least and greatest longitudes mean nothing then (see BANDS_SQL).
    private static final String SQL = "select id, min(min_x), min(min_y), max(max_x), max(max_y), min(starts), max(ends),"
            + " bool_or(crosses) from (select c.id, shared.*, exists (select 1 from stac_item x where x.collection_id = c.id"
            + " and x.private_owner is null and x.bbox_min_x > x.bbox_max_x) crosses"
            + " from unnest(?) c(id) cross join lateral (select " + AGGREGATES
            + " from stac_item i where i.collection_id = c.id and i.private_owner is null) shared"
            + " union all select i.collection_id, " + AGGREGATES + ", bool_or(i.bbox_min_x > i.bbox_max_x)"
            + " from stac_item i where i.collection_id = any(?) and %s group by i.collection_id) parts group by id";
    /**
     * Rows of (collection, west, east, crosses): a box around the shared items of each 10-degree
     * band of west edges (the band of V22's index, read from its end), one around those across the
     * antimeridian, and the same for the caller's private items, which are scanned. The crossing
     * ones' box has the westmost west edge and the eastmost east edge: each of them holds the
     * antimeridian, so together they hold the longitudes from the one to the other.
     */
    private static final String BANDS_SQL = "select c.id, w.west, e.east, false from unnest(?) c(id)"
            + " cross join generate_series(0, 36) band(n)"
            + " cross join lateral (select min(i.bbox_min_x) west from stac_item i where i.collection_id = c.id"
            + " and i.private_owner is null and i.bbox_min_x >= band.n * 10 - 180 and i.bbox_min_x < band.n * 10 - 170"
            + " and i.bbox_min_x <= i.bbox_max_x) w"
            + " cross join lateral (select max(i.bbox_max_x) east from stac_item i where i.collection_id = c.id"
            + " and i.private_owner is null and i.bbox_min_x <= i.bbox_max_x and floor((i.bbox_min_x + 180) / 10) = band.n) e"
            + " where w.west is not null"
            + " union all select i.collection_id, min(i.bbox_min_x), max(i.bbox_max_x), true from stac_item i"
            + " where i.collection_id = any(?) and i.private_owner is null and i.bbox_min_x > i.bbox_max_x group by i.collection_id"
            + " union all select i.collection_id, min(i.bbox_min_x), max(i.bbox_max_x), i.bbox_min_x > i.bbox_max_x"
            + " from stac_item i where i.collection_id = any(?) and %s and i.bbox_min_x is not null group by i.collection_id,"
            + " i.bbox_min_x > i.bbox_max_x, case when i.bbox_min_x > i.bbox_max_x then 0 else floor((i.bbox_min_x + 180) / 10) end";

    private static final Comparator<JsonNode> SAME_VALUE = CollectionExtents::compareValues;

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
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Aggregates> read = aggregates(connection, collectionIds, ownPrivateItems, caller);
            List<String> farApart = read.entrySet().stream()
                    .filter(entry -> entry.getValue().longitudesFarApart()).map(Map.Entry::getKey).toList();
            Map<String, LongitudeSpans> spans = farApart.isEmpty() ? Map.of()
                    : bands(connection, farApart, ownPrivateItems, caller);
            read.forEach((id, collection) -> extents.put(id,
                    extent(collection.box(spans.get(id)), collection.interval())));
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute collection extents", e);
        }
        return extents;
    }

    private static Map<String, Aggregates> aggregates(Connection connection, Collection<String> collectionIds,
            String ownPrivateItems, Caller caller) throws SQLException {
        Map<String, Aggregates> read = new HashMap<>();
        forEachRow(connection, SQL.formatted(ownPrivateItems), collectionIds, 2, caller, row -> {
            double[] edges = row.getObject(2) == null ? null
                    : new double[] {row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5)};
            read.put(row.getString(1), new Aggregates(edges, row.getBoolean(8),
                    row.getObject(6, OffsetDateTime.class), row.getObject(7, OffsetDateTime.class)));
        });
        return read;
    }

    private static Map<String, LongitudeSpans> bands(Connection connection, Collection<String> collectionIds,
            String ownPrivateItems, Caller caller) throws SQLException {
        Map<String, LongitudeSpans> spans = new HashMap<>();
        forEachRow(connection, BANDS_SQL.formatted(ownPrivateItems), collectionIds, 3, caller, row -> {
            LongitudeSpans collection = spans.computeIfAbsent(row.getString(1), id -> new LongitudeSpans());
            double west = row.getDouble(2);
            double east = row.getDouble(3);
            if (row.getBoolean(4)) {
                collection.add(west, 180);
                collection.add(-180, east);
            } else {
                collection.add(west, east);
            }
        });
        return spans;
    }

    /**
     * Runs {@code sql} with the collections' ids as its first {@code idParameters} parameters, then
     * the caller's owner unless admin, and hands each row to {@code reader}.
     */
    private static void forEachRow(Connection connection, String sql, Collection<String> collectionIds,
            int idParameters, Caller caller, RowReader reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("text", collectionIds.toArray());
            for (int parameter = 1; parameter <= idParameters; parameter++) {
                statement.setArray(parameter, ids);
            }
            if (!caller.admin()) {
                statement.setString(idParameters + 1, caller.owner());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * What the aggregates read of one collection's items: the least and greatest of their boxes'
     * edges (null without a box), whether one crosses the antimeridian, and their time.
     */
    private record Aggregates(double[] edges, boolean crosses, OffsetDateTime start, OffsetDateTime end) {

        /** When the least and greatest longitudes may not make the smallest box around the items. */
        boolean longitudesFarApart() {
            return edges != null && (crosses || edges[2] - edges[0] > 180);
        }

        double[] box(LongitudeSpans spans) {
            if (edges == null || !longitudesFarApart()) {
                return edges;
            }
            if (spans == null || spans.isEmpty()) {
                return new double[] {-180, edges[1], 180, edges[3]};
            }
            return spans.box(edges[1], edges[3]).toArray();
        }

        ArrayNode interval() {
            ArrayNode interval = JsonNodeFactory.instance.arrayNode();
            interval.add(start == null ? null : Rfc3339.format(start.toInstant()));
            interval.add(end == null ? null : Rfc3339.format(end.toInstant()));
            return interval;
        }
    }

    /**
     * Whether a client sent back {@code computed} as it read it: numbers and date-times are
     * compared by value, as a client's JSON library may write {@code 7.0} as {@code 7}, or
     * {@code 2024-05-01T00:00:00Z} as {@code 2024-05-01T00:00:00.000Z}.
     */
    static boolean sameExtent(JsonNode given, JsonNode computed) {
        return given.equals(SAME_VALUE, computed);
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual()) {
            Optional<Instant> aTime = Rfc3339.parse(a.asText());
            Optional<Instant> bTime = Rfc3339.parse(b.asText());
            if (aTime.isPresent() && bTime.isPresent()) {
                return aTime.get().compareTo(bTime.get());
            }
        }
        return a.equals(b) ? 0 : 1;
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
