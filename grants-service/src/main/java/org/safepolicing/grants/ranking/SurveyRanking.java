package org.safepolicing.grants.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.grants.program.GrantArea;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.program.GrantPrograms;
import org.safepolicing.grants.projection.CoResponderProgramProjection;
import org.safepolicing.grants.projection.ProjectionQueries;
import org.safepolicing.grants.projection.SurveyReportProjection;
import org.safepolicing.grants.projection.SurveyReportProjection.RecommendedModel;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * Orders a co-responder grant program's applications by the community-support models HHS's survey report recommends
 * (EO 13929 Sec. 4(c): the survey and its report with recommendations; Sec. 4(d): resources prioritized "to implement
 * community-support models as recommended in the report"; Sec. 5(b)(i): grants assisting agencies with the co-responder
 * and community-support models of Sec. 4). Stated policy:
 * <ul>
 * <li><b>Which programs.</b> Only programs of area {@link GrantArea#CORESPONDER_COMMUNITY_SUPPORT}. For any other area
 * the ranking is refused with 422 {@code survey-ranking-not-offered}: the survey measures co-responder and community
 * models, which say nothing about, e.g., a credentialing or retention grant.</li>
 * <li><b>Which report.</b> The latest national report (state null) for the program's fiscal year or an earlier year:
 * the highest report year not after the program's fiscal year, and of that year the highest version (a later version
 * of a period supersedes the earlier ones, whatever order they arrived in). State reports never rank. A report of a
 * later year than the program's fiscal year does not reorder it. Two reports claiming one version (coresponder-service
 * numbers them without duplicates) are both kept: the later published ranks, then the lower id.</li>
 * <li><b>An application's rank.</b> The best (lowest) report rank among the models of the applicant agency's
 * co-responder programs whose status is ACTIVE. PLANNED, SUSPENDED and ENDED programs (and a status grants does not
 * know) do not count: the report measures models as run, and a planned program runs nothing yet. Applications are
 * ordered by that rank, ties by application time (then id).</li>
 * <li><b>No recommended model.</b> An application whose agency has no ACTIVE program, or whose ACTIVE programs run
 * no model the report ranks, comes after every ranked one, by application time, with a reason saying which.</li>
 * <li><b>No report yet.</b> Every application is unranked, in application order, each saying no report was
 * received.</li>
 * </ul>
 * This ranking orders the list a grant officer reads. It never decides eligibility (the program's rules do, at
 * application and at award) or an award (a grant officer does).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SurveyRanking {

    private static final TypeReference<List<RecommendedModel>> MODELS = new TypeReference<>() {
    };
    private static final String ACTIVE = ProgramStatus.ACTIVE.name();

    private final ProjectionQueries projection;
    private final GrantPrograms programs;
    private final ObjectMapper json;

    SurveyRanking(ProjectionQueries projection, GrantPrograms programs, ObjectMapper json) {
        this.projection = projection;
        this.programs = programs;
        this.json = json;
    }

    /**
     * One page of the program's applications in survey order, each with why it stands where it does.
     *
     * @param applications the program's applications in the order they were submitted (ties keep that order), read
     *                     once the program is known to be one the survey ranks
     * @param agency       the ORI of an application's agency
     */
    public <A> Page<RankedApplication<A>> rank(UUID programId, Supplier<List<A>> applications,
                                               Function<A, String> agency, PageRequest paging) {
        GrantProgram program = programs.find(programId);
        if (program.area != GrantArea.CORESPONDER_COMMUNITY_SUPPORT) {
            throw ProblemException.unprocessable("survey-ranking-not-offered", "grant program " + programId
                            + " is in area " + program.area + ": only programs in " + GrantArea.CORESPONDER_COMMUNITY_SUPPORT
                            + " (Sec. 5(b)(i)) are ranked by the models HHS's survey report recommends (Sec. 4(c), 4(d));"
                            + " order=submitted lists its applications")
                    .with("area", program.area.name());
        }
        SurveyReportProjection report = projection.latestNationalSurveyReport(program.fiscalYear);
        List<RecommendedModel> recommended = report == null ? List.of() : models(report);
        List<A> submitted = applications.get();
        Map<String, List<CoResponderProgramProjection>> programsByAgency = projection.coResponderProgramsOf(
                submitted.stream().map(agency).toList());

        List<Placed<A>> placed = new ArrayList<>();
        for (A application : submitted) {
            String ori = agency.apply(application);
            placed.add(new Placed<>(application, place(ori, programsByAgency.getOrDefault(ori, List.of()), report,
                    recommended, program.fiscalYear)));
        }
        // a stable sort of the list in application order: ties on the model's rank stay in application order
        placed.sort(Comparator.comparingInt(p -> p.rank().sortRank()));
        List<RankedApplication<A>> ordered = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            Placed<A> p = placed.get(i);
            ordered.add(new RankedApplication<>(p.application(), p.rank().explanation().at(i + 1)));
        }
        int from = Math.min(paging.offset(), ordered.size());
        int to = Math.min(from + paging.size, ordered.size());
        return Page.of(ordered.subList(from, to), paging, ordered.size());
    }

    /** Where an application of agency {@code ori} stands, before positions are given. */
    private static Rank place(String ori, List<CoResponderProgramProjection> agencyPrograms,
                              SurveyReportProjection report, List<RecommendedModel> recommended, int fiscalYear) {
        String unranked = "ranked after every application with a recommended model, by application time";
        if (report == null) {
            return Rank.unranked(SurveyRank.unranked(null, "no national survey report (Sec. 4(c)) for "
                    + fiscalYear + " or an earlier year received yet: applications in the order they were submitted"));
        }
        List<CoResponderProgramProjection> active = agencyPrograms.stream().filter(c -> ACTIVE.equals(c.status)).toList();
        if (active.isEmpty()) {
            String others = agencyPrograms.isEmpty() ? "" : " (its programs are "
                    + agencyPrograms.stream().map(c -> c.status).distinct().sorted().collect(Collectors.joining(", "))
                    + "; only ACTIVE programs count)";
            return Rank.unranked(SurveyRank.unranked(report, "agency " + ori
                    + " has no ACTIVE co-responder program" + others + ": " + unranked));
        }
        RecommendedModel best = null;
        CoResponderProgramProjection bestProgram = null;
        for (CoResponderProgramProjection c : active) {
            for (RecommendedModel m : recommended) {
                if (m.model().equals(c.model) && (best == null || m.rank() < best.rank())) {
                    best = m;
                    bestProgram = c;
                }
            }
        }
        if (best == null) {
            String models = active.stream().map(c -> c.model == null ? "a model not stated" : c.model).distinct().sorted()
                    .collect(Collectors.joining(", "));
            return Rank.unranked(SurveyRank.unranked(report, "agency " + ori
                    + "'s ACTIVE co-responder programs run " + models + ", which " + describe(report)
                    + " does not rank: " + unranked));
        }
        String reason = "the agency's ACTIVE co-responder " + bestProgram.label() + " runs " + best.model()
                + ", rank " + best.rank() + " of " + recommended.size() + " in " + describe(report) + ", which recommends "
                + best.recommendation() + " (" + best.rule() + ": " + best.rationale() + "); ties on the rank go by"
                + " application time";
        return new Rank(best.rank(), new SurveyRank(0, best.model(), best.rank(), best.recommendation(),
                best.rule(), bestProgram.programId, report.reportId, report.version, report.period, reason));
    }

    private static String describe(SurveyReportProjection report) {
        return "the national survey report for " + report.period + " (version " + report.version + ", "
                + report.reportId + ")";
    }

    private List<RecommendedModel> models(SurveyReportProjection report) {
        try {
            return json.readValue(report.recommendedModels, MODELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recommended models cannot be read", e);
        }
    }

    /** A rank before positions are given; unranked ones sort after every ranked one. */
    private record Rank(int sortRank, SurveyRank explanation) {

        static Rank unranked(SurveyRank explanation) {
            return new Rank(Integer.MAX_VALUE, explanation);
        }
    }

    private record Placed<A>(A application, Rank rank) {
    }
}
