/** Policy versions: planning a policy per tier from a profile, storing and activating versions, and finding the active one per request. */
package io.tierserve.platform.policy;
