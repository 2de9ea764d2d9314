/** Feedback: true labels applications send back for served requests, and the live profiles they add up to. */
package io.tierserve.platform.feedback;
