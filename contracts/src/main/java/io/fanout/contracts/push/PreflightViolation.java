package io.fanout.contracts.push;

/** One limit broken: which, and what was measured against what the network accepts, in words. */
public record PreflightViolation(PreflightCheck check, String detail) {
}
