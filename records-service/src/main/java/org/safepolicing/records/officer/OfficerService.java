package org.safepolicing.records.officer;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.safepolicing.records.record.RecordRequests.OfficerIdentity;

/** Officers and their employment history, found or created by state + certification number. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class OfficerService {

    private final EntityManager em;

    OfficerService(EntityManager em) {
        this.em = em;
    }

    public static String key(String state, String certificationNumber) {
        return state + "|" + certificationNumber.strip();
    }

    /** The stored officers of these identities, by {@link #key}. Reads per state so the unique index is used. */
    public Map<String, Officer> existing(Collection<OfficerIdentity> identities) {
        Map<String, List<String>> byState = identities.stream().collect(Collectors.groupingBy(OfficerIdentity::state,
                Collectors.mapping(i -> i.certificationNumber().strip(), Collectors.toList())));
        Map<String, Officer> found = new HashMap<>();
        byState.forEach((state, numbers) -> {
            List<String> distinct = numbers.stream().distinct().toList();
            for (int from = 0; from < distinct.size(); from += 1000) {
                em.createQuery("from Officer where state = :state and certificationNumber in (:numbers)", Officer.class)
                        .setParameter("state", state)
                        .setParameter("numbers", distinct.subList(from, Math.min(distinct.size(), from + 1000)))
                        .getResultList().forEach(o -> found.put(key(o.state, o.certificationNumber), o));
            }
        });
        return found;
    }

    public Officer create(OfficerIdentity identity, String ori, Instant now) {
        Officer officer = new Officer();
        officer.id = UUID.randomUUID();
        officer.state = identity.state();
        officer.certificationNumber = identity.certificationNumber().strip();
        officer.firstName = identity.firstName().strip();
        officer.middleName = identity.middleName() == null ? null : identity.middleName().strip();
        officer.lastName = identity.lastName().strip();
        officer.dateOfBirth = identity.dateOfBirth();
        officer.nameNormalized = NameKey.fullName(officer.firstName, officer.lastName);
        officer.lastNameKey = NameKey.soundex(officer.lastName);
        officer.createdByOri = ori;
        officer.createdAt = now;
        em.persist(officer);
        return officer;
    }

    /** Records employment at {@code ori} for each (officer, identity) pair; a known employment is left as it is. */
    public void recordEmployment(String ori, List<Map.Entry<UUID, OfficerIdentity>> pairs, Instant now) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into officer_employment (id, officer_id, ori, position, start_date, end_date, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                for (Map.Entry<UUID, OfficerIdentity> pair : pairs) {
                    var employment = pair.getValue().employment();
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, pair.getKey());
                    insert.setString(3, ori);
                    insert.setString(4, employment == null ? null : employment.position());
                    insert.setDate(5, employment == null || employment.startDate() == null ? null : Date.valueOf(employment.startDate()));
                    insert.setDate(6, employment == null || employment.endDate() == null ? null : Date.valueOf(employment.endDate()));
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OfficerView.EmploymentView> employment(UUID officerId) {
        List<Object[]> rows = em.createNativeQuery("""
                select ori, position, start_date, end_date from officer_employment
                where officer_id = ?1 order by start_date nulls last, recorded_at""")
                .setParameter(1, officerId).getResultList();
        List<OfficerView.EmploymentView> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new OfficerView.EmploymentView((String) r[0], (String) r[1], toLocalDate(r[2]), toLocalDate(r[3])));
        }
        return out;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean employedBy(UUID officerId, String ori) {
        return !em.createNativeQuery("select 1 from officer_employment where officer_id = ?1 and ori = ?2")
                .setParameter(1, officerId).setParameter(2, ori).setMaxResults(1).getResultList().isEmpty();
    }

    static java.time.LocalDate toLocalDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.LocalDate d) {
            return d;
        }
        return ((Date) value).toLocalDate();
    }
}
