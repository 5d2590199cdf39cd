/**
 * The cluster demo ({@code java -jar zapjobs-events-sample-app-cluster.jar cluster}): an operations
 * node with an embedded Kafka broker, and two worker nodes in their own processes that forward
 * their job events to it.
 */
package dev.zapjobs.events.sample.cluster;
