package org.safepolicing.credentialing.agency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;


import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.credentialing.SearchText;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** The agency registry. Every change is published, whole, on the compacted agency-registry.v1 topic. */
@ApplicationScoped
@Transactional
public class AgencyService {

    /** A whole national file is imported in one transaction, with room on a slow machine (AgencyResource begins it). */
    static final int IMPORT_TIMEOUT_SECONDS = 600;

    /** CSV columns, as written in the header (case, '_' and '-' do not matter). */
    static final List<String> COLUMNS = List.of("ori", "name", "type", "state", "county", "sworn_officers",
            "population_served", "urban_rural");
    private static final Set<String> REQUIRED_COLUMNS = Set.of("ori", "name", "type", "state");
    private static final int MAX_LISTED_ERRORS = 1000;
    private static final int LOAD_CHUNK = 2000;

    private final EntityManager em;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Validator validator;

    AgencyService(EntityManager em, EventPublisher events, AuditTrail audit, Validator validator) {
        this.em = em;
        this.events = events;
        this.audit = audit;
        this.validator = validator;
    }

    public Agency register(AgencyRequest request) {
        checkState(request);
        if (em.find(Agency.class, request.ori()) != null) {
            throw ProblemException.alreadyExists("agency", request.ori());
        }
        Agency agency = newAgency(request, Instant.now());
        em.persist(agency);
        em.flush();
        events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_REGISTERED, "agency", agency.ori, agency.snapshot());
        audit.record("agency.register", "agency", agency.ori, AuditTrail.SUCCESS);
        return agency;
    }

    /** Replaces an active agency's entry; publishes agency.updated only when something changed (audited either way). */
    public Agency update(String ori, AgencyRequest request) {
        if (!ori.equals(request.ori())) {
            throw ProblemException.badRequest("the body's ori " + request.ori() + " is not the path's " + ori + "; an ORI never changes");
        }
        checkState(request);
        Agency agency = lock(ori);
        if (!agency.active) {
            throw ProblemException.illegalTransition("agency", ori, RegistryStatus.DEACTIVATED, "update");
        }
        if (apply(agency, request, Instant.now())) {
            em.flush(); // the snapshot carries the new version
            events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_UPDATED, "agency", ori, agency.snapshot());
            audit.record("agency.update", "agency", ori, AuditTrail.SUCCESS);
        } else {
            // a DOJ change that changed nothing is still a privileged action: one row, no event
            audit.record("agency.update.unchanged", "agency", ori, AuditTrail.SUCCESS);
        }
        return agency;
    }

    /** Takes an agency out of the active registry; the entry stays, published with active=false. */
    public Agency deactivate(String ori) {
        Agency agency = lock(ori);
        if (!agency.active) {
            throw ProblemException.illegalTransition("agency", ori, RegistryStatus.DEACTIVATED, "deactivate");
        }
        agency.active = false;
        agency.updatedAt = Instant.now();
        em.flush();
        events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_DEACTIVATED, "agency", ori, agency.snapshot());
        audit.record("agency.deactivate", "agency", ori, AuditTrail.SUCCESS);
        return agency;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Agency get(String ori) {
        Agency agency = em.find(Agency.class, ori);
        if (agency == null) {
            throw ProblemException.notFound("agency", ori);
        }
        return agency;
    }

    /** Registry search: a name or ORI fragment, state, type, active; ordered by ORI. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Agency> search(String text, String state, AgencyType type, Boolean active, PageRequest paging) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(a.name) like :text" + SearchText.ESCAPE + " or a.ori like :oriPrefix" + SearchText.ESCAPE + ")");
            params.put("text", SearchText.anywhereLowerCase(text));
            params.put("oriPrefix", SearchText.prefixUpperCase(text));
        }
        if (state != null) {
            where.append(" and a.state = :state");
            params.put("state", state);
        }
        if (type != null) {
            where.append(" and a.type = :type");
            params.put("type", type);
        }
        if (active != null) {
            where.append(" and a.active = :active");
            params.put("active", active);
        }
        TypedQuery<Agency> items = em.createQuery("from Agency a" + where + " order by a.ori", Agency.class);
        TypedQuery<Long> count = em.createQuery("select count(a) from Agency a" + where, Long.class);
        params.forEach((k, v) -> {
            items.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Agency> page = items.setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        return Page.of(page, paging, count.getSingleResult());
    }

    /**
     * Imports a CSV file of agencies, all or nothing: every row is checked first and any error refuses the whole file
     * (422 with the line of each error); otherwise new ORIs are registered and known ones updated where they differ.
     */
    public ImportResult importCsv(String text) {
        long started = System.nanoTime();
        List<AgencyCsv.Record> records;
        try {
            records = AgencyCsv.parse(text == null ? "" : text);
        } catch (AgencyCsv.MalformedCsv e) {
            throw invalid(List.of(new ImportLineError(e.line, null, e.getMessage())), 1);
        }
        if (records.isEmpty()) {
            throw ProblemException.badRequest("the file is empty; a header line naming the columns " + COLUMNS + " comes first");
        }
        Map<String, Integer> column = header(records.get(0));
        if (records.size() == 1) {
            throw invalid(List.of(new ImportLineError(1, null, "the file has a header and no agency")), 1);
        }
        List<ImportLineError> errors = new ArrayList<>();
        int errorCount = 0;
        Map<String, AgencyRequest> rows = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (AgencyCsv.Record record : records.subList(1, records.size())) {
            List<ImportLineError> rowErrors = new ArrayList<>();
            AgencyRequest request = row(record, column, rowErrors);
            if (request != null && rowErrors.isEmpty()) {
                Integer earlier = lineOf.putIfAbsent(request.ori(), record.line());
                if (earlier != null) {
                    rowErrors.add(new ImportLineError(record.line(), "ori", "ORI " + request.ori() + " is also on line " + earlier));
                } else {
                    rows.put(request.ori(), request);
                }
            }
            errorCount += rowErrors.size();
            rowErrors.stream().limit(Math.max(0, MAX_LISTED_ERRORS - errors.size())).forEach(errors::add);
        }
        if (errorCount > 0) {
            throw invalid(errors, errorCount);
        }

        Map<String, Agency> existing = new HashMap<>();
        List<String> oris = new ArrayList<>(rows.keySet());
        for (int from = 0; from < oris.size(); from += LOAD_CHUNK) {
            List<String> chunk = oris.subList(from, Math.min(oris.size(), from + LOAD_CHUNK));
            em.createQuery("from Agency where ori in :oris", Agency.class).setParameter("oris", chunk)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().forEach(a -> existing.put(a.ori, a));
        }
        Instant now = Instant.now();
        List<Agency> registered = new ArrayList<>();
        List<Agency> updated = new ArrayList<>();
        for (AgencyRequest request : rows.values()) {
            Agency known = existing.get(request.ori());
            if (known == null) {
                Agency agency = newAgency(request, now);
                em.persist(agency);
                registered.add(agency);
            } else if (apply(known, request, now)) {
                updated.add(known);
            }
        }
        em.flush(); // versions of updated entries are final before their snapshots are written
        registered.forEach(a -> events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_REGISTERED, "agency", a.ori, a.snapshot()));
        updated.forEach(a -> events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_UPDATED, "agency", a.ori, a.snapshot()));
        ImportResult result = new ImportResult(rows.size(), registered.size(), updated.size(),
                rows.size() - registered.size() - updated.size(), (System.nanoTime() - started) / 1_000_000);
        audit.record("agency.import", "agency-import", result.rows() + " rows", AuditTrail.SUCCESS);
        return result;
    }

    private Map<String, Integer> header(AgencyCsv.Record header) {
        Map<String, Integer> column = new HashMap<>();
        List<ImportLineError> errors = new ArrayList<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String raw = header.fields().get(i);
            String name = normalize(raw);
            String canonical = COLUMNS.stream().filter(c -> normalize(c).equals(name)).findFirst().orElse(null);
            if (canonical == null) {
                errors.add(new ImportLineError(1, raw, "unknown column; the columns are " + COLUMNS));
            } else if (column.putIfAbsent(canonical, i) != null) {
                errors.add(new ImportLineError(1, raw, "column named twice"));
            }
        }
        REQUIRED_COLUMNS.stream().filter(c -> !column.containsKey(c)).sorted()
                .forEach(c -> errors.add(new ImportLineError(1, c, "required column is missing")));
        if (!errors.isEmpty()) {
            throw invalid(errors, errors.size());
        }
        return column;
    }

    private AgencyRequest row(AgencyCsv.Record record, Map<String, Integer> column, List<ImportLineError> errors) {
        int line = record.line();
        if (record.fields().size() != column.size()) {
            errors.add(new ImportLineError(line, null,
                    "has " + record.fields().size() + " field(s); the header has " + column.size()));
            return null;
        }
        int withNul = record.firstFieldWithNul();
        if (withNul >= 0) {
            String name = column.entrySet().stream().filter(e -> e.getValue() == withNul).map(Map.Entry::getKey).findFirst().orElse(null);
            errors.add(new ImportLineError(line, name, "contains a NUL character (U+0000)"));
            return null;
        }
        Function<String, String> cell = name -> {
            Integer i = column.get(name);
            if (i == null) {
                return null;
            }
            String value = record.fields().get(i).strip();
            return value.isEmpty() ? null : value;
        };
        AgencyType type = null;
        String typeText = cell.apply("type");
        if (typeText != null) {
            try {
                type = AgencyType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ImportLineError(line, "type", "'" + typeText + "' is not one of " + List.of(AgencyType.values())));
            }
        }
        Integer sworn = number(cell.apply("sworn_officers"), "sworn_officers", line, errors, Integer::valueOf);
        Long population = number(cell.apply("population_served"), "population_served", line, errors, Long::valueOf);
        String urbanRural = cell.apply("urban_rural");
        AgencyRequest request = new AgencyRequest(cell.apply("ori"), cell.apply("name"), type, cell.apply("state"),
                cell.apply("county"), sworn, population, urbanRural == null ? null : urbanRural.toUpperCase(Locale.ROOT));
        for (ConstraintViolation<AgencyRequest> v : validator.validate(request)) {
            String property = v.getPropertyPath().toString();
            if ("type".equals(property) && typeText != null) {
                continue; // already reported as not one of the types
            }
            errors.add(new ImportLineError(line, columnOf(property), v.getMessage()));
        }
        if (request.ori() != null && request.state() != null && Ori.isValid(request.ori())
                && !Ori.state(request.ori()).equals(request.state())) {
            errors.add(new ImportLineError(line, "state",
                    "ORI " + request.ori() + " belongs to state " + Ori.state(request.ori()) + ", not " + request.state()));
        }
        errors.sort(java.util.Comparator.comparing(e -> e.column() == null ? "" : e.column()));
        return request;
    }

    private static <N extends Number> N number(String text, String columnName, int line, List<ImportLineError> errors,
                                               Function<String, N> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text.replace("_", ""));
        } catch (NumberFormatException e) {
            errors.add(new ImportLineError(line, columnName, "'" + text + "' is not a whole number"));
            return null;
        }
    }

    private static String columnOf(String property) {
        return switch (property) {
            case "swornOfficers" -> "sworn_officers";
            case "populationServed" -> "population_served";
            case "urbanRural" -> "urban_rural";
            default -> property;
        };
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    private static ProblemException invalid(List<ImportLineError> errors, int errorCount) {
        ImportLineError first = errors.get(0);
        return ProblemException.unprocessable("agency-import-invalid",
                        errorCount + " error(s); nothing was imported. First: line " + first.line()
                                + (first.column() == null ? "" : ", " + first.column()) + ": " + first.message())
                .with("errorCount", errorCount).with("lineErrors", List.copyOf(errors));
    }

    private static void checkState(AgencyRequest request) {
        if (!Ori.state(request.ori()).equals(request.state())) {
            throw ProblemException.unprocessable("ori-state-mismatch",
                    "ORI " + request.ori() + " belongs to state " + Ori.state(request.ori()) + ", not " + request.state());
        }
    }

    private static Agency newAgency(AgencyRequest request, Instant now) {
        Agency agency = new Agency();
        agency.ori = request.ori();
        apply(agency, request, now);
        agency.createdAt = now;
        agency.updatedAt = now;
        return agency;
    }

    /** Copies the request onto the agency; true when anything changed. */
    private static boolean apply(Agency agency, AgencyRequest request, Instant now) {
        String name = request.name().strip();
        boolean changed = !Objects.equals(agency.name, name) || agency.type != request.type()
                || !Objects.equals(agency.state, request.state()) || !Objects.equals(agency.county, request.county())
                || !Objects.equals(agency.swornOfficers, request.swornOfficers())
                || !Objects.equals(agency.populationServed, request.populationServed())
                || !Objects.equals(agency.urbanRural, request.urbanRural());
        if (changed) {
            agency.name = name;
            agency.type = request.type();
            agency.state = request.state();
            agency.county = request.county();
            agency.swornOfficers = request.swornOfficers();
            agency.populationServed = request.populationServed();
            agency.urbanRural = request.urbanRural();
            agency.updatedAt = now;
        }
        return changed;
    }

    private Agency lock(String ori) {
        Agency agency = em.find(Agency.class, ori, LockModeType.PESSIMISTIC_WRITE);
        if (agency == null) {
            throw ProblemException.notFound("agency", ori);
        }
        return agency;
    }
}
