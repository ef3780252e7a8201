package org.safepolicing.records.reporting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How agencies report (Sec. 3(d)): period length, first period, grace days, how often the scheduler looks. */
@ConfigMapping(prefix = "records.reporting")
public interface ReportingConfig {

    /** Months per period: 1, 3 (quarterly), 6 or 12. */
    @WithDefault("3")
    int periodMonths();

    /** The first period agencies must report, e.g. 2026-Q3; earlier periods are never DELINQUENT. */
    @WithDefault("2026-Q3")
    String firstPeriod();

    /** A period is due this many days after it ends. */
    @WithDefault("30")
    int dueDays();

    /** How often the delinquency check runs (one replica at a time), e.g. 1h; "off" disables the timer. */
    @WithDefault("1h")
    String every();
}
