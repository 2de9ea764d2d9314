/** The demo model family: an early-exit CNN for Fashion-MNIST, trained with DJL and exported per stage. */
package io.tierserve.worker.training;
