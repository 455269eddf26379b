package io.kubeboot.controller.cloud.provider;

/** A provider call failed; the controllers log it, record it in events and retry with backoff. */
public class CloudProviderException extends RuntimeException {
    public CloudProviderException(String message) {
        super(message);
    }

    public CloudProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
