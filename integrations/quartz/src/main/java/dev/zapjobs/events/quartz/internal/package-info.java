/** Internals of the Quartz adapter: not an API, may change in any release. */
package dev.zapjobs.events.quartz.internal;
