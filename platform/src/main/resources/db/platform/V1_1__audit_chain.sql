-- The audit trail is append-only and hash-chained.
--
-- Every row carries the hash of the row before it (prev_hash) and its own hash (row_hash), computed here, in the
-- database, by a trigger, so no code path can insert a row outside the chain. Inserts take a transaction-scoped
-- advisory lock and re-number the row after taking it, so the chain's order is the order of ids even when
-- transactions commit concurrently. UPDATE, DELETE and TRUNCATE are refused. Verification (AuditVerifier) recomputes
-- every hash with audit_row_hash and names each row whose content or link does not match.

alter table audit_entry add column prev_hash text;
alter table audit_entry add column row_hash text;

-- The canonical text of a row: every field length-prefixed (null as '-'), the time in UTC to the millisecond.
create function audit_row_hash(prev text, occurred timestamptz, actor text, roles text, agency text, action text,
                               object_type text, object_id text, outcome text, request_id text, source text)
    returns text language sql immutable as $$
    select encode(sha256(convert_to(concat_ws('|',
        coalesce(length(prev) || ':' || prev, '-'),
        to_char(occurred at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        coalesce(length(actor) || ':' || actor, '-'),
        coalesce(length(roles) || ':' || roles, '-'),
        coalesce(length(agency) || ':' || agency, '-'),
        coalesce(length(action) || ':' || action, '-'),
        coalesce(length(object_type) || ':' || object_type, '-'),
        coalesce(length(object_id) || ':' || object_id, '-'),
        coalesce(length(outcome) || ':' || outcome, '-'),
        coalesce(length(request_id) || ':' || request_id, '-'),
        coalesce(length(source) || ':' || source, '-')), 'UTF8')), 'hex')
$$;

-- Rows written before this migration join the chain in id order.
do $$
declare
    r record;
    prev text := null;
begin
    for r in select * from audit_entry order by id loop
        update audit_entry
           set prev_hash = prev,
               row_hash = audit_row_hash(prev, r.occurred_at, r.actor, r.actor_roles, r.actor_agency, r.action,
                                         r.object_type, r.object_id, r.outcome, r.request_id, r.source_address)
         where id = r.id
        returning row_hash into prev;
    end loop;
end $$;

alter table audit_entry alter column row_hash set not null;

create function audit_entry_chain() returns trigger language plpgsql as $$
declare
    head text;
begin
    -- one writer at a time until commit: the next row links to this one
    perform pg_advisory_xact_lock(hashtext('safe-policing:audit-chain'));
    new.id := nextval(pg_get_serial_sequence('audit_entry', 'id'));
    new.occurred_at := date_trunc('milliseconds', new.occurred_at);
    select row_hash into head from audit_entry order by id desc limit 1;
    new.prev_hash := head;
    new.row_hash := audit_row_hash(head, new.occurred_at, new.actor, new.actor_roles, new.actor_agency, new.action,
                                   new.object_type, new.object_id, new.outcome, new.request_id, new.source_address);
    return new;
end $$;

create trigger audit_entry_chain before insert on audit_entry
    for each row execute function audit_entry_chain();

create function audit_entry_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();
