-- A member of an item's properties read as the type a STAC API filter (status-service CqlFilter)
-- compares it with, or null when it holds another type: a filter on a number never errs on an item
-- where the member is a string, it does not match.
create function stac_text(value jsonb) returns text
    language sql immutable parallel safe
as $$ select case when jsonb_typeof(value) = 'string' then value #>> '{}' end $$;

create function stac_number(value jsonb) returns numeric
    language sql immutable parallel safe
as $$ select case when jsonb_typeof(value) = 'number' then (value #>> '{}')::numeric end $$;

create function stac_boolean(value jsonb) returns boolean
    language sql immutable parallel safe
as $$ select case when jsonb_typeof(value) = 'boolean' then (value #>> '{}')::boolean end $$;

-- Only text that starts as a date: PostgreSQL would read 'now', 'today' or 'epoch' as times. Text
-- that starts so and is no time (2024-13-45) is null rather than an error for the whole search.
create function stac_timestamp(value jsonb) returns timestamptz
    language plpgsql stable parallel safe
as $$
begin
    if jsonb_typeof(value) is distinct from 'string' or value #>> '{}' !~ '^\d{4}-\d{2}-\d{2}' then
        return null;
    end if;
    return (value #>> '{}')::timestamptz;
exception
    when data_exception then
        return null;
end
$$;
