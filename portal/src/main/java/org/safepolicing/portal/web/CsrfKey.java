package org.safepolicing.portal.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key that signs each session's CSRF token ({@code portal.csrf-secret}, environment {@code PORTAL_CSRF_SECRET}):
 * checked when the portal starts (at least 32 characters), so a weak key stops the start instead of failing pages.
 */
@Singleton
@Startup
public class CsrfKey {

    private final SecretKeySpec key;

    CsrfKey(@ConfigProperty(name = "portal.csrf-secret") String secret) {
        if (secret.length() < 32) {
            throw new IllegalStateException("portal.csrf-secret (PORTAL_CSRF_SECRET) must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** HMAC-SHA256 of the text, base64url without padding. */
    String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
