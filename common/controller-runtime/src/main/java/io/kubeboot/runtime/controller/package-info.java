/**
 * Reconcile loops: a {@link io.kubeboot.runtime.controller.Reconciler} per controller, run by a
 * {@link io.kubeboot.runtime.controller.Controller} (work queue, worker threads, graceful stop) that informers feed
 * through {@link io.kubeboot.runtime.controller.InformerHandlers} with {@link io.kubeboot.runtime.controller.ObjectKey}s.
 *
 * <p>Rule for everything here: objects handed out by informers (handlers, caches, listers) are shared; never
 * modify them, copy first.
 */
package io.kubeboot.runtime.controller;
