/** The TierServe platform: the application class; features live in the sub-packages, one each. */
package io.tierserve.platform;
