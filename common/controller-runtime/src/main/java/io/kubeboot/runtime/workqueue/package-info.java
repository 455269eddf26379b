/**
 * client-go's workqueue: {@link io.kubeboot.runtime.workqueue.RateLimitingQueue} (dedup, one worker per item,
 * delayed and rate-limited adds, metrics) and the {@link io.kubeboot.runtime.workqueue.RateLimiters}.
 */
package io.kubeboot.runtime.workqueue;
