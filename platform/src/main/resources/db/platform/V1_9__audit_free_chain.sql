-- A transaction's audit rows go to a chain no other open transaction holds, when there is one. V1_4 put them in chain
-- (transaction id mod 16) and waited there for the chain's lock until the other transaction committed: with 16
-- concurrent audited writes (bin/suite bench's writes part) about a third of them shared a chain with another, and the
-- audit row insert took 1.55 ms on average, most of it waiting. Now the first row of a transaction starts at its id
-- mod 16 and takes the first chain whose lock is free (pg_try_advisory_xact_lock), and waits for that first chain only
-- when all 16 are held. The chain is kept in a transaction-local setting for the transaction's later rows, so a
-- transaction's rows are still all in one chain, the lock is still held until commit, and each chain's order is still
-- the order of its ids (what AuditVerifier checks).

create or replace function audit_entry_chain() returns trigger language plpgsql as $$
declare
    head text;
    chosen text := current_setting('safepolicing.audit_chain', true);
    first smallint;
begin
    if chosen is not null and chosen <> '' then
        new.chain := chosen::smallint;
    else
        first := mod(txid_current(), 16);
        new.chain := first;
        for i in 0..15 loop
            if pg_try_advisory_xact_lock(20260, mod(first + i, 16)) then
                new.chain := mod(first + i, 16);
                exit;
            end if;
        end loop;
        perform set_config('safepolicing.audit_chain', new.chain::text, true);
    end if;
    -- one writer per chain at a time until commit (taken again by the transaction that holds it: it is re-entrant)
    perform pg_advisory_xact_lock(20260, new.chain);
    new.id := nextval(pg_get_serial_sequence('audit_entry', 'id'));
    new.occurred_at := date_trunc('milliseconds', new.occurred_at);
    select row_hash into head from audit_entry where chain = new.chain order by id desc limit 1;
    new.prev_hash := head;
    new.row_hash := audit_row_hash(head, new.occurred_at, new.actor, new.actor_roles, new.actor_agency, new.action,
                                   new.object_type, new.object_id, new.outcome, new.request_id, new.source_address);
    return new;
end $$;
