package io.kubeboot.store;

/**
 * The outcome of a write. {@code revision} is the new revision for OK, the current revision of the
 * object for EXISTS and CONFLICT; {@code claim} names the taken claim for CLAIMED.
 */
public record WriteResult(Outcome outcome, long revision, Claim claim) {
    public enum Outcome { OK, NOT_FOUND, EXISTS, CONFLICT, CLAIMED }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
