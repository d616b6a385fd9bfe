-- What each service may do in the database: one group role per service, holding only the table
-- privileges that service's code needs, so that a fault or an injection in one service cannot drop
-- tables, rewrite API keys or change another service's records. Operators give each service's login
-- role membership in its group (see the README); the tables stay owned by whoever migrates.
--
-- Repeatable, and re-applied at every migration (${flyway:timestamp}): a role an administrator
-- creates after the first start gets its privileges at the next start. Roles are created here when
-- the migrating user may (CREATEROLE); without that right and without the roles, nothing is granted
-- and every service keeps running as the one user it connects as.

do $$
declare
    service_role text;
begin
    foreach service_role in array array['geoingest_upload', 'geoingest_worker', 'geoingest_status'] loop
        if not exists (select 1 from pg_roles where rolname = service_role) then
            begin
                execute format('create role %I nologin', service_role);
            exception when insufficient_privilege then
                raise notice 'role % does not exist and may not be created here: not granted', service_role;
            end;
        end if;
    end loop;
end
$$;

do $$
declare
    service_role text;
    -- role, privileges, tables
    grant_row text[];
begin
    -- what an earlier version granted and this one does not must go: start from nothing
    foreach service_role in array array['geoingest_upload', 'geoingest_worker', 'geoingest_status'] loop
        if exists (select 1 from pg_roles where rolname = service_role) then
            execute format('revoke all on all tables in schema %I from %I', current_schema(), service_role);
            execute format('revoke all on all sequences in schema %I from %I', current_schema(), service_role);
        end if;
    end loop;
    foreach grant_row slice 1 in array array[
        -- upload-service: API keys (it manages them), files and their uploads, the outbox it relays,
        -- and the STAC assets its asset uploads complete.
        ['geoingest_upload', 'select, insert, update, delete', 'api_key, file, upload, upload_part, outbox'],
        ['geoingest_upload', 'select', 'stac_collection, stac_item'],
        ['geoingest_upload', 'select, update', 'stac_asset'],
        ['geoingest_upload', 'usage', 'sequence outbox_id_seq'],
        -- processing-worker: claims and completes files, registers them in the catalog, relays the
        -- status events.
        ['geoingest_worker', 'select', 'api_key'],
        ['geoingest_worker', 'select, update', 'file'],
        ['geoingest_worker', 'select, insert, update, delete', 'outbox'],
        ['geoingest_worker', 'select, insert, update', 'stac_collection, stac_item, stac_asset'],
        ['geoingest_worker', 'usage', 'sequence outbox_id_seq'],
        -- status-service: reads files; serves the STAC API's writes to the catalog, and ends the
        -- uploads of the assets it removes. It records when an API key was last used.
        ['geoingest_status', 'select, update', 'api_key'],
        ['geoingest_status', 'select', 'file, upload_part'],
        ['geoingest_status', 'select, update', 'upload'],
        ['geoingest_status', 'select, insert, update, delete', 'stac_collection, stac_item, stac_asset']
    ] loop
        if exists (select 1 from pg_roles where rolname = grant_row[1]) then
            execute format('grant %s on %s to %I', grant_row[2],
                    case when grant_row[3] like 'sequence %' then grant_row[3] else 'table ' || grant_row[3] end,
                    grant_row[1]);
        end if;
    end loop;
end
$$;
