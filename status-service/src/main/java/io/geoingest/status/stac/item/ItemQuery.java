package io.geoingest.status.stac.item;

import static io.geoingest.status.stac.SqlParameter.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.SqlParameter;
import io.geoingest.status.stac.filter.FilterCondition;
import io.geoingest.status.stac.VisibleItems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * Items read with SQL on the indexed columns: box overlap (V18, V19 for boxes across the antimeridian)
 * and time overlap on the GiST indexes of V3, collections and ids on B-trees, and keyset order on
 * the primary key, or for a caller who is not files_admin on the indexes of shared and private
 * items of V12 (by time, on those of V24-V26; by id, V3 and V27).
 */
@ApplicationScoped
public class ItemQuery {
    private static final String COLUMNS = """
            select i.collection_id, i.id, i.geometry::text, i.bbox_min_x, i.bbox_min_y, i.bbox_max_x, i.bbox_max_y,
                   i.datetime, i.start_datetime, i.end_datetime, i.properties::text, i.other_fields::text,
                   i.created_at, i.updated_at,
                   (select coalesce(sum(pg_column_size(a.properties)), 0) from stac_asset a
                    where a.collection_id = i.collection_id and a.item_id = i.id)""";
    /** How many columns {@link #COLUMNS} selects, after which an order's sort key follows. */
    private static final int COLUMN_COUNT = 15;
    private static final String FROM = " from stac_item i ";
    private static final String BOX_OVERLAPS = "stac_item_box(i.bbox_min_x, i.bbox_min_y, i.bbox_max_x, i.bbox_max_y)"
            + " && box(point(?, ?), point(?, ?))";
    private static final String PERIOD_OVERLAPS = "stac_item_period(i.datetime, i.start_datetime, i.end_datetime)"
            + " && tstzrange(cast(? as timestamptz), cast(? as timestamptz), '[]')";

    /** Rows the driver fetches at first; later fetches take as many as the rest of the budget holds. */
    private static final int FIRST_FETCH = 8;
    private static final int MAX_FETCH = 500;

    /** PostgreSQL's state of a statement stopped by its statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    @Inject
    AgroalDataSource dataSource;

    /**
     * How long the database may take over a page ({@link SearchConfig#timeout}). Volatile: a test
     * shortens it while requests use this bean.
     */
    volatile Duration pageTimeout;

    @Inject
    void configure(SearchConfig config) {
        pageTimeout = config.timeout();
    }

    @Inject
    ObjectMapper json;

    /**
     * Rows in key order; {@code cutShort} when the byte budget stopped the reading, so that more rows
     * may match after the last one.
     */
    public record Rows(List<ItemRow> rows, boolean cutShort) {
    }

    /** The item, if the caller may read it (see {@link VisibleItems}). */
    public Optional<ItemRow> find(StacItemId key, Caller caller) {
        StringBuilder sql = new StringBuilder(COLUMNS + FROM).append("where i.collection_id = ? and i.id = ?");
        List<SqlParameter> parameters = new ArrayList<>(List.of(text(key.collectionId()), text(key.id())));
        visibleTo(caller, sql, parameters);
        return query(sql.toString(), parameters, Optional.empty(), 0, Long.MAX_VALUE, Optional.empty()).rows().stream()
                .findFirst();
    }

