package io.geoingest.status.stac.asset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.VisibleItems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Assets with the state of their files, read with one query for a whole page of items. */
@ApplicationScoped
public class AssetReader {
    private static final String SELECT = """
            select a.collection_id, a.item_id, a.id, a.href, a.type, a.title, a.roles, a.checksum, a.file_id,
                   a.properties::text, a.created_at, a.updated_at,
                   f.status, f.failure_reason, f.checksum, f.content_type
            from stac_asset a
            """;
    private static final String WITH_FILE = " left join file f on f.id = a.file_id";
    private static final String ORDER = " order by a.collection_id, a.item_id, a.id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** The asset, if the caller may read its item (see {@link VisibleItems}). */
    public Optional<AssetRow> find(StacAssetId key, Caller caller) {
        String sql = SELECT + WITH_FILE + " where a.collection_id = ? and a.item_id = ? and a.id = ?";
        List<String> parameters = new ArrayList<>(List.of(key.collectionId(), key.itemId(), key.id()));
        Optional<String> visible = VisibleItems.condition(caller, "a.collection_id", "a.item_id");
        if (visible.isPresent()) {
            sql += visible.get();
            parameters.add(caller.owner());
        }
        return query(sql, parameters).stream().findFirst();
    }

    public List<AssetRow> ofItem(StacItemId item) {
        return query(SELECT + WITH_FILE + " where a.collection_id = ? and a.item_id = ?" + ORDER,
                List.of(item.collectionId(), item.id()));
    }

    /** The assets of each item, in id order; items without assets map to an empty list. */
    public Map<StacItemId, List<AssetRow>> ofItems(List<StacItemId> items) {
        Map<StacItemId, List<AssetRow>> byItem = new LinkedHashMap<>();
        items.forEach(item -> byItem.put(item, new ArrayList<>()));
        if (items.isEmpty()) {
            return byItem;
        }
        String sql = SELECT + " join unnest(cast(? as text[]), cast(? as text[])) as k(collection_id, item_id)"
                + " on a.collection_id = k.collection_id and a.item_id = k.item_id" + WITH_FILE + ORDER;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", items.stream().map(StacItemId::collectionId).toArray()));
            statement.setArray(2, connection.createArrayOf("text", items.stream().map(StacItemId::id).toArray()));
            for (AssetRow asset : rows(statement)) {
                byItem.get(new StacItemId(asset.collectionId(), asset.itemId())).add(asset);
            }
            return byItem;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read STAC assets", e);
        }
    }

    private List<AssetRow> query(String sql, List<String> parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            return rows(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read STAC assets", e);
        }
    }

    private List<AssetRow> rows(PreparedStatement statement) throws SQLException {
        List<AssetRow> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(row(result));
            }
        }
        return rows;
    }

    private AssetRow row(ResultSet result) throws SQLException {
        Optional<AssetRow.UploadedFile> file = Optional.empty();
        UUID fileId = result.getObject(9, UUID.class);
        String fileStatus = result.getString(13);
        if (fileId != null && fileStatus != null) {
            file = Optional.of(new AssetRow.UploadedFile(fileId, FileStatus.valueOf(fileStatus),
                    Optional.ofNullable(result.getString(14)), Optional.ofNullable(result.getString(15)),
                    Optional.ofNullable(result.getString(16))));
        }
        Array roles = result.getArray(7);
        return new AssetRow(
                result.getString(1),
                result.getString(2),
                result.getString(3),
                Optional.ofNullable(result.getString(4)),
                Optional.ofNullable(result.getString(5)),
                Optional.ofNullable(result.getString(6)),
                roles == null ? List.of() : Arrays.stream((String[]) roles.getArray()).filter(Objects::nonNull).toList(),
                Optional.ofNullable(result.getString(8)),
                file,
                object(result.getString(10)),
                result.getObject(11, OffsetDateTime.class).toInstant(),
                result.getObject(12, OffsetDateTime.class).toInstant());
    }

    private ObjectNode object(String document) {
        try {
            JsonNode node = document == null ? null : json.readTree(document);
            return node instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stac_asset holds JSON PostgreSQL would not have accepted", e);
        }
    }
}
