/** Reading the plain forms of JSON request bodies (tensors above all) without a general parser's overhead. */
package io.tierserve.worker.json;