    /**
     * Up to {@code count} items matching the filter that the caller may read, in {@code order},
     * after the key {@code after} when given; fewer once their documents reach {@code byteBudget}.
     */
    public Rows find(ItemFilter filter, Caller caller, ItemOrder order, Optional<List<String>> after, int count,
            long byteBudget) {
        StringBuilder sql = new StringBuilder("where true");
        List<SqlParameter> parameters = new ArrayList<>();
        if (!filter.collections().isEmpty()) {
            sql.append(" and i.collection_id = any(?)");
            parameters.add(texts(filter.collections()));
        }
        if (!filter.ids().isEmpty()) {
            sql.append(" and i.id = any(?)");
            parameters.add(texts(filter.ids()));
        }
        for (SpatialFilter spatial : filter.spatial()) {
            List<String> overlaps = new ArrayList<>();
            for (Envelope box : spatial.boxes()) {
                // and a turn east, where an item across the antimeridian has the part east of it (V18)
                for (double turn : new double[] {0, 360}) {
                    overlaps.add(BOX_OVERLAPS);
                    parameters.add((statement, index) -> statement.setDouble(index, box.getMinX() + turn));
                    parameters.add((statement, index) -> statement.setDouble(index, box.getMinY()));
                    parameters.add((statement, index) -> statement.setDouble(index, box.getMaxX() + turn));
                    parameters.add((statement, index) -> statement.setDouble(index, box.getMaxY()));
                }
            }
            sql.append(" and (").append(String.join(" or ", overlaps)).append(")");
        }
        filter.datetime().ifPresent(interval -> {
            sql.append(" and ").append(PERIOD_OVERLAPS);
            parameters.add(timestamp(interval.start()));
            parameters.add(timestamp(interval.end()));
        });
        filter.condition().ifPresent(condition -> {
            sql.append(" and (").append(condition.sql()).append(")");
            parameters.addAll(condition.parameters());
        });
        after.ifPresent(key -> {
            sql.append(" and ");
            order.appendAfter(key, sql, parameters);
        });
        SqlParameter limit = (statement, index) -> statement.setInt(index, count);
        // the conditions decided per row are selected, each with its parameters before those of the where
        StringBuilder conditions = new StringBuilder();
        List<SqlParameter> selectedParameters = new ArrayList<>();
        List<FilterCondition.Selected> selected = filter.condition().map(FilterCondition::selected).orElse(List.of());
        for (int i = 0; i < selected.size(); i++) {
            conditions.append(", (").append(selected.get(i).sql()).append(") as ").append(FilterCondition.SELECTED).append(i);
            selectedParameters.addAll(selected.get(i).parameters());
        }
        parameters.addAll(0, selectedParameters);
        String select = COLUMNS + order.selected() + conditions + FROM;
        String orderLimit = order.orderBy() + " limit ?";
        if (caller.admin()) {
            parameters.add(limit);
            return query(select + sql + orderLimit, parameters, Optional.of(order), selected.size(), byteBudget,
                    Optional.of(pageTimeout));
        }
        // Shared items and the caller's own, each branch in keyset order on its index (V12), merged.
        // "private_owner is null or private_owner = ?" in one query is no index's order: PostgreSQL
        // then read stac_item_pkey and filtered out every hidden row, or bitmap-ORed both indexes and
        // sorted every visible row of the collection, before the limit.
        List<SqlParameter> both = new ArrayList<>(parameters);
        both.add(limit);
        both.addAll(parameters);
        both.add(text(caller.owner()));
        both.add(limit);
        both.add(limit);
        return query("select * from ((" + select + sql + " and i.private_owner is null" + orderLimit + ") union all ("
                + select + sql + " and i.private_owner = ?" + orderLimit + ")) i" + orderLimit, both, Optional.of(order),
                selected.size(), byteBudget, Optional.of(pageTimeout));
    }

    private static void visibleTo(Caller caller, StringBuilder sql, List<SqlParameter> parameters) {
        VisibleItems.condition(caller, "i").ifPresent(condition -> {
            sql.append(condition);
            parameters.add(text(caller.owner()));
        });
    }

