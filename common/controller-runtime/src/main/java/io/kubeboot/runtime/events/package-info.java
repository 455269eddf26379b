/**
 * core/v1 Events as client-go's record package writes them: {@link io.kubeboot.runtime.events.EventRecorder}
 * (non-blocking, bounded queue; correlation, counting and spam filtering as upstream's EventCorrelator).
 */
package io.kubeboot.runtime.events;
