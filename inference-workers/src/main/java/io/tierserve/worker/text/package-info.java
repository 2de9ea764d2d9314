/**
 * Text models for cascades whose input is a text: hashed word and character n-grams with a linear
 * model, and sentence encoders (ONNX, with their HuggingFace tokenizers) with a trained linear head.
 */
package io.tierserve.worker.text;
