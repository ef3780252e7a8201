package org.safepolicing.records.dispute;

/** OPEN until the reviewer decides: the record is upheld, amended or expunged. */
public enum DisputeStatus {
    OPEN, UPHELD, AMENDED, EXPUNGED
}
