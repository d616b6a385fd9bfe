-- A property's time without a zone ('2024-05-01', '2024-05-01T10:00:00') is read in UTC, as the
-- filter's DATE and the catalog's own times are: a cast to timestamptz would read it in the
-- session's time zone, which the JDBC driver takes from each service's JVM.
create or replace function stac_timestamp(value jsonb) returns timestamptz
    language plpgsql stable parallel safe
as $$
declare
    written text := value #>> '{}';
begin
    if jsonb_typeof(value) is distinct from 'string' or written !~ '^\d{4}-\d{2}-\d{2}' then
        return null;
    end if;
    if written ~* '\d{2}:\d{2}(:\d{2}(\.\d*)?)?\s*(z|[+-]\d{2}(:?\d{2})?)$' then
        return written::timestamptz;
    end if;
    return written::timestamp at time zone 'UTC';
exception
    when data_exception then
        return null;
end
$$;
