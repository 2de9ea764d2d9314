/** A minimal ONNX protobuf writer for the feed-forward layers the demo stages use (DJL cannot export ONNX). */
package io.tierserve.worker.onnx;
