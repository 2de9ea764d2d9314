/** Rate limits and daily quotas per tenant and per tier, counted in the shared database so every instance agrees. */
package io.tierserve.platform.ratelimit;
