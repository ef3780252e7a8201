package org.safepolicing.platform.security;

/** The suite's OIDC realm roles (see DESIGN.md, "Who may do what"). */
public final class Roles {

    public static final String DOJ_ADMIN = "doj-admin";
    public static final String BODY_ASSESSOR = "body-assessor";
    public static final String AGENCY_USER = "agency-user";
    public static final String GRANT_OFFICER = "grant-officer";
    public static final String HHS_ANALYST = "hhs-analyst";
    public static final String OFFICER = "officer";
    public static final String AUDITOR = "auditor";
    /**
     * A state's peace officer standards and training (POST) board: it certifies officers and de-certifies them
     * (Sec. 3(b)(iv)), so it submits DECERTIFICATION records for officers certified in its state. Scoped by the
     * {@link #STATE_CLAIM} claim.
     */
    public static final String STATE_BOARD = "state-board";

    /** Token claims that scope a caller. */
    public static final String ORI_CLAIM = "ori";
    public static final String BODY_ID_CLAIM = "body_id";
    public static final String OFFICER_ID_CLAIM = "officer_id";
    /** Two-letter USPS code of the state a {@link #STATE_BOARD} caller speaks for, e.g. {@code VA}. */
    public static final String STATE_CLAIM = "state";

    private Roles() {
    }
}
