package org.safepolicing.coresponder.web;

import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.web.PageRequest;

/**
 * The first row of a page. {@link PageRequest#offset()} multiplies page by size with {@code Math.multiplyExact}, so a
 * page number such as 100,000,000 with size 500 overflows an int and would end as a 500; here it is a 400 problem.
 */
public final class Paging {

    private Paging() {
    }

    public static int offset(PageRequest paging) {
        long offset = (long) paging.page * paging.size;
        if (offset > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("page " + paging.page + " of size " + paging.size + " is beyond any list");
        }
        return (int) offset;
    }
}
