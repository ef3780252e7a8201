package org.safepolicing.coresponder.survey;

import java.util.List;
import java.util.Locale;

import org.safepolicing.platform.web.Csv;

/** The survey as CSV (one row per model and per breakdown group) and as a readable HTML page for HHS. */
final class SurveyDocuments {

    private SurveyDocuments() {
    }

    static String csv(SurveyReport report) {
        Csv csv = Csv.header("breakdown", "group", "model", "rank", "recommendation", "rule", "programs", "encounters",
                "diversion_rate", "diversion_lower", "diversion_upper",
                "arrest_rate", "arrest_lower", "arrest_upper",
                "force_rate", "force_lower", "force_upper",
                "follow_up_rate", "follow_up_lower", "follow_up_upper",
                "median_response_minutes", "median_lower", "median_upper", "response_minutes_recorded", "flagged");
        for (SurveyReport.ModelResult m : report.models()) {
            csv.row(row("MODEL", "ALL", m.model().name(), m.rank(), m.recommendation().action().name(),
                    m.recommendation().rule(), m.metrics()));
        }
        for (SurveyReport.GroupResult g : report.byState()) {
            csv.row(row("STATE", g.group(), g.model().name(), null, null, null, g.metrics()));
        }
        for (SurveyReport.GroupResult g : report.byAgencyType()) {
            csv.row(row("AGENCY_TYPE", g.group(), g.model().name(), null, null, null, g.metrics()));
        }
        for (SurveyReport.NeedResult n : report.byNeed()) {
            csv.row(row("NEED", n.need(), "ALL", n.metrics()));
        }
        for (SurveyReport.NeedGroupResult n : report.byModelAndNeed()) {
            csv.row(row("NEED", n.need(), n.model().name(), n.metrics()));
        }
        for (SurveyReport.GroupResult g : report.byLeadership()) {
            csv.row(row("LEADERSHIP", g.group(), g.model().name(), null, null, null, g.metrics()));
        }
        for (SurveyReport.NeedResult n : report.communityLedByNeed()) {
            if (n.metrics().encounters() > 0) {
                csv.row(row("COMMUNITY_LED_NEED", n.need(), "ALL", n.metrics()));
            }
        }
        return csv.toString();
    }

    private static List<Object> row(String breakdown, String group, String model, Integer rank, String action, String rule,
                                    SurveyReport.Metrics m) {
        return java.util.Arrays.asList(breakdown, group, model, rank, action, rule, m.programs(), m.encounters(),
                m.diversion().value(), m.diversion().lower(), m.diversion().upper(),
                m.arrest().value(), m.arrest().lower(), m.arrest().upper(),
                m.force().value(), m.force().lower(), m.force().upper(),
                m.followUp().value(), m.followUp().lower(), m.followUp().upper(),
                m.medianResponseMinutes().value(), m.medianResponseMinutes().lower(), m.medianResponseMinutes().upper(),
                m.medianResponseMinutes().of(), String.join(" ", m.flagged()));
    }

    private static List<Object> row(String breakdown, String group, String model, SurveyReport.RateMetrics m) {
        return java.util.Arrays.asList(breakdown, group, model, null, null, null, m.programs(), m.encounters(),
                m.diversion().value(), m.diversion().lower(), m.diversion().upper(),
                m.arrest().value(), m.arrest().lower(), m.arrest().upper(),
                m.force().value(), m.force().lower(), m.force().upper(),
                m.followUp().value(), m.followUp().lower(), m.followUp().upper(),
                null, null, null, null, String.join(" ", m.flagged()));
    }

