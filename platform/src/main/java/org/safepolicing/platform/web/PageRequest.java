package org.safepolicing.platform.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The one way list endpoints take paging: {@code ?page=0&size=50}, pages from 0, at most {@link #MAX_SIZE} items.
 * Use as {@code @Valid @BeanParam PageRequest paging}; an out-of-range value is a 400 problem, never a huge answer.
 */
public class PageRequest {

    public static final int MAX_SIZE = 500;
    /** Deep enough for any list the suite holds (50 million items at the largest page), small enough never to overflow. */
    public static final int MAX_PAGE = 100_000;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "page starts at 0")
    @Max(value = MAX_PAGE, message = "page is at most " + MAX_PAGE)
    public int page;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "size is at least 1")
    @Max(value = MAX_SIZE, message = "size is at most " + MAX_SIZE)
    public int size;

    public PageRequest() {
    }

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = page;
        request.size = size;
        return request;
    }

    /** Offset of the first item of this page, for {@code setFirstResult}. */
    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
