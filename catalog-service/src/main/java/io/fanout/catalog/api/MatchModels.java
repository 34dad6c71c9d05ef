package io.fanout.catalog.api;

import io.fanout.catalog.domain.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The match API's request and response bodies. */
public final class MatchModels {

    private static final String PRINTABLE_MESSAGE = "must not contain control characters";

    private MatchModels() {
    }

    public record ParticipantInput(
            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String name,
            @NotBlank String role) {
    }

    /** One destination of a plan; {@code titleTemplate} defaults to {@code {title}}. */
    public record PlanInput(@NotNull UUID destinationId, String titleTemplate) {
    }

    public record CreateMatch(
            @NotBlank String sport,
            @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String competition,
            @Size(max = 100) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String stage,
            @Size(max = 300) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String title,
            @Size(max = 50) List<@Valid @NotNull ParticipantInput> participants,
            @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String venue,
            @NotNull Instant scheduledStart,
            Instant scheduledEnd,
            UUID streamId,
            @Size(max = 20) List<@Valid @NotNull PlanInput> plan) {
    }

    /** New values; an absent field is left as it is, an empty text clears an optional one. */
    public record EditMatch(
            String sport,
            @Size(min = 1, max = 200) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String competition,
            @Size(max = 100) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String stage,
            @Size(min = 1, max = 300) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String title,
            @Size(max = 50) List<@Valid @NotNull ParticipantInput> participants,
            @Size(max = 200) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String venue,
            Instant scheduledStart,
            Instant scheduledEnd,
            String status) {
    }

    public record BindStream(@NotNull UUID streamId) {
    }

    public record SetPlan(@NotNull @Size(max = 20) List<@Valid @NotNull PlanInput> plan) {
    }

    public record CancelMatch(@Size(max = 500) @Pattern(regexp = Text.PRINTABLE, message = PRINTABLE_MESSAGE) String reason) {
    }

    public record ParticipantView(String name, String role) {
    }

    public record PlanView(UUID destinationId, String titleTemplate, String title) {
    }

    /** Where a match made by an upstream feed comes from. */
    public record FeedView(String provider, String fixtureId) {
    }

    public record MatchView(UUID id, String sport, String competition, String stage, String title,
            List<ParticipantView> participants, String venue, Instant scheduledStart, Instant scheduledEnd, String status,
            boolean late, UUID streamId, List<PlanView> plan, long version, FeedView feed, Instant liveAt, Instant endedAt,
            String cancelReason, Instant createdAt, Instant updatedAt) {
    }

    /** A page of matches; {@code nextCursor} fetches the next one and is absent on the last. */
    public record MatchPage(List<MatchView> matches, String nextCursor) {
    }
}
