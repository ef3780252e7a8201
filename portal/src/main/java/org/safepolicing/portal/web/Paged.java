package org.safepolicing.portal.web;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** One page of a service's paged answer ({@code items, page, size, total}), with what a pager needs. */
@TemplateData
public record Paged<T>(List<T> items, int page, int size, long total) {

    public Paged {
        items = items == null ? List.of() : items;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public int previousPage() {
        return page - 1;
    }

    public int nextPage() {
        return page + 1;
    }

    /** 1-based number of the first item shown (0 when none). */
    public long first() {
        return items.isEmpty() ? 0 : (long) page * size + 1;
    }

    public long last() {
        return (long) page * size + items.size();
    }
}
