/**
 * Leader election on a coordination.k8s.io/v1 Lease: {@link io.kubeboot.runtime.leader.LeaderElection}, as
 * client-go's leaderelection package is used by kube-scheduler and kube-controller-manager.
 */
package io.kubeboot.runtime.leader;
