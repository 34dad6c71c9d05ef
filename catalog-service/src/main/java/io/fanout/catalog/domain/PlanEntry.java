package io.fanout.catalog.domain;

import java.util.UUID;

/** One destination of a match's plan, with the template of the title its broadcast gets there. */
public record PlanEntry(UUID destinationId, TitleTemplate titleTemplate) {
}