    static String html(SurveyReport report) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Community-support model survey (EO 13929, Sec. 4)</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin:1rem 0}")
                .append("th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append(".flag{color:#a40}caption{text-align:left;font-weight:bold}</style></head><body>\n")
                .append("<h1>Community-support model survey</h1>\n<p>Executive Order 13929, Sec. 4: outcomes of co-responder and ")
                .append("community-support models, from the de-identified encounters agencies report. Generated ")
                .append(esc(report.generatedAt().toString())).append(". Scope: state ")
                .append(esc(report.scope().state() == null ? "all" : report.scope().state())).append(", agency type ")
                .append(esc(report.scope().agencyType() == null ? "all" : report.scope().agencyType())).append(".</p>\n");
        SurveyReport.Pooled p = report.pooled();
        h.append("<p>Pooled over every model: ").append(p.programs()).append(" programs, ").append(p.encounters())
                .append(" encounters; diversion ").append(pct(p.diversionRate())).append(", arrest ").append(pct(p.arrestRate()))
                .append(", force ").append(pct(p.forceRate())).append(", follow-up ").append(pct(p.followUpRate())).append(".</p>\n");

        h.append("<h2>Models, ranked</h2>\n");
        modelTable(h, report.models());

        h.append("<h2>Funding recommendations</h2>\n<ul>\n");
        for (SurveyReport.ModelResult m : report.models()) {
            h.append("<li><strong>").append(esc(m.model().name())).append("</strong>: ")
                    .append(esc(m.recommendation().action().name())).append(" (rule ").append(esc(m.recommendation().rule()))
                    .append("). ").append(esc(m.recommendation().reason())).append("</li>\n");
        }
        h.append("</ul>\n<h2>Costs and funding, ").append(report.costs().year()).append("</h2>\n<p>")
                .append(esc(report.costs().definition())).append(".</p>\n<table><thead><tr><th>Model</th><th>Programs with a budget</th>")
                .append("<th>Budget (USD)</th><th>Encounters</th><th>Cost per encounter</th><th>Cost per diverted arrest (95% CI)</th></tr></thead><tbody>\n");
        for (SurveyReport.ModelCost c : report.costs().models()) {
            h.append("<tr><td>").append(esc(c.model().name())).append("</td><td>").append(c.programsWithCost()).append("</td><td>")
                    .append(c.budgetUsd()).append("</td><td>").append(c.encounters()).append("</td><td>")
                    .append(usd(c.costPerEncounterUsd())).append("</td><td>").append(usd(c.costPerDivertedArrestUsd()))
                    .append(" (").append(usd(c.costPerDivertedArrestLowerUsd())).append("–").append(usd(c.costPerDivertedArrestUpperUsd()))
                    .append(")").append(c.sufficient() ? "" : " <span class=\"flag\">too few</span>").append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<p>").append(esc(report.funding().formula())).append(".</p>\n<ul>\n");
        for (SurveyReport.ModelFunding f : report.funding().models()) {
            h.append("<li><strong>").append(f.rank()).append(". ").append(esc(f.model().name())).append("</strong>: ")
                    .append(esc(f.rationale())).append("</li>\n");
        }
        h.append("</ul>\n<h2>The rules behind them</h2>\n<p>Applied in order; the first that matches decides.</p>\n<ol>\n");
        for (SurveyReport.Rule r : report.method().rules()) {
            h.append("<li><strong>").append(esc(r.id())).append(" → ").append(esc(r.action().name())).append("</strong>: when ")
                    .append(esc(r.condition())).append(". ").append(esc(r.recommendation())).append("</li>\n");
        }
        h.append("</ol>\n<h2>Method</h2>\n<ul>")
                .append("<li>Rates: ").append(esc(report.method().rateInterval())).append(".</li>")
                .append("<li>Median response minutes: ").append(esc(report.method().medianInterval())).append(".</li>")
                .append("<li>Diversion: ").append(esc(report.method().diversion())).append(".</li>")
                .append("<li>Needs: ").append(esc(report.method().needs())).append(".</li>")
                .append("<li>Too few encounters: ").append(esc(report.method().flagging())).append(".</li>")
                .append("<li>Ranking: ").append(esc(report.method().ranking())).append(".</li></ul>\n");

        h.append("<h2>By need (mental health, homelessness, addiction)</h2>\n");
        needTable(h, report);
        h.append("<h2>By state</h2>\n");
        groupTable(h, "State", report.byState());
        h.append("<h2>By agency type</h2>\n");
        groupTable(h, "Agency type", report.byAgencyType());
        h.append("<h2>Police-attached and community-led</h2>\n");
        groupTable(h, "Leadership", report.byLeadership());
        return h.append("</body></html>\n").toString();
    }

    private static void modelTable(StringBuilder h, List<SurveyReport.ModelResult> models) {
        h.append("<table><thead><tr><th>Model</th><th>Rank</th><th>Recommendation</th>");
        metricHeads(h);
        h.append("</tr></thead><tbody>\n");
        for (SurveyReport.ModelResult m : models) {
            h.append("<tr><td>").append(esc(m.model().name())).append("</td><td>")
                    .append(m.rank() == null ? "<span class=\"flag\">not ranked</span>" : m.rank()).append("</td><td>")
                    .append(esc(m.recommendation().action().name())).append("</td>");
            metricCells(h, m.metrics());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void groupTable(StringBuilder h, String groupName, List<SurveyReport.GroupResult> groups) {
        h.append("<table><thead><tr><th>").append(esc(groupName)).append("</th><th>Model</th>");
        metricHeads(h);
        h.append("</tr></thead><tbody>\n");
        for (SurveyReport.GroupResult g : groups) {
            h.append("<tr><td>").append(esc(g.group())).append("</td><td>").append(esc(g.model().name())).append("</td>");
            metricCells(h, g.metrics());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void needTable(StringBuilder h, SurveyReport report) {
        h.append("<table><thead><tr><th>Need</th><th>Model</th><th>Programs</th><th>Encounters</th><th>Diversion (95% CI)</th>")
                .append("<th>Arrest (95% CI)</th><th>Force (95% CI)</th><th>Follow-up (95% CI)</th></tr></thead><tbody>\n");
        for (SurveyReport.NeedResult n : report.byNeed()) {
            needRow(h, n.need(), "all models", n.metrics());
            for (SurveyReport.NeedGroupResult g : report.byModelAndNeed()) {
                if (g.need().equals(n.need())) {
                    needRow(h, n.need(), g.model().name(), g.metrics());
                }
            }
        }
        h.append("</tbody></table>\n");
    }

    private static void needRow(StringBuilder h, String need, String model, SurveyReport.RateMetrics m) {
        h.append("<tr><td>").append(esc(need)).append("</td><td>").append(esc(model)).append("</td><td>").append(m.programs())
                .append("</td><td>").append(m.encounters()).append("</td>");
        rate(h, m.diversion());
        rate(h, m.arrest());
        rate(h, m.force());
        rate(h, m.followUp());
        h.append("</tr>\n");
    }

    private static void metricHeads(StringBuilder h) {
        h.append("<th>Programs</th><th>Encounters</th><th>Diversion (95% CI)</th><th>Arrest (95% CI)</th>")
                .append("<th>Force (95% CI)</th><th>Follow-up (95% CI)</th><th>Median response min (95% CI)</th>");
    }

    private static void metricCells(StringBuilder h, SurveyReport.Metrics m) {
        h.append("<td>").append(m.programs()).append("</td><td>").append(m.encounters()).append("</td>");
        rate(h, m.diversion());
        rate(h, m.arrest());
        rate(h, m.force());
        rate(h, m.followUp());
        Metric.Median md = m.medianResponseMinutes();
        h.append("<td>").append(md.value() == null ? "–" : num(md.value()) + " (" + num(md.lower()) + "–" + num(md.upper()) + ")")
                .append(md.sufficient() ? "" : " <span class=\"flag\">too few</span>").append("</td>");
    }

    private static void rate(StringBuilder h, Metric.Rate r) {
        h.append("<td>").append(r.value() == null ? "–" : pct(r.value()) + " (" + pct(r.lower()) + "–" + pct(r.upper()) + ")")
                .append(r.sufficient() ? "" : " <span class=\"flag\">too few</span>").append("</td>");
    }

    private static String pct(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String usd(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "$%,.2f", v);
    }

    private static String num(Double v) {
        return v == Math.rint(v) ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
