-- What each service may do in the database: one group role per service, holding only the table
-- privileges that service's code needs, so that a fault or an injection in one service cannot drop
-- tables, rewrite API keys or change another service's records. Operators give each service's login
-- membership in its role (see the README); the tables stay owned by whoever migrates.
--
-- A Flyway callback, run at the end of every migrate run, so at each start of a service that
-- migrates, whether a migration was pending or not, and kept out of the schema history (which a
-- repeatable migration re-applied at each start grew by a row per start): a role an administrator
-- creates after the first start gets its privileges at the next start. Roles are created here when
-- the migrating user may (CREATEROLE); without that right and without the roles, nothing is granted
-- and every service keeps running as the one user it connects as.
--
-- Flyway releases its lock before this callback, and services start together (the local suite,
-- replicas): each block first takes one advisory lock (a number nothing else of ours locks), held
-- to the end of its transaction, so that two starts do not grant at once, which PostgreSQL refuses
-- ("tuple concurrently updated").

do $$
declare
    service_role text;
begin
    perform pg_advisory_xact_lock(7350013579);
    foreach service_role in array array['geoingest_upload', 'geoingest_worker', 'geoingest_status'] loop
        if not exists (select 1 from pg_roles where rolname = service_role) then
            begin
                execute format('create role %I nologin', service_role);
            exception
                when insufficient_privilege then
                    raise notice 'role % does not exist and may not be created here: not granted', service_role;
                -- made meanwhile by the migration of another database of the same cluster
                when duplicate_object or unique_violation then
                    null;
            end;
        end if;
    end loop;
end
$$;

do $$
declare
    -- role, privileges, tables
    grants constant text[] := array[
        -- upload-service: API keys (it manages them), files and their uploads, the outbox it relays,
        -- and the STAC assets its asset uploads complete.
        ['geoingest_upload', 'select, insert, update', 'api_key, file, upload, upload_part'],
        ['geoingest_upload', 'select, insert, update, delete', 'outbox'],
        ['geoingest_upload', 'select', 'stac_collection, stac_item'],
        ['geoingest_upload', 'select, update', 'stac_asset'],
        -- processing-worker: claims and completes files, registers them in the catalog, relays the
        -- status events.
        ['geoingest_worker', 'select, update', 'file'],
        ['geoingest_worker', 'select, insert, update, delete', 'outbox'],
        ['geoingest_worker', 'select, insert, update', 'stac_collection, stac_item, stac_asset'],
        -- status-service: reads files; serves the STAC API's writes to the catalog, and ends the
        -- uploads of the assets it removes. Of an API key it records only when it was last used.
        ['geoingest_status', 'select, update (last_used_at)', 'api_key'],
        ['geoingest_status', 'select', 'file'],
        ['geoingest_status', 'select, update (status, updated_at, ended_at)', 'upload'],
        ['geoingest_status', 'select, insert, update, delete', 'stac_collection, stac_item, stac_asset']];
    tables constant text[] := array['api_key', 'file', 'upload', 'upload_part', 'outbox', 'stac_collection',
        'stac_item', 'stac_asset'];
    -- the roles that write the outbox, whose ids come from its sequence
    outbox_writers constant text[] := array['geoingest_upload', 'geoingest_worker'];
    service_role text;
    table_name text;
    grant_row text[];
begin
    perform pg_advisory_xact_lock(7350013579);
    if not exists (select 1 from pg_roles
                   where rolname in ('geoingest_upload', 'geoingest_worker', 'geoingest_status')) then
        return;
    end if;
    -- A user who does not own the tables is only warned that nothing was granted, and the services
    -- would then fail on every query: stop here instead.
    foreach table_name in array tables loop
        if not pg_has_role(current_user, (select relowner from pg_class where oid = table_name::regclass), 'usage') then
            raise exception 'the migration runs as %, who does not own table %: migrate as the owner of the schema',
                current_user, table_name;
        end if;
    end loop;
    foreach service_role in array array['geoingest_upload', 'geoingest_worker', 'geoingest_status'] loop
        if exists (select 1 from pg_roles where rolname = service_role) then
            -- what an earlier version granted and this one does not must go: start from nothing
            execute format('revoke all on table %s from %I', array_to_string(tables, ', '), service_role);
            execute format('revoke all on sequence outbox_id_seq from %I', service_role);
            execute format('grant usage on schema %I to %I', current_schema(), service_role);
        end if;
    end loop;
    foreach grant_row slice 1 in array grants loop
        if exists (select 1 from pg_roles where rolname = grant_row[1]) then
            execute format('grant %s on table %s to %I', grant_row[2], grant_row[3], grant_row[1]);
        end if;
    end loop;
    foreach service_role in array outbox_writers loop
        if exists (select 1 from pg_roles where rolname = service_role) then
            execute format('grant usage on sequence outbox_id_seq to %I', service_role);
        end if;
    end loop;
    -- The services that do not migrate (in Kubernetes, all but the upload-service) validate at
    -- start that the schema holds every migration they were built with: they read Flyway's history
    -- table, whatever its configured name.
    foreach service_role in array array['geoingest_worker', 'geoingest_status'] loop
        if exists (select 1 from pg_roles where rolname = service_role) then
            execute format('grant select on table %I to %I', '${flyway:table}', service_role);
        end if;
    end loop;
end
$$;
