-- The audit trail as 16 hash chains instead of one, so audited writes of different transactions do not wait for each
-- other until commit. A transaction's rows all go to one chain, chosen from its transaction id (mod 16); the chain's
-- advisory lock (key space 20260) is held until commit, so each chain's order is the order of its ids. Each row still
-- carries the hash of the row before it in its chain (prev_hash) and its own (row_hash, by audit_row_hash, unchanged).
-- Rows written before this migration are chain 0, in id order, and chain 0's next row links to the last of them.

alter table audit_entry add column chain smallint not null default 0;
create index audit_entry_chain_id on audit_entry (chain, id);

create or replace function audit_entry_chain() returns trigger language plpgsql as $$
declare
    head text;
begin
    new.chain := mod(txid_current(), 16);
    -- one writer per chain at a time until commit: the chain's next row links to this one
    perform pg_advisory_xact_lock(20260, new.chain);
    new.id := nextval(pg_get_serial_sequence('audit_entry', 'id'));
    new.occurred_at := date_trunc('milliseconds', new.occurred_at);
    select row_hash into head from audit_entry where chain = new.chain order by id desc limit 1;
    new.prev_hash := head;
    new.row_hash := audit_row_hash(head, new.occurred_at, new.actor, new.actor_roles, new.actor_agency, new.action,
                                   new.object_type, new.object_id, new.outcome, new.request_id, new.source_address);
    return new;
end $$;
