package org.safepolicing.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The portal shows amounts exactly as the services state them. */
class ServicesJsonTest {

    record Amount(BigDecimal amount) {
    }

    @Test
    void anAmountKeepsItsCents() throws Exception {
        Amount read = Services.JSON.convertValue(Services.JSON.readTree("{\"amount\": 100000.00, \"other\": 1}"),
                Amount.class);
        assertEquals("100000.00", read.amount().toPlainString());
    }
}
