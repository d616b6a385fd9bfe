-- GeoIngest schema: files, multipart uploads, the transactional outbox, API keys and the STAC catalog.

create table api_key (
    id            uuid primary key,
    key_hash      char(64)    not null unique,
    owner         text        not null,
    permissions   text[]      not null,
    created_at    timestamptz not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

create table file (
    id                        uuid primary key,
    original_name             text        not null,
    object_key                text        not null unique,
    size                      bigint      not null check (size >= 0),
    content_type              text,
    source_type               text        not null,
    status                    text        not null check (status in ('QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    failure_reason            text,
    checksum                  text,
    expected_checksum         text,
    owner                     text        not null,
    created_at                timestamptz not null,
    updated_at                timestamptz not null,
    attempts                  integer     not null default 0,
    lease_until               timestamptz,
    metadata                  jsonb,
    geometry                  jsonb,
    acquisition_date          timestamptz,
    layer_properties          jsonb,
    vector_mapping_properties jsonb,
    stac_collection           text,
    stac_item                 text,
    stac_asset                text
);
create index file_owner_created_idx on file (owner, created_at desc);
create index file_claimable_idx on file (status, lease_until) where status in ('QUEUED', 'IN_PROGRESS');

create table upload (
    id                text primary key,
    kind              text        not null check (kind in ('chunked', 'stac')),
    s3_upload_id      text        not null,
    object_key        text        not null,
    original_name     text        not null,
    owner             text        not null,
    status            text        not null check (status in ('in-progress', 'completed', 'aborted')),
    number_parts      integer,
    md5_parts         jsonb,
    checksum          text,
    content_encoding  text,
    stac_collection   text,
    stac_item         text,
    stac_asset        text,
    file_id           uuid references file (id),
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    ended_at          timestamptz
);
create index upload_in_progress_created_idx on upload (created_at) where status = 'in-progress';
-- Only one upload may be in progress for a STAC asset; the database, not the code, guarantees it.
create unique index upload_one_in_progress_per_asset on upload (stac_collection, stac_item, stac_asset)
    where status = 'in-progress' and kind = 'stac';

create table upload_part (
    upload_id    text        not null references upload (id) on delete cascade,
    part_number  integer     not null check (part_number between 1 and 10000),
    size         bigint      not null check (size >= 0),
    etag         text        not null,
    staged       boolean     not null,
    created_at   timestamptz not null,
    primary key (upload_id, part_number)
);

create table outbox (
    id            bigserial primary key,
    topic         text        not null,
    message_key   text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz
);
create index outbox_unsent_idx on outbox (id) where sent_at is null;

create table stac_collection (
    id           text primary key,
    title        text,
    description  text        not null default '',
    license      text        not null default 'proprietary',
    extent       jsonb,
    properties   jsonb       not null default '{}',
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create table stac_item (
    collection_id  text        not null references stac_collection (id) on delete cascade,
    id             text        not null,
    geometry       jsonb,
    bbox_min_x     double precision,
    bbox_min_y     double precision,
    bbox_max_x     double precision,
    bbox_max_y     double precision,
    datetime       timestamptz,
    start_datetime timestamptz,
    end_datetime   timestamptz,
    properties     jsonb       not null default '{}',
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    primary key (collection_id, id)
);
create index stac_item_datetime_idx on stac_item (datetime);
create index stac_item_bbox_idx on stac_item (bbox_min_x, bbox_max_x, bbox_min_y, bbox_max_y);

create table stac_asset (
    collection_id  text        not null,
    item_id        text        not null,
    id             text        not null,
    href           text,
    type           text,
    title          text,
    roles          text[],
    checksum       text,
    file_id        uuid references file (id),
    properties     jsonb       not null default '{}',
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    primary key (collection_id, item_id, id),
    foreign key (collection_id, item_id) references stac_item (collection_id, id) on delete cascade
);