    /**
     * The rows, read until the budget is reached (the row that reaches it included). PostgreSQL's
     * driver holds a whole result in memory before it gives the first row unless it reads through a
     * cursor, which takes a transaction: a page of large items would be in memory twice over first.
     *
     * @param order whose sort key the query selects after its {@link #COLUMNS}, for the rows' keys
     * @param conditions how many of the filter's conditions the query selects (see {@link FilterCondition#SELECTED})
     * @param timeout how long the database may take over a page, in the query's own transaction
     */
    private Rows query(String sql, List<SqlParameter> parameters, Optional<ItemOrder> order, int conditions,
            long byteBudget, Optional<Duration> timeout) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
                // its own transaction's: a read within a caller's transaction leaves that one's as it is
                if (timeout.isPresent()) {
                    try (Statement setting = connection.createStatement()) {
                        setting.execute("set local statement_timeout = " + Math.max(1, timeout.get().toMillis()));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FIRST_FETCH);
                for (int i = 0; i < parameters.size(); i++) {
                    parameters.get(i).bind(statement, i + 1);
                }
                return read(statement, order, conditions, byteBudget);
            } finally {
                if (autoCommit) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                long millis = timeout.map(Duration::toMillis).orElse(0L);
                throw StacProblem.badRequest("The search ran longer than " + (millis % 1000 == 0 ? millis / 1000 + " s"
                        : millis + " ms") + " and was stopped: narrow it with collections, ids, bbox or datetime");
            }
            throw new IllegalStateException("could not read STAC items", e);
        }
    }

    private Rows read(PreparedStatement statement, Optional<ItemOrder> order, int conditions, long byteBudget)
            throws SQLException {
        List<ItemRow> rows = new ArrayList<>();
        long length = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                ItemRow row = row(result, order.isEmpty() ? List.of() : order.get().keyOf(result, COLUMN_COUNT),
                        conditions);
                rows.add(row);
                length += row.documentLength();
                if (length >= byteBudget) {
                    return new Rows(rows, true);
                }
                long perRow = Math.max(1, length / rows.size());
                result.setFetchSize((int) Math.max(1, Math.min(MAX_FETCH, (byteBudget - length) / perRow)));
            }
        }
        return new Rows(rows, false);
    }

    private ItemRow row(ResultSet result, List<String> sortKey, int conditions) throws SQLException {
        Optional<double[]> bbox = Optional.empty();
        if (result.getObject(4) != null) {
            bbox = Optional.of(new double[] {result.getDouble(4), result.getDouble(5), result.getDouble(6),
                    result.getDouble(7)});
        }
        String geometry = result.getString(3);
        String properties = result.getString(11);
        String otherFields = result.getString(12);
        return new ItemRow(
                result.getString(1),
                result.getString(2),
                Optional.ofNullable(geometry).map(this::parse).filter(node -> !node.isNull()),
                bbox,
                instant(result, 8),
                instant(result, 9),
                instant(result, 10),
                object(properties),
                object(otherFields),
                instant(result, 13).orElseThrow(),
                instant(result, 14).orElseThrow(),
                sortKey,
                length(geometry) + length(properties) + length(otherFields) + result.getLong(15),
                selectedConditions(result, conditions));
    }

    private static List<Optional<Boolean>> selectedConditions(ResultSet result, int count) throws SQLException {
        List<Optional<Boolean>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(Optional.ofNullable(result.getObject(FilterCondition.SELECTED + i, Boolean.class)));
        }
        return values;
    }

    private JsonNode parse(String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stac_item holds JSON PostgreSQL would not have accepted", e);
        }
    }

    private ObjectNode object(String document) {
        JsonNode node = document == null ? null : parse(document);
        return node instanceof ObjectNode object ? object : json.createObjectNode();
    }

    private static long length(String document) {
        return document == null ? 0 : document.length();
    }

    private static Optional<Instant> instant(ResultSet result, int column) throws SQLException {
        return Optional.ofNullable(result.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static SqlParameter texts(List<String> values) {
        return (statement, index) -> statement.setArray(index,
                statement.getConnection().createArrayOf("text", values.toArray()));
    }

    private static SqlParameter timestamp(Optional<Instant> value) {
        return (statement, index) -> {
            if (value.isPresent()) {
                statement.setObject(index, value.get().atOffset(ZoneOffset.UTC));
            } else {
                statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            }
        };
    }
}
