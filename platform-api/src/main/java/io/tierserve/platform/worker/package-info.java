/** The worker pools: in-process and remote inference workers per device class, their registration and heartbeats, and the routing of each request to one of them. */
package io.tierserve.platform.worker;
