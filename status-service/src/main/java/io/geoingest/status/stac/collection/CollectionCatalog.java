package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.time.StorableDates;
import io.geoingest.status.stac.ConcurrentWrites;
import io.geoingest.status.stac.DeletedAssetUploads;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.Preconditions;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Collections of the catalog: created or replaced with PUT, deleted with everything in them. */
@ApplicationScoped
public class CollectionCatalog {

    @Inject
    EntityManager entityManager;

    @Inject
    CatalogOwnership ownership;

    @Inject
    DeletedAssetUploads uploads;

    @Inject
    CollectionDocuments documents;

    @Inject
    CollectionExtents extents;

    public Optional<StacCollection> find(String id) {
        return StacCollection.findByIdOptional(id);
    }

    public StacCollection require(String id) {
        return find(id).orElseThrow(StacProblem::collectionNotFound);
    }

    /** A page of collections, and whether more follow the last. */
    public record Page(List<StacCollection> collections, boolean more) {
    }

    /**
     * Up to {@code limit} collections in id order, after {@code afterId} when given, and fewer once
     * their documents reach {@link PageLimit#DOCUMENT_BUDGET}: the documents' lengths are read
     * first, and only the collections that fit are loaded.
     */
    public Page page(Optional<String> afterId, int limit) {
        String lengths = "select octet_length(description) + octet_length(license) + coalesce(octet_length(title), 0)"
                + " + coalesce(octet_length(extent::text), 0) + octet_length(properties::text) from stac_collection";
        Query query = afterId.isPresent()
                ? entityManager.createNativeQuery(lengths + " where id > ?1 order by id limit ?2").setParameter(1, afterId.get())
                        .setParameter(2, limit + 1)
                : entityManager.createNativeQuery(lengths + " order by id limit ?1").setParameter(1, limit + 1);
        List<?> found = query.getResultList();
        int fitting = 0;
        long length = 0;
        while (fitting < Math.min(limit, found.size()) && length < PageLimit.DOCUMENT_BUDGET) {
            length += ((Number) found.get(fitting)).longValue();
            fitting++;
        }
        if (fitting == 0) {
            return new Page(List.of(), false);
        }
        PanacheQuery<StacCollection> collections = afterId.isPresent()
                ? StacCollection.find("id > ?1", Sort.by("id"), afterId.get())
                : StacCollection.findAll(Sort.by("id"));
        return new Page(collections.page(0, fitting).list(), found.size() > fitting);
    }

    /**
     * Creates the collection or replaces its document (PUT: fields not given are removed), if the
     * request's preconditions hold and the caller may (see {@link CatalogOwnership}); true when it
     * was created.
     */
    @Transactional
    public boolean put(Caller caller, String id, CollectionWrite write, Preconditions preconditions) {
        Instant now = StorableDates.now();
        StacCollection collection = StacCollection.findById(id, preconditions.rowLock());
        boolean created = collection == null;
        if (created) {
            ownership.requireMayCreateCollection(caller, id);
        } else {
            // a replacement drops what the collection said: as much as a deletion, for the files in it
            ownership.requireMayReplaceCollection(caller, id);
        }
        requirePreconditions(caller, collection, preconditions);
        boolean computedExtent = !created && !CollectionDocuments.hasStoredExtent(collection);
        if (created) {
            collection = new StacCollection();
            collection.id = id;
            collection.createdBy = caller.owner();
            collection.createdAt = now;
        }
        collection.title = write.title().orElse(null);
        collection.description = write.description();
        collection.license = write.license();
        collection.extent = extentToStore(caller, id, computedExtent, write.extent()).orElse(null);
        collection.properties = write.otherFields();
        collection.updatedAt = now;
        if (created) {
            collection.persist();
        }
        ConcurrentWrites.flush(entityManager);
        return created;
    }

    /**
     * Deletes the collection, if the request's preconditions hold; its items and their assets go
     * with it (the schema cascades), and so do uploads to them.
     */
    @Transactional
    public void delete(Caller caller, String id, Preconditions preconditions) {
        uploads.aroundCollectionDeletion(id, () -> {
            ownership.requireMayDestroyCollection(caller, id);
            StacCollection collection = StacCollection.findById(id, preconditions.rowLock());
            if (collection == null) {
                throw StacProblem.collectionNotFound();
            }
            requirePreconditions(caller, collection, preconditions);
            collection.delete();
            ConcurrentWrites.flushDeletion(entityManager, StacProblem::collectionNotFound);
        });
    }

    /**
     * The extent given, unless the collection's extent is to stay computed from the items each
     * reader may read (see {@link CollectionExtents}). Stored, the writer's view would be every
     * reader's, files_admin's telling where and when others uploaded privately, and it would no
     * longer follow the items. So a source type's collection, where the worker catalogues
     * everyone's files, never stores one; and a collection that showed the writer a computed
     * extent keeps it computed when that extent comes back as the writer reads it (a GET, a new
     * title, a PUT).
     */
    private Optional<ObjectNode> extentToStore(Caller caller, String id, boolean computedExtent, Optional<ObjectNode> given) {
        if (SourceType.ofCollectionId(id).isPresent()) {
            return Optional.empty();
        }
        return given.filter(extent -> !computedExtent
                || !CollectionExtents.sameExtent(extent, extents.of(List.of(id), caller).get(id)));
    }

    /**
     * {@code stored}: the collection as read for the write (null when there is none), held against
     * the tag of the document this caller reads.
     */
    private void requirePreconditions(Caller caller, StacCollection stored, Preconditions preconditions) {
        preconditions.requireForWrite(() -> Optional.ofNullable(stored).map(collection -> documents.tag(collection, caller)));
    }
}
