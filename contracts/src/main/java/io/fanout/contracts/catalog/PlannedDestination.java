package io.fanout.contracts.catalog;

/**
 * One destination of a match's plan: the partner's destination, the title template the partner
 * gave ({@code {competition}: {participants}}) and the title it renders to for this match, which
 * publish-service gives the network's broadcast.
 */
public record PlannedDestination(String destinationId, String titleTemplate, String title) {
}
