package org.safepolicing.platform.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a resource (class or method) that reads or changes officer-level data (an officer's records, disclosures,
 * disputes, checks, notices). Besides the 403 every resource's refusal leaves, its 409 and 422 refusals are audited
 * too ({@code request.refused}, by the problem mappers): a conflict or a refused rule on an officer's data is itself a
 * fact an auditor may need (issue 16 §4, "refusals are audited"). Where the deployment requires a second factor for
 * officer-level data ({@code platform.step-up.*}), {@link org.safepolicing.platform.security.StepUpInterceptor} refuses a
 * single-factor token here with 401 {@code insufficient_user_authentication}.
 */
@InterceptorBinding
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface OfficerLevelData {
}
