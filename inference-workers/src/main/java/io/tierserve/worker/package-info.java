/** Model execution with DJL, stage by stage, under a cascade policy with recall. */
package io.tierserve.worker;
