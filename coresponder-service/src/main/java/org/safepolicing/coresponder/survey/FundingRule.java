package org.safepolicing.coresponder.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.coresponder.survey.SurveyReport.Action;
import org.safepolicing.coresponder.survey.SurveyReport.ModelCost;
import org.safepolicing.coresponder.survey.SurveyReport.ModelFunding;
import org.safepolicing.coresponder.survey.SurveyReport.ModelResult;

/**
 * EO 13929 Sec. 4(c): "specific recommendations regarding how appropriated funds can be reallocated to support
 * widespread adoption of successful models and recommendations for additional funding, if needed". The order names no
 * formula; this is the stated policy, applied to the measured outcomes (the funding rules R1-R4) and the year's costs.
 */
final class FundingRule {

    /** Share of a REVIEW model's reported budget that is reallocated to the fundable models. */
    static final double REALLOCATION_SHARE = 0.25;
    /** Growth of a fundable model's funded capacity the report aims at ("widespread adoption"). */
    static final double EXPANSION_SHARE = 0.25;

    static final String FORMULA = "Fundable: a model recommended EXPAND (rule R2) whose programs with a reported budget had at "
            + "least " + SurveyService.MINIMUM_ENCOUNTERS + " encounters in the year and at least one diverted; small samples are "
            + "never recommended. Pool = " + pct(REALLOCATION_SHARE) + " of the year's reported budgets of the models recommended "
            + "REVIEW (rule R3), reallocated only when a model is fundable (shown as a negative reallocation of each REVIEW model). "
            + "Each fundable model receives the pool in proportion to its weight = encounters x the lower bound of its diversion "
            + "interval / budget (diverted arrests per dollar, counted conservatively), in whole dollars (largest remainders "
            + "get the leftover dollars). Additional funding = " + pct(EXPANSION_SHARE) + " of the model's budget (the growth "
            + "aimed at) minus what it receives from the pool, if positive. MAINTAIN models keep their funding (0); models "
            + "without a reported budget for the year have no amounts (null)";

    private FundingRule() {
    }

    static SurveyReport.Funding decide(int year, List<ModelResult> models, Map<ProgramModel, ModelCost> costs) {
        long pool = 0;
        Map<ProgramModel, Double> weight = new HashMap<>();
        for (ModelResult m : models) {
            if (m.rank() == null) {
                continue;
            }
            ModelCost c = costs.get(m.model());
            if (m.recommendation().action() == Action.EXPAND && fundable(c)) {
                weight.put(m.model(), c.encounters() * c.diversion().lower() / c.budgetUsd());
            }
        }
        for (ModelResult m : models) {
            ModelCost c = costs.get(m.model());
            if (m.rank() != null && m.recommendation().action() == Action.REVIEW && c != null && c.budgetUsd() > 0
                    && !weight.isEmpty()) {
                pool += Math.round(c.budgetUsd() * REALLOCATION_SHARE);
            }
        }
        Map<ProgramModel, Long> share = split(pool, weight);
        List<ModelFunding> out = new ArrayList<>();
        for (ModelResult m : models) {
            if (m.rank() == null) {
                continue; // fewer encounters than the minimum: never recommended
            }
            ModelCost c = costs.get(m.model());
            Action action = m.recommendation().action();
            Long reallocation = null;
            Long additional = null;
            String money;
            if (share.containsKey(m.model())) {
                reallocation = share.get(m.model());
                additional = Math.max(0, Math.round(c.budgetUsd() * EXPANSION_SHARE) - reallocation);
                money = String.format(Locale.ROOT, "; $%.2f per diverted arrest (%d diverted of %d encounters in %d on a budget of $%d): "
                                + "receives $%d of the reallocated $%d and $%d additional funding",
                        c.costPerDivertedArrestUsd(), c.diversion().count(), c.encounters(), year, c.budgetUsd(), reallocation,
                        pool, additional);
            } else if (action == Action.REVIEW && c != null && c.budgetUsd() > 0) {
                reallocation = weight.isEmpty() ? 0L : -Math.round(c.budgetUsd() * REALLOCATION_SHARE);
                money = weight.isEmpty() ? "; no model is fundable, so nothing is reallocated"
                        : String.format(Locale.ROOT, "; %s of its $%d budget in %d is reallocated to the fundable models",
                        pct(REALLOCATION_SHARE), c.budgetUsd(), year);
            } else if (c != null && c.budgetUsd() > 0 && action != Action.EXPAND) {
                reallocation = 0L;
                money = "; funding unchanged";
            } else {
                money = c == null || c.budgetUsd() == 0 ? "; no budget reported for " + year + ": no amounts"
                        : "; too few encounters with a reported budget in " + year + " (fewer than "
                                + SurveyService.MINIMUM_ENCOUNTERS + "): no amounts";
            }
            Metric.Rate d = m.metrics().diversion();
            String rationale = String.format(Locale.ROOT, "%s (rule %s): diversion %.1f%% (95%% CI %.1f%%-%.1f%%) over %d encounters",
                    action, m.recommendation().rule(), d.value() * 100, d.lower() * 100, d.upper() * 100, d.of()) + money;
            out.add(new ModelFunding(m.model(), m.rank(), action, m.recommendation().rule(), reallocation, additional, rationale));
        }
        return new SurveyReport.Funding(year, REALLOCATION_SHARE, EXPANSION_SHARE, weight.isEmpty() ? 0 : pool, FORMULA, out);
    }

    static boolean fundable(ModelCost c) {
        return c != null && c.budgetUsd() > 0 && c.encounters() >= SurveyService.MINIMUM_ENCOUNTERS
                && c.diversion().count() > 0 && c.diversion().lower() != null && c.diversion().lower() > 0;
    }

    /** The pool in whole dollars by weight; the dollars left by rounding down go to the largest remainders. */
    static Map<ProgramModel, Long> split(long pool, Map<ProgramModel, Double> weight) {
        Map<ProgramModel, Long> out = new HashMap<>();
        double total = weight.values().stream().mapToDouble(Double::doubleValue).sum();
        if (weight.isEmpty()) {
            return out;
        }
        long given = 0;
        Map<ProgramModel, Double> remainder = new HashMap<>();
        for (Map.Entry<ProgramModel, Double> w : weight.entrySet()) {
            double exact = pool * w.getValue() / total;
            long whole = (long) Math.floor(exact);
            out.put(w.getKey(), whole);
            remainder.put(w.getKey(), exact - whole);
            given += whole;
        }
        List<ProgramModel> order = new ArrayList<>(remainder.keySet());
        order.sort(Comparator.comparing((ProgramModel m) -> -remainder.get(m)).thenComparing(Enum::name));
        for (int i = 0; given < pool; i = (i + 1) % order.size(), given++) {
            out.merge(order.get(i), 1L, Long::sum);
        }
        return out;
    }

    private static String pct(double share) {
        return Math.round(share * 100) + "%";
    }
}
